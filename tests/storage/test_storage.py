"""Storage: durable pragmas, schema gate, local disk only, and a Qt-free domain."""

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from loyalty.common.errors import StorageError
from loyalty.storage import SCHEMA_VERSION, open_database, write_transaction
from loyalty.storage.connection import _posix_mount_is_remote, network_location_reason

ROOT = Path(__file__).resolve().parents[2]


def test_every_connection_is_durable(tmp_path):
    db = open_database(tmp_path / "a.sqlite")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_foreign_keys_are_enforced(tmp_path):
    db = open_database(tmp_path / "a.sqlite")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO cards(number, member_id, status, issued_at) VALUES ('1', 999, 'active', 'x')")


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "new.sqlite"
    open_database(path).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StorageError, match="newer version"):
        open_database(path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1


def test_a_damaged_file_is_a_clear_error(tmp_path):
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StorageError, match="damaged or is not a database"):
        open_database(path)


@pytest.mark.parametrize("fs_type, remote", [("nfs4", True), ("cifs", True), ("smb3", True), ("ext4", False)])
def test_network_file_systems_are_recognised(tmp_path, fs_type, remote):
    mounts = tmp_path / "mounts"
    mounts.write_text(f"/dev/vda / ext4 rw 0 0\nserver:/share /mnt/shop {fs_type} rw 0 0\n")
    reason = _posix_mount_is_remote(Path("/mnt/shop/loyalty.sqlite"), str(mounts))
    assert (reason is not None) == remote
    assert _posix_mount_is_remote(Path("/home/shop/loyalty.sqlite"), str(mounts)) is None


def test_a_network_share_path_is_refused():
    assert network_location_reason(Path("//server/share/loyalty.sqlite")) == "it is on a network share"
    with pytest.raises(StorageError, match="local disk"):
        open_database("//server/share/loyalty.sqlite")


def test_the_domain_never_imports_qt():
    code = ("import pkgutil, importlib, sys, loyalty\n"
            "for m in pkgutil.walk_packages(loyalty.__path__, 'loyalty.'): importlib.import_module(m.name)\n"
            "bad = [m for m in sys.modules if m.startswith('PySide6') or m.startswith('ui')]\n"
            "assert not bad, bad\n")
    completed = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stderr


def test_qt_loads_here():
    """The suite must fail, not skip, where Qt cannot load (missing libEGL and friends)."""
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication.instance() or QApplication([])
    label = QLabel("ok")
    assert label.text() == "ok" and app is not None


def work_in_pieces(path, count: int, each=None):
    """A background job's `work()` for storage/turns.py on its own connection: `count` pieces of
    about 5 ms, each a row in the table `work` (made here); `each(piece)` runs before a piece."""
    import time
    db, pieces = open_database(path), iter(range(count))
    db.execute("CREATE TABLE IF NOT EXISTS work (piece INTEGER)")

    def one_piece() -> bool:
        piece = next(pieces, None)
        if piece is None:
            return False
        if each:
            each(piece)
        db.execute("INSERT INTO work VALUES (?)", [piece])
        time.sleep(0.005)
        return True

    return db, one_piece


def test_a_background_write_ends_its_turn_as_soon_as_a_sale_of_this_process_waits(tmp_path):
    """In the app the sale and the background work share a process: the sale says it waits
    (transactions.WRITERS_WAITING) and the work stops after the piece in hand, instead of
    finishing its turn and pausing for writers it cannot see."""
    import threading

    from loyalty.storage.transactions import WRITERS_WAITING
    from loyalty.storage.turns import write_in_turns

    path = tmp_path / "turns.sqlite"
    pieces_while_a_sale_waited, sale_started, sale_done = [], threading.Event(), threading.Event()

    def noted(piece: int) -> None:
        if WRITERS_WAITING.any():
            pieces_while_a_sale_waited.append(piece)
        if piece == 21:
            sale_started.set()

    def job():
        db, one_piece = work_in_pieces(path, 400, noted)
        write_in_turns(db, one_piece)
        db.close()

    worker = threading.Thread(target=job)
    worker.start()
    sale_started.wait(10)
    sale = open_database(path)
    with write_transaction(sale):              # the counter's sale, in this process
        written_by_then = sale.execute("SELECT COUNT(*) FROM work").fetchone()[0]
    sale_done.set()
    worker.join()
    assert 20 < written_by_then < 400
    assert len(pieces_while_a_sale_waited) <= 1, pieces_while_a_sale_waited
    assert sale.execute("SELECT COUNT(*) FROM work").fetchone()[0] == 400
    sale.close()


def test_a_bulk_writer_takes_long_turns_while_the_counter_is_quiet_and_short_ones_after_a_sale(tmp_path):
    """A first download's turns (storage/turns.py): up to `budget_ms` with its quiet upkeep
    (triggers set aside) while nobody waits; after a sale of this process waited, short plain turns
    for BUSY_SECONDS, so the next sale waits for a small turn, not a long one."""
    import threading
    import time
    from contextlib import contextmanager

    from loyalty.storage.turns import BUSY_SECONDS, write_in_turns

    path = tmp_path / "turns.sqlite"
    turns, sale_started = [], threading.Event()

    def kind_of_turn(kind):
        @contextmanager
        def turn():
            turns.append(kind)
            yield
        return turn

    def job():
        db, one_piece = work_in_pieces(path, 300, lambda piece: piece == 21 and sale_started.set())
        write_in_turns(db, one_piece, within=kind_of_turn("short"), budget_ms=60_000,
                       quiet_within=kind_of_turn("long"))
        db.close()

    worker = threading.Thread(target=job)
    began = time.monotonic()
    worker.start()
    sale_started.wait(10)
    sale = open_database(path)
    with write_transaction(sale):
        pass
    worker.join()
    sale.close()
    assert time.monotonic() - began < BUSY_SECONDS, "the job ended within the busy spell"
    assert turns[0] == "long" and set(turns[1:]) == {"short"} and len(turns) > 5, turns


def test_long_background_writes_let_a_waiting_sale_in_before_they_end(tmp_path):
    """SQLite's lock is no queue: work committed and begun again at once starves a waiting
    writer. In turns (storage/turns.py), the waiting writer gets the lock mid-way."""
    import threading
    import time

    from loyalty.storage.turns import write_in_turns

    path = tmp_path / "turns.sqlite"
    open_database(path).execute("CREATE TABLE work (piece INTEGER)")     # for the sale's count below
    done = threading.Event()

    def job():                                # the daily job: 200 pieces, a second in all
        db, one_piece = work_in_pieces(path, 200)
        write_in_turns(db, one_piece)
        done.set()
        db.close()

    worker = threading.Thread(target=job)
    worker.start()
    time.sleep(0.1)
    sale = sqlite3.connect(path, isolation_level=None, timeout=30)
    sale.execute("BEGIN IMMEDIATE")           # a sale at the counter meanwhile
    finished_first = done.is_set()
    written_by_then = sale.execute("SELECT COUNT(*) FROM work").fetchone()[0]
    sale.execute("COMMIT")
    worker.join()
    assert not finished_first and 0 < written_by_then < 200, written_by_then
    assert sale.execute("SELECT COUNT(*) FROM work").fetchone()[0] == 200


def test_a_writer_of_this_process_waits_in_its_queue_not_in_sqlites_retries(tmp_path):
    """The writers of one process take turns on the file's queue before SQLite's lock
    (storage/transactions.py): a writer that may not wait in SQLite at all (busy timeout 0)
    still gets in as soon as the one before it commits, and both are written."""
    import threading

    path = tmp_path / "queue.sqlite"
    sale = open_database(path)
    sale.execute("CREATE TABLE work (who TEXT)")
    sale.execute("PRAGMA busy_timeout = 0")
    inside, waiting = threading.Event(), threading.Event()

    def hold_the_lock():
        background = open_database(path)
        with write_transaction(background):
            background.execute("INSERT INTO work VALUES ('background')")
            inside.set()
            waiting.wait(10)
        background.close()

    worker = threading.Thread(target=hold_the_lock)
    worker.start()
    inside.wait(10)
    threading.Timer(0.2, waiting.set).start()
    with write_transaction(sale):                 # would fail at once with "database is locked"
        sale.execute("INSERT INTO work VALUES ('sale')")
    worker.join()
    assert [who for (who,) in sale.execute("SELECT who FROM work ORDER BY rowid")] == ["background", "sale"]
    sale.close()


def test_work_in_turns_checkpoints_between_its_turns_and_leaves_the_connections_setting(tmp_path):
    """SQLite would checkpoint inside the commit that fills the log, the writers' queue held;
    work in turns checkpoints after each turn instead, outside it."""
    from loyalty.storage.turns import write_in_turns

    db, one_piece = work_in_pieces(tmp_path / "turns.sqlite", 20)
    write_in_turns(db, one_piece, budget_ms=20)
    busy, log_frames, copied = db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    assert db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
    assert db.execute("SELECT COUNT(*) FROM work").fetchone()[0] == 20
    assert (busy, copied) == (0, log_frames)
    db.close()


def test_a_bulk_writer_may_pause_for_other_processes_less_often(tmp_path, monkeypatch):
    """The pause that lets a writer of another process in (storage/turns.py) comes after every
    `outside_every_ms` of work: a new counter's first download takes it every 3 s, not every turn."""
    from loyalty.storage import turns

    sleeps, sleep = [], turns.time.sleep
    monkeypatch.setattr(turns.time, "sleep", lambda seconds: sleeps.append(seconds) or sleep(seconds))
    for every_ms in (turns.OUTSIDE_EVERY_MS, 60_000):
        db, one_piece = work_in_pieces(tmp_path / f"turns-{every_ms}.sqlite", 200)   # about a second
        sleeps.clear()
        turns.write_in_turns(db, one_piece, outside_every_ms=every_ms)
        db.close()
        pauses = sleeps.count(turns.PAUSE_MS / 1000)
        assert (pauses > 0) == (every_ms == turns.OUTSIDE_EVERY_MS), (every_ms, pauses)
