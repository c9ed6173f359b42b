"""A new counter joining a chain takes in the chain's members and entries (issue 22: the big shop
downloaded by a new counter within 15 minutes, resumable).

    python bench/hub_download.py --db bench/data/small.sqlite

Starts a real PostgreSQL (fsync on) and a hub, sends a copy of the shop to it as the chain's first
counter (as bench/hub_upload.py), then a new, empty counter joins and runs `loyalty sync`'s rounds
until it has everything, timing the members and the entries apart; prints entries per second and
the new counter's peak memory."""

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import postgres_server  # noqa: E402
import psycopg  # noqa: E402
from hub_upload import copy_of  # noqa: E402

from loyalty.chain import hub_admin  # noqa: E402
from loyalty.chain.link import conninfo, hub_link, join  # noqa: E402
from loyalty.chain.pull import pull_changes, pull_entries, pull_members  # noqa: E402
from loyalty.chain.upload import upload, upload_members  # noqa: E402
from loyalty.programme.shop import open_shop  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(ROOT / "bench" / "data" / "small.sqlite"))
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hub-download-"))
    copy = copy_of(args.db, work / "shop.sqlite")
    server = postgres_server.start(durable=True)
    try:
        database = postgres_server.create_database(server)
        hub_admin.init_hub(database.dsn)
        hub_admin.add_store(database.dsn, "M1", "Main")
        first = open_shop(copy, staff_id="bench")
        join(first, hub_admin.add_counter(database.dsn, "M1", "Till 1", device_id=first.device_id).text())
        began = time.perf_counter()
        with psycopg.connect(conninfo(first, hub_link(first)), autocommit=True) as conn:
            upload_members(first, hub_link(first), conn)
            upload(first, hub_link(first), conn)
        sent_in = time.perf_counter() - began
        entries = first.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
        members = first.db.execute("SELECT COUNT(*) FROM members").fetchone()[0]
        first.db.close()

        new = open_shop(work / "new.sqlite", staff_id="bench")
        join(new, hub_admin.add_counter(database.dsn, "M1", "Till 2", device_id=new.device_id).text())
        with psycopg.connect(conninfo(new, hub_link(new)), autocommit=True) as conn:
            pull_changes(new, "programme_changes", conn)
            began = time.perf_counter()
            pull_members(new, hub_link(new), conn)
            members_in = time.perf_counter() - began
            began = time.perf_counter()
            pull_entries(new, hub_link(new), conn)
            entries_in = time.perf_counter() - began
        have = new.db.execute("SELECT COUNT(*), COALESCE(SUM(points), 0) FROM entries").fetchone()
        print(json.dumps({
            "members": members, "entries": entries, "first_counter_upload_seconds": round(sent_in, 1),
            "members_taken_in_seconds": round(members_in, 1), "entries_taken_in_seconds": round(entries_in, 1),
            "entries_per_second": round(have[0] / entries_in) if entries_in else None,
            "entries_at_new_counter": have[0], "complete": have[0] == entries,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}, indent=1))
        new.db.close()
    finally:
        postgres_server.stop(server)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
