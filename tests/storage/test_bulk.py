"""Bulk enrolment (imports): the same rows as enrolling one by one, the row triggers' work
done once per batch, the triggers back in place afterwards, and nothing half-written."""

import pytest
from conftest import count

from loyalty.common.errors import ValidationError
from loyalty.ledger.enrolment import enrol_member, enrol_members_in_bulk
from loyalty.ledger.entries import post_opening_balances
from loyalty.operations.verify import verify
from loyalty.people.members import NewMember, search_members
from loyalty.storage import write_transaction
from loyalty.storage.bulk import CATCH_UP, MissingCatchUp


def triggers(ctx) -> list[str]:
    return [name for (name,) in ctx.db.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")]


def keep_a_report(ctx, ends_at: str) -> None:
    ctx.db.execute("INSERT INTO report_cache VALUES ('2026-03-01', '2026-03-31', 90, 10, ?, ?, '{}')",
                   [ends_at, ends_at])


def test_bulk_enrolment_writes_what_enrolling_one_by_one_writes(ctx):
    one = enrol_member(ctx, NewMember(name="Ana Núñez", phone="600 111 222", marketing_consent=True))
    [bulk] = enrol_members_in_bulk(ctx, [NewMember(name="Eva Núñez", phone="600 333 444", marketing_consent=True)])
    columns = "tier_code, status, balance, marketing_consent, phone_digits IS NOT NULL, length(card)"
    rows = [tuple(ctx.db.execute(f"SELECT {columns} FROM members WHERE id = ?", [member_id]).fetchone())
            for member_id in (one.id, bulk)]
    assert rows[0] == rows[1]
    for table in ("cards", "tier_changes"):
        assert count(ctx, table) == 2
    assert {m.id for m in search_members(ctx, "nunez")} == {one.id, bulk}, "both in the name search index"
    assert verify(ctx) == []


def test_the_triggers_are_back_and_their_work_done_after_a_bulk_insert(ctx):
    before = triggers(ctx)
    keep_a_report(ctx, "2099-01-01T00:00:00Z")
    with write_transaction(ctx.db):
        ids = enrol_members_in_bulk(ctx, [NewMember(name=f"Socio {n}") for n in range(5)])
        post_opening_balances(ctx, [(member_id, 100) for member_id in ids], "opening", "key:")
    assert triggers(ctx) == before
    assert count(ctx, "report_cache") == 0, "a kept report covering the new rows was dropped"
    assert ctx.db.execute("SELECT SUM(points) FROM ledger_days").fetchone()[0] == 500
    later = enrol_member(ctx, NewMember(name="Zoe Later"))
    assert [m.id for m in search_members(ctx, "zoe")] == [later.id], "the row trigger works again"
    assert verify(ctx) == []


def test_a_failed_bulk_enrolment_writes_nothing_and_keeps_the_triggers(ctx):
    ana = enrol_member(ctx, NewMember(name="Ana"))
    before = triggers(ctx)
    with pytest.raises(ValidationError, match="card"):
        enrol_members_in_bulk(ctx, [NewMember(name="Luis"), NewMember(name="Eva", card=ana.card)])
    assert count(ctx, "members") == 1 and triggers(ctx) == before


def test_every_insert_trigger_of_the_schema_has_its_bulk_equivalent(ctx):
    names = [name for (name,) in ctx.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%AFTER INSERT%' "
        "AND tbl_name IN ('members', 'entries', 'tier_changes')")]
    assert names and set(names) <= set(CATCH_UP)


def test_a_trigger_without_a_bulk_equivalent_refuses_the_bulk_insert(ctx):
    ctx.db.execute("CREATE TRIGGER someone_elses AFTER INSERT ON members BEGIN SELECT 1; END")
    with pytest.raises(MissingCatchUp, match="someone_elses"):
        enrol_members_in_bulk(ctx, [NewMember(name="Luis")])
    assert count(ctx, "members") == 0
