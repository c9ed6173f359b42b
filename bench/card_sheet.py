"""Time a sheet PDF of 1,000 member cards (target: ≤ 20 s), and show the GUI stays
responsive meanwhile (the app draws sheets on a worker thread; here the same drawing
runs on a thread while a 5 ms heartbeat on the main thread records its longest gap).

    python bench/card_sheet.py [--cards 1000] [--paper A4]
"""

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loyalty.ledger.enrolment import enrol_member  # noqa: E402
from loyalty.people.members import NewMember
from loyalty.printing.jobs import print_card_sheet  # noqa: E402
from loyalty.programme.context import Context  # noqa: E402
from loyalty.programme.shop import open_shop  # noqa: E402
from loyalty.storage import open_database  # noqa: E402

NAMES = ("María José Fernández-Castañeda", "Iñigo Núñez", "Ana", "Ángel Muñoz Ibáñez de la Peña y Sotomayor")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--paper", default="A4")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    ctx = open_shop(folder / "cards.sqlite")
    members = [enrol_member(ctx, NewMember(name=f"{NAMES[n % len(NAMES)]} {n}")) for n in range(args.cards)]
    ids = [member.id for member in members]

    timings = {}

    def draw():   # as ui/printing/service.py's worker does: its own connection, on its own thread
        worker_ctx = Context(open_database(folder / "cards.sqlite"))
        started = time.perf_counter()
        from loyalty.people.members import member_by_id
        print_card_sheet(worker_ctx, [member_by_id(worker_ctx, i) for i in ids], folder / "sheet.pdf", args.paper)
        timings["seconds"] = time.perf_counter() - started
        worker_ctx.db.close()

    thread = threading.Thread(target=draw)
    thread.start()
    worst_gap, last = 0.0, time.perf_counter()
    while thread.is_alive():
        time.sleep(0.005)
        now = time.perf_counter()
        worst_gap, last = max(worst_gap, now - last), now
    thread.join()
    size = (folder / "sheet.pdf").stat().st_size
    print(f"{args.cards} cards, {-(-args.cards // 10)} {args.paper} pages: {timings['seconds']:.1f} s "
          f"(target ≤ 20 s), {size / 1e6:.1f} MB; main-thread heartbeat's longest gap {worst_gap * 1000:.0f} ms")


if __name__ == "__main__":
    main()
