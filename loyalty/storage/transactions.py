"""One business operation, one transaction: `write_transaction`, and SQLite's errors in words.
Apart from the connection so that every storage module can write without importing the code
that opens (and migrates) the database."""

import sqlite3
import threading
from contextlib import contextmanager

from sqlite_utils import Database

from ..common.errors import StorageError
from ..common.messages import t
from . import lock_guard


class WritersWaiting:
    """How many threads of this process are waiting for the write lock: a long background write
    done in turns (storage/turns.py) ends its turn as soon as one waits, instead of making it sleep
    through SQLite's retries."""

    def __init__(self):
        self.count = 0
        self.changed = threading.Condition()

    @contextmanager
    def waiting(self):
        with self.changed:
            self.count += 1
        try:
            yield
        finally:
            with self.changed:
                self.count -= 1
                self.changed.notify_all()

    def any(self) -> bool:
        return self.count > 0

    def until_none(self, timeout: float) -> None:
        with self.changed:
            self.changed.wait_for(lambda: self.count == 0, timeout)


WRITERS_WAITING = WritersWaiting()
BUSY_TIMEOUT_MS = 10_000   # how long a writer waits for another (SQLite's busy timeout, and this process's queue)


@contextmanager
def write_transaction(db: Database):
    """One business operation = one transaction.

    BEGIN IMMEDIATE takes the write lock up front. sqlite-utils' `atomic()` starts a
    deferred transaction, which must upgrade its lock on the first write and then
    fails at once with "database is locked" if another counter wrote meanwhile (the
    busy timeout cannot help an upgrade). Nested calls become savepoints. Before it
    commits, the lock guard checks that the files written are still the database's
    (lock_guard.py): if not, it rolls back and nothing is written.

    The writers of this process take turns on the file's queue (a lock) before SQLite's: a
    writer waiting for another wakes as that one commits, instead of sleeping through SQLite's
    retries, 1, 2, 5, 10, 15 … ms apart (a sale waiting 20 ms for the hub's catch-up slept 33).
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    lock_guard.refuse_when_detached(db)
    queue = getattr(getattr(db, "lock_watch", None), "writers", None)
    with WRITERS_WAITING.waiting():
        if queue is not None and not queue.acquire(timeout=BUSY_TIMEOUT_MS / 1000):
            raise StorageError(t("database: {reason}", reason=describe_sqlite_error(
                sqlite3.OperationalError("database is locked"))))
        try:
            db.conn.execute("BEGIN IMMEDIATE")
        except BaseException as error:
            if queue is not None:
                queue.release()
            if isinstance(error, sqlite3.OperationalError):
                raise StorageError(t("database: {reason}", reason=describe_sqlite_error(error))) from error
            raise
    try:
        yield db
        lock_guard.ensure_attached(db)   # never commit into a -wal that is no longer the file on disk
        try:
            db.conn.execute("COMMIT")
        except sqlite3.OperationalError as error:
            raise StorageError(t("database: {reason}; nothing was saved",
                                 reason=describe_sqlite_error(error))) from error
    finally:
        try:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
        finally:
            if queue is not None:
                queue.release()


def describe_sqlite_error(error: sqlite3.Error) -> str:
    """Known conditions a shop can fix, in words; anything else verbatim."""
    text = str(error)
    known = {
        "database is locked": t("another program is holding the database; try again in a moment"),
        "database or disk is full": t("the disk is full; free some space"),
        "attempt to write a readonly database": t("the database file is read-only; check its permissions"),
        "file is not a database": t("the file is damaged or is not a database; restore a backup"),
        "disk I/O error": t("the disk reported an error; check it and restore a backup if needed"),
        "unable to open database file": t("the folder does not exist or cannot be written"),
    }
    for needle, meaning in known.items():
        if needle in text:
            return meaning
    return text
