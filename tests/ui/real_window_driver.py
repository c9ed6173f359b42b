"""The real window in a process of its own, driven as a cashier would, for
tests/ui/test_real_window_keeps_sales.py (which kills it with SIGKILL).

    python tests/ui/real_window_driver.py DB FOLDER dialog    F9 → Save as PDF… shown the database's
                                                           folder, cancelled; then a sale
    python tests/ui/real_window_driver.py DB FOLDER mistake   the app's own process opens and closes
                                                           the database file: the guard's case

It says what it did on stdout ("dialog-done", "saved CENTS", "refused ..."), and waits for
FOLDER/go before the sale, so that the test can run another process in between. If the app
restarts itself (the database guard), the new process only notes FOLDER/restarted and ends.
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QLineEdit, QMessageBox  # noqa: E402

import ui.shell.app  # noqa: E402

SALE_CENTS = 1_234_500


def say(text: str) -> None:
    print(text, flush=True)


def main(db: Path, folder: Path, mode: str) -> int:
    started = folder / "started"
    if started.exists():            # the guard restarted the app: this is the new process
        (folder / "restarted").write_text(" ".join(sys.argv[1:]))
        return 0
    started.write_text("")
    app = QApplication(sys.argv[:1])
    ui.shell.app.prepare_application(app)
    ui.shell.app.sign_in_at_start = lambda ctx: ctx          # a shop without staff: whoever opens it is its owner
    window = ui.shell.app.open_window(db)
    window.daily_job.stop()                            # nothing of its own writing in between
    counter = window.counter
    card = window.ctx.db.execute("SELECT card FROM members LIMIT 1").fetchone()[0]

    def sell(cents: int) -> None:
        window.activateWindow()
        counter.sale.amount.setFocus()
        QTest.keyClicks(counter.sale.amount, card)            # the scanner's burst
        QTest.keyClick(counter.sale.amount, Qt.Key.Key_Return)
        QTest.keyClicks(counter.sale.amount, f"{cents // 100}")
        QTest.qWait(200)
        QTest.keyClick(counter.sale.amount, Qt.Key.Key_Return)   # posted (or refused) before this returns
        say(f"{'saved' if counter.banner.kind == 'success' else 'refused'} {cents} {counter.banner.text()!r}")

    def look_at_the_database_folder_in_the_save_dialog() -> None:
        preview = window.printing.preview
        QTimer.singleShot(100, browse_and_cancel)
        preview.save_button.click()                    # the file dialog's own event loop, until cancelled
        preview.reject()
        say("dialog-done")
        wait_for_go()

    def browse_and_cancel() -> None:
        dialog = app.activeModalWidget()
        assert isinstance(dialog, QFileDialog), dialog
        model = dialog.findChild(QFileSystemModel)
        loaded = []
        model.directoryLoaded.connect(lambda path: loaded.append(path))
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        QTest.keyClicks(dialog.findChild(QLineEdit, "fileNameEdit"), f"{folder}/")
        while str(folder) not in loaded:
            QTest.qWait(50)
        QTest.qWait(500)
        dialog.reject()

    def make_the_mistake() -> None:
        window.database_guard.timer.stop()             # the sale, not the idle check, meets the guard here
        os.close(os.open(db, os.O_RDONLY))              # what Qt's dialog did: drops SQLite's locks
        say("mistake-done")
        wait_for_go(before=answer_the_message)   # the message comes once the sale is refused

    def answer_the_message() -> None:
        """The guard's message, once it is up: read it, press OK (the app then restarts)."""
        message = app.activeModalWidget()
        if isinstance(message, QMessageBox):
            say(f"told {message.text()!r}")
            message.accept()
        else:
            QTimer.singleShot(100, answer_the_message)

    def wait_for_go(before=lambda: None) -> None:
        if (folder / "go").exists():
            before()
            sell(SALE_CENTS)
        else:
            QTimer.singleShot(50, lambda: wait_for_go(before))

    def first_sale_then_slip() -> None:
        sell(2_500)
        counter.print_slip()                           # F9: no printer set up, so the preview
        QTimer.singleShot(300, look_at_the_database_folder_in_the_save_dialog)

    QTimer.singleShot(500, first_sale_then_slip if mode == "dialog" else make_the_mistake)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]))
