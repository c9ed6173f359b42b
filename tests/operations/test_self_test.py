"""`main.py --self-test`: every check passes on a whole installation, in a temporary folder
that is not the user's; a check that fails (Qt's libraries missing) makes the exit status 1."""

import io
import os
import subprocess
import sys
from pathlib import Path

from loyalty.operations.self_test import SelfTest, run_self_test

ROOT = Path(__file__).resolve().parents[2]
CHECKS = ("database", "enrolment", "sale", "ledger", "member card PDF", "receipt PDF", "hub TLS", "second process",
          "hub server",
          "Qt libraries", "Qt", "icon", "translations", "log file", "main window", "About dialog")


def test_self_test_passes_and_leaves_the_users_data_alone(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_DATA_HOME=str(home / "data"),
               LOCALAPPDATA=str(home / "data"), LOYALTY_DB=str(tmp_path / "users-shop.sqlite"))
    completed = subprocess.run([sys.executable, "main.py", "--self-test"], cwd=ROOT, env=env, capture_output=True, check=False,
                               text=True, timeout=180)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    lines = completed.stdout.splitlines()
    assert [line.split(":")[1].strip() for line in lines if line.startswith("ok: ")] == list(CHECKS)
    assert not [line for line in lines if line.startswith("FAILED")]
    assert lines[-1].startswith(f"self-test passed: {len(CHECKS)} checks")
    assert "platform offscreen" in completed.stdout and "self-test.sqlite" in completed.stdout
    # neither the shop's database nor the app's data folder (where the log goes) was created
    assert not (tmp_path / "users-shop.sqlite").exists()
    assert not (home / "data").exists()


def test_a_failed_check_is_named_and_fails_the_run():
    out, errors = io.StringIO(), io.StringIO()
    report = SelfTest(out, errors)
    assert report.check("fine", lambda: (1, "all good")) == 1
    assert report.check("broken", lambda: 1 / 0) is None
    assert report.finish() == 1
    assert out.getvalue().splitlines() == ["ok: fine: all good", "FAILED: broken: ZeroDivisionError: division by zero",
                                           "self-test FAILED: 1 of 2 checks (broken)"]
    assert "Traceback" in errors.getvalue()


def test_missing_qt_libraries_fail_after_the_domain_checks_ran():
    def qt_cannot_load():
        raise ImportError("libEGL.so.1: cannot open shared object file")

    out = io.StringIO()
    assert run_self_test(qt_cannot_load, out=out) == 1
    lines = out.getvalue().splitlines()
    assert [line for line in lines if line.startswith("ok: ")][-1].startswith("ok: hub server: postgres (PostgreSQL)")
    assert "FAILED: Qt libraries: ImportError: libEGL.so.1" in out.getvalue()
    assert lines[-1] == "self-test FAILED: 1 of 10 checks (Qt libraries)"


def test_under_wine_the_hub_server_is_said_not_run_and_the_rest_passes(monkeypatch):
    """Wine (where the Windows build is checked on Linux) cannot run PostgreSQL 16+: the line says
    so; it is not counted as passed, and only Wine is told apart (a real Windows runs it)."""
    from loyalty.common import app_info
    from loyalty.operations import self_test

    assert not app_info.under_wine()
    monkeypatch.setattr(self_test, "under_wine", lambda: True)
    out = io.StringIO()
    assert run_self_test(lambda: None, out=out) == 0
    lines = out.getvalue().splitlines()
    assert "not run here: hub server: under Wine, whose ntdll lacks NtFlushBuffersFileEx" in out.getvalue()
    assert lines[-1].startswith("self-test passed: 9 checks") and lines[-1].endswith("(1 not run here: hub server)")


def test_a_translation_left_uncompiled_fails_the_check(tmp_path, monkeypatch):
    import pytest

    import ui.shell.self_test as window_checks

    (tmp_path / "i18n").mkdir()
    (tmp_path / "i18n" / "loyalty_es.ts").write_text("<TS/>", encoding="utf-8")
    monkeypatch.setattr(window_checks, "RESOURCES", tmp_path)
    with pytest.raises(AssertionError, match="loyalty_es.qm is missing"):
        window_checks._translations()
