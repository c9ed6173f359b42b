"""Backups, in Settings: where they go, "Back up now", the list of this shop's backups (date,
kind, size, members, last entry, check, shop), and restoring one after a confirmation (one
that names both shops for a file of another shop's, chosen from the disk). Backups and
restores run on a worker thread with their own connection: a big shop's copy takes
minutes and the window must not freeze meanwhile."""

from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import (QAbstractItemView, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from loyalty.common.errors import LoyaltyError
from loyalty.operations import backups
from loyalty.programme.context import Context
from loyalty.programme.shop_identity import identity_in_database, identity_of

from ..widgets import file_dialogs
from ..widgets.background import WorkerShop, start_worker
from ..widgets.formatting import moment_text, points_text, size_text


class _BackupWorker(QObject):
    done = Signal(str)
    failed = Signal(str)

    def __init__(self, shop: WorkerShop, action: str, argument: str = "", other_shop: bool = False):
        super().__init__()
        self.shop, self.action, self.argument, self.other_shop = shop, action, argument, other_shop

    @Slot()
    def run(self) -> None:
        try:
            ctx = self.shop.open()
            try:
                if self.action == "backup":
                    info = backups.make_backup(ctx, "manual")
                    self.done.emit(str(info.path))
                    backups.rotate(info.path.parent, info.shop.shop_id)
                else:
                    self.done.emit(str(backups.restore(ctx, self.argument, self.other_shop).path))
            finally:
                ctx.db.close()
        except LoyaltyError as error:
            self.failed.emit(error.message)


class BackupsPanel(QGroupBox):
    message = Signal(str, str)      # kind, text: for the screen's banner
    restored = Signal()

    def __init__(self, ctx: Context, parent=None):
        super().__init__(self.tr("Backups taken"), parent)
        self.ctx = ctx
        self.thread: QThread | None = None
        self.folder_label = QLabel(wordWrap=True)
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.restore_button = QPushButton(self.tr("Restore the chosen backup…"))
        self.table = QTableWidget(0, 7)
        self.table.setHorizontalHeaderLabels([self.tr("Taken"), self.tr("Why"), self.tr("Size"), self.tr("Members"),
                                              self.tr("Last entry"), self.tr("Check"), self.tr("Shop")])
        self.table.setAccessibleName(self.tr("Backups"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(180)
        buttons = QHBoxLayout()
        buttons.addWidget(self.folder_label, 1)
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.backup_button.clicked.connect(lambda: self._start("backup"))
        self.restore_button.clicked.connect(self.ask_restore)
        self.rows = []   # loaded with the Settings screen, for a role that may see it

    def reload(self) -> None:
        folder = backups.default_backup_folder(self.ctx)
        shop = identity_of(self.ctx.programme())
        self.folder_label.setText(self.tr("Folder: {folder} (backups of {shop} only)").format(
            folder=folder, shop=shop.label))
        self.rows = backups.list_backups(folder, shop.shop_id)
        timezone = self.ctx.programme().timezone
        kinds = {"manual": self.tr("on demand"), "daily": self.tr("daily"), "close": self.tr("on closing"),
                 "before-restore": self.tr("before a restore")}
        self.table.setRowCount(len(self.rows))
        for row, info in enumerate(self.rows):
            cells = (moment_text(info.taken_at.isoformat(), timezone), kinds.get(info.kind, info.kind),
                     size_text(info.size_bytes),
                     points_text(info.members) if info.members is not None else "?",
                     moment_text(info.last_entry_at, timezone) if info.last_entry_at else "—",
                     self.tr("ok") if info.ok else self.tr("DAMAGED"),
                     info.shop.name if info.shop else "?")   # the name when it was taken
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def forget(self) -> None:
        self.rows = []
        self.table.setRowCount(0)
        self.folder_label.clear()

    def chosen(self) -> Path | None:
        row = self.table.currentRow()
        return self.rows[row].path if 0 <= row < len(self.rows) else None

    def ask_restore(self) -> None:
        path = self.chosen()
        if path is None:
            path_text = file_dialogs.file_to_open(self, self.tr("Backup to restore"), "SQLite (*.sqlite)")
            path = Path(path_text) if path_text else None
        if path is None:
            return
        ours, theirs = identity_of(self.ctx.programme()), identity_in_database(path)
        if theirs is not None and theirs.shop_id == ours.shop_id:
            answer = QMessageBox.question(self, self.tr("Restore a backup"), self.tr(
                "Replace all the shop's data with the backup {name}? The data as it is now is backed up first.").format(
                name=path.name))
            if answer == QMessageBox.StandardButton.Yes:
                self.restore(path)
        elif self.confirm_other_shop(path, ours.label, theirs.label if theirs else self.tr("an unknown shop")):
            self.restore(path, other_shop=True)

    def confirm_other_shop(self, path: Path, ours: str, theirs: str) -> bool:
        """Another shop's backup replaces this shop's data and identity: said in full, No by default."""
        answer = QMessageBox.warning(self, self.tr("Restore another shop's backup"), self.tr(
            "The backup {name} is not of this shop, {ours}: it is of {theirs}. Restoring it replaces all the data "
            "of {ours} with that of {theirs}, and from then on this computer works as {theirs}. The data as it "
            "is now is backed up first. Restore the backup of {theirs}?").format(name=path.name, ours=ours,
                                                                                theirs=theirs),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def restore(self, path: Path, other_shop: bool = False) -> None:
        self._start("restore", str(path), other_shop)

    def _start(self, action: str, argument: str = "", other_shop: bool = False) -> None:
        if self.thread is not None:
            return
        self.backup_button.setEnabled(False)
        self.restore_button.setEnabled(False)
        self.message.emit("info", self.tr("Backing up…") if action == "backup" else self.tr("Restoring…"))
        worker = _BackupWorker(WorkerShop(self.ctx), action, argument, other_shop)
        worker.done.connect(self._backed_up if action == "backup" else self._restored)
        worker.failed.connect(self._failed)
        self.thread = start_worker(self, worker, (worker.done, worker.failed), self._finished)

    @Slot(str)
    def _backed_up(self, path: str) -> None:
        self.message.emit("success", self.tr("Backup saved and checked: {path}").format(path=path))

    @Slot(str)
    def _restored(self, safety: str) -> None:
        self.message.emit("success", self.tr("Backup restored. The data as it was before is in {path}").format(
            path=safety))
        self.restored.emit()

    @Slot(str)
    def _failed(self, problem: str) -> None:
        self.message.emit("error", problem)

    @Slot()
    def _finished(self) -> None:
        self.thread = None
        self.backup_button.setEnabled(True)
        self.restore_button.setEnabled(True)
        self.reload()

    def shutdown(self) -> None:
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait(600_000)   # never leave a half-copied backup behind
