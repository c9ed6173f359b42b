"""The dialogs of Settings → Shops and tills (tills_panel.py): the hub owner's login for one act,
the chain's PostgreSQL server for a chain with a hosted database, and a new till's join code with
its QR code to scan at the new till."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from loyalty.printing.card import qr_matrix

from ..widgets.formatting import moment_text


def lay_out_form(dialog: QDialog, intro: str, rows: list[tuple[str, QLineEdit]], width: int) -> None:
    """A form dialog: what it is for, its named fields, OK and Cancel."""
    form = QFormLayout()
    for label, field in rows:
        field.setAccessibleName(label)
        form.addRow(label, field)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(intro, wordWrap=True))
    layout.addLayout(form)
    layout.addWidget(buttons)
    dialog.setMinimumWidth(width)


class OwnerLogin(QDialog):
    """The hub owner's user name and password, for one act (never kept)."""

    def __init__(self, what: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("The hub owner's login"))
        self.user = QLineEdit()
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        lay_out_form(self, self.tr("{what} needs the hub owner's login (the PostgreSQL role that ran loyalty hub "
                                   "init). It is used for this and not kept.").format(what=what),
                     [(self.tr("User"), self.user), (self.tr("Password"), self.password)], 460)


def qr_pixmap(text: str, module: int = 4) -> QPixmap:
    """The QR code of `text`, `module` pixels a module, quiet zone included."""
    matrix = qr_matrix(text)
    size = len(matrix)
    image = QImage(size, size, QImage.Format.Format_RGB32)
    black, white = QColor("black").rgb(), QColor("white").rgb()
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            image.setPixel(x, y, black if dark else white)
    return QPixmap.fromImage(image.scaled(size * module, size * module))


class JoinCodeDialog(QDialog):
    """A new till's join code: to type or paste at the new till, or to scan from the screen."""

    def __init__(self, name: str, code_text: str, expires_at: str, timezone: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Join code for {name}").format(name=name))
        intro = QLabel(self.tr("At the new till's first start, tick 'This till joins a shop or chain' and scan this "
                               "code (or paste the text). It works once, until {when}.").format(
            when=moment_text(expires_at, timezone)), wordWrap=True)
        self.qr = QLabel()
        self.qr.setPixmap(qr_pixmap(code_text))
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code = QLineEdit(code_text, readOnly=True)
        self.code.setAccessibleName(self.tr("Join code"))
        copy = QPushButton(self.tr("Copy the code"))
        copy.clicked.connect(lambda: (self.code.selectAll(), self.code.copy()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.qr)
        layout.addWidget(self.code)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)


class ServerForm(QDialog):
    """The chain's PostgreSQL server (hosted, or in the office) and the owner's login on it, and
    this till's store: what *Use the chain's server…* needs (never kept but the till's own link)."""

    def __init__(self, shop_name: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("The chain's server"))
        self.host, self.port, self.dbname = QLineEdit(), QLineEdit("5432"), QLineEdit("loyalty")
        self.user, self.password = QLineEdit(), QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.sslmode = QLineEdit("require")
        self.store, self.store_name = QLineEdit("M1"), QLineEdit(shop_name)
        lay_out_form(self, self.tr("A PostgreSQL server (14 or newer) that every store reaches, and the login of its "
                                   "owner (who may create roles). It becomes the chain's hub; this till joins it."),
                     [(self.tr("Server address"), self.host), (self.tr("Port"), self.port),
                      (self.tr("Database"), self.dbname), (self.tr("Owner's user"), self.user),
                      (self.tr("Password"), self.password), (self.tr("TLS (sslmode)"), self.sslmode),
                      (self.tr("This store's code"), self.store), (self.tr("This store's name"), self.store_name)], 520)
