"""Member search (and the member count) off the GUI thread, with its own SQLite connection (connections
belong to one thread). Results carry the request number so that a slow answer to
an old query never overwrites the answer to the newest one."""

from PySide6.QtCore import QObject, QThread, Signal, Slot

from loyalty.people.directory import member_count
from loyalty.people.members import search_members
from loyalty.programme.context import Context
from loyalty.storage import open_database

from ..widgets.background import sentence_for


class _SearchWorker(QObject):
    found = Signal(int, list)
    failed = Signal(int, str)
    counted = Signal(int)

    def __init__(self, db_path: str):
        super().__init__()
        self.db_path = db_path
        self.ctx: Context | None = None

    @Slot(int, str, int)
    def search(self, request: int, text: str, limit: int) -> None:
        try:
            if self.ctx is None:
                self.ctx = Context(open_database(self.db_path))
            self.found.emit(request, search_members(self.ctx, text, limit))
        except Exception as error:  # reported on the banner; the search box stays usable
            self.failed.emit(request, sentence_for(error))

    @Slot()
    def count(self) -> None:
        try:
            if self.ctx is None:
                self.ctx = Context(open_database(self.db_path))
            self.counted.emit(member_count(self.ctx))
        except Exception as error:  # the count is a nicety: say why, keep going
            self.failed.emit(-1, sentence_for(error))

    @Slot()
    def close(self) -> None:
        if self.ctx is not None:
            self.ctx.db.close()
            self.ctx = None


class MemberSearch(QObject):
    """Ask with `request(text)`; answers arrive on `results(members)` for the newest request only."""

    results = Signal(list)
    failed = Signal(str)
    counted = Signal(int)
    _ask = Signal(int, str, int)
    _ask_count = Signal()
    _close = Signal()

    def __init__(self, db_path: str, limit: int = 20, parent=None):
        super().__init__(parent)
        self.limit = limit
        self.latest = 0
        self.thread = QThread()
        self.worker = _SearchWorker(db_path)
        self.worker.moveToThread(self.thread)
        self._ask.connect(self.worker.search)
        self._close.connect(self.worker.close)
        self._ask_count.connect(self.worker.count)
        self.worker.counted.connect(self.counted)
        self.worker.found.connect(self._on_found)
        self.worker.failed.connect(self._on_failed)
        self.thread.start()

    def request(self, text: str) -> None:
        self.latest += 1
        self._ask.emit(self.latest, text, self.limit)

    def request_count(self) -> None:
        """The number of members, answered on `counted` (counting a million rows takes ~0.1 s)."""
        self._ask_count.emit()

    def _on_found(self, request: int, members: list) -> None:
        if request == self.latest:
            self.results.emit(members)

    def _on_failed(self, request: int, message: str) -> None:
        if request == self.latest:
            self.failed.emit(message)

    def stop(self) -> None:
        if self.thread.isRunning():
            self._close.emit()
            self.thread.quit()
            self.thread.wait(5000)
