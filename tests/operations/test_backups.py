"""Backups through the online API, checked, listed, rotated; restore after a safety backup."""

import sqlite3
import threading
from datetime import datetime, timedelta, timezone

import pytest
from conftest import count

from loyalty.cli import main
from loyalty.common.errors import ValidationError
from loyalty.ledger.enrolment import enrol_member
from loyalty.ledger.sales import post_sale
from loyalty.operations.backups import backups_to_remove, daily_backup, list_backups, make_backup, restore, rotate
from loyalty.people.members import NewMember
from loyalty.programme.shop import open_shop
from loyalty.programme.shop_identity import identity_of


def test_a_backup_taken_while_another_counter_sells_is_consistent(ctx, enrol, tmp_path):
    ana = enrol("Ana")
    path = ctx.db.conn.execute("PRAGMA database_list").fetchone()[2]
    stop, selling, sold = threading.Event(), threading.Event(), []

    def sell():   # a second counter: its own connection, in its own thread
        other = open_shop(path, staff_id="caja-2")
        while not stop.is_set():
            post_sale(other, ana.card, 100)
            sold.append(1)
            selling.set()
        other.db.close()

    seller = threading.Thread(target=sell)
    seller.start()
    try:
        assert selling.wait(10)
        info = make_backup(ctx, "manual", tmp_path / "b")
    finally:
        stop.set()
        seller.join()
    assert info.ok and info.members == 1 and len(sold) > 1
    copy = sqlite3.connect(info.path)
    balance, total, sales = copy.execute(
        "SELECT m.balance, (SELECT SUM(points) FROM entries), (SELECT COUNT(*) FROM entries) FROM members m").fetchone()
    assert sales >= 1 and balance == total, "the copy is one moment of the database: cached balance and ledger agree"


def test_backups_are_listed_with_what_they_hold(ctx, enrol, clock, tmp_path):
    post_sale(ctx, enrol("Ana").card, 1_000)
    first = make_backup(ctx, "manual", tmp_path)
    clock.advance(hours=1)
    enrol("Luis")
    second = make_backup(ctx, "daily", tmp_path)
    listed = list_backups(tmp_path, identity_of(ctx.programme()).shop_id)
    assert [info.path for info in listed] == [second.path, first.path], "newest first"
    assert [(info.kind, info.members, info.ok) for info in listed] == [("daily", 2, True), ("manual", 1, True)]
    assert listed[0].size_bytes > 0 and listed[0].last_entry_at is not None
    assert sorted(path.name for path in tmp_path.glob("loyalty-*")) == sorted(
        name for info in listed for name in (info.path.name, info.path.name + ".json")), "one file a backup"
    assert sqlite3.connect(second.path).execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_rotation_keeps_7_days_4_weeks_12_months_and_the_newest():
    start = datetime(2025, 1, 1, 21, tzinfo=timezone.utc)
    daily = [start + timedelta(days=n) for n in range(500)]
    kept = sorted(set(daily) - backups_to_remove(daily), reverse=True)
    assert kept[:7] == sorted(daily, reverse=True)[:7], "the last seven days"
    assert len(kept) <= 7 + 4 + 12
    months = {(moment.year, moment.month) for moment in kept}
    assert len(months) == 12, "one per month for a year"
    assert backups_to_remove([start]) == set()


def test_rotate_removes_files_and_daily_backup_is_once_a_day(ctx, enrol, clock, tmp_path):
    enrol("Ana")
    for _ in range(12):
        assert daily_backup(ctx, tmp_path) is not None
        assert daily_backup(ctx, tmp_path) is None, "a second run the same day takes no backup"
        clock.advance(days=1)
    kept = list_backups(tmp_path, identity_of(ctx.programme()).shop_id)
    assert 7 <= len(kept) <= 9, "the last seven days, and the newest of older weeks"
    assert {info.taken_at.date() for info in kept[:7]} == {
        (clock.now() - timedelta(days=n)).date() for n in range(1, 8)}
    assert rotate(tmp_path, identity_of(ctx.programme()).shop_id) == [], "already rotated"


def test_rotation_also_removes_what_older_backups_left_beside_them(ctx, enrol, clock, tmp_path):
    enrol("Ana")
    old = make_backup(ctx, "daily", tmp_path).path
    sidecars = [old.with_name(old.name + side) for side in ("-wal", "-shm")]
    for sidecar in sidecars:
        sidecar.write_bytes(b"")
    for _ in range(40):
        clock.advance(days=1)
        daily_backup(ctx, tmp_path)
    assert not old.exists() and not any(sidecar.exists() for sidecar in sidecars)


def test_restore_brings_the_data_back_after_a_safety_backup(ctx, enrol, clock, tmp_path):
    ana = enrol("Ana")
    post_sale(ctx, ana.card, 1_000)
    saved = make_backup(ctx, "manual", tmp_path)
    clock.advance(seconds=5)
    post_sale(ctx, ana.card, 5_000)
    enrol("Luis")
    safety = restore(ctx, saved.path)
    assert count(ctx, "members") == 1 and ctx.db.execute("SELECT balance FROM members").fetchone()[0] == 10
    assert safety.kind == "before-restore" and safety.members == 2, "what was there before is kept"


def test_restore_refuses_a_file_that_is_not_a_backup_and_changes_nothing(ctx, enrol, tmp_path):
    enrol("Ana")
    junk = tmp_path / "loyalty-20260101T000000Z-manual.sqlite"
    junk.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    for bad in (junk, tmp_path / "missing.sqlite"):
        with pytest.raises(ValidationError) as caught:
            restore(ctx, bad)
        assert caught.value.field == "file"
    assert count(ctx, "members") == 1
    assert list_backups(tmp_path, None)[0].ok is False, "every shop's listing shows it (it cannot say whose it is)"


def test_restore_refuses_a_backup_from_a_newer_version(ctx, enrol, tmp_path):
    enrol("Ana")
    newer = make_backup(ctx, "manual", tmp_path)
    connection = sqlite3.connect(newer.path)
    connection.execute("PRAGMA user_version = 999")
    connection.commit()
    connection.close()
    with pytest.raises(ValidationError, match="newer version"):
        restore(ctx, newer.path)


def test_backup_cli(tmp_path, capsys):
    db = str(tmp_path / "shop.sqlite")
    ctx = open_shop(db)
    enrol_member(ctx, NewMember(name="Ana"))
    ctx.db.close()
    assert main(["--db", db, "backup", str(tmp_path / "b")]) == 0
    assert main(["--db", db, "--json", "backups", str(tmp_path / "b")]) == 0
    out = capsys.readouterr().out
    assert '"members": 1' in out and '"ok": true' in out
    assert main(["--db", db, "restore", str(tmp_path / "nothing.sqlite")]) == 2
    assert capsys.readouterr().err.startswith("error: file:")
