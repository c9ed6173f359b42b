"""Backups of the shop's database and restoring one.

Every backup goes through SQLite's online backup API (a consistent copy even while a
counter is selling; never a file copy of a live database), is checked with
`quick_check` straight away, and is named by its UTC moment and why it was taken:
`loyalty-20261123T203000Z-daily.sqlite`. The folder keeps (by default) the newest
backup of each of the last 7 days, 4 weeks and 12 months, and the newest of all.
Restoring first takes a safety backup of the current file.
"""

import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .context import Context
from .errors import StorageError, ValidationError
from .messages import t
from .permissions import require
from .storage import SCHEMA_VERSION, backup_to, database_path
from .storage.lock_guard import refuse_database_file

NAME = re.compile(r"^loyalty-(\d{8}T\d{6}Z)-(manual|daily|close|before-restore)\.sqlite$")
KINDS = ("manual", "daily", "close", "before-restore")
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    kind: str
    size_bytes: int
    members: int | None          # None when the file cannot be read
    last_entry_at: str | None
    ok: bool                     # quick_check passed
    problem: str = ""


def default_backup_folder(ctx: Context) -> Path:
    configured = ctx.programme().backup_folder
    return Path(configured) if configured else Path(database_path(ctx.db)).parent / "backups"


def make_backup(ctx: Context, kind: str = "manual", folder: str | Path | None = None) -> BackupInfo:
    if kind not in KINDS:
        raise ValidationError(t("kind: one of {choices} (got '{kind}')", choices=', '.join(KINDS), kind=kind), "kind")
    folder = Path(folder) if folder else default_backup_folder(ctx)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(t("backup folder {folder}: cannot be created ({reason})",
                             folder=folder, reason=error.strerror or error)) from error
    moment = ctx.clock.now().astimezone(timezone.utc)
    target = folder / f"loyalty-{moment:%Y%m%dT%H%M%SZ}-{kind}.sqlite"
    if target.exists():
        raise StorageError(t("backup {file}: one was taken this very second; try again in a moment", file=target.name))
    try:
        backup_to(ctx.db, target)
    except (sqlite3.Error, OSError) as error:
        target.unlink(missing_ok=True)
        raise StorageError(t("backup to {folder}: failed ({error}); the shop's database is untouched",
                             folder=folder, error=error)) from error
    info = describe(target)
    if not info.ok:
        raise StorageError(t("backup {file}: the copy does not pass its check ({problem})",
                             file=target.name, problem=info.problem))
    _facts_file(target).write_text(json.dumps(
        {"members": info.members, "last_entry_at": info.last_entry_at, "ok": info.ok, "problem": info.problem}))
    return info


def _facts_file(backup: Path) -> Path:
    """What a backup held and how its check went, written when it was taken: listing a
    folder of 12 GB backups must not read them all again."""
    return Path(f"{backup}.json")


def describe(path: Path, check: bool = True) -> BackupInfo:
    """What a backup holds, read from the file itself (opened read-only); `check` runs quick_check."""
    match = NAME.match(path.name)
    taken_at = (datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc) if match
                else datetime.fromtimestamp(path.stat().st_mtime, timezone.utc))
    kind = match.group(2) if match else "other"
    size = path.stat().st_size
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            check = conn.execute("PRAGMA quick_check").fetchone()[0] if check else "ok"
            members = conn.execute("SELECT COUNT(*) FROM members").fetchone()[0]
            last = conn.execute("SELECT MAX(created_at) FROM entries").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as error:
        return BackupInfo(path, taken_at, kind, size, None, None, False, str(error))
    return BackupInfo(path, taken_at, kind, size, members, last, check == "ok", "" if check == "ok" else check)


def backup_files(folder: str | Path) -> list[tuple[datetime, str, Path]]:
    """(moment, kind, path) of the backups in a folder, newest first, from their names alone."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("loyalty-*.sqlite"):
        match = NAME.match(path.name)
        if match:
            moment = datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
            found.append((moment, match.group(2), path))
    return sorted(found, reverse=True)


def list_backups(folder: str | Path) -> list[BackupInfo]:
    """Newest first, with what each held and its check as recorded when it was taken (a file
    without that record is read, without the full check; restoring always checks again)."""
    listed = []
    for moment, kind, path in backup_files(folder):
        facts = _facts_file(path)
        if facts.is_file():
            recorded = json.loads(facts.read_text())
            listed.append(BackupInfo(path, moment, kind, path.stat().st_size, recorded["members"],
                                     recorded["last_entry_at"], recorded["ok"], recorded["problem"]))
        else:
            listed.append(describe(path, check=False))
    return listed


def backups_to_remove(moments: list[datetime]) -> set[datetime]:
    """Grandfather-father-son: keep the newest of each of the last 7 days, 4 ISO weeks and
    12 months that have backups, and the newest of all; the rest may go."""
    keep = set()
    newest_first = sorted(moments, reverse=True)
    for key, count in ((lambda m: m.date(), KEEP_DAILY), (lambda m: m.isocalendar()[:2], KEEP_WEEKLY),
                       (lambda m: (m.year, m.month), KEEP_MONTHLY)):
        seen = []
        for moment in newest_first:
            if key(moment) not in seen:
                seen.append(key(moment))
                if len(seen) > count:
                    break
                keep.add(moment)
    keep.update(newest_first[:1])
    return set(moments) - keep


def rotate(folder: str | Path) -> list[Path]:
    backups = {moment: path for moment, _, path in backup_files(folder)}
    removed = [backups[moment] for moment in sorted(backups_to_remove(list(backups)))]
    for path in removed:
        for file in (path, _facts_file(path), *(path.with_name(path.name + side) for side in ("-wal", "-shm"))):
            file.unlink(missing_ok=True)   # sidecars: left by backups taken before they were single files
    return removed


def daily_backup(ctx: Context, folder: str | Path | None = None) -> BackupInfo | None:
    """The day's backup, unless one was taken today already; then rotation. Safe to repeat."""
    folder = Path(folder) if folder else default_backup_folder(ctx)
    today = ctx.clock.now().astimezone(timezone.utc).date()
    if any(moment.date() == today and kind == "daily" for moment, kind, _ in backup_files(folder)):
        return None
    info = make_backup(ctx, "daily", folder)
    rotate(folder)
    return info


def restore(ctx: Context, backup: str | Path) -> BackupInfo:
    """Replace the shop's data with a backup's, after a safety backup of the current data."""
    require(ctx, "restore")
    refuse_database_file(backup, "file")
    source = describe(Path(backup)) if Path(backup).is_file() else None
    if source is None:
        raise ValidationError(t("file: '{backup}' is not a file", backup=backup), "file")
    if not source.ok or source.members is None:
        raise ValidationError(t("file: {name} is not a readable loyalty backup ({problem}); nothing was changed",
                                name=Path(backup).name, problem=source.problem or t("no members table")), "file")
    conn = sqlite3.connect(f"file:{Path(backup)}?mode=ro", uri=True)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise ValidationError(t("file: {name} was written by a newer version of the app (schema {version}); "
                                    "nothing was changed",
                                    name=Path(backup).name, version=version), "file")
        safety = make_backup(ctx, "before-restore")
        conn.backup(ctx.db.conn)   # page by page into the open database, as one write
    finally:
        conn.close()
    if version < SCHEMA_VERSION:   # an older backup: bring it up to date like any old file
        from .storage.connection import bring_schema_up_to_date
        bring_schema_up_to_date(ctx.db, Path(database_path(ctx.db)))
    return safety
