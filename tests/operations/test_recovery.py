"""A damaged database: noticed by quick_check, explained, and replaced by the newest good
backup (the damaged file kept aside); from the CLI and from the app's start-up."""

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from loyalty.cli import main
from loyalty.common.errors import StorageError, ValidationError
from loyalty.ledger.enrolment import enrol_member
from loyalty.operations.backups import make_backup
from loyalty.operations.recovery import backup_folder_beside, integrity_problems, newest_good_backup, replace_damaged
from loyalty.people.members import NewMember
from loyalty.programme.shop import open_shop


def shop_with_backup(tmp_path) -> tuple[Path, Path]:
    db = tmp_path / "shop.sqlite"
    ctx = open_shop(db)
    for number in range(150):   # enough rows for several pages
        enrol_member(ctx, NewMember(name=f"Socio {number} con un nombre bastante largo"))
    backup = make_backup(ctx, "daily").path
    ctx.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    ctx.db.close()
    return db, backup


def damage(db: Path, offset: int, size: int = 2048) -> None:
    with db.open("r+b") as file:
        file.seek(offset)
        file.write(b"\xde\xad\xbe\xef" * (size // 4))


def test_a_damaged_page_is_found_and_the_newest_good_backup_takes_its_place(tmp_path):
    db, backup = shop_with_backup(tmp_path)
    assert integrity_problems(db) == []
    damage(db, 4096 * 6)
    assert integrity_problems(db), "quick_check notices"
    assert newest_good_backup(backup_folder_beside(db), db).path == backup
    kept = replace_damaged(db, backup)
    assert kept.exists() and "damaged" in kept.name, "the damaged file is kept, renamed"
    assert integrity_problems(db) == []
    ctx = open_shop(db)
    assert ctx.db.execute("SELECT COUNT(*) FROM members").fetchone()[0] == 150
    ctx.db.close()


def test_a_file_that_cannot_be_opened_is_restored_from_the_cli(tmp_path, capsys):
    db, backup = shop_with_backup(tmp_path)
    damage(db, 0, 100)                           # the header: SQLite no longer recognises the file
    with pytest.raises(StorageError, match="damaged or is not a database"):
        open_shop(db)
    assert main(["--db", str(db), "restore", str(backup)]) == 0
    assert "damaged" in capsys.readouterr().out
    assert open_shop(db).db.execute("SELECT COUNT(*) FROM members").fetchone()[0] == 150


def test_a_bad_backup_is_not_put_in_place(tmp_path):
    db, _ = shop_with_backup(tmp_path)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database")
    with pytest.raises(ValidationError, match="not a readable loyalty backup"):
        replace_damaged(db, junk)
    assert integrity_problems(db) == [], "nothing was changed"


def test_start_up_check_finds_damage_and_the_app_offers_the_backup(qtbot, tmp_path, monkeypatch):
    from ui.shell.recovery import IntegrityCheck, ask_to_restore

    db, backup = shop_with_backup(tmp_path)
    damage(db, 4096 * 6)
    check = IntegrityCheck(db)
    with qtbot.waitSignal(check.damaged, timeout=10_000) as found:
        check.start()
    check.stop()
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda parent, title, text: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    chosen = ask_to_restore(None, db, "; ".join(found.args[0]))
    assert chosen.path == backup and "150 members" in asked[0]


def test_a_healthy_database_raises_no_alarm(qtbot, tmp_path):
    from ui.shell.recovery import IntegrityCheck

    db, _ = shop_with_backup(tmp_path)
    check = IntegrityCheck(db)
    alarms = []
    check.damaged.connect(alarms.append)
    check.start()
    check.thread.wait(10_000)
    qtbot.wait(50)
    assert alarms == []


def test_a_damaged_file_that_still_opens_is_restored_from_the_cli(tmp_path, capsys):
    db, backup = shop_with_backup(tmp_path)
    damage(db, 4096 * 6)
    assert main(["--db", str(db), "restore", str(backup)]) == 0
    assert "damaged" in capsys.readouterr().out
    assert integrity_problems(db) == []


def test_a_file_another_program_holds_is_not_called_damaged_and_the_app_says_to_wait(qtbot, tmp_path, monkeypatch):
    """`loyalty sync` building a new till's file holds it alone for minutes (chain/bulk_download.py):
    the app started meanwhile says so and offers no backup."""
    import sqlite3

    import loyalty.storage.connection
    import ui.shell.app

    db, _ = shop_with_backup(tmp_path)
    held = sqlite3.connect(db, isolation_level=None)
    held.execute("PRAGMA locking_mode = EXCLUSIVE")
    held.execute("BEGIN EXCLUSIVE")
    held.execute("COMMIT")
    try:
        assert integrity_problems(db) == []
        monkeypatch.setattr(loyalty.storage.connection, "BUSY_TIMEOUT_MS", 100)
        said, offered = [], []
        monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: said.append(text))
        monkeypatch.setattr(ui.shell.app, "ask_to_restore", lambda *args: offered.append(args))
        assert ui.shell.app.open_window(db) is None
        assert offered == [] and len(said) == 1 and "another program is holding the database" in said[0]
    finally:
        held.close()
    assert open_shop(db).db.execute("SELECT COUNT(*) FROM members").fetchone()[0] == 150
