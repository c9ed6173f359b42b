"""Staff at the window: the first start's owner account, signing in, switching cashier with
F12, the idle lock, and a manager approving a cashier's refund on the spot — driven with key
presses, checked on the screen and in the database."""

from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QApplication, QDialog
from conftest import count
from ui_helpers import press, type_fast

from loyalty.ledger.sales import post_sale
from loyalty.people.staff import add_staff, sign_in

PINS = {"Olga": "24681357", "Manu": "1357", "Carla": "9753"}


def staffed(ctx):
    add_staff(ctx, "Olga", "owner", PINS["Olga"])
    owner = sign_in(ctx, "Olga", PINS["Olga"])
    add_staff(owner, "Manu", "manager", PINS["Manu"])
    add_staff(owner, "Carla", "cashier", PINS["Carla"])
    return owner


def answer_dialog(qtbot, name: str | None, pin: str, then=None):
    """When the next modal dialog opens: pick `name`, type `pin`, press Enter."""
    def fill():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, fill)
            return
        if name is not None:
            dialog.name.setCurrentIndex(dialog.name.findData(name))
        qtbot.keyClicks(dialog.secret, pin)
        qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
        if then:
            then(dialog)
    QTimer.singleShot(20, fill)


def test_a_wrong_pin_is_said_in_the_dialog_and_the_pin_field_cleared(qtbot, ctx):
    from ui.widgets.sign_in import SignInDialog

    staffed(ctx)
    dialog = SignInDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setCurrentIndex(dialog.name.findData("Carla"))
    qtbot.keyClicks(dialog.secret, "0000")
    qtbot.keyClick(dialog.secret, Qt.Key.Key_Return)
    assert "4 tries left" in dialog.problem.text() and dialog.secret.text() == ""
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_f12_switches_the_cashier_and_hides_the_owners_screens(qtbot, window, ctx):
    owner = staffed(ctx)
    ctx.become(owner)
    window.identity_changed()
    assert "Olga" in window.staff_label.text() and not window.sidebar.item(4).isHidden()
    answer_dialog(qtbot, "Carla", PINS["Carla"])
    press(qtbot, Qt.Key.Key_F12, window)
    assert (ctx.staff_id, ctx.role) == ("Carla", "cashier")
    assert "Carla" in window.staff_label.text()
    assert window.sidebar.item(3).isHidden() and window.sidebar.item(4).isHidden(), "reports and settings: owner"


def test_a_switch_says_who_is_at_the_counter_now_and_clears_what_was_said_to_the_one_before(qtbot, window, ctx):
    staffed(ctx)
    ctx.become(sign_in(ctx, "Carla", PINS["Carla"]))
    window.identity_changed()
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert "Carla" in window.counter.banner.text() and window.counter.banner.kind == "warning"   # reports refused
    answer_dialog(qtbot, "Olga", PINS["Olga"])
    press(qtbot, Qt.Key.Key_F12, window)
    assert window.counter.banner.kind == "info"
    assert window.counter.banner.text() == "Olga is at the counter (owner)"


def test_a_cashiers_refund_goes_through_with_a_managers_pin(qtbot, window, ctx, enrol):
    owner = staffed(ctx)
    ana = enrol("Ana García")
    post_sale(owner, ana.card, 5000, "T-1")
    ctx.become(sign_in(ctx, "Carla", PINS["Carla"]))
    window.identity_changed()
    window.counter.open_card(ana.card)
    press(qtbot, Qt.Key.Key_F6)
    refund = window.counter.refund
    refund.amount.clear()
    type_fast(qtbot, refund.amount, "20")
    answer_dialog(qtbot, "Manu", PINS["Manu"])
    press(qtbot, Qt.Key.Key_Return, refund.amount)
    row = ctx.db.execute("SELECT staff_id, points FROM entries WHERE kind = 'reverse'").fetchone()
    assert tuple(row) == ("Carla", -20)
    approval = ctx.db.execute("SELECT staff_id, approved_by FROM audit WHERE action = 'entry.reverse.approved'")
    assert approval.fetchall() == [("Carla", "Manu")]
    assert "Refund of" in window.counter.banner.text()
    assert (ctx.staff_id, ctx.approver) == ("Carla", None), "the approval was for that refund only"


def test_a_refused_approval_writes_nothing_and_says_why(qtbot, window, ctx, enrol):
    owner = staffed(ctx)
    ana = enrol("Ana García")
    post_sale(owner, ana.card, 5000, "T-1")
    ctx.become(sign_in(ctx, "Carla", PINS["Carla"]))
    window.counter.open_card(ana.card)
    press(qtbot, Qt.Key.Key_F6)
    answer_dialog(qtbot, "Manu", "0000", then=lambda dialog: dialog.reject())
    press(qtbot, Qt.Key.Key_Return, window.counter.refund.amount)
    assert count(ctx, "entries") == 1
    assert "needs a manager" in window.counter.banner.text()


def test_the_counter_locks_after_the_idle_time_until_someone_signs_in(qtbot, window, ctx):
    ctx.become(staffed(ctx))
    window.idle.set_minutes(1)
    window.idle.timer.setInterval(50)        # a minute, shortened for the test
    window.idle.timer.start()
    seen = {}

    def while_locked(dialog):
        seen["hidden"] = window.centralWidget().isHidden()
    answer_dialog(qtbot, "Carla", PINS["Carla"], then=while_locked)
    qtbot.waitUntil(lambda: ctx.staff_id == "Carla", timeout=5_000)
    assert seen["hidden"], "the shop's data was hidden while locked"
    assert not window.centralWidget().isHidden() and "Carla" in window.staff_label.text()


def test_the_owner_adds_a_cashier_in_settings(qtbot, window, ctx):
    ctx.become(staffed(ctx))
    window.show_screen(4)
    panel = window.settings.staff
    type_fast(qtbot, panel.name, "Pablo")   # the window holds back fast keys a moment (scanner detection)
    panel.role.setCurrentIndex(panel.role.findData("cashier"))
    type_fast(qtbot, panel.pin, "12")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert "4 to 8 digits" in window.settings.banner.text() and count(ctx, "staff") == 3
    panel.pin.clear()
    type_fast(qtbot, panel.pin, "1234")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert ctx.db.execute("SELECT role FROM staff WHERE name = 'Pablo'").fetchone()[0] == "cashier"
    assert [panel.table.item(row, 0).text() for row in range(panel.table.rowCount())] == ["Carla", "Manu", "Olga",
                                                                                         "Pablo"]
    assert sign_in(ctx, "Pablo", "1234").role == "cashier"


def test_the_audit_screen_filters_by_person_and_exports(qtbot, window, ctx, tmp_path):
    from loyalty.programme.settings import change_settings

    owner = staffed(ctx)
    ctx.become(owner)
    window.identity_changed()
    change_settings(owner, {"earn_rate": "2"})
    window.show_screen(5)
    screen = window.audit
    screen.since.setDate(screen.since.date().addYears(-5))   # the test clock is in 2026
    screen.until.setDate(screen.until.date().addYears(5))
    screen.who.setCurrentIndex(screen.who.findData("Olga"))
    qtbot.mouseClick(screen.show_button, Qt.MouseButton.LeftButton)
    actions = {screen.table.item(row, 3).text() for row in range(screen.table.rowCount())}
    assert "Setting changed" in actions and all(screen.table.item(row, 1).text() == "Olga"   # in words, not the code
                                                for row in range(screen.table.rowCount()))
    screen.export(str(tmp_path / "audit.csv"))
    assert "earn_rate" in (tmp_path / "audit.csv").read_text(encoding="utf-8-sig")


def test_the_ledger_check_runs_off_the_gui_thread_and_names_a_tampered_entry(qtbot, window, ctx, enrol):
    ana = enrol("Ana García")
    post_sale(ctx, ana.card, 2_000)
    window.show_screen(5)
    screen = window.audit
    qtbot.mouseClick(screen.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.thread is None, timeout=10_000)
    assert "every balance, total and seal is right" in screen.banner.text()
    ctx.db.execute("DROP TRIGGER entries_no_update")
    ctx.db.execute("UPDATE entries SET points = 999 WHERE id = 1")
    qtbot.mouseClick(screen.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.thread is None, timeout=10_000)
    assert "entry 1 was edited" in screen.banner.text()


def test_the_app_asks_for_the_owner_at_first_start_then_who_is_at_the_counter(qtbot, ctx):
    from ui.settings.first_run import OWNER
    from ui.shell.app import sign_in_at_start

    def create_owner():      # the setup wizard, its values as they are, up to the owner's page
        wizard = QApplication.activeModalWidget()
        if wizard is None:
            QTimer.singleShot(20, create_owner)
            return
        while wizard.currentId() != OWNER:
            wizard.next()
        wizard.owner_name.setText("Olga")
        for field in (wizard.secret, wizard.again):
            field.setText("24681357")
        while wizard.currentId() != wizard.pageIds()[-1]:
            wizard.next()
        wizard.accept()
    QTimer.singleShot(20, create_owner)
    first = sign_in_at_start(ctx)
    assert (first.staff_id, first.role) == ("Olga", "owner")
    add_staff(first, "Carla", "cashier", PINS["Carla"])
    answer_dialog(qtbot, "Carla", PINS["Carla"])
    later = sign_in_at_start(ctx)
    assert (later.staff_id, later.role) == ("Carla", "cashier")
