"""A new counter's first download into a file of its own (chain/bulk_download.py), when nothing
else has its file open (`loyalty sync` on a till that has just joined): against the real hub, the
file it builds derives what the chain's tills derived and what a download in turns derives (report
totals, tiers, seals and the schema included); it does not run while the file is open elsewhere;
an interrupted fetch goes on from where it stopped, and a failure while building leaves the shop's
file as it was."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from datetime import datetime, timezone

import psycopg
import pytest
from hub_helpers import lots_and_balances
from test_first_download import a_chain_with_history, a_member_left_aside, assert_the_same

from loyalty.chain import bulk_download, first_download, pull, second_process, side_seals, side_share
from loyalty.chain.link import hub_link
from loyalty.chain.rounds import sync_once
from loyalty.chain.side_file import ENTRIES, LOCAL_IDS
from loyalty.cli import main
from loyalty.ledger.enrolment import enrol_member
from loyalty.ledger.sales import post_sale
from loyalty.operations.verify import verify
from loyalty.people.members import NewMember, search_members
from loyalty.programme.shop import open_shop
from loyalty.storage import database_path


@pytest.fixture
def small_pages(monkeypatch):
    """Every hub the size of a big one for the download, its pages small: members cut across pages;
    the members taken in at once (pull._in_one_go) as a big chain's are."""
    monkeypatch.setattr(first_download, "BULK_FROM", 1)
    monkeypatch.setattr(pull, "BULK_MEMBERS", 1)
    monkeypatch.setattr(first_download, "PAGE", 7)


def derived(till) -> tuple:
    """What a till derives beyond lots and balances, named by UUIDs: the report totals, the tiers,
    the rewards' stock."""
    return tuple(till.db.execute(sql).fetchall() for sql in (
        "SELECT * FROM day_totals ORDER BY 1, 2, 3",
        "SELECT * FROM ledger_days ORDER BY 1",
        "SELECT t.month, m.uuid, t.sales, t.spend_entries, t.spend_cents, t.last_sale_at "
        "FROM member_months t JOIN members m ON m.id = t.member_id ORDER BY 1, 2",
        "SELECT t.end_month, m.uuid, t.spend_cents FROM member_years t JOIN members m ON m.id = t.member_id "
        "ORDER BY 1, 2",
        "SELECT uuid, tier_code FROM members ORDER BY uuid",
        "SELECT uuid, stock FROM rewards ORDER BY uuid"))


def schema(till) -> list:
    return till.db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name").fetchall()


def said():
    lines = []
    return lines, lines.append


def test_a_new_counter_alone_builds_a_file_that_derives_what_the_chain_and_a_download_in_turns_derived(
        hub, tmp_path, small_pages):
    one, two, (alone, in_turns), cards = a_chain_with_history(hub, tmp_path, tills=4)
    with psycopg.connect(hub.dsn) as admin:
        head = admin.execute("SELECT max(hub_seq) FROM hub.entries").fetchone()[0]
    lines, say = said()
    assert sync_once(alone, alone=say).problem is None
    assert sync_once(in_turns).problem is None          # a till whose file is open elsewhere: first_download.py
    assert any("entries taken in" in line for line in lines) and any("derived" in line for line in lines)
    assert any(line.endswith("members taken in") for line in lines), "the members' pages told, taken in at once"
    assert not any(p.name.endswith((".download", ".building")) for p in tmp_path.iterdir()), \
        "the side file and the copy are gone"
    link = hub_link(alone)
    assert (link.bulk_up_to, link.pulled_hub_seq) == (None, head)
    assert alone.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == head
    assert alone.db.execute("SELECT COUNT(*) FROM entries WHERE reverses_id IS NOT NULL").fetchone()[0] == \
        one.db.execute("SELECT COUNT(*) FROM entries WHERE reverses_id IS NOT NULL").fetchone()[0] > 0
    assert schema(alone) == schema(in_turns), "every index and trigger is back"
    assert alone.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)], "its pages the entries' (bulk_fill)"
    copy_of_one = ("INSERT INTO entries (uuid, idempotency_key, member_id, kind, points, staff_id, device_id, "
                   "created_at) SELECT {}, member_id, kind, points, staff_id, device_id, created_at FROM entries LIMIT 1")
    for column, values in (("uuid", "uuid, idempotency_key || '+'"), ("idempotency_key", "uuid || '+', idempotency_key")):
        with pytest.raises(sqlite3.IntegrityError, match=f"UNIQUE constraint failed: entries.{column}"):
            alone.db.execute(copy_of_one.format(values))
    assert [m.card for m in search_members(alone, "Member 3")] == [cards[3]], "the name search index holds them"
    assert_the_same(one, two, alone, in_turns)
    assert derived(alone) == derived(in_turns)
    assert lots_and_balances(alone) == lots_and_balances(in_turns)
    post_sale(alone, cards[0], 4_000, "after")       # then it sells and syncs as any till
    for till in (alone, one, two, in_turns):
        assert sync_once(till).problem is None
    assert_the_same(one, two, alone, in_turns)


def test_a_file_open_elsewhere_is_downloaded_in_turns(hub, tmp_path, small_pages):
    one, two, (new,), _ = a_chain_with_history(hub, tmp_path)
    other = sqlite3.connect(database_path(new.db))       # the app, say
    other.execute("SELECT COUNT(*) FROM members").fetchone()
    lines, say = said()
    assert sync_once(new, alone=say).problem is None
    other.close()
    assert not any("entries" in line for line in lines), "nothing fetched into a side file"
    assert not any(p.name.endswith((".download", ".building")) for p in tmp_path.iterdir())
    assert_the_same(one, two, new)


class Stop(Exception):
    pass


def stop_at(words: str, after: int = 1):
    """A `say` that raises Stop the `after`-th time it is told `words` (Ctrl+C, a crash)."""
    seen = []

    def say(text: str) -> None:
        if words in text:
            seen.append(text)
            if len(seen) == after:
                raise Stop(text)
    return say


def test_an_interrupted_fetch_goes_on_from_where_it_stopped(hub, tmp_path, small_pages, monkeypatch):
    one, two, (new,), _ = a_chain_with_history(hub, tmp_path)
    with pytest.raises(Stop):
        sync_once(new, alone=stop_at("fetched", after=3))
    side = tmp_path / "till3.sqlite.download"
    with sqlite3.connect(side) as kept:
        assert kept.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 3 * first_download.PAGE
    assert new.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 0, "the shop's file is as it was"
    asked = []
    pages = first_download.hub_pages
    monkeypatch.setattr(first_download, "hub_pages", lambda conn, up_to, member, seq, columns: (
        asked.append((member, seq)) or pages(conn, up_to, member, seq, columns)))
    assert sync_once(new, alone=lambda text: None).problem is None
    assert asked and asked[0][0] is not None, "it went on from the member it had reached"
    assert_the_same(one, two, new)


def test_a_failure_while_building_leaves_the_shops_file_as_it_was(hub, tmp_path, small_pages):
    one, two, (new,), _ = a_chain_with_history(hub, tmp_path)
    before = schema(new)
    with pytest.raises(Stop):
        sync_once(new, alone=stop_at("members derived"))
    assert (tmp_path / "till3.sqlite.building").exists(), "the copy it was building"
    assert new.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 0
    assert schema(new) == before and verify(new) == [], "the shop's file is as it was, and open again"
    assert sync_once(new, alone=lambda text: None).problem is None, "built again from the side file"
    assert not (tmp_path / "till3.sqlite.building").exists()
    assert_the_same(one, two, new)


def test_loyalty_sync_on_a_till_that_has_just_joined_downloads_into_a_file_of_its_own(hub, tmp_path, small_pages,
                                                                                     capsys):
    one, two, (new,), _ = a_chain_with_history(hub, tmp_path)
    path = database_path(new.db)
    new.db.close()                           # the app is not running: `loyalty sync` alone has the file
    assert main(["--db", path, "sync"]) == 0
    said = capsys.readouterr()
    assert "Sent 0 entries" in said.out and "first download:" in said.err and "entries taken in" in said.err
    new = open_shop(path, clock=one.clock, staff_id="till3")
    assert hub_link(new).bulk_up_to is None
    assert_the_same(one, two, new)


def test_an_entry_whose_member_is_not_here_is_left_to_the_pull_one_by_one(hub, tmp_path, small_pages):
    one, two, (new,), cards = a_chain_with_history(hub, tmp_path)
    clash, first_entry = a_member_left_aside(hub, one, new, cards[3])
    lines, say = said()
    assert sync_once(new, alone=say).problem is None
    assert any("entries taken in" in line for line in lines), "it went into a file of its own"
    assert hub_link(new).pulled_hub_seq == first_entry - 1, "the pull goes on from that entry"
    assert new.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] > 0
    assert new.db.execute("SELECT COUNT(*) FROM entries e JOIN members m ON m.id = e.member_id "
                          "WHERE m.uuid = ?", [clash]).fetchone()[0] == 0
    assert verify(new) == []


OTHER_PROGRAM = """
import sys
from loyalty.ledger.enrolment import enrol_member
from loyalty.people.members import NewMember
from loyalty.programme.shop import open_shop
shop = open_shop(sys.argv[1])
print("opened", flush=True)
sys.stdin.readline()
try:
    enrol_member(shop, NewMember(name="Written after the rename"))
    print("saved")
except Exception as error:
    print("refused:", error)
"""


def test_a_program_that_opened_the_file_just_before_it_was_replaced_cannot_write_into_the_old_one(
        hub, tmp_path, small_pages, monkeypatch):
    """The shop's file is replaced by the one built: a program that opened it a moment before (another
    till's command line, say) holds the old file; whatever it writes after the rename would be lost,
    so it is refused, with what to do (storage/lock_guard.py's check of the file before a commit)."""
    one, two, (new,), _ = a_chain_with_history(hub, tmp_path)
    path = database_path(new.db)
    programs = []
    replace = bulk_download.os.replace

    def opened_just_before(source, target):
        if str(target) == str(path):
            program = subprocess.Popen([sys.executable, "-c", OTHER_PROGRAM, path], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, text=True)
            assert program.stdout.readline().strip() == "opened"
            programs.append(program)
        replace(source, target)

    monkeypatch.setattr(bulk_download.os, "replace", opened_just_before)
    assert sync_once(new, alone=lambda text: None).problem is None
    answer, _ = programs[0].communicate("go\n", timeout=60)
    assert "refused: database: writing stopped because" in answer and "was replaced" in answer
    assert new.db.execute("SELECT COUNT(*) FROM members WHERE name = 'Written after the rename'").fetchone()[0] == 0
    assert_the_same(one, two, new)


def test_the_seals_are_made_by_a_second_process_and_are_the_copys(hub, tmp_path, small_pages, monkeypatch):
    """The builder does not seal the entries itself: the second process's seals are taken, and the
    chain holds over every entry (verify walks it)."""
    one, two, (new,), _ = a_chain_with_history(hub, tmp_path)

    def sealed_here(db, after):
        raise AssertionError("the builder sealed the entries itself")
    monkeypatch.setattr(bulk_download, "seal_entries_after", sealed_here)
    assert sync_once(new, alone=lambda text: None).problem is None
    assert not (tmp_path / "till3.sqlite.seals").exists()
    assert new.db.execute("SELECT COUNT(*) FROM entry_seals").fetchone()[0] == \
        new.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] > 0
    assert_the_same(one, two, new)


def test_a_share_of_the_members_is_derived_by_the_second_process(hub, tmp_path, small_pages, monkeypatch):
    """The builder derives the members of the side file's first entries; the second process's share,
    derived in its scratch shop, is taken into the copy: the same lots, balances, tiers as a till that
    derived every member (the first test compares them with a download in turns)."""
    one, two, (new,), _ = a_chain_with_history(hub, tmp_path)
    derived_here, taken = [], []
    replay, take = bulk_download.replay_members, side_share.take_share
    monkeypatch.setattr(bulk_download, "replay_members", lambda ctx, batch: derived_here.extend(batch) or
                        replay(ctx, batch))
    monkeypatch.setattr(side_share, "take_share", lambda db: taken.append(take(db)) or taken[-1])
    # The builder slow inside its first transaction, as on a big shop: the second process works
    # while the builder holds the side file's write lock (longer than SQLite's 5 s wait).
    assert sync_once(new, alone=lambda text: "indexing" in text and time.sleep(6)).problem is None
    members = new.db.execute("SELECT COUNT(DISTINCT member_id) FROM entries").fetchone()[0]
    assert taken == [True] and 0 < len(derived_here) < members
    assert not (tmp_path / "till3.sqlite.deriving").exists()
    assert_the_same(one, two, new)


def test_without_the_second_process_the_builder_does_all_the_work(hub, tmp_path, small_pages, monkeypatch):
    one, two, (new,), _ = a_chain_with_history(hub, tmp_path)
    monkeypatch.setattr(second_process, "start", lambda *args: None)
    assert sync_once(new, alone=lambda text: None).problem is None
    assert_the_same(one, two, new)


def a_side_file(path, members: dict) -> None:
    """A side file of two entries: a sale of the first member, and its reversal posted as the second
    member's (which no counter does: the second process's parts must leave it to the builder)."""
    first, second = members
    with closing(sqlite3.connect(path)) as db:
        db.execute(f"CREATE TABLE {ENTRIES}")
        db.execute(f"CREATE TABLE {LOCAL_IDS}")
        db.executemany("INSERT INTO local_ids VALUES ('member', ?, ?)", members.items())
        for seq, (member, uuid, kind, reverses) in enumerate(((first, "e1", "earn", None),
                                                               (second, "e2", "reverse", "e1")), start=1):
            db.execute("INSERT INTO entries (uuid, member_uuid, kind, points, spend_cents, reverses_uuid, staff_id, "
                       "device_id, device_seq, created_at, idempotency_key) VALUES (?, ?, ?, 5, 0, ?, 'owner', 'd', ?, "
                       "'2026-12-01T10:00:00.000000+00:00', ?)", [uuid, member, kind, reverses, seq, f"key:{uuid}"])
        db.commit()


def test_the_second_process_leaves_a_reversal_of_another_members_entry_to_the_builder(tmp_path):
    side, sealed, scratch = tmp_path / "side", tmp_path / "sealed", tmp_path / "scratch.sqlite"
    shop = open_shop(scratch)
    for name in ("Ana", "Luis"):
        enrol_member(shop, NewMember(name=name))
    members = dict(shop.db.execute("SELECT uuid, id FROM members ORDER BY id").fetchall())
    shop.db.close()
    a_side_file(side, members)
    side_seals.prepare(sealed)              # the work done here, in this process
    side_seals.seal_side_file(str(side), str(sealed))
    side_share.prepare(scratch)
    side_share.derive_share(str(scratch), str(side), 2, datetime(2026, 12, 1, 12, tzinfo=timezone.utc), "owner")
    with closing(sqlite3.connect(sealed)) as db:
        assert db.execute("SELECT COUNT(*) FROM done").fetchone()[0] == 0, "the seals not done: the builder's"
    with closing(sqlite3.connect(scratch)) as db:
        assert db.execute("SELECT COUNT(*) FROM share_done").fetchone()[0] == 0, "the share not done: the builder's"


A_BUILDER_KILLED = """
import multiprocessing, time
from loyalty.chain import second_process
if __name__ == "__main__":
    helper = multiprocessing.get_context("spawn").Process(
        target=second_process.while_the_parent_lives, args=(time.sleep, 300), daemon=True)
    helper.start()
    print(helper.pid, flush=True)
    time.sleep(300)
"""


def test_the_second_process_ends_when_the_builder_is_killed(tmp_path):
    """kill -9 of the app or of `loyalty sync` while it builds: its second process stops at once
    rather than work on for minutes, holding the files the next start removes."""
    builder = subprocess.Popen([sys.executable, "-c", A_BUILDER_KILLED], stdout=subprocess.PIPE, text=True)
    helper = int(builder.stdout.readline())
    try:
        assert _running(helper)
        builder.kill()
        builder.wait()
        deadline = time.monotonic() + 30
        while _running(helper) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _running(helper)
    finally:
        if _running(helper):        # left running by a failure: not for the rest of the suite
            os.kill(helper, signal.SIGKILL)


def _running(pid: int) -> bool:
    """Whether a process runs (a zombie, ended but not reaped by a container's first process, does not)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
