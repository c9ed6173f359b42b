"""Several counters selling at once through one hub (issue 22: 10 counters × 10 sales a second,
every sale visible at every other counter within 2 s at p99).

    python bench/hub_counters.py [--counters 10] [--rate 10] [--seconds 60] [--every 0.5]

Starts a real PostgreSQL (fsync on) and a hub; each counter is a process of its own with its own
SQLite shop, joined to the hub, that posts `rate` sales a second on members it enrolled and runs
a sync round (`loyalty sync`'s own) every `every` seconds. A counter notes, for each entry of
another counter it takes in, how long after its sale that was (one machine, one clock). Prints
the visibility latency's percentiles and the sales that never arrived."""

import argparse
import json
import multiprocessing
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import postgres_server  # noqa: E402

from loyalty.chain import hub_admin  # noqa: E402


def counter(number: int, code: str, folder: str, rate: float, seconds: float, every: float, results,
            listen: bool = False) -> None:
    import threading
    from datetime import datetime, timezone

    from loyalty.chain.link import join
    from loyalty.chain.listen import HubListener
    from loyalty.chain.rounds import sync_once
    from loyalty.ledger.enrolment import enrol_member
    from loyalty.ledger.sales import post_sale
    from loyalty.people.members import NewMember
    from loyalty.programme.shop import open_shop

    ctx = open_shop(Path(folder) / f"till{number}.sqlite", staff_id=f"till{number}")
    join(ctx, code)
    members = [enrol_member(ctx, NewMember(name=f"Member {number}-{i}")).card for i in range(20)]
    seen, latencies, posted = 0, [], 0
    woken = threading.Event()
    if listen:                               # as the app: a round as soon as the hub says it took something
        HubListener(ctx, woken.set).start()
    started = time.monotonic()
    next_sale, next_sync = started, started
    while (now := time.monotonic()) < started + seconds:
        if now >= next_sale:
            post_sale(ctx, members[posted % len(members)], 1_000 + posted, f"B{number}-{posted}")
            posted += 1
            next_sale += 1 / rate
        if now >= next_sync or woken.is_set():
            woken.clear()
            sync_once(ctx)
            arrived = datetime.now(timezone.utc)
            for (created_at,) in ctx.db.execute("SELECT created_at FROM entries WHERE device_id != ? AND id > ?",
                                                [ctx.device_id, seen]):
                latencies.append((arrived - datetime.fromisoformat(created_at)).total_seconds())
            seen = ctx.db.execute("SELECT COALESCE(MAX(id), 0) FROM entries").fetchone()[0]
            next_sync = max(next_sync + every, time.monotonic()) if now >= next_sync else next_sync
        woken.wait(max(0.0, min(next_sale, next_sync) - time.monotonic()))
    for _ in range(3):                       # the last sales of the others arrive
        sync_once(ctx)
        time.sleep(every)
    others = ctx.db.execute("SELECT COUNT(*) FROM entries WHERE device_id != ? AND kind = 'earn'",
                            [ctx.device_id]).fetchone()[0]
    results.put({"number": number, "posted": posted, "others_taken_in": others, "latencies": latencies})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counters", type=int, default=10)
    parser.add_argument("--rate", type=float, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--every", type=float, default=0.5)
    parser.add_argument("--listen", action="store_true", help="each counter also runs a round as soon as the hub "
                        "NOTIFYs (chain/listen.py), as the app does")
    args = parser.parse_args()
    server = postgres_server.start(durable=True)
    folder = tempfile.mkdtemp(prefix="hub-counters-")
    try:
        database = postgres_server.create_database(server)
        hub_admin.init_hub(database.dsn)
        hub_admin.add_store(database.dsn, "M1", "Main")
        codes = [hub_admin.add_counter(database.dsn, "M1", f"Till {n}").text() for n in range(args.counters)]
        results = multiprocessing.Queue()
        processes = [multiprocessing.Process(target=counter, args=(n, codes[n], folder, args.rate, args.seconds,
                                                                  args.every, results, args.listen))
                     for n in range(args.counters)]
        for process in processes:
            process.start()
        done = [results.get() for _ in processes]
        for process in processes:
            process.join()
        latencies = sorted(value for result in done for value in result["latencies"])
        posted = sum(result["posted"] for result in done)
        expected = sum(posted - result["posted"] for result in done)
        taken = sum(result["others_taken_in"] for result in done)
        quantiles = statistics.quantiles(latencies, n=100) if len(latencies) >= 2 else [0] * 99
        print(json.dumps({"counters": args.counters, "rate_per_counter": args.rate, "seconds": args.seconds,
                          "sync_every_s": args.every, "sales_posted": posted,
                          "sales_of_others_expected": expected, "sales_of_others_taken_in": taken,
                          "latency_p50_s": round(quantiles[49], 3), "latency_p99_s": round(quantiles[98], 3),
                          "latency_max_s": round(latencies[-1], 3) if latencies else None}, indent=1))
    finally:
        postgres_server.stop(server)


if __name__ == "__main__":
    main()
