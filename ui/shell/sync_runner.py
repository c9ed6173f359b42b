"""The counter's sync to its hub, run by the app itself off the GUI thread (loyalty/chain/
rounds.py: the same round as `loyalty sync --watch`): a round every second while the window
is open, one at once when the counter saves an entry and one at once when the hub says it took
something from another till (chain/listen.py), never more than one at a time, and its state for
the header. The counter never waits for
it: a sale is saved here first, and a hub that cannot be reached is only said in the header.
On the PC that keeps the shop's hub, every half minute a round also looks that the hub's keeper
still runs (chain/hosting.keep_alive): the other tills reach the hub only through it."""

import logging

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from loyalty.chain.link import hub_link
from loyalty.chain.listen import HubListener
from loyalty.chain.rounds import WATCH_EVERY_SECONDS, SyncState, sync_once, sync_state
from loyalty.programme.context import Context

from ..widgets.background import DomainCall, WorkerShop, start_worker

log = logging.getLogger(__name__)
KEEPER_LOOK_EVERY_ROUNDS = 30


def sync_keeping_the_hub(ctx: Context) -> SyncState:
    from loyalty.chain.hosting import keep_alive  # here: PostgreSQL's package loads only on that PC
    keep_alive(ctx)
    return sync_once(ctx)


class SyncRunner(QObject):
    state = Signal(object)   # SyncState
    hub_heard = Signal()     # from the listener's thread: a round now, on this one

    def __init__(self, ctx: Context, parent: QObject | None = None, every_ms: int = int(WATCH_EVERY_SECONDS * 1000)):
        super().__init__(parent)
        self.ctx = ctx
        self.thread: QThread | None = None
        self.call: DomainCall | None = None
        self.stopped = False
        self.problem: str | None = None
        self.joined = False               # known at start(); a counter on its own never syncs
        self.timer = QTimer(self)
        self.timer.setInterval(every_ms)
        self.timer.timeout.connect(self.round)
        self.hub_heard.connect(self.round)
        self.listener: HubListener | None = None
        self.rounds = 0
        self.keeps_the_hub = False        # known at start(): this PC keeps the hub its till syncs with

    def start(self) -> None:
        """Only for a counter that joined a hub (at the app's start, or just now from Settings);
        says where it stands at once, then syncs."""
        if self.listener is not None:       # syncing already
            return
        current = sync_state(self.ctx)
        self.joined = current.joined
        if not self.joined:
            return
        self.keeps_the_hub = hub_link(self.ctx).hub_on_this_pc
        self.state.emit(current)
        self.timer.start()
        self.listener = HubListener(self.ctx, self.hub_heard.emit)
        self.listener.start()
        self.round()

    @Slot()
    def round(self) -> None:
        if self.stopped or not self.joined:
            return
        if self.thread is not None:     # a long round (a first download): how far it is, from what it committed
            self.state.emit(sync_state(self.ctx))
            return
        self.rounds += 1
        keeper_look = self.keeps_the_hub and self.rounds % KEEPER_LOOK_EVERY_ROUNDS == 0
        work = sync_keeping_the_hub if keeper_look else sync_once
        self.call = DomainCall(WorkerShop(self.ctx), work)
        self.call.done.connect(self._done)
        self.call.failed.connect(self._failed)
        self.thread = start_worker(self, self.call, (self.call.done, self.call.failed), on_finished=self._ended)

    @Slot(object)
    def _done(self, result: SyncState) -> None:
        if self.stopped:        # a round's answer queued as the window closed: nobody to tell
            return
        if result.problem != self.problem:   # the log says when the hub went out of reach and came back
            log.info("Hub sync: %s", result.problem or "reached again")
            self.problem = result.problem
        self.state.emit(result)

    @Slot(str)
    def _failed(self, sentence: str) -> None:
        log.warning("Hub sync round failed (tried again at the next): %s", sentence)

    @Slot()
    def _ended(self) -> None:
        self.thread = self.call = None

    def stop(self) -> None:
        self.stopped = True
        self.timer.stop()
        if self.listener is not None:
            self.listener.stop()
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait(10_000)
