"""An entry's canonical JSON and seal: written once in Python (loyalty/chain/wire.py) and
computed again by the hub in SQL (hub_canonical, hub_seal). The two must agree on every text a
till may send, accents, quotes, control characters and all, or the hub would refuse honest
entries."""

import json
import sqlite3
import uuid
from datetime import datetime, timezone

import psycopg
import pytest
from hub_helpers import entry, sealed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loyalty.chain import hub_admin, wire
from loyalty.chain.upload import _wire_time
from loyalty.common.errors import ValidationError

TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)
OPTIONAL_TEXT = st.none() | TEXT
BIGINT = st.none() | st.integers(-2**63, 2**63 - 1)
MOMENT = st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(9999, 12, 31),
                      timezones=st.just(timezone.utc))


def sql_canonical_and_seal(conn, item: dict, previous: str) -> tuple[str, str]:
    return conn.execute("SELECT hub.hub_canonical(r), hub.hub_seal(%s, r) FROM hub.wire_entry(%s::jsonb, 1) r",
                        (previous, json.dumps({**item, "device_seal": "0" * 64}, ensure_ascii=False))).fetchone()


def sql_batch_continues(conn, batch: list[dict], last_seq: int, last_seal: str) -> bool:
    """The hub's check of a whole batch at once: it continues the chain of the device whose last
    entry on the hub is (last_seq, last_seal)."""
    me = {"device_id": batch[0]["device_id"], "last_seq": last_seq, "last_seal": last_seal}
    return conn.execute("SELECT hub.batch_continues_chain(jsonb_populate_record(NULL::hub.devices, %s::jsonb), "
                        "hub.wire_batch(%s::jsonb))",
                        (json.dumps(me), json.dumps(batch, ensure_ascii=False))).fetchone()[0]


def sql_sent_as_sealed(conn, payload: str, last_seq: int, last_seal: str) -> bool:
    """The check of hub_ingest(json) (hub step 18), on the batch's text as the counter sends it:
    each entry's text exactly its row's canonical JSON and seal, the seals chained within the
    batch (checked before the hub's lock), and its first entry continuing the device's chain on
    the hub (under the lock)."""
    device_id = json.loads(payload)[0]["device_id"]
    me = {"device_id": device_id, "last_seq": last_seq, "last_seal": last_seal}
    return conn.execute("SELECT hub.batch_sealed_in_itself(parsed, texts) "
                        "AND hub.continues_chain(jsonb_populate_record(NULL::hub.devices, %s::jsonb), parsed[1]) "
                        "FROM (SELECT array_agg(json_populate_record(NULL::hub.entries, v.value) ORDER BY v.i) "
                        "AS parsed, array_agg(v.value::text ORDER BY v.i) AS texts FROM json_array_elements(%s::json) "
                        "WITH ORDINALITY AS v(value, i)) AS b", (json.dumps(me), payload)).fetchone()[0]


def stored(item: dict) -> sqlite3.Connection:
    """The entry's values in SQLite as they are given (columns without a type keep any value), its
    time as the app stores times (…+00:00 for the wire's …Z)."""
    values = {**item}
    if isinstance(values.get("created_at"), str) and values["created_at"].endswith("Z"):
        values["created_at"] = values["created_at"][:-1] + "+00:00"
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE TABLE e ({', '.join(wire.SEALED_FIELDS)})")
    db.execute(f"INSERT INTO e VALUES ({', '.join('?' * len(wire.SEALED_FIELDS))})",
               [values.get(name) for name in wire.SEALED_FIELDS])
    return db


def sqlite_canonical(item: dict) -> str | None:
    """The canonical JSON as a counter's SQLite writes it (wire.canonical_json_in_sqlite), or None:
    left to canonical_json."""
    return stored(item).execute(f"SELECT {wire.canonical_json_in_sqlite({name: name for name in wire.SEALED_FIELDS})} "
                                "FROM e").fetchone()[0]


def python_canonical(item: dict) -> str | None:
    """The canonical JSON as the counter's Python writes it from the values it reads back from
    SQLite (chain/upload.wire_entries), or None where it refuses them."""
    values = dict(zip(wire.SEALED_FIELDS, stored(item).execute("SELECT * FROM e").fetchone()))
    try:
        return wire.canonical_json({**values, "created_at": _wire_time(values["created_at"])})
    except (ValidationError, ValueError, TypeError):
        return None


@pytest.fixture
def hub_conn(hub_db):
    hub_admin.init_hub(hub_db.dsn)
    with psycopg.connect(hub_db.dsn, autocommit=True) as conn:
        yield conn


def test_a_known_entry_with_accents_seals_the_same_in_python_and_sql(hub_conn):
    item = entry(str(uuid.uuid4()), 1, "M1", staff="José Núñez", reason="ñandú «€» \"x\"\n\t\x01\u2028", points=-7)
    canonical = wire.canonical_json(item)
    assert "Núñez" in canonical and '"points":-7' in canonical and ", " not in canonical.replace("ñandú «€» ", "")
    assert list(json.loads(canonical)) == sorted(wire.SEALED_FIELDS)
    assert sql_canonical_and_seal(hub_conn, item, wire.GENESIS) == (canonical, wire.seal(wire.GENESIS, item))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(staff=TEXT, reason=OPTIONAL_TEXT, detail=OPTIONAL_TEXT, receipt=OPTIONAL_TEXT, key=TEXT.filter(bool), store=TEXT.filter(bool),
       points=BIGINT, amount=BIGINT, seq=st.integers(1, 2**63 - 2), moment=MOMENT,
       previous=st.text("0123456789abcdef", min_size=64, max_size=64), reverses=st.none() | st.uuids())
def test_python_and_sql_agree_on_any_text(hub_conn, staff, reason, detail, receipt, key, store, points, amount, seq,
                                          moment, previous, reverses):
    item = entry(str(uuid.uuid4()), seq, store, staff=staff, reason=reason, detail=detail, receipt_ref=receipt,
                 idempotency_key=key, points=points, amount_cents=amount,
                 created_at=wire.created_at_text(moment), reverses_uuid=reverses and str(reverses))
    assert sql_canonical_and_seal(hub_conn, item, previous) == (wire.canonical_json(item), wire.seal(previous, item))
    assert sqlite_canonical(item) == wire.canonical_json(item), "the counter's SQLite writes the same"
    batch = sealed([item, {**item, "uuid": str(uuid.uuid4()), "device_seq": seq + 1}], previous)
    assert sql_batch_continues(hub_conn, batch, seq - 1, previous)        # the batch's check (hub_ingest)
    assert not sql_batch_continues(hub_conn, [batch[0], {**batch[1], "points": (points or 0) ^ 1}], seq - 1,
                                   previous)
    payload, _ = wire.sealed_json([item, {**item, "uuid": str(uuid.uuid4()), "device_seq": seq + 1}], previous)
    assert sql_sent_as_sealed(hub_conn, payload, seq - 1, previous)     # the usual batch, as sent (hub_ingest(json))
    assert not sql_sent_as_sealed(hub_conn, payload.replace('":', '": ', 1), seq - 1, previous)   # another writing


ODD_VALUES = {
    "uuid": st.sampled_from([str(uuid.uuid4()).upper(), "{" + str(uuid.uuid4()) + "}", "not-a-uuid", ""]),
    "time": st.sampled_from(["2026-04-31T10:00:00.000000Z", "2026-03-10T24:00:00.000000Z",
                             "2026-03-10T23:59:60.000000Z", "0000-01-01T00:00:00.000000Z", "2026-03-10T12:00:00Z",
                             "2026-03-10 12:00:00.000000Z", "２０２６-03-10T12:00:00.000000Z",
                             "2026-03-10T12:00:00.000000+00:00", "2024-02-29T12:00:00.000000Z"]),
    "any": st.none() | st.integers(-2**63, 2**63 - 1) | st.floats(allow_nan=False) | TEXT | st.binary(max_size=6)
           | st.just("a\x00b"),
}


@settings(max_examples=300, deadline=None)
@given(text=TEXT, changes=st.lists(st.tuples(st.sampled_from(wire.SEALED_FIELDS), st.sampled_from(list(ODD_VALUES)),
                                             st.data()), max_size=3))
def test_sqlite_writes_the_canonical_json_or_leaves_the_entry_to_python(text, changes):
    """What the counter's SQLite writes is exactly canonical_json's text for the values as Python
    reads them back; where any value is not plainly in its wire form it writes nothing, and
    canonical_json decides (it refuses, naming the field, or writes it its own way)."""
    item = entry(str(uuid.uuid4()), 7, "M1", staff=text, reason=text, detail=text)
    for name, kind, data in changes:
        item[name] = data.draw(ODD_VALUES[kind])
    written, expected = sqlite_canonical(item), python_canonical(item)
    assert written is None or written == expected
    if not changes:
        assert written == expected, "a plain entry is written by SQLite"


def test_the_usual_batch_is_checked_in_itself_then_against_the_devices_chain(hub_conn):
    """Hub step 18: the batch's own checks come before the hub's lock, the link to what the hub
    holds under it; together they accept the batches the one check before accepted, no other."""
    device, previous = str(uuid.uuid4()), "c" * 64
    payload, _ = wire.sealed_json([entry(device, seq, "M1") for seq in (5, 6, 7)], previous)
    assert sql_sent_as_sealed(hub_conn, payload, 4, previous)
    assert not sql_sent_as_sealed(hub_conn, payload, 3, previous), "the hub has up to 3: a gap"
    assert not sql_sent_as_sealed(hub_conn, payload, 5, previous), "the hub has 5 already"
    assert not sql_sent_as_sealed(hub_conn, payload, 4, "d" * 64), "sealed onto another chain"
    entries = json.loads(payload)
    second_resealed = json.dumps([entries[0], {**entries[1], "device_seal": "f" * 64}, entries[2]],
                                 separators=(",", ":"), ensure_ascii=False)
    assert wire.canonical_json(entries[1])[:-1] + ',"device_seal":"' + "f" * 64 in second_resealed
    assert not sql_sent_as_sealed(hub_conn, second_resealed, 4, previous), "a seal within the batch"
    for odd in ([entry(device, 5, "M1"), entry(device, 6, "M1"), entry(device, 8, "M1")],
                [entry(device, 5, "M1"), entry(str(uuid.uuid4()), 6, "M1"), entry(device, 7, "M1")]):
        assert not sql_sent_as_sealed(hub_conn, wire.sealed_json(odd, previous)[0], 4, previous), odd


def test_sealed_chains_each_seal_onto_the_previous():
    device = str(uuid.uuid4())
    first, second = sealed([entry(device, 1, "M1"), entry(device, 2, "M1")])
    assert first["device_seal"] == wire.seal(wire.GENESIS, first)
    assert second["device_seal"] == wire.seal(first["device_seal"], second)


def test_the_payload_is_each_entrys_canonical_json_with_its_seal():
    device = str(uuid.uuid4())
    made = [entry(device, 1, "M1"), entry(device, 2, "M1", points=7)]
    payload, last = wire.sealed_json(made)
    first, second = json.loads(payload)
    assert wire.canonical_json({**first, "device_seal": None}) == wire.canonical_json(made[0])
    assert second["points"] == 7 and second["device_seal"] == last == wire.seal(first["device_seal"], second)


@pytest.mark.parametrize(("change", "field"), [
    ({"uuid": str(uuid.uuid4()).upper()}, "uuid"),
    ({"device_seq": 1.0}, "device_seq"),
    ({"points": True}, "points"),
    ({"created_at": "2026-03-10T12:00:00Z"}, "created_at"),
    ({"staff": "a\x00b"}, "staff"),
    ({"kind": None}, "kind"),
    ({"surprise": 1}, "entry"),
])
def test_python_refuses_what_the_hub_would_render_differently(change, field):
    with pytest.raises(ValidationError) as refused:
        wire.canonical_json({**entry(str(uuid.uuid4()), 1, "M1"), **change})
    assert refused.value.field == field


def test_created_at_is_utc_with_microseconds():
    from zoneinfo import ZoneInfo
    moment = datetime(2026, 3, 10, 13, 0, 0, 5, tzinfo=ZoneInfo("Europe/Madrid"))
    assert wire.created_at_text(moment) == "2026-03-10T12:00:00.000005Z"
    with pytest.raises(ValidationError):
        wire.created_at_text(datetime(2026, 3, 10))
