"""The members' twelve-month spend kept for the ABC classes (`member_years`) equals, for every
listed window, the sum of their sales and refunds in its twelve local months — counted when
listed (at once, or a slice of members at a time while the counter sells), then kept by the
trigger at the counter, caught up after a bulk import (into earlier months too), counted again
when the time zone changes."""

from collections import Counter
from datetime import datetime, timedelta, timezone
from unittest import mock
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loyalty.common.clock import FixedClock, from_iso
from loyalty.ledger.enrolment import enrol_member
from loyalty.ledger.sales import post_sale, refund_sale
from loyalty.ledger.sales_history import HistoricSale, post_sales_history
from loyalty.operations.verify import verify
from loyalty.people.members import NewMember
from loyalty.programme.rules import save_settings
from loyalty.programme.shop import open_shop
from loyalty.storage import write_transaction, year_totals
from loyalty.storage.year_totals import list_windows, list_windows_in_turns, month_offset, month_range

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
        "WHERE complete AND spend_cents != 0")}


def listed(ctx) -> set[str]:
    return {end_month for (end_month,) in ctx.db.execute("SELECT end_month FROM member_year_windows WHERE complete")}


def only(windows: dict, months: set[str]) -> dict:
    return {key: spend for key, spend in windows.items() if key[0] in months}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=sales, during=sales, after=sales, imported=sales, listed_through=st.integers(0, 40),
       in_turns=st.booleans())
def test_every_listed_window_holds_the_members_twelve_months(before, during, after, imported, listed_through,
                                                             in_turns):
    clock = FixedClock(START)
    ctx = open_shop(":memory:", clock=clock)
    cards = [enrol_member(ctx, NewMember(name=f"Socio {n}")).card for n in range(4)]
    counter = iter(enumerate(sorted(before + during + after, key=lambda sale: sale[1])))

    def sell(how_many: int) -> None:
        for n, (who, moment, amount, refund_half) in (next(counter) for _ in range(how_many)):
            clock.current = moment
            post_sale(ctx, cards[who], amount, f"T-{n}")
            if refund_half:
                refund_sale(ctx, cards[who], amount // 2, f"T-{n}")

    pending = [len(during)]

    def slice_by_slice(db, count_a_slice):       # the counter sells between the slices
        more = True
        while more:
            with write_transaction(db):
                more = count_a_slice()
            if pending[0]:
                pending[0] -= 1
                sell(1)

    sell(len(before))
    through = month_offset("2024-01", listed_through)   # the daily job lists the windows up to a month
    if in_turns:
        with mock.patch.object(year_totals, "SLICE", 1), mock.patch.object(year_totals, "write_in_turns",
                                                                             slice_by_slice):
            list_windows_in_turns(ctx.db, through=through)
        sell(pending[0])
    else:
        with write_transaction(ctx.db):
            list_windows(ctx.db, through=through)
        sell(len(during))
    sell(len(after))
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


def test_a_shop_at_schema_16_keeps_its_counted_windows_as_complete(tmp_path):
    """Schema 16 counted its windows whole; 0017 adds the `complete` mark for those counted in
    turns, and the windows already counted must stay readable by the reports."""
    from sqlite_utils import Database

    from loyalty.storage import open_database
    from loyalty.storage.schema import migrations

    path = tmp_path / "shop.sqlite"
    old = Database(path)
    migrations.apply(old, stop_before="0017_windows_counted_in_turns")
    old.execute("PRAGMA user_version = 16")
    old.execute("INSERT INTO member_year_windows(end_month) VALUES ('2026-10')")
    old.conn.commit()
    old.close()
    db = open_database(path)
    assert year_totals.is_listed(db, "2026-10")
    assert db.execute("SELECT end_month, complete FROM member_year_windows").fetchall() == [("2026-10", 1)]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(imported=sales, listed_through=st.integers(0, 40))
def test_a_history_imported_into_a_shop_without_entries_files_the_windows_posting_it_files(imported,
                                                                                           listed_through):
    """Every entry new: the listed windows are counted from the months just filed
    (undone.CATCH_UP_ALL_NEW), row for row (zeros too) what the trigger files entry by entry."""
    history = sorted((HistoricSale(f"card {who}", moment, amount, f"H-{n}")
                      for n, (who, moment, amount, _) in enumerate(imported)), key=lambda sale: sale.moment)
    kept = []
    for bulk in (True, False):
        ctx = open_shop(":memory:", clock=FixedClock(START))
        cards = {f"card {n}": enrol_member(ctx, NewMember(name=f"Socio {n}")).card for n in range(4)}
        with write_transaction(ctx.db):     # windows listed before any entry (a new counter's file)
            ctx.db.conn.executemany("INSERT INTO member_year_windows (end_month, complete) VALUES (?, 1)", (
                (month,) for month in month_range("2024-01", month_offset("2024-01", listed_through))))
        sold = [HistoricSale(cards[sale.card], sale.moment, sale.amount_cents, sale.ref) for sale in history]
        with write_transaction(ctx.db):
            if bulk:
                with ctx.bulk_writing():
                    post_sales_history(ctx, sold)
            else:
                post_sales_history(ctx, sold)
        kept.append(ctx.db.execute("SELECT y.end_month, m.name, y.spend_cents FROM member_years y "
                                   "JOIN members m ON m.id = y.member_id ORDER BY 1, 2").fetchall())
    assert kept[0] == kept[1]
