"""Which screens each role may see, whatever opens them: every screen × every role × every way
to open it (Ctrl+N, the sidebar, a call such as a scanned card's), checked on the window (which
screen is in view) and in the widgets (nothing of the owner's was loaded for a role that may not
see it); and a screen already open when someone else signs in (F12 or the idle lock)."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from test_ui_staff import answer_dialog
from ui_helpers import press

from loyalty.ledger.enrolment import enrol_member
from loyalty.ledger.sales import post_sale
from loyalty.operations.backups import make_backup
from loyalty.people.members import NewMember
from loyalty.people.staff import add_staff, sign_in
from loyalty.programme.permissions import LEAST_ROLE, ROLES, SCREEN_ACTION, allowed, may_see
from loyalty.programme.rewards import add_reward
from loyalty.programme.settings import change_settings
from loyalty.retention.complaints import open_complaint
from loyalty.retention.followups import add_followup

PINS = {"owner": "24681357", "manager": "1357", "cashier": "9753"}
NAMES = {"owner": "Olga", "manager": "Manu", "cashier": "Carla"}
SCREENS = ("counter", "members", "catalog", "reports", "settings", "audit", "retention")   # Ctrl+1…Ctrl+7
OWNER_SCREENS = ("reports", "settings", "audit", "retention")

# The access table as README.md states it, written out so that a change to permissions.py must change it too.
SPEC = {"cashier": {"counter", "members", "catalog"}, "manager": {"counter", "members", "catalog"},
        "owner": set(SCREENS)}


def test_the_screen_table_is_the_documented_one_and_follows_the_actions():
    assert set(SCREEN_ACTION) == set(SCREENS)
    assert {role: {screen for screen in SCREENS if may_see(role, screen)} for role in ROLES} == SPEC
    for screen, action in SCREEN_ACTION.items():
        assert action is None or action in LEAST_ROLE
        assert all(may_see(role, screen) == (action is None or allowed(role, action)) for role in ROLES)


def shop_with_owners_data(ctx):
    """One account per role, and something of the owner's on every screen: a sale (reports), a
    settings change (audit), a backup and the staff list (settings), a reward, a follow-up and
    a complaint (retention)."""
    for role in ("owner", "manager", "cashier"):
        add_staff(ctx, NAMES[role], role, PINS[role])
    owner = sign_in(ctx, NAMES["owner"], PINS["owner"])
    ana = enrol_member(owner, NewMember(name="Ana García"))
    post_sale(owner, ana.card, 2_500, "T-1")
    change_settings(owner, {"shop_name": "Panadería Lola"})
    make_backup(owner)
    add_reward(owner, "Taza", 300)
    add_followup(owner, ana.card, "Llamar por la tarta", date(2026, 3, 10))
    open_complaint(owner, ana.card, "service", "Cola lenta")
    return owner


def owners_data_on(window, screen: str) -> dict:
    """What of the owner's the screen's widgets hold; all empty when nothing was loaded."""
    if screen == "settings":
        settings = window.settings
        return {"shop name": settings.fields["shop_name"].text(), "staff": settings.staff.table.rowCount(),
                "tiers": settings.tiers.rowCount(), "backups": settings.backups.table.rowCount(),
                "example": settings.example.text()}
    if screen == "audit":
        return {"who": window.audit.who.count(), "changes": window.audit.table.rowCount()}
    if screen == "reports":
        reports = window.reports
        return {"report": reports.report, "top members": reports.top_table.rowCount(),
                "flags": reports.flags.topLevelItemCount(),
                "sales tile": reports.tiles["member_sales"][0].text().strip("—")}
    if screen == "retention":
        retention = window.retention
        return {"follow-ups": retention.followups.rowCount(), "segment": retention.members.rowCount(),
                "complaints": retention.complaints.table.rowCount()}
    return {}


@pytest.fixture
def signed_in_window(qtbot, ctx):
    """The window as the app opens it: someone signs in first, then the window is made for them."""
    from ui.shell.main_window import MainWindow

    shop_with_owners_data(ctx)
    made = []

    def make(role: str):
        ctx.become(sign_in(ctx, NAMES[role], PINS[role]))
        window = MainWindow(ctx)
        qtbot.addWidget(window)
        window.show()
        window.activateWindow()
        qtbot.waitExposed(window)
        activate(qtbot, window)
        made.append(window)
        return window

    yield make
    for window in made:
        window.shutdown()


def open_by(qtbot, window, way: str, index: int) -> None:
    if way == "shortcut":
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.ControlModifier)
    elif way == "sidebar":
        item = window.sidebar.item(index)
        if item.isHidden():   # nothing to click: the keyboard or a stale selection may still pick the row
            window.sidebar.setCurrentRow(index)
        else:
            qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton,
                             pos=window.sidebar.visualItemRect(item).center())
    else:   # what a scanned card, a member's "Open at the counter" or a tool calls
        window.show_screen(index)


@pytest.mark.parametrize("way", ("shortcut", "sidebar", "call"))
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("screen", SCREENS)
def test_a_screen_opens_only_for_a_role_that_may_see_it(qtbot, signed_in_window, screen, role, way):
    window = signed_in_window(role)
    index = SCREENS.index(screen)
    start = 1 if index != 1 else 2                       # from another screen than the one asked for
    window.show_screen(start)
    open_by(qtbot, window, way, index)
    widget = getattr(window, screen)   # each screen is the window's attribute of its name
    if screen in SPEC[role]:
        assert window.screens.currentWidget() is widget and widget.isVisible()
        assert window.sidebar.currentRow() == index and not window.sidebar.item(index).isHidden()
        if screen in ("settings", "audit", "retention"):   # loaded when shown (a report waits for its month)
            assert any(owners_data_on(window, screen).values())
        return
    assert window.screens.currentIndex() == start and not widget.isVisible(), "the screen in view stays"
    assert window.sidebar.currentRow() == start and window.sidebar.item(index).isHidden()
    in_view = window.screens.currentWidget()
    assert in_view.banner.kind == "warning" and in_view.banner.isVisible()
    assert f"only for owner. {NAMES[role]} is signed in as {role}" in in_view.banner.text()
    assert not any(owners_data_on(window, screen).values()), owners_data_on(window, screen)


def load_owners_screen(qtbot, window, screen: str) -> None:
    """The owner opens the screen and uses it, so that it holds the owner's data."""
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + SCREENS.index(screen)), Qt.KeyboardModifier.ControlModifier)
    if screen == "reports":
        window.reports.month.setDate(window.reports.month.date().addMonths(1))   # March, the test clock's month
        window.reports.compute()
        qtbot.waitUntil(lambda: window.reports.report is not None and window.reports.thread is None, timeout=10_000)
    if screen == "retention":
        retention = window.retention
        retention.segment.setCurrentIndex(retention.segment.findData("new_this_month"))   # Ana joined today
        retention.show_segment()
        qtbot.waitUntil(lambda: retention.thread is None and retention.members.rowCount() == 1, timeout=10_000)
        retention.show_tab(retention.complaints)
    if screen == "audit":   # its dates are the computer's, the test clock is in 2026
        window.audit.since.setDate(window.audit.since.date().addYears(-5))
        window.audit.until.setDate(window.audit.until.date().addYears(5))
        qtbot.mouseClick(window.audit.show_button, Qt.MouseButton.LeftButton)
    if screen == "settings":
        window.settings.fields["earn_rate"].setText("3")   # an edit not saved yet
    assert all(owners_data_on(window, screen).values()), owners_data_on(window, screen)


def sign_in_by(qtbot, window, how: str, role: str) -> None:
    answer_dialog(qtbot, NAMES[role], PINS[role])
    if how == "F12":
        press(qtbot, Qt.Key.Key_F12, window)
    else:   # the counter locked itself; the next person unlocks it
        window.idle.set_minutes(1)
        window.idle.timer.setInterval(50)   # a minute, shortened for the test
        window.idle.timer.start()
    qtbot.waitUntil(lambda: window.ctx.staff_id == NAMES[role] and not window.centralWidget().isHidden(),
                    timeout=5_000)
    activate(qtbot, window)   # the dialog closed: back to the window, as a person clicks into it


def activate(qtbot, window) -> None:
    """Shortcuts act in the active window (the offscreen platform does not give it back by itself)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


@pytest.mark.parametrize("how", ("F12", "idle lock"))
@pytest.mark.parametrize("role", ("cashier", "manager"))
@pytest.mark.parametrize("screen", OWNER_SCREENS)
def test_an_owners_screen_in_view_closes_and_forgets_when_someone_else_signs_in(qtbot, signed_in_window, screen,
                                                                                  role, how):
    window = signed_in_window("owner")
    load_owners_screen(qtbot, window, screen)
    sign_in_by(qtbot, window, how, role)
    widget = getattr(window, screen)
    assert window.screens.currentWidget() is window.counter and not widget.isVisible()
    assert window.sidebar.currentRow() == 0 and window.sidebar.item(SCREENS.index(screen)).isHidden()
    assert not any(owners_data_on(window, screen).values()), owners_data_on(window, screen)
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_1 + SCREENS.index(screen)), Qt.KeyboardModifier.ControlModifier)
    assert window.screens.currentWidget() is window.counter, "and the shortcut no longer opens it"


def test_the_owner_back_at_the_counter_finds_settings_as_saved(qtbot, signed_in_window, ctx):
    window = signed_in_window("owner")
    load_owners_screen(qtbot, window, "settings")
    sign_in_by(qtbot, window, "F12", "cashier")
    sign_in_by(qtbot, window, "F12", "owner")
    assert not window.sidebar.item(4).isHidden()
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    settings = window.settings
    assert window.screens.currentWidget() is settings
    assert settings.fields["shop_name"].text() == "Panadería Lola"
    assert settings.fields["earn_rate"].text() == "1", "the unsaved edit was dropped with the owner's sign-out"
    assert [settings.staff.table.item(row, 0).text() for row in range(settings.staff.table.rowCount())] == [
        "Carla", "Manu", "Olga"]
    assert ctx.programme().earn_rate == "1"
