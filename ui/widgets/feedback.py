"""The status banner: every action says what happened, in colour and words, without
a modal pop-up (a cashier with a queue must not have to click a dialog away)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

STYLES = {
    "success": ("#e7f6ea", "#1d6b2c"),
    "error": ("#fdecea", "#a3261b"),
    "warning": ("#fff4d6", "#7a5200"),
    "info": ("#eaf1fb", "#1f4e8c"),
}


class StatusBanner(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.kind = "info"
        self.setWordWrap(True)
        self.setMinimumHeight(44)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName(self.tr("Status"))
        self.show_message("info", self.tr("Ready: scan a card or search for a member."))

    def show_message(self, kind: str, text: str) -> None:
        self.kind = kind
        background, foreground = STYLES[kind]
        self.setStyleSheet(f"background: {background}; color: {foreground}; border-left: 6px solid {foreground};"
                           "padding: 8px 12px; font-size: 13pt; font-weight: 600;")
        self.setText(text)
