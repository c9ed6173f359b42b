"""Bugs (not the errors the app expects, which the screens explain): the traceback goes to
the log file and the person at the counter gets plain words — their data is safe, restart,
send the log file — never the traceback itself.

`CrashHandler` replaces `sys.excepthook` (PySide6 hands exceptions raised in slots and
event handlers to it) and `threading.excepthook`. A crash on a worker thread is logged
there and shown by the GUI thread (widgets belong to that thread only).
"""

import logging
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QUrl, Qt, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout

log = logging.getLogger("loyalty.crash")


class CrashDialog(QDialog):
    def __init__(self, log_path: str | Path, parent=None):
        super().__init__(parent)
        self.log_path = Path(log_path)
        self.setWindowTitle(self.tr("Loyalty counter: something went wrong"))
        self.setMinimumWidth(560)
        self.heading = QLabel(self.tr("The app ran into a problem it did not expect."))
        self.heading.setStyleSheet("font-size: 14pt; font-weight: 700;")
        self.message = QLabel(self.tr(
            "Your data is safe: every sale, redemption and refund was saved at the moment the screen "
            "confirmed it. An operation that was not confirmed was not saved: after restarting, look at the "
            "member's history and do it again if it is missing.\n\n"
            "What to do:\n"
            "1. Close the app and open it again.\n"
            "2. If this happens again, send this file to support (by e-mail, or on a USB stick):\n"
            "{path}").format(path=self.log_path))
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        buttons = QDialogButtonBox()
        self.close_app_button = QPushButton(self.tr("Close the app"))
        self.close_app_button.clicked.connect(self.close_app)
        self.open_folder_button = QPushButton(self.tr("Open the log folder"))
        self.open_folder_button.clicked.connect(self.open_log_folder)
        self.copy_button = QPushButton(self.tr("Copy the file's path"))
        self.copy_button.clicked.connect(self.copy_path)
        self.keep_button = QPushButton(self.tr("Keep working"))
        self.keep_button.clicked.connect(self.reject)
        buttons.addButton(self.close_app_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.open_folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.close_app_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def text(self) -> str:
        return f"{self.heading.text()}\n{self.message.text()}"

    def close_app(self) -> None:
        """Quitting closes the windows the usual way (the backup on closing runs)."""
        self.accept()
        QApplication.quit()

    def copy_path(self) -> None:
        QApplication.clipboard().setText(str(self.log_path))

    def open_log_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_path.parent)))


class CrashHandler(QObject):
    """Call it as an excepthook: `handler(kind, error, trace)`."""

    crashed = Signal()

    def __init__(self, log_path: str | Path, parent=None):
        super().__init__(parent)
        self.log_path = Path(log_path)
        self.dialog: CrashDialog | None = None
        self.previous_hooks = None
        # queued when emitted by a worker thread: the dialog is built on the GUI thread
        self.crashed.connect(self.show_dialog)

    def install(self) -> "CrashHandler":
        self.previous_hooks = (sys.excepthook, threading.excepthook)
        sys.excepthook = self
        threading.excepthook = lambda args: self(args.exc_type, args.exc_value, args.exc_traceback)
        return self

    def uninstall(self) -> None:
        if self.previous_hooks is not None:
            sys.excepthook, threading.excepthook = self.previous_hooks
            self.previous_hooks = None

    def __call__(self, kind, error, trace) -> None:
        if issubclass(kind, KeyboardInterrupt):   # Ctrl+C in a terminal is not a crash
            sys.__excepthook__(kind, error, trace)
            return
        log.critical("Unhandled exception (the app showed the crash dialog)", exc_info=(kind, error, trace))
        for handler in logging.getLogger().handlers:
            handler.flush()
        if QApplication.instance() is None:
            traceback.print_exception(kind, error, trace)
            return
        self.crashed.emit()

    @Slot()
    def show_dialog(self) -> None:
        """One dialog at a time: an error repeating in every repaint must not stack dialogs."""
        if self.dialog is not None and self.dialog.isVisible():
            return
        try:
            self.dialog = CrashDialog(self.log_path, QApplication.activeWindow())
            self.present(self.dialog)
        except Exception:   # the dialog itself failed: the log has the original, add this one
            log.exception("The crash dialog could not be shown")

    def present(self, dialog: CrashDialog) -> None:
        """With the event loop running, a modal dialog that lets the loop carry on;
        before it starts (a crash while opening), wait for the person to read it."""
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        if QThread.currentThread().loopLevel() > 0:
            dialog.open()
        else:
            dialog.exec()
