"""Scrolling a page with the mouse wheel must not change the choices it passes over.

Qt gives a combo box or spin box the wheel whenever the pointer is over it, focused or not:
scrolling down Settings turned the card paper from A4 to Letter on the way. Inside a scroll
area such boxes take the wheel only once they have the focus (a click or Tab); otherwise the
wheel scrolls the page under them."""

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QApplication, QComboBox


class _WheelGuard(QObject):
    def __init__(self, scroll: QAbstractScrollArea):
        super().__init__(scroll)
        self.scroll = scroll

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Wheel and not watched.hasFocus():
            # Handed to the page directly rather than left unaccepted: Qt passes an unaccepted
            # wheel on to the parents only when it came from the mouse itself.
            QApplication.sendEvent(self.scroll.viewport(), event)
            return True
        return False


def wheel_scrolls_the_page(scroll: QAbstractScrollArea) -> None:
    """Every combo box and spin box inside `scroll` (as it is now) leaves an unfocused wheel to it."""
    guard = _WheelGuard(scroll)
    for box in (*scroll.findChildren(QComboBox), *scroll.findChildren(QAbstractSpinBox)):
        box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)   # not WheelFocus: the wheel does not focus it either
        box.installEventFilter(guard)
