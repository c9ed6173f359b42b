"""Running a worker off the GUI thread: the one way the screens do it."""

from PySide6.QtCore import QObject, Qt, QThread

from loyalty.context import Context
from loyalty.storage import database_path, open_database


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
