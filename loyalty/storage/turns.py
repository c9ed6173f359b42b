"""Long background writes (the daily job) done in turns with the counter.

SQLite's write lock is not a queue: a waiting writer sleeps and retries (1, 2, 5 … up to
100 ms apart), so a loop that commits and at once begins again takes the lock back before
the waiting sale wakes up. On the big shop the month's expiry, in back-to-back transactions
of 0.3 s each, kept a sale waiting 18-25 s (bench/daily_job.py --back-to-back). Here each
transaction works for at most BUDGET_MS, then the loop pauses longer than a waiting writer
sleeps, so the sale gets in (its longest wait: about 0.1 s)."""

import sqlite3
import time

from .transactions import write_transaction

BUDGET_MS = 50    # a turn works this long, then ends after its piece in hand (pieces: up to ~40 ms)
PAUSE_MS = 120    # longer than SQLite's longest sleep between two tries (100 ms)


def write_in_turns(db, work) -> None:
    """Call `work()` — a small piece of work that returns True while more remains — inside
    write transactions of about BUDGET_MS each, pausing PAUSE_MS between them.
    What was committed stays if the connection is interrupted (ShopDatabase.interrupt): the
    work stops before its next turn, as SQLite stops an interrupted statement."""
    more = True
    while more:
        if db.stop_requested:
            raise sqlite3.OperationalError("interrupted")
        with write_transaction(db):
            ends = time.monotonic_ns() + BUDGET_MS * 1_000_000
            while more and time.monotonic_ns() < ends:
                more = work()
        if more:
            time.sleep(PAUSE_MS / 1000)
