"""The main window and its other screens (Members, Rewards & campaigns, Settings),
driven as a person would; each test checks the screen and the database."""

from datetime import datetime, timezone

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDateTimeEdit
from conftest import count
from readable import squeezed
from ui_helpers import type_by_hand

from loyalty.common.clock import FixedClock
from loyalty.operations.verify import verify
from loyalty.people.members import member_by_id
from loyalty.programme.rules import load_programme, load_tiers
from loyalty.programme.shop import open_shop
from ui.members.table_model import MembersTableModel
from ui.shell.main_window import MainWindow


def test_window_shows_shop_staff_date_and_loads_demo_data(qtbot, tmp_path):
    ctx = open_shop(tmp_path / "ui.sqlite", clock=FixedClock(datetime(2026, 5, 4, 10, tzinfo=timezone.utc)))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.shop_label.text() == "Mi tienda"
    assert "2026" in window.date_label.text()
    assert window.staff_label.text()
    assert window.demo_button.isVisible()
    qtbot.mouseClick(window.demo_button, Qt.MouseButton.LeftButton)
    assert count(ctx, "members") == 40
    assert not window.demo_button.isVisible()
    assert count(ctx, "entries") > 100
    assert verify(ctx) == []
    window.shutdown()


def test_every_screen_is_reachable_by_keyboard_and_sidebar(qtbot, window):
    for number, screen in enumerate((window.counter, window.members, window.catalog, window.reports,
                                     window.settings), start=1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.screens.currentWidget() is screen
    window.sidebar.setCurrentRow(1)
    assert window.screens.currentWidget() is window.members


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_window_fits_a_1024_by_768_screen(request, qtbot, ctx, language):
    """Every screen laid out whole in 1024×768, on a shop with members and rewards: no widget below
    its minimum size, none drawn over another (tests/ui/test_ui_layout.py opens the window on such a
    screen and reads its texts)."""
    from loyalty.operations.demo import load_demo_data

    if language == "es":
        request.getfixturevalue("spanish")
    load_demo_data(ctx)
    window = request.getfixturevalue("window")
    assert window.minimumSizeHint().width() <= 1024 and window.minimumSizeHint().height() <= 768
    window.resize(1024, 768)
    assert (window.width(), window.height()) == (1024, 768)
    for index, (name, _, _) in enumerate(window.screen_list):
        window.show_screen(index)
        try:   # a count or a search answers from its thread, then the layout makes room for it
            qtbot.waitUntil(lambda: not squeezed(window), timeout=3_000)
        except AssertionError:
            pass
        assert squeezed(window) == [], name


def test_members_screen_pages_sorts_and_finds(qtbot, window, ctx, enrol):
    for number in range(450):
        enrol(f"Socio {number:03d}")
    enrol("Álvaro Ñúñez", phone="699000111")
    window.show_screen(1)
    model, table = window.members.model, window.members.table
    qtbot.waitUntil(lambda: window.members.count_label.text().startswith("451"))
    assert model.rowCount() == 200, "one page at first"
    table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > 200)
    assert model.member_at(0).name == "Álvaro Ñúñez", "accent-free order: Álvaro before Socio"
    table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert model.member_at(0).name == "Socio 449"
    type_by_hand(qtbot, window.members.search_box, "nunez")
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.member_at(0).phone == "699000111"


def members_screen(qtbot, window, enrol):
    for name in ("Ana García", "Luisa Gómez", "Luis Pérez"):
        enrol(name)
    window.show_screen(1)
    members = window.members
    qtbot.waitUntil(lambda: members.count_label.text() == "3 members")
    return members


def opened(qtbot, members) -> str:
    qtbot.waitUntil(lambda: members.detail is not None and members.detail.isVisible())
    name = members.detail.member.name
    members.detail.reject()
    members.detail = None
    return name


def test_members_a_name_typed_and_enter_opens_the_record_found(qtbot, window, enrol):
    members = members_screen(qtbot, window, enrol)
    members.search_box.setFocus()
    qtbot.keyClicks(members.search_box, "luisa")
    qtbot.keyClick(members.search_box, Qt.Key.Key_Return)      # before the search has even started
    assert opened(qtbot, members) == "Luisa Gómez"
    assert members.count_label.text() == "1 of 3 members", "the count follows the search"
    members.search_box.clear()
    qtbot.keyClicks(members.search_box, "x")
    qtbot.keyClick(members.search_box, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: members.count_label.text() == "3 members")


def test_members_tab_and_down_reach_the_list_and_enter_opens_the_row(qtbot, window, enrol):
    members = members_screen(qtbot, window, enrol)
    members.search_box.setFocus()
    qtbot.keyClick(members.search_box, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is members.table and members.table.currentIndex().row() == 0
    qtbot.keyClick(members.table, Qt.Key.Key_Return)
    assert opened(qtbot, members) == "Ana García"
    members.search_box.setFocus()
    qtbot.keyClick(members.search_box, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is members.table, "Tab goes from the search box to the list"
    qtbot.keyClick(members.table, Qt.Key.Key_Down)
    qtbot.keyClick(members.table, Qt.Key.Key_Return)
    assert opened(qtbot, members) in {"Luisa Gómez", "Luis Pérez"}
    qtbot.keyClick(members.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not members.table, "Tab leaves the list"


def test_members_details_with_no_row_chosen_says_what_to_do(qtbot, window, enrol):
    members = members_screen(qtbot, window, enrol)
    qtbot.mouseClick(members.details_button, Qt.MouseButton.LeftButton)
    assert members.detail is None
    assert members.banner.kind == "warning" and "Choose a member in the list first" in members.banner.text()


def test_the_members_model_is_a_well_behaved_qt_model(qtmodeltester, ctx, enrol):
    from loyalty.people.directory import members_page

    for number in range(5):
        enrol(f"Socio {number}")
    model = MembersTableModel(lambda order, desc, after: members_page(ctx, order, desc, after, limit=2),
                              {tier.code: tier.name for tier in load_tiers(ctx.db)}, "Europe/Madrid")
    model.show_all()
    qtmodeltester.check(model)


def test_member_details_edit_consents_and_block(qtbot, window, ctx, enrol):
    ana = enrol("Ana García")
    window.show_screen(1)
    window.members.open_details(0)
    detail = window.members.detail
    detail.phone.setText("600 123 456")
    detail.profiling.setChecked(True)
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)
    saved = member_by_id(ctx, ana.id)
    assert saved.phone == "600 123 456" and saved.profiling_consent and saved.profiling_consent_at
    assert not saved.marketing_consent and saved.marketing_consent_at is None
    detail.email.setText("ana@")
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)
    assert "email" in detail.problem.text()
    assert member_by_id(ctx, ana.id).email is None
    qtbot.mouseClick(detail.block_button, Qt.MouseButton.LeftButton)
    assert member_by_id(ctx, ana.id).status == "blocked"
    assert "blocked" in detail.status.text()
    detail.reject()


def test_catalog_adds_and_edits_rewards_and_refuses_bad_input(qtbot, window, ctx):
    window.show_screen(2)
    catalog = window.catalog
    catalog.reward_name.setText("Café")
    catalog.reward_cost.setText("1.500")
    qtbot.mouseClick(catalog.reward_add_button, Qt.MouseButton.LeftButton)
    assert tuple(ctx.db.execute("SELECT name, points_cost FROM rewards").fetchone()) == ("Café", 1500)
    catalog.rewards.selectRow(0)
    catalog.reward_stock.setText("-3")
    qtbot.mouseClick(catalog.reward_save_button, Qt.MouseButton.LeftButton)
    assert catalog.banner.kind == "error" and "stock" in catalog.banner.text()
    assert ctx.db.execute("SELECT stock FROM rewards").fetchone()[0] is None
    catalog.campaign_name.setText("Martes dobles")
    catalog.campaign_multiplier.setText("2")
    catalog.campaign_start.setText("2026-03-01")
    catalog.campaign_end.setText("2026-02-01")
    qtbot.mouseClick(catalog.campaign_add_button, Qt.MouseButton.LeftButton)
    assert "ends_on" in catalog.banner.text() and count(ctx, "campaigns") == 0


def test_settings_save_all_or_nothing_and_reconfigure_the_scanner(qtbot, window, ctx):
    window.show_screen(4)
    settings = window.settings
    settings.fields["shop_name"].setText("Panadería Lola")
    settings.fields["scan_min_length"].setText("2")
    qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
    assert settings.banner.kind == "error" and "scan_min_length" in settings.banner.text()
    assert load_programme(ctx.db).shop_name == "Mi tienda", "nothing saved when one field is wrong"
    settings.fields["scan_min_length"].setText("10")
    settings.fields["scan_max_gap_ms"].setText("250")          # a slow scanner
    settings.tiers.item(2, 1).setText("2000")
    qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
    assert settings.banner.kind == "success"
    assert load_programme(ctx.db).shop_name == "Panadería Lola"
    assert {t.code: t.min_spend_cents for t in load_tiers(ctx.db)}["gold"] == 200_000
    assert window.shop_label.text() == "Panadería Lola"
    assert window.scanner.min_length == 10 and window.scanner.max_gap_ms == 250


def test_settings_raise_every_threshold_at_once(qtbot, window, ctx):
    """Silver above the current gold: the ladder changes in an order that keeps it rising."""
    window.show_screen(4)
    settings = window.settings
    settings.tiers.item(1, 1).setText("2000")
    settings.tiers.item(2, 1).setText("5000")
    qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
    assert settings.banner.kind == "success", settings.banner.text()
    assert [t.min_spend_cents for t in load_tiers(ctx.db)] == [0, 200_000, 500_000]


def test_settings_run_the_setup_again_with_the_current_values(qtbot, window, ctx):
    from loyalty.people.staff import add_staff

    add_staff(ctx, "Lucia", "owner", "2468")       # the shop has its owner: no owner page this time
    window.show_screen(4)
    settings = window.settings
    qtbot.mouseClick(settings.setup_button, Qt.MouseButton.LeftButton)
    wizard = settings.wizard
    qtbot.waitExposed(wizard)
    assert wizard.shop_name.text() == "Mi tienda"
    wizard.shop_name.setText("Panadería Lola")
    while wizard.currentId() != wizard.pageIds()[-1]:
        wizard.next()
    wizard.accept()
    assert not wizard.isVisible() and load_programme(ctx.db).shop_name == "Panadería Lola"
    assert settings.fields["shop_name"].text() == "Panadería Lola" and settings.banner.kind == "success"


def wheel_down(widget) -> None:
    """One notch of the mouse wheel, the pointer in the middle of the widget."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    inside = QPointF(widget.rect().center())
    QApplication.sendEvent(widget, QWheelEvent(inside, QPointF(widget.mapToGlobal(inside.toPoint())), QPoint(0, 0),
                                               QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                                               Qt.ScrollPhase.NoScrollPhase, False))


def test_the_wheel_over_a_settings_choice_scrolls_the_page_and_leaves_the_choice(qtbot, window, ctx):
    window.show_screen(4)
    settings = window.settings
    paper, bar = settings.fields["card_paper"], settings.scroll.verticalScrollBar()
    bar.setValue(paper.mapTo(settings.scroll.widget(), paper.rect().topLeft()).y() - 100)   # in view, room below
    before = bar.value()
    assert 0 < before < bar.maximum()
    assert paper.currentData() == "A4" and not paper.hasFocus()
    wheel_down(paper)
    assert paper.currentData() == "A4", "scrolling past it does not choose Letter"
    assert bar.value() > before, "the page scrolled instead"
    paper.setFocus()
    wheel_down(paper)
    assert paper.currentData() == "Letter", "once chosen (focused) the wheel changes it"
    qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
    assert load_programme(ctx.db).card_paper == "Letter"


def test_settings_show_what_a_sale_earns_at_each_tier(window):
    window.show_screen(4)   # loaded when shown, never ahead (test_ui_screen_access.py)
    settings = window.settings
    assert "25 points" in settings.example.text() and "Oro earns 37" in settings.example.text()   # the shop's tier name
    settings.fields["earn_rate"].setText("2")
    assert "50 points" in settings.example.text()
    settings.fields["earn_rate"].setText("abc")
    assert "fix the values" in settings.example.text()


def test_the_history_model_pages_and_is_a_well_behaved_qt_model(qtmodeltester, ctx, enrol):
    from loyalty.ledger.entries import history
    from loyalty.ledger.sales import post_sale
    from ui.members.history_model import HistoryTableModel

    ana = enrol()
    for number in range(3):
        post_sale(ctx, ana.card, 1000, f"T-{number}")
    model = HistoryTableModel(lambda before, limit: history(ctx, ana.id, limit, before), "EUR", 2, "Europe/Madrid")
    model.restart()
    assert model.rowCount() == 3 and not model.canFetchMore()
    assert model.data(model.index(0, 4)) == "T-2"
    qtmodeltester.check(model)


def test_reports_screen_computes_off_the_gui_thread_and_exports(qtbot, window, ctx, enrol, clock, tmp_path):
    from loyalty.ledger.sales import post_sale

    ana = enrol("Ana García")
    post_sale(ctx, ana.card, 2_500)
    clock.advance(days=31)   # into April: the screen offers March, the month just closed
    window.show_screen(3)
    screen = window.reports
    assert screen.selected_month() == "2026-03"
    screen.compute()
    assert screen.busy.isVisible()
    qtbot.waitUntil(lambda: screen.report is not None and screen.thread is None, timeout=10_000)
    value, change = screen.tiles["member_sales"]
    assert value.text().startswith("25") and "€" in value.text() and "▲" in change.text()
    assert screen.top_table.item(0, 0).text() == "Ana García"
    assert screen.flags.topLevelItem(0).text(0) == "No fraud flags this month."
    assert screen.sales_chart.chart().series()[0].barSets()[0].at(9) == 25   # 10 March
    files = screen.export_to("csv", tmp_path / "csv") + screen.export_to("xlsx", tmp_path / "r.xlsx") \
        + screen.export_to("pdf", tmp_path / "r.pdf")
    assert all(path.exists() for path in files) and len(files) == 8


def test_reports_a_month_typed_and_enter_shows_its_report(qtbot, window, ctx, enrol, clock):
    from loyalty.ledger.sales import post_sale

    post_sale(ctx, enrol("Ana García").card, 2_500)
    clock.advance(days=62)   # May: the screen offers April
    window.show_screen(3)
    screen = window.reports
    screen.month.setFocus()
    screen.month.setCurrentSection(QDateTimeEdit.Section.MonthSection)
    qtbot.keyClick(screen.month, Qt.Key.Key_Down)              # April → March
    assert screen.month.text() == "03/2026" and screen.report is None
    qtbot.keyClick(screen.month, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.report is not None and screen.thread is None, timeout=10_000)
    assert screen.report.period.label() == "2026-03" and screen.banner.kind == "success"
    assert screen.tiles["member_sales"][0].text().startswith("25")


def test_the_reports_screen_shows_the_figures_before_the_abc_ranking_is_in(qtbot, window, ctx, enrol, clock):
    from dataclasses import replace

    from loyalty.common.period import month_period
    from loyalty.ledger.sales import post_sale
    from loyalty.reports.metrics import compute_report

    post_sale(ctx, enrol("Ana García").card, 2_500)
    full = compute_report(ctx, month_period("2026-03"))
    window.show_screen(3)
    screen = window.reports
    screen._partly_shown(replace(full, abc=[], abc_bounds={}))
    assert screen.tiles["member_sales"][0].text().startswith("25")
    assert screen.abc_table.item(0, 0).text() == "Ranking…" and screen.banner.kind == "info"
    assert not any(button.isEnabled() for button in screen.export_buttons.values())
    screen._shown(full)
    assert screen.abc_table.item(0, 0).text() == "A" and screen.banner.kind == "success"
    assert all(button.isEnabled() for button in screen.export_buttons.values())


def test_back_up_now_and_restore_from_settings(qtbot, window, ctx, enrol):
    enrol("Ana García")
    window.show_screen(4)
    panel = window.settings.backups
    qtbot.mouseClick(panel.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.thread is None and panel.table.rowCount() == 1, timeout=10_000)
    assert window.settings.banner.kind == "success" and panel.table.item(0, 5).text() == "ok"
    assert panel.table.item(0, 3).text() == "1"
    enrol("Luis Pérez")
    panel.table.selectRow(0)
    panel.restore(panel.chosen())
    qtbot.waitUntil(lambda: panel.thread is None and "restored" in window.settings.banner.text(), timeout=10_000)
    assert count(ctx, "members") == 1, "Luis came after the backup"
    assert panel.table.rowCount() == 2, "plus the safety backup taken before restoring"


def test_closing_the_app_takes_a_checked_backup(qtbot, ctx, enrol):
    from loyalty.operations.backups import default_backup_folder, list_backups

    enrol("Ana García")
    window = MainWindow(ctx, backup_on_close=True)
    window.show()
    window.close()
    kept = list_backups(default_backup_folder(ctx), ctx.programme().shop_id)
    assert [(info.kind, info.members, info.ok) for info in kept] == [("close", 1, True)]


def test_the_import_wizard_shows_the_check_first_and_imports_only_when_asked(qtbot, english, window, ctx,
                                                                          tmp_path):
    csv_file = tmp_path / "socios.csv"
    csv_file.write_text("Nombre;Correo\nAna;ana@example.es\nEva;eva@\nLuis;\n", encoding="utf-8")
    window.show_screen(1)
    qtbot.mouseClick(window.members.import_button, Qt.MouseButton.LeftButton)
    dialog = window.members.importer
    dialog.path.setText(str(csv_file))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.plan is not None and dialog.thread is None, timeout=10_000)
    assert "2 rows are good, 1 has problems, 0 may be duplicates" in dialog.summary.text()   # each count its form
    assert [dialog.table.item(0, column).text() for column in range(2)] == ["3", "Correo"]
    assert not dialog.import_button.isEnabled(), "a bad row blocks the import until the box is ticked"
    assert count(ctx, "members") == 0
    dialog.skip_invalid.setChecked(True)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Imported: 2 new members · 0 merged into members on file" in dialog.summary.text(),
                    timeout=10_000)
    assert (dialog.progress.value(), dialog.progress.maximum()) == (2, 2), "the bar counted the rows"
    assert count(ctx, "members") == 2
    qtbot.waitUntil(lambda: window.members.count_label.text().startswith("2"))
    dialog.reject()


def test_a_screen_name_that_wraps_keeps_its_shortcut_line(window):
    """A title wrapped over two lines in the sidebar still shows its 'Ctrl+N' line below."""
    from PySide6.QtGui import QFont, QFontMetrics

    window.sidebar.item(5).setText("Registro de auditoría\nCtrl+6")
    window.fit_sidebar_items()
    font = QFont(window.sidebar.font())
    font.setPointSize(14)
    three_lines = 3 * QFontMetrics(font).lineSpacing()
    assert window.sidebar.visualItemRect(window.sidebar.item(5)).height() >= three_lines + 2 * 12   # + padding
