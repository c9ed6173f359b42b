"""A counter killed with SIGKILL in the middle of an upload and of a download, and the hub
stopped as by a power cut in the middle of an ingest: after the restart nothing is lost, nothing
is doubled, and `verify` is clean (issue 22). The counter's kill is a real kill -9 of a real
process (crash_driver.py); the hub's, PostgreSQL's immediate shutdown."""

import subprocess
import sys
import threading
import time
from pathlib import Path

import postgres_server
import psycopg
import pytest
from hub_helpers import lots_and_balances

from loyalty.chain import first_download, hub_admin, upload
from loyalty.chain.link import hub_link, join
from loyalty.chain.rounds import sync_once
from loyalty.ledger.enrolment import enrol_member
from loyalty.ledger.sales import post_sale
from loyalty.operations.verify import verify
from loyalty.people.members import NewMember
from loyalty.programme.shop import open_shop
from loyalty.storage import write_transaction

DRIVER = Path(__file__).with_name("crash_driver.py")
SALES = 2_500          # three upload batches of 1,000


def a_till(folder: Path, dsn: str, name: str, sales: int = 0):
    till = open_shop(folder / f"{name}.sqlite", staff_id=name)
    join(till, hub_admin.add_counter(dsn, "M1", name, device_id=till.device_id).text())
    if sales:
        with write_transaction(till.db):
            cards = [enrol_member(till, NewMember(name=f"Member {n}")).card for n in range(5)]
            for n in range(sales):
                post_sale(till, cards[n % 5], 1_000 + n, f"{name}-{n}")
    return till


def killed(mode: str, till, calls: int) -> None:
    """Runs the till's sync round in its own process and lets it kill itself (-9)."""
    path = till.db.execute("PRAGMA database_list").fetchone()[2]
    till.db.close()
    done = subprocess.run([sys.executable, str(DRIVER), mode, path, str(calls)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == -9, f"the driver was not killed where it should have been: {done.stderr[-2000:]}"


def on_hub(dsn: str, device_id: str) -> tuple[int, int, int]:
    with psycopg.connect(dsn) as admin:
        return admin.execute("SELECT count(*), count(DISTINCT uuid), coalesce(max(device_seq), 0) FROM hub.entries "
                             "WHERE device_id = %s", (device_id,)).fetchone()


def entries_at(till) -> tuple[int, int]:
    return till.db.execute("SELECT COUNT(*), COUNT(DISTINCT uuid) FROM entries").fetchone()


@pytest.fixture
def chain(hub_db):
    hub_admin.init_hub(hub_db.dsn)
    hub_admin.add_store(hub_db.dsn, "M1", "Main")
    return hub_db.dsn


def test_a_counter_killed_after_the_hub_took_a_batch_sends_it_again_and_nothing_doubles(chain, tmp_path):
    till = a_till(tmp_path, chain, "till1", SALES)
    total, device = entries_at(till)[0], till.device_id
    killed("upload", till, 2)
    assert on_hub(chain, device) == (2_000, 2_000, 2_000), "the hub kept the two batches it took"
    till = open_shop(tmp_path / "till1.sqlite", staff_id="till1")
    assert hub_link(till).uploaded_seq < 2_000, "the counter never heard of the second"
    assert sync_once(till).problem is None
    assert on_hub(chain, device) == (total, total, total)
    assert hub_link(till).uploaded_seq == total and verify(till) == []


def test_a_counter_killed_in_the_middle_of_a_download_takes_in_every_entry_once(chain, tmp_path):
    first = a_till(tmp_path, chain, "till1", SALES)
    assert sync_once(first).problem is None
    second = a_till(tmp_path, chain, "till2")
    killed("pull", second, 1_234)
    second = open_shop(tmp_path / "till2.sqlite", staff_id="till2")
    taken_before = entries_at(second)[0]
    assert 0 < taken_before < 1_234, "what the open transaction held was rolled back; earlier pieces stayed"
    assert sync_once(second).problem is None
    assert entries_at(second) == entries_at(first)
    assert (second.db.execute("SELECT SUM(balance) FROM members").fetchone()
            == first.db.execute("SELECT SUM(balance) FROM members").fetchone())
    assert verify(second) == []


def test_a_counter_killed_in_the_middle_of_its_first_download_goes_on_from_where_it_was(chain, tmp_path):
    first = a_till(tmp_path, chain, "till1", SALES)
    assert sync_once(first).problem is None
    second = a_till(tmp_path, chain, "till2")
    killed("first", second, 7)        # pieces of about 50 entries, a turn each: the 7th was not committed
    second = open_shop(tmp_path / "till2.sqlite", staff_id="till2")
    assert 5 * 50 < entries_at(second)[0] <= 6 * 50 and hub_link(second).bulk_up_to is not None
    assert verify(second) == [], "each piece's members were derived with it"
    assert entries_at(first)[0] < first_download.BULK_FROM, "a download under way goes on whatever the hub holds"
    assert sync_once(second).problem is None
    assert hub_link(second).bulk_up_to is None
    assert entries_at(second) == entries_at(first)
    assert lots_and_balances(second) == lots_and_balances(first)
    assert verify(second) == []


@pytest.mark.parametrize("stage, calls", [("alone-fetch", 3), ("alone-build", 2)])
def test_a_counter_killed_in_its_first_download_into_a_file_of_its_own_goes_on(chain, tmp_path, stage, calls):
    """Killed while fetching into the side file, or while building the copy: the shop's file is as
    it was, and the next `loyalty sync` goes on (from the page it reached, or builds the copy again)."""
    first = a_till(tmp_path, chain, "till1", SALES)
    assert sync_once(first).problem is None
    second = a_till(tmp_path, chain, "till2")
    killed(stage, second, calls)
    side, copy = tmp_path / "till2.sqlite.download", tmp_path / "till2.sqlite.building"
    assert side.exists() and copy.exists() == (stage == "alone-build")
    second = open_shop(tmp_path / "till2.sqlite", staff_id="till2")
    assert entries_at(second)[0] == 0 and verify(second) == [], "the shop's file is as it was"
    assert sync_once(second, alone=lambda text: None).problem is None
    assert not side.exists() and not copy.exists()
    assert hub_link(second).bulk_up_to is None
    assert entries_at(second) == entries_at(first)
    assert lots_and_balances(second) == lots_and_balances(first)
    assert verify(second) == []


def test_the_hub_stopped_in_the_middle_of_an_ingest_loses_nothing_and_doubles_nothing(tmp_path, monkeypatch):
    server = postgres_server.start(durable=True)   # a hub of its own, durable as a real one: this test stops it
    try:
        database = postgres_server.create_database(server)
        hub_admin.init_hub(database.dsn)
        hub_admin.add_store(database.dsn, "M1", "Main")
        till = a_till(tmp_path, database.dsn, "till1", SALES)
        total = entries_at(till)[0]
        real, batches = upload._ingest, []

        def ingest_then_cut(conn, entries):
            batches.append(len(entries))
            if len(batches) == 2:                  # the power goes while the hub takes the second batch
                threading.Timer(0.01, postgres_server.crash, [server]).start()
            return real(conn, entries)

        monkeypatch.setattr(upload, "_ingest", ingest_then_cut)
        state = sync_once(till)
        assert state.problem, "the round says the hub was not reached"
        assert 1_000 <= hub_link(till).uploaded_seq < total
        postgres_server.start_again(server)
        monkeypatch.setattr(upload, "_ingest", real)
        assert sync_once(till).problem is None
        assert on_hub(database.dsn, till.device_id) == (total, total, total)
        assert verify(till) == []
        till.db.close()
    finally:
        postgres_server.stop(server)


def test_a_hub_restored_from_an_older_backup_is_sent_again_what_it_lost(chain, tmp_path):
    """The hub's copy of the device ends where it says (hub_position): the counter goes back there."""
    till = a_till(tmp_path, chain, "till1", 30)
    total = entries_at(till)[0]
    assert sync_once(till).problem is None
    with psycopg.connect(chain) as admin:               # what a restore of last night's backup leaves
        admin.execute("ALTER TABLE hub.entries DISABLE TRIGGER USER")
        admin.execute("DELETE FROM hub.entries WHERE device_id = %s AND device_seq > 10", (till.device_id,))
        admin.execute("ALTER TABLE hub.entries ENABLE TRIGGER USER")
        admin.execute("UPDATE hub.devices SET last_seq = 10, last_seal = (SELECT device_seal FROM hub.entries "
                      "WHERE device_id = %s AND device_seq = 10) WHERE device_id = %s", (till.device_id,) * 2)
    assert sync_once(till).problem is None
    assert on_hub(chain, till.device_id) == (total, total, total)


def test_a_counter_restored_from_an_older_backup_is_stopped_before_it_reuses_numbers(chain, tmp_path):
    till = a_till(tmp_path, chain, "till1", 30)
    path, old = tmp_path / "till1.sqlite", tmp_path / "old.sqlite"
    till.db.execute(f"VACUUM INTO '{old}'")               # last night's backup
    card = till.db.execute("SELECT card FROM members LIMIT 1").fetchone()[0]
    for n in range(5):
        post_sale(till, card, 500, f"MORNING-{n}")
    assert sync_once(till).problem is None
    sent = on_hub(chain, till.device_id)
    till.db.close()
    old.replace(path)                                     # the disk died; the backup put back
    restored = open_shop(path, staff_id="till1")
    post_sale(restored, card, 500, "AFTER")               # numbered as a morning sale the hub has
    state = sync_once(restored)
    assert "restored from a backup" in state.problem and "add-counter" in state.problem
    assert on_hub(chain, restored.device_id) == sent, "nothing of it taken"
    restored.db.close()


def test_a_long_round_says_how_far_it_is_and_a_short_one_says_nothing(chain, tmp_path, capsys):
    from loyalty.cli import sync as cli_sync

    till = a_till(tmp_path, chain, "till1", 300)
    with cli_sync._progress_shown(till, every=0.05):
        assert sync_once(till).problem is None
        time.sleep(0.3)                               # a round that lasted longer than `every`
    assert "sent 300 of this counter's 300 entries; 0 of the others' taken in so far" in capsys.readouterr().err
    with cli_sync._progress_shown(till):              # every 2 s: a short round prints nothing
        sync_once(till)
    assert capsys.readouterr().err == ""
