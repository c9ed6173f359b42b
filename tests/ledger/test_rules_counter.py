"""What the counter screen asks of the domain: previews that equal what posting does,
refundable sales, and the two-minute undo."""

import pytest
from conftest import count

from loyalty.common.errors import ConflictError, ValidationError
from loyalty.ledger.corrections import UNDO_WINDOW_SECONDS, undo_entry
from loyalty.ledger.redemptions import redeem_points
from loyalty.ledger.sales import post_sale, quote_refund, quote_sale, recent_sales, refund_sale
from loyalty.people.members import member_by_id
from loyalty.programme.campaigns import add_campaign


def test_sale_quote_equals_what_the_sale_earns(ctx, enrol):
    add_campaign(ctx, "Martes dobles", "2", "2026-03-01", "2026-03-31", "tue")
    member = enrol()
    quote = quote_sale(ctx, member, 1999)
    assert (quote.base, quote.tier_bonus, quote.campaign_bonus) == (19, 0, 20)
    assert post_sale(ctx, member.card, 1999, "T1").earning == quote
    assert count(ctx, "entries") == 1  # quoting wrote nothing


def test_recent_sales_lists_what_is_left_to_refund(ctx, enrol, clock):
    member = enrol()
    post_sale(ctx, member.card, 1000, "A")
    clock.advance(minutes=1)
    post_sale(ctx, member.card, 3000, "B")
    refund_sale(ctx, member.card, 1000, "B")
    sales = recent_sales(ctx, member.id)
    assert [(s.sale.receipt_ref, s.left_cents) for s in sales] == [("B", 2000), ("A", 1000)]
    refund_sale(ctx, member.card, 1000, "A")
    assert [s.sale.receipt_ref for s in recent_sales(ctx, member.id)] == ["B"]


def test_refund_quote_equals_what_the_refund_takes(ctx, enrol):
    member = enrol()
    sale = post_sale(ctx, member.card, 3333, "T1").entry
    assert quote_refund(ctx, sale, 1111) == 11
    result = refund_sale(ctx, member.card, 1111, "T1")
    assert result.entry.points == -11
    with pytest.raises(ValidationError, match="amount: only 22,22 € of receipt T1"):   # the shop's format
        quote_refund(ctx, sale, 2223)


def test_undo_within_two_minutes_posts_a_linked_reversal(ctx, enrol, clock):
    member = enrol()
    sale = post_sale(ctx, member.card, 2500, "T1").entry
    clock.advance(seconds=UNDO_WINDOW_SECONDS)
    result = undo_entry(ctx, sale.uuid)
    assert result.entry.reverses_id == sale.id and result.entry.points == -25
    assert member_by_id(ctx, member.id).balance == 0


def test_undo_gives_redeemed_points_back(ctx, enrol, clock):
    member = enrol()
    post_sale(ctx, member.card, 50000, "T1")
    redemption = redeem_points(ctx, member.card, 200).entry
    undo_entry(ctx, redemption.uuid)
    assert member_by_id(ctx, member.id).balance == 500


def test_undo_after_two_minutes_is_refused_and_writes_nothing(ctx, enrol, clock):
    member = enrol()
    sale = post_sale(ctx, member.card, 2500, "T1").entry
    clock.advance(seconds=UNDO_WINDOW_SECONDS + 1)
    with pytest.raises(ConflictError, match="within 2 minutes"):
        undo_entry(ctx, sale.uuid)
    assert count(ctx, "entries") == 1 and member_by_id(ctx, member.id).balance == 25


def test_member_summary_shows_progress_visits_and_birthday(ctx, enrol, clock):
    from loyalty.ledger.lookup import member_summary

    member = enrol(birthday="1990-03-10")
    post_sale(ctx, member.card, 20000, "A")
    clock.advance(days=1)
    post_sale(ctx, member.card, 10000, "B")
    summary = member_summary(ctx, member.card)
    assert summary.lookup.balance == 300 and summary.progress.missing_cents == 50000 - 30000
    assert summary.progress.next_tier.code == "silver"
    assert [v[:10] for v in summary.last_visits] == ["2026-03-11", "2026-03-10"]
    assert not summary.birthday_today  # the clock moved on to the 11th
