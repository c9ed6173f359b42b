"""The window of a counter joined to a hub syncs in the background and says so in the header
(against a real PostgreSQL hub): up to date, entries waiting, or not reached — and the counter
keeps selling while the hub is out of reach. A counter on its own shows nothing of it."""

import pytest

from loyalty.chain import hub_admin, rounds
from loyalty.chain.link import join
from loyalty.ledger.sales import post_sale


@pytest.fixture
def joined_window(qtbot, ctx, hub):
    from ui.shell.main_window import MainWindow

    join(ctx, hub_admin.add_counter(hub.dsn, "M1", "Till 1", device_id=ctx.device_id).text())
    window = MainWindow(ctx, sync=True)
    window.sync.timer.setInterval(60_000)     # the test asks for each round itself
    qtbot.addWidget(window)
    window.show()
    yield window
    window.shutdown()


def round_done(qtbot, window):
    qtbot.waitUntil(lambda: window.sync.thread is None, timeout=15_000)   # a round still going would be skipped
    window.sync.round()
    assert window.sync.thread is not None
    qtbot.waitUntil(lambda: window.sync.thread is None, timeout=15_000)


def test_the_header_says_how_the_sync_goes_and_the_counter_never_waits(qtbot, ctx, enrol, hub, joined_window,
                                                                      monkeypatch):
    window = joined_window
    ana = enrol("Ana García")
    post_sale(ctx, ana.card, 1_000, "T-1")
    window.sync.start()
    qtbot.waitUntil(lambda: window.sync_label.isVisible() and "in sync" in window.sync_label.text(),
                    timeout=15_000)
    assert hub_admin.hub_status(hub.dsn)["devices"][0]["last_seq"] == 1

    real = rounds.conninfo
    monkeypatch.setattr(rounds, "conninfo", lambda ctx, link: real(ctx, link).replace(f"port={link.port}", "port=1"))
    post_sale(ctx, ana.card, 2_000, "T-2")          # the hub is out of reach: the sale is saved here all the same
    round_done(qtbot, window)
    assert "offline since" in window.sync_label.text() and "1 to send" in window.sync_label.text()
    problem = ctx.db.execute("SELECT last_problem FROM hub_link").fetchone()[0]
    assert problem and window.sync_label.toolTip().endswith(problem), "why, one hover away"
    assert window.sync_label.toolTip().count("\n") == 1
    assert ctx.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 2

    monkeypatch.setattr(rounds, "conninfo", real)
    round_done(qtbot, window)
    assert "in sync" in window.sync_label.text()
    assert hub_admin.hub_status(hub.dsn)["devices"][0]["last_seq"] == 2


def test_a_counter_on_its_own_shows_nothing_of_a_hub(qtbot, ctx, enrol):
    """Not at the start, nor after a sale (which asks for a round: there is none to run)."""
    from PySide6.QtCore import Qt
    from ui_helpers import press, type_fast

    from ui.shell.main_window import MainWindow

    window = MainWindow(ctx, sync=True)
    qtbot.addWidget(window)
    window.show()
    window.sync.start()
    assert not window.sync_label.isVisible() and not window.sync.timer.isActive()
    window.counter.open_card(enrol("Ana García").card)
    type_fast(qtbot, window.counter.sale.amount, "12,50")
    press(qtbot, Qt.Key.Key_Return, window.counter.sale.amount)
    assert window.counter.banner.kind == "success"
    assert window.sync.thread is None
    qtbot.wait(300)
    assert not window.sync_label.isVisible()
    window.shutdown()


def test_the_cashier_is_told_why_a_redemption_is_capped_while_the_hub_is_out_of_reach(qtbot, window, ctx, enrol,
                                                                                       settings):
    from datetime import timedelta

    from PySide6.QtCore import Qt
    from hub_helpers import linked_without_a_hub
    from ui_helpers import press, type_fast

    from loyalty.common.clock import to_iso
    from loyalty.storage import write_transaction

    settings(offline_redeem_points=1_000, offline_after_minutes=60)
    linked_without_a_hub(ctx, ctx.clock.now() - timedelta(hours=3))
    ana = enrol("Ana García")
    post_sale(ctx, ana.card, 500_000, "T-1")
    window.counter.open_card(ana.card)
    panel = window.counter.panel
    assert panel.offline.isVisible(), "said before the cashier tries"
    assert "has not reached the hub since" in panel.offline.text() and "not be here yet" in panel.offline.text()
    assert "up to 1000 points more (limit 1000)" in panel.offline.text()
    press(qtbot, Qt.Key.Key_F4)
    type_fast(qtbot, window.counter.redeem.points, "1500")
    press(qtbot, Qt.Key.Key_Return)
    assert window.counter.banner.kind == "error"
    assert "has not reached the hub" in window.counter.banner.text() and "at most 1000 points" in \
        window.counter.banner.text()
    assert ctx.db.execute("SELECT COUNT(*) FROM entries WHERE kind = 'redeem'").fetchone()[0] == 0
    window.counter.redeem.points.clear()
    type_fast(qtbot, window.counter.redeem.points, "400")
    press(qtbot, Qt.Key.Key_Return)
    assert window.counter.banner.kind == "success"
    assert "up to 600 points more" in panel.offline.text(), "the panel follows what was redeemed"

    with write_transaction(ctx.db):                   # in touch again: nothing to say
        ctx.db.execute("UPDATE hub_link SET last_upload_at = ?", [to_iso(ctx.clock.now())])
    window.counter.open_card(ana.card)
    assert not panel.offline.isVisible()


def test_a_sale_at_the_counter_is_sent_at_once(qtbot, ctx, enrol, hub, joined_window):
    """Not at the next tick of the timer (here a minute): the counter asks for a round as soon as
    a sale is saved, so the other tills can see it at their next round."""
    from PySide6.QtCore import Qt
    from ui_helpers import press, type_fast

    window = joined_window
    window.sync.start()
    qtbot.waitUntil(lambda: window.sync.thread is None, timeout=15_000)
    ana = enrol("Ana García")
    window.counter.open_card(ana.card)
    type_fast(qtbot, window.counter.sale.amount, "12,50")
    press(qtbot, Qt.Key.Key_Return, window.counter.sale.amount)
    qtbot.waitUntil(lambda: hub_admin.hub_status(hub.dsn)["devices"][0]["last_seq"] == 1, timeout=10_000)


def test_a_new_till_says_how_far_its_first_download_is_and_sells_meanwhile(qtbot, ctx, hub, tmp_path, monkeypatch):
    """The header of a new till taking in the chain's history member by member (chain/first_download.py)
    says how far it is, and says "up to date" when it is done; a sale meanwhile is saved."""
    from hub_helpers import joined_tills

    from loyalty.chain import first_download
    from loyalty.chain.link import hub_link
    from loyalty.common.errors import ValidationError
    from loyalty.ledger.enrolment import enrol_member
    from loyalty.operations.demo import load_demo_data
    from loyalty.people.members import NewMember
    from ui.shell.main_window import MainWindow

    (first,) = joined_tills(hub.dsn, tmp_path, 1)
    cards = [enrol_member(first, NewMember(name=f"Member {n}")).card for n in range(4)]
    for n in range(40):
        post_sale(first, cards[n % 4], 1_000 + n, f"A{n}")
    assert rounds.sync_once(first).problem is None
    monkeypatch.setattr(first_download, "BULK_FROM", 1)
    monkeypatch.setattr(first_download, "ROUND_SECONDS", 0)      # a piece a round
    monkeypatch.setattr(first_download, "PIECE", 5)
    join(ctx, hub_admin.add_counter(hub.dsn, "M1", "Till 2", device_id=ctx.device_id).text())
    window = MainWindow(ctx, sync=True)
    window.sync.timer.setInterval(60_000)
    qtbot.addWidget(window)
    window.show()
    try:
        assert not window.demo_button.isVisible(), "demo data in a chain's till would reach every till"
        with pytest.raises(ValidationError, match="chain"):
            load_demo_data(ctx)
        window.sync.start()
        qtbot.waitUntil(lambda: "history" in window.sync_label.text(), timeout=15_000)
        assert "%" in window.sync_label.text() and "history arrives" in window.sync_label.toolTip()
        post_sale(ctx, cards[0], 5_000, "NEW-1")           # the till sells meanwhile
        while hub_link(ctx).bulk_up_to is not None:
            round_done(qtbot, window)
        round_done(qtbot, window)
        assert "in sync" in window.sync_label.text()
        assert ctx.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == \
            first.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] + 1
    finally:
        window.shutdown()


def test_the_header_says_since_when_the_till_is_offline_and_the_details_say_what_waits(qtbot, ctx, enrol, hub,
                                                                                       joined_window, monkeypatch):
    """In sync (green); offline since a time with what waits (amber: the till only waits); a problem
    for the owner (red: a revoked till); one click opens the details, and *Sync now* runs a round."""
    from PySide6.QtCore import Qt

    from ui.shell.sync_details import IN_SYNC, OFFLINE_COLOUR, OWNER_COLOUR
    from ui.widgets.formatting import since_text

    window = joined_window
    ana = enrol("Ana García")
    window.sync.start()
    round_done(qtbot, window)
    assert "in sync" in window.sync_label.text() and IN_SYNC in window.sync_label.styleSheet()

    real = rounds.conninfo
    monkeypatch.setattr(rounds, "conninfo", lambda ctx, link: real(ctx, link).replace(f"port={link.port}", "port=1"))
    post_sale(ctx, ana.card, 2_000, "T-2")
    post_sale(ctx, ana.card, 3_000, "T-3")
    round_done(qtbot, window)
    last = ctx.db.execute("SELECT last_upload_at FROM hub_link").fetchone()[0]
    hour_minute = since_text(last, ctx.programme().timezone, ctx.clock.now())
    assert "/" not in hour_minute and "." not in hour_minute, "the shop's today: the time alone"
    assert window.sync_label.text() == f"Hub: offline since {hour_minute} · 2 to send"
    assert OFFLINE_COLOUR in window.sync_label.styleSheet()

    qtbot.mouseClick(window.sync_label, Qt.MouseButton.LeftButton)
    details = window.sync_details
    assert details.isVisible()
    assert details.headline.text() == window.sync_label.text()
    assert "cannot be reached" in details.problem.text()
    assert details.to_send.text() == "2 entries of this till"
    assert details.to_take_in.text() == "none"
    assert details.set_aside.text() == "none" and details.store.text() == "M1"
    assert details.hub.text().startswith("127.0.0.1:") and str(hub_link_port(ctx)) in details.hub.text()

    monkeypatch.setattr(rounds, "conninfo", real)
    hub_admin.revoke_counter(hub.dsn, "Till 1")
    qtbot.mouseClick(details.sync_button, Qt.MouseButton.LeftButton)       # a round at once
    qtbot.waitUntil(lambda: "problem for the owner" in window.sync_label.text(), timeout=15_000)
    assert OWNER_COLOUR in window.sync_label.styleSheet()
    assert "revoked" in details.problem.text() and details.headline.text() == window.sync_label.text(), \
        "the open details follow"
    assert ctx.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 2, "the sales stay here"


def hub_link_port(ctx) -> int:
    return ctx.db.execute("SELECT port FROM hub_link").fetchone()[0]


def test_a_first_download_says_about_how_long_it_has_left(qapp, ctx):
    """From how fast its percentage moved since the window first saw it; nothing until it has moved."""
    from loyalty.chain.rounds import SyncState
    from ui.shell.sync_details import TimeLeft, sync_headline

    seconds = [0.0]
    left = TimeLeft(clock=lambda: seconds[0])
    assert left.minutes(10) is None
    seconds[0] = 5
    assert left.minutes(11) is None, "too soon to say"
    seconds[0] = 60
    assert left.minutes(20) == 8                  # 10 % a minute: 80 % in 8 minutes
    state = SyncState(joined=True, downloading=20)
    text, _ = sync_headline(state, "Europe/Madrid", ctx.clock.now(), 8)
    assert text == "Hub: taking in history · 20 % · about 8 min left"
    assert left.minutes(None) is None and left.first is None, "done: forgotten"
