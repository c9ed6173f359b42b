"""Every screen readable at 1024×768 and up: the window opens inside the screen it is on
(measured in a process of its own, on a screen of that size), and on the screens a cashier
uses every text fits its widget, in Spanish and in English (tests/readable.py measures)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from readable import cut_texts, squeezed

from loyalty.ledger.enrolment import enrol_member
from loyalty.operations.demo import load_demo_data
from loyalty.people.members import NewMember
from loyalty.people.staff import add_staff
from loyalty.programme.rules import save_settings
from loyalty.storage import write_transaction
from ui.settings.first_run import DEMO, OWNER, FirstRunWizard
from ui.widgets.sign_in import SignInDialog

ROOT = Path(__file__).resolve().parents[2]
SMALL_SCREEN = (1024, 768)
LONG_NAME = "María de los Ángeles Fernández-Villaverde"
SHOP_NAME = "Panadería y Pastelería La Espiga"


# -- the window on screens of several sizes -----------------------------------------------

def open_on_screen(tmp_path: Path, width: int, height: int, language: str = "es") -> dict:
    """tests/ui/screen_size_driver.py opens the app's window as the app does, on an offscreen
    screen of this size, and says what it saw on each screen of the window."""
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "shop", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    done = subprocess.run([sys.executable, str(ROOT / "tests" / "ui" / "screen_size_driver.py"), str(tmp_path / "shop.sqlite"),
                           language],
                          env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.mark.parametrize("width, height, language", [(1024, 768, "es"), (1024, 768, "en"), (1366, 768, "es")])
def test_every_widget_of_the_window_is_on_a_small_screen(tmp_path, width, height, language):
    seen = open_on_screen(tmp_path, width, height, language)
    assert seen["frame"] == [0, 0, width, height], "smaller than 1280×800 plus a title bar: the whole screen"
    assert seen["maximised"]
    for screen, problems in seen["screens"].items():
        assert problems == [], f"{screen} at {width}×{height}"


def test_on_a_big_screen_the_window_opens_at_its_preferred_size_in_the_middle(tmp_path):
    seen = open_on_screen(tmp_path, 1920, 1080)
    assert seen["window"] == [320, 140, 1280, 800] and not seen["maximised"]
    assert all(problems == [] for problems in seen["screens"].values())


# -- texts that fit, on the screens a cashier uses ------------------------------------------

@pytest.fixture(params=["en", "es"])
def language(request):
    if request.param == "es":
        request.getfixturevalue("spanish")
    return request.param


def unreadable(widget, settle_ms: int = 3_000) -> list[str]:
    """What cannot be read, once the screen has settled: a count or a search answers from its
    thread, then the layout makes room for its text (a real problem stays until the end)."""
    waited = 0
    while True:
        QApplication.processEvents()
        problems = cut_texts(widget) + squeezed(widget)
        if not problems or waited >= settle_ms:
            return problems
        QTest.qWait(50)
        waited += 50


@pytest.fixture
def shop(ctx, settings, language):
    """A shop as a cashier meets it: demo members and rewards, a long name, a member with a long name."""
    settings(shop_name=SHOP_NAME, language=language)
    load_demo_data(ctx)
    enrol_member(ctx, NewMember(name=LONG_NAME, phone="600 123 456"))
    return ctx


@pytest.fixture
def small_window(qtbot, shop):
    from ui.shell.main_window import MainWindow

    window = MainWindow(shop)
    qtbot.addWidget(window)
    window.resize(*SMALL_SCREEN)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.shutdown()


def test_the_counter_reads_whole_at_1024(qtbot, small_window):
    counter = small_window.counter
    assert unreadable(small_window) == [], "nobody on screen yet"
    card = small_window.ctx.db.execute("SELECT card FROM members WHERE name = ?", (LONG_NAME,)).fetchone()[0]
    counter.open_card(card)
    counter.sale.amount.setText("23,95")
    assert unreadable(small_window) == [], "a member and a sale being typed"
    busy = small_window.ctx.db.execute("SELECT card FROM members ORDER BY balance DESC").fetchone()[0]
    counter.open_card(busy)
    for tab in range(counter.actions.count()):
        counter.show_action(tab)
        assert unreadable(small_window) == [], counter.actions.tabText(tab)


def test_the_members_screen_reads_whole_at_1024(qtbot, small_window):
    small_window.show_screen(1)
    qtbot.waitUntil(lambda: small_window.members.model.rowCount() > 0 and bool(small_window.members.count_label.text()))
    assert unreadable(small_window) == []


def test_the_rewards_and_campaigns_read_whole_at_1024(qtbot, small_window):
    small_window.show_screen(2)
    assert unreadable(small_window) == []


def test_the_report_and_its_tier_chart_read_whole_at_1024(qtbot, small_window):
    small_window.show_screen(3)
    reports = small_window.reports
    reports.compute()
    qtbot.waitUntil(lambda: reports.report is not None and reports.thread is None, timeout=20_000)
    assert unreadable(small_window) == []
    chart = reports.tier_chart.chart()
    room = chart.size().width() - chart.margins().left() - chart.margins().right()
    assert QFontMetrics(chart.titleFont()).horizontalAdvance(chart.title()) <= room, chart.title()
    tiers = chart.axes(Qt.Orientation.Vertical)[0]
    assert tiers.categories() == [f"{row['name']}: {row['members']}" for row in reports.report.tier_distribution]
    beside = chart.plotArea().left() - chart.margins().left()
    assert max(QFontMetrics(tiers.labelsFont()).horizontalAdvance(name) for name in tiers.categories()) <= beside
    assert chart.axes(Qt.Orientation.Horizontal)[0].labelFormat() == "%d", "whole members on the scale"


def test_the_enrolment_reads_whole_with_a_problem_and_once_done(qtbot, small_window):
    small_window.counter.enrol()
    dialog = small_window.counter.enrol_dialog
    qtbot.waitExposed(dialog)
    assert unreadable(dialog) == []
    dialog.fields["name"].setText(LONG_NAME)
    dialog.fields["email"].setText("maria.angeles@")
    dialog.save()
    assert dialog.problem.text()
    assert unreadable(dialog) == [], "the problem takes room of its own: the fields keep theirs"
    dialog.fields["email"].clear()
    dialog.save()
    assert dialog.result_label.text()
    assert unreadable(dialog) == []
    dialog.reject()


def test_the_sign_in_reads_whole_after_a_wrong_pin(qtbot, small_window):
    add_staff(small_window.ctx, "Olga Martín", "owner", "4321")
    dialog = SignInDialog(small_window.ctx, parent=small_window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert unreadable(dialog) == []
    dialog.secret.setText("1111")
    dialog._accept()
    assert dialog.problem.text()
    assert unreadable(dialog) == [], "the problem takes room of its own: the fields keep theirs"


def test_every_page_of_the_setup_reads_whole(qtbot, ctx, language):
    with write_transaction(ctx.db):
        save_settings(ctx.db, {"language": language})
    wizard = FirstRunWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    seen = []
    while True:
        seen.append(wizard.currentId())
        assert unreadable(wizard) == [], f"page {wizard.currentId()}"
        if wizard.currentId() == DEMO:
            break
        wizard.next()
    assert OWNER in seen
    wizard.owner_name.setText("Lucía")
    wizard.secret.setText("4321")
    wizard.again.setText("4312")
    wizard.accept()
    assert wizard.currentId() == OWNER and wizard.problem[OWNER].text()
    assert unreadable(wizard) == [], "with the problem said"
    wizard.reject()
