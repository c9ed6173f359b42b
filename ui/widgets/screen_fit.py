"""Windows and dialogs that fit the screen they open on.

A window given a fixed size (1280×800) was cut off on a 1024×768 screen (Undo, Slip and
About out of reach) and had its status banner below the bottom edge of a 1366×768 one. So a
window opens at its preferred size only where that fits the screen's available area (the
screen less the taskbar) with room for a title bar; elsewhere it takes the whole area,
maximised. The geometry is set as well as the maximised state: an X server without a window
manager (a kiosk, a test under Xvfb) ignores the state and keeps whatever size was asked."""

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# What a window manager adds around a window (title bar, borders), so that a window that
# "fits" still fits once framed.
FRAME_ALLOWANCE = QSize(16, 48)


def available_area(widget: QWidget) -> QRect:
    """The part of the widget's screen (or the primary screen) a window may use."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fits(size: QSize, area: QRect) -> bool:
    framed = size + FRAME_ALLOWANCE
    return framed.width() <= area.width() and framed.height() <= area.height()


def show_fitted(window: QWidget, preferred: QSize) -> None:
    """Show the window at `preferred`, centred, if that fits its screen; maximised if not."""
    area = available_area(window)
    if fits(preferred, area):
        placed = QRect(QPoint(0, 0), preferred)
        placed.moveCenter(area.center())
        window.setGeometry(placed)
        window.show()
    else:
        window.setGeometry(area)
        window.showMaximized()



def grow_to_fit(dialog: QWidget) -> None:
    """A message just appeared in the dialog (a wrapped line or two): make the dialog tall
    enough for it. Qt gives a window the minimum height of its layout, but not the height a
    wrapped text needs at the window's width, so the message took its lines from the fields
    above it, which were squashed until their text was cut."""
    layout = dialog.layout()
    layout.activate()
    needed = max(layout.totalMinimumSize().height(), layout.totalSizeHint().height())
    if layout.hasHeightForWidth():
        needed = max(needed, layout.totalHeightForWidth(dialog.width()))
    if dialog.height() < needed:
        dialog.resize(dialog.width(), needed)
