"""The counter's side of the sync, against a real PostgreSQL hub: a counter with its own history
joins with a join code and sends every entry once; a retried or interrupted upload resumes
without losing or doubling anything; a join that cannot be done writes nothing."""

import json
import logging
import os
import stat
import time
from datetime import datetime, timedelta, timezone

import psycopg
import pytest
from hub_helpers import admin_count

from loyalty.chain import hub_admin
from loyalty.chain import upload as upload_module
from loyalty.chain import wire
from loyalty.chain.link import conninfo, hub_link, join
from loyalty.chain.rounds import sync_once
from loyalty.chain.upload import upload
from loyalty.cli import main
from loyalty.common.errors import ConflictError, ValidationError
from loyalty.ledger.sales import post_sale, refund_sale
from loyalty.storage import database_path


def shop_with_history(ctx, enrol, sales: int = 5):
    ana = enrol("Ana Núñez")
    for number in range(sales):
        post_sale(ctx, ana.card, 1_000 + number, f"T-{number}")
    refund_sale(ctx, ana.card, 500, "T-0", "D-0")
    return ana


def hub_entries(dsn: str) -> list[tuple]:
    with psycopg.connect(dsn) as conn:
        return conn.execute("SELECT device_seq, idempotency_key, points FROM hub.entries ORDER BY hub_seq").fetchall()


def joined(ctx, hub, name="Till 1"):
    code = hub_admin.add_counter(hub.dsn, "M1", name, device_id=ctx.device_id)
    return join(ctx, code.text())


def test_a_counter_with_history_joins_and_sends_every_entry_once(ctx, enrol, hub):
    ana = shop_with_history(ctx, enrol)
    link = joined(ctx, hub)
    assert (link.chain_id, link.store, link.uploaded_seq) == (hub.chain_id, "M1", 0)
    with psycopg.connect(conninfo(ctx, link), autocommit=True) as conn:
        done = upload(ctx, link, conn, batch=4)
        assert (done.sent, done.outcomes["new"], done.batches) == (6, 6, 2)
        again = upload(ctx, hub_link(ctx), conn)
        assert again.sent == 0, "nothing left to send"
    on_hub = hub_entries(hub.dsn)
    local = ctx.db.execute("SELECT device_seq, idempotency_key, points FROM entries ORDER BY device_seq").fetchall()
    assert on_hub == [tuple(row) for row in local]
    assert on_hub[0][1] == f"sale:{ana.uuid}:T-0"
    device = hub_admin.hub_status(hub.dsn)["devices"][0]
    assert (device["last_seq"], hub_link(ctx).uploaded_seq) == (6, 6)


def test_a_stored_time_goes_out_as_utc_text_whatever_its_form():
    assert upload_module._wire_time("2026-03-01T10:30:00.123456+00:00") == "2026-03-01T10:30:00.123456Z"
    assert upload_module._wire_time("2026-03-01T12:30:00+02:00") == "2026-03-01T10:30:00.000000Z"


def test_the_entries_as_sqlite_writes_them_are_what_python_writes(ctx, enrol, hub, monkeypatch):
    """The upload reads each entry as its canonical JSON written by SQLite; one stored otherwise
    (a time with another offset) is written by wire.canonical_json, the same text either way."""
    shop_with_history(ctx, enrol)
    link = joined(ctx, hub)
    ctx.db.execute("DROP TRIGGER entries_no_update")        # a time written otherwise (by hand, an older app)
    ctx.db.execute("UPDATE entries SET created_at = '2026-03-10T14:00:00.000000+02:00' WHERE device_seq = 2")
    by_python = upload_module.canonical_entries(ctx, link, 0, 100, by_sqlite=False)
    assert wire.sqlite_writes_canonical_json(ctx.db)
    read_by_python, real_wire_entries = [], upload_module.wire_entries
    monkeypatch.setattr(upload_module, "wire_entries",
                        lambda *args: read_by_python.append(args[2]) or real_wire_entries(*args))
    assert upload_module.canonical_entries(ctx, link, 0, 100) == by_python
    assert read_by_python == [1], "only the entry with the other time is left to Python"
    assert len(by_python) == 6 and '"created_at":"2026-03-10T12:00:00.000000Z"' in by_python[1][1]
    assert any('"reverses_uuid":"' in canonical for _, canonical in by_python)


def test_an_sqlite_writing_json_otherwise_leaves_every_entry_to_python(ctx, enrol, hub):
    """Another SQLite's json_object() (here one that writes spaces) is found out before the
    upload, which then writes every entry with wire.canonical_json: the hub takes them all."""
    shop_with_history(ctx, enrol)
    link = joined(ctx, hub)
    ctx.db.conn.create_function("json_object", -1, lambda *pairs: json.dumps(dict(zip(pairs[::2], pairs[1::2]))))
    assert not wire.sqlite_writes_canonical_json(ctx.db)
    with psycopg.connect(conninfo(ctx, link), autocommit=True) as conn:
        assert upload(ctx, link, conn).outcomes == {"new": 6, "duplicate": 0, "quarantined": 0}


def test_an_upload_cut_after_the_hub_committed_resumes_without_doubling(ctx, enrol, hub, monkeypatch):
    """The hub took a batch but the counter died before noting it: the next round goes on from
    where the hub's copy ends (hub_position), sending nothing twice."""
    shop_with_history(ctx, enrol)
    link = joined(ctx, hub)
    noted = []

    def dies_on_the_second_note(ctx, **values):
        noted.append(values)
        if len(noted) == 2:
            raise KeyboardInterrupt("power cut")
        return real_note(ctx, **values)

    real_note = upload_module.note_progress
    monkeypatch.setattr(upload_module, "note_progress", dies_on_the_second_note)
    with psycopg.connect(conninfo(ctx, link), autocommit=True) as conn:
        with pytest.raises(KeyboardInterrupt):
            upload(ctx, link, conn, batch=2)
        taken = admin_count(hub.dsn, "entries")       # the next batch may have gone while this one was noted
        assert taken >= 4 and hub_link(ctx).uploaded_seq == 2
        monkeypatch.setattr(upload_module, "note_progress", real_note)
        done = upload(ctx, hub_link(ctx), conn, batch=2)
    assert done.outcomes == {"new": 6 - taken, "duplicate": 0, "quarantined": 0}
    assert hub_link(ctx).uploaded_seq == 6
    assert admin_count(hub.dsn, "entries") == 6 and admin_count(hub.dsn, "quarantine") == 0


def test_a_long_history_goes_over_two_connections_in_the_devices_order(ctx, enrol, hub):
    """Hub step 18: the hub checks one batch while it inserts the one before, each on its own
    connection; what it numbers is still the device's order, each entry once."""
    shop_with_history(ctx, enrol)
    link = joined(ctx, hub)
    opened = []

    def another():
        opened.append(psycopg.connect(conninfo(ctx, link), autocommit=True))
        return opened[-1]

    with psycopg.connect(conninfo(ctx, link), autocommit=True) as conn:
        done = upload(ctx, link, conn, batch=2, another=another)
        assert (done.outcomes["new"], done.batches) == (6, 3)
        post_sale(ctx, ctx.db.execute("SELECT card FROM members").fetchone()[0], 7_000, "T-9")
        assert upload(ctx, hub_link(ctx), conn, batch=2, another=another).outcomes["new"] == 1
    assert len(opened) == 1 and opened[0].closed, "a second connection only for more than one batch, then closed"
    local = ctx.db.execute("SELECT device_seq, idempotency_key, points FROM entries ORDER BY device_seq").fetchall()
    assert hub_entries(hub.dsn) == [tuple(row) for row in local] and hub_link(ctx).uploaded_seq == 7


def test_a_second_connection_refused_leaves_the_upload_to_the_first(ctx, enrol, hub):
    shop_with_history(ctx, enrol)
    link = joined(ctx, hub)

    def refused():
        raise psycopg.OperationalError("too many connections for role")

    with psycopg.connect(conninfo(ctx, link), autocommit=True) as conn:
        done = upload(ctx, link, conn, batch=2, another=refused)
    assert (done.outcomes["new"], done.batches, hub_link(ctx).uploaded_seq) == (6, 3, 6)


def test_a_batch_that_reaches_the_hub_before_the_one_it_follows_is_sent_again_after_it(ctx, enrol, hub,
                                                                                       monkeypatch, caplog):
    """The first batch held up on its way: the second, on the other connection, finds the hub
    without the entries before it and is refused (a gap); the third, behind the first, too. Both
    are sent again once the first is taken: in order, nothing lost or doubled, nothing set aside."""
    shop_with_history(ctx, enrol)
    link = joined(ctx, hub)
    real_ingest = upload_module._ingest

    def first_batch_held_up(conn, payload):
        if '"device_seq":1,' in payload:
            time.sleep(0.5)
        return real_ingest(conn, payload)

    monkeypatch.setattr(upload_module, "_ingest", first_batch_held_up)
    caplog.set_level(logging.INFO, logger=upload_module.__name__)
    with psycopg.connect(conninfo(ctx, link), autocommit=True) as conn:
        done = upload(ctx, link, conn, batch=2, another=lambda: psycopg.connect(conninfo(ctx, link), autocommit=True))
    assert done.outcomes == {"new": 6, "duplicate": 0, "quarantined": 0} and done.batches == 3
    assert [record.args for record in caplog.records if "sent again" in record.getMessage()] == [(2,), (4,)]
    local = ctx.db.execute("SELECT device_seq, idempotency_key, points FROM entries ORDER BY device_seq").fetchall()
    assert hub_entries(hub.dsn) == [tuple(row) for row in local]
    assert admin_count(hub.dsn, "quarantine") == 0 and hub_link(ctx).uploaded_seq == 6


def test_new_sales_after_joining_follow_the_chain(ctx, enrol, hub):
    ana = shop_with_history(ctx, enrol, sales=1)
    link = joined(ctx, hub)
    with psycopg.connect(conninfo(ctx, link), autocommit=True) as conn:
        upload(ctx, link, conn)
        post_sale(ctx, ana.card, 7_000, "T-9")
        assert upload(ctx, hub_link(ctx), conn).outcomes["new"] == 1
    assert hub_entries(hub.dsn)[-1][1] == f"sale:{ana.uuid}:T-9"


def test_the_password_is_kept_apart_readable_only_by_this_user(ctx, enrol, hub):
    joined(ctx, hub)
    secret = f"{database_path(ctx.db)}.hub-secret"
    assert stat.S_IMODE(os.stat(secret).st_mode) == 0o600
    assert ctx.db.execute("SELECT COUNT(*) FROM settings WHERE value LIKE '%' || ? || '%'",
                          [open(secret).read()]).fetchone()[0] == 0


def test_a_join_that_cannot_be_done_writes_nothing(ctx, enrol, hub, clock):
    shop_with_history(ctx, enrol, sales=1)
    other_till = hub_admin.add_counter(hub.dsn, "M1", "Till 2")          # made for a new device
    with pytest.raises(ValidationError, match="another till.*--device-id"):
        join(ctx, other_till.text())
    own = hub_admin.add_counter(hub.dsn, "M1", "Till 1", device_id=ctx.device_id)
    with pytest.raises(ValidationError, match="expired"):
        join(ctx, own.text(), now=datetime.now(timezone.utc) + timedelta(days=30))
    unreachable = own.__class__(**{**own.__dict__, "port": 1})
    with pytest.raises(ValidationError, match="cannot reach the hub"):
        join(ctx, unreachable.text())
    wrong = own.__class__(**{**own.__dict__, "password": "not-it"})
    with pytest.raises(ValidationError, match="hub"):
        join(ctx, wrong.text())
    assert hub_link(ctx) is None
    assert not os.path.exists(f"{database_path(ctx.db)}.hub-secret")
    join(ctx, own.text())
    with pytest.raises(ConflictError, match="joined the chain"):
        join(ctx, own.text())


def test_a_new_counter_without_history_takes_the_hubs_device_id(ctx, hub):
    code = hub_admin.add_counter(hub.dsn, "M1", "Till 3")
    join(ctx, code.text())
    assert ctx.device_id == code.device_id


def test_join_and_sync_from_the_command_line(ctx, enrol, hub, capsys):
    shop_with_history(ctx, enrol, sales=2)
    path = database_path(ctx.db)
    code = hub_admin.add_counter(hub.dsn, "M1", "Till 1", device_id=ctx.device_id)
    assert main(["--db", path, "--json", "join", code.text()]) == 0
    assert json.loads(capsys.readouterr().out)["store"] == "M1"
    assert main(["--db", path, "--json", "sync", "--status"]) == 0
    assert json.loads(capsys.readouterr().out)["pending"] == 3
    assert main(["--db", path, "sync", "--once"]) == 0
    assert "Sent 3 entries (0 quarantined by the hub); 0 wait." in capsys.readouterr().out
    hub_admin.revoke_counter(hub.dsn, "Till 1")
    post_sale(ctx, enrol("Luis").card, 1_000, "T-5")
    assert main(["--db", path, "sync"]) == 2
    assert "the sync stopped" in capsys.readouterr().err
    assert hub_link(ctx).last_problem


def test_a_round_that_cannot_reach_the_hub_is_noted_and_the_next_one_goes_on(ctx, enrol, hub, monkeypatch):
    """The background sync never raises: an unreachable hub is a state the header shows, and the
    next round sends what waited."""
    from loyalty.chain import rounds

    shop_with_history(ctx, enrol, sales=1)
    joined(ctx, hub)
    real_conninfo = rounds.conninfo
    monkeypatch.setattr(rounds, "conninfo", lambda ctx, link: real_conninfo(ctx, link).replace(
        f"port={link.port}", "port=1"))
    down = rounds.sync_once(ctx)
    assert down.joined and down.problem and down.pending == 2 and down.sent == 0
    monkeypatch.setattr(rounds, "conninfo", real_conninfo)
    up = rounds.sync_once(ctx)
    assert (up.problem, up.pending, up.sent) == (None, 0, 2)
    assert hub_link(ctx).last_problem is None


def test_watch_runs_rounds_until_stopped(ctx, enrol, hub):
    import threading

    from loyalty.chain.rounds import watch

    shop_with_history(ctx, enrol, sales=1)
    joined(ctx, hub)
    stop, seen = threading.Event(), []

    def report(state):
        seen.append(state)
        if len(seen) == 3:
            stop.set()

    watch(ctx, stop, report, every=0.01)
    assert [state.sent for state in seen] == [2, 0, 0] and admin_count(hub.dsn, "entries") == 2


def test_members_enrolled_here_travel_to_the_hub_once_and_an_erased_one_never(ctx, enrol, hub):
    from loyalty.chain.rounds import sync_once
    from loyalty.chain.upload import upload_members
    from loyalty.exchange.privacy import erase_member

    ana = shop_with_history(ctx, enrol, sales=1)
    luis = enrol("Luis Pérez", phone="600 111 222", marketing_consent=True)
    gone = enrol("Zoe Erased")
    erase_member(ctx, gone.id, "asked")
    joined(ctx, hub)
    state = sync_once(ctx)
    assert state.problem is None and state.pending == 0
    with psycopg.connect(hub.dsn) as admin:
        members = admin.execute("SELECT uuid::text, card, name, phone, marketing_consent, store FROM hub.members "
                                "ORDER BY member_seq").fetchall()
    assert members == [(ana.uuid, ana.card, "Ana Núñez", None, False, "M1"),
                       (luis.uuid, luis.card, "Luis Pérez", "600 111 222", True, "M1")]
    link = hub_link(ctx)
    with psycopg.connect(conninfo(ctx, link), autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM hub.members")
        again = upload_members(ctx, link.__class__(**{**link.__dict__, "uploaded_member_id": 0}), conn)
    assert again == {"new": 0, "duplicate": 2, "quarantined": 0}


def test_a_card_number_already_on_the_hub_for_another_member_is_set_aside(ctx, enrol, hub, tmp_path):
    from loyalty.chain.rounds import sync_once
    from loyalty.ledger.enrolment import enrol_member
    from loyalty.people.members import NewMember
    from loyalty.programme.shop import open_shop

    ana = enrol("Ana Núñez")
    joined(ctx, hub)
    sync_once(ctx)
    other = open_shop(tmp_path / "till2.sqlite")
    join(other, hub_admin.add_counter(hub.dsn, "M1", "Till 2", device_id=other.device_id).text())
    enrol_member(other, NewMember(name="Eva", card=ana.card))     # the same number, typed in at another till
    sync_once(other)
    assert admin_count(hub.dsn, "members") == 1 and admin_count(hub.dsn, "quarantine") == 1


def test_an_erasure_here_wipes_the_member_on_the_hub_quarantined_copies_included(ctx, enrol, hub):
    from loyalty.chain.rounds import sync_once
    from loyalty.exchange.privacy import erase_member

    zoe = enrol("Zoe Quintanilla", phone="699 887 766", email="zq@example.es", birthday="1971-02-03")
    enrol("Eva Other", phone="600 000 001")
    joined(ctx, hub)
    sync_once(ctx)
    with psycopg.connect(conninfo(ctx, hub_link(ctx)), autocommit=True) as conn:   # other details, same member:
        changed = {"uuid": zoe.uuid, "card": zoe.card, "name": "Zoe Q. Quintanilla", "phone": "699 887 766",
                   "joined_at": "2026-03-10T12:00:00+00:00"}
        assert conn.execute("SELECT outcome FROM hub.hub_ingest_members(%s::jsonb)",
                            (json.dumps([changed]),)).fetchone()[0] == "quarantined"
    erase_member(ctx, zoe.id, "asked at the counter")
    assert sync_once(ctx).problem is None
    with psycopg.connect(hub.dsn) as admin:
        dump = json.dumps([admin.execute(f"SELECT * FROM hub.{table}").fetchall()
                           for table in ("members", "quarantine", "entries")], default=str)
        erased = admin.execute("SELECT count(*) FROM hub.erasures WHERE member_uuid = %s", (zoe.uuid,)).fetchone()[0]
    for secret in ("Zoe", "Quintanilla", "699 887 766", "zq@example.es", "1971-02-03"):
        assert secret not in dump, secret
    assert "Eva Other" in dump and "600 000 001" in dump, "only her data goes"
    assert erased == 1
    assert ctx.db.execute("SELECT member_uuid FROM hub_erasures_sent").fetchall() == [(zoe.uuid,)]
    sync_once(ctx)
    assert ctx.db.execute("SELECT COUNT(*) FROM hub_erasures_sent").fetchone()[0] == 1, "sent once"


def test_a_join_code_is_spent_once_used(ctx, enrol, hub, tmp_path):
    """The counter takes a password of its own as it joins: the code, seen on a screen or sent in a
    message, no longer opens the hub — not for a thief, not for a second till."""
    from loyalty.programme.shop import open_shop

    code = hub_admin.add_counter(hub.dsn, "M1", "Till 1", device_id=ctx.device_id)
    join(ctx, code.text())
    with pytest.raises(psycopg.OperationalError, match="password"):
        psycopg.connect(code.conninfo()).close()
    with psycopg.connect(conninfo(ctx, hub_link(ctx)), autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM hub.hub_pull(0, 1)").fetchone() == (0,)
    other = open_shop(tmp_path / "till2.sqlite")
    with pytest.raises(ValidationError, match="hub"):
        join(other, code.text())
    assert hub_link(other) is None and not os.path.exists(tmp_path / "till2.sqlite.hub-secret")


def two_tills(ctx, hub, tmp_path):
    from loyalty.programme.shop import open_shop

    joined(ctx, hub)
    other = open_shop(tmp_path / "till2.sqlite", clock=ctx.clock)      # the same day at both tills
    join(other, hub_admin.add_counter(hub.dsn, "M1", "Till 2", device_id=other.device_id).text())
    return other


def test_a_member_enrolled_at_one_till_opens_at_the_other(ctx, enrol, hub, tmp_path):
    from loyalty.chain.rounds import sync_once
    from loyalty.people.members import member_by_card

    ana = enrol("Ana Núñez", phone="600 123 456", marketing_consent=True)
    till2 = two_tills(ctx, hub, tmp_path)
    sync_once(ctx)
    sync_once(till2)
    there = member_by_card(till2, ana.card)
    assert (there.uuid, there.name, there.phone, there.marketing_consent) == (ana.uuid, "Ana Núñez", "600 123 456",
                                                                                True)
    sync_once(till2)                                             # taken in once, never sent back
    assert admin_count(hub.dsn, "members") == 1
    assert till2.db.execute("SELECT COUNT(*) FROM members").fetchone()[0] == 1
    assert hub_link(till2).pulled_member_seq == 1


def test_an_erasure_at_one_till_erases_the_member_at_every_till(ctx, enrol, hub, tmp_path):
    import subprocess
    import sys

    from loyalty.chain.rounds import sync_once
    from loyalty.exchange.privacy import erase_member

    zoe = enrol("Zoe Quintanilla", phone="699 887 766", email="zq@example.es")
    till2 = two_tills(ctx, hub, tmp_path)
    sync_once(ctx)
    sync_once(till2)
    erase_member(ctx, zoe.id, "asked at till 1")
    sync_once(ctx)
    sync_once(till2)
    status, name = till2.db.execute("SELECT status, name FROM members WHERE uuid = ?", [zoe.uuid]).fetchone()
    assert status == "erased" and "Zoe" not in name
    code = ("import sys, pathlib; sys.stdout.buffer.write(b''.join(p.read_bytes() for p in "
            "pathlib.Path(sys.argv[1]).glob('till2.sqlite*') if not p.name.endswith('hub-secret')))")
    raw = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, check=True).stdout
    for secret in ("Quintanilla", "699 887 766", "zq@example.es"):
        assert secret.encode() not in raw, secret
    assert "another counter" in till2.db.execute("SELECT detail FROM audit WHERE action = 'member.erase'").fetchone()[0]


def test_points_earned_at_one_till_are_spent_at_the_other_and_both_agree(ctx, enrol, hub, tmp_path):
    from loyalty.chain.rounds import sync_once
    from loyalty.ledger.redemptions import redeem_points
    from loyalty.ledger.sales import refund_sale
    from loyalty.operations.verify import verify
    from loyalty.people.members import member_by_card

    ana = enrol("Ana Núñez")
    post_sale(ctx, ana.card, 5_000, "T-1")                       # 50 points at till 1
    till2 = two_tills(ctx, hub, tmp_path)
    sync_once(ctx)
    sync_once(till2)
    assert member_by_card(till2, ana.card).balance == 50
    redeem_points(till2, ana.card, 30)                            # spent at till 2
    refund_sale(till2, ana.card, 1_000, "T-1", "D-1")             # a refund of till 1's sale, at till 2
    for _ in range(2):
        sync_once(till2)
        sync_once(ctx)
    balances = [member_by_card(shop, ana.card).balance for shop in (ctx, till2)]
    assert balances == [10, 10]
    assert verify(ctx) == [] and verify(till2) == []
    assert admin_count(hub.dsn, "entries") == 3 and admin_count(hub.dsn, "quarantine") == 0
    assert [row[0] for row in ctx.db.execute("SELECT kind FROM entries ORDER BY created_at, id")] == \
        ["earn", "redeem", "reverse"]


def test_the_same_points_spent_at_two_offline_tills_become_a_debt_paid_by_the_next_earnings(ctx, enrol, hub,
                                                                                            tmp_path):
    from loyalty.chain.rounds import sync_once
    from loyalty.ledger.redemptions import redeem_points
    from loyalty.operations.verify import verify
    from loyalty.people.members import member_by_card

    ana = enrol("Ana Núñez")
    post_sale(ctx, ana.card, 5_000, "T-1")
    till2 = two_tills(ctx, hub, tmp_path)
    sync_once(ctx)
    sync_once(till2)
    redeem_points(ctx, ana.card, 40)                               # both offline: each sees 50
    redeem_points(till2, ana.card, 40)
    for _ in range(2):
        sync_once(ctx)
        sync_once(till2)
    assert [member_by_card(shop, ana.card).balance for shop in (ctx, till2)] == [-30, -30]
    from loyalty.common.period import month_period
    from loyalty.reports.fraud import fraud_flags
    for shop in (ctx, till2):
        [flag] = [flag for flag in fraud_flags(shop, month_period("2026-03")) if flag.code == "spent_twice"]
        assert flag.about == ana.card and [row["points"] for row in flag.entries] == [-40, -40]
    post_sale(ctx, ana.card, 4_000, "T-2")                         # 40 points: 30 pay the debt
    sync_once(ctx)
    sync_once(till2)
    assert [member_by_card(shop, ana.card).balance for shop in (ctx, till2)] == [10, 10]
    assert verify(ctx) == [] and verify(till2) == []


def test_a_pull_cut_anywhere_resumes_without_losing_or_doubling(ctx, enrol, hub, tmp_path, monkeypatch):
    """Each batch of the pull is one local transaction with its cursor: cut in the middle (power,
    kill), nothing of the batch stays, and the next round takes it in whole."""
    from loyalty.chain import pull
    from loyalty.chain.rounds import sync_once
    from loyalty.operations.verify import verify
    from loyalty.people.members import member_by_card

    ana = enrol("Ana Núñez")
    for number in range(5):
        post_sale(ctx, ana.card, 1_000, f"T-{number}")
    till2 = two_tills(ctx, hub, tmp_path)
    sync_once(ctx)
    with psycopg.connect(conninfo(till2, hub_link(till2)), autocommit=True) as conn:
        pull.pull_members(till2, hub_link(till2), conn)
        real, calls = pull.take_in_entry, []

        def dies_on_the_fourth(*args):
            calls.append(args)
            if len(calls) == 4:
                raise KeyboardInterrupt("power cut")
            return real(*args)

        monkeypatch.setattr(pull, "take_in_entry", dies_on_the_fourth)
        with pytest.raises(KeyboardInterrupt):
            pull.pull_entries(till2, hub_link(till2), conn, batch=2)
        assert hub_link(till2).pulled_hub_seq == 2, "the first batch stays, the cut one does not"
        assert till2.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 2
        monkeypatch.setattr(pull, "take_in_entry", real)
        pull.pull_entries(till2, hub_link(till2), conn, batch=2)
    assert member_by_card(till2, ana.card).balance == member_by_card(ctx, ana.card).balance == 50
    assert till2.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 5 and verify(till2) == []


def test_a_hub_older_than_the_app_is_said_in_one_sentence_and_the_counter_keeps_selling(ctx, hub, enrol):
    """A hub the owner has not upgraded lacks a function this app calls: the round says what to do."""
    join(ctx, hub_admin.add_counter(hub.dsn, "M1", "Till 1", device_id=ctx.device_id).text())
    with psycopg.connect(hub.dsn) as admin:
        admin.execute("DROP FUNCTION hub.hub_head()")       # as a hub of the previous version
    state = sync_once(ctx)                                  # a new till asks it for its first download
    post_sale(ctx, enrol("Ana").card, 1_000, "T-1")         # and sells meanwhile
    assert state.problem.startswith("hub: the hub is older than this app: ask the owner to upgrade it")
    assert ctx.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 1


def test_a_watching_till_takes_in_another_tills_sale_as_soon_as_the_hub_says_so(tmp_path, hub):
    """The hub's NOTIFY wakes the watch (chain/listen.py): with a tick of a minute, the other
    till's sale is here within seconds."""
    import threading
    import time

    from hub_helpers import joined_tills

    from loyalty.chain.rounds import watch
    from loyalty.ledger.enrolment import enrol_member
    from loyalty.people.members import NewMember
    from loyalty.programme.shop import open_shop

    one, two = joined_tills(hub.dsn, tmp_path, 2)
    card = enrol_member(one, NewMember(name="Ana")).card
    assert sync_once(one).problem is None
    path, stop, rounds = database_path(two.db), threading.Event(), []

    def watching() -> None:
        own = open_shop(path, staff_id="till2")
        watch(own, stop, rounds.append, every=60)
        own.db.close()

    thread = threading.Thread(target=watching)
    thread.start()
    try:
        deadline = time.monotonic() + 15
        while len(rounds) < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)                              # the listener is listening
        post_sale(one, card, 2_500, "A-1")
        sent_at = time.monotonic()
        assert sync_once(one).sent == 1
        while time.monotonic() < sent_at + 10 and not two.db.execute(
                "SELECT 1 FROM entries WHERE receipt_ref = 'A-1'").fetchone():
            time.sleep(0.05)
        waited = time.monotonic() - sent_at
        assert waited < 10, "not woken: the watch would have waited its minute"
    finally:
        stop.set()
        thread.join(70)
