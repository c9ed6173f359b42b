"""Running a worker off the GUI thread: the one way the screens do it."""

import logging

from PySide6.QtCore import QCoreApplication, QObject, QThread, Qt, Signal, Slot

from loyalty.common.errors import LoyaltyError
from loyalty.programme.context import Context
from loyalty.storage import database_path, open_database

log = logging.getLogger(__name__)


def start_worker(owner: QObject, worker: QObject, end_signals: tuple, on_finished=None) -> QThread:
    """Run `worker.run()` on a new thread owned by `owner`. The thread ends when one of the
    worker's `end_signals` fires (quit() is called directly — it is thread-safe — so the
    thread ends even once the GUI's event loop has stopped); then `on_finished` runs on the
    GUI thread. Each worker opens its own database connection: connections belong to one thread."""
    thread = QThread(owner)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    for signal in end_signals:
        signal.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    if on_finished is not None:
        thread.finished.connect(on_finished)
    thread.worker = worker   # keep the worker alive as long as its thread
    thread.start()
    return thread


class WorkerShop:
    """What a worker needs to act for the signed-in person on its own connection: made on
    the GUI thread (which owns `ctx`'s connection), opened on the worker's."""

    def __init__(self, ctx: Context):
        self.identity, self.db_path = ctx, database_path(ctx.db)

    def open(self) -> Context:
        return self.identity.on_connection(open_database(self.db_path))


class DomainCall(QObject):
    """One domain function, `function(ctx)`, on a worker's own connection: `done(result)`, or
    `failed(sentence)` — a LoyaltyError's message; a bug is logged and said in a sentence too,
    so a screen never shows a traceback."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, shop: WorkerShop, function):
        super().__init__()
        self.shop, self.function = shop, function
        self.db = None
        self.cancelled = False

    @Slot()
    def run(self) -> None:
        ctx = self.shop.open()
        self.db = ctx.db
        try:
            if self.cancelled:
                raise LoyaltyError("cancelled")
            result = self.function(ctx)
        except Exception as error:  # a query cancelled as the screen closes is no bug: not logged
            self.failed.emit(sentence_for(error, log_it=not self.cancelled))
        else:
            self.done.emit(result)
        finally:
            self.db = None
            ctx.db.close()

    def cancel(self) -> None:
        """Stop a long query now, and work done in turns at its next turn (the interrupt may be
        called from another thread)."""
        self.cancelled = True
        db = self.db
        if db is not None:
            db.interrupt()


def sentence_for(error: BaseException, log_it: bool = True) -> str:
    """What a screen says when its worker fails: a LoyaltyError's own sentence; anything else
    is a bug, logged with its traceback, and said in plain words (never the exception's text)."""
    if isinstance(error, LoyaltyError):
        return error.message
    if log_it:
        log.error("Work off the GUI thread failed", exc_info=error)
    return QCoreApplication.translate("background", "Something went wrong; the details are in the log file (F1 "
                                                    "shows where). Try again, and tell the owner if it happens again.")


def call_in_background(owner: QObject, ctx: Context, function, on_done, on_failed, on_finished) -> QThread:
    """`function(ctx)` on a worker thread. Pass bound methods of `owner` (a QObject on the GUI
    thread) as the callbacks, so that they run on the GUI thread."""
    worker = DomainCall(WorkerShop(ctx), function)
    worker.done.connect(on_done)
    worker.failed.connect(on_failed)
    return start_worker(owner, worker, (worker.done, worker.failed), on_finished)


def stop_thread(thread: QThread | None, wait_ms: int = 30_000) -> None:
    """Cancel a DomainCall's query if it is one, and wait for its thread to end."""
    if thread is None:
        return
    cancel = getattr(thread.worker, "cancel", None)
    if cancel is not None:
        cancel()
    thread.quit()
    thread.wait(wait_ms)
