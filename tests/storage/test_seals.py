"""Tamper evidence: someone who changes the database file with another tool (after dropping
the append-only triggers, as they would have to) is caught by `verify`, which names the first
entry edited, removed or reordered."""

import sqlite3

import pytest

from loyalty.ledger.enrolment import enrol_members_in_bulk
from loyalty.ledger.entries import post_opening_balances
from loyalty.ledger.sales import post_sale
from loyalty.operations.verify import verify
from loyalty.people.members import NewMember
from loyalty.programme.shop import open_shop
from loyalty.storage import write_transaction


@pytest.fixture
def path(ctx, enrol, tmp_path):
    """A ledger of six entries (ids 1-6), closed so another program can open the file."""
    ana = enrol("Ana")
    for amount in (1_000, 2_000, 3_000, 4_000, 5_000, 6_000):
        post_sale(ctx, ana.card, amount)
    assert verify(ctx) == []
    ctx.db.close()
    return tmp_path / "shop.sqlite"


def tamper(path, *statements):
    """Another program: plain sqlite3, with the triggers that forbid edits dropped first."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP TRIGGER entries_no_update")
    conn.execute("DROP TRIGGER entries_no_delete")
    for statement in statements:
        conn.execute(statement)
    conn.close()


def seal_problems(path) -> list[str]:
    shop = open_shop(path)
    try:
        return [problem for problem in verify(shop) if problem.startswith("ledger seal")]
    finally:
        shop.db.close()


def test_an_untouched_ledger_has_an_intact_chain(path):
    assert seal_problems(path) == []


def test_an_edited_points_value_is_named(path):
    tamper(path, "UPDATE entries SET points = points + 500 WHERE id = 3")
    assert seal_problems(path) == ["ledger seal: entry 3 was edited, moved or replaced after it was written"]


def test_a_deleted_entry_is_named(path):
    tamper(path, "DELETE FROM entries WHERE id = 4")
    assert seal_problems(path) == ["ledger seal: entry 4 was removed"]


def test_a_deleted_entry_with_its_seal_is_noticed_where_the_chain_breaks(path):
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP TRIGGER entry_seals_no_delete")
    conn.close()
    tamper(path, "DELETE FROM entries WHERE id = 4", "DELETE FROM entry_seals WHERE entry_id = 4")
    assert seal_problems(path) == ["ledger seal: entry 4 was removed (with its seal)"]


def test_a_reordering_names_the_first_entry_moved(path):
    # Swap entries 2 and 5 (their ids), as someone rewriting history would.
    tamper(path, "UPDATE entries SET id = 1002 WHERE id = 2", "UPDATE entries SET id = 2 WHERE id = 5",
           "UPDATE entries SET id = 5 WHERE id = 1002")
    problems = seal_problems(path)
    assert problems[0] == "ledger seal: entry 2 was edited, moved or replaced after it was written"
    assert "entry 5" in problems[1]


def test_an_entry_added_by_another_program_has_no_seal(path):
    tamper(path, "INSERT INTO entries(uuid, member_id, kind, points, staff_id, device_id, created_at, "
                 "idempotency_key) VALUES ('x', 1, 'adjust', 1000, 'me', 'pc', '2026-03-10T12:00:00+00:00', 'x')")
    assert seal_problems(path) == ["ledger seal: entry 7 has no seal (written by another program)"]


def test_entries_written_in_bulk_are_sealed_in_order(ctx):
    with write_transaction(ctx.db):
        ids = enrol_members_in_bulk(ctx, [NewMember(name=f"Socio {n}") for n in range(3)])
        post_opening_balances(ctx, [(member_id, 100) for member_id in ids], "opening", "key:")
    post_sale(ctx, ctx.db.execute("SELECT card FROM members LIMIT 1").fetchone()[0], 1_000)
    assert ctx.db.execute("SELECT COUNT(*) FROM entry_seals").fetchone()[0] == 4
    assert verify(ctx) == []
