"""The first window: the shop, its member count, and a way to load demo data.
The counter screen replaces this placeholder in its own issue."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QPushButton, QVBoxLayout, QWidget

from loyalty.context import Context
from loyalty.demo import load_demo_data
from loyalty.errors import LoyaltyError


def member_count(ctx: Context) -> int:
    return ctx.db.execute("SELECT COUNT(*) FROM members WHERE status != 'erased'").fetchone()[0]


class MainWindow(QMainWindow):
    def __init__(self, ctx: Context):
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(self.tr("Loyalty counter"))
        self.resize(1024, 640)
        self.shop_label = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.shop_label.setStyleSheet("font-size: 28pt; font-weight: 600;")
        self.count_label = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.count_label.setStyleSheet("font-size: 16pt;")
        self.demo_button = QPushButton(self.tr("Load demo data"))
        self.demo_button.setAccessibleName(self.tr("Load demo data"))
        self.demo_button.setMinimumHeight(48)
        self.demo_button.setStyleSheet("font-size: 14pt; padding: 6px 24px;")
        self.demo_button.clicked.connect(self.load_demo)
        layout = QVBoxLayout()
        layout.addStretch()
        layout.addWidget(self.shop_label)
        layout.addWidget(self.count_label)
        layout.addWidget(self.demo_button, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addStretch()
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)
        self.refresh()

    def refresh(self) -> None:
        count = member_count(self.ctx)
        self.shop_label.setText(self.ctx.programme().shop_name)
        self.count_label.setText(self.tr("Members: {count}").format(count=count))
        self.demo_button.setVisible(count == 0)

    def load_demo(self) -> None:
        try:
            load_demo_data(self.ctx)
        except LoyaltyError as error:
            QMessageBox.warning(self, self.tr("Demo data"), error.message)
        self.refresh()
