"""One store's report of a chain against the whole report (issue 23: `loyalty report --store CODE`,
the Reports screen's store picker; reports/scope.py).

    python bench/store_report.py --db /tmp/gen/mid.sqlite --month 2026-10

On a copy of the shop, every device's entries are made store M1's and every member's home store
M1 (a store that is the whole chain: the two reports must agree), then each report is computed
three times on a cold start of the process, without the report cache; prints the seconds of
each and whether the figures agree."""

import argparse
import json
import statistics
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from hub_upload import copy_of  # noqa: E402

from loyalty.common.period import month_period  # noqa: E402
from loyalty.programme.shop import open_shop  # noqa: E402
from loyalty.reports.metrics import compute_report  # noqa: E402
from loyalty.reports.scope import WHOLE, Scope  # noqa: E402
from loyalty.storage import write_transaction  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--month", required=True, metavar="YYYY-MM")
    args = parser.parse_args()
    copy = copy_of(args.db, Path(tempfile.mkdtemp(prefix="store-report-")) / "shop.sqlite")
    ctx = open_shop(copy, staff_id="bench")
    with write_transaction(ctx.db):
        ctx.db.execute("INSERT OR IGNORE INTO devices SELECT DISTINCT device_id, 'M1' FROM entries")
        ctx.db.execute("UPDATE members SET home_store = 'M1'")
    month = month_period(args.month)
    seconds: dict[str, list[float]] = {"whole": [], "store": []}
    reports = {}
    for _ in range(3):
        for name, scope in (("whole", WHOLE), ("store", Scope("M1"))):
            began = time.perf_counter()
            reports[name] = compute_report(ctx, month, scope=scope)
            seconds[name].append(round(time.perf_counter() - began, 2))
    same = ({k: v for k, v in asdict(reports["whole"]).items() if k != "store"}
            == {k: v for k, v in asdict(reports["store"]).items() if k != "store"})
    print(json.dumps({"entries": ctx.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0], "month": args.month,
                      "transactions": reports["whole"].metrics["transactions"], "seconds": seconds,
                      "median_whole": statistics.median(seconds["whole"]),
                      "median_store": statistics.median(seconds["store"]), "same_figures": same}, indent=1))
    copy.unlink()


if __name__ == "__main__":
    main()
