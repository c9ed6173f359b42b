"""Undo and reversal of every kind of entry: what comes back, what is refused (a sentence,
nothing written), and the ledger's own checks (`verify`) clean after each."""

import tempfile
from datetime import datetime, timezone
from pathlib import Path

import pytest
from conftest import count
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from loyalty.common.clock import FixedClock
from loyalty.common.errors import ConflictError, ValidationError
from loyalty.common.period import month_period
from loyalty.ledger.corrections import adjust_points, grant_bonus, reverse_entry, undo_entry
from loyalty.ledger.daily import run_daily
from loyalty.ledger.enrolment import enrol_member
from loyalty.ledger.entries import owed_points
from loyalty.ledger.redemptions import redeem_points, redeem_reward
from loyalty.ledger.sales import post_sale, recent_sales, refund_sale, refunded_cents
from loyalty.ledger.tiers import qualifying_spend
from loyalty.operations.verify import verify
from loyalty.people.members import NewMember, member_by_id
from loyalty.programme.rewards import add_reward, reward_by_id
from loyalty.programme.shop import open_shop
from loyalty.reports.metrics import period_metrics


def lots(ctx, member_id: int) -> dict[int, int]:
    """Each of the member's lots (by the entry that opened it) and what is left in it."""
    return dict(ctx.db.execute("SELECT entry_id, remaining FROM lots WHERE member_id = ?", [member_id]).fetchall())


def balance(ctx, member) -> int:
    return member_by_id(ctx, member.id).balance


# A sale ------------------------------------------------------------------------------------

def test_reversing_a_sale_refunds_what_is_left_of_it_once(ctx, enrol):
    ana = enrol()
    sale = post_sale(ctx, ana.card, 25_900, "T1").entry
    refund_sale(ctx, ana.card, 15_900, "T1")
    voided = reverse_entry(ctx, sale.uuid)
    assert (voided.entry.points, voided.entry.amount_cents, voided.entry.spend_cents) == (-100, 10_000, -10_000)
    assert voided.balance == 0 and voided.entry.reverses_id == sale.id
    entries = count(ctx, "entries")
    again = reverse_entry(ctx, sale.uuid)
    assert again.already_recorded and again.entry.id == voided.entry.id and count(ctx, "entries") == entries
    with pytest.raises(ConflictError, match="fully refunded"):
        refund_sale(ctx, ana.card, 1, "T1")
    assert verify(ctx) == []


# A refund (the issue: reversing one reported success and changed nothing) -------------------

def test_reversing_a_refund_gives_back_its_points_and_qualifying_spend(ctx, enrol):
    ana = enrol()
    sale = post_sale(ctx, ana.card, 25_900, "T1").entry
    refund = refund_sale(ctx, ana.card, 15_900, "T1").entry
    assert balance(ctx, ana) == 100 and lots(ctx, ana.id) == {sale.id: 100}

    result = reverse_entry(ctx, refund.uuid)

    assert not result.already_recorded and result.original.id == refund.id
    entry = result.entry
    assert (entry.kind, entry.points, entry.spend_cents, entry.amount_cents) == ("reverse", 159, 15_900, 15_900)
    assert entry.reverses_id == refund.id and entry.receipt_ref == "T1" and entry.id != refund.id
    assert result.balance == balance(ctx, ana) == 259
    assert lots(ctx, ana.id) == {sale.id: 259}, "the points go back to the lot they were taken from"
    assert refunded_cents(ctx, sale) == 0 and recent_sales(ctx, ana.id)[0].left_cents == 25_900
    assert qualifying_spend(ctx, ana.id, ctx.clock.now(), 365) == 25_900
    assert verify(ctx) == []


def test_reversing_a_refund_twice_records_once_and_its_reversal_cannot_be_reversed(ctx, enrol):
    ana = enrol()
    post_sale(ctx, ana.card, 25_900, "T1")
    refund = refund_sale(ctx, ana.card, 15_900, "T1").entry
    first = reverse_entry(ctx, refund.uuid)
    entries = count(ctx, "entries")
    again = reverse_entry(ctx, str(refund.id))
    assert again.already_recorded and again.entry.id == first.entry.id and again.balance == 259
    with pytest.raises(ValidationError, match=f"entry {first.entry.id} is a reversal of entry {refund.id} "
                                              "and cannot be reversed; record that transaction again"):
        reverse_entry(ctx, first.entry.uuid)
    assert count(ctx, "entries") == entries and balance(ctx, ana) == 259
    again_refunded = refund_sale(ctx, ana.card, 25_900, "T1")   # refunding it again is how
    assert again_refunded.entry.points == -259 and again_refunded.balance == 0
    assert verify(ctx) == []


def test_undo_at_the_counter_of_a_refund_gives_the_points_back(ctx, enrol):
    ana = enrol()
    post_sale(ctx, ana.card, 25_900, "T1")
    refund = refund_sale(ctx, ana.card, 15_900, "T1").entry
    result = undo_entry(ctx, refund.uuid)
    assert (result.entry.points, result.balance, result.already_recorded) == (159, 259, False)
    assert verify(ctx) == []


def test_reversing_a_refund_of_spent_points_cancels_what_it_still_owed(ctx, enrol):
    ana = enrol()
    sale = post_sale(ctx, ana.card, 10_000, "T1").entry          # 100 points
    redeem_points(ctx, ana.card, 60)
    refund = refund_sale(ctx, ana.card, 10_000, "T1").entry      # takes the 40 left, owes 60
    later = post_sale(ctx, ana.card, 3_000, "T2").entry          # 30 points pay part of the debt
    assert balance(ctx, ana) == -30 and owed_points(ctx, ana.id) == [(refund.id, 30)]
    result = reverse_entry(ctx, refund.uuid)
    assert result.balance == 70, "as if the refund never was: 100 − 60 redeemed + 30"
    assert owed_points(ctx, ana.id) == []
    assert lots(ctx, ana.id) == {sale.id: 40, later.id: 30}
    assert verify(ctx) == []


def test_a_refund_reference_of_a_reversed_refund_is_refused_not_already_recorded(ctx, enrol):
    ana = enrol()
    post_sale(ctx, ana.card, 10_000, "T1")
    refund = refund_sale(ctx, ana.card, 4_000, "T1", refund_ref="D1").entry
    reverse_entry(ctx, refund.uuid)
    entries = count(ctx, "entries")
    with pytest.raises(ConflictError, match="refund D1 was reversed; give a new refund another reference"):
        refund_sale(ctx, ana.card, 4_000, "T1", refund_ref="D1")
    assert count(ctx, "entries") == entries and balance(ctx, ana) == 100
    assert refund_sale(ctx, ana.card, 4_000, "T1", refund_ref="D2").balance == 60


def test_a_sales_void_and_a_refund_of_a_voided_sale_cannot_be_reversed_and_nothing_is_written(ctx, enrol):
    """An undo is never undone: the figures' rule stays one level deep (storage/undone.py). A sale
    voided by mistake is posted again."""
    ana = enrol()
    sale = post_sale(ctx, ana.card, 5_000, "T1").entry
    refund = refund_sale(ctx, ana.card, 1_000, "T1").entry
    void = reverse_entry(ctx, sale.uuid).entry
    entries = count(ctx, "entries")
    with pytest.raises(ValidationError, match=f"entry {void.id} voided the sale T1, .*post the sale again"):
        reverse_entry(ctx, void.uuid)
    with pytest.raises(ValidationError, match=f"entry {refund.id} refunds the sale T1, which was voided since"):
        reverse_entry(ctx, refund.uuid)
    assert count(ctx, "entries") == entries and balance(ctx, ana) == 0
    assert post_sale(ctx, ana.card, 5_000, "T1-again").balance == 50
    assert verify(ctx) == []


def test_reversing_a_refund_restores_the_tier_the_refund_cost(ctx, enrol, settings):
    settings(tier_grace_days=0)
    ana = enrol()
    post_sale(ctx, ana.card, 60_000, "T1")                  # Silver from 500.00
    refund = refund_sale(ctx, ana.card, 20_000, "T1").entry
    run_daily(ctx)
    assert member_by_id(ctx, ana.id).tier_code == "bronze"
    restored = reverse_entry(ctx, refund.uuid).entry
    assert member_by_id(ctx, ana.id).tier_code == "silver"
    change = ctx.db.execute("SELECT to_code, entry_id FROM tier_changes ORDER BY id DESC LIMIT 1").fetchone()
    assert tuple(change) == ("silver", restored.id)
    assert verify(ctx) == []


def test_the_months_report_counts_the_sale_whole_again_after_its_refund_is_reversed(ctx, enrol):
    ana = enrol()
    post_sale(ctx, ana.card, 25_900, "T1")
    refund = refund_sale(ctx, ana.card, 15_900, "T1").entry
    reverse_entry(ctx, refund.uuid)
    metrics = period_metrics(ctx, month_period("2026-03"), 60)
    assert (metrics["member_sales"], metrics["transactions"], metrics["points_outstanding"]) == (25_900, 1, 259)
    assert metrics["points_issued"]["total"] == 259, "giving back a refund issues no new points"
    assert verify(ctx) == []


@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.tuples(st.just("refund"), st.integers(1, 100)),
                          st.tuples(st.just("reverse"), st.integers(0, 50))), min_size=1, max_size=12),
       st.integers(1, 100_000))
@example([("refund", 50), ("refund", 100), ("reverse", 0)], 999)   # 9 points: 4 + 5, the 4 given back, then 4 more
def test_refunds_and_their_reversals_never_take_back_more_than_the_sale_earned(steps, amount):
    """In any order of partial refunds and reversals of them, what the standing refunds took
    stays within the sale's points and amount, and refunding what is left ends at exactly them."""
    with tempfile.TemporaryDirectory() as folder:
        ctx = open_shop(Path(folder) / "p.sqlite", clock=FixedClock(datetime(2026, 3, 10, 12, tzinfo=timezone.utc)))
        try:
            ana = enrol_member(ctx, NewMember(name="Ana"))
            sale = post_sale(ctx, ana.card, amount, "T1").entry
            for kind, number in steps:
                if kind == "refund" and (left := amount - refunded_cents(ctx, sale)) > 0:
                    refund_sale(ctx, ana.card, max(1, left * number // 100), "T1")
                elif kind == "reverse":
                    standing = [row[0] for row in ctx.db.execute(
                        "SELECT r.uuid FROM entries r WHERE r.reverses_id = ? AND NOT EXISTS "
                        "(SELECT 1 FROM entries u WHERE u.reverses_id = r.id) ORDER BY r.id", [sale.id])]
                    if standing:
                        reverse_entry(ctx, standing[number % len(standing)])
                taken = sale.points - balance(ctx, ana)
                assert 0 <= taken <= sale.points and 0 <= refunded_cents(ctx, sale) <= amount
                assert verify(ctx) == []
            if (left := amount - refunded_cents(ctx, sale)) > 0:
                refund_sale(ctx, ana.card, left, "T1")
            assert balance(ctx, ana) == 0 and refunded_cents(ctx, sale) == amount
            assert verify(ctx) == []
        finally:
            ctx.db.close()


def test_undoing_a_refund_later_leaves_the_rounding_of_the_refunds_made_after_it(ctx, enrol):
    """The documented exception (README, "Refunds"): a refund rounds against the refunds standing
    when it is made; undoing an earlier one gives back exactly what that one took, and the later
    refund keeps its point (entries are never rewritten) — one point at most per later refund."""
    ana = enrol()
    sale = post_sale(ctx, ana.card, 1_300, "T1").entry                  # 13 points
    mistaken = refund_sale(ctx, ana.card, 475, "T1").entry              # 4.75 of 13: 4 points
    later = refund_sale(ctx, ana.card, 25, "T1").entry                  # 5.00 of 13 in all: 1 more
    given_back = reverse_entry(ctx, mistaken.uuid).entry
    assert (sale.points, mistaken.points, later.points, given_back.points) == (13, -4, -1, 4)
    assert balance(ctx, ana) == 12, "alone, the 0.25 refund would have taken nothing (13)"
    assert verify(ctx) == []


# A redemption, a reward ----------------------------------------------------------------------

def test_reversing_a_redemption_gives_the_points_back_to_their_lots_with_their_dates(ctx, enrol, clock):
    ana = enrol()
    march = post_sale(ctx, ana.card, 10_000, "T1").entry     # expires 31 March 2027
    clock.advance(days=40)
    april = post_sale(ctx, ana.card, 10_000, "T2").entry     # expires 30 April 2027
    redemption = redeem_points(ctx, ana.card, 150).entry     # the March lot first
    assert lots(ctx, ana.id) == {march.id: 0, april.id: 50}
    result = reverse_entry(ctx, redemption.uuid)
    assert (result.entry.points, result.balance) == (150, 200)
    assert lots(ctx, ana.id) == {march.id: 100, april.id: 100}
    assert reverse_entry(ctx, redemption.uuid).already_recorded
    with pytest.raises(ValidationError, match="cannot be reversed; record that transaction again"):
        reverse_entry(ctx, result.entry.uuid)
    assert balance(ctx, ana) == 200 and verify(ctx) == []


def test_reversing_a_reward_gives_back_the_points_and_the_stock(ctx, enrol):
    ana = enrol()
    post_sale(ctx, ana.card, 50_000, "T1")
    reward = add_reward(ctx, "Café", 300, stock=1)
    redemption = redeem_reward(ctx, ana.card, reward.id).entry
    result = reverse_entry(ctx, redemption.uuid)
    assert (result.entry.points, result.balance, reward_by_id(ctx, reward.id).stock) == (300, 500, 1)
    assert reverse_entry(ctx, redemption.uuid).already_recorded and reward_by_id(ctx, reward.id).stock == 1
    assert verify(ctx) == []


# Adjustments, bonuses, compensation -----------------------------------------------------------

def test_reversing_a_manual_credit_takes_it_back_and_a_deduction_gives_it_back(ctx, enrol):
    ana = enrol()
    sale = post_sale(ctx, ana.card, 10_000, "T1").entry
    credit = adjust_points(ctx, ana.card, 50, "wrong receipt").entry
    deduction = adjust_points(ctx, ana.card, -30, "double scan").entry
    assert reverse_entry(ctx, credit.uuid).entry.points == -50
    assert reverse_entry(ctx, deduction.uuid).entry.points == 30
    assert balance(ctx, ana) == 100 and sum(lots(ctx, ana.id).values()) == 100 and sale.id in lots(ctx, ana.id)
    assert verify(ctx) == []


@pytest.mark.parametrize("bonus_kind", ["welcome", "campaign", "compensation"])
def test_reversing_a_bonus_takes_its_points_back(ctx, enrol, settings, bonus_kind):
    if bonus_kind == "welcome":
        settings(welcome_bonus=40)
        ana = enrol()
        bonus = ctx.db.execute("SELECT uuid FROM entries WHERE member_id = ? AND bonus_kind = 'welcome'",
                               [ana.id]).fetchone()[0]
    else:
        ana = enrol()
        bonus = grant_bonus(ctx, ana.card, 40, "sorry for the wait", bonus_kind=bonus_kind).entry.uuid
    post_sale(ctx, ana.card, 1_000, "T1")
    result = reverse_entry(ctx, bonus)
    assert (result.entry.points, result.balance) == (-40, 10)
    assert reverse_entry(ctx, bonus).already_recorded and balance(ctx, ana) == 10
    assert verify(ctx) == []


# Expiry ----------------------------------------------------------------------------------------

def test_an_expiry_cannot_be_reversed_and_nothing_is_written(ctx, enrol, settings, clock):
    settings(expiry_months=1)
    ana = enrol()
    post_sale(ctx, ana.card, 5_000, "T1")                     # expires 30 April 2026
    clock.advance(days=60)
    run_daily(ctx)
    expiry = ctx.db.execute("SELECT uuid FROM entries WHERE kind = 'expire'").fetchone()[0]
    entries = count(ctx, "entries")
    with pytest.raises(ValidationError, match="expired points cannot be reversed; give them back as a "
                                              "compensation bonus, with a reason"):
        reverse_entry(ctx, expiry)
    with pytest.raises(ValidationError, match="expired points cannot be reversed"):
        undo_entry(ctx, expiry)
    assert count(ctx, "entries") == entries and balance(ctx, ana) == 0
    assert verify(ctx) == []
