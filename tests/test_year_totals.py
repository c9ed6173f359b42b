"""The members' twelve-month spend kept for the ABC classes (`member_years`) equals, for every
listed window, the sum of their sales and refunds in its twelve local months — counted when
listed, then kept by the trigger at the counter, caught up after a bulk import (into earlier
months too), counted again when the time zone changes."""

from collections import Counter
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loyalty.clock import FixedClock, from_iso
from loyalty.members import NewMember, enrol_member
from loyalty.programme import save_settings
from loyalty.sales import post_sale, refund_sale
from loyalty.sales_history import HistoricSale, post_sales_history
from loyalty.shop import open_shop
from loyalty.storage.year_totals import list_windows, month_offset, month_range
from loyalty.storage import write_transaction
from loyalty.verify import verify

START = datetime(2024, 1, 1, tzinfo=timezone.utc)
HOURS = 3 * 365 * 24          # three years of history

moments = st.integers(0, HOURS).map(lambda hours: START + timedelta(hours=hours, minutes=30))
sales = st.lists(st.tuples(st.integers(0, 3), moments, st.integers(100, 50_000), st.booleans()), max_size=40)


def expected_windows(ctx, zone: str) -> dict:
    """Plain Python over the entries: each spend counted in the window ending in its local
    month and in the eleven after it."""
    totals = Counter()
    for member_id, spend, created_at in ctx.db.execute(
            "SELECT member_id, spend_cents, created_at FROM entries WHERE spend_cents != 0"):
        local = from_iso(created_at).astimezone(ZoneInfo(zone))
        month = local.year * 12 + local.month - 1
        for ahead in range(12):
            end = month + ahead
            totals[(f"{end // 12:04d}-{end % 12 + 1:02d}", member_id)] += spend
    return {key: spend for key, spend in totals.items() if spend}


def kept_windows(ctx) -> dict:
    return {(end_month, member_id): spend for end_month, member_id, spend in ctx.db.execute(
        "SELECT y.end_month, member_id, spend_cents FROM member_years y JOIN member_year_windows USING (end_month) "
        "WHERE spend_cents != 0")}


def listed(ctx) -> set[str]:
    return {end_month for (end_month,) in ctx.db.execute("SELECT end_month FROM member_year_windows")}


def only(windows: dict, months: set[str]) -> dict:
    return {key: spend for key, spend in windows.items() if key[0] in months}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=sales, after=sales, imported=sales, listed_through=st.integers(0, 40))
def test_every_listed_window_holds_the_members_twelve_months(before, after, imported, listed_through):
    clock = FixedClock(START)
    ctx = open_shop(":memory:", clock=clock)
    cards = [enrol_member(ctx, NewMember(name=f"Socio {n}")).card for n in range(4)]
    at_the_counter = sorted(before + after, key=lambda sale: sale[1])
    for n, (who, moment, amount, refund_half) in enumerate(at_the_counter):
        if n == len(before):   # the daily job lists the windows up to some month partway
            with write_transaction(ctx.db):
                list_windows(ctx.db, through=month_offset("2024-01", listed_through))
        clock.current = moment
        post_sale(ctx, cards[who], amount, f"T-{n}")
        if refund_half:
            refund_sale(ctx, cards[who], amount // 2, f"T-{n}")
    history = sorted((HistoricSale(cards[who], moment, amount, f"H-{n}")
                      for n, (who, moment, amount, _) in enumerate(imported)), key=lambda sale: sale.moment)
    with write_transaction(ctx.db), ctx.bulk_writing():
        post_sales_history(ctx, history)
    assert kept_windows(ctx) == only(expected_windows(ctx, "Europe/Madrid"), listed(ctx))
    with write_transaction(ctx.db):
        added = list_windows(ctx.db, through="2027-06")
    (first,) = ctx.db.execute("SELECT MIN(month) FROM member_months").fetchone()
    assert listed(ctx) == (set(month_range(first, "2027-06")) if first else set()) and set(added) <= listed(ctx)
    assert kept_windows(ctx) == only(expected_windows(ctx, "Europe/Madrid"), listed(ctx))
    with write_transaction(ctx.db):
        save_settings(ctx.db, {"timezone": "America/Mexico_City"})   # every window counted again
    assert kept_windows(ctx) == only(expected_windows(ctx, "America/Mexico_City"), listed(ctx))
    assert verify(ctx) == []
