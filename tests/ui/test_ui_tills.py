"""Settings → Shops and tills (issue 23), against a real hub: the chain's stores and tills with
their last contact; with the hub owner's login (asked each time), the owner adds a till (its
join code, with a QR code that reads back), revokes one after a confirmation, renames a store —
the hub and this till's audit trail checked; a wrong login is one sentence and nothing changes;
a shop on its own does not show the panel."""

import pytest
from PySide6.QtCore import Qt

from loyalty.chain import hub_admin
from loyalty.chain.join_code import parse_join_code
from loyalty.chain.link import join
from loyalty.chain.rounds import sync_once


@pytest.fixture
def panel(qtbot, ctx, hub):
    from ui.settings.tills_panel import TillsPanel

    join(ctx, hub_admin.add_counter(hub.dsn, "M1", "Till 1", device_id=ctx.device_id).text())
    assert sync_once(ctx).problem is None
    hub_admin.add_counter(hub.dsn, "M1", "Till 2")
    widget = TillsPanel(ctx)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.shutdown()


def scanned(pixmap) -> list[str]:
    """What a scanner reads from the pixmap (zxing-cpp, as the card tests read printed QR codes)."""
    import io

    import zxingcpp
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pixmap.save(buffer, "PNG")
    return [found.text for found in zxingcpp.read_barcodes(Image.open(io.BytesIO(bytes(buffer.data()))))]


def listed(qtbot, panel) -> list[list[str]]:
    qtbot.waitUntil(lambda: panel.thread is None, timeout=15_000)
    return [[panel.table.item(row, column).text() for column in (0, 1, 2, 4)] for row in range(panel.table.rowCount())]


def answer_login(panel, monkeypatch, user: str, password: str) -> None:
    from loyalty.chain import tills
    monkeypatch.setattr(type(panel), "owner_login", lambda self, what: tills.owner_dsn(self.ctx, user, password))


def test_the_owner_sees_the_tills_adds_one_revokes_one_and_renames_the_store(qtbot, panel, ctx, hub, hub_server,
                                                                             monkeypatch):
    from postgres_server import ADMIN

    panel.reload()
    assert listed(qtbot, panel) == [["M1", "Madrid", "Till 1", "this till"], ["M1", "Madrid", "Till 2", "active"]]
    monkeypatch.setattr(type(panel), "ask_text", lambda self, title, label, text="": "Till 3")
    answer_login(panel, monkeypatch, ADMIN, hub_server.admin_password)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    rows = listed(qtbot, panel)
    assert ["M1", "Madrid", "Till 3", "active"] in rows
    code = panel.code_dialog.code.text()
    assert parse_join_code(code, ctx.clock.now()).store == "M1"
    assert scanned(panel.code_dialog.qr.pixmap()) == [code], "the QR code on the screen reads back as the code"

    panel.table.selectRow(1)                                    # Till 2
    monkeypatch.setattr(type(panel), "confirm", lambda self, title, question: True)
    qtbot.mouseClick(panel.revoke_button, Qt.MouseButton.LeftButton)
    rows = listed(qtbot, panel)
    assert rows[1][2] == "Till 2" and rows[1][3].startswith("revoked")
    assert [d["revoked_at"] is not None for d in hub_admin.hub_status(hub.dsn)["devices"] if d["name"] == "Till 2"] \
        == [True]

    monkeypatch.setattr(type(panel), "ask_text", lambda self, title, label, text="": "Madrid Centro")
    qtbot.mouseClick(panel.rename_button, Qt.MouseButton.LeftButton)
    assert listed(qtbot, panel)[0][1] == "Madrid Centro"
    assert [action for (action,) in ctx.db.execute(
        "SELECT action FROM audit WHERE action LIKE 'hub.%' ORDER BY id")] == \
        ["hub.join", "hub.add_till", "hub.revoke_till", "hub.rename_store"]


def test_a_wrong_owner_login_is_one_sentence_and_nothing_changes(qtbot, panel, hub, monkeypatch):
    panel.reload()
    listed(qtbot, panel)
    panel.table.selectRow(1)
    monkeypatch.setattr(type(panel), "confirm", lambda self, title, question: True)
    answer_login(panel, monkeypatch, "postgres", "not-the-password")
    said = []
    panel.message.connect(lambda kind, text: said.append((kind, text)))
    qtbot.mouseClick(panel.revoke_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.thread is None and bool(said), timeout=15_000)
    assert said[-1][0] == "error" and "password authentication failed" in said[-1][1]
    assert all(d["revoked_at"] is None for d in hub_admin.hub_status(hub.dsn)["devices"])


def test_a_shop_on_its_own_has_no_tills_panel(qtbot, window):
    window.show_screen(4)
    assert not window.settings.tills.isVisible()
