"""The window's half of `--self-test` (the domain's is loyalty/operations/self_test.py): Qt starts
(offscreen when there is no display), the icon loads from resources/, the log file
writes, and the main window and the About dialog build against the self-test's
temporary database."""

import logging
import os
import sys
import time
from pathlib import Path

import PySide6
from PySide6.QtCore import QTranslator, qVersion
from PySide6.QtWidgets import QApplication

from loyalty.common.app_info import start_log_file, stop_log_file
from loyalty.operations.self_test import SelfTest
from loyalty.programme.context import Context
from loyalty.storage import database_path

from ..widgets.translations import compile_translations
from .about_dialog import RESOURCES, AboutDialog, app_icon

STARTED = time.perf_counter()   # main.py may pass an earlier moment: its own import


def has_display() -> bool:
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def qt_checks(report: SelfTest, ctx: Context, folder: Path, started: float | None = None) -> None:
    started = STARTED if started is None else started
    if not os.environ.get("QT_QPA_PLATFORM") and not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = report.check("Qt", _start_qt)
    if app is None:
        for name in ("icon", "translations", "log file", "main window", "About dialog"):
            report.skip(name, "Qt did not start")
        return
    report.check("icon", _icon)
    report.check("translations", _translations)
    log_path = report.check("log file", lambda: _log_file(folder))
    report.check("main window", lambda: _main_window(app, ctx, started))
    report.check("About dialog", lambda: _about(ctx, log_path or folder / "logs" / "self-test.log"))


def _start_qt() -> tuple[QApplication, str]:
    begun = time.perf_counter()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    return app, (f"PySide6 {PySide6.__version__}, Qt {qVersion()}, platform {app.platformName()}, "
                 f"started in {(time.perf_counter() - begun) * 1000:.0f} ms")


def _icon() -> tuple[None, str]:
    icon = app_icon()
    sizes = sorted(size.width() for size in icon.availableSizes())
    if icon.isNull() or 256 not in sizes:
        raise AssertionError(f"no icon in {RESOURCES} (sizes found: {sizes})")
    return None, f"{RESOURCES}, {len(sizes)} sizes up to {sizes[-1]} px"


def _translations() -> tuple[None, str]:
    """Every translation source must have its compiled .qm beside it (the build compiles them
    before PyInstaller copies resources/; a fresh source checkout compiles them here), and Qt
    must load it."""
    sources = sorted((RESOURCES / "i18n").glob("loyalty_*.ts"))
    if not sources:
        return None, "none in this build (the screens are in English)"
    if not getattr(sys, "frozen", False):   # the source tree compiles them on demand, as the app's start does
        compile_translations()
    loaded = []
    for source in sources:
        compiled = source.with_suffix(".qm")
        if not QTranslator().load(str(compiled)):
            raise AssertionError(f"{compiled.name} is missing or unreadable (compile the translations before building)")
        loaded.append(compiled.stem.removeprefix("loyalty_"))
    return None, f"{', '.join(loaded)} loaded from {RESOURCES / 'i18n'}"


def _log_file(folder: Path) -> tuple[Path, str]:
    path = start_log_file(folder / "logs" / "self-test.log")
    try:
        logging.getLogger("loyalty.operations.self_test").info("self-test log line")
    finally:
        stop_log_file(path)
    if "self-test log line" not in path.read_text(encoding="utf-8"):
        raise AssertionError(f"{path} does not hold the line just logged")
    return path, f"rotating log written at {path}"


def _main_window(app: QApplication, ctx: Context, started: float) -> tuple[None, str]:
    begun = time.perf_counter()
    from .main_window import MainWindow

    window = MainWindow(ctx)
    try:
        window.show()
        app.processEvents()
        now = time.perf_counter()
        build_ms, since_start_ms = (now - begun) * 1000, (now - started) * 1000
        if not window.isVisible() or window.screens.count() == 0:
            raise AssertionError("the main window did not show")
        title = window.windowTitle()
        screens = window.screens.count()
    finally:
        window.shutdown()
        window.close()
        window.deleteLater()
        app.processEvents()
    return None, (f"'{title}' with {screens} screens, imported, built and shown in {build_ms:.0f} ms "
                  f"({since_start_ms:.0f} ms after the program started, the checks above included)")


def _about(ctx: Context, log_path: Path) -> tuple[None, str]:
    dialog = AboutDialog(database_path(ctx.db), log_path)
    try:
        version = dialog.version_label.text()
        paths = f"{dialog.database_label.text()} {dialog.log_label.text()}"
        if str(log_path) not in paths or "self-test.sqlite" not in paths:
            raise AssertionError(f"About shows '{paths}'")
    finally:
        dialog.deleteLater()
    return None, f"{version}, with the database and log paths"
