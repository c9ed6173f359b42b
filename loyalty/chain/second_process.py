"""The second process of a new counter's first download (bulk_download.py). While the builder writes
the copy's entries, indexes and report totals on one core, this process, on the other — idle, the hub
having sent everything — seals the entries (side_seals.py), then derives the members of the side
file's last entries (side_share.py), reading the side file alone, never the copy. Each part leaves a
mark when it is done; the builder takes what is marked and does the rest itself, as before.

Started with `spawn`, a new interpreter: the app's window has Qt's threads, which a fork does not
copy (main.py calls multiprocessing.freeze_support() for the installed bundle). It ends with the
builder: a builder killed (kill -9, a power button held) would otherwise leave it working for
minutes, holding files the next start removes (on Windows it could not remove them)."""

import logging
import multiprocessing
import os
import sqlite3
import threading
import time
from contextlib import closing
from datetime import datetime, timezone
from pathlib import Path

from .side_file import ENTRIES, LOCAL_IDS
from .side_seals import prepare, seal_side_file
from .side_share import derive_share

log = logging.getLogger(__name__)


def start(side: str, sealed: str, scratch: str | None, split: int | None, now: datetime,
          staff_id: str) -> multiprocessing.Process | None:
    process = multiprocessing.get_context("spawn").Process(
        target=while_the_parent_lives, args=(_work, side, sealed, scratch, split, now, staff_id),
        name="first-download-helper", daemon=True)
    try:
        process.start()
    except OSError:
        log.exception("The first download's second process did not start: the builder does its work")
        return None
    return process


def while_the_parent_lives(work, *args) -> None:
    """Runs `work(*args)` in the started process, which ends at once if the process that started it
    ends first: a daemon process is ended by its parent's normal exit only. The parent's sentinel
    (a pipe on POSIX, a process handle on Windows) is ready when the parent is gone, however."""
    parent = multiprocessing.parent_process()

    def end_with_parent():
        parent.join()
        os._exit(3)     # nothing to tidy: the next build removes what this process was writing

    if parent is not None:
        threading.Thread(target=end_with_parent, name="ends-with-its-parent", daemon=True).start()
    work(*args)


def _work(side: str, sealed: str, scratch: str | None, split: int | None, now: datetime, staff_id: str) -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(processName)s %(message)s")
    began = time.perf_counter()
    try:
        seal_side_file(side, sealed)
        log.info("The entries sealed in %.1f s", time.perf_counter() - began)
    except Exception:
        log.exception("The seals were not made: the builder makes them")
    if scratch is not None:
        began = time.perf_counter()
        try:
            derive_share(scratch, side, split, now, staff_id)
            log.info("The members' share derived in %.1f s", time.perf_counter() - began)
        except Exception:
            log.exception("The members' share was not derived: the builder derives them")


def finished(process: multiprocessing.Process | None) -> bool:
    """Waits for the process; whether it ran (its files say what it finished)."""
    if process is None:
        return False
    process.join()
    if process.exitcode != 0:
        log.warning("The first download's second process ended with %s: the builder does its work", process.exitcode)
    return process.exitcode == 0


def seals_one_entry(folder: Path) -> float:
    """The self-test's check (operations/self_test.py) that the process starts in this installation —
    in the installed bundle, the app's own executable, which must run the process's work and not a
    second app — and works: it seals a side file of one entry in `folder`. Returns the seconds."""
    side, sealed = folder / "self-test.download", folder / "self-test.seals"
    with closing(sqlite3.connect(side)) as db:
        db.execute(f"CREATE TABLE {ENTRIES}")
        db.execute(f"CREATE TABLE {LOCAL_IDS}")
        db.execute("INSERT INTO local_ids VALUES ('member', 'm', 1)")
        db.execute("INSERT INTO entries (uuid, member_uuid, kind, points) VALUES ('e', 'm', 'earn', 5)")
        db.commit()
    prepare(sealed)
    began = time.perf_counter()
    if not finished(start(str(side), str(sealed), None, None, datetime.now(timezone.utc), "self-test")):
        raise AssertionError("the process did not start, or did not end well")
    with closing(sqlite3.connect(sealed)) as db:
        done = db.execute("SELECT entries FROM done").fetchone()
    if done != (1,):
        raise AssertionError(f"the process sealed {done} entries of 1")
    return time.perf_counter() - began
