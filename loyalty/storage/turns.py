"""Long background writes (the daily job, the hub's catch-up) done in turns with the counter.

SQLite's write lock is not a queue: a waiting writer sleeps and retries (1, 2, 5 … up to
100 ms apart), so a loop that commits and at once begins again takes the lock back before
the waiting sale wakes up. On the big shop the month's expiry, in back-to-back transactions
of 0.3 s each, kept a sale waiting 18-25 s (bench/daily_job.py --back-to-back). Here each
transaction works for at most BUDGET_MS, and ends sooner, after the piece in hand, when a
thread of this process asks for the write lock (the counter's sale: `WRITERS_WAITING`); the loop
then waits until that writer has the lock (a writer of this process waits in the file's queue,
storage/transactions.py, and gets it at the commit). A writer in another process cannot say it
waits: for it, after every OUTSIDE_EVERY_MS of work the loop pauses longer than a waiting writer
sleeps. The log is checkpointed between turns, not inside their commits."""

import sqlite3
import time
from contextlib import nullcontext

from .transactions import WRITERS_WAITING, write_transaction

BUDGET_MS = 50          # a turn works this long, then ends after its piece in hand (pieces: up to ~40 ms)
PAUSE_MS = 120          # longer than SQLite's longest sleep between two tries (100 ms)
OUTSIDE_EVERY_MS = 500  # work between two pauses for a writer of another process
BUSY_SECONDS = 3        # after a writer of this process waited, turns stay short this long


def write_in_turns(db, work, within=nullcontext, budget_ms: int = BUDGET_MS, quiet_within=None,
                   outside_every_ms: int = OUTSIDE_EVERY_MS) -> None:
    """Call `work()` — a small piece of work that returns True while more remains — inside
    write transactions of at most about BUDGET_MS each, letting a waiting writer in between them
    (the module's docstring says how). `within()`: a context entered inside each turn's
    transaction (a bulk writer's deferred upkeep, done once a turn). `budget_ms`: a longer turn
    for a bulk writer whose commits cost more than its pieces, and `quiet_within` instead of
    `within` (say, the row triggers set aside), while the counter is quiet: for BUSY_SECONDS
    after a sale waited, turns are short and plain again (a waiting sale ends a turn, but still
    waits for its upkeep and its commit). `outside_every_ms`: the work between two pauses for
    writers of other processes (how long one of them may wait).
    What was committed stays if the connection is interrupted (ShopDatabase.interrupt): the
    work stops before its next turn, as SQLite stops an interrupted statement."""
    checkpoint_every = db.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    db.execute("PRAGMA wal_autocheckpoint = 0")     # checkpoints between the turns instead (_turns)
    try:
        _turns(db, work, within, budget_ms, quiet_within, outside_every_ms)
    finally:
        db.execute(f"PRAGMA wal_autocheckpoint = {int(checkpoint_every)}")


def _turns(db, work, within, budget_ms, quiet_within, outside_every_ms):
    more, pause_at, busy_until = True, time.monotonic() + outside_every_ms / 1000, time.monotonic()
    while more:
        if db.stop_requested:
            raise sqlite3.OperationalError("interrupted")
        quiet = time.monotonic() >= busy_until
        with write_transaction(db), (quiet_within if quiet and quiet_within else within)():
            ends = time.monotonic_ns() + (budget_ms if quiet else BUDGET_MS) * 1_000_000
            while more and time.monotonic_ns() < ends and not WRITERS_WAITING.any():
                more = work()
        waited = WRITERS_WAITING.any()
        # SQLite checkpoints inside the COMMIT that fills the log, with the writers' queue still
        # held (storage/transactions.py): a sale then waited for the copy too. Here it is done
        # after each turn, outside it, beside a sale that may be writing meanwhile.
        db.execute("PRAGMA wal_checkpoint(PASSIVE)")
        if more and waited:
            busy_until = time.monotonic() + BUSY_SECONDS
            WRITERS_WAITING.until_none(PAUSE_MS / 1000)     # it has the lock now: our next BEGIN waits for it
        elif more and time.monotonic() >= pause_at:
            time.sleep(PAUSE_MS / 1000)
            pause_at = time.monotonic() + outside_every_ms / 1000
