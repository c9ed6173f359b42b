"""About (F1): the app's name, version, and where its files are — the database and the
log file support asks for. Also the app's icon, which lives in resources/ beside the code
(in the installed bundle too: the build copies the folder)."""

from pathlib import Path

from PySide6.QtCore import QUrl, Qt
from PySide6.QtGui import QDesktopServices, QIcon
from PySide6.QtWidgets import (QApplication, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QPushButton,
                               QVBoxLayout)

from loyalty.common.app_info import app_version, current_log_path

from ..widgets.translations import RESOURCES

ICON_NAME = "loyalty-counter"


def app_icon() -> QIcon:
    """Every size drawn for the purpose (a scaled-down 256 px card blurs at 16 px)."""
    icon = QIcon()
    for png in sorted((RESOURCES / "icons").glob(f"{ICON_NAME}-*.png")):
        icon.addFile(str(png))
    if icon.isNull():
        icon.addFile(str(RESOURCES / f"{ICON_NAME}.png"))
    return icon


class AboutDialog(QDialog):
    def __init__(self, database: str | Path, log: str | Path | None = None, parent=None):
        super().__init__(parent)
        self.database = Path(database)
        self.log = Path(log) if log is not None else current_log_path()
        self.setWindowTitle(self.tr("About Loyalty counter"))
        self.setMinimumWidth(520)

        icon = QLabel()
        icon.setPixmap(app_icon().pixmap(96, 96))
        self.name_label = QLabel(self.tr("Loyalty counter"))
        self.name_label.setStyleSheet("font-size: 18pt; font-weight: 700;")
        self.version_label = QLabel(self.tr("Version {version}").format(version=app_version()))
        self.purpose_label = QLabel(self.tr("Loyalty points for the shop's counter. Works without the internet; "
                                            "all data stays on this computer."))
        self.purpose_label.setWordWrap(True)
        title = QVBoxLayout()
        for label in (self.name_label, self.version_label, self.purpose_label):
            title.addWidget(label)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(title, 1)

        self.database_label = self._path_label(self.database)
        self.log_label = self._path_label(self.log)
        paths = QFormLayout()
        paths.addRow(self.tr("Database:"), self.database_label)
        paths.addRow(self.tr("Log file:"), self.log_label)
        hint = QLabel(self.tr("If something goes wrong, send the log file to support."))
        hint.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_folder_button = QPushButton(self.tr("Open the log folder"))
        self.open_folder_button.clicked.connect(self.open_log_folder)
        self.copy_button = QPushButton(self.tr("Copy both paths"))
        self.copy_button.clicked.connect(self.copy_paths)
        buttons.addButton(self.open_folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(paths)
        layout.addWidget(hint)
        layout.addWidget(buttons)

    @staticmethod
    def _path_label(path: Path) -> QLabel:
        label = QLabel(str(path))
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def copy_paths(self) -> None:
        QApplication.clipboard().setText(f"{self.database}\n{self.log}")

    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log.parent)))
