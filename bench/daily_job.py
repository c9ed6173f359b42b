"""Time the daily job's parts on the big shop, and the longest a counter selling meanwhile
would wait for the write lock (the app runs the job in the background while the shop is
open: ui/shell/daily_job.py). A second connection asks for the write lock every 20 ms, as a sale
would, and records how long each ask waited.

    python bench/daily_job.py --db bench/data/big.sqlite [--day 2026-11-02] [--with-backup] [--back-to-back]

The job really runs: it posts the day's expiries, adds follow-ups, lists the twelve-month
windows and keeps the closed month's report. The daily backup (a full copy of the file:
minutes and the file's size on disk for the big shop) is left out unless --with-backup.
--back-to-back runs the job as it was before storage/turns.py, for comparison: transactions
of about 300 ms (500 lots), each begun again at once.
"""

import argparse
import sqlite3
import sys
import threading
import time
from datetime import date, datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loyalty.common.clock import FixedClock  # noqa: E402
from loyalty.ledger import daily  # noqa: E402
from loyalty.operations.backups import daily_backup  # noqa: E402
from loyalty.programme.shop import open_shop  # noqa: E402
from loyalty.reports import cache as report_cache  # noqa: E402
from loyalty.retention.followups import generate_followups  # noqa: E402
from loyalty.storage import turns  # noqa: E402


class CounterProbe(threading.Thread):
    """Takes and releases the write lock every 20 ms, as sales would; keeps each wait."""

    def __init__(self, path: str):
        super().__init__(daemon=True)
        self.path, self.waits, self.stopping = path, [], threading.Event()

    def run(self) -> None:
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=60)
        while not self.stopping.is_set():
            began = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            self.waits.append(time.perf_counter() - began)
            conn.execute("COMMIT")
            time.sleep(0.02)
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="bench/data/big.sqlite")
    parser.add_argument("--day", default="2026-11-02", help="the shop's date the job runs for")
    parser.add_argument("--with-backup", action="store_true")
    parser.add_argument("--back-to-back", action="store_true", help="no pauses between the transactions")
    args = parser.parse_args()
    if args.back_to_back:
        turns.BUDGET_MS, turns.PAUSE_MS = 300, 0
    day = date.fromisoformat(args.day)
    ctx = daily.as_daily_job(open_shop(args.db, FixedClock(datetime(day.year, day.month, day.day, 9,
                                                                     tzinfo=timezone.utc))))
    parts = {"expiry and tier review": daily.run_daily, "follow-ups": generate_followups,
             "twelve-month windows": report_cache.prepare_year_windows,
             "closed month's report": report_cache.prepare_closed_month}
    if args.with_backup:
        parts["daily backup"] = daily_backup
    print(f"daily job on {args.db} for {day}\n")
    print("| part | seconds | counter's longest wait for the write lock, ms | waits over 100 ms |")
    print("|---|---:|---:|---:|")
    for name, part in parts.items():
        probe = CounterProbe(args.db)
        probe.start()
        began = time.perf_counter()
        part(ctx)
        seconds = time.perf_counter() - began
        probe.stopping.set()
        probe.join()
        print(f"| {name} | {seconds:.1f} | {max(probe.waits) * 1000:.0f} | "
              f"{sum(wait > 0.1 for wait in probe.waits)} of {len(probe.waits)} |", flush=True)
    ctx.db.close()


if __name__ == "__main__":
    main()
