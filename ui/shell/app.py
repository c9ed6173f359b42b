"""GUI entry point: open the shop's database, show the main window.

Before anything else: the log file (in the app's data folder) and the crash handler, so that
a bug even while opening is logged and explained to the person at the counter."""

import argparse
import logging
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from loyalty.chain.bulk_download import awaits_first_download
from loyalty.chain.link import hub_link
from loyalty.common.app_info import app_version, default_log_path, describe_installation, start_log_file
from loyalty.common.errors import LoyaltyError
from loyalty.common.paths import default_database_path
from loyalty.operations.recovery import integrity_problems, replace_damaged
from loyalty.people.staff import has_staff
from loyalty.programme.shop import open_shop

from ..settings.first_run import FirstRunWizard
from ..widgets.formatting import choose_locale
from ..widgets.sign_in import SignInDialog
from ..widgets.translations import install_translator
from .about_dialog import ICON_NAME, app_icon
from .crash_dialog import CrashHandler
from .database_guard import DatabaseGuard
from .first_download import take_in_the_chain
from .main_thread_gc import MainThreadGarbageCollector
from .main_window import MainWindow
from .recovery import IntegrityCheck, ask_to_restore


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="loyalty-app")
    parser.add_argument("--db", help="database file (default: the user data folder)")
    args = parser.parse_args(argv if argv is not None else sys.argv[1:])
    log_path = default_log_path()
    try:
        start_log_file(log_path)
    except OSError as error:   # a read-only profile must not stop the counter
        print(f"log file {log_path}: {error}", file=sys.stderr)
    log = logging.getLogger("loyalty.app")
    log.info("Starting: %s", describe_installation())
    qInstallMessageHandler(_qt_message_to_log)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    prepare_application(app)
    crashes = CrashHandler(log_path, app).install()
    choose_locale()
    path = Path(args.db or default_database_path())
    log.info("Database: %s", path)
    try:
        state = {"window": open_window(path)}
    except Exception:   # noqa: BLE001 - a bug while opening: logged and explained, then a clean exit
        crashes(*sys.exc_info())
        return 1
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
    log.info("Closed (exit status %s)", code)
    return code


def prepare_application(app: QApplication) -> None:
    """Name, version and icon for every window, the taskbar and (on Wayland) the .desktop entry;
    no native file dialogs, even those Qt makes itself (ui/widgets/file_dialogs.py says why);
    reference cycles collected on this thread only (main_thread_gc.py says why)."""
    MainThreadGarbageCollector(app)
    app.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs)
    app.setApplicationName("Loyalty counter")
    app.setApplicationVersion(app_version())
    app.setDesktopFileName(ICON_NAME)
    app.setWindowIcon(app_icon())


_QT_LEVELS = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}


def _qt_message_to_log(kind, context, message: str) -> None:
    """Qt's own warnings (a missing plugin, a font) go to the log as well as to the terminal."""
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), message)
    print(message, file=sys.stderr)


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
    language = ctx.programme().language
    install_translator(QApplication.instance(), language)
    signed_in = sign_in_at_start(ctx)
    if signed_in is None:
        return None
    if ctx.programme().language != language:   # chosen in the first start's setup
        install_translator(QApplication.instance(), ctx.programme().language)
    ctx.become(signed_in)
    if hub_link(ctx) is not None:   # only a chain's till may keep its hub: a shop on its own loads nothing more
        from loyalty.chain.hosting import start_kept_hub
        try:
            start_kept_hub(ctx)       # this PC keeps the shop's hub: running again if it was down
        except LoyaltyError as error:   # the other tills wait for it; this till sells all the same
            logging.getLogger("loyalty.app").warning("This PC's hub did not start: %s", error.message)
    window = MainWindow(ctx, backup_on_close=True, daily_job=True, sync=True)
    window.database_guard = DatabaseGuard(ctx.db, window)
    window.show_on_screen()
    window.daily_job.start()
    window.sync.start()
    return window


def sign_in_at_start(ctx) -> object | None:
    """The first start sets the shop up (the wizard ends with the owner's account, signed in) or
    joins a chain (then the chain's staff sign in); every start after asks who is at the counter."""
    if not has_staff(ctx):
        dialog = FirstRunWizard(ctx)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        if not dialog.joined:
            return dialog.result_ctx
    if awaits_first_download(ctx):  # just joined, or a first download stopped: before the window opens
        take_in_the_chain(ctx)
    if not has_staff(ctx):          # joined a chain whose accounts have not come yet: its owner, as on the CLI
        return ctx
    dialog = SignInDialog(ctx)      # a chain's till just joined signs in with the chain's accounts
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.result_ctx
