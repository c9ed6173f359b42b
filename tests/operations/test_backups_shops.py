"""Two shops backing up into one folder (a shared USB stick, or two databases side by side):
each backup carries its shop; a shop lists, counts and rotates only its own; restoring the
other shop's backup is refused unless confirmed, and the refusal names both shops. Backups
named before shops were told apart still belong to their shop (read inside them)."""

import json
import sqlite3
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import START, count
from hypothesis import given, settings
from hypothesis import strategies as st
from test_recovery import damage

from loyalty.cli import main
from loyalty.common.clock import FixedClock
from loyalty.common.errors import OtherShopError
from loyalty.ledger.enrolment import enrol_member
from loyalty.operations.backups import (NAME, backups_to_remove, daily_backup, default_backup_folder, list_backups,
                                        make_backup, restore, rotate)
from loyalty.operations.recovery import backup_folder_beside, newest_good_backup, replace_damaged
from loyalty.people.members import NewMember
from loyalty.programme.rules import save_settings
from loyalty.programme.shop import open_shop
from loyalty.programme.shop_identity import give_shop_id, identity_of
from loyalty.storage import backup_to, write_transaction


def new_shop(path: Path, name: str, members: int, clock=None):
    ctx = open_shop(path, clock=clock or FixedClock(START), staff_id="tester")
    with write_transaction(ctx.db):
        save_settings(ctx.db, {"shop_name": name})
    for number in range(members):
        enrol_member(ctx, NewMember(name=f"{name} socio {number}"))
    return ctx


@pytest.fixture
def shops(tmp_path):
    """Two shops on one clock; Norte has 1 member, Sur 2."""
    clock = FixedClock(START)
    norte = new_shop(tmp_path / "norte" / "shop.sqlite", "Tienda Norte", 1, clock)
    sur = new_shop(tmp_path / "sur" / "shop.sqlite", "Tienda Sur", 2, clock)
    yield norte, sur, clock
    norte.db.close()
    sur.db.close()


def shop_id(ctx) -> str:
    return identity_of(ctx.programme()).shop_id


def as_if_created_before_shop_ids(ctx) -> None:
    """A shop from before shops were told apart, once upgraded: its device id is its shop id."""
    with write_transaction(ctx.db):
        ctx.db.execute("DELETE FROM settings WHERE key = 'shop_id'")
        give_shop_id(ctx.db)


def old_style_backup(ctx, folder: Path, moment: datetime, kind: str = "daily", facts: bool = True) -> Path:
    """A backup as taken before shops were told apart: no shop in its name or facts, and the
    shop's database had no `shop_id` setting then (only its `device_id`)."""
    target = folder / f"loyalty-{moment:%Y%m%dT%H%M%SZ}-{kind}.sqlite"
    backup_to(ctx.db, target)
    copy = sqlite3.connect(target)
    copy.execute("DELETE FROM settings WHERE key = 'shop_id'")
    copy.commit()
    copy.close()
    if facts:
        Path(f"{target}.json").write_text(json.dumps(
            {"members": count(ctx, "members"), "last_entry_at": None, "ok": True, "problem": ""}))
    return target


def test_a_backup_carries_its_shop_in_its_name_and_facts(shops, tmp_path):
    norte, _, _ = shops
    info = make_backup(norte, "manual", tmp_path / "stick")
    match = NAME.match(info.path.name)
    assert match and match.group(2) == shop_id(norte) and match.group(3) == "manual"
    facts = json.loads(Path(f"{info.path}.json").read_text())
    assert (facts["shop_id"], facts["shop_name"]) == (shop_id(norte), "Tienda Norte")
    assert Path(facts["database"]) == tmp_path / "norte" / "shop.sqlite"
    assert info.shop.name == "Tienda Norte"


def test_two_shops_get_different_ids_and_an_old_shop_gets_its_device_id(shops, tmp_path):
    norte, sur, _ = shops
    assert shop_id(norte) != shop_id(sur) and shop_id(norte) != norte.programme().device_id
    path = tmp_path / "norte" / "shop.sqlite"
    device_id = norte.programme().device_id
    norte.db.execute("DELETE FROM settings WHERE key = 'shop_id'")   # as every shop was before
    norte.db.conn.commit()
    again = open_shop(path)
    assert again.programme().shop_id == device_id, "its old backups (which hold only the device id) stay its own"
    again.db.close()


def test_each_shop_lists_only_its_own_backups_with_its_name(shops, tmp_path):
    norte, sur, clock = shops
    stick = tmp_path / "stick"
    make_backup(norte, "manual", stick)
    make_backup(sur, "manual", stick)           # the same second: both kept, told apart by name
    clock.advance(hours=1)
    make_backup(norte, "daily", stick)
    listed_norte = list_backups(stick, shop_id(norte))
    listed_sur = list_backups(stick, shop_id(sur))
    assert [(info.kind, info.members, info.shop.name) for info in listed_norte] == [
        ("daily", 1, "Tienda Norte"), ("manual", 1, "Tienda Norte")]
    assert [(info.kind, info.members, info.shop.name) for info in listed_sur] == [("manual", 2, "Tienda Sur")]
    assert len(list_backups(stick, None)) == 3, "every shop's, when asked for"


def test_one_shops_daily_backup_does_not_stand_in_for_the_others(shops, tmp_path):
    norte, sur, _ = shops
    stick = tmp_path / "stick"
    assert daily_backup(sur, stick) is not None
    assert daily_backup(norte, stick) is not None, "Sur's backup of today is not Norte's"
    assert daily_backup(norte, stick) is None


def test_rotation_of_one_shop_never_removes_the_others_backups(shops, tmp_path):
    norte, sur, clock = shops
    stick = tmp_path / "stick"
    sur_backups = []
    for _ in range(40):          # Sur backs up every day but never rotates (say, an old version)
        sur_backups.append(make_backup(sur, "daily", stick).path)
        daily_backup(norte, stick)
        clock.advance(days=1)
    assert all(path.exists() for path in sur_backups), "40 of Sur's, all kept"
    assert len(list_backups(stick, shop_id(norte))) < 15, "Norte's own were rotated"
    assert rotate(stick, shop_id(sur)), "Sur's own rotation removes Sur's"


moments = st.lists(st.integers(min_value=0, max_value=24 * 400).map(
    lambda hours: START + timedelta(hours=hours)), max_size=40, unique=True)


@settings(max_examples=60, deadline=None)
@given(ours=moments, theirs=moments, unknown=moments)
def test_rotation_removes_only_the_shops_own_backups_and_exactly_what_the_schedule_lets_go(ours, theirs, unknown):
    """Whatever the two shops' backup days: one shop's rotation removes exactly its own backups
    the schedule lets go, and never a file of the other shop's or of no known shop."""
    this, other = "0b7e4f0e-3c1a-4a53-9d5e-2f7c1b6f8a21", "6d1f2a3b-aaaa-4bbb-8ccc-0123456789ab"
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)

        def touch(moment, shop):
            path = folder / (f"loyalty-{moment:%Y%m%dT%H%M%SZ}-{shop}-daily.sqlite" if shop
                             else f"loyalty-{moment:%Y%m%dT%H%M%SZ}-daily.sqlite")
            path.touch()   # no settings inside: an old name's file says no shop
            return path

        mine = {moment: touch(moment, this) for moment in ours}
        others = [touch(moment, other) for moment in theirs] + [touch(moment, None) for moment in unknown]
        removed = rotate(folder, this)
        assert sorted(removed) == sorted(mine[moment] for moment in backups_to_remove(list(mine)))
        assert all(path.exists() for path in others)


def test_restoring_the_other_shops_backup_is_refused_naming_both_then_done_when_confirmed(shops, tmp_path):
    norte, sur, _ = shops
    stick = tmp_path / "stick"
    theirs = make_backup(sur, "manual", stick)
    norte_id = shop_id(norte)
    with pytest.raises(OtherShopError) as refused:
        restore(norte, theirs.path)
    assert refused.value.field == "file"
    assert "“Tienda Sur”" in str(refused.value) and "“Tienda Norte”" in str(refused.value)
    assert "nothing was changed" in str(refused.value)
    safety_folder = default_backup_folder(norte)
    assert count(norte, "members") == 1 and list_backups(safety_folder, None) == [], "no safety backup either"
    safety = restore(norte, theirs.path, other_shop=True)
    assert count(norte, "members") == 2, "Sur's data"
    assert shop_id(norte) == shop_id(sur), "the database is Sur's now, its identity included"
    assert safety.shop.shop_id == norte_id and safety.kind == "before-restore", "Norte's data kept as Norte's"
    assert [info.path for info in list_backups(safety_folder, norte_id)] == [safety.path]


def test_restoring_the_shops_own_backup_needs_no_confirmation(shops, tmp_path):
    norte, _, _ = shops
    mine = make_backup(norte, "manual", tmp_path / "stick")
    enrol_member(norte, NewMember(name="Luis"))
    restore(norte, mine.path)
    assert count(norte, "members") == 1


def test_old_unnamed_backups_belong_to_the_shop_whose_data_they_hold(tmp_path):
    clock = FixedClock(START)
    stick = tmp_path / "stick"
    norte = new_shop(tmp_path / "norte.sqlite", "Tienda Norte", 1, clock)
    sur = new_shop(tmp_path / "sur.sqlite", "Tienda Sur", 2, clock)
    for ctx in (norte, sur):     # both shops from before shops were told apart
        ctx.db.execute("DELETE FROM settings WHERE key = 'shop_id'")
        ctx.db.conn.commit()
    old_norte = [old_style_backup(norte, stick, START - timedelta(days=days)) for days in range(1, 60)]
    old_sur = [old_style_backup(sur, stick, START - timedelta(days=days, hours=1), facts=days % 2 == 0)
               for days in range(1, 60)]
    norte.db.close()
    sur.db.close()
    norte, sur = open_shop(tmp_path / "norte.sqlite", clock=clock), open_shop(tmp_path / "sur.sqlite", clock=clock)

    listed = list_backups(stick, shop_id(norte))
    assert {info.path for info in listed} == set(old_norte)
    assert {info.shop.name for info in listed} == {"Tienda Norte"}
    assert {info.path for info in list_backups(stick, shop_id(sur))} == set(old_sur)

    daily_backup(norte, stick)    # the first backup named with the shop, then rotation
    assert all(path.exists() for path in old_sur), "Sur's old backups are never Norte's to remove"
    assert not all(path.exists() for path in old_norte), "Norte's old ones are rotated with its new ones"
    assert len(list_backups(stick, shop_id(norte))) <= 7 + 4 + 12 + 1

    restore(norte, old_norte[0])  # its own old backup: no confirmation needed
    assert shop_id(norte) == norte.programme().device_id, "an old backup's shop id: its device id, as before"
    with pytest.raises(OtherShopError):
        restore(norte, old_sur[1])
    norte.db.close()
    sur.db.close()


def test_the_cli_lists_its_own_and_restores_the_others_only_with_the_flag(shops, tmp_path, capsys):
    norte, sur, _ = shops
    stick = tmp_path / "stick"
    theirs = make_backup(sur, "manual", stick).path
    norte.db.close()
    db = str(tmp_path / "norte" / "shop.sqlite")
    assert main(["--db", db, "backup", str(stick)]) == 0
    capsys.readouterr()
    assert main(["--db", db, "--json", "backups", str(stick)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(row["shop_name"], row["members"]) for row in listed["backups"]] == [("Tienda Norte", 1)]
    assert main(["--db", db, "backups", str(stick)]) == 0
    assert "Tienda Norte" in capsys.readouterr().out

    assert main(["--db", db, "restore", str(theirs)]) == 2
    error = capsys.readouterr().err
    assert "“Tienda Sur”" in error and "“Tienda Norte”" in error and "--other-shop" in error
    assert "Traceback" not in error
    assert main(["--db", db, "restore", str(theirs), "--other-shop"]) == 0
    restored = open_shop(db)
    assert count(restored, "members") == 2 and shop_id(restored) == shop_id(sur)
    restored.db.close()


def two_shops_side_by_side(tmp_path):
    """Two databases in one folder: their default `backups` folder is the same."""
    clock = FixedClock(START)
    paths = tmp_path / "norte.sqlite", tmp_path / "sur.sqlite"
    norte = new_shop(paths[0], "Tienda Norte", 150, clock)
    mine = make_backup(norte, "daily").path
    clock.advance(hours=1)
    sur = new_shop(paths[1], "Tienda Sur", 2, clock)
    theirs = make_backup(sur, "daily").path      # the newest in the folder, but Sur's
    for ctx in (norte, sur):
        ctx.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        ctx.db.close()
    assert backup_folder_beside(paths[0]) == backup_folder_beside(paths[1])
    return paths, mine, theirs


def test_a_damaged_database_is_offered_only_its_own_shops_backup(tmp_path):
    (norte, _), mine, _ = two_shops_side_by_side(tmp_path)
    damage(norte, 4096 * 6)          # its settings still readable: they say whose it is
    assert newest_good_backup(backup_folder_beside(norte), norte).path == mine


def test_a_database_too_damaged_to_say_whose_it_is_is_known_by_its_backups_records(tmp_path):
    (norte, _), mine, _ = two_shops_side_by_side(tmp_path)
    damage(norte, 0, 100)            # the header: SQLite no longer reads anything in it
    assert newest_good_backup(backup_folder_beside(norte), norte).path == mine


def test_without_any_record_only_a_folder_of_one_shop_is_offered(tmp_path):
    (norte, sur), mine, theirs = two_shops_side_by_side(tmp_path)
    damage(norte, 0, 100)
    for facts in backup_folder_beside(norte).glob("*.json"):
        facts.unlink()               # nothing recorded where the backups came from
    assert newest_good_backup(backup_folder_beside(norte), norte) is None, "two shops: which one is unknown"
    theirs.unlink()
    assert newest_good_backup(backup_folder_beside(norte), norte).path == mine


def test_the_cli_puts_the_other_shops_backup_in_place_of_a_damaged_database_only_with_the_flag(tmp_path, capsys):
    (norte, _), mine, theirs = two_shops_side_by_side(tmp_path)
    damage(norte, 0, 100)
    assert main(["--db", str(norte), "restore", str(theirs)]) == 2
    assert "--other-shop" in capsys.readouterr().err
    assert main(["--db", str(norte), "restore", str(mine)]) == 0
    damage(norte, 0, 100)
    with pytest.raises(OtherShopError):
        replace_damaged(norte, theirs)
    assert main(["--db", str(norte), "restore", str(theirs), "--other-shop"]) == 0
    restored = open_shop(norte)
    assert count(restored, "members") == 2
    restored.db.close()
