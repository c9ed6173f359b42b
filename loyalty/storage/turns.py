"""Long background writes (the daily job, the hub's catch-up) done in turns with the counter.

SQLite's write lock is not a queue: a waiting writer sleeps and retries (1, 2, 5 … up to
100 ms apart), so a loop that commits and at once begins again takes the lock back before
the waiting sale wakes up. On the big shop the month's expiry, in back-to-back transactions
of 0.3 s each, kept a sale waiting 18-25 s (bench/daily_job.py --back-to-back). Here each
transaction works for at most BUDGET_MS, and ends sooner, after the piece in hand, when a
thread of this process asks for the write lock (the counter's sale: `WRITERS_WAITING`); the loop
then waits until that writer has the lock. A writer in another process cannot say it waits: for
it, after every OUTSIDE_EVERY_MS of work the loop pauses longer than a waiting writer sleeps."""

import sqlite3
import time
from contextlib import nullcontext

from .transactions import WRITERS_WAITING, write_transaction

BUDGET_MS = 50          # a turn works this long, then ends after its piece in hand (pieces: up to ~40 ms)
PAUSE_MS = 120          # longer than SQLite's longest sleep between two tries (100 ms)
OUTSIDE_EVERY_MS = 500  # work between two pauses for a writer of another process


def write_in_turns(db, work, within=nullcontext) -> None:
    """Call `work()` — a small piece of work that returns True while more remains — inside
    write transactions of at most about BUDGET_MS each, letting a waiting writer in between them
    (the module's docstring says how). `within()`: a context entered inside each turn's
    transaction (a bulk writer's deferred upkeep, done once a turn).
    What was committed stays if the connection is interrupted (ShopDatabase.interrupt): the
    work stops before its next turn, as SQLite stops an interrupted statement."""
    more, pause_at = True, time.monotonic() + OUTSIDE_EVERY_MS / 1000
    while more:
        if db.stop_requested:
            raise sqlite3.OperationalError("interrupted")
        with write_transaction(db), within():
            ends = time.monotonic_ns() + BUDGET_MS * 1_000_000
            while more and time.monotonic_ns() < ends and not WRITERS_WAITING.any():
                more = work()
        if more and WRITERS_WAITING.any():
            WRITERS_WAITING.until_none(PAUSE_MS / 1000)     # it has the lock now: our next BEGIN waits for it
        elif more and time.monotonic() >= pause_at:
            time.sleep(PAUSE_MS / 1000)
            pause_at = time.monotonic() + OUTSIDE_EVERY_MS / 1000
