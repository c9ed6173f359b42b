"""The one place that opens SQLite: pragmas for durability, the schema-version
gate, a backup before any upgrade, and refusal of network shares."""

import os
import sqlite3
import sys
from datetime import datetime, timezone
from pathlib import Path

from sqlite_utils import Database

from ..common.errors import StorageError
from ..common.messages import t
from . import lock_guard
from .schema import SCHEMA_VERSION, migrations
from .transactions import BUSY_TIMEOUT_MS, describe_sqlite_error

CACHE_KIB = 65_536   # 64 MB of page cache per connection (SQLite's default is 2 MB): big imports stay in memory


class ShopDatabase(Database):
    """sqlite-utils' Database whose `query` reads without a savepoint around each statement.
    sqlite-utils guards `query` so that a statement returning no rows can be undone; every
    query of this app is a SELECT, and the guard's two extra statements were a third of the
    statements a sale runs."""

    stop_requested = False   # set by interrupt(): work done in turns stops at its next turn

    def interrupt(self) -> None:
        """Stop the statement running now and any work in turns (storage/turns.py) before its
        next turn: SQLite's own interrupt reaches only a statement that is running, and such
        work spends most of its time between statements. Safe from another thread."""
        self.stop_requested = True
        self.conn.interrupt()

    def close(self) -> None:
        lock_guard.release(self)
        super().close()

    def query(self, sql: str, params=None):
        cursor = self.conn.execute(sql, params if params is not None else ())
        keys = [column[0] for column in cursor.description]
        return (dict(zip(keys, row)) for row in cursor)


NETWORK_FILESYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "sshfs", "9p", "afs", "ncpfs", "davfs", "fuse.rclone"}


def open_database(path: str | os.PathLike, migrate: bool = True) -> Database:
    """Open (creating if needed) the shop's database, ready for business.

    Every connection gets WAL (readers never block the counter), synchronous=FULL
    (an acknowledged sale survives a power cut), foreign keys (off by default in
    SQLite) and a busy timeout (a second counter waits instead of failing).
    """
    path = Path(path)
    refuse_network_location(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        db = ShopDatabase(conn)
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        lock_guard.attach(db, path)
        if migrate:
            bring_schema_up_to_date(db, path)
    except sqlite3.DatabaseError as error:
        raise StorageError(t("database {path}: cannot be opened ({reason})",
                             path=path, reason=describe_sqlite_error(error))) from error
    except OSError as error:
        raise StorageError(t("database {path}: cannot be created ({reason})",
                             path=path, reason=error.strerror or error)) from error
    return db


def bring_schema_up_to_date(db: Database, path: Path) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StorageError(
            t("database {path}: it was written by a newer version of this app (schema {version}; this version "
              "understands up to {schema_version}). Install the newer version; nothing was changed.",
              path=path, version=version, schema_version=SCHEMA_VERSION)
        )
    if version == 0 and _has_foreign_tables(db):
        raise StorageError(t("database {path}: this file is not a loyalty database; nothing was changed.", path=path))
    if version == SCHEMA_VERSION:
        return
    if version > 0:
        backup_to(db, path.with_name(f"{path.stem}.before-schema-{SCHEMA_VERSION}.{_stamp()}{path.suffix}"))
    migrations.apply(db)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _has_foreign_tables(db: Database) -> bool:
    return any(not name.startswith(("sqlite_", "_sqlite")) for name in db.table_names())


def backup_to(db: Database, target: Path) -> Path:
    """A consistent copy through SQLite's online backup API (never a file copy of a live database),
    as one self-contained file: the copy would keep the shop's WAL mode, and every later opening
    (its check, a listing) would leave -wal and -shm files beside it on the backup stick."""
    target.parent.mkdir(parents=True, exist_ok=True)
    destination = sqlite3.connect(str(target))
    try:
        db.conn.backup(destination)
        destination.execute("PRAGMA journal_mode = DELETE")
    finally:
        destination.close()
    return target


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def refuse_network_location(path: Path) -> None:
    reason = network_location_reason(path)
    if reason:
        raise StorageError(
            t("database {path}: {reason}. SQLite's write-ahead log needs the database on a local disk of this PC; "
              "put it there (other counters must not open it over the network).",
              path=path, reason=reason)
        )


def network_location_reason(path: Path) -> str | None:
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return t("it is on a network share")
    if sys.platform == "win32":
        return _windows_drive_is_remote(path)
    return _posix_mount_is_remote(path)


def _windows_drive_is_remote(path: Path) -> str | None:  # pragma: no cover - Windows only
    import ctypes

    drive = os.path.splitdrive(os.path.abspath(path))[0] + "\\"
    DRIVE_REMOTE = 4
    if ctypes.windll.kernel32.GetDriveTypeW(drive) == DRIVE_REMOTE:
        return t("drive {drive} is a network drive", drive=drive)
    return None


def _posix_mount_is_remote(path: Path, mounts_file: str = "/proc/mounts") -> str | None:
    try:
        with open(mounts_file, encoding="utf-8") as handle:
            mounts = [line.split()[1:3] for line in handle if len(line.split()) >= 3]
    except OSError:
        return None  # no /proc (macOS): nothing to check against
    absolute = os.path.abspath(path)
    best_mount, best_type = "", ""
    for mount_point, fs_type in mounts:
        mount_point = mount_point.replace("\\040", " ")
        inside = absolute == mount_point or absolute.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) > len(best_mount):
            best_mount, best_type = mount_point, fs_type
    if best_type in NETWORK_FILESYSTEMS:
        return t("{mount} is a network file system ({fs_type})", mount=best_mount, fs_type=best_type)
    return None


def database_path(db: Database) -> str:
    """The file behind a connection, for opening another connection on another thread."""
    return db.execute("PRAGMA database_list").fetchone()[2]
