"""Settings' backups panel and the start-up recovery with two shops' backups in one folder:
only this shop's are listed (with its name), another shop's file is restored only after a
warning that names both shops."""

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from conftest import START, count
from test_backups_shops import as_if_created_before_shop_ids, new_shop, old_style_backup, two_shops_side_by_side
from test_recovery import damage

from loyalty.operations.backups import list_backups, make_backup
from loyalty.programme.shop_identity import identity_of
from ui.shell.recovery import ask_to_restore
from ui.widgets import file_dialogs


def answering(answer, asked: list):
    def ask(parent, title, text, *buttons):
        asked.append(text)
        return answer
    return ask


def test_the_panel_lists_only_this_shops_backups_old_and_new_with_its_name(qtbot, window, ctx, enrol, settings,
                                                                          tmp_path):
    stick = tmp_path / "stick"
    settings(shop_name="Tienda Norte", backup_folder=str(stick))
    enrol("Ana García")
    sur = new_shop(tmp_path / "sur" / "shop.sqlite", "Tienda Sur", 2)
    theirs = [make_backup(sur, "manual", stick).path, old_style_backup(sur, stick, START - timedelta(days=3))]
    as_if_created_before_shop_ids(ctx)
    mine_old = old_style_backup(ctx, stick, START - timedelta(days=2))   # taken before shops were told apart
    window.show_screen(4)
    panel = window.settings.backups
    qtbot.mouseClick(panel.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.thread is None and panel.table.rowCount() == 2, timeout=10_000)
    assert [panel.rows[row].path for row in range(2)][1] == mine_old
    assert [panel.table.item(row, 6).text() for row in range(2)] == ["Tienda Norte", "Tienda Norte"]
    assert "Tienda Norte" in panel.folder_label.text()
    assert all(path.exists() for path in theirs), "Norte's rotation left Sur's alone"
    sur.db.close()


def test_restoring_another_shops_file_asks_a_confirmation_naming_both(qtbot, window, ctx, enrol, settings, tmp_path,
                                                                      monkeypatch):
    stick = tmp_path / "stick"
    settings(shop_name="Tienda Norte", backup_folder=str(stick))
    enrol("Ana García")
    sur = new_shop(tmp_path / "sur" / "shop.sqlite", "Tienda Sur", 2)
    theirs = make_backup(sur, "manual", stick).path
    sur_id = identity_of(sur.programme()).shop_id
    sur.db.close()
    window.show_screen(4)
    panel = window.settings.backups
    assert panel.table.rowCount() == 0, "Sur's backup is not listed for Norte"
    monkeypatch.setattr(file_dialogs, "file_to_open", lambda *args, **kwargs: str(theirs))
    questions, warnings = [], []
    monkeypatch.setattr(QMessageBox, "question", answering(QMessageBox.StandardButton.Yes, questions))

    monkeypatch.setattr(QMessageBox, "warning", answering(QMessageBox.StandardButton.No, warnings))
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    assert questions == [] and len(warnings) == 1
    assert "“Tienda Norte”" in warnings[0] and "“Tienda Sur”" in warnings[0] and theirs.name in warnings[0]
    assert panel.thread is None and count(ctx, "members") == 1, "said No: nothing changed"

    monkeypatch.setattr(QMessageBox, "warning", answering(QMessageBox.StandardButton.Yes, warnings))
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.thread is None and "restored" in window.settings.banner.text(), timeout=10_000)
    assert count(ctx, "members") == 2 and identity_of(ctx.programme()).shop_id == sur_id, "the shop is Sur now"
    assert questions == []


def test_restoring_the_shops_own_backup_asks_the_ordinary_question(qtbot, window, ctx, enrol, monkeypatch):
    enrol("Ana García")
    window.show_screen(4)
    panel = window.settings.backups
    qtbot.mouseClick(panel.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.thread is None and panel.table.rowCount() == 1, timeout=10_000)
    enrol("Luis Pérez")
    questions, warnings = [], []
    monkeypatch.setattr(QMessageBox, "question", answering(QMessageBox.StandardButton.Yes, questions))
    monkeypatch.setattr(QMessageBox, "warning", answering(QMessageBox.StandardButton.Yes, warnings))
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.thread is None and "restored" in window.settings.banner.text(), timeout=10_000)
    assert len(questions) == 1 and warnings == [] and count(ctx, "members") == 1


def test_start_up_recovery_offers_this_shops_backup_and_names_the_shop(qtbot, tmp_path, monkeypatch):
    (norte, _), mine, theirs = two_shops_side_by_side(tmp_path)
    damage(norte, 4096 * 6)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", answering(QMessageBox.StandardButton.Yes, asked))
    chosen = ask_to_restore(None, norte, "damaged")
    assert chosen.path == mine and "“Tienda Norte”" in asked[0] and "150 members" in asked[0]
    assert {info.path for info in list_backups(mine.parent, None)} == {mine, theirs}
