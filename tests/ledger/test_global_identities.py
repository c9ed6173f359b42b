"""What several tills will share names only global things (docs/sync.md, issue 22): members and
complaints have UUIDs, idempotency keys name UUIDs instead of local ids, an entry with a key has
the UUID of its key, and each device numbers its own entries 1, 2, 3 … without gaps, rollbacks
and bulk writes included. A shop at schema 18 is brought there by migration 0019."""

import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loyalty.common.errors import ValidationError
from loyalty.ledger.daily import run_daily
from loyalty.ledger.entries import append_entry, entry_uuid_for
from loyalty.ledger.sales import post_sale, refund_sale
from loyalty.operations.verify import verify
from loyalty.programme.settings import change_settings
from loyalty.programme.shop import open_shop
from loyalty.retention.complaints import open_complaint, resolve_complaint
from loyalty.storage import open_database, write_transaction
from loyalty.storage.schema import migrations
from loyalty.storage.seals import seal_entries_after


def own_numbers(ctx) -> list[int]:
    device = ctx.programme().device_id
    return [row[0] for row in ctx.db.execute("SELECT device_seq FROM entries WHERE device_id = ? ORDER BY id",
                                             [device])]


def test_keys_name_uuids_and_keyed_entries_take_the_uuid_of_their_key(ctx, enrol, clock, settings):
    settings(welcome_bonus=50)
    ana = enrol("Ana García")
    sale = post_sale(ctx, ana.card, 2_000, "T-1").entry
    refund = refund_sale(ctx, ana.card, 500, "T-1", "D-1").entry
    complaint = open_complaint(ctx, ana.card, "waiting", "Long queue")
    bonus_id = resolve_complaint(ctx, complaint.id, "Sorry", 10).compensation_entry_id
    keys = dict(ctx.db.execute("SELECT kind || ':' || COALESCE(bonus_kind, ''), idempotency_key FROM entries"))
    assert keys["bonus:welcome"] == f"welcome:{ana.uuid}"
    assert sale.idempotency_key == f"sale:{ana.uuid}:T-1"
    assert refund.idempotency_key == f"refund:{sale.uuid}:D-1"
    assert keys["bonus:compensation"] == f"complaint:{complaint.uuid}"
    for key, entry_uuid in ctx.db.execute("SELECT idempotency_key, uuid FROM entries"):
        assert entry_uuid == str(uuid.uuid5(uuid.UUID("6f1c2d4e-8a3b-5c7d-9e0f-1a2b3c4d5e6f"), key)), key
    assert bonus_id is not None and uuid.UUID(ana.uuid) and uuid.UUID(complaint.uuid)


def test_an_expiry_is_the_same_entry_wherever_it_is_posted(ctx, enrol, clock, settings):
    """Two tills that both expire lot X on the same day post one fact: its key names the lot's
    UUID and the day, and its UUID is the key's."""
    settings(expiry_months=1)
    ana = enrol("Ana García")
    lot = post_sale(ctx, ana.card, 2_000, "T-1").entry
    clock.advance(days=70)
    run_daily(ctx)
    key, entry_uuid = ctx.db.execute("SELECT idempotency_key, uuid FROM entries WHERE kind = 'expire'").fetchone()
    assert key.startswith(f"expire:{lot.uuid}:") and entry_uuid == entry_uuid_for(key)


def test_a_device_numbers_its_entries_without_gaps_through_rollbacks_and_bulk_writes(ctx, enrol):
    ana = enrol("Ana García")
    post_sale(ctx, ana.card, 1_000, "T-1")
    with pytest.raises(ValidationError):
        with write_transaction(ctx.db):
            append_entry(ctx, ana.id, "adjust", 5, reason="then undone")
            raise ValidationError("a problem after the entry was written", "test")
    post_sale(ctx, ana.card, 1_000, "T-2")
    assert own_numbers(ctx) == [1, 2]
    assert verify(ctx) == []


@settings(max_examples=20, deadline=None)
@given(st.lists(st.sampled_from(["sale", "refund", "bonus", "fail"]), min_size=1, max_size=12))
def test_any_run_of_operations_leaves_a_gapless_numbering(tmp_path_factory, operations):
    ctx = open_shop(tmp_path_factory.mktemp("till") / "shop.sqlite")
    from loyalty.ledger.enrolment import enrol_member
    from loyalty.people.members import NewMember

    ana = enrol_member(ctx, NewMember(name="Ana"))
    for number, operation in enumerate(operations):
        if operation == "sale":
            post_sale(ctx, ana.card, 1_000, f"T-{number}")
        elif operation == "refund" and ctx.db.execute("SELECT 1 FROM entries WHERE kind = 'earn'").fetchone():
            last = ctx.db.execute("SELECT receipt_ref FROM entries WHERE kind = 'earn' ORDER BY id DESC").fetchone()[0]
            try:
                refund_sale(ctx, ana.card, 100, last, f"D-{number}")
            except ValidationError:
                pass
        elif operation == "bonus":
            with write_transaction(ctx.db):
                append_entry(ctx, ana.id, "bonus", 3, bonus_kind="compensation")
        else:
            try:
                with write_transaction(ctx.db):
                    append_entry(ctx, ana.id, "adjust", 1)
                    raise ValidationError("rolled back", "test")
            except ValidationError:
                pass
    numbers = own_numbers(ctx)
    assert numbers == list(range(1, len(numbers) + 1))
    assert verify(ctx) == []
    ctx.db.close()


def test_a_shop_at_schema_18_gets_uuids_numbers_and_global_keys_and_its_seals_still_hold(tmp_path):
    """Keys written before 0019 held local ids; the migration names UUIDs instead, numbers each
    device's entries in their order, re-seals the chain over the new keys, and leaves a key of
    another shape (an old system's, say) as it was."""
    path = tmp_path / "shop.sqlite"
    old = open_database(path, migrate=False)
    migrations.apply(old, stop_before="0019_global_identities")
    old.execute("PRAGMA user_version = 18")
    with write_transaction(old):
        old.execute("INSERT INTO tiers(code, name, rank, min_spend_cents, multiplier, colour) "
                    "VALUES ('bronze', 'Bronze', 0, 0, '1', '#CD7F32')")
        for member_id in (1, 2):
            old.execute("INSERT INTO members(id, card, name, joined_at, tier_code, tier_since) "
                        "VALUES (?, ?, 'M', '2026-01-01T10:00:00+00:00', 'bronze', '2026-01-01T10:00:00+00:00')",
                        [member_id, f"20000000000{member_id}"])
        old.execute("INSERT INTO complaints(id, member_id, category, description, staff_id, opened_at) "
                    "VALUES (7, 1, 'waiting', 'queue', 'owner', '2026-01-02T10:00:00+00:00')")
        rows = [(1, 1, "sale:1:T-1", "till-a"), (2, 1, "welcome:1", "till-a"), (3, 1, "refund:1:D-1", "till-a"),
                (4, 1, "expire:1:2026-02-01", "till-b"), (5, 1, "complaint:7", "till-a"),
                (6, 2, "referral:referrer:1", "till-b"), (7, 2, "import-opening:2", "till-a"),
                (8, 2, "sale:1:FOREIGN", "till-a"), (9, 2, "adjust:3b9e1b8e-old", "till-a")]
        for entry_id, member_id, key, device in rows:
            old.execute("INSERT INTO entries(id, uuid, member_id, kind, points, staff_id, device_id, created_at, "
                        "idempotency_key) VALUES (?, ?, ?, 'adjust', 0, 'owner', ?, '2026-01-03T10:00:00+00:00', ?)",
                        [entry_id, f"00000000-0000-4000-8000-00000000000{entry_id}", member_id, device, key])
        seal_entries_after(old, 0)
    old.close()

    ctx = open_shop(path)
    member_uuid = dict(ctx.db.execute("SELECT id, uuid FROM members"))
    complaint_uuid = ctx.db.execute("SELECT uuid FROM complaints WHERE id = 7").fetchone()[0]
    keys = [row[0] for row in ctx.db.execute("SELECT idempotency_key FROM entries ORDER BY id")]
    first = "00000000-0000-4000-8000-000000000001"
    assert keys == [f"sale:{member_uuid[1]}:T-1", f"welcome:{member_uuid[1]}", f"refund:{first}:D-1",
                    f"expire:{first}:2026-02-01", f"complaint:{complaint_uuid}", f"referral:referrer:{member_uuid[1]}",
                    f"import-opening:{member_uuid[2]}", "sale:1:FOREIGN", "adjust:3b9e1b8e-old"]
    numbers = ctx.db.execute("SELECT device_id, device_seq FROM entries ORDER BY id").fetchall()
    assert numbers == [("till-a", 1), ("till-a", 2), ("till-a", 3), ("till-b", 1), ("till-a", 4), ("till-b", 2),
                       ("till-a", 5), ("till-a", 6), ("till-a", 7)]
    assert len(set(member_uuid.values())) == 2 and all(uuid.UUID(value) for value in member_uuid.values())
    assert [problem for problem in verify(ctx) if "seal" in problem or "device" in problem] == []


def test_a_new_currency_or_setting_does_not_disturb_the_numbering(ctx, enrol):
    """Settings and audit rows are not ledger entries: they take no number."""
    ana = enrol("Ana García")
    post_sale(ctx, ana.card, 1_000, "T-1")
    change_settings(ctx, {"welcome_bonus": "10"})
    post_sale(ctx, ana.card, 1_000, "T-2")
    assert own_numbers(ctx) == [1, 2]
