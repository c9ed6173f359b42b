"""What the real window said it saved is in the file after a crash, whatever happened between:
the window in a process of its own (tests/ui/real_window_driver.py) shows one of its file dialogs on
the database's folder, another process opens and closes the database (the command line), the
cashier sells, the window is killed with SIGKILL. And when something in the app's process does
drop SQLite's locks, the window stops saving, says so, and restarts itself."""

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from loyalty.ledger.enrolment import enrol_member
from loyalty.people.members import NewMember
from loyalty.programme.shop import open_shop

ROOT = Path(__file__).resolve().parents[2]
DRIVER = ROOT / "tests" / "ui" / "real_window_driver.py"
SALE_CENTS = 1_234_500

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL and POSIX locks: Linux and macOS")


@pytest.fixture
def shop(tmp_path):
    db = tmp_path / "tienda" / "loyalty.sqlite"
    ctx = open_shop(db)
    enrol_member(ctx, NewMember(name="Ana García"))
    ctx.db.close()
    return db


class Window:
    def __init__(self, db: Path, mode: str):
        self.folder = db.parent
        environment = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
                       "XDG_DATA_HOME": str(db.parent / "data"), "LOCALAPPDATA": str(db.parent / "data")}
        self.process = subprocess.Popen([sys.executable, str(DRIVER), str(db), str(self.folder), mode],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment)
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: [self.lines.put(line.strip()) for line in self.process.stdout],
                         daemon=True).start()
        self.said: list[str] = []

    def wait_for(self, start: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                break
            self.said.append(line)
            if line.startswith(start):
                return line
        self.process.kill()
        raise AssertionError(f"the window never said {start!r}; it said {self.said}; "
                             f"stderr: {self.process.stderr.read()[-3000:]}")

    def go(self) -> None:
        (self.folder / "go").write_text("")


def the_command_line_opens_and_closes(db: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "settings", "show"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def sales_in_the_file(db: Path) -> list[int]:
    code = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "print(*[r[0] for r in c.execute(\"SELECT amount_cents FROM entries WHERE kind = 'earn'\")])")
    return [int(cents) for cents in subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True,
                                                   text=True, check=True, timeout=60).stdout.split()]


def test_a_sale_after_the_save_dialog_and_another_process_survives_a_kill(shop):
    window = Window(shop, "dialog")
    window.wait_for("dialog-done")
    the_command_line_opens_and_closes(shop)
    window.go()
    assert window.wait_for("saved ").startswith(f"saved {SALE_CENTS}")
    window.process.send_signal(signal.SIGKILL)
    window.process.wait(30)
    assert sorted(sales_in_the_file(shop)) == [2_500, SALE_CENTS]


@pytest.mark.skipif(not Path("/proc/self/fdinfo").exists(), reason="the lost lock is seen in fdinfo (Linux)")
def test_when_the_locks_are_lost_anyway_the_window_stops_saving_says_so_and_restarts(shop):
    window = Window(shop, "mistake")
    window.wait_for("mistake-done")
    the_command_line_opens_and_closes(shop)
    window.go()
    assert window.wait_for("refused ").startswith(f"refused {SALE_CENTS}")
    told = window.wait_for("told ")
    assert "reinicia" in told and "alteró" in told   # the shop's language: Spanish, the default
    assert window.process.wait(30) == 75, "ended at once, closing nothing"
    deadline = time.monotonic() + 60
    while not (shop.parent / "restarted").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert (shop.parent / "restarted").read_text() == f"{shop} {shop.parent} mistake", "and started again"
    assert SALE_CENTS not in sales_in_the_file(shop)
