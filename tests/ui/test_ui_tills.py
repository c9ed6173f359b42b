"""Settings → Shops and tills (issue 23), against a real hub: the chain's stores and tills with
their last contact; with the hub owner's login (asked each time), the owner adds a till (its
join code, with a QR code that reads back), revokes one after a confirmation, renames a store —
the hub and this till's audit trail checked; a wrong login is one sentence and nothing changes;
a shop on its own does not show the panel."""

import pytest
from PySide6.QtCore import Qt

from loyalty.chain import hub_admin, tills
from loyalty.chain.join_code import parse_join_code
from loyalty.chain.link import join
from loyalty.chain.rounds import sync_once
from ui.widgets.formatting import count_text


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


def syncing_window(qtbot, ctx):
    """The app's window for `ctx`, syncing as the app's does."""
    from ui.shell.main_window import MainWindow
    window = MainWindow(ctx, sync=True)
    qtbot.addWidget(window)
    window.show()
    window.sync.start()
    return window


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
    return [[panel.table.item(row, column).text() for column in (0, 1, 2, 4, 5)]
            for row in range(panel.table.rowCount())]


def answer_login(panel, monkeypatch, user: str, password: str) -> None:
    monkeypatch.setattr(type(panel), "owner_login", lambda self, what: tills.owner_dsn(self.ctx, user, password))


def test_the_owner_sees_the_tills_adds_one_revokes_one_and_renames_the_store(qtbot, panel, ctx, hub, hub_server,
                                                                             monkeypatch):
    from postgres_server import ADMIN

    panel.reload()
    assert listed(qtbot, panel) == [["M1", "Madrid", "Till 1", "nothing", "this till"],
                                    ["M1", "Madrid", "Till 2", "—", "active"]]      # Till 2: never in touch
    assert panel._waiting(tills.Till("Till 2", "M1", "Madrid", None, None, False, 1234, 56)) == \
        f"{count_text(1234)} to send · 56 to take in"
    monkeypatch.setattr(type(panel), "ask_text", lambda self, title, label, text="": "Till 3")
    answer_login(panel, monkeypatch, ADMIN, hub_server.admin_password)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    rows = listed(qtbot, panel)
    assert ["M1", "Madrid", "Till 3", "—", "active"] in rows
    code = panel.code_dialog.code.text()
    assert parse_join_code(code, ctx.clock.now()).store == "M1"
    assert scanned(panel.code_dialog.qr.pixmap()) == [code], "the QR code on the screen reads back as the code"

    panel.table.selectRow(1)                                    # Till 2
    monkeypatch.setattr(type(panel), "confirm", lambda self, title, question: True)
    qtbot.mouseClick(panel.revoke_button, Qt.MouseButton.LeftButton)
    rows = listed(qtbot, panel)
    assert rows[1][2] == "Till 2" and rows[1][4].startswith("revoked")
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
    assert said[-1][0] == "error" and "refused this login: a wrong user name or password" in said[-1][1]
    assert all(d["revoked_at"] is None for d in hub_admin.hub_status(hub.dsn)["devices"])


def test_a_shop_on_its_own_is_offered_only_to_join_a_hub(qtbot, window):
    window.show_screen(4)
    panel = window.settings.tills
    assert panel.join_button.isVisible() and "on its own" in panel.state.text()
    assert not any(button.isVisible() for button in (panel.add_button, panel.revoke_button, panel.rename_button))
    assert not panel.table.isVisible()


def test_a_shop_on_its_own_joins_a_hub_from_settings_and_starts_syncing(qtbot, ctx, enrol, hub, tmp_path, monkeypatch):
    """Its own history goes up; a hub holding another shop's members asks before merging the two."""
    from hub_helpers import joined_tills

    from loyalty.chain.link import hub_link
    from loyalty.ledger.enrolment import enrol_member
    from loyalty.ledger.sales import post_sale
    from loyalty.people.members import NewMember

    (other,) = joined_tills(hub.dsn, tmp_path, 1)         # another shop's till, already on the hub
    enrol_member(other, NewMember(name="Luis Pérez"))
    assert sync_once(other).problem is None
    ana = enrol("Ana García")
    post_sale(ctx, ana.card, 4_590, "T-1")
    window = syncing_window(qtbot, ctx)
    try:
        window.show_screen(4)
        panel = window.settings.tills
        assert panel.join_button.isVisible() and not panel.table.isVisible()
        assert ctx.device_id in panel.state.text(), "the code must be made for this till's history"
        code = hub_admin.add_counter(hub.dsn, "M1", "Till 9", device_id=ctx.device_id).text()
        monkeypatch.setattr(type(panel), "ask_text", lambda self, title, label, text="": code)
        asked = []
        monkeypatch.setattr(type(panel), "confirm", lambda self, title, question: asked.append(question) or True)
        qtbot.mouseClick(panel.join_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: hub_link(ctx) is not None and panel.thread is None, timeout=20_000)
        assert asked and "another shop's members" in asked[0], "merging two shops only when the owner says so"
        qtbot.waitUntil(lambda: window.sync_label.isVisible(), timeout=10_000)
        qtbot.waitUntil(lambda: any(d["last_seq"] == 1 for d in hub_admin.hub_status(hub.dsn)["devices"]
                                    if d["name"] == "Till 9"), timeout=20_000)
        assert window.settings.banner.kind == "success"
    finally:
        window.shutdown()


def test_this_pc_keeps_the_shops_hub_and_adds_a_till_without_a_login(qtbot, ctx, enrol, monkeypatch):
    """From Settings: the hub made here, this till its first, syncing at once; Add a till uses the
    owner's password kept here."""
    from hub_helpers import remove_kept_hub

    from loyalty.chain import hosting, pg_server
    from loyalty.chain.link import hub_link
    from loyalty.ledger.sales import post_sale
    from ui.settings.tills_panel import TillsPanel

    post_sale(ctx, enrol("Ana García").card, 4_590, "T-1")
    monkeypatch.setattr(hosting, "DEFAULT_PORT", pg_server.free_port("0.0.0.0"))
    window = syncing_window(qtbot, ctx)
    try:
        window.show_screen(4)
        panel = window.settings.tills
        assert panel.keep_button.isVisible()
        answers = iter(["M1", "Till 2"])
        monkeypatch.setattr(TillsPanel, "ask_text", lambda self, title, label, text="": next(answers))
        monkeypatch.setattr(TillsPanel, "confirm", lambda self, title, question: True)
        monkeypatch.setattr("ui.settings.tills_panel.OwnerLogin.exec", lambda self: pytest.fail("no login asked"))
        qtbot.mouseClick(panel.keep_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: hub_link(ctx) is not None and panel.thread is None, timeout=30_000)
        hub = hosting.kept_hub(ctx)
        assert pg_server.is_running(hub.folder) and hub_link(ctx).store == "M1"
        qtbot.waitUntil(lambda: window.sync_label.isVisible() and "in sync" in window.sync_label.text(),
                        timeout=20_000)
        assert listed(qtbot, panel)[0][4] == "this till"
        qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)       # no login: this PC's password
        qtbot.waitUntil(lambda: panel.thread is None and panel.table.rowCount() == 2, timeout=20_000)
        assert "Till 2" in [till.name for till in panel.shown]
        code = panel.code_dialog.code.text()
        assert parse_join_code(code, ctx.clock.now()).cert_sha256, "the hub's certificate, pinned"
        assert scanned(panel.code_dialog.qr.pixmap()) == [code], "the longer code still reads back from its QR code"
        assert f"{hub.port} (this PC)" in panel.state.text()
    finally:
        window.shutdown()
        remove_kept_hub(ctx)


def test_a_shop_makes_the_chains_server_its_hub_from_settings(qtbot, ctx, enrol, hub_server, hub_db, monkeypatch):
    """A chain with a hosted database: the server's address and the owner's login; hub init, the
    store and this till as its counter, joined and syncing. A port that is no number is named."""
    from postgres_server import ADMIN

    from loyalty.chain import hub_admin
    from loyalty.chain.link import hub_link
    from loyalty.ledger.sales import post_sale
    from ui.settings.tills_panel import TillsPanel

    post_sale(ctx, enrol("Ana García").card, 4_590, "T-1")
    window = syncing_window(qtbot, ctx)
    typed = {"host": "127.0.0.1", "port": "x", "dbname": hub_db.name, "user": ADMIN,
             "password": hub_server.admin_password, "sslmode": "disable", "store": "B2", "store_name": "Bilbao"}
    monkeypatch.setattr(TillsPanel, "server_form", lambda self: dict(typed))
    try:
        window.show_screen(4)
        panel = window.settings.tills
        said = []
        panel.message.connect(lambda kind, text: said.append((kind, text)))
        qtbot.mouseClick(panel.server_button, Qt.MouseButton.LeftButton)
        assert said[-1] == ("error", "port: a number from 1 to 65535") and hub_link(ctx) is None
        typed["port"] = str(hub_server.port)
        qtbot.mouseClick(panel.server_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: hub_link(ctx) is not None and panel.thread is None, timeout=30_000)
        assert hub_link(ctx).store == "B2"
        qtbot.waitUntil(lambda: any(d["last_seq"] == 1 for d in hub_admin.hub_status(hub_db.dsn)["devices"]),
                        timeout=20_000)
    finally:
        window.shutdown()


def test_the_hubs_backups_are_listed_taken_and_restored_in_settings(qtbot, ctx, enrol, monkeypatch):
    from hub_helpers import remove_kept_hub

    from loyalty.chain import hosting, pg_server
    from ui.settings.hub_backups_panel import HubBackupsPanel

    window = syncing_window(qtbot, ctx)
    try:
        window.show_screen(4)
        panel = window.settings.hub_backups
        assert not panel.isVisible(), "a PC that keeps no hub"
        hosting.keep_hub_here(ctx, "M1", "Madrid", port=pg_server.free_port("0.0.0.0"))
        window.show_screen(0)
        window.show_screen(4)
        assert panel.isVisible() and panel.table.rowCount() == 0
        said = []
        panel.message.connect(lambda kind, text: said.append((kind, text)))
        qtbot.mouseClick(panel.backup_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.thread is None and panel.table.rowCount() == 1, timeout=30_000)
        assert said[-1][0] == "success" and panel.table.item(0, 1).text() == "on demand"
        monkeypatch.setattr(HubBackupsPanel, "confirm", lambda self, name: True)
        panel.table.selectRow(0)
        qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.thread is None and len(said) == 2, timeout=30_000)
        assert said[-1][0] == "success" and "back as it was" in said[-1][1]
    finally:
        window.shutdown()
        remove_kept_hub(ctx)
