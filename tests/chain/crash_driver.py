"""A counter's sync round in a process of its own, which kills itself with SIGKILL (kill -9) at a
chosen moment (tests/chain/test_crashes.py):

    python crash_driver.py upload DB N   # just after the hub took the N-th batch, before the counter noted it
    python crash_driver.py pull DB N     # in the middle of a local transaction, after N entries taken in
    python crash_driver.py first DB N    # a first download member by member, after N pieces (a turn each)
    python crash_driver.py alone-fetch DB N   # a first download into a file of its own, after N pages fetched
    python crash_driver.py alone-build DB N   # ... while it builds the copy, after N members' batches derived

Nothing is cleaned up, flushed or closed: what the killed process left is what a power cut at
the counter leaves (SQLite's journal, a connection the hub sees drop)."""

import os
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from loyalty.chain import bulk_download, first_download, pull, upload  # noqa: E402
from loyalty.chain.rounds import sync_once  # noqa: E402
from loyalty.programme.shop import open_shop  # noqa: E402


def kill_after(module, name: str, calls: int) -> None:
    real, count = getattr(module, name), [0]

    def counted(*args, **kwargs):
        result = real(*args, **kwargs)
        count[0] += 1
        if count[0] == calls:
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    setattr(module, name, counted)


def kill_at(words: str, calls: int):
    """The progress callback of a download into a file of its own (bulk_download.py), killing this
    process the `calls`-th time it is told `words`."""
    count = [0]

    def say(text: str) -> None:
        count[0] += words in text
        if count[0] == calls:
            os.kill(os.getpid(), signal.SIGKILL)
    return say


def main(mode: str, db: str, calls: int) -> None:
    if mode.startswith("alone"):
        first_download.BULK_FROM, first_download.PAGE, bulk_download.DERIVE_AT_ONCE = 1, 100, 2
        words = "fetched" if mode == "alone-fetch" else "derived"
        sync_once(open_shop(db, staff_id="till"), alone=kill_at(words, calls))
        sys.exit(3)
    if mode == "upload":
        kill_after(upload, "_ingest", calls)
    elif mode == "first":
        first_download.BULK_FROM, first_download.PIECE, first_download.TURN_MS = 1, 5, 1
        kill_after(first_download, "_write_piece", calls)
    else:
        kill_after(pull, "take_in_entry", calls)
    sync_once(open_shop(db, staff_id="till"))
    sys.exit(3)          # reaching here means the kill never came: the test says so


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
