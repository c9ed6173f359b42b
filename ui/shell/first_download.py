"""A till that has just joined a chain from the first start's setup takes in the chain's members
and history before its window opens — into a file of its own where the chain is big
(loyalty/chain/bulk_download.py), as `loyalty sync` does on the command line, which needs the
file open nowhere else: the app closes its own connection meanwhile and opens it again after.

Shown after the setup's join, and at any later start while the till has no entry yet and the hub
holds some (`bulk_download.awaits_first_download`: a download stopped, or cut by a power cut, goes
on from where it was). The dialog says each stage, with a bar where it can count. *Go on later*
(or Esc) stops at the next page or stage, the shop's file untouched, and the window opens; its
background rounds then take the chain's entries in, in turns with the counter (slower on a big
chain). A hub out of reach ends the round at once with the header saying so, as any round."""

import logging
import time

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QPushButton, QVBoxLayout

from loyalty.chain.rounds import sync_once
from loyalty.common.messages import Text, regrouped, translated
from loyalty.programme.context import Context
from loyalty.storage import database_path, open_database

from ..widgets.background import DomainCall, WorkerShop, start_worker
from ..widgets.formatting import count_text

log = logging.getLogger(__name__)


class Stopped(Exception):
    """*Go on later* was pressed: the download stops where it is (it resumes next time)."""


class FirstDownloadDialog(QDialog):
    said = Signal(object)       # a messages.Text, emitted on the worker's thread, shown on the dialog's

    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx, self.path = ctx, database_path(ctx.db)
        self.stopping = False
        self.result_state = None
        self.setWindowTitle(self.tr("Taking in the chain's members and history"))
        self.setModal(True)
        self.setMinimumWidth(520)
        self.stage = QLabel(self.tr("Connecting to the hub…"), wordWrap=True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)          # busy until a stage can count
        note = QLabel(self.tr("This till can sell as soon as it is done. It can be stopped: the rest then comes "
                              "in the background, more slowly, once the window is open."), wordWrap=True)
        note.setStyleSheet("color: #555;")
        self.later = QPushButton(self.tr("Go on later"))
        self.later.setAutoDefault(False)
        self.later.clicked.connect(self.stop)
        layout = QVBoxLayout(self)
        for widget in (self.stage, self.bar, note):
            layout.addWidget(widget)
        layout.addWidget(self.later, alignment=Qt.AlignmentFlag.AlignRight)
        self.said.connect(self.show_stage)

    def run(self) -> None:
        """The first round with this dialog shown; returns when it has ended or was stopped."""
        began = time.monotonic()
        shop = WorkerShop(self.ctx)
        self.ctx.db.close()             # nothing else may hold the file while a file of its own is built
        try:
            self.call = DomainCall(shop, self._round)
            self.call.done.connect(self._ended)
            self.call.failed.connect(self._failed)
            self.thread = start_worker(self, self.call, (self.call.done, self.call.failed))
            self.exec()
            self.thread.wait()
        finally:
            self.ctx.db = open_database(self.path)
        log.info("The first round before the window: %.1f s, %s", time.monotonic() - began,
                 "stopped" if self.stopping else self.result_state)

    def _round(self, worker_ctx: Context):
        return sync_once(worker_ctx, alone=self._say)

    def _say(self, text: Text) -> None:
        """On the worker's thread: each stage to the dialog; stops here when asked to."""
        if self.stopping:
            raise Stopped
        self.said.emit(text)

    @Slot(object)
    def show_stage(self, text: Text) -> None:
        stage = translated(regrouped(text, count_text)).partition(": ")[2]     # the title says "first download"
        self.stage.setText(stage[:1].upper() + stage[1:])
        done, total = text.values.get("done"), text.values.get("total")
        if total:
            self.bar.setRange(0, 1000)
            self.bar.setValue(min(1000, done * 1000 // total))
        else:
            self.bar.setRange(0, 0)

    @Slot()
    def stop(self) -> None:
        self.stopping = True
        self.call.cancelled = True      # its Stopped is no failure to log
        self.later.setEnabled(False)
        self.stage.setText(self.tr("Stopping at the next step…"))

    @Slot(object)
    def _ended(self, state) -> None:
        self.result_state = state
        self.accept()

    @Slot(str)
    def _failed(self, sentence: str) -> None:
        if not self.stopping:
            log.warning("The first download stopped: %s", sentence)
        self.accept()

    def reject(self) -> None:           # Esc or the window's close button (QDialog's closeEvent): as *Go on later*
        self.stop()


def take_in_the_chain(ctx: Context, parent=None) -> None:
    """Before the window of a till that awaits its first download (just joined, or stopped): the
    first round, the dialog shown meanwhile."""
    FirstDownloadDialog(ctx, parent).run()
