"""Two tills, no server (issue 23), driven through the real windows: the back office's window keeps
the shop's hub (Settings → Shops and tills) and adds a till; the new till joins at its first start
with that code; a sale at each shows at the other; the hub's PC goes off — both keep selling and
say so in their headers — and when it is back, both catch up. Screens and both databases checked."""

import pytest
from PySide6.QtCore import Qt
from hub_helpers import remove_kept_hub
from ui_helpers import press, type_fast

from loyalty.chain import hosting, pg_server
from loyalty.chain.link import hub_link
from loyalty.programme.shop import open_shop


def entries(ctx) -> set[str]:
    return {ref for (ref,) in ctx.db.execute("SELECT receipt_ref FROM entries WHERE kind = 'earn'")}


def sell(qtbot, window, card: str, amount: str, ref: str) -> None:
    counter = window.counter
    counter.open_card(card)
    type_fast(qtbot, counter.sale.amount, amount)
    type_fast(qtbot, counter.sale.reference, ref)
    press(qtbot, Qt.Key.Key_Return, counter.sale.amount)
    assert counter.banner.kind == "success", counter.banner.text()


@pytest.fixture
def back_office(qtbot, ctx, enrol, monkeypatch):
    from ui.settings.tills_panel import TillsPanel
    from ui.shell.main_window import MainWindow

    monkeypatch.setattr(hosting, "DEFAULT_PORT", pg_server.free_port("0.0.0.0"))
    answers = iter(["M1", "Caja 2"])
    monkeypatch.setattr(TillsPanel, "ask_text", lambda self, title, label, text="": next(answers))
    monkeypatch.setattr(TillsPanel, "confirm", lambda self, title, question: True)
    ana = enrol("Ana García")
    window = MainWindow(ctx, sync=True)
    qtbot.addWidget(window)
    window.show()
    window.sync.start()
    yield window, ana
    window.shutdown()
    remove_kept_hub(ctx)


def test_two_tills_share_a_hub_on_the_back_office_pc_and_ride_out_its_being_off(qtbot, ctx, back_office, tmp_path,
                                                                               clock, monkeypatch):
    from ui.settings.first_run import FirstRunWizard
    from ui.shell.main_window import MainWindow

    office, ana = back_office
    office.show_screen(4)
    panel = office.settings.tills
    qtbot.mouseClick(panel.keep_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: hub_link(ctx) is not None and panel.thread is None, timeout=30_000)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.thread is None and hasattr(panel, "code_dialog"), timeout=20_000)
    code = panel.code_dialog.code.text()
    panel.code_dialog.reject()

    second = open_shop(tmp_path / "caja2.sqlite", clock=clock, staff_id="setup")
    wizard = FirstRunWizard(second)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.joining.setChecked(True)
    wizard.next()
    wizard.join_code.setText(code)
    wizard.accept()
    assert wizard.joined and hub_link(second).store == "M1"
    till = MainWindow(second, sync=True)
    qtbot.addWidget(till)
    till.show()
    till.sync.start()
    try:
        qtbot.waitUntil(lambda: second.db.execute("SELECT COUNT(*) FROM members").fetchone()[0] == 1, timeout=20_000)
        office.show_screen(0)
        sell(qtbot, office, ana.card, "12,50", "A-1")
        sell(qtbot, till, ana.card, "20,00", "B-1")
        qtbot.waitUntil(lambda: entries(ctx) == entries(second) == {"A-1", "B-1"}, timeout=20_000)
        assert "in sync" in till.sync_label.text()

        hosting.stop_kept_hub(ctx)                       # the back office PC is off
        sell(qtbot, till, ana.card, "5,00", "B-2")       # the till sells all the same
        sell(qtbot, office, ana.card, "7,00", "A-2")
        qtbot.waitUntil(lambda: "offline" in till.sync_label.text(), timeout=30_000)
        assert "B-2" in entries(second) and "B-2" not in entries(ctx)

        hosting.start_kept_hub(ctx)                      # on again: the app opened
        qtbot.waitUntil(lambda: entries(ctx) == entries(second) == {"A-1", "A-2", "B-1", "B-2"}, timeout=30_000)
        qtbot.waitUntil(lambda: "in sync" in till.sync_label.text() and "in sync" in office.sync_label.text(),
                        timeout=20_000)
        balance = "SELECT balance FROM members WHERE uuid = ?"
        assert ctx.db.execute(balance, [ana.uuid]).fetchone() == second.db.execute(balance, [ana.uuid]).fetchone()

        # The hub's keeper killed while the back office's app runs: the app starts it again (it
        # looks every KEEPER_LOOK_EVERY_ROUNDS rounds; one here), and the till gets through.
        import os
        import signal

        from loyalty.chain import keeper
        from ui.shell import sync_runner
        monkeypatch.setattr(sync_runner, "KEEPER_LOOK_EVERY_ROUNDS", 1)
        folder = hosting.kept_hub(ctx).folder
        killed = keeper.running_pid(folder)
        os.kill(killed, signal.SIGKILL)
        qtbot.waitUntil(lambda: keeper.running_pid(folder) not in (None, killed), timeout=30_000)
        sell(qtbot, till, ana.card, "3,00", "B-3")
        qtbot.waitUntil(lambda: "B-3" in entries(ctx), timeout=30_000)
    finally:
        till.shutdown()
        second.db.close()
