"""Closed periods' reports, kept once computed (table `report_cache`, migration 0005; its
triggers drop a kept report when anything lands in the time it covers). The points
expiring are always computed fresh: they are counted from today."""

import json
from datetime import timedelta
from fractions import Fraction

from ..common.clock import to_iso
from ..common.period import Period, month_period
from ..ledger.tiers import local_today
from ..programme.context import Context
from ..programme.permissions import require
from ..storage import write_transaction
from ..storage.year_totals import list_windows_in_turns
from .metrics import Report, compute_report, expiring_points
from .scope import store_scope

KEPT_FIELDS = ("metrics", "previous", "daily", "tier_distribution", "tier_moves", "top_members", "abc", "abc_bounds",
               "complaints")


def report(ctx: Context, period: Period, churn_days: int = 60, top: int = 10,
           progress=lambda step, steps: None, on_partial=lambda report: None, store: str | None = None) -> Report:
    """The period's report: kept figures when the period is closed and was computed before.
    `store`: one store of a chain (scope.py), computed each time (only the whole is kept)."""
    require(ctx, "reports")
    scope = store_scope(ctx, store)
    if not scope.whole:
        return compute_report(ctx, period, churn_days, top, progress, on_partial, scope=scope)
    start, end = period.bounds(ctx.programme().timezone)
    key = [period.first_day.isoformat(), period.last_day.isoformat(), churn_days, top]
    kept = _kept(ctx, period, churn_days, top)
    if kept is not None:
        progress(1, 1)
        return Report(period, **kept, expiring=expiring_points(ctx))
    # The previous month's figures, when its report is kept (the daily job keeps each month
    # as it closes), are the same as computing them again: half a second less on a big shop.
    previous = _kept(ctx, period.previous(), churn_days)
    computed = compute_report(ctx, period, churn_days, top, progress, on_partial,
                              previous=previous["metrics"] if previous else None)
    now = to_iso(ctx.clock.now())
    if end <= now:   # an open period changes with every sale: not worth keeping
        data = json.dumps({name: getattr(computed, name) for name in KEPT_FIELDS}, default=_fraction_json)
        with write_transaction(ctx.db):
            ctx.db.execute("INSERT OR REPLACE INTO report_cache VALUES (?, ?, ?, ?, ?, ?, ?)",
                           [*key, end, now, data])
    return computed


def prepare_year_windows(ctx: Context) -> list[str]:
    """For the daily job: each member's spend in the twelve months up to each month, counted
    through the current month (in short turns with the counter) and kept up to date from then
    on (storage/year_totals.py), so that reports rank the ABC classes from one row per
    member. Returns the months counted."""
    return list_windows_in_turns(ctx.db, through=local_today(ctx).strftime("%Y-%m"))


def prepare_closed_month(ctx: Context) -> Report:
    """For the daily job: the month just closed, computed now (at night) so the owner's
    first look at it is instant."""
    return report(ctx, last_closed_month(ctx))


def _kept(ctx: Context, period: Period, churn_days: int, top: int | None = None) -> dict | None:
    """The period's kept report (for any number of top members when `top` is None), or None
    (also when it was kept by an older version, with other fields)."""
    row = ctx.db.execute("SELECT data FROM report_cache WHERE first_day = ? AND last_day = ? AND churn_days = ? "
                         "AND top = COALESCE(?, top) LIMIT 1",
                         [period.first_day.isoformat(), period.last_day.isoformat(), churn_days, top]).fetchone()
    kept = json.loads(row[0], object_hook=_fractions) if row is not None else None
    return kept if kept is not None and set(kept) == set(KEPT_FIELDS) else None


def last_closed_month(ctx: Context) -> Period:
    return month_period((local_today(ctx).replace(day=1) - timedelta(days=1)).strftime("%Y-%m"))


def _fraction_json(value):
    if isinstance(value, Fraction):
        return {"fraction": [value.numerator, value.denominator]}
    raise TypeError(f"{type(value).__name__} cannot be kept in a report")


def _fractions(item: dict):
    if set(item) == {"fraction"}:
        return Fraction(*item["fraction"])
    return item
