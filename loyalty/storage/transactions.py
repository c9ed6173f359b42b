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


@contextmanager
def write_transaction(db: Database):
    """One business operation = one transaction.

    BEGIN IMMEDIATE takes the write lock up front. sqlite-utils' `atomic()` starts a
    deferred transaction, which must upgrade its lock on the first write and then
    fails at once with "database is locked" if another counter wrote meanwhile (the
    busy timeout cannot help an upgrade). Nested calls become savepoints. Before it
    commits, the lock guard checks that the files written are still the database's
    (lock_guard.py): if not, it rolls back and nothing is written.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    lock_guard.refuse_when_detached(db)
    try:
        with WRITERS_WAITING.waiting():
            db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        raise StorageError(t("database: {reason}", reason=describe_sqlite_error(error))) from error
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    try:
        lock_guard.ensure_attached(db)   # never commit into a -wal that is no longer the file on disk
    except BaseException:
        db.conn.execute("ROLLBACK")
        raise
    try:
        db.conn.execute("COMMIT")
    except sqlite3.OperationalError as error:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise StorageError(t("database: {reason}; nothing was saved", reason=describe_sqlite_error(error))) from error


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
