"""Start-up safety: the database is checked (`quick_check`) on a worker thread once the
window is up — a big shop's check takes minutes and must not delay the counter — and a
damaged database, found then or when opening it fails, is explained in words with the
newest good backup offered in its place."""

import sqlite3
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from loyalty.operations.backups import BackupInfo, timezone_in_backup
from loyalty.operations.recovery import backup_folder_beside, integrity_problems, newest_good_backup
from loyalty.programme.rules import Programme

from ..widgets.background import start_worker
from ..widgets.formatting import moment_text, points_text


class _CheckWorker(QObject):
    done = Signal(list)

    def __init__(self, db_path: Path):
        super().__init__()
        self.db_path = db_path
        self.connection = None

    @Slot()
    def run(self) -> None:
        self.done.emit(integrity_problems(self.db_path, opened=lambda c: setattr(self, "connection", c)))


class IntegrityCheck(QObject):
    """`damaged(problems)` if the check finds anything; nothing otherwise."""

    damaged = Signal(list)

    def __init__(self, db_path: Path, parent=None):
        super().__init__(parent)
        self.thread: QThread | None = None
        self.worker = _CheckWorker(Path(db_path))
        self.worker.done.connect(self._checked)

    def start(self) -> None:
        self.thread = start_worker(self, self.worker, (self.worker.done,))

    @Slot(list)
    def _checked(self, problems: list) -> None:
        if problems:
            self.damaged.emit(problems)

    def stop(self) -> None:
        """The app is closing: interrupt a check still running, wait for its thread."""
        if self.thread is None:
            return
        if self.thread.isRunning() and self.worker.connection is not None:
            try:
                self.worker.connection.interrupt()
            except sqlite3.ProgrammingError:
                pass   # the check finished and closed its connection meanwhile
        self.thread.wait()


def _taken_on_shop_clock(backup: BackupInfo) -> str:
    """When the backup was taken, on the clock of the shop it holds (the damaged database may
    not tell its own time zone any more)."""
    return moment_text(backup.taken_at.isoformat(), timezone_in_backup(backup.path) or Programme.timezone)


def ask_to_restore(parent: QWidget | None, db_path: Path, problem: str) -> BackupInfo | None:
    """Explain what is wrong; offer the newest good backup. The chosen backup, or None."""
    translate = QCoreApplication.translate   # literal calls, so that lupdate finds them
    folder = backup_folder_beside(db_path)
    backup = newest_good_backup(folder, db_path)   # this shop's only (see loyalty/operations/recovery.py)
    title = translate("recovery", "The shop's database is damaged")
    if backup is None:
        QMessageBox.critical(parent, title, translate(
            "recovery", "{problem}\n\nNo good backup of this shop was found in {folder}. Do not delete the database "
                        "file: a technician may still rescue it.").format(problem=problem, folder=folder))
        return None
    text = translate(
        "recovery", "{problem}\n\nThe newest good backup of {shop} is from {when} ({members} members). Put it "
                    "in place of the damaged database? The damaged file is kept beside it, renamed, not "
                    "deleted.", "", backup.members or 0).format(
        problem=problem, shop=backup.shop.label if backup.shop else "?", when=_taken_on_shop_clock(backup),
        members=points_text(backup.members or 0))
    if QMessageBox.question(parent, title, text) != QMessageBox.StandardButton.Yes:
        return None
    return backup
