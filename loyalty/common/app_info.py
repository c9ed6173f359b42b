"""What this installation is and where it writes besides the database: the version shown
in About and the rotating log file that support asks for. No Qt: the CLI may log too."""

import logging
import logging.handlers
import os
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from platformdirs import user_data_dir

from .paths import APP_NAME

DISTRIBUTION = "loyalty-counter"
LOG_MAX_BYTES = 1_000_000      # about a month of a busy counter's warnings; then the oldest goes
LOG_BACKUPS = 3
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def app_version() -> str:
    """The installed package's version; from a source checkout that was never installed,
    pyproject.toml's; "unknown" if neither can be read (never an exception in About)."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        pass
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"   # loyalty/common/ is two down
    try:
        return tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def data_folder() -> Path:
    """The app's folder in the user's profile (%LOCALAPPDATA%\\LoyaltyCounter on Windows)."""
    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_log_path() -> Path:
    return data_folder() / "logs" / "loyalty.log"


def start_log_file(path: Path, level: int = logging.INFO) -> Path:
    """Send the root logger to a rotating file at `path` (created with its folder). Calling it
    again with the same path adds nothing, so a restarted window does not double every line."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for handler in root.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler) and Path(handler.baseFilename) == path.resolve():
            return path
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    return path


def current_log_path() -> Path:
    """The file this process logs to (the self-test's and tests' own), else the default."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            return Path(handler.baseFilename)
    return default_log_path()


def stop_log_file(path: Path) -> None:
    """Close the file handler for `path` (tests, and the self-test before its folder goes)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler) and Path(handler.baseFilename) == Path(path).resolve():
            root.removeHandler(handler)
            handler.close()


def describe_installation() -> str:
    """The first line of every session in the log: what ran, where."""
    frozen = " (installed bundle)" if getattr(sys, "frozen", False) else ""
    return f"Loyalty counter {app_version()}{frozen}, Python {sys.version.split()[0]}, {sys.platform}"


def own_command() -> list[str]:
    """How this installation runs its own command line, for a process it starts (the hub's keeper,
    chain/keeper.py): the bundle's program, or this Python with the command-line package."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "loyalty.cli"]


def under_wine() -> bool:
    """This Windows is Wine (the Windows build is checked under it on Linux): its ntdll exports
    wine_get_version, which no Windows has."""
    if os.name != "nt":
        return False
    import ctypes
    try:
        ctypes.WinDLL("ntdll").wine_get_version
    except (AttributeError, OSError):
        return False
    return True
