"""A till back after a week offline (issue 22: 20,000 entries back in sync within 30 s; the
counter's own sale within its target while it syncs).

    python bench/hub_offline_week.py [--sales 20000] [--members 5000]

Starts a real PostgreSQL (fsync on) and a hub with two tills of one shop, both knowing the same
members. Till A stays online; till B is cut off for a week. Over that week each till posts
`sales` sales on the shared members, interleaved in time (a sale every ~30 s at each), A sending
as it goes. Then B comes back: one sync round (`loyalty sync`'s own) sends its week and takes in
A's — members who bought at both tills arrive out of order and are derived again
(ledger/replay.py). While that round runs on its own connection, as the app's sync thread does
(`--sync-process`: in a process of its own, to see what sharing the interpreter costs the counter),
the cashier keeps working at B — a card scanned, a sale, a name searched, ten times a second —
and each is timed. Then A takes in B's week. Prints the seconds of each catch-up, the members who
bought at both tills (derived again on arrival) and the percentiles of the lookups, sales and
searches during the catch-up (targets as bench/benchmark.py's)."""

import argparse
import json
import multiprocessing
import random
import resource
import shutil
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import postgres_server  # noqa: E402
import psycopg  # noqa: E402
from hub_upload import a_hub, joined  # noqa: E402

from loyalty.chain.rounds import sync_once  # noqa: E402
from loyalty.common.clock import FixedClock  # noqa: E402
from loyalty.ledger.enrolment import enrol_member  # noqa: E402
from loyalty.ledger.lookup import lookup_card  # noqa: E402
from loyalty.ledger.sales import post_sale  # noqa: E402
from loyalty.people.members import NewMember, search_members  # noqa: E402
from loyalty.programme.shop import open_shop  # noqa: E402
from loyalty.storage import write_transaction  # noqa: E402

TARGETS_MS = {"lookup": 5.0, "sale": 25.0, "search": 50.0}     # as bench/benchmark.py's


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(fraction * len(ordered) + 0.999999) - 1)] if ordered else 0.0


def catch_up_elsewhere(path: str, now: str, said) -> None:
    """B's catch-up round in a process of its own (`--sync-process`)."""
    syncing = open_shop(path, clock=FixedClock(datetime.fromisoformat(now)), staff_id="b")
    began = time.perf_counter()
    state = sync_once(syncing)
    said.put({"seconds": time.perf_counter() - began, "problem": state.problem})
    syncing.db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sales", type=int, default=20_000, help="sales each till posts in the week")
    parser.add_argument("--members", type=int, default=5_000)
    parser.add_argument("--sync-process", action="store_true", help="the catch-up in a process of its own")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hub-week-"))
    server = postgres_server.start(durable=True)
    rng = random.Random(22)
    try:
        database, _ = a_hub(server)
        start = datetime.now(timezone.utc) - timedelta(days=8)
        clock_a, clock_b = FixedClock(start), FixedClock(start)
        till_a = open_shop(work / "a.sqlite", clock=clock_a, staff_id="a")
        till_b = open_shop(work / "b.sqlite", clock=clock_b, staff_id="b")
        for till, name in ((till_a, "Till A"), (till_b, "Till B")):
            joined(till, database.dsn, name)
        with write_transaction(till_a.db):
            cards = [enrol_member(till_a, NewMember(name=f"Member {n}")).card for n in range(args.members)]
        sync_once(till_a)
        sync_once(till_b)
        step = timedelta(days=7) / args.sales
        made = time.perf_counter()
        for n in range(args.sales):
            clock_a.current = start + n * step
            clock_b.current = start + n * step + step / 2
            post_sale(till_a, rng.choice(cards), rng.randint(500, 50_000), f"A{n}")
            post_sale(till_b, rng.choice(cards), rng.randint(500, 50_000), f"B{n}")
            if n % 1_000 == 999:
                sync_once(till_a)                   # A is online all week
        sync_once(till_a)
        print(f"the week posted at both tills in {time.perf_counter() - made:.0f} s", file=sys.stderr)

        # B comes back: its sync round on its own connection (as the app's thread), sales meanwhile.
        now = start + timedelta(days=7, hours=1)
        clock_a.current = clock_b.current = now
        quiet_ms = []
        for n in range(30):                          # the same sales with no sync running, to compare
            began = time.perf_counter()
            post_sale(till_b, rng.choice(cards), rng.randint(500, 50_000), f"B-quiet-{n}")
            quiet_ms.append((time.perf_counter() - began) * 1000)
            time.sleep(0.1)
        outcome = {}

        def catch_up() -> None:
            syncing = open_shop(work / "b.sqlite", clock=clock_b, staff_id="b")
            began = time.perf_counter()
            outcome["state"] = sync_once(syncing)
            outcome["seconds"] = time.perf_counter() - began
            syncing.db.close()

        if args.sync_process:
            said = multiprocessing.get_context("spawn").Queue()
            thread = multiprocessing.get_context("spawn").Process(
                target=catch_up_elsewhere, args=(str(work / "b.sqlite"), now.isoformat(), said))
        else:
            thread = threading.Thread(target=catch_up)
        thread.start()
        timings, n = {"lookup": [], "sale": [], "search": []}, 0

        def timed(kind: str, operation) -> None:
            began = time.perf_counter()
            operation()
            timings[kind].append((time.perf_counter() - began) * 1000)

        while thread.is_alive():
            card = rng.choice(cards)
            timed("lookup", lambda: lookup_card(till_b, card))
            timed("sale", lambda: post_sale(till_b, card, rng.randint(500, 50_000), f"B-back-{n}"))
            timed("search", lambda: search_members(till_b, f"Member {rng.randrange(args.members)}"))
            n += 1
            time.sleep(0.1)                          # a busy counter: ten customers a second
        if args.sync_process:
            done = said.get()
            outcome.update(seconds=done["seconds"], problem=done["problem"])
        else:
            outcome["problem"] = outcome["state"].problem
        thread.join()
        both = till_b.db.execute("SELECT COUNT(*) FROM (SELECT member_id FROM entries WHERE kind = 'earn' "
                                  "GROUP BY member_id HAVING COUNT(DISTINCT device_id) = 2)").fetchone()[0]
        began = time.perf_counter()
        state_a = sync_once(till_a)
        seconds_a = time.perf_counter() - began
        sync_once(till_b)                            # the sales made during the catch-up
        sync_once(till_a)
        with psycopg.connect(database.dsn) as admin:
            on_hub = admin.execute("SELECT count(*), sum(points) FROM hub.entries").fetchone()
        at = {name: till.db.execute("SELECT COUNT(*), SUM(points) FROM entries").fetchone()
              for name, till in (("a", till_a), ("b", till_b))}
        print(json.dumps({
            "sales_per_till": args.sales, "members": args.members, "sync_in_a_process": args.sync_process,
            "b_catch_up_seconds": round(outcome["seconds"], 1), "b_problem": outcome["problem"],
            "a_catch_up_seconds": round(seconds_a, 1), "a_problem": state_a.problem,
            "sales_during_catch_up": len(timings["sale"]),
            **{f"{kind}_{name}_ms": round(value, 2) for kind, values in timings.items()
               for name, value in (("p50", percentile(values, 0.5)), ("p99", percentile(values, 0.99)),
                                   ("max", max(values, default=0)), ("target", TARGETS_MS[kind]))},
            "quiet_sale_p50_ms": round(percentile(quiet_ms, 0.5), 2), "quiet_sale_max_ms": round(max(quiet_ms), 2),
            "members_who_bought_at_both_tills": both,
            "entries_hub": on_hub[0], "entries_a": at["a"][0], "entries_b": at["b"][0],
            "agree": on_hub[0] == at["a"][0] == at["b"][0] and on_hub[1] == at["a"][1] == at["b"][1],
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}, indent=1))
    finally:
        postgres_server.stop(server)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
