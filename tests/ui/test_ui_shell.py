"""The app's shell: the crash handler (traceback to the log, plain words to the person),
the About dialog (F1) and the icon."""

import logging
import sys
import threading
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QApplication

from loyalty.common import app_info
from loyalty.common.app_info import app_version, current_log_path, start_log_file, stop_log_file
from loyalty.storage import database_path
from ui.shell.about_dialog import AboutDialog, app_icon
from ui.shell.crash_dialog import CrashDialog, CrashHandler

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def log_path(tmp_path):
    path = start_log_file(tmp_path / "logs" / "loyalty.log")
    yield path
    stop_log_file(path)


@pytest.fixture
def crashes(log_path, monkeypatch):
    """The handler, showing its dialog without waiting (no event loop runs in a test)."""
    monkeypatch.setattr(CrashHandler, "present", lambda self, dialog: dialog.show())
    handler = CrashHandler(log_path)
    yield handler
    handler.uninstall()
    if handler.dialog is not None:
        handler.dialog.close()


def failing_function():
    return {}["the key nobody set"]


def test_a_crash_is_logged_with_its_traceback_and_explained_without_it(qtbot, crashes, log_path):
    try:
        failing_function()
    except KeyError:
        crashes(*sys.exc_info())
    dialog = crashes.dialog
    assert isinstance(dialog, CrashDialog) and dialog.isVisible()
    logged = log_path.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged
    assert "in failing_function" in logged and "KeyError: 'the key nobody set'" in logged
    text = dialog.text()
    assert str(log_path) in text
    assert "data is safe" in text and "open it again" in text
    assert "Traceback" not in text and "KeyError" not in text and "failing_function" not in text


def test_an_exception_in_a_slot_reaches_the_installed_hook(qtbot, crashes, log_path):
    crashes.install()
    assert sys.excepthook is crashes
    QTimer.singleShot(0, failing_function)
    qtbot.waitUntil(lambda: crashes.dialog is not None and crashes.dialog.isVisible())
    assert "in failing_function" in log_path.read_text(encoding="utf-8")
    crashes.uninstall()
    assert sys.excepthook is not crashes


def test_a_crash_on_a_worker_thread_shows_the_dialog_on_the_gui_thread(qtbot, crashes, log_path):
    crashes.install()
    worker = threading.Thread(target=failing_function)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: crashes.dialog is not None and crashes.dialog.isVisible())
    assert crashes.dialog.thread() is QApplication.instance().thread()
    assert "in failing_function" in log_path.read_text(encoding="utf-8")


def test_one_dialog_however_often_the_error_repeats(qtbot, crashes):
    for _ in range(3):
        try:
            failing_function()
        except KeyError:
            crashes(*sys.exc_info())
    first = crashes.dialog
    assert first.isVisible()
    assert len([widget for widget in QApplication.topLevelWidgets()
                if isinstance(widget, CrashDialog) and widget.isVisible()]) == 1


def test_f1_opens_about_with_version_database_and_log_paths(qtbot, window, log_path):
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.about_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.version_label.text() == f"Version {metadata.version('loyalty-counter')}"
    assert dialog.database_label.text() == database_path(window.ctx.db)
    assert dialog.log_label.text() == str(log_path) == str(current_log_path())
    dialog.close()
    qtbot.mouseClick(window.about_button, Qt.MouseButton.LeftButton)
    assert window.about_dialog.isVisible() and window.about_dialog is not dialog
    window.about_dialog.copy_button.click()
    assert QApplication.clipboard().text() == f"{database_path(window.ctx.db)}\n{log_path}"
    window.about_dialog.close()


def test_version_falls_back_to_pyproject_when_not_installed(monkeypatch):
    def not_installed(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(app_info.metadata, "version", not_installed)
    expected = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert app_version() == expected


def test_the_log_file_is_in_the_data_folder_and_rotates(tmp_path):
    assert app_info.default_log_path().is_relative_to(app_info.data_folder())
    path = start_log_file(tmp_path / "rotating" / "loyalty.log")
    try:
        assert start_log_file(path) == path   # twice: still one handler
        handlers = [handler for handler in logging.getLogger().handlers if getattr(handler, "baseFilename", "") == str(path)]
        assert len(handlers) == 1 and handlers[0].maxBytes == app_info.LOG_MAX_BYTES
        logging.getLogger("loyalty.test").warning("x" * 1000)
        handlers[0].maxBytes = 2000   # rotate now rather than after a megabyte
        for _ in range(5):
            logging.getLogger("loyalty.test").warning("x" * 1000)
        assert (path.parent / "loyalty.log.1").exists()
    finally:
        stop_log_file(path)


def test_the_icon_has_every_size_and_becomes_the_window_icon(qapp):
    from ui.shell.app import prepare_application

    icon = app_icon()
    assert {size.width() for size in icon.availableSizes()} >= {16, 32, 48, 256}
    prepare_application(qapp)
    assert not QApplication.windowIcon().isNull()
    assert qapp.applicationVersion() == app_version()


def test_about_without_a_log_file_names_the_default_one(qtbot, tmp_path):
    dialog = AboutDialog(tmp_path / "shop.sqlite")
    qtbot.addWidget(dialog)
    assert Path(dialog.log_label.text()) == app_info.default_log_path()


def test_a_bug_in_a_background_call_is_logged_and_said_in_plain_words(qtbot, ctx, log_path):
    """A screen's worker that fails with a bug: the traceback goes to the log file, the screen
    gets a sentence (never the exception's own text)."""
    from PySide6.QtCore import QObject

    from ui.widgets.background import call_in_background

    class Screen(QObject):
        said = None

        def failed(self, sentence):
            self.said = sentence

    def broken(_ctx):
        return 1 / 0

    screen = Screen()
    thread = call_in_background(screen, ctx, broken, lambda result: None, screen.failed, lambda: None)
    qtbot.waitUntil(lambda: screen.said is not None, timeout=10_000)
    thread.wait(5_000)
    assert "log file" in screen.said and "division" not in screen.said
    logged = log_path.read_text(encoding="utf-8")
    assert "ZeroDivisionError" in logged and "broken" in logged


def test_cancelling_work_done_in_turns_stops_it_between_two_turns(qtbot, ctx):
    """The daily job writes in short turns and spends most of its time between statements,
    where SQLite's interrupt has nothing to stop: closing the window must still end it soon."""
    import time

    from PySide6.QtCore import QObject

    from loyalty.storage.turns import write_in_turns
    from ui.widgets.background import call_in_background, stop_thread

    ctx.db.execute("CREATE TABLE work (piece INTEGER)")
    ended = []

    def long_job(worker_ctx):                       # about 20 s of turns if nothing stops it
        pieces = iter(range(400))

        def one_piece() -> bool:
            piece = next(pieces, None)
            worker_ctx.db.execute("INSERT INTO work VALUES (?)", [piece])
            time.sleep(0.05)
            return piece is not None

        write_in_turns(worker_ctx.db, one_piece)

    owner = QObject()
    thread = call_in_background(owner, ctx, long_job, ended.append, ended.append, lambda: None)
    qtbot.waitUntil(lambda: ctx.db.execute("SELECT COUNT(*) FROM work").fetchone()[0] > 0, timeout=10_000)
    began = time.monotonic()
    stop_thread(thread, wait_ms=20_000)
    assert thread.isFinished() and time.monotonic() - began < 2
    assert ctx.db.execute("SELECT COUNT(*) FROM work").fetchone()[0] < 100
