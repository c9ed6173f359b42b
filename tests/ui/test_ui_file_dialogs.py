"""No file dialog of the app may cost SQLite its locks (ui/widgets/file_dialogs.py, storage/lock_guard.py).

Each of the app's file dialogs is opened from its screen, shown the database's own folder as a
person would (its path typed in the file name box, the detail view listing every file with its
type), and cancelled. Then another process opens and closes the database, as the command line,
the daily job or a second counter does: with Qt's own icon provider the dialog had read the
database file and dropped the app's locks, so that process deleted the -wal the app writes into,
and the sale posted next vanished from the file."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import QApplication, QFileDialog, QFileSystemModel, QLineEdit, QToolButton

from loyalty.ledger.sales import post_sale
from loyalty.storage import database_path, lock_guard

ROOT = Path(__file__).resolve().parents[2]


def open_modal_and_drive(qtbot, trigger, drive):
    """`trigger()` opens a modal dialog (its own event loop); `drive(dialog)` runs inside it and
    must close it. Fails, rather than hangs, if no dialog came."""
    driven = []

    def inside():
        dialog = QApplication.activeModalWidget()
        try:
            drive(dialog)
            driven.append(type(dialog).__name__)
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, inside)
    trigger()
    assert driven, "the dialog was opened and driven"
    return driven[0]


def look_into_the_database_folder(qtbot, dialog, folder: Path):
    """Type the folder into the file name box (the completer lists it), show it in the detail
    view, and wait until the dialog has loaded the folder: its model has then met every file in
    it, the database's among them (shown or hidden by the dialog's filter), and asked its type."""
    assert isinstance(dialog, QFileDialog), f"a file dialog, not {dialog!r}"
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    model = dialog.findChild(QFileSystemModel)
    loaded = []
    model.directoryLoaded.connect(lambda path: loaded.append(Path(path)))
    name_box = dialog.findChild(QLineEdit, "fileNameEdit")
    name_box.setFocus()
    qtbot.keyClicks(name_box, f"{folder}/")
    dialog.setDirectory(str(folder))
    qtbot.waitUntil(lambda: folder in loaded, timeout=10_000)
    qtbot.wait(300)   # the types and icons, asked on this thread as the listing arrives


def another_process_opens_and_closes(db: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db), "settings", "show"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr


def sale_is_in_the_file(db: Path, receipt: str) -> bool:
    code = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "print(c.execute('SELECT COUNT(*) FROM entries WHERE receipt_ref = ?', (sys.argv[2],)).fetchone()[0])")
    result = subprocess.run([sys.executable, "-c", code, str(db), receipt], capture_output=True, text=True, timeout=60)
    return result.stdout.strip() == "1"


@pytest.fixture
def shop_with_a_member(ctx, enrol, clock):
    ana = enrol("Ana García")
    post_sale(ctx, ana.card, 2_500, "first")
    return ana


def open_first_run_logo(window, ctx, tmp_path):
    from ui.settings.first_run import FirstRunWizard

    wizard = FirstRunWizard(ctx)
    window.test_keep = wizard
    return wizard._choose_logo


def open_slip_save_as(window, ctx, tmp_path):
    from ui.printing.service import PdfPreviewDialog

    pdf = tmp_path / "slip.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    preview = PdfPreviewDialog(pdf, "slip", parent=window)
    window.test_keep = preview
    return preview.save_as


def open_member_data_export(window, ctx, tmp_path):
    from loyalty.people.members import member_by_card
    from ui.members.member_detail import MemberDetailDialog

    member = member_by_card(ctx, ctx.db.execute("SELECT card FROM members LIMIT 1").fetchone()[0])
    detail = MemberDetailDialog(ctx, member, parent=window)
    window.test_keep = detail
    return detail.export_data


def open_audit_export(window, ctx, tmp_path):
    return window.audit.export


def open_backup_to_restore(window, ctx, tmp_path):
    from ui.settings.backups_panel import BackupsPanel

    panel = BackupsPanel(ctx)
    window.test_keep = panel
    panel.table.setCurrentCell(-1, -1)
    return panel.ask_restore


def open_report_export(kind):
    def opener(window, ctx, tmp_path):
        from loyalty.common.period import month_period
        from loyalty.reports.metrics import compute_report

        window.reports.report = compute_report(ctx, month_period("2026-03"))
        return lambda: window.reports.export(kind)
    return opener


def open_contact_list_export(window, ctx, tmp_path):
    return window.retention.export_contacts


def open_import_file(window, ctx, tmp_path):
    from ui.members.import_dialog import ImportDialog

    dialog = ImportDialog(ctx, parent=window)
    window.test_keep = dialog
    return dialog.choose_file


DIALOGS = {
    "setup: logo": open_first_run_logo,
    "slip preview: save as PDF": open_slip_save_as,
    "member: save the member's data": open_member_data_export,
    "audit trail: export": open_audit_export,
    "backups: a file to restore": open_backup_to_restore,
    "reports: PDF": open_report_export("pdf"),
    "reports: folder for CSV": open_report_export("csv"),
    "retention: contact list": open_contact_list_export,
    "members: import a CSV": open_import_file,
}


@pytest.mark.parametrize("opener", DIALOGS.values(), ids=DIALOGS.keys())
def test_a_file_dialog_on_the_database_folder_loses_no_sale(qtbot, window, ctx, shop_with_a_member, tmp_path, opener):
    db = Path(database_path(ctx.db))
    trigger = opener(window, ctx, tmp_path)
    open_modal_and_drive(qtbot, trigger, lambda dialog: look_into_the_database_folder(qtbot, dialog, db.parent))
    assert lock_guard.check(ctx.db) is None, "the app still holds its locks"
    another_process_opens_and_closes(db)
    assert Path(f"{db}-wal").exists(), "the other process left the app's -wal in place"
    post_sale(ctx, shop_with_a_member.card, 4_990, "after-the-dialog")
    assert sale_is_in_the_file(db, "after-the-dialog")


def test_the_print_dialogs_own_file_browser_loses_no_sale(qtbot, window, ctx, shop_with_a_member, tmp_path):
    """Qt's print dialog makes its Print-to-file browser itself; it gets the same treatment."""
    db = Path(database_path(ctx.db))
    preview = open_slip_save_as(window, ctx, tmp_path).__self__
    inner = []

    def in_the_print_dialog(print_dialog):
        assert isinstance(print_dialog, QPrintDialog)
        browse = print_dialog.findChild(QToolButton, "fileBrowser")
        assert browse is not None and browse.isEnabled()
        inner.append(open_modal_and_drive(
            qtbot, browse.click, lambda dialog: look_into_the_database_folder(qtbot, dialog, db.parent)))

    open_modal_and_drive(qtbot, preview.print_with_dialog, in_the_print_dialog)
    assert inner == ["QFileDialog"]
    another_process_opens_and_closes(db)
    post_sale(ctx, shop_with_a_member.card, 4_990, "after-the-print-dialog")
    assert sale_is_in_the_file(db, "after-the-print-dialog")


def test_choosing_the_database_itself_is_refused(qtbot, window, ctx, shop_with_a_member, tmp_path, monkeypatch):
    """Exporting over the database, even after saying yes to "replace it?", or importing it as a
    CSV, would destroy it or drop the locks: the dialog says why and gives nothing back."""
    from PySide6.QtWidgets import QMessageBox

    db = Path(database_path(ctx.db))
    before = db.stat().st_mtime_ns, db.stat().st_size
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))

    def replace_the_database(dialog):
        dialog.selectFile(str(db))
        open_modal_and_drive(qtbot, dialog.accept,   # "Replace it?" Yes
                             lambda confirm: confirm.button(QMessageBox.StandardButton.Yes).click())

    importer = open_import_file(window, ctx, tmp_path).__self__
    open_modal_and_drive(qtbot, importer.choose_file, lambda dialog: (dialog.selectFile(str(db)), dialog.accept()))
    open_modal_and_drive(qtbot, open_audit_export(window, ctx, tmp_path), replace_the_database)
    assert len(warnings) == 2 and all(str(db) in text and "database" in text for text in warnings)
    assert importer.path.text() == ""
    assert (db.stat().st_mtime_ns, db.stat().st_size) == before, "nothing was written over it"
    assert lock_guard.check(ctx.db) is None


def test_no_screen_makes_a_file_or_print_dialog_but_through_file_dialogs():
    """The next dialog someone adds goes through ui/widgets/file_dialogs.py, or this fails."""
    offenders = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        if path.name == "file_dialogs.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else None
            if name in ("QFileDialog", "QPrintDialog", "QFileSystemModel"):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}")
    assert offenders == []


@pytest.mark.skipif(not lock_guard.locks_are_listed(), reason="needs /proc/self/fdinfo (Linux)")
def test_a_lock_lost_while_the_counter_is_idle_is_noticed_and_the_app_restarts(qtbot, window, ctx, monkeypatch):
    """ui/shell/database_guard.py: nobody sells, yet the guard looks every few seconds; it tells the
    person once and restarts the app before another program can delete the -wal."""
    from PySide6.QtWidgets import QMessageBox

    from ui.shell.database_guard import DatabaseGuard

    told, restarts = [], []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: told.append((title, text)))
    guard = DatabaseGuard(ctx.db, window, restart=lambda: restarts.append(True))
    guard.timer.setInterval(50)
    db = Path(database_path(ctx.db))
    qtbot.wait(200)
    assert told == [] and restarts == []
    os.close(os.open(db, os.O_RDONLY))   # the next mistake
    qtbot.waitUntil(lambda: restarts == [True], timeout=5_000)
    assert len(told) == 1 and "restart" in told[0][1] and str(db) in told[0][1]
    qtbot.wait(200)
    assert len(told) == 1 and restarts == [True], "once"
