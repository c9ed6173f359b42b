"""The first window, driven as a person would: it shows the shop and its members."""

from PySide6.QtCore import Qt

from loyalty.clock import FixedClock
from loyalty.shop import open_shop
from ui.main_window import MainWindow


def test_window_shows_shop_and_loads_demo_data(qtbot, tmp_path):
    from datetime import datetime, timezone

    ctx = open_shop(tmp_path / "ui.sqlite", clock=FixedClock(datetime(2026, 5, 4, 10, tzinfo=timezone.utc)))
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    assert window.shop_label.text() == "Mi tienda"
    assert window.count_label.text() == "Members: 0"
    assert window.demo_button.isVisible()
    qtbot.mouseClick(window.demo_button, Qt.MouseButton.LeftButton)
    members = ctx.db.execute("SELECT COUNT(*) FROM members").fetchone()[0]
    assert members == 40
    assert window.count_label.text() == "Members: 40"
    assert not window.demo_button.isVisible()
    assert ctx.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] > 100
    from loyalty.verify import verify

    assert verify(ctx) == []
