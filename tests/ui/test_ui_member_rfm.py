"""A member's record shows their RFM scores and segment beside the purchase profile: the
same as the scores of every member (rfm_scores), counted off the GUI thread."""

from datetime import datetime, timezone

import pytest

from loyalty.ledger.sales import post_sale
from loyalty.reports.member_class import abc_class_of
from loyalty.retention.rfm import rfm_of, rfm_scores


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


@pytest.fixture
def shop_with_sales(ctx, enrol, clock):
    """Members with different rhythms; two last sales on one Madrid day at different UTC hours
    (08:00 and 22:30 UTC on 9 March are both 9 March there), one just after local midnight."""
    members = {name: enrol(name) for name in ("Ana", "Luis", "Eva", "Pablo", "Rosa", "Nadie")}
    sales = {"Ana": ["2025-06-01T10:00", "2026-01-05T10:00", "2026-03-09T08:00"],
             "Luis": ["2026-03-09T22:30"],
             "Eva": ["2026-03-09T23:30", "2026-02-01T10:00"],
             "Pablo": ["2025-04-20T10:00", "2025-05-02T10:00", "2025-07-07T10:00", "2025-09-09T10:00"],
             "Rosa": ["2025-02-01T10:00"]}      # before the twelve months: not scored
    receipt = 0
    now = clock.current
    for name, moments in sales.items():
        for text in moments:
            receipt += 1
            clock.current = moment(text)
            post_sale(ctx, members[name].card, 1000 + 700 * receipt, f"T{receipt}")
    clock.current = now
    return members


def test_one_members_scores_are_those_of_the_whole_ranking(ctx, shop_with_sales):
    everyone = rfm_scores(ctx)
    assert len(everyone) == 4
    for member in shop_with_sales.values():
        assert rfm_of(ctx, member.id) == everyone.get(member.id)
    ana, luis, eva = (everyone[shop_with_sales[name].id] for name in ("Ana", "Luis", "Eva"))
    assert ana.days_since_last == luis.days_since_last == 1 and ana.r == luis.r, "same local day, same recency"
    assert eva.days_since_last == 0 and eva.r > ana.r


def scored_record(qtbot, window, name: str):
    """The member's record opened from the Members screen, its scores counted."""
    window.show_screen(1)
    qtbot.waitUntil(lambda: window.members.model.rowCount() == 6)
    row = next(r for r in range(6) if window.members.model.member_at(r).name == name)
    window.members.open_details(row)
    detail = window.members.detail
    qtbot.waitUntil(lambda: detail.rfm_thread is None, timeout=10_000)
    return detail


def test_the_member_record_shows_rfm_beside_the_profile(qtbot, window, ctx, shop_with_sales):
    score = rfm_scores(ctx)[shop_with_sales["Pablo"].id]
    detail = scored_record(qtbot, window, "Pablo")
    text = detail.rfm.text()
    assert f"RFM {score.r} · {score.f} · {score.m}" in text
    assert score.segment.replace("_", " ") in text and "4 purchases" in text
    # Pablo's spend ranks first of the three who bought from March 2025 to February 2026: class A.
    assert abc_class_of(ctx, shop_with_sales["Pablo"].id) == ("A", "2026-02")
    assert "ABC class in the February 2026 report: <b>A</b>" in text   # the month in words, not 2026-02
    assert detail.profile.isVisible() and detail.rfm.isVisible()
    assert detail.rfm.geometry().left() > detail.profile.geometry().left(), "beside the profile"
    detail.reject()


def test_a_member_without_recent_purchases_has_no_scores(qtbot, window, ctx, shop_with_sales):
    detail = scored_record(qtbot, window, "Rosa")
    assert "no purchase in the last twelve months" in detail.rfm.text()
    assert "ABC class in the February 2026 report: none" in detail.rfm.text()
    detail.reject()


def test_a_cashier_sees_the_scores_without_the_reports_abc_class(qtbot, window, ctx, shop_with_sales):
    ctx.role = "cashier"
    detail = scored_record(qtbot, window, "Pablo")
    assert "RFM " in detail.rfm.text() and "ABC" not in detail.rfm.text()
    detail.reject()


def test_closing_the_window_while_a_record_counts_its_scores_stops_the_count(qtbot, window, ctx, shop_with_sales):
    window.show_screen(1)
    qtbot.waitUntil(lambda: window.members.model.rowCount() == 6)
    window.members.open_details(0)
    detail = window.members.detail
    assert detail.isVisible()
    window.shutdown()
    assert not detail.isVisible()
    assert detail.rfm_thread is None or not detail.rfm_thread.isRunning()
