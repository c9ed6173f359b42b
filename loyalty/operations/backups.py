"""Backups of the shop's database and restoring one.

Every backup goes through SQLite's online backup API (a consistent copy even while a
counter is selling; never a file copy of a live database), is checked with
`quick_check` straight away, and is named by its UTC moment and why it was taken:
`loyalty-20261123T203000Z-<shop id>-daily.sqlite`. The folder keeps (by default) the newest
backup of each of the last 7 days, 4 weeks and 12 months, and the newest of all.
Restoring first takes a safety backup of the current file.

Several shops may share one folder (a USB stick): each backup carries its shop's id in its
name and its shop's id and name in the facts beside it, and a shop lists, rotates and counts
only its own. Backups named before that (`loyalty-<moment>-<kind>.sqlite`) are asked inside
(shop_identity.py); one whose shop cannot be read is nobody's, so no rotation removes it.
Restoring another shop's backup needs `other_shop=True`: the confirmation naming both.
"""

import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..common.errors import OtherShopError, StorageError, ValidationError
from ..common.messages import t
from ..programme.context import Context
from ..programme.permissions import require
from ..programme.shop_identity import (ShopIdentity, give_shop_id, identity_in_database, identity_of, label_of,
                                       read_identity)
from ..storage import SCHEMA_VERSION, backup_to, database_path, write_transaction
from ..storage.lock_guard import refuse_database_file

SHOP_ID = r"[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}"
# moment, then (since shops sharing a folder are told apart) the shop's id, then the kind
NAME = re.compile(rf"^loyalty-(\d{{8}}T\d{{6}}Z)-(?:({SHOP_ID})-)?(manual|daily|close|before-restore)\.sqlite$")
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
    shop: ShopIdentity | None = None   # whose data it holds; None when that cannot be read


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
    target = folder / f"loyalty-{moment:%Y%m%dT%H%M%SZ}-{identity_of(ctx.programme()).shop_id}-{kind}.sqlite"
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
        {"members": info.members, "last_entry_at": info.last_entry_at, "ok": info.ok, "problem": info.problem,
         "shop_id": info.shop.shop_id, "shop_name": info.shop.name, "database": database_path(ctx.db)}))
    return info


def _facts_file(backup: Path) -> Path:
    """What a backup held and how its check went, written when it was taken: listing a
    folder of 12 GB backups must not read them all again."""
    return Path(f"{backup}.json")


def _recorded_facts(backup: Path) -> dict | None:
    """The facts written beside a backup when it was taken; None without them (or unreadable)."""
    facts = _facts_file(backup)
    if not facts.is_file():
        return None
    try:
        return json.loads(facts.read_text())
    except (OSError, ValueError):
        return None


def recorded_source(backup: Path) -> Path | None:
    """The database file a backup was taken from, as recorded beside it (None before that was)."""
    source = (_recorded_facts(backup) or {}).get("database")
    return Path(source).resolve() if source else None


def timezone_in_backup(path: Path) -> str | None:
    """The time zone of the shop a backup holds (read-only, through SQLite), to tell people its
    moments on that shop's clock; None when the file cannot tell."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = 'timezone'").fetchone()
        finally:
            conn.close()
        return str(json.loads(row[0])) if row else None
    except (sqlite3.Error, TypeError, ValueError):
        return None


def describe(path: Path, check: bool = True) -> BackupInfo:
    """What a backup holds, read from the file itself (opened read-only); `check` runs quick_check."""
    match = NAME.match(path.name)
    taken_at = (datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc) if match
                else datetime.fromtimestamp(path.stat().st_mtime, timezone.utc))
    kind = match.group(3) if match else "other"
    size = path.stat().st_size
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            check = conn.execute("PRAGMA quick_check").fetchone()[0] if check else "ok"
            members = conn.execute("SELECT COUNT(*) FROM members").fetchone()[0]
            last = conn.execute("SELECT MAX(created_at) FROM entries").fetchone()[0]
            shop = read_identity(conn)
        finally:
            conn.close()
    except sqlite3.Error as error:
        return BackupInfo(path, taken_at, kind, size, None, None, False, str(error))
    return BackupInfo(path, taken_at, kind, size, members, last, check == "ok", "" if check == "ok" else check, shop)


def _named_backups(folder: str | Path) -> list[tuple[datetime, str, str | None, Path]]:
    """(moment, kind, shop id or None, path) of the backups in a folder, newest first, from their
    names alone (None: named before shops were told apart)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("loyalty-*.sqlite"):
        match = NAME.match(path.name)
        if match:
            moment = datetime.strptime(match.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
            found.append((moment, match.group(3), match.group(2), path))
    return sorted(found, key=lambda found: (found[0], found[3].name), reverse=True)


def _shop_id_inside(backup: Path) -> str | None:
    """The shop of a backup named without it: as recorded beside it, else read from its settings."""
    recorded = _recorded_facts(backup) or {}
    shop = ShopIdentity(recorded["shop_id"], "") if recorded.get("shop_id") else identity_in_database(backup)
    return shop.shop_id if shop else None


def backup_files(folder: str | Path, shop_id: str | None) -> list[tuple[datetime, str, Path]]:
    """(moment, kind, path) of one shop's backups in a folder, newest first; every shop's when
    `shop_id` is None. A backup whose shop cannot be told is no shop's."""
    return [(moment, kind, path) for moment, kind, named, path in _named_backups(folder)
            if shop_id is None or (named or _shop_id_inside(path)) == shop_id]


def list_backups(folder: str | Path, shop_id: str | None) -> list[BackupInfo]:
    """One shop's backups (every shop's when `shop_id` is None), newest first, with what each
    held and its check as recorded when it was taken (a file without that record is read,
    without the full check; restoring always checks again)."""
    return [_listed(moment, kind, path) for moment, kind, path in backup_files(folder, shop_id)]


def _listed(moment: datetime, kind: str, path: Path) -> BackupInfo:
    recorded = _recorded_facts(path)
    if recorded is None:
        return describe(path, check=False)
    shop = (ShopIdentity(recorded["shop_id"], recorded.get("shop_name", "")) if recorded.get("shop_id")
            else identity_in_database(path))   # recorded before backups carried their shop
    return BackupInfo(path, moment, kind, path.stat().st_size, recorded["members"], recorded["last_entry_at"],
                      recorded["ok"], recorded["problem"], shop)


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


def rotate(folder: str | Path, shop_id: str) -> list[Path]:
    """Remove the shop's backups that the schedule no longer keeps; never another shop's."""
    backups = {moment: path for moment, _, path in backup_files(folder, shop_id)}
    removed = [backups[moment] for moment in sorted(backups_to_remove(list(backups)))]
    for path in removed:
        for file in (path, _facts_file(path), *(path.with_name(path.name + side) for side in ("-wal", "-shm"))):
            file.unlink(missing_ok=True)   # sidecars: left by backups taken before they were single files
    return removed


def daily_backup(ctx: Context, folder: str | Path | None = None) -> BackupInfo | None:
    """The day's backup, unless one was taken today already; then rotation. Safe to repeat."""
    folder = Path(folder) if folder else default_backup_folder(ctx)
    today = ctx.clock.now().astimezone(timezone.utc).date()
    shop_id = identity_of(ctx.programme()).shop_id
    if any(moment.date() == today and kind == "daily" for moment, kind, _ in backup_files(folder, shop_id)):
        return None
    info = make_backup(ctx, "daily", folder)
    rotate(folder, shop_id)
    return info


def refuse_other_shop(backup: Path, ours: ShopIdentity | None, theirs: ShopIdentity | None) -> None:
    """A backup of another shop (or of a shop that cannot be told) is not restored by mistake:
    the caller asks the confirmation that names both shops first. Unknown `ours` (a damaged
    database that cannot say whose it was): nothing to compare with, the person chose the file."""
    if ours is not None and (theirs is None or theirs.shop_id != ours.shop_id):
        raise OtherShopError(t("file: {name} is a backup of another shop, {theirs}, not of this shop, {ours}; "
                               "nothing was changed", name=backup.name, theirs=label_of(theirs), ours=ours.label),
                             "file", ours=ours.label, theirs=label_of(theirs))


def restore(ctx: Context, backup: str | Path, other_shop: bool = False) -> BackupInfo:
    """Replace the shop's data with a backup's, after a safety backup of the current data.
    Another shop's backup only with `other_shop` (confirmed): this database then becomes that
    shop's, its id included."""
    require(ctx, "restore")
    refuse_database_file(backup, "file")
    source = describe(Path(backup)) if Path(backup).is_file() else None
    if source is None:
        raise ValidationError(t("file: '{backup}' is not a file", backup=backup), "file")
    if not source.ok or source.members is None:
        raise ValidationError(t("file: {name} is not a readable loyalty backup ({problem}); nothing was changed",
                                name=Path(backup).name, problem=source.problem or t("no members table")), "file")
    if not other_shop:
        refuse_other_shop(Path(backup), identity_of(ctx.programme()), source.shop)
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
        from ..storage.connection import bring_schema_up_to_date
        bring_schema_up_to_date(ctx.db, Path(database_path(ctx.db)))
    if not ctx.programme().shop_id:   # a backup from before shops were told apart
        with write_transaction(ctx.db):
            give_shop_id(ctx.db)
    return safety
