"""The bulk posting of a sales history gives exactly what the counter's `post_sale` gives,
sale by sale, at each sale's moment: the same entries (points, tiers, campaigns, birthday
and referral bonuses), lots, balances, tier changes, pending downgrades lifted, report
totals — and a sealed ledger that verifies."""

import shutil
import tempfile
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loyalty.common.clock import FixedClock
from loyalty.ledger.enrolment import enrol_member
from loyalty.ledger.redemptions import redeem_points
from loyalty.ledger.sales import post_sale, refund_sale
from loyalty.ledger.sales_history import HistoricSale, _one_by_one, post_sales_history
from loyalty.operations.verify import verify
from loyalty.people.members import NewMember
from loyalty.programme.campaigns import add_campaign
from loyalty.programme.rules import save_settings, update_tier
from loyalty.programme.shop import open_shop
from loyalty.storage import write_transaction

TODAY = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)
FIRST = datetime(2024, 1, 1, 9, 0, tzinfo=timezone.utc)
COMPARED = {
    "entries": "SELECT id, member_id, kind, points, amount_cents, spend_cents, receipt_ref, reason, bonus_kind, "
               "reverses_id, campaign_id, tier_code, detail, staff_id, created_at, idempotency_key FROM entries "
               "ORDER BY id",
    "lots": "SELECT entry_id, member_id, expires_on, remaining FROM lots ORDER BY entry_id",
    "allocations": "SELECT entry_id, lot_id, points FROM allocations ORDER BY rowid",
    "members": "SELECT id, balance, tier_code, tier_since, tier_grace_until FROM members ORDER BY id",
    "tier_changes": "SELECT member_id, from_code, to_code, changed_at, reason, entry_id FROM tier_changes ORDER BY id",
    "day_totals": "SELECT * FROM day_totals ORDER BY day, kind, bonus_kind",
    "member_months": "SELECT * FROM member_months ORDER BY month, member_id",
    "member_years": "SELECT * FROM member_years ORDER BY end_month, member_id",
    "ledger_days": "SELECT * FROM ledger_days ORDER BY day",
}


def shop_with_members(path: Path, owes_points: bool):
    """Five members: birthdays, referrals (one already paid, one whose first purchase came
    before the bonus existed), one with sales and a pending downgrade already, a campaign in
    the history's time; optionally one owing points after a refund."""
    ctx = open_shop(path, clock=FixedClock(FIRST - timedelta(days=30)), staff_id="tester")
    with write_transaction(ctx.db):
        save_settings(ctx.db, {"birthday_bonus": 50, "referral_bonus": 30, "tier_window_days": 180,
                               "expiry_months": 12})
        update_tier(ctx.db, "silver", min_spend_cents=20_000)
        update_tier(ctx.db, "gold", min_spend_cents=60_000)
    add_campaign(ctx, "Double points", "2", "2024-03-01", "2024-03-31")
    ana = enrol_member(ctx, NewMember("Ana", birthday="1980-02-14"))
    enrol_member(ctx, NewMember("Luis", birthday="1975-07-01", referrer_card=ana.card))
    eva = enrol_member(ctx, NewMember("Eva", referrer_card=ana.card))
    pau = enrol_member(ctx, NewMember("Pau", referrer_card=ana.card))
    enrol_member(ctx, NewMember("Sol", birthday="1990-12-24"))
    before = replace(ctx, clock=FixedClock(FIRST - timedelta(days=20)))
    post_sale(before, eva.card, 70_000, "OLD-1")                       # Eva reaches gold before the history
    with write_transaction(ctx.db):                                    # Pau's first purchase: no referral bonus then
        save_settings(ctx.db, {"referral_bonus": 0})
    post_sale(before, pau.card, 1_000, "OLD-3")
    with write_transaction(ctx.db):
        save_settings(ctx.db, {"referral_bonus": 30})
    with write_transaction(ctx.db):
        ctx.db.execute("UPDATE members SET tier_grace_until = '2024-02-01' WHERE id = ?", [eva.id])
    if owes_points:   # Sol spends the points of a sale that is then refunded
        sol = ctx.db.execute("SELECT card FROM members WHERE name = 'Sol'").fetchone()[0]
        earned = post_sale(before, sol, 10_000, "OLD-2").entry.points
        redeem_points(before, sol, earned)
        refund_sale(before, sol, 10_000, "OLD-2")
    return ctx


sale_rows = st.lists(st.tuples(st.integers(0, 4), st.integers(0, 800), st.integers(0, 24 * 60 - 1),
                               st.integers(1, 40_000)), min_size=1, max_size=40)


def history(ctx, rows) -> list[HistoricSale]:
    cards = [card for (card,) in ctx.db.execute("SELECT card FROM members ORDER BY id")]
    sales = [HistoricSale(cards[member], FIRST + timedelta(days=day, minutes=minute), amount, f"T-{n}")
             for n, (member, day, minute, amount) in enumerate(rows)]
    sales += [sales[0]]                      # the same receipt twice: the second is already recorded
    return sorted(sales, key=lambda sale: sale.moment)


def contents(ctx) -> dict:
    return {table: ctx.db.execute(sql).fetchall() for table, sql in COMPARED.items()}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """The shop before the history, made once: each example starts from two copies of it."""
    path = tmp_path_factory.mktemp("template") / "shop.sqlite"
    shop_with_members(path, owes_points=False).db.close()
    return path


def copy_of(template: Path, folder: str, name: str):
    path = Path(folder) / name
    shutil.copyfile(template, path)
    return open_shop(path, clock=FixedClock(TODAY), staff_id="tester")


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(rows=sale_rows, award_points=st.booleans())
def test_bulk_history_equals_the_counter_sale_by_sale(template, rows, award_points):
    with tempfile.TemporaryDirectory() as folder:
        one_by_one, in_bulk = copy_of(template, folder, "a.sqlite"), copy_of(template, folder, "b.sqlite")
        with write_transaction(one_by_one.db):
            expected = _one_by_one(one_by_one, history(one_by_one, rows), award_points, lambda *_: None)
        with write_transaction(in_bulk.db), in_bulk.bulk_writing():
            got = post_sales_history(in_bulk, history(in_bulk, rows), award_points)
        assert got == expected
        assert contents(in_bulk) == contents(one_by_one)
        assert verify(in_bulk) == []
        one_by_one.db.close()
        in_bulk.db.close()


def test_a_member_owing_points_sends_the_history_through_the_counter_path(tmp_path):
    ctx = shop_with_members(tmp_path / "shop.sqlite", owes_points=True)
    sol = ctx.db.execute("SELECT id, card, balance FROM members WHERE name = 'Sol'").fetchone()
    assert sol[2] < 0
    with write_transaction(ctx.db), ctx.bulk_writing():
        assert post_sales_history(ctx, [HistoricSale(sol[1], FIRST, 5_000, "T-1")]) == (1, 0)
    assert ctx.db.execute("SELECT balance FROM members WHERE id = ?", [sol[0]]).fetchone()[0] == sol[2] + 50   # 50.00 earns 50 points, which pay the debt first
    assert ctx.db.execute("SELECT COUNT(*) FROM allocations a JOIN entries e ON e.id = a.entry_id "
                          "WHERE e.member_id = ? AND e.kind = 'reverse'", [sol[0]]).fetchone()[0] >= 1
    assert verify(ctx) == []
