"""An entry's canonical JSON and seal: written once in Python (loyalty/chain/wire.py) and
computed again by the hub in SQL (hub_canonical, hub_seal). The two must agree on every text a
till may send, accents, quotes, control characters and all, or the hub would refuse honest
entries."""

import json
import uuid
from datetime import datetime, timezone

import psycopg
import pytest
from hub_helpers import entry, sealed
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loyalty.chain import hub_admin, wire
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
    """The check of hub_ingest(json) (hub step 16), on the batch's text as the counter sends it:
    each entry's text exactly its row's canonical JSON and seal, the seals continuing the chain."""
    device_id = json.loads(payload)[0]["device_id"]
    me = {"device_id": device_id, "last_seq": last_seq, "last_seal": last_seal}
    return conn.execute("SELECT hub.batch_sent_as_sealed(jsonb_populate_record(NULL::hub.devices, %s::jsonb), "
                        "array_agg(json_populate_record(NULL::hub.entries, v.value) ORDER BY v.i), "
                        "array_agg(v.value::text ORDER BY v.i)) FROM json_array_elements(%s::json) "
                        "WITH ORDINALITY AS v(value, i)", (json.dumps(me), payload)).fetchone()[0]


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
    batch = sealed([item, {**item, "uuid": str(uuid.uuid4()), "device_seq": seq + 1}], previous)
    assert sql_batch_continues(hub_conn, batch, seq - 1, previous)        # the batch's check (hub_ingest)
    assert not sql_batch_continues(hub_conn, [batch[0], {**batch[1], "points": (points or 0) ^ 1}], seq - 1,
                                   previous)
    payload, _ = wire.sealed_json([item, {**item, "uuid": str(uuid.uuid4()), "device_seq": seq + 1}], previous)
    assert sql_sent_as_sealed(hub_conn, payload, seq - 1, previous)     # the usual batch, as sent (hub_ingest(json))
    assert not sql_sent_as_sealed(hub_conn, payload.replace('":', '": ', 1), seq - 1, previous)   # another writing


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
