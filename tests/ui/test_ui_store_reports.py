"""The Reports screen of a chain's till (against a real hub): a store picker — the whole chain or
one store — and the chain's report with each store's line beside its totals; a shop on its own
shows no picker (reports/scope.py, ui/reports/screen.py)."""

import pytest
from PySide6.QtCore import QDate


@pytest.fixture
def madrid_reports(qtbot, hub_db, tmp_path):
    from hub_helpers import two_store_chain

    from ui.reports.screen import ReportsScreen

    madrid, barcelona = two_store_chain(hub_db.dsn, tmp_path)
    screen = ReportsScreen(madrid)
    qtbot.addWidget(screen)
    screen.show()
    yield screen, madrid
    screen.shutdown()
    for till in (madrid, barcelona):
        till.db.close()


def shown(qtbot, screen, store: str | None) -> None:
    screen.month.setDate(QDate(2026, 12, 1))
    screen.store.setCurrentIndex(screen.store.findData(store))
    screen.compute()
    qtbot.waitUntil(lambda: screen.thread is None and screen.report is not None
                    and screen.report.store == store, timeout=20_000)


def cells(table) -> list[list[str]]:
    return [[table.item(row, column).text() for column in range(table.columnCount())]
            for row in range(table.rowCount())]


def test_the_chains_report_has_each_stores_line_and_one_store_can_be_chosen(qtbot, madrid_reports):
    from ui.widgets.formatting import money_text

    screen, madrid = madrid_reports
    screen.activated()
    assert screen.store.isVisible()
    assert [screen.store.itemText(index) for index in range(screen.store.count())] == ["Whole chain", "B2", "M1"]

    shown(qtbot, screen, None)
    assert screen.stores_table.isVisible()
    euros = lambda cents: money_text(cents, 2, "EUR")  # noqa: E731
    assert cells(screen.stores_table) == [
        ["B2", euros(8_000), "2", "2", "1", "80", "20"],
        ["M1", euros(10_000), "1", "1", "1", "100", "0"],
        ["Whole chain", euros(18_000), "3", "2", "2", "180", "20"]], "Ana bought in both: active once in the chain"
    assert screen.tiles["member_sales"][0].text() == euros(18_000)

    shown(qtbot, screen, "B2")
    assert screen.tiles["member_sales"][0].text() == euros(8_000)
    assert screen.tiles["points_outstanding"][0].text() == "30", "Luis's points: B2 is his home store"
    assert not screen.stores_table.isVisible()
    assert "store B2" in screen.banner.text()
    assert cells(screen.top_table)[0][0] == "Ana García", "who bought at B2's tills"
    assert madrid.db.execute("SELECT COUNT(*) FROM report_cache").fetchone()[0] == 0, "an open month is never kept"


def test_a_shop_on_its_own_has_no_store_picker(qtbot, ctx):
    from ui.reports.screen import ReportsScreen

    screen = ReportsScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    assert not screen.store.isVisible() and not screen.store_label.isVisible()
    assert screen.store.currentData() is None
