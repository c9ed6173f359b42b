"""The app's window opened as the app opens it, on whatever screen Qt was given, for
tests/ui/test_ui_layout.py (which starts this with an offscreen screen of the size it wants):

    python tests/ui/screen_size_driver.py DB [LANGUAGE]

It makes a demo shop in DB, opens the window with ui/shell/app.py's `open_window` (the owner signed
in), shows each of its screens in turn, and prints one line of JSON: the window's geometry,
whether it is maximised, and per screen the widgets found outside the screen's available area.
"""

import json
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]   # tests/: the shared helpers (readable.py)
sys.path.insert(0, str(TESTS.parent))
sys.path.insert(0, str(TESTS))

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from readable import off_screen  # noqa: E402

import ui.shell.app  # noqa: E402
from loyalty.ledger.enrolment import enrol_member  # noqa: E402
from loyalty.operations.demo import load_demo_data  # noqa: E402
from loyalty.people.members import NewMember
from loyalty.people.staff import add_staff, sign_in  # noqa: E402
from loyalty.programme.rules import save_settings  # noqa: E402
from loyalty.programme.shop import open_shop  # noqa: E402
from loyalty.storage import write_transaction  # noqa: E402
from ui.widgets.screen_fit import available_area  # noqa: E402


def make_shop(db: Path, language: str) -> None:
    ctx = open_shop(db)
    with write_transaction(ctx.db):
        save_settings(ctx.db, {"shop_name": "Panadería y Pastelería La Espiga", "language": language})
    load_demo_data(ctx)
    enrol_member(ctx, NewMember(name="María de los Ángeles Fernández-Villaverde", phone="600 123 456"))
    add_staff(ctx, "Olga Martín", "owner", "4321")
    ctx.db.close()


def main(db: Path, language: str) -> int:
    make_shop(db, language)
    app = QApplication(sys.argv[:1])
    ui.shell.app.prepare_application(app)
    ui.shell.app.sign_in_at_start = lambda ctx: sign_in(ctx, "Olga Martín", "4321")
    window = ui.shell.app.open_window(db)
    window.daily_job.stop()
    window.backup_on_close = False
    QTest.qWait(200)
    area = available_area(window)
    screens = {}
    for index, (name, _, screen) in enumerate(window.screen_list):
        window.show_screen(index)
        if name == "reports":
            screen.compute()
            while screen.thread is not None:
                QTest.qWait(50)
        QTest.qWait(300)          # searches and counts answer from their threads
        screens[name] = off_screen(window, area)
    print(json.dumps({"window": list(window.geometry().getRect()), "frame": list(window.frameGeometry().getRect()),
                      "area": list(area.getRect()),
                      "maximised": bool(window.windowState() & Qt.WindowState.WindowMaximized),
                      "screens": screens}))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else "es"))
