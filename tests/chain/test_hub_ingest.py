"""The hub's rules (docs/sync.md), against a real PostgreSQL: each counter connects as its own
role with its join code's credentials and may only call hub_ingest and hub_pull."""

import json
import threading
import time

import psycopg
import pytest
from hub_helpers import T0, admin_count, entry, ingest, pull, sealed

from loyalty.chain import hub_admin, wire
from loyalty.chain.hub_schema import COUNTER_FUNCTIONS


def test_a_batch_is_new_then_duplicate_and_nothing_doubles(hub):
    till = hub.counter("Till 1")
    batch = till.entries(3, staff="José Núñez", reason="ñandú «x»\n\t\"quoted\"")
    with till.connect() as conn:
        assert ingest(conn, batch) == [(e["uuid"], "new") for e in batch]
        assert ingest(conn, batch) == [(e["uuid"], "duplicate") for e in batch]
        assert [hub_seq for hub_seq, _ in pull(conn)] == [1, 2, 3]
    assert admin_count(hub.dsn, "entries") == 3
    status = hub_admin.hub_status(hub.dsn)
    assert status["devices"][0]["last_seq"] == 3 and status["devices"][0]["last_contact"]


def test_a_retried_batch_with_new_entries_after_it_records_only_the_new(hub):
    till = hub.counter("Till 1")
    first = till.entries(2)
    with till.connect() as conn:
        ingest(conn, first)
        more = till.entries(2)
        assert [o for _, o in ingest(conn, first + more)] == ["duplicate", "duplicate", "new", "new"]
    assert admin_count(hub.dsn, "entries") == 4


def test_same_uuid_other_content_is_quarantined_and_the_original_untouched(hub):
    till = hub.counter("Till 1")
    [original] = till.entries(1, points=10)
    with till.connect() as conn:
        ingest(conn, [original])
        changed = sealed([{**original, "points": 999}])[0]      # same uuid and number, other content
        assert ingest(conn, [changed]) == [(original["uuid"], "quarantined")]
        assert ingest(conn, [changed]) == [(original["uuid"], "quarantined")], "a retry adds no second row"
        # the device's next number, sealed rightly, but reusing an uuid already on the hub
        reuse = sealed([{**entry(till.code.device_id, 2, "M1"), "uuid": original["uuid"]}], till.seal)[0]
        till.seq, till.seal = 2, reuse["device_seal"]
        assert ingest(conn, [reuse]) == [(original["uuid"], "quarantined")]
        assert ingest(conn, till.entries(1))[0][1] == "new", "the device's chain went on past the quarantined one"
    with psycopg.connect(hub.dsn) as admin:
        assert admin.execute("SELECT points FROM hub.entries WHERE uuid = %s", (original["uuid"],)).fetchone() == (10,)
        reasons = [r for (r,) in admin.execute("SELECT reason FROM hub.quarantine ORDER BY id")]
    assert len(reasons) == 2 and "device number 1 was already used" in reasons[0] and "uuid" in reasons[1]
    assert hub_admin.hub_status(hub.dsn)["quarantined"] == 2


def test_the_same_idempotency_key_from_two_tills_is_one_sale(hub):
    one, two = hub.counter("Till 1"), hub.counter("Till 2")
    [sale] = one.entries(1, idempotency_key="sale:m:R1")
    [again] = two.entries(1, idempotency_key="sale:m:R1")
    with one.connect() as a, two.connect() as b:
        assert ingest(a, [sale])[0][1] == "new"
        assert ingest(b, [again])[0][1] == "quarantined"
    assert admin_count(hub.dsn, "entries") == 1


def test_a_key_twice_in_one_batch_quarantines_the_second_and_keeps_the_rest(hub):
    """The usual batch is inserted at once and its unique indexes find the clash (hub step 13):
    the batch is then taken entry by entry, as before."""
    till = hub.counter("Till 1")
    batch = till.entries(3)
    batch = sealed([batch[0], {**batch[1], "idempotency_key": batch[0]["idempotency_key"]}, batch[2]])
    till.seal = batch[-1]["device_seal"]
    with till.connect() as conn:
        assert [o for _, o in ingest(conn, batch)] == ["new", "quarantined", "new"]
        assert [o for _, o in ingest(conn, till.entries(1))] == ["new"], "the chain goes on after the batch"
    assert admin_count(hub.dsn, "entries") == 3


def test_a_key_is_looked_up_by_its_digests_index(hub):
    """The key is unique by its digest (hub step 14); the entry-by-entry path asks by it too, so
    that a hub of millions of entries answers from the index, not by reading them all."""
    with psycopg.connect(hub.dsn) as admin:
        admin.execute("SET enable_seqscan = off")
        plan = "\n".join(row[0] for row in admin.execute(
            "EXPLAIN SELECT 1 FROM hub.entries x WHERE hub.key_digest(x.idempotency_key) = hub.key_digest('sale:m:R1')"))
    assert "entries_key_digest" in plan, plan


def test_the_same_fact_from_two_tills_is_taken_once_and_both_chains_go_on(hub):
    """A keyed entry takes the UUID of its key (ledger/entries.entry_uuid_for): two tills that
    expire the same lot post the same UUID and fact, from their own numbers, times and cashiers.
    The second is a duplicate, not a conflict; the same UUID with another fact is quarantined."""
    one, two = hub.counter("Till 1"), hub.counter("Till 2")
    fact = {"uuid": "4b1f0c1e-7d2a-5b3c-9e4f-0a1b2c3d4e5f", "kind": "expire", "points": -40, "amount_cents": None,
            "spend_cents": 0, "idempotency_key": "expire:lot:2026-04-01"}
    [first] = one.entries(1, **fact, staff="Ana")
    two.member = one.member
    [second] = two.entries(1, **fact, staff="Luis", created_at=wire.created_at_text(T0.replace(minute=9)))
    with one.connect() as a, two.connect() as b:
        assert ingest(a, [first]) == [(fact["uuid"], "new")]
        assert ingest(b, [second]) == [(fact["uuid"], "duplicate")]
        assert ingest(b, two.entries(1))[0][1] == "new", "the second till's chain went on past it"
        [other] = one.entries(1, **{**fact, "points": -10})
        assert ingest(a, [other]) == [(fact["uuid"], "quarantined")], "same uuid, another fact"
    assert admin_count(hub.dsn, "entries") == 2


def test_a_gap_is_refused_naming_the_missing_number_and_nothing_of_the_batch_is_written(hub):
    till = hub.counter("Till 1")
    first, second, third = till.entries(3)
    with till.connect() as conn:
        with pytest.raises(psycopg.errors.InvalidParameterValue, match="device_seq 3, but 2 is missing"):
            ingest(conn, [first, third])
        with pytest.raises(psycopg.errors.InvalidParameterValue, match="1 is missing"):
            ingest(conn, [second])
    assert admin_count(hub.dsn, "entries") == 0
    assert hub_admin.hub_status(hub.dsn)["devices"][0]["last_seq"] == 0


def test_a_wrong_seal_is_refused(hub):
    till = hub.counter("Till 1")
    first, second = till.entries(2)
    with till.connect() as conn:
        with pytest.raises(psycopg.errors.InvalidParameterValue, match="wrong seal"):
            ingest(conn, [first, {**second, "device_seal": "f" * 64}])
        with pytest.raises(psycopg.errors.InvalidParameterValue, match="wrong seal"):
            ingest(conn, [{**first, "points": 11}])            # edited after sealing
        with pytest.raises(psycopg.errors.InvalidParameterValue, match="wrong seal"):
            ingest(conn, sealed([first], "a" * 64))         # sealed onto another chain
    assert admin_count(hub.dsn, "entries") == 0


def test_an_entry_claiming_another_device_is_refused(hub):
    one, two = hub.counter("Till 1"), hub.counter("Till 2")
    forged = sealed([entry(two.code.device_id, 1, "M1")])
    with one.connect() as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="claims device"):
            ingest(conn, forged)
    assert admin_count(hub.dsn, "entries") == 0


@pytest.mark.parametrize(("change", "message"), [
    ({"points": "10"}, "points must be a JSON number"),
    ({"surprise": 1}, "unknown field surprise"),
    ({"kind": None}, "kind is required"),
    ({"kind": "gift"}, "kind gift is not one of"),
    ({"created_at": "2026-03-10T12:00:01Z"}, "is not UTC text"),
    ({"uuid": "not-a-uuid"}, "invalid input syntax for type uuid"),
])
def test_malformed_entries_are_refused_by_field(hub, change, message):
    """Changed after sealing, and sealed as sent (as a counter seals what it sends: wire.sealed_json
    itself refuses these values, so the seal is made here by hand)."""
    till = hub.counter("Till 1")
    [good] = till.entries(1)
    bad = {**good, **change}
    canonical = json.dumps({name: bad.get(name) for name in wire.SEALED_FIELDS}, sort_keys=True,
                           separators=(",", ":"), ensure_ascii=False)
    resealed = {**bad, "device_seal": wire._seal_of_text(wire.GENESIS, canonical)}
    with till.connect() as conn:
        with pytest.raises(psycopg.errors.InvalidParameterValue, match=message):
            ingest(conn, [resealed])
    assert admin_count(hub.dsn, "entries") == 0


def test_a_time_rewritten_after_sealing_as_the_same_moment_is_kept_as_sealed(hub):
    """The seal covers the values the hub stores, not the payload's text: the same moment written
    otherwise after sealing is taken as what was sealed (hub step 15); another moment is not."""
    till = hub.counter("Till 1")
    [good] = till.entries(1)
    with till.connect() as conn:
        with pytest.raises(psycopg.errors.InvalidParameterValue, match="wrong seal"):
            ingest(conn, [{**good, "created_at": "2026-03-10T12:00:02.000000Z"}])
        assert ingest(conn, [{**good, "created_at": good["created_at"].replace(".000000Z", "+00:00")}])[0][1] == "new"
    with psycopg.connect(hub.dsn) as admin:
        stored = admin.execute("SELECT hub.hub_canonical(x) FROM hub.entries x").fetchone()[0]
    assert stored == wire.canonical_json(good)


@pytest.mark.parametrize("statement", [
    "SELECT * FROM hub.entries", "SELECT * FROM hub.devices", "SELECT * FROM hub.hub_meta",
    "INSERT INTO hub.stores (code, name) VALUES ('X', 'x')",
    "UPDATE hub.devices SET last_seq = 0", "DELETE FROM hub.entries", "DELETE FROM hub.quarantine",
    "SELECT hub.hub_seal(repeat('0', 64), NULL::hub.entries)",
    "CREATE TABLE public.mine (x int)",
])
def test_a_counter_has_no_table_privilege_at_all(hub, statement):
    till = hub.counter("Till 1")
    with till.connect() as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied"):
            conn.execute(statement)


def test_the_ledger_refuses_update_and_delete_even_for_the_owner(hub):
    till = hub.counter("Till 1")
    with till.connect() as conn:
        [first] = till.entries(1)
        ingest(conn, [first])
        assert ingest(conn, sealed([{**first, "points": 5}]))[0][1] == "quarantined"
    for statement in ("UPDATE hub.entries SET points = 1", "DELETE FROM hub.entries", "TRUNCATE hub.entries",
                      "UPDATE hub.quarantine SET reason = 'x'", "DELETE FROM hub.quarantine", "TRUNCATE hub.quarantine"):
        with psycopg.connect(hub.dsn) as admin:
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
                admin.execute(statement)
    assert (admin_count(hub.dsn, "entries"), admin_count(hub.dsn, "quarantine")) == (1, 1)


def test_a_device_is_never_deleted_so_every_entry_keeps_its_device(hub):
    """The entries' foreign key to their device is gone (hub step 16: it was checked row by row):
    the ingest takes the device from the session, and no device row may go."""
    till = hub.counter("Till 1")
    with till.connect() as conn:
        ingest(conn, till.entries(1))
    with psycopg.connect(hub.dsn) as admin:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="DELETE refused"):
            admin.execute("DELETE FROM hub.devices")
    assert admin_count(hub.dsn, "devices") == 1


def test_a_stranger_role_cannot_call_the_functions(hub, hub_db):
    with psycopg.connect(hub.dsn, autocommit=True) as admin:
        admin.execute("CREATE ROLE stranger_test LOGIN PASSWORD 'pw-stranger'")
    with pytest.raises(psycopg.OperationalError, match="permission denied for database"):
        psycopg.connect(hub_db.counter_dsn("stranger_test", "pw-stranger"))


def test_a_revoked_counter_cannot_connect_and_its_open_session_is_ended(hub):
    till = hub.counter("Till 1")
    conn = till.connect()
    ingest(conn, till.entries(1))
    done = hub_admin.revoke_counter(hub.dsn, "Till 1")
    assert done["sessions_ended"] == 1
    with pytest.raises(psycopg.OperationalError):
        ingest(conn, till.entries(1))
    conn.close()
    with pytest.raises(psycopg.OperationalError, match="not permitted to log in"):
        till.connect()
    with psycopg.connect(hub.dsn, autocommit=True) as admin:       # even if it could log in again
        admin.execute(f'ALTER ROLE "{till.code.user}" LOGIN')
    with till.connect() as again:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="was revoked"):
            pull(again)
    status = hub_admin.hub_status(hub.dsn)
    assert status["devices"][0]["revoked_at"] and status["entries"] == 1


def test_pull_returns_in_hub_seq_order_after_a_cursor(hub):
    one, two = hub.counter("Till 1"), hub.counter("Till 2")
    with one.connect() as a, two.connect() as b:
        ingest(a, one.entries(2))
        ingest(b, two.entries(3))
        ingest(a, one.entries(1))
        assert [s for s, _ in pull(b)] == [1, 2, 3, 4, 5, 6]
        assert [s for s, _ in pull(b, after=4)] == [5, 6]
        assert [s for s, _ in pull(a, after=1, most=2)] == [2, 3]
        assert pull(a, after=6) == []


def test_an_ingest_notifies_loyalty_hub(hub):
    one = hub.counter("Till 1")
    with psycopg.connect(hub.dsn, autocommit=True) as listener, one.connect() as a:
        listener.execute("LISTEN loyalty_hub")
        ingest(a, one.entries(2))
        note = next(listener.notifies(timeout=5))
    assert (note.channel, note.payload) == ("loyalty_hub", "2")


def test_a_reader_never_sees_a_later_hub_seq_before_an_earlier_one_commits(hub):
    """Till 1's ingest holds the numbering lock uncommitted; Till 2's waits for it; a reader
    pulling meanwhile sees neither, and afterwards both, contiguous (hasura/graphql-engine#8632)."""
    one, two, reader = hub.counter("Till 1"), hub.counter("Till 2"), hub.counter("Reader")
    first = one.connect(autocommit=False)
    ingest(first, one.entries(1))                       # hub_seq 1 taken, not committed
    second_done = threading.Event()

    def second():
        with two.connect() as conn:
            ingest(conn, two.entries(1))                # waits for the lock, then takes hub_seq 2
        second_done.set()

    worker = threading.Thread(target=second)
    worker.start()
    with reader.connect() as pulling:
        for _ in range(5):
            time.sleep(0.05)
            assert pull(pulling) == [], "nothing visible while hub_seq 1 is uncommitted"
        assert not second_done.is_set(), "the second ingest waits for the first one's lock"
        first.commit()
        worker.join(10)
        assert second_done.is_set()
        assert [s for s, _ in pull(pulling)] == [1, 2]
    first.close()


def test_concurrent_ingests_from_two_tills_are_contiguous_and_a_racing_pull_never_skips(hub):
    tills = [hub.counter("Till 1"), hub.counter("Till 2")]
    reader = hub.counter("Reader")
    batches = {till.code.device_id: [till.entries(3) for _ in range(8)] for till in tills}
    errors = []

    def upload(till):
        try:
            with till.connect() as conn:
                for batch in batches[till.code.device_id]:
                    ingest(conn, batch)
        except Exception as error:   # reported below
            errors.append(error)

    workers = [threading.Thread(target=upload, args=(till,)) for till in tills]
    for worker in workers:
        worker.start()
    seen, cursor = [], 0
    with reader.connect() as conn:
        while any(worker.is_alive() for worker in workers) or cursor < 48:
            for hub_seq, _ in pull(conn, cursor, 7):
                assert hub_seq == cursor + 1, f"the cursor skipped from {cursor} to {hub_seq}"
                seen.append(hub_seq)
                cursor = hub_seq
            if not any(worker.is_alive() for worker in workers) and cursor < 48 and errors:
                break
    for worker in workers:
        worker.join()
    assert errors == []
    assert seen == list(range(1, 49))
    with psycopg.connect(hub.dsn) as admin:
        per_device = admin.execute("SELECT device_id, array_agg(device_seq ORDER BY hub_seq) FROM hub.entries "
                                   "GROUP BY device_id").fetchall()
    assert all(seqs == list(range(1, 25)) for _, seqs in per_device)


def test_a_hub_made_by_the_previous_version_takes_batches_after_its_upgrade(hub_db, monkeypatch):
    """Step 12 replaces the batch's checks (set operations, the seal computed in the statement),
    step 16 adds the batch as JSON text: a counter that joined a hub of step 11 goes on sending
    to it once it is upgraded, in the new form and the old."""
    from hub_helpers import Hub
    monkeypatch.setattr(hub_admin, "SCHEMA_VERSION", 11)
    older = tuple(function for function in COUNTER_FUNCTIONS if function != "hub.hub_ingest(json)")  # step 16's
    monkeypatch.setattr(hub_admin, "COUNTER_FUNCTIONS", older)
    hub = Hub(hub_db.dsn, hub_admin.init_hub(hub_db.dsn)["chain_id"])
    hub_admin.add_store(hub_db.dsn, "M1", "Madrid")
    till = hub.counter("Till 1")
    first = till.entries(2)
    with till.connect() as conn:
        assert ingest(conn, first, form="jsonb") == [(e["uuid"], "new") for e in first]
    monkeypatch.undo()
    assert hub_admin.init_hub(hub_db.dsn)["was"] == 11
    second, third = till.entries(3), till.entries(2)
    with till.connect() as conn:
        assert ingest(conn, second) == [(e["uuid"], "new") for e in second]
        assert ingest(conn, second, form="jsonb") == [(e["uuid"], "duplicate") for e in second]
        assert ingest(conn, third, form="jsonb") == [(e["uuid"], "new") for e in third]
    assert admin_count(hub.dsn, "entries") == 7
