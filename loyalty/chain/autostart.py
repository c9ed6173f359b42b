"""The hub's keeper (keeper.py) started with the PC, so the other tills sync while the back
office's app is closed or nobody has opened it since the PC started.

- Linux: a systemd user service. The .deb ships it (/usr/lib/systemd/user/UNIT, running
  `loyalty-counter keep-hub` on the user's default database); for any other database or a
  checkout, the app writes its own in ~/.config/systemd/user with the exact command. It is
  enabled for the user, and "lingering" asked for them (`loginctl enable-linger`), so the service
  starts when the PC does, before anyone logs in.
- Windows: a scheduled task run when the app's user logs on (`schtasks /SC ONLOGON`: a user may
  make one without an administrator; one at the PC's start needs the installer's rights).

Where neither can be set up (no systemd user session, a container), the app says so and starts
the keeper itself when it opens (hosting.py), as before."""

import os
import shutil
import subprocess
from pathlib import Path

from ..common.app_info import own_command
from ..common.paths import default_database_path

UNIT = "loyalty-counter-hub.service"
SHIPPED_UNIT = Path("/usr/lib/systemd/user") / UNIT       # the .deb's, for the default database
TASK = "Loyalty Counter hub"


def unit_text(command: list[str]) -> str:
    """A systemd user unit running `command` (the keeper, in the foreground)."""
    quoted = " ".join(_systemd_quoted(part) for part in command)
    return ("[Unit]\nDescription=Loyalty Counter: the shop's hub kept on this PC (its PostgreSQL and TLS)\n"
            "After=network.target\n\n"
            f"[Service]\nType=simple\nExecStart={quoted}\nRestart=on-failure\nRestartSec=10\n"
            "TimeoutStopSec=90\n\n"
            "[Install]\nWantedBy=default.target\n")


def keeper_command(database: Path) -> list[str]:
    return [*own_command(), "--db", str(database), "keep-hub"]


def task_command(database: Path) -> list[str]:
    """schtasks' arguments for the Windows task (a user's own, at logon)."""
    action = " ".join(f'"{part}"' for part in keeper_command(database))
    return ["schtasks", "/Create", "/F", "/TN", TASK, "/SC", "ONLOGON", "/RL", "LIMITED", "/TR", action]


def enable(database: Path) -> tuple[bool, str]:
    """Sets the keeper to start with the PC; (done, what was done or why not) in English, for the
    log and the owner's message."""
    try:
        if os.name == "nt":
            _run(task_command(database))
            return True, f"scheduled task '{TASK}' (at logon)"
        if shutil.which("systemctl") is None:
            return False, "no systemd on this PC"
        if not (SHIPPED_UNIT.exists() and Path(database) == Path(default_database_path())):
            own = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "systemd" / "user" / UNIT
            own.parent.mkdir(parents=True, exist_ok=True)
            own.write_text(unit_text(keeper_command(database)), encoding="utf-8")
            _run(["systemctl", "--user", "daemon-reload"])
        _run(["systemctl", "--user", "enable", UNIT])
    except (OSError, subprocess.SubprocessError) as error:
        return False, _reason(error)
    lingering = _lingers()
    return True, f"systemd user service {UNIT}" + ("" if lingering else " (starts when this user logs in)")


def start_service() -> bool:
    """The enabled service started through the system (so it, not the app, owns the keeper)."""
    if os.name == "nt" or shutil.which("systemctl") is None:
        return False
    try:
        _run(["systemctl", "--user", "start", UNIT])
        return True
    except (OSError, subprocess.SubprocessError):
        return False


def _lingers() -> bool:
    user = os.environ.get("USER") or os.environ.get("LOGNAME") or ""
    try:
        _run(["loginctl", "enable-linger", user] if user else ["loginctl", "enable-linger"])
        return True
    except (OSError, subprocess.SubprocessError):
        return False


def _run(command: list[str]) -> None:
    subprocess.run(command, check=True, capture_output=True, text=True, timeout=30)


def _reason(error: Exception) -> str:
    if isinstance(error, subprocess.CalledProcessError):
        said = (error.stderr or error.stdout or "").strip().splitlines()
        return said[0] if said else f"{error.cmd[0]} failed ({error.returncode})"
    return str(error) or type(error).__name__


def _systemd_quoted(part: str) -> str:
    if part and not any(c in part for c in ' \t"\\\'$%;'):
        return part
    return '"' + part.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%").replace("$", "$$") + '"'
