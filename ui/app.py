"""GUI entry point: open the shop's database, show the main window."""

import argparse
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from loyalty.errors import LoyaltyError
from loyalty.paths import default_database_path
from loyalty.recovery import integrity_problems, replace_damaged
from loyalty.shop import open_shop
from loyalty.staff import has_staff

from .formatting import choose_locale
from .main_window import MainWindow
from .recovery import IntegrityCheck, ask_to_restore
from .sign_in import CreateOwnerDialog, SignInDialog


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="loyalty-app")
    parser.add_argument("--db", help="database file (default: the user data folder)")
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    app = QApplication.instance() or QApplication(sys.argv[:1])
    choose_locale()
    path = Path(args.db or default_database_path())
    state = {"window": open_window(path)}
    if state["window"] is None:
        return 1

    def damaged(problems: list[str]) -> None:
        """Found by the background check: close the damaged file, put the backup in, reopen."""
        window = state["window"]
        backup = ask_to_restore(window, path, "; ".join(problems))
        if backup is None:
            return
        window.backup_on_close = False
        window.close()
        window.ctx.db.close()
        replace_damaged(path, backup.path)
        state["window"] = open_window(path)

    check = IntegrityCheck(path, app)
    check.damaged.connect(damaged)
    check.start()
    code = app.exec()
    check.stop()
    return code


def open_window(path: Path) -> MainWindow | None:
    """Open the shop and show its window; a damaged file gets the newest good backup offered."""
    try:
        ctx = open_shop(path)
    except LoyaltyError as error:
        problems = integrity_problems(path) if path.exists() else []
        backup = ask_to_restore(None, path, error.message) if problems else None
        if backup is None:
            if not problems:
                QMessageBox.critical(None, "Loyalty", error.message)
            return None
        replace_damaged(path, backup.path)
        return open_window(path)
    signed_in = sign_in_at_start(ctx)
    if signed_in is None:
        return None
    ctx.become(signed_in)
    window = MainWindow(ctx, backup_on_close=True)
    window.show()
    return window


def sign_in_at_start(ctx) -> object | None:
    """The first start creates the owner's account; every start asks who is at the counter."""
    if not has_staff(ctx):
        dialog = CreateOwnerDialog(ctx)
    else:
        dialog = SignInDialog(ctx)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.result_ctx
