"""A new till joins a shop's chain from the first start's setup (issue 23), against a real hub:
*This till joins a shop or chain* on the first page, the owner's join code on the next, Finish —
the till takes the chain's programme and staff at once, then the chain's members and history
with a dialog saying how far (into a file of its own on a big chain: ui/shell/first_download.py);
a wrong code is said on the page and nothing is written."""

import threading
from datetime import datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from ui_helpers import wizard_for

from loyalty.chain import first_download, hub_admin
from loyalty.chain.bulk_download import awaits_first_download
from loyalty.chain.link import hub_link, join
from loyalty.chain.rounds import sync_once, take_in_programme
from loyalty.common.clock import FixedClock
from loyalty.ledger.enrolment import enrol_member
from loyalty.ledger.sales import post_sale
from loyalty.people.members import NewMember
from loyalty.people.staff import add_staff, has_staff, sign_in
from loyalty.programme.settings import change_settings
from loyalty.programme.shop import open_shop
from loyalty.storage import database_path, write_transaction
from ui.settings.first_run import JOIN, MONEY, SHOP, FirstRunWizard
from ui.shell.first_download import FirstDownloadDialog

NOON = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def chain(hub, tmp_path):
    """The shop's first till, joined to the hub, with its owner, its name and a member who bought."""
    first = open_shop(tmp_path / "first.sqlite", clock=FixedClock(NOON), staff_id="Olga")
    add_staff(first, "Olga", "owner", "4321")
    owner = sign_in(first, "Olga", "4321")
    with write_transaction(owner.db):
        change_settings(owner, {"shop_name": "Panadería Lucía"})
    join(owner, hub_admin.add_counter(hub.dsn, "M1", "Till 1", device_id=first.device_id).text())
    ana = enrol_member(owner, NewMember(name="Ana García"))
    post_sale(owner, ana.card, 4_590, "T-1")
    assert sync_once(owner).problem is None
    yield owner
    first.db.close()



def enter(qtbot, wizard) -> None:
    qtbot.keyClick(wizard.currentPage(), Qt.Key.Key_Return)


def test_a_new_till_joins_from_the_setup_and_takes_the_chains_rules_and_staff(qtbot, ctx, hub, chain):
    code = hub_admin.add_counter(hub.dsn, "M1", "Till 2").text()
    wizard = wizard_for(qtbot, ctx)
    assert wizard.currentId() == SHOP and wizard.joining.isVisible()
    wizard.joining.setChecked(True)
    assert not wizard.shop_name.isEnabled(), "the shop's name comes from the chain"
    enter(qtbot, wizard)
    assert wizard.currentId() == JOIN

    qtbot.keyClicks(wizard.join_code, "lhj1.not-a-code")
    enter(qtbot, wizard)                       # Finish: refused, said on the page, nothing written
    assert wizard.isVisible() and wizard.currentId() == JOIN
    assert "join code" in wizard.problem[JOIN].text()
    assert hub_link(ctx) is None and not has_staff(ctx)

    wizard.join_code.selectAll()
    qtbot.keyClicks(wizard.join_code, code)    # as a scanner types the QR code
    enter(qtbot, wizard)
    assert not wizard.isVisible() and wizard.joined
    assert hub_link(ctx).store == "M1"
    assert ctx.programme().shop_name == "Panadería Lucía", "the chain's programme, at once"
    assert sign_in(ctx, "Olga", "4321").role == "owner", "the chain's staff sign in here"
    assert sync_once(ctx).problem is None      # the background round: the members and their history
    assert ctx.db.execute("SELECT name FROM members").fetchall() == [("Ana García",)]
    assert ctx.db.execute("SELECT SUM(spend_cents) FROM entries").fetchone()[0] == 4_590


def test_a_shop_that_is_set_up_alone_never_sees_the_join_page(qtbot, ctx):
    wizard = wizard_for(qtbot, ctx)
    assert not wizard.joining.isChecked()
    enter(qtbot, wizard)
    assert wizard.currentId() == MONEY


def test_the_first_start_that_joins_a_chain_then_asks_the_chains_staff_who_is_at_the_counter(qtbot, ctx, hub, chain):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.shell.app import sign_in_at_start

    code = hub_admin.add_counter(hub.dsn, "M1", "Till 2").text()
    asked = []

    def answer(kind_of_dialog, fill):
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind_of_dialog):
            QTimer.singleShot(20, lambda: answer(kind_of_dialog, fill))
            return
        asked.append(type(dialog).__name__)
        fill(dialog)

    def join_in(wizard):
        wizard.joining.setChecked(True)
        wizard.next()
        wizard.join_code.setText(code)
        wizard.accept()
        QTimer.singleShot(20, lambda: answer(SignInDialog, sign_in_as_olga))

    def sign_in_as_olga(dialog):
        dialog.name.setCurrentIndex(dialog.name.findData("Olga"))
        qtbot.keyClicks(dialog.secret, "4321")
        qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)

    from ui.widgets.sign_in import SignInDialog
    QTimer.singleShot(20, lambda: answer(FirstRunWizard, join_in))
    signed_in = sign_in_at_start(ctx)
    assert asked == ["FirstRunWizard", "SignInDialog"]
    assert (signed_in.staff_id, signed_in.role) == ("Olga", "owner")
    assert hub_link(ctx) is not None


@pytest.fixture
def big_chain(chain, monkeypatch):
    """The chain with 60 sales more, downloaded as a big chain is (a file of its own, in pages)."""
    card = chain.db.execute("SELECT card FROM members").fetchone()[0]
    for number in range(60):
        post_sale(chain, card, 1_000 + number, f"T-{number + 2}")
    assert sync_once(chain).problem is None
    monkeypatch.setattr(first_download, "BULK_FROM", 1)
    monkeypatch.setattr(first_download, "PAGE", 7)
    return chain


def side_files(ctx) -> list[str]:
    folder = Path(database_path(ctx.db)).parent
    return sorted(path.name for path in folder.iterdir() if path.name.endswith((".download", ".building")))


def test_a_till_that_joined_takes_in_a_big_chain_into_a_file_of_its_own_saying_how_far(
        qtbot, ctx, hub, big_chain, spanish):
    join(ctx, hub_admin.add_counter(hub.dsn, "M1", "Till 2").text())
    dialog = FirstDownloadDialog(ctx)
    qtbot.addWidget(dialog)
    shown = []
    dialog.said.connect(lambda text: shown.append((dialog.stage.text(), dialog.bar.maximum())))
    dialog.run()
    assert not dialog.isVisible() and dialog.result_state.problem is None
    assert ctx.db.execute("SELECT COUNT(*), SUM(spend_cents) FROM entries").fetchone() == \
        big_chain.db.execute("SELECT COUNT(*), SUM(spend_cents) FROM entries").fetchone()
    assert ctx.db.execute("SELECT name FROM members").fetchall() == [("Ana García",)]
    assert side_files(ctx) == [], "the side file and the copy are gone"
    assert any(text[0].isdigit() and " de unos " in text and "movimientos traídos del concentrador" in text
               and bar == 1000 for text, bar in shown), "the fetch counts, in Spanish"
    assert any("socios calculados" in text for text, _ in shown)


def stopped_at_the_first_page(qtbot, ctx) -> FirstDownloadDialog:
    """The dialog run with *Go on later* pressed as the first page comes."""
    dialog = FirstDownloadDialog(ctx)
    qtbot.addWidget(dialog)
    clicked = threading.Event()
    say = dialog._say

    def say_once_the_button_is_pressed(text):   # the worker waits for the first click, as a slow fetch would
        if not clicked.is_set():
            dialog.said.emit(text)
            clicked.wait(10)
        say(text)

    def press_later(_text):
        if not clicked.is_set():
            qtbot.mouseClick(dialog.later, Qt.MouseButton.LeftButton)
            clicked.set()

    dialog._say = say_once_the_button_is_pressed
    dialog.said.connect(press_later)
    dialog.run()
    return dialog


def test_go_on_later_stops_the_download_and_the_next_start_goes_on_from_there(qtbot, ctx, hub, big_chain):
    join(ctx, hub_admin.add_counter(hub.dsn, "M1", "Till 2").text())
    dialog = stopped_at_the_first_page(qtbot, ctx)
    assert dialog.result_state is None and not dialog.later.isEnabled()
    assert ctx.db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 0, "the shop's file untouched"
    assert side_files(ctx) == [Path(database_path(ctx.db)).name + ".download"], "what was fetched is kept"
    again = FirstDownloadDialog(ctx)
    qtbot.addWidget(again)
    again.run()
    assert again.result_state.problem is None and side_files(ctx) == []
    assert ctx.db.execute("SELECT COUNT(*) FROM entries").fetchone() == \
        big_chain.db.execute("SELECT COUNT(*) FROM entries").fetchone()


def test_after_go_on_later_the_windows_rounds_take_the_chain_in_and_drop_what_was_fetched_aside(
        qtbot, ctx, hub, big_chain):
    join(ctx, hub_admin.add_counter(hub.dsn, "M1", "Till 2").text())
    take_in_programme(ctx)
    assert awaits_first_download(ctx), "the hub holds entries: the start shows the dialog"
    stopped_at_the_first_page(qtbot, ctx)
    assert awaits_first_download(ctx), "stopped: the next start shows it again"
    assert sync_once(ctx).problem is None          # the window's round: in turns
    assert ctx.db.execute("SELECT COUNT(*) FROM entries").fetchone() == \
        big_chain.db.execute("SELECT COUNT(*) FROM entries").fetchone()
    assert side_files(ctx) == [] and not awaits_first_download(ctx)
