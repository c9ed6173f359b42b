"""Driving the app as a cashier does: a scanner's burst, or a person typing.

QTest can only type ASCII: set accented text with setText()."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

HUMAN_GAP_MS = 160  # slower than the scanner's 100 ms burst limit, as a person types


def scan(qtbot, card: str) -> None:
    """A USB scanner: the digits and Enter in one quick burst, into whatever has the focus."""
    target = QApplication.focusWidget()
    assert target is not None, "something in the window must have the focus"
    qtbot.keyClicks(target, card)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def type_by_hand(qtbot, widget, text: str) -> None:
    for char in text:
        qtbot.keyClick(widget, char)
        qtbot.wait(HUMAN_GAP_MS)


def type_fast(qtbot, widget, text: str) -> None:
    """A quick typist: keys close together, then a pause so nothing is still held back."""
    qtbot.keyClicks(widget, text)
    qtbot.wait(HUMAN_GAP_MS)


def press(qtbot, key, widget=None) -> None:
    qtbot.keyClick(widget or QApplication.focusWidget(), key)


def wizard_for(qtbot, ctx):
    """The first-run setup shown, as at a first start."""
    from ui.settings.first_run import FirstRunWizard
    wizard = FirstRunWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard
