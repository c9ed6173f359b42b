"""Every report metric recomputed independently, in plain Python over the raw ledger rows,
on a generated shop with refunds, redemptions, expiries, bonuses, tier changes and undone
entries (undone at the counter, across midnight too, and voided by a manager months later);
and the month boundary in the shop's time zone."""

import math
import random
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loyalty.common.clock import FixedClock, from_iso
from loyalty.common.errors import InsufficientPointsError, LoyaltyError, ValidationError
from loyalty.common.period import month_period, range_period
from loyalty.ledger.corrections import adjust_points, grant_bonus, reverse_entry, undo_entry
from loyalty.ledger.daily import run_daily
from loyalty.ledger.enrolment import enrol_member
from loyalty.ledger.redemptions import redeem_points
from loyalty.ledger.sales import post_sale, refund_sale
from loyalty.people.members import NewMember
from loyalty.programme.points import points_value
from loyalty.programme.rules import load_tiers, save_settings, update_tier
from loyalty.programme.shop import open_shop
from loyalty.reports.cache import prepare_year_windows
from loyalty.reports.member_class import abc_class_of
from loyalty.reports.metrics import abc_ranking, compute_report, member_abc_class
from loyalty.storage import write_transaction

TZ = ZoneInfo("Europe/Madrid")
CHURN_DAYS = 30


def build_shop(path, seed: int):
    """Five months of a small shop, posted through the domain as the counter would."""
    rng = random.Random(seed)
    clock = FixedClock(datetime(2025, 12, 1, 9, tzinfo=timezone.utc))
    ctx = open_shop(path, clock=clock)
    with write_transaction(ctx.db):
        save_settings(ctx.db, {"expiry_months": 1, "welcome_bonus": 50, "tier_grace_days": 5, "tier_window_days": 60})
        update_tier(ctx.db, "gold", min_spend_cents=60_000)
        update_tier(ctx.db, "silver", min_spend_cents=20_000)
    members, sales = [], []
    day = date(2025, 12, 1)
    while day < date(2026, 5, 1):
        for _ in range(rng.randint(0, 2)):
            clock.current = _local(day, rng.randint(9, 20), rng.randint(0, 59))
            members.append(enrol_member(ctx, NewMember(name=f"Socio {len(members)}")))
        for _ in range(rng.randint(1, 6) if members else 0):
            member = rng.choice(members)
            hour, minute = rng.choice([(10, 5), (13, 30), (19, 45), (23, 30), (0, 15)])
            clock.current = max(clock.current, _local(day, hour, minute))
            clock.advance(seconds=rng.randint(1, 300))
            roll = rng.random()
            try:
                if roll < 0.70 or not sales:
                    sales.append(post_sale(ctx, member.card, rng.randint(500, 15_000)).entry)
                elif roll < 0.80:
                    sale = rng.choice(sales)
                    card = ctx.db.execute("SELECT card FROM members WHERE id = ?", [sale.member_id]).fetchone()[0]
                    refund_sale(ctx, card, rng.randint(1, sale.amount_cents), sale.receipt_ref)
                elif roll < 0.92:
                    redeem_points(ctx, member.card, rng.randint(10, 120))
                elif roll < 0.95:
                    adjust_points(ctx, member.card, rng.choice([-5, 20]), "counter correction")
                elif roll < 0.97:
                    grant_bonus(ctx, member.card, 30, "sorry for the wait")
                elif roll < 0.98:                                    # a mistake, undone at the counter
                    sale = post_sale(ctx, member.card, rng.randint(500, 15_000)).entry
                    clock.advance(seconds=20)
                    undo_entry(ctx, sale.uuid)
                else:                                                # a manager voids an older entry
                    voidable = [row[0] for row in ctx.db.execute(
                        "SELECT uuid FROM entries WHERE kind = ? ORDER BY id",
                        [rng.choice(["earn", "earn", "redeem", "bonus", "adjust"])])]
                    if voidable:
                        reverse_entry(ctx, rng.choice(voidable), "wrong card")
            except (InsufficientPointsError, ValidationError, LoyaltyError):
                pass
        clock.current = _local(day, 23, 59) + timedelta(seconds=30)
        run_daily(ctx)
        following = day + timedelta(days=1)
        if following.day == 1 and following < date(2026, 5, 1):    # undone across midnight, into the next month
            clock.advance(seconds=15)
            sale = post_sale(ctx, rng.choice(members).card, rng.randint(500, 15_000)).entry
            clock.advance(seconds=30)
            undo_entry(ctx, sale.uuid)
        prepare_year_windows(ctx)   # as the daily job does: the ABC classes' twelve-month windows
        day += timedelta(days=1)
    return ctx


def counted(entries: list[dict]) -> list[dict]:
    """The entries that count (docs/metrics.md, "Undone entries"), in plain Python: not undone
    (voided: a reversal keyed 'reverse:' + its uuid), and not reversing an undone entry."""
    uuid_of = {e["id"]: e["uuid"] for e in entries}
    undone = {e["reverses_id"] for e in entries
              if e["reverses_id"] and e["idempotency_key"] == "reverse:" + uuid_of[e["reverses_id"]]}
    return [e for e in entries if e["id"] not in undone and e["reverses_id"] not in undone]


def _local(day: date, hour: int, minute: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ).astimezone(timezone.utc)


def independent_metrics(ctx, first: date, last: date, previous_first: date | None = None, tz=TZ) -> dict:
    """Plain Python over every row: no SQL aggregation, local days by zoneinfo. The previous
    period is the calendar month before unless `previous_first` says where it starts."""
    ledger = [dict(row) for row in ctx.db.query("SELECT * FROM entries")]
    entries = counted(ledger)
    members = [dict(row) for row in ctx.db.query("SELECT * FROM members")]
    day_of = lambda text: from_iso(text).astimezone(tz).date()  # noqa: E731
    inside = lambda row, a=first, b=last: a <= day_of(row["created_at"]) <= b  # noqa: E731
    here = [e for e in entries if inside(e)]
    previous_last = first - timedelta(days=1)
    previous_first = previous_first or previous_last.replace(day=1)
    sales_count = Counter(e["member_id"] for e in here if e["kind"] == "earn")
    before = {e["member_id"] for e in entries if e["kind"] == "earn" and inside(e, previous_first, previous_last)}
    lately = {e["member_id"] for e in entries if e["kind"] == "earn"
              and last - timedelta(days=CHURN_DAYS - 1) <= day_of(e["created_at"]) <= last}
    transactions = sum(1 for e in here if e["kind"] == "earn")
    sales = sum(e["spend_cents"] for e in here)
    issued = {"earn": sum(e["points"] for e in here if e["kind"] == "earn"),
              "bonus": sum(e["points"] for e in here if e["kind"] == "bonus"),
              "adjustments": sum(e["points"] for e in here if e["kind"] == "adjust" and e["points"] > 0)}
    issued["total"] = sum(issued.values())
    redeemed = -sum(e["points"] for e in here if e["kind"] == "redeem")
    outstanding = sum(e["points"] for e in ledger if day_of(e["created_at"]) <= last)   # a balance: as posted
    programme = ctx.programme()
    fraction = lambda a, b: Fraction(a, b) if b else Fraction(0)  # noqa: E731
    return {
        "members_total": sum(1 for m in members if day_of(m["joined_at"]) <= last),
        "new_members": sum(1 for m in members if first <= day_of(m["joined_at"]) <= last),
        "active_members": len(sales_count),
        "member_sales": sales,
        "transactions": transactions,
        "avg_ticket": math.floor(Fraction(sales, transactions) + Fraction(1, 2)) if transactions else 0,   # half up
        "visits_per_active_member": fraction(transactions, len(sales_count)),
        "points_issued": issued,
        "points_redeemed": redeemed,
        "points_expired": -sum(e["points"] for e in here if e["kind"] == "expire"),
        "points_outstanding": outstanding,
        "liability": points_value(outstanding, programme.points_per_currency_unit, programme.currency_decimals),
        "redemption_rate": fraction(redeemed, issued["total"]),
        "retention_rate": fraction(len(before & set(sales_count)), len(before)),
        "repeat_purchase_rate": fraction(sum(1 for n in sales_count.values() if n >= 2), len(sales_count)),
        "churned": len(before - lately),
    }


@pytest.fixture(scope="module", params=[11, 29])
def shop(request, tmp_path_factory):
    ctx = build_shop(tmp_path_factory.mktemp("reports") / "shop.sqlite", request.param)
    yield ctx
    ctx.db.close()


@pytest.mark.parametrize("month", ["2026-01", "2026-02", "2026-03", "2026-04"])
def test_every_metric_matches_a_plain_python_recount(shop, month):
    period = month_period(month)
    report = compute_report(shop, period, churn_days=CHURN_DAYS)
    expected = independent_metrics(shop, period.first_day, period.last_day)
    assert report.metrics == expected
    previous = independent_metrics(shop, *(lambda p: (p.first_day, p.last_day))(period.previous()))
    assert report.previous == previous


@pytest.mark.parametrize("first, last", [("2026-02-03", "2026-03-17"), ("2026-01-01", "2026-02-28"),
                                         ("2026-03-31", "2026-03-31")])
def test_a_range_of_days_matches_the_recount_too(shop, first, last):
    """Ranges that are not one calendar month are counted from the entries, not the monthly totals."""
    period = range_period(first, last)
    report = compute_report(shop, period, churn_days=CHURN_DAYS)
    assert report.metrics == independent_metrics(shop, period.first_day, period.last_day,
                                                 period.previous().first_day)


def test_changing_the_time_zone_refiles_the_totals_under_the_new_local_days(tmp_path):
    ctx = build_shop(tmp_path / "zone.sqlite", 7)
    mexico = ZoneInfo("America/Mexico_City")
    with write_transaction(ctx.db):
        save_settings(ctx.db, {"timezone": "America/Mexico_City"})
    from loyalty.operations.verify import verify

    assert verify(ctx) == []
    for month in ("2026-02", "2026-03"):
        period = month_period(month)
        report = compute_report(ctx, period, churn_days=CHURN_DAYS)
        assert report.metrics == independent_metrics(ctx, period.first_day, period.last_day, tz=mexico)
    ctx.db.close()


def test_the_data_has_what_the_metrics_are_about(shop):
    kinds = dict(shop.db.execute("SELECT kind, COUNT(*) FROM entries GROUP BY kind").fetchall())
    assert {"earn", "reverse", "redeem", "expire", "bonus", "adjust"} <= set(kinds)
    undone = shop.db.execute(
        "SELECT o.kind, v.reason, substr(o.created_at, 1, 7) != substr(v.created_at, 1, 7) FROM entries v "
        "JOIN entries o ON o.id = v.reverses_id WHERE v.idempotency_key = 'reverse:' || o.uuid").fetchall()
    assert {"earn", "redeem"} <= {kind for kind, _, _ in undone}
    assert {"undo at the counter", "wrong card"} <= {reason for _, reason, _ in undone}
    assert any(other_month for _, _, other_month in undone), "some undone in a later month than posted"
    assert shop.db.execute("SELECT COUNT(*) FROM tier_changes").fetchone()[0] > 0


def test_tables_add_up_with_the_metrics(shop):
    period = month_period("2026-03")
    report = compute_report(shop, period, churn_days=CHURN_DAYS)
    assert len(report.daily) == 31
    assert sum(day["member_sales"] for day in report.daily) == report.metrics["member_sales"]
    assert sum(day["transactions"] for day in report.daily) == report.metrics["transactions"]
    assert sum(day["points_issued"] for day in report.daily) == report.metrics["points_issued"]["total"]
    assert sum(day["points_redeemed"] for day in report.daily) == report.metrics["points_redeemed"]
    assert sum(row["members"] for row in report.tier_distribution) == report.metrics["members_total"]
    assert sum(row["share_of_sales"] for row in report.abc) in (0, 1)
    sales = [row["member_sales"] for row in report.top_members]
    assert sales == sorted(sales, reverse=True)


def test_tier_distribution_at_a_past_month_end_and_moves_match_the_tier_history(shop):
    period = month_period("2026-02")
    report = compute_report(shop, period, churn_days=CHURN_DAYS)
    end = datetime(2026, 3, 1, tzinfo=TZ).astimezone(timezone.utc)
    base = load_tiers(shop.db)[0].code
    changes = [dict(row) for row in shop.db.query("SELECT * FROM tier_changes ORDER BY changed_at, id")]
    tier_at_end = {}
    for member in shop.db.query("SELECT id, joined_at FROM members"):
        if from_iso(member["joined_at"]) < end:
            before = [c for c in changes if c["member_id"] == member["id"] and from_iso(c["changed_at"]) < end]
            tier_at_end[member["id"]] = before[-1]["to_code"] if before else base
    expected = Counter(tier_at_end.values())
    assert {row["tier"]: row["members"] for row in report.tier_distribution} == {
        tier.code: expected.get(tier.code, 0) for tier in load_tiers(shop.db)}
    rank = {tier.code: tier.rank for tier in load_tiers(shop.db)}
    start = datetime(2026, 2, 1, tzinfo=TZ).astimezone(timezone.utc)
    during = [c for c in changes if start <= from_iso(c["changed_at"]) < end and c["from_code"]]
    assert report.tier_moves == {"up": sum(rank[c["to_code"]] > rank[c["from_code"]] for c in during),
                                 "down": sum(rank[c["to_code"]] < rank[c["from_code"]] for c in during)}


def independent_abc(shop, first_day: date, last_day: date) -> tuple[Counter, Counter, dict]:
    """(each member's sales in those days, members per class, each member's class)."""
    per_member = Counter()
    for row in counted([dict(row) for row in shop.db.query("SELECT * FROM entries")]):
        if first_day <= from_iso(row["created_at"]).astimezone(TZ).date() <= last_day:
            per_member[row["member_id"]] += row["spend_cents"]
    ranked = sorted(((m, s) for m, s in per_member.items() if s > 0), key=lambda pair: (-pair[1], pair[0]))
    whole, running, classes, class_of = sum(s for _, s in ranked), 0, Counter(), {}
    for member_id, amount in ranked:
        class_of[member_id] = "A" if running * 100 < whole * 80 else "B" if running * 100 < whole * 95 else "C"
        classes[class_of[member_id]] += 1
        running += amount
    return per_member, classes, class_of


def test_abc_classes_follow_the_cumulative_share_of_twelve_months_sales(shop):
    report = compute_report(shop, month_period("2026-04"), churn_days=CHURN_DAYS)
    per_member, classes, class_of = independent_abc(shop, date(2025, 5, 1), date(2026, 4, 30))
    assert {row["class"]: row["members"] for row in report.abc} == {k: classes.get(k, 0) for k in "ABC"}
    assert sum(row["member_sales"] for row in report.abc) == sum(s for s in per_member.values() if s > 0)
    # Each member's own class (the member record), from the classes' last-ranked members:
    members = [row[0] for row in shop.db.execute("SELECT id FROM members")]
    assert {m: member_abc_class(report.abc_bounds, m, per_member[m]) for m in members} == {
        m: class_of.get(m) for m in members}
    # ... and end to end, in May: April is the last closed month, its report kept and read back.
    in_may = replace(shop, clock=FixedClock(datetime(2026, 5, 10, 12, tzinfo=timezone.utc)))
    assert {m: abc_class_of(in_may, m) for m in members} == {m: (class_of.get(m), "2026-04") for m in members}


@given(st.dictionaries(st.integers(1, 60), st.integers(1, 6), max_size=40))   # few amounts: many ties
def test_the_abc_ranking_places_tied_members_by_id(sales):
    ranked = sorted(sales.items(), key=lambda pair: (-pair[1], pair[0]))
    whole, running, last_of, count = sum(sales.values()), 0, {}, Counter()
    for member_id, amount in ranked:
        label = "A" if running * 100 < whole * 80 else "B" if running * 100 < whole * 95 else "C"
        last_of[label], running = [amount, member_id], running + amount
        count[label] += 1
    rows, bounds = abc_ranking(list(sales.values()),
                               lambda amount, nth: sorted(m for m, a in sales.items() if a == amount)[nth])
    assert bounds == last_of
    assert [(row["class"], row["members"]) for row in rows] == [(label, count[label]) for label in "ABC"]


def test_abc_classes_are_the_same_from_the_kept_windows_and_from_the_months(shop):
    from loyalty.storage.year_totals import forget_windows, is_listed

    period = month_period("2026-03")
    assert is_listed(shop.db, "2026-03")
    kept = compute_report(shop, period, churn_days=CHURN_DAYS)
    with write_transaction(shop.db):
        forget_windows(shop.db)
    try:
        summed = compute_report(shop, period, churn_days=CHURN_DAYS)
    finally:
        prepare_year_windows(shop)   # the shop is shared by this module's tests
    assert (summed.abc, summed.abc_bounds) == (kept.abc, kept.abc_bounds) and kept.abc_bounds


def test_a_date_ranges_abc_classes_rank_the_twelve_months_up_to_its_last_day(shop):
    report = compute_report(shop, range_period("2026-01-10", "2026-03-20"), churn_days=CHURN_DAYS)
    per_member, classes, class_of = independent_abc(shop, date(2025, 3, 21), date(2026, 3, 20))
    assert {row["class"]: row["members"] for row in report.abc} == {k: classes.get(k, 0) for k in "ABC"}
    assert {m: member_abc_class(report.abc_bounds, m, per_member[m]) for m in per_member} == {
        m: class_of.get(m) for m in per_member}


def test_the_report_comes_first_without_its_abc_classes_then_whole(shop):
    partial = []
    report = compute_report(shop, month_period("2026-04"), churn_days=CHURN_DAYS, on_partial=partial.append)
    (first,) = partial
    assert first.abc == [] and first.abc_bounds == {} and report.abc and report.abc_bounds
    assert (first.metrics, first.previous, first.daily, first.top_members, first.expiring) == (
        report.metrics, report.previous, report.daily, report.top_members, report.expiring)


def test_a_sale_at_23_30_local_on_the_last_day_belongs_to_that_month(tmp_path):
    clock = FixedClock(datetime(2026, 3, 31, 21, 30, tzinfo=timezone.utc))   # 23:30 in Madrid (CEST, UTC+2)
    ctx = open_shop(tmp_path / "tz.sqlite", clock=clock)
    member = enrol_member(ctx, NewMember(name="Ana"))
    post_sale(ctx, member.card, 1_000)
    clock.advance(minutes=45)                                                   # 00:15 on 1 April
    post_sale(ctx, member.card, 2_000)
    march = compute_report(ctx, month_period("2026-03"))
    april = compute_report(ctx, month_period("2026-04"))
    assert (march.metrics["member_sales"], april.metrics["member_sales"]) == (1_000, 2_000)
    assert march.daily[-1]["member_sales"] == 1_000 and april.daily[0]["member_sales"] == 2_000


def test_winter_time_change_keeps_days_whole(tmp_path):
    clock = FixedClock(datetime(2026, 10, 25, 22, 30, tzinfo=timezone.utc))   # 23:30 on the 25th, after the change
    ctx = open_shop(tmp_path / "dst.sqlite", clock=clock)
    member = enrol_member(ctx, NewMember(name="Ana"))
    post_sale(ctx, member.card, 700)
    report = compute_report(ctx, range_period("2026-10-25", "2026-10-26"))
    assert [day["member_sales"] for day in report.daily] == [700, 0]


@pytest.mark.parametrize("text, field", [("2026-13", "month"), ("March", "month"), ("", "month")])
def test_bad_months_are_refused(text, field):
    with pytest.raises(ValidationError) as caught:
        month_period(text)
    assert caught.value.field == field


def test_a_range_ending_before_it_starts_is_refused():
    with pytest.raises(ValidationError, match="before"):
        range_period("2026-03-31", "2026-03-01")


def test_the_daily_totals_follow_every_entry_and_verify_notices_a_tampered_one(shop, tmp_path):
    from loyalty.operations.verify import verify

    assert verify(shop) == []
    per_day = Counter()
    for row in shop.db.query("SELECT created_at, points FROM entries"):
        per_day[row["created_at"][:10]] += row["points"]
    assert dict(shop.db.execute("SELECT day, points FROM ledger_days").fetchall()) == dict(per_day)
    for table, column, key in (("ledger_days", "points", "day"), ("day_totals", "spend_cents", "day"),
                               ("member_months", "sales", "month"), ("member_years", "spend_cents", "end_month")):
        change = f"UPDATE {table} SET {column} = {column} + ? WHERE {key} = (SELECT MIN({key}) FROM {table})"
        with write_transaction(shop.db):
            shop.db.execute(change, [1])
        try:
            assert any(problem.startswith("report totals:") for problem in verify(shop)), table
        finally:
            with write_transaction(shop.db):
                shop.db.execute(change, [-1])
    assert verify(shop) == []


def test_a_closed_months_report_is_kept_and_dropped_when_something_lands_in_it(tmp_path):
    from loyalty.reports.cache import report

    clock = FixedClock(datetime(2026, 3, 10, 12, tzinfo=timezone.utc))
    ctx = open_shop(tmp_path / "cache.sqlite", clock=clock)
    ana = enrol_member(ctx, NewMember(name="Ana"))
    post_sale(ctx, ana.card, 1_000)
    march = month_period("2026-03")
    kept_rows = lambda: ctx.db.execute("SELECT COUNT(*) FROM report_cache").fetchone()[0]  # noqa: E731

    report(ctx, march)
    assert kept_rows() == 0, "an open month is not kept"
    clock.current = datetime(2026, 4, 2, 9, tzinfo=timezone.utc)
    first = report(ctx, march)
    assert kept_rows() == 1
    again = report(ctx, march)
    assert again.metrics == first.metrics == compute_report(ctx, march).metrics
    assert again.abc == first.abc and again.daily == first.daily
    assert isinstance(again.metrics["retention_rate"], Fraction)

    post_sale(ctx, ana.card, 2_000)                     # today, in April: March's report stands
    assert kept_rows() == 1
    clock.current = datetime(2026, 3, 20, 12, tzinfo=timezone.utc)
    post_sale(ctx, ana.card, 3_000, "BACKDATED")        # lands in March: the kept report goes
    assert kept_rows() == 0
    clock.current = datetime(2026, 4, 3, 9, tzinfo=timezone.utc)
    assert report(ctx, march).metrics["member_sales"] == 4_000
    with write_transaction(ctx.db):
        save_settings(ctx.db, {"points_per_currency_unit": 50})   # changes the liability
    assert kept_rows() == 0


def test_a_report_takes_the_previous_months_figures_from_its_kept_report(shop):
    from loyalty.reports.cache import report

    march, april = month_period("2026-03"), month_period("2026-04")
    fresh = compute_report(shop, april, churn_days=CHURN_DAYS)
    forget = "DELETE FROM report_cache WHERE first_day = ?"
    try:
        report(shop, march, churn_days=CHURN_DAYS)                      # kept, as the daily job does
        assert report(shop, april, churn_days=CHURN_DAYS).previous == fresh.previous == compute_report(
            shop, march, churn_days=CHURN_DAYS).metrics
        with write_transaction(shop.db):                                 # proof that the kept figures are read
            shop.db.execute(forget, ["2026-04-01"])
            shop.db.execute("UPDATE report_cache SET data = json_set(data, '$.metrics.transactions', -1) "
                            "WHERE first_day = '2026-03-01'")
        assert report(shop, april, churn_days=CHURN_DAYS).previous["transactions"] == -1
    finally:
        with write_transaction(shop.db):
            shop.db.execute("DELETE FROM report_cache")


def test_points_expiring_within_30_60_90_days_match_the_open_lots(shop):
    report = compute_report(shop, month_period("2026-04"), churn_days=CHURN_DAYS)
    today = shop.clock.now().astimezone(TZ).date()
    lots = [dict(row) for row in shop.db.query("SELECT member_id, expires_on, remaining FROM lots")]
    expected = []
    for days in (30, 60, 90):
        due = [lot for lot in lots if lot["remaining"] > 0
               and date.fromisoformat(lot["expires_on"]) <= today + timedelta(days=days)]
        expected.append({"within_days": days, "points": sum(lot["remaining"] for lot in due),
                         "members": len({lot["member_id"] for lot in due})})
    assert report.expiring == expected
    assert expected[0]["points"] < expected[2]["points"], "the shop has points due at different horizons"
