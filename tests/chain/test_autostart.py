"""The hub's keeper started with the PC (loyalty/chain/autostart.py): the systemd user unit the
app writes (and the .deb ships) is one systemd accepts, it is enabled through systemctl and
lingering asked for; the Windows task runs the same command at logon; where there is no systemd
the app says so and nothing is half made."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from loyalty.chain import autostart


def test_the_unit_runs_the_keeper_on_the_shops_database_and_systemd_accepts_it(tmp_path):
    database = tmp_path / "la tienda" / "loyalty.sqlite"       # a space: quoted for systemd
    text = autostart.unit_text(autostart.keeper_command(database))
    assert f'"--db" "{database}"' not in text and f'--db "{database}" keep-hub' in text
    assert "Restart=on-failure" in text and "WantedBy=default.target" in text
    unit = tmp_path / autostart.UNIT
    unit.write_text(text)
    assert shutil.which("systemd-analyze"), ".ci/run installs systemd: its own check of the unit"
    checked = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


@pytest.fixture
def fake_systemd(tmp_path, monkeypatch):
    """systemctl and loginctl that record what they were asked."""
    bin_dir, said = tmp_path / "bin", tmp_path / "said"
    bin_dir.mkdir()
    for name in ("systemctl", "loginctl"):
        (bin_dir / name).write_text(f'#!/bin/sh\necho "{name} $*" >> "{said}"\n')
        (bin_dir / name).chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("USER", "tienda")
    return said


def test_enabling_writes_the_users_unit_enables_it_and_asks_to_linger(tmp_path, fake_systemd):
    done, how = autostart.enable(tmp_path / "shop.sqlite")
    assert done and how == f"systemd user service {autostart.UNIT}"
    unit = tmp_path / "config" / "systemd" / "user" / autostart.UNIT
    assert f"--db {tmp_path / 'shop.sqlite'} keep-hub" in unit.read_text()
    assert fake_systemd.read_text().splitlines() == [
        "systemctl --user daemon-reload", f"systemctl --user enable {autostart.UNIT}", "loginctl enable-linger tienda"]
    assert autostart.start_service()
    assert fake_systemd.read_text().splitlines()[-1] == f"systemctl --user start {autostart.UNIT}"


def test_without_a_systemd_user_session_it_says_why(tmp_path, fake_systemd):
    (Path(os.environ["PATH"].split(os.pathsep)[0]) / "systemctl").write_text(
        "#!/bin/sh\necho 'Failed to connect to bus: No medium found' >&2\nexit 1\n")
    assert autostart.enable(tmp_path / "shop.sqlite") == (False, "Failed to connect to bus: No medium found")
    assert not autostart.start_service()


def test_the_windows_task_runs_the_same_command_at_logon(tmp_path):
    command = autostart.task_command(tmp_path / "shop.sqlite")
    assert command[:6] == ["schtasks", "/Create", "/F", "/TN", autostart.TASK, "/SC"] and "ONLOGON" in command
    assert command[-1].endswith(f'"--db" "{tmp_path / "shop.sqlite"}" "keep-hub"')
