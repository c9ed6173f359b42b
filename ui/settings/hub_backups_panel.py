"""The backups of the hub this PC keeps, in Settings beside the shop's own (issue 23;
loyalty/operations/hub_backups.py): when each was taken and why, *Back up the hub now*, and
restoring the chosen one after a confirmation — the tills then send again what it lost. Each
runs on a worker thread (pg_dump of a big chain takes a while). Hidden on a PC that keeps no hub."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QAbstractItemView, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from loyalty.operations.backups import default_backup_folder
from loyalty.programme.context import Context
from loyalty.programme.shop_identity import identity_of

from ..widgets.background import call_in_background, stop_thread
from ..widgets.formatting import moment_text, size_text


class HubBackupsPanel(QGroupBox):
    message = Signal(str, str)      # kind, text: for the screen's banner

    def __init__(self, ctx: Context, parent=None):
        super().__init__(self.tr("Backups of this PC's hub"), parent)
        self.ctx = ctx
        self.thread = None
        self.rows: list = []
        self.note = QLabel(self.tr("Taken every day with the shop's, in the same folder. Restoring one puts the hub "
                                   "back as it was; each till then sends again what it lost."), wordWrap=True)
        self.backup_button = QPushButton(self.tr("Back up the hub now"))
        self.restore_button = QPushButton(self.tr("Restore the chosen hub backup…"))
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName(self.tr("Backups of this PC's hub"))
        self.table.setHorizontalHeaderLabels([self.tr("Taken"), self.tr("Why"), self.tr("Size")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(120)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        self.backup_button.clicked.connect(self.back_up)
        self.restore_button.clicked.connect(self.ask_restore)

    def reload(self) -> None:
        from loyalty.chain.hosting import kept_hub  # here: PostgreSQL's package loads only when needed
        from loyalty.operations.hub_backups import hub_backup_files
        keeps = kept_hub(self.ctx) is not None
        self.setVisible(keeps)
        if not keeps:
            return
        self.rows = hub_backup_files(default_backup_folder(self.ctx), identity_of(self.ctx.programme()).shop_id)
        timezone, kinds = self.ctx.programme().timezone, {"manual": self.tr("on demand"), "daily": self.tr("daily")}
        self.table.setRowCount(len(self.rows))
        for row, (moment, kind, path) in enumerate(self.rows):
            for column, text in enumerate((moment_text(moment.isoformat(), timezone), kinds.get(kind, kind),
                                           size_text(path.stat().st_size))):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def forget(self) -> None:
        self.rows = []
        self.table.setRowCount(0)

    def shutdown(self) -> None:
        stop_thread(self.thread, 600_000)     # never leave a half-written dump behind

    def confirm(self, name: str) -> bool:
        """Asked before restoring (tests answer it)."""
        return QMessageBox.question(self, self.tr("Restore the hub"), self.tr(
            "Put this PC's hub back as it was in {name}? What the tills sent since is sent again by each of them at "
            "its next round.").format(name=name)) == QMessageBox.StandardButton.Yes

    def back_up(self) -> None:
        from loyalty.operations.hub_backups import back_up_kept_hub
        self._run(lambda ctx: str(back_up_kept_hub(ctx)), self.tr("Hub backup saved: {result}"))

    def ask_restore(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.rows):
            self.message.emit("info", self.tr("Choose a hub backup in the list first."))
            return
        path = self.rows[row][2]
        if not self.confirm(path.name):
            return
        from loyalty.operations.hub_backups import restore_kept_hub
        self._run(lambda ctx: restore_kept_hub(ctx, path) or path.name,
                  self.tr("The hub is back as it was in {result}; the tills send again what it lost."))

    def _run(self, function, said: str) -> None:
        if self.thread is not None:
            return
        self._said = said
        for button in (self.backup_button, self.restore_button):
            button.setEnabled(False)
        self.thread = call_in_background(self, self.ctx, function, self._done, self._failed, self._finished)

    def _done(self, result) -> None:
        self.message.emit("success", self._said.format(result=result))

    def _failed(self, sentence: str) -> None:
        self.message.emit("error", sentence)

    def _finished(self) -> None:
        self.thread = None
        for button in (self.backup_button, self.restore_button):
            button.setEnabled(True)
        self.reload()
