"""Time the owner's monthly report on the big shop (target: ≤ 2 s), for the last month of
the first, second and third year of history, so that it can be seen whether the time
follows the month's entries or the length of the history: computed from the ledger, and
read back once kept (as after the daily job has prepared the month just closed); and
"figures shown": when everything but the ABC ranking is known (the Reports screen shows it
then, and fills the ABC table in when the ranking is done). The Reports screen computes a
month not kept yet with the previous month's figures read from its kept report (the daily
job keeps each month as it closes): timed as "previous month kept".

    python bench/report.py --db bench/data/big.sqlite [--repeat 3]
    python bench/report.py --db bench/data/big.sqlite --range 2026-10-01 2026-10-15   # a range of days

Each report is computed `--repeat` times (the first run reads from disk, the next from
the cache) and the parts of the report are timed separately.
"""

import argparse
import json
import sys
import time
from datetime import date, datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loyalty.common.clock import FixedClock  # noqa: E402
from loyalty.common.period import month_period, range_period  # noqa: E402
from loyalty.programme.shop import open_shop  # noqa: E402
from loyalty.reports import cache, metrics  # noqa: E402
from loyalty.storage import write_transaction  # noqa: E402

PARTS = {
    "period metrics": lambda ctx, period: metrics.period_metrics(ctx, period, 60),
    "previous period": lambda ctx, period: metrics.period_metrics(ctx, period.previous(), 60),
    "daily series": lambda ctx, period: metrics.daily_series(ctx, period),
    "tiers": lambda ctx, period: metrics.tier_figures(ctx, *period.bounds(ctx.programme().timezone)),
    "top members": lambda ctx, period: metrics.top_members(ctx, period, 10),
    "ABC (12 months)": lambda ctx, period: metrics.abc_classes(ctx, period),
    "points expiring": lambda ctx, period: metrics.expiring_points(ctx),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="bench/data/big.sqlite")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--range", nargs=2, metavar=("FROM", "TO"),
                        help="time a report over these days instead (no kept totals: it reads the entries)")
    args = parser.parse_args()
    meta = json.loads(Path(f"{args.db}.json").read_text())
    end = date.fromisoformat(meta["end"])
    ctx = open_shop(args.db, FixedClock(datetime(end.year, end.month, end.day, 10, tzinfo=timezone.utc)))
    if args.range:
        time_range(ctx, range_period(*args.range), args.repeat)
        return
    tz = ctx.programme().timezone
    print(f"database: {meta['members']:,} members, {meta['entries']:,} entries, history ending {meta['end']}\n")
    print("| month | years of history before it | entries in the month | figures shown, s (best) | "
          "computed, s (first / best) | previous month kept: shown / whole, s | kept, s | slowest part |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    closed = month_period(end.strftime("%Y-%m")).previous()          # the last month of the history
    for years_back in (2, 1, 0):
        first = closed.first_day.replace(year=closed.first_day.year - years_back)
        period = month_period(first.strftime("%Y-%m"))
        start, stop = period.bounds(tz)
        entries = ctx.db.execute("SELECT COUNT(*) FROM entries WHERE created_at >= ? AND created_at < ?",
                                 [start, stop]).fetchone()[0]
        wholes, partials = [], []
        for _ in range(args.repeat):
            began = time.perf_counter()
            metrics.compute_report(ctx, period, on_partial=lambda _: partials.append(time.perf_counter() - began))
            wholes.append(time.perf_counter() - began)
        cache.report(ctx, period.previous())          # the month before kept, as the daily job leaves it
        with write_transaction(ctx.db):               # this month computed again, as on its first look
            ctx.db.execute("DELETE FROM report_cache WHERE first_day = ?", [period.first_day.isoformat()])
        shown = []
        began = time.perf_counter()
        cache.report(ctx, period, on_partial=lambda _: shown.append(time.perf_counter() - began))
        on_screen = time.perf_counter() - began       # what the Reports screen waits for; now kept
        began = time.perf_counter()
        cache.report(ctx, period)                     # what the owner then waits for
        kept = time.perf_counter() - began
        parts = {}
        for name, part in PARTS.items():
            began = time.perf_counter()
            part(ctx, period)
            parts[name] = time.perf_counter() - began
        slowest = max(parts, key=parts.get)
        print(f"| {period.label()} | {3 - years_back} | {entries:,} | {min(partials):.2f} | "
              f"{wholes[0]:.2f} / {min(wholes):.2f} | {shown[0]:.2f} / {on_screen:.2f} | {kept:.2f} | "
              f"{slowest} {parts[slowest]:.2f} s |")
        print("  parts: " + ", ".join(f"{name} {seconds:.2f}" for name, seconds in parts.items()), file=sys.stderr)
    ctx.db.close()


def time_range(ctx, period, repeat: int) -> None:
    runs = []
    for _ in range(repeat):
        began = time.perf_counter()
        metrics.compute_report(ctx, period)
        runs.append(time.perf_counter() - began)
    print(f"{period.label()}: " + " / ".join(f"{seconds:.2f}" for seconds in runs) + " s")
    ctx.db.close()


if __name__ == "__main__":
    main()
