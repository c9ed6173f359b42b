"""The lock guard (loyalty/storage/lock_guard.py): the next mistake that opens the database's
files outside SQLite stops the writing instead of losing what is written next; and a file a
person names is never one of the database's own.

The mistake is made here on purpose, as Qt's file dialog made it: open the database file with a
plain descriptor and close it. On POSIX that drops every lock SQLite held on it."""

import errno
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from loyalty.cli import main as cli
from loyalty.ledger.sales import post_sale
from loyalty.programme.shop import open_shop
from loyalty.storage import database_path, lock_guard, open_database, write_transaction
from loyalty.storage.lock_guard import DatabaseDetached

POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX locks belong to the process (Windows locks a handle)")
LINUX = pytest.mark.skipif(not lock_guard.locks_are_listed(), reason="needs /proc/self/fdinfo (Linux)")


def drop_the_locks_by_mistake(path: Path) -> None:
    os.close(os.open(path, os.O_RDONLY))


def another_process_opens_and_closes(path: Path) -> None:
    code = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('SELECT 1 FROM settings'); c.close()"
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=60)


def count_in_the_file(path: Path, receipt: str) -> int:
    code = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "print(c.execute('SELECT COUNT(*) FROM entries WHERE receipt_ref = ?', (sys.argv[2],)).fetchone()[0])")
    return int(subprocess.run([sys.executable, "-c", code, str(path), receipt], capture_output=True, text=True,
                              check=True, timeout=60).stdout)


@pytest.fixture
def told():
    problems = []
    forget = lock_guard.on_detached(lambda path, problem: problems.append((path, problem)))
    yield problems
    forget()


def test_a_healthy_connection_is_attached(ctx):
    assert lock_guard.check(ctx.db) is None
    assert ctx.db.lock_watch.files[1].path.endswith("-wal")


@LINUX
def test_the_locks_are_read_from_the_descriptors_that_hold_them_not_the_kernels_whole_table(ctx, monkeypatch):
    """Reading /proc/locks waits for an RCU grace period (~8 ms) when done a sale's time apart,
    and stalls every file lock meanwhile: a commit reads only a descriptor or two."""
    read = []
    real = lock_guard.read_descriptor_info
    monkeypatch.setattr(lock_guard, "read_descriptor_info", lambda descriptor: read.append(descriptor) or
                        real(descriptor))
    assert lock_guard.check(ctx.db) is None
    assert 1 <= len(read) <= 2 and set(read) <= set(ctx.db.lock_watch.lock_descriptors)


@LINUX
def test_the_locks_are_found_again_when_the_connection_that_took_them_has_closed(ctx, enrol):
    ana = enrol()
    other = open_shop(Path(database_path(ctx.db)), clock=ctx.clock, staff_id="tester")
    ctx.db.close()   # the first connection, whose descriptors took the locks
    try:
        assert lock_guard.check(other.db) is None
        post_sale(other, ana.card, 1_000, "after")
        assert lock_guard.check(other.db) is None
    finally:
        other.db.close()


@LINUX
def test_a_dropped_lock_is_noticed_before_any_other_program_deletes_anything(ctx, enrol, told):
    ana = enrol()
    path = Path(database_path(ctx.db))
    drop_the_locks_by_mistake(path)
    problem = lock_guard.check(ctx.db)
    assert "no longer holds its lock" in problem and str(path) in problem
    assert told == [(str(path), problem)], "the window is told, once"
    with pytest.raises(DatabaseDetached, match="nothing more was saved"):
        post_sale(ctx, ana.card, 1_000, "refused")
    assert count_in_the_file(path, "refused") == 0
    assert len(told) == 1


@POSIX
def test_a_deleted_wal_stops_the_writing_instead_of_losing_the_sale(ctx, enrol, told, monkeypatch):
    """Where the locks cannot be listed (macOS), the deleted -wal is what gives the mistake away."""
    monkeypatch.setattr(ctx.db.lock_watch, "locks_listed", False)
    ana = enrol()
    path = Path(database_path(ctx.db))
    post_sale(ctx, ana.card, 1_000, "before")
    drop_the_locks_by_mistake(path)
    another_process_opens_and_closes(path)   # finds no other user: checkpoints, deletes -wal and -shm
    assert not Path(f"{path}-wal").exists()
    with pytest.raises(DatabaseDetached, match="was deleted while this program had it open"):
        post_sale(ctx, ana.card, 2_000, "after")
    assert count_in_the_file(path, "before") == 1, "what was saved before is in the file"
    assert count_in_the_file(path, "after") == 0
    assert told and "deleted" in told[0][1]


@LINUX
def test_every_connection_of_the_process_stops_writing_once_one_is_detached(ctx, enrol):
    """SQLite shares one set of locks among the process's connections to a file: so does the guard."""
    ana = enrol()
    path = Path(database_path(ctx.db))
    worker_shop = open_shop(path)
    drop_the_locks_by_mistake(path)
    assert lock_guard.check(ctx.db) is not None
    failures = []

    def sell_on_a_worker_thread():
        db = open_database(path)
        try:
            with write_transaction(db):
                db.execute("UPDATE settings SET value = value WHERE key = 'shop_name'")
        except DatabaseDetached as error:
            failures.append(error)
        finally:
            db.close()

    thread = threading.Thread(target=sell_on_a_worker_thread)
    thread.start()
    thread.join()
    assert len(failures) == 1
    with pytest.raises(DatabaseDetached):
        post_sale(worker_shop, ana.card, 1_000, "other-connection")
    worker_shop.db.close()


@LINUX
def test_once_every_connection_has_closed_the_file_is_opened_afresh(tmp_path, told):
    path = tmp_path / "shop.sqlite"
    ctx = open_shop(path)
    drop_the_locks_by_mistake(path)
    assert lock_guard.check(ctx.db) is not None
    ctx.db.close()
    again = open_shop(path)
    assert lock_guard.check(again.db) is None
    with write_transaction(again.db):
        again.db.execute("UPDATE settings SET value = 'Reabierta' WHERE key = 'shop_name'")
    again.db.close()


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_the_database_files_are_refused_by_name(ctx, suffix):
    path = database_path(ctx.db) + suffix
    assert lock_guard.is_database_file(path)
    with pytest.raises(lock_guard.ValidationError, match="is the shop's database"):
        lock_guard.refuse_database_file(path, "file")


@POSIX
def test_another_name_for_the_database_is_refused_too(ctx, tmp_path):
    link = tmp_path / "elsewhere" / "datos.csv"
    link.parent.mkdir()
    link.symlink_to(database_path(ctx.db))
    hard = tmp_path / "copia.csv"
    os.link(database_path(ctx.db), hard)
    assert lock_guard.is_database_file(link) and lock_guard.is_database_file(hard)
    assert not lock_guard.is_database_file(tmp_path / "shop.sqlite.csv")
    assert not lock_guard.is_database_file(tmp_path / "new-folder" / "x.pdf")


@POSIX
def test_the_command_line_refuses_the_database_as_a_file_to_read_or_write(tmp_path, capsys):
    db = tmp_path / "shop.sqlite"
    open_shop(db).db.close()
    before = db.read_bytes()
    for command in (["import", "members", str(db)], ["report", "--month", "2026-03", "--pdf", str(db)],
                    ["restore", str(db)], ["survey", "set", f"{db}-wal"]):
        assert cli(["--db", str(db), *command]) == 2, command
        assert "is the shop's database" in capsys.readouterr().err
    assert db.read_bytes() == before


@LINUX
def test_a_list_of_locks_that_cannot_be_read_this_time_stops_nothing(ctx, monkeypatch):
    """Too many open files, say: no verdict, rather than a shop that stops selling for nothing."""
    def too_many_open_files(descriptor):
        raise OSError(errno.EMFILE, "Too many open files")

    monkeypatch.setattr(lock_guard, "read_descriptor_info", too_many_open_files)
    assert lock_guard.check(ctx.db) is None


def test_a_name_no_file_can_have_is_not_the_database(ctx):
    assert not lock_guard.is_database_file("shop\0.sqlite")


@POSIX
def test_a_new_file_that_reuses_a_deleted_databases_inode_is_not_that_database(tmp_path, monkeypatch):
    """Seen once in the full suite: a connection a test never closed kept its watch, its folder was
    deleted, and the inode number went to the next test's questions.json, which the command line
    then refused as "the shop's database"."""
    db = tmp_path / "gone" / "shop.sqlite"
    shop = open_shop(db)
    watch = shop.db.lock_watch
    other = tmp_path / "questions.json"
    other.write_text("[]")
    reused = os.stat(other)
    gone = watch.files[0]
    monkeypatch.setattr(watch, "files", (lock_guard._FileId(gone.path + ".moved", reused.st_dev, reused.st_ino),
                                         *watch.files[1:]))   # as if the database's inode were now other's
    assert not lock_guard.is_database_file(other)
    shop.db.close()
    assert not lock_guard.is_database_file(db), "no connection open: no database to protect"
