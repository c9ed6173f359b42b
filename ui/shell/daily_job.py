"""The daily job (loyalty/operations/daily_job.py) run by the app itself, off the GUI thread: shortly
after the window opens, then whenever the shop's local date has changed (looked at every few
minutes), so that expiry, tier review, the follow-ups, the daily backup and the prepared
report happen without anyone scheduling anything. It never interrupts the counter: the job
writes in short transactions, and a failure is logged and tried again at the next look, not
shown to the cashier."""

import logging

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from loyalty.ledger.tiers import local_today
from loyalty.operations.daily_job import DailyJobResult, run_daily_job
from loyalty.programme.context import Context

from ..widgets.background import DomainCall, WorkerShop, start_worker

log = logging.getLogger(__name__)

FIRST_RUN_AFTER_MS = 20_000        # after the start's own work (the integrity check, the first screens)
LOOK_EVERY_MS = 5 * 60 * 1000      # a date change is noticed within five minutes


class DailyJobRunner(QObject):
    finished = Signal(object)   # DailyJobResult
    failed = Signal(str)

    def __init__(self, ctx: Context, parent: QObject | None = None,
                 first_run_after_ms: int = FIRST_RUN_AFTER_MS, look_every_ms: int = LOOK_EVERY_MS):
        super().__init__(parent)
        self.ctx = ctx
        self.done_for = None                  # the local date the job last ran for, successfully
        self.running_for = None
        self.call: DomainCall | None = None
        self.thread: QThread | None = None
        self.stopped = False
        self.first_look, self.timer = QTimer(self), QTimer(self)
        self.first_look.setSingleShot(True)
        self.first_look.setInterval(first_run_after_ms)
        self.timer.setInterval(look_every_ms)
        for timer in (self.first_look, self.timer):
            timer.timeout.connect(self.look)

    def start(self) -> None:
        self.first_look.start()
        self.timer.start()

    @Slot()
    def look(self) -> None:
        """Run the job unless it ran today already or is running."""
        today = local_today(self.ctx)
        if self.thread is not None or today == self.done_for:
            return
        self.running_for = today
        self.call = DomainCall(WorkerShop(self.ctx), run_daily_job)
        self.call.done.connect(self._done)
        self.call.failed.connect(self._failed)
        self.thread = start_worker(self, self.call, (self.call.done, self.call.failed), on_finished=self._ended)

    @Slot(object)
    def _done(self, result: DailyJobResult) -> None:
        self.done_for = self.running_for
        log.info("Daily job for %s: %s", self.done_for, result)
        self.finished.emit(result)

    @Slot(str)
    def _failed(self, sentence: str) -> None:
        if self.stopped:   # interrupted as the window closed: no failure
            log.info("Daily job for %s stopped as the window closed; the rest is done at the next start",
                     self.running_for)
            return
        log.warning("Daily job for %s failed (tried again at the next look): %s", self.running_for, sentence)
        self.failed.emit(sentence)

    @Slot()
    def _ended(self) -> None:
        self.thread = self.call = None

    def stop(self) -> None:
        """The window is closing: no more looks; a job still running is interrupted (what it
        committed stays; the rest is done at the next start) and its thread waited for."""
        self.stopped = True
        self.first_look.stop()
        self.timer.stop()
        if self.thread is not None:
            self.call.cancel()
            self.thread.wait()
