"""A new counter joining a chain takes in the chain's members and entries (issue 22: the big shop
downloaded by a new counter within 15 minutes, resumable).

    python bench/hub_download.py --db bench/data/small.sqlite

Starts a real PostgreSQL (fsync on) and a hub, sends a copy of the shop to it as the chain's first
counter (as bench/hub_upload.py), then a new, empty counter joins and runs `loyalty sync`'s rounds
until it has everything, timing the members and the entries apart (first download member by member,
chain/first_download.py; `--one-by-one`: as the later rounds take entries in; `--alone`: into a file
of its own, chain/bulk_download.py, as `loyalty sync` on a till that has just joined); prints entries per
second, the new counter's peak memory, `verify` on it, and with `--sales` a cashier's sale latencies
at the new till meanwhile."""

import argparse
import json
import random
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import postgres_server  # noqa: E402
import psycopg  # noqa: E402
from hub_upload import a_hub, copy_of, joined  # noqa: E402

from loyalty.chain.bulk_download import download_alone  # noqa: E402
from loyalty.chain.first_download import download_first  # noqa: E402
from loyalty.chain.link import conninfo, hub_link  # noqa: E402
from loyalty.chain.pull import pull_changes, pull_entries, pull_members  # noqa: E402
from loyalty.chain.upload import upload, upload_members  # noqa: E402
from loyalty.common.messages import regrouped  # noqa: E402
from loyalty.ledger.sales import post_sale  # noqa: E402
from loyalty.operations.verify import verify  # noqa: E402
from loyalty.programme.shop import open_shop  # noqa: E402


def resident_mb() -> float:
    """The process's resident memory now (Linux), to see which stage its peak comes from."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmRSS:")), 0)


class StagePeaks(threading.Thread):
    """The process's resident memory looked at every 20 ms: the highest in each stage the download
    says it is in (a stage's peak may come and go between two of its sayings)."""

    def __init__(self):
        super().__init__(daemon=True)
        self.stage, self.peaks, self.stopping = "start", {}, threading.Event()

    def run(self) -> None:
        while not self.stopping.wait(0.02):
            self.peaks[self.stage] = max(self.peaks.get(self.stage, 0), round(resident_mb()))

    def say(self, began: float):
        def said(text) -> None:
            self.stage = text.template
            print(f"{time.perf_counter() - began:7.1f} s {resident_mb():4.0f} MB", regrouped(text, "{:,}".format),
                  file=sys.stderr, flush=True)
        return said

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *_):
        self.stopping.set()
        self.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(ROOT / "bench" / "data" / "small.sqlite"))
    parser.add_argument("--sales", action="store_true", help="the new till's cashier sells ten times a second "
                        "meanwhile (latencies reported)")
    parser.add_argument("--in-place", action="store_true", help="send the shop itself, not a copy (the big shop's "
                        "17 GB: it is then joined to the benchmark's hub; `DELETE FROM hub_link` undoes that)")
    parser.add_argument("--alone", action="store_true", help="the new counter's file open nowhere else (loyalty "
                        "sync on a till that has just joined): its first download builds a file of its own")
    parser.add_argument("--one-by-one", action="store_true", help="take the entries in one by one (pull.py), "
                        "as a counter does after its first download")
    args = parser.parse_args()
    if args.alone and args.sales:
        parser.error("--alone: nothing else may have the new counter's file open, a cashier neither")
    work = Path(tempfile.mkdtemp(prefix="hub-download-"))
    copy = Path(args.db) if args.in_place else copy_of(args.db, work / "shop.sqlite")
    server = postgres_server.start(durable=True)
    try:
        database, _ = a_hub(server)
        first = joined(open_shop(copy, staff_id="bench"), database.dsn, "Till 1")
        began = time.perf_counter()
        def connected():
            return psycopg.connect(conninfo(first, hub_link(first)), autocommit=True)
        with connected() as conn:
            upload_members(first, hub_link(first), conn)
            members_sent_in = time.perf_counter() - began
            upload(first, hub_link(first), conn, another=connected)
        sent_in = time.perf_counter() - began
        rss_after_upload = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        entries = first.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
        members = first.db.execute("SELECT COUNT(*) FROM members").fetchone()[0]
        first.db.close()

        new = joined(open_shop(work / "new.sqlite", staff_id="bench"), database.dsn, "Till 2")
        with psycopg.connect(conninfo(new, hub_link(new)), autocommit=True) as conn:
            pull_changes(new, "programme_changes", conn)
            outcome = {}

            def take_members_in(shop) -> None:
                began = time.perf_counter()
                pull_members(shop, hub_link(shop), conn, alone=(lambda text: None) if args.alone else None)
                outcome["members_seconds"] = time.perf_counter() - began

            if not args.alone:      # the cashier below sells to them while the entries come in
                take_members_in(new)

            def take_in() -> None:      # on its own connection, as the app's sync thread
                syncing = open_shop(work / "new.sqlite", staff_id="bench")
                if args.alone:      # on the same thread as the entries, as `loyalty sync` and the app's first start
                    take_members_in(syncing)
                began = time.perf_counter()
                if args.alone:
                    with StagePeaks() as peaks:
                        download_alone(syncing, conn, peaks.say(began))
                    print("peak resident memory by stage, MB:", json.dumps(peaks.peaks), file=sys.stderr)
                elif args.one_by_one:
                    pull_entries(syncing, hub_link(syncing), conn)
                else:
                    while not download_first(syncing, conn)["done"]:     # a round's share at a time
                        pass
                outcome["seconds"] = time.perf_counter() - began
                syncing.db.close()

            if args.alone:      # nothing else may have the file open while it is built: reopened afterwards
                new.db.close()
            thread = threading.Thread(target=take_in)
            thread.start()
            sale_ms, rng = [], random.Random(7)
            cards = [card for (card,) in new.db.execute("SELECT card FROM members")] if args.sales else []
            while args.sales and thread.is_alive():      # the new till's cashier: ten sales a second
                started = time.perf_counter()
                post_sale(new, rng.choice(cards), rng.randint(500, 50_000), f"NEW-{len(sale_ms)}")
                sale_ms.append((time.perf_counter() - started) * 1000)
                time.sleep(0.1)
            thread.join()
            # The largest process this one started and waited for: the seals' (chain/side_seals.py).
            child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            if args.alone:
                new = open_shop(work / "new.sqlite", staff_id="bench")
            entries_in = outcome["seconds"]
        have = new.db.execute("SELECT COUNT(*), COALESCE(SUM(points), 0) FROM entries WHERE device_id != ?",
                              [new.device_id]).fetchone()
        problems = verify(new)
        print(json.dumps({
            "members": members, "entries": entries, "first_counter_upload_seconds": round(sent_in, 1),
            "of_which_members_seconds": round(members_sent_in, 1),
            "members_taken_in_seconds": round(outcome["members_seconds"], 1), "entries_taken_in_seconds": round(entries_in, 1),
            "entries_per_second": round(have[0] / entries_in) if entries_in else None,
            "entries_at_new_counter": have[0], "complete": have[0] == entries, "verify_problems": problems[:3],
            "sales_during_download": len(sale_ms),
            "sale_p50_ms": round(statistics.median(sale_ms), 1) if sale_ms else None,
            "sale_p99_ms": round(sorted(sale_ms)[int(len(sale_ms) * 0.99)], 1) if sale_ms else None,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "peak_rss_by_the_upload_mb": round(rss_after_upload), "peak_rss_of_a_child_process_mb": round(child_rss)},
            indent=1))
        new.db.close()
    finally:
        postgres_server.stop(server)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
