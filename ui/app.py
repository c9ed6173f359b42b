"""GUI entry point: open the shop's database, show the main window."""

import argparse
import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from loyalty.errors import LoyaltyError
from loyalty.paths import default_database_path
from loyalty.shop import open_shop

from .formatting import choose_locale
from .main_window import MainWindow


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="loyalty-app")
    parser.add_argument("--db", help="database file (default: the user data folder)")
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    app = QApplication.instance() or QApplication(sys.argv[:1])
    choose_locale()
    try:
        ctx = open_shop(args.db or default_database_path())
    except LoyaltyError as error:
        QMessageBox.critical(None, "Loyalty", error.message)
        return 1
    window = MainWindow(ctx, backup_on_close=True)
    window.show()
    return app.exec()
