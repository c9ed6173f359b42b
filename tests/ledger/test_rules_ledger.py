"""The ledger: append-only, idempotent, never below zero except the documented refund debt."""

import sqlite3
from datetime import date

import pytest
from conftest import count

from loyalty.common.errors import ConflictError, InsufficientPointsError, NotFoundError, ValidationError
from loyalty.ledger.corrections import adjust_points, grant_bonus, reverse_entry
from loyalty.ledger.entries import entry_uuid_for, expiring_points, expiry_date, history, owed_points
from loyalty.ledger.redemptions import redeem_points, redeem_reward
from loyalty.ledger.sales import post_sale, refund_sale
from loyalty.operations.verify import verify
from loyalty.people.members import member_by_id
from loyalty.programme.rewards import add_reward, reward_by_id


def test_sale_earns_one_point_per_unit_and_records_who_where_when(ctx, enrol):
    member = enrol()
    result = post_sale(ctx, member.card, 2540, "T1")
    entry = result.entry
    assert (entry.kind, entry.points, entry.amount_cents, entry.receipt_ref) == ("earn", 25, 2540, "T1")
    assert entry.staff_id == "tester" and entry.device_id == ctx.programme().device_id
    assert entry.created_at.startswith("2026-03-10T12:00:00") and entry.created_at.endswith("+00:00")
    assert entry.idempotency_key == f"sale:{member.uuid}:T1", "a key names only global ids (docs/sync.md)"
    assert entry.uuid == entry_uuid_for(entry.idempotency_key) and entry.device_seq == 1
    assert result.balance == member_by_id(ctx, member.id).balance == 25


def test_same_receipt_twice_is_recorded_once(ctx, enrol):
    member = enrol()
    first = post_sale(ctx, member.card, 1000, "T1")
    again = post_sale(ctx, member.card, 1000, "T1")
    assert again.already_recorded and again.entry.id == first.entry.id and again.balance == 10
    assert count(ctx, "entries") == 1
    with pytest.raises(ConflictError, match="another amount"):
        post_sale(ctx, member.card, 1200, "T1")
    assert count(ctx, "entries") == 1


def test_the_same_receipt_for_two_members_is_two_sales(ctx, enrol):
    assert not post_sale(ctx, enrol("A").card, 1000, "T1").already_recorded
    assert not post_sale(ctx, enrol("B").card, 1000, "T1").already_recorded


def test_a_receipt_reference_is_generated_when_empty(ctx, enrol):
    member = enrol()
    first, second = post_sale(ctx, member.card, 1000), post_sale(ctx, member.card, 1000)
    assert first.entry.receipt_ref != second.entry.receipt_ref and second.balance == 20


def test_ledger_refuses_update_and_delete(ctx, enrol):
    post_sale(ctx, enrol().card, 1000, "T1")
    for statement in ("UPDATE entries SET points = 999", "DELETE FROM entries",
                      "UPDATE tier_changes SET to_code = 'gold'", "DELETE FROM tier_changes"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            ctx.db.execute(statement)
    assert ctx.db.execute("SELECT points FROM entries").fetchone()[0] == 10


def test_redeem_more_than_the_balance_is_refused_and_nothing_written(ctx, enrol):
    member = enrol()
    post_sale(ctx, member.card, 1000, "T1")
    with pytest.raises(InsufficientPointsError, match="more than the balance of 10"):
        redeem_points(ctx, member.card, 11)
    assert count(ctx, "entries") == 1 and member_by_id(ctx, member.id).balance == 10
    result = redeem_points(ctx, member.card, 10)
    assert result.balance == 0 and result.value_cents == 10


def test_reward_costs_points_and_stock(ctx, enrol):
    member = enrol()
    post_sale(ctx, member.card, 100000, "T1")
    reward = add_reward(ctx, "Café", 300, stock=1)
    result = redeem_reward(ctx, member.card, reward.id)
    assert result.balance == 700 and result.entry.reward_id == reward.id
    assert reward_by_id(ctx, reward.id).stock == 0
    with pytest.raises(ValidationError, match="out of stock"):
        redeem_reward(ctx, member.card, reward.id)
    reverse_entry(ctx, result.entry.uuid)
    assert reward_by_id(ctx, reward.id).stock == 1 and member_by_id(ctx, member.id).balance == 1000


def test_refund_reverses_in_proportion_linked_to_the_sale(ctx, enrol):
    member = enrol()
    sale = post_sale(ctx, member.card, 10000, "T1").entry
    first = refund_sale(ctx, member.card, 3333, "T1")
    second = refund_sale(ctx, member.card, 6667, "T1")
    assert first.entry.reverses_id == second.entry.reverses_id == sale.id
    assert first.entry.points + second.entry.points == -100 and second.balance == 0
    with pytest.raises(ConflictError, match="fully refunded"):
        refund_sale(ctx, member.card, 1, "T1")
    with pytest.raises(NotFoundError, match="no sale with receipt T2"):
        refund_sale(ctx, member.card, 100, "T2")


def test_refund_cannot_exceed_what_is_left_of_the_sale(ctx, enrol):
    member = enrol()
    post_sale(ctx, member.card, 1000, "T1")
    with pytest.raises(ValidationError, match="left to refund"):
        refund_sale(ctx, member.card, 1001, "T1")
    assert count(ctx, "entries") == 1


def test_refund_with_its_own_reference_is_recorded_once(ctx, enrol):
    member = enrol()
    post_sale(ctx, member.card, 1000, "T1")
    refund_sale(ctx, member.card, 500, "T1", refund_ref="D1")
    assert refund_sale(ctx, member.card, 500, "T1", refund_ref="D1").already_recorded
    assert member_by_id(ctx, member.id).balance == 5


def test_refund_of_spent_points_leaves_a_debt_that_new_points_pay_first(ctx, enrol):
    member = enrol()
    post_sale(ctx, member.card, 10000, "T1")
    redeem_points(ctx, member.card, 100)
    refund = refund_sale(ctx, member.card, 10000, "T1")
    assert refund.balance == -100 and owed_points(ctx, member.id) == [(refund.entry.id, 100)]
    with pytest.raises(InsufficientPointsError):
        redeem_points(ctx, member.card, 1)
    assert post_sale(ctx, member.card, 6000, "T2").balance == -40
    assert owed_points(ctx, member.id) == [(refund.entry.id, 40)]
    assert post_sale(ctx, member.card, 6000, "T3").balance == 20
    assert owed_points(ctx, member.id) == [] and verify(ctx) == []


def test_void_gives_back_or_takes_back_and_is_idempotent(ctx, enrol):
    member = enrol()
    sale = post_sale(ctx, member.card, 5000, "T1").entry
    redeem = redeem_points(ctx, member.card, 20).entry
    assert reverse_entry(ctx, redeem.uuid).balance == 50
    assert reverse_entry(ctx, redeem.uuid).already_recorded
    voided = reverse_entry(ctx, str(sale.id))
    assert voided.balance == 0 and voided.entry.reverses_id == sale.id and voided.entry.amount_cents == 5000
    with pytest.raises(ValidationError, match="cannot be reversed"):
        reverse_entry(ctx, voided.entry.uuid)
    with pytest.raises(NotFoundError):
        reverse_entry(ctx, "no-such-entry")
    assert verify(ctx) == []


def test_adjustments_need_a_reason_and_cannot_go_below_zero(ctx, enrol):
    member = enrol()
    with pytest.raises(ValidationError, match="reason: required"):
        adjust_points(ctx, member.card, 10, "  ")
    assert adjust_points(ctx, member.card, 10, "goodwill").balance == 10
    with pytest.raises(InsufficientPointsError):
        adjust_points(ctx, member.card, -11, "correction")
    assert adjust_points(ctx, member.card, -10, "correction").balance == 0
    assert grant_bonus(ctx, member.card, 25, "late delivery").entry.bonus_kind == "compensation"
    assert count(ctx, "entries") == 3


def test_welcome_bonus_on_enrolment(ctx, enrol, settings):
    settings(welcome_bonus=50)
    member = enrol()
    assert member.balance == 50
    assert [(e.kind, e.bonus_kind) for e in history(ctx, member.id)] == [("bonus", "welcome")]


def test_birthday_bonus_once_a_year_in_the_birthday_month(ctx, enrol, settings, clock):
    settings(birthday_bonus=100)
    member = enrol(birthday="1990-03-25")
    other = enrol("Other", birthday="1990-07-01")
    assert [b.bonus_kind for b in post_sale(ctx, member.card, 1000).bonuses] == ["birthday"]
    assert post_sale(ctx, member.card, 1000).bonuses == ()
    assert post_sale(ctx, other.card, 1000).bonuses == ()
    clock.advance(days=365)
    assert [b.bonus_kind for b in post_sale(ctx, member.card, 1000).bonuses] == ["birthday"]


def test_referral_bonus_to_both_on_the_first_purchase_only(ctx, enrol, settings):
    settings(referral_bonus=200)
    referrer = enrol("Referrer")
    newcomer = enrol("Newcomer", referrer_card=referrer.card)
    first = post_sale(ctx, newcomer.card, 1000)
    assert sorted(b.member_id for b in first.bonuses) == sorted([referrer.id, newcomer.id])
    assert post_sale(ctx, newcomer.card, 1000).bonuses == ()
    assert member_by_id(ctx, referrer.id).balance == 200
    assert member_by_id(ctx, newcomer.id).balance == 220


def test_expiry_date_is_twelve_months_after_the_end_of_the_month():
    assert expiry_date(date(2026, 3, 15), 12) == "2027-03-31"
    assert expiry_date(date(2026, 12, 1), 12) == "2027-12-31"
    assert expiry_date(date(2024, 2, 29), 12) == "2025-02-28"
    assert expiry_date(date(2026, 1, 31), 1) == "2026-02-28"
    assert expiry_date(date(2026, 1, 31), 0) == "9999-12-31"


def test_redemption_spends_the_soonest_expiring_points_first(ctx, enrol, clock):
    member = enrol()
    clock.advance(days=-60)  # January
    january = post_sale(ctx, member.card, 3000, "JAN").entry
    clock.advance(days=60)  # March
    march = post_sale(ctx, member.card, 3000, "MAR").entry
    redeem = redeem_points(ctx, member.card, 40).entry
    used = ctx.db.execute("SELECT lot_id, points FROM allocations WHERE entry_id = ? ORDER BY lot_id", [redeem.id]).fetchall()
    assert used == [(january.id, 30), (march.id, 10)]
    assert expiring_points(ctx, member.id, 30) == (0, None)
    clock.advance(days=300)  # 2027-01-04: the January 2026 lot was spent; March's expires 2027-03-31
    assert expiring_points(ctx, member.id, 90) == (20, "2027-03-31")


def test_history_pages_newest_first_without_gaps_or_repeats(ctx, enrol):
    ana = enrol()
    for number in range(7):
        post_sale(ctx, ana.card, 1000 + number, f"T-{number}")
    everything = history(ctx, ana.id, limit=100)
    pages, before = [], None
    while page := history(ctx, ana.id, limit=3, before=before):
        pages.extend(page)
        before = page[-1]
    assert [entry.id for entry in pages] == [entry.id for entry in everything]
    assert [entry.receipt_ref for entry in everything[:2]] == ["T-6", "T-5"]
