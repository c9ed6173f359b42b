"""When the database itself is damaged: say so, and put the newest good backup in its
place (the damaged file is kept aside, never deleted). Used at start-up by the app and
by `loyalty restore` when the database cannot even be opened.

Only this shop's backups are candidates, yet the damaged file may not say whose it was. In
order: its own settings, if SQLite can still read them; else what the newest backup taken
from this very file recorded beside it; else nobody knows, and the newest good backup is
offered only when every good backup in the folder belongs to one and the same shop."""

import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from ..common.errors import StorageError, ValidationError
from ..common.messages import t
from ..programme.shop_identity import ShopIdentity, identity_in_database
from .backups import BackupInfo, describe, list_backups, recorded_source, refuse_other_shop


def backup_folder_beside(db_path: Path) -> Path:
    """Where backups are when the settings cannot be read (the default folder)."""
    return Path(db_path).parent / "backups"


def integrity_problems(db_path: Path, limit: int = 5, opened=lambda connection: None) -> list[str]:
    """`quick_check` on the file (read-only): empty when it is healthy. `opened` receives the
    connection, so that a caller on another thread can `interrupt()` a long check."""
    try:
        # A reader of a file in WAL mode never waits for writers; a lock means another program holds
        # the file alone, said within a second rather than after SQLite's default 5 s.
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, check_same_thread=False, timeout=1)
        opened(conn)
        try:
            rows = conn.execute(f"PRAGMA quick_check({limit})").fetchall()
        finally:
            conn.close()
    except sqlite3.OperationalError as error:
        if "interrupted" in str(error):
            return []   # stopped on purpose (the app is closing): nothing was found
        if "locked" in str(error):
            return []   # another program holds it (`loyalty sync` building a new till's file): not damage
        return [str(error)]
    except sqlite3.Error as error:
        return [str(error)]
    return [row[0] for row in rows if row[0] != "ok"]


def shop_of_damaged(db_path: Path, *folders: Path) -> ShopIdentity | None:
    """Whose data the damaged file held: its settings if still readable, else the newest
    backup in `folders` recorded as taken from this file; None when neither tells."""
    inside = identity_in_database(db_path)
    if inside is not None:
        return inside
    taken_here = [info for folder in folders for info in list_backups(folder, None)
                  if info.shop is not None and recorded_source(info.path) == Path(db_path).resolve()]
    return max(taken_here, key=lambda info: info.taken_at).shop if taken_here else None


def newest_good_backup(folder: Path, db_path: Path) -> BackupInfo | None:
    """The newest good backup of the shop whose database `db_path` is (see the module's note)."""
    shop = shop_of_damaged(db_path, folder)
    good = [info for info in list_backups(folder, shop.shop_id if shop else None)
            if info.ok and info.members is not None]
    if shop is None and len({info.shop.shop_id if info.shop else None for info in good}) > 1:
        return None   # several shops' backups and nothing says which is this one's
    return good[0] if good else None


def replace_damaged(db_path: Path, backup: Path, other_shop: bool = False) -> Path:
    """Move the damaged file (and its WAL) aside and copy the backup into its place.
    A file copy is right here: the backup is not a live database and nothing has the
    damaged one open. Another shop's backup only with `other_shop` (confirmed). Returns
    where the damaged file went."""
    db_path, backup = Path(db_path), Path(backup)
    if not backup.is_file():
        raise ValidationError(t("file: '{backup}' is not a file", backup=backup), "file")
    checked = describe(backup)
    if not checked.ok or checked.members is None:
        raise ValidationError(t("file: {file} is not a readable loyalty backup ({problem}); nothing was changed",
                                file=backup.name, problem=checked.problem), "file")
    if not other_shop:
        refuse_other_shop(backup, shop_of_damaged(db_path, backup.parent, backup_folder_beside(db_path)),
                          checked.shop)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    kept = db_path.with_name(f"{db_path.stem}.damaged-{stamp}{db_path.suffix}")
    try:
        if db_path.exists():
            db_path.rename(kept)
        for suffix in ("-wal", "-shm"):
            side = Path(f"{db_path}{suffix}")
            if side.exists():
                side.rename(Path(f"{kept}{suffix}"))
        shutil.copyfile(backup, db_path)
    except OSError as error:
        raise StorageError(t("database {db_path}: the backup could not be put in place ({error})",
                             db_path=db_path, error=error)) from error
    return kept
