"""The window's side of the lock guard (loyalty/storage/lock_guard.py): if this process ever
loses its hold on the database's files, writing has already stopped; this tells the person
and restarts the app, the one clean way to reopen (SQLite shares its locks among all the
connections of a process, the workers' included, so every one of them must go).

The guard is looked at after every transaction; the timer here also notices a loss while the
counter is idle — before another program can delete the -wal the app would write into next."""

import logging
import os
import sys

from PySide6.QtCore import QObject, QProcess, QTimer, Qt, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from loyalty.common.messages import translated
from loyalty.storage import lock_guard

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 2_000


def restart_app() -> None:
    """Start the app anew, then end this process at once. Not a normal exit: closing the old
    connections would let SQLite checkpoint from, and delete, files that are no longer the
    database's. Ending the process drops its descriptors and locks and touches nothing."""
    logging.shutdown()
    if getattr(sys, "frozen", False):          # the installed bundle: its own executable
        QProcess.startDetached(sys.executable, sys.argv[1:])
    else:
        QProcess.startDetached(sys.executable, [os.path.abspath(sys.argv[0]), *sys.argv[1:]])
    os._exit(75)


class DatabaseGuard(QObject):
    """`detached(problem)` once, on the GUI thread, whichever thread noticed; then the message
    and `restart()`."""

    detached = Signal(object)   # the problem, a message (loyalty.messages.Text)

    def __init__(self, db, parent: QWidget, restart=restart_app):
        super().__init__(parent)
        self.db, self.window, self.restart = db, parent, restart
        self.noticed = False
        forget = lock_guard.on_detached(lambda path, problem: self.detached.emit(problem))
        parent.destroyed.connect(lambda *_: forget())
        # Queued, even from the GUI thread: the action that met the problem first ends (its error on
        # the banner, its transaction rolled back), then the message.
        self.detached.connect(self._tell_and_restart, Qt.ConnectionType.QueuedConnection)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.look)
        self.timer.start()

    @Slot()
    def look(self) -> None:
        lock_guard.check(self.db)

    @Slot(object)
    def _tell_and_restart(self, problem) -> None:
        if self.noticed:
            return
        self.noticed = True
        self.timer.stop()
        log.error("Restarting: the database was detached (%s)", problem)
        QMessageBox.critical(self.window, self.tr("The app must restart"), self.tr(
            "Another part of this computer disturbed the app's hold on the shop's database ({problem}).\n\n"
            "To keep every sale safe the app stopped saving and will now restart. Everything it said it saved "
            "before this message is safe; the last action, if it showed an error, was not saved: do it again "
            "after the restart.").format(problem=translated(problem)))
        self.restart()
