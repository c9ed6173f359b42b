"""How long the window stops answering while a cashier and an owner work on the big shop.

    QT_QPA_PLATFORM=offscreen python bench/ui_responsiveness.py --db bench/data/big.sqlite

A heartbeat timer ticks every 5 ms on the GUI thread; whatever blocks the thread shows
up as a gap between ticks. A script then does, through real key presses and widget
calls, what happens at a busy counter and in the back office: scan the heaviest card
(10,000 entries), sell, redeem, open the refund list, search by typing, open the Members
screen on a million rows, scroll page after page, sort by every sortable column, search
there, open the heaviest member's history. For each step it prints how long the step
held the GUI thread and the longest heartbeat gap while it ran (target: < 100 ms).
Sales are really posted (the file gains a few entries per run).

    QT_QPA_PLATFORM=offscreen python bench/ui_responsiveness.py --db COPY_OF_big.sqlite --with-daily-job

does the same while the app's daily job (ui/shell/daily_job.py) runs in the background from the
first step, as on a morning when the app is opened with the day's expiries due: the sales
then also wait for the job's write turns. The job really writes: use a copy of the big shop.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QTimer, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from loyalty.programme.shop import open_shop  # noqa: E402
from ui.shell.main_window import MainWindow  # noqa: E402
from ui.widgets.formatting import choose_locale  # noqa: E402

HEARTBEAT_MS = 5
TARGET_MS = 100


class Heartbeat:
    def __init__(self):
        self.last = time.perf_counter()
        self.worst_gap_ms = 0.0
        self.timer = QTimer(interval=HEARTBEAT_MS)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        now = time.perf_counter()
        self.worst_gap_ms = max(self.worst_gap_ms, (now - self.last) * 1000)
        self.last = now

    def reset(self) -> None:
        self.last = time.perf_counter()
        self.worst_gap_ms = 0.0


def wait(app: QApplication, ms: int) -> None:
    """Let the event loop run (timers, search answers) for about ms milliseconds."""
    end = time.perf_counter() + ms / 1000
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)


def steps(window: MainWindow, meta: dict):
    counter, members = window.counter, window.members
    heavy, light = meta["heavy_card"], meta["light_card"]

    def scan(card):
        QTest.keyClicks(QApplication.focusWidget(), card)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    def type_slowly(widget, text):  # a person: each key is its own step below
        for char in text:
            yield f"type '{char}'", lambda c=char: QTest.keyClick(widget, c)

    yield "scan a light card (10 entries)", lambda: (counter.focus_search(), scan(light))
    yield "scan the heaviest card (10,000 entries)", lambda: (counter.focus_search(), scan(heavy))
    yield "type an amount (live earning preview)", lambda: QTest.keyClicks(counter.sale.amount, "23,95")
    yield "Enter: post the sale", lambda: QTest.keyClick(counter.sale.amount, Qt.Key.Key_Return)
    yield "Ctrl+Z: undo it", lambda: QTest.keyClick(counter.sale.amount, Qt.Key.Key_Z,
                                                  Qt.KeyboardModifier.ControlModifier)
    yield "F4: redeem tab", lambda: QTest.keyClick(counter.sale.amount, Qt.Key.Key_F4)
    yield "F6: refund tab (recent sales)", lambda: QTest.keyClick(counter.redeem.points, Qt.Key.Key_F6)
    yield "F2: back to search", lambda: QTest.keyClick(counter.refund.sales, Qt.Key.Key_F2)
    yield from type_slowly(counter.search_box, "maria gar")
    yield "search answers arrive", lambda: None
    yield "F8: enrol dialog opens", lambda: counter.enrol()
    yield "enrol dialog closes", lambda: counter.enrol_dialog.reject()
    yield "Ctrl+2: Members screen, first page", lambda: window.show_screen(1)
    for page in range(10):
        yield f"scroll to the end (page {page + 2})", lambda: members.table.scrollToBottom()
    for column, name in ((4, "points"), (5, "joined"), (1, "card"), (0, "name")):
        yield f"sort by {name} (descending)", lambda c=column: members.table.sortByColumn(c, Qt.SortOrder.DescendingOrder)
    yield from type_slowly(members.search_box, "lopez")
    yield "search answers arrive", lambda: None
    yield "clear the search (back to all members)", lambda: (members.search_box.clear(), members._search_now())
    yield "open the heaviest member's details", lambda: _open_heaviest(window, heavy)
    yield "close the details", lambda: members.detail.reject()
    yield "Ctrl+3: Rewards & campaigns", lambda: window.show_screen(2)
    yield "Ctrl+5: Settings", lambda: window.show_screen(4)
    yield "Ctrl+1: back to the counter", lambda: window.show_screen(0)


def _open_heaviest(window: MainWindow, card: str) -> None:
    from loyalty.people.members import member_by_card
    from ui.members.member_detail import MemberDetailDialog

    members = window.members
    members.detail = MemberDetailDialog(window.ctx, member_by_card(window.ctx, card), members)
    members.detail.open()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="bench/data/big.sqlite")
    parser.add_argument("--pause-ms", type=int, default=160, help="event-loop time between steps")
    parser.add_argument("--with-daily-job", action="store_true", help="the daily job runs meanwhile")
    args = parser.parse_args()
    meta = json.loads(Path(f"{args.db}.json").read_text())

    app = QApplication([])
    choose_locale()
    started = time.perf_counter()
    ctx = open_shop(args.db)
    window = MainWindow(ctx, daily_job=args.with_daily_job)
    window.show()
    app.processEvents()
    startup_ms = (time.perf_counter() - started) * 1000
    if args.with_daily_job:
        window.daily_job.first_look.setInterval(0)
        window.daily_job.start()
    heartbeat = Heartbeat()
    wait(app, 300)

    results = []
    for name, action in steps(window, meta):
        heartbeat.reset()
        began = time.perf_counter()
        action()
        held_ms = (time.perf_counter() - began) * 1000
        wait(app, args.pause_ms)
        results.append((name, held_ms, heartbeat.worst_gap_ms))
    heartbeat.timer.stop()
    job_still_running = args.with_daily_job and window.daily_job.thread is not None
    window.close()  # as a person closes it: stops the scanner filter and the search threads
    window.deleteLater()
    app.processEvents()
    ctx.db.close()

    print(f"database: {args.db} ({meta['members']:,} members, {meta['entries']:,} entries)")
    print(f"start-up to a shown window: {startup_ms:.0f} ms\n")
    print("| step | GUI thread held (ms) | longest heartbeat gap (ms) |")
    print("|---|---:|---:|")
    for name, held, gap in results:
        flag = "" if gap < TARGET_MS else " ⚠"
        print(f"| {name} | {held:.1f} | {gap:.1f}{flag} |")
    worst = max(results, key=lambda row: row[2])
    print(f"\nlongest freeze: {worst[2]:.1f} ms ({worst[0]}); target < {TARGET_MS} ms")
    if args.with_daily_job:
        print("the daily job was " + ("still running at the last step" if job_still_running
                                       else "over before the last step: run on a copy where it has work to do"))


if __name__ == "__main__":
    main()
