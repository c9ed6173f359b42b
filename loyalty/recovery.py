"""When the database itself is damaged: say so, and put the newest good backup in its
place (the damaged file is kept aside, never deleted). Used at start-up by the app and
by `loyalty restore` when the database cannot even be opened."""

import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

from .backups import BackupInfo, describe, list_backups
from .errors import StorageError, ValidationError
from .messages import t


def backup_folder_beside(db_path: Path) -> Path:
    """Where backups are when the settings cannot be read (the default folder)."""
    return Path(db_path).parent / "backups"


def integrity_problems(db_path: Path, limit: int = 5, opened=lambda connection: None) -> list[str]:
    """`quick_check` on the file (read-only): empty when it is healthy. `opened` receives the
    connection, so that a caller on another thread can `interrupt()` a long check."""
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, check_same_thread=False)
        opened(conn)
        try:
            rows = conn.execute(f"PRAGMA quick_check({limit})").fetchall()
        finally:
            conn.close()
    except sqlite3.OperationalError as error:
        if "interrupted" in str(error):
            return []   # stopped on purpose (the app is closing): nothing was found
        return [str(error)]
    except sqlite3.Error as error:
        return [str(error)]
    return [row[0] for row in rows if row[0] != "ok"]


def newest_good_backup(folder: Path) -> BackupInfo | None:
    return next((info for info in list_backups(folder) if info.ok and info.members is not None), None)


def replace_damaged(db_path: Path, backup: Path) -> Path:
    """Move the damaged file (and its WAL) aside and copy the backup into its place.
    A file copy is right here: the backup is not a live database and nothing has the
    damaged one open. Returns where the damaged file went."""
    db_path, backup = Path(db_path), Path(backup)
    if not backup.is_file():
        raise ValidationError(t("file: '{backup}' is not a file", backup=backup), "file")
    checked = describe(backup)
    if not checked.ok or checked.members is None:
        raise ValidationError(t("file: {file} is not a readable loyalty backup ({problem}); nothing was changed",
                                file=backup.name, problem=checked.problem), "file")
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
