"""The Retention screen's tabs (Ctrl+7) driven as the owner would: complaints, the survey's
questions and results, campaign results, referrals; each test checks the screen and the
database, and a refusal of the domain shows on the banner."""

from datetime import datetime, timezone

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import press, type_fast

from loyalty.ledger.enrolment import enrol_member
from loyalty.ledger.sales import post_sale
from loyalty.people.members import NewMember
from loyalty.people.staff import add_staff, sign_in
from loyalty.programme.campaigns import add_campaign
from loyalty.retention.complaints import open_complaint
from loyalty.retention.survey import active_questions, record_answers, set_questions


def retention(qtbot, window, tab: str):
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    screen = window.retention
    assert window.screens.currentWidget() is screen
    page = getattr(screen, tab)
    screen.tabs.setCurrentWidget(page)
    return screen, page


def cell(table, row: int, column: int) -> str:
    return table.item(row, column).text()


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


# -- complaints ----------------------------------------------------------------------------

def test_the_complaints_tab_lists_the_shops_complaints_filters_resolves_and_records_the_check(
        qtbot, window, ctx, enrol, clock):
    ana, luis = enrol("Ana García"), enrol("Luis Pérez")
    open_complaint(ctx, ana.card, "waiting", "Long queue at the till")
    clock.advance(hours=1)
    open_complaint(ctx, luis.card, "price", "Wrong price on the shelf")
    screen, tab = retention(qtbot, window, "complaints")
    table = tab.table
    assert table.rowCount() == 2
    assert cell(table, 0, 1) == "Luis Pérez" and cell(table, 0, 3) == "Wrong price on the shelf"
    assert luis.card in table.item(0, 1).toolTip()
    tab.category.setCurrentIndex(tab.category.findData("waiting"))
    assert table.rowCount() == 1 and cell(table, 0, 1).startswith("Ana García")
    assert not tab.resolve_button.isEnabled(), "nothing chosen yet"
    table.selectRow(0)
    assert tab.resolve_button.isEnabled() and not tab.satisfied_button.isEnabled()
    qtbot.keyClicks(tab.resolution, "Apologised, opened a second till")
    type_fast(qtbot, tab.points, "50")                         # digits: the scanner detector holds them a moment
    click(qtbot, tab.resolve_button)
    assert screen.banner.kind == "success", screen.banner.text()
    status, resolution = ctx.db.execute("SELECT status, resolution FROM complaints WHERE member_id = ?",
                                        [ana.id]).fetchone()
    assert (status, resolution) == ("resolved", "Apologised, opened a second till")
    assert ctx.db.execute("SELECT balance FROM members WHERE id = ?", [ana.id]).fetchone()[0] == 50
    assert cell(table, 0, 4) == "resolved" and tab.satisfied_button.isEnabled(), "still chosen, now to check"

    tab.status.setCurrentIndex(tab.status.findData("to_check"))
    tab.category.setCurrentIndex(0)
    assert table.rowCount() == 1
    table.selectRow(0)
    qtbot.keyClicks(tab.note, "Happy with the points")
    click(qtbot, tab.satisfied_button)
    assert ctx.db.execute("SELECT satisfied FROM complaints WHERE member_id = ?", [ana.id]).fetchone()[0] == 1
    assert ctx.db.execute("SELECT outcome FROM followups WHERE member_id = ?",
                          [ana.id]).fetchone()[0] == "satisfied: Happy with the points"
    assert table.rowCount() == 0, "checked: no longer waiting for the check"
    tab.status.setCurrentIndex(tab.status.findData("open"))
    assert table.rowCount() == 1 and cell(table, 0, 1).startswith("Luis Pérez")


def test_resolving_without_a_resolution_names_the_field_and_writes_nothing(qtbot, window, ctx, enrol):
    ana = enrol("Ana García")
    open_complaint(ctx, ana.card, "product", "Stale bread")
    screen, tab = retention(qtbot, window, "complaints")
    tab.table.selectRow(0)
    click(qtbot, tab.resolve_button)
    assert screen.banner.kind == "error" and "resolution" in screen.banner.text()
    assert ctx.db.execute("SELECT status FROM complaints").fetchone()[0] == "open"


# -- survey set-up and results -------------------------------------------------------------

def test_the_owner_writes_the_survey_questions_with_the_keyboard_and_saves_them(qtbot, window, ctx):
    screen, tab = retention(qtbot, window, "survey")
    first, second, third = tab.rows[:3]
    qtbot.keyClicks(first.text, "Would you recommend us to a friend?")
    click(qtbot, first.nps)
    qtbot.keyClicks(third.text, "How did you hear of us?")    # a gap: filled rows move up on saving
    third.kind.setFocus()
    press(qtbot, Qt.Key.Key_C, third.kind)                     # "Choice"
    assert third.kind.currentData() == "choice" and third.choices.isEnabled() and not third.nps.isEnabled()
    qtbot.keyClicks(third.choices, "Friends; Social media; Passing by")
    click(qtbot, tab.save_button)
    assert screen.banner.kind == "success", screen.banner.text()
    saved = active_questions(ctx)
    assert [(q.position, q.text, q.kind, q.choices, q.is_nps) for q in saved] == [
        (1, "Would you recommend us to a friend?", "scale", (), True),
        (2, "How did you hear of us?", "choice", ("Friends", "Social media", "Passing by"), False)]
    assert second.text.text() == "How did you hear of us?" and tab.rows[2].text.text() == ""


def test_a_refused_question_is_marked_and_the_old_questions_stay(qtbot, window, ctx):
    set_questions(ctx, [{"text": "Old question", "kind": "text"}])
    screen, tab = retention(qtbot, window, "survey")
    assert tab.rows[0].text.text() == "Old question"
    tab.rows[1].kind.setCurrentIndex(tab.rows[1].kind.findData("choice"))
    qtbot.keyClicks(tab.rows[1].text, "Favourite colour?")
    qtbot.keyClicks(tab.rows[1].choices, "Red")
    click(qtbot, tab.save_button)
    assert screen.banner.kind == "error" and "question 2" in screen.banner.text()
    assert "a3261b" in tab.rows[1].text.styleSheet()
    assert [q.text for q in active_questions(ctx)] == ["Old question"]


def test_emptying_every_question_switches_the_survey_off(qtbot, window, ctx):
    set_questions(ctx, [{"text": "Old question", "kind": "text"}])
    screen, tab = retention(qtbot, window, "survey")
    tab.rows[0].text.selectAll()
    press(qtbot, Qt.Key.Key_Delete, tab.rows[0].text)
    click(qtbot, tab.save_button)
    assert screen.banner.kind == "success" and "survey is off" in screen.banner.text()
    assert active_questions(ctx) == []


def test_only_one_question_can_be_the_nps_question(qtbot, window):
    _, tab = retention(qtbot, window, "survey")
    click(qtbot, tab.rows[0].nps)
    click(qtbot, tab.rows[1].nps)
    assert [row.nps.isChecked() for row in tab.rows[:3]] == [False, True, False]


def test_the_survey_results_of_a_month(qtbot, window, ctx, enrol):
    questions = set_questions(ctx, [{"text": "Recommend?", "kind": "scale", "nps": True},
                                    {"text": "Found it?", "kind": "yes_no"}])
    for number, (score, found) in enumerate((("10", "yes"), ("9", "yes"), ("6", "no"), ("8", "yes"))):
        record_answers(ctx, enrol(f"Socio {number}").card, {questions[0].id: score, questions[1].id: found})
    _, tab = retention(qtbot, window, "survey")
    assert "4 responses" in tab.summary.text()
    assert "NPS 25" in tab.summary.text(), "2 promoters, 1 detractor of 4"
    assert tab.results.rowCount() == 2
    assert cell(tab.results, 0, 0) == "Recommend?" and cell(tab.results, 0, 1) == "4"
    assert "8" in cell(tab.results, 0, 2) and "3" in cell(tab.results, 0, 2), "average 8.25 shown as 8.3"
    assert cell(tab.results, 1, 2) == "yes: 3 · no: 1"
    tab.month.setDate(tab.month.date().addMonths(-1))
    click(qtbot, tab.results_button)
    assert "0 responses" in tab.summary.text() and tab.results.rowCount() == 0


# -- campaign results ----------------------------------------------------------------------

def test_the_campaigns_tab_shows_what_a_campaign_achieved(qtbot, window, ctx, enrol, clock):
    ana = enrol("Ana García", marketing_consent=True)
    enrol("Luis Pérez", marketing_consent=True)                # told, did not come
    eva = enrol("Eva Ruiz")                                    # not told: no consent
    post_sale(ctx, ana.card, 1000, "T1")                       # 10 March, before the campaign
    campaign = add_campaign(ctx, "Dobles", "2", "2026-03-12", "2026-03-20")
    clock.current = datetime(2026, 3, 12, 11, tzinfo=timezone.utc)
    post_sale(ctx, ana.card, 1000, "T2")                       # 10 base + 10 campaign points
    post_sale(ctx, ana.card, 1000, "T3")
    post_sale(ctx, eva.card, 500, "T4")                        # 5 campaign points: costs, but not targeted
    screen, tab = retention(qtbot, window, "campaigns")
    assert tab.campaign.currentData() == campaign.id
    click(qtbot, tab.show_button)
    qtbot.waitUntil(lambda: tab.thread is None, timeout=10_000)
    assert screen.banner.kind == "success", screen.banner.text()
    shown = {name: label.text() for name, label in tab.figures.items()}
    assert shown["targeted"] == "2" and shown["buyers"] == "1"
    assert shown["conversion"].startswith("50") and shown["conversion"].endswith("%")
    assert shown["visits"] == "2 / 1" and shown["extra_visits"] == "+1"
    assert shown["bonus_points"] == "25"
    assert shown["cost"].startswith("0") and "25" in shown["cost"] and "€" in shown["cost"]
    assert shown["cost_per_converted"] == shown["cost"]
    assert "Dobles" in tab.heading.text()


def test_campaign_results_for_a_segment(qtbot, window, ctx, enrol, clock):
    ana = enrol("Ana García", marketing_consent=True, birthday="15/03/1990")
    enrol("Luis Pérez", marketing_consent=True, birthday="15/07/1990")
    add_campaign(ctx, "Dobles", "2", "2026-03-12", "2026-03-20")
    clock.current = datetime(2026, 3, 12, 11, tzinfo=timezone.utc)
    post_sale(ctx, ana.card, 1000, "T1")
    _, tab = retention(qtbot, window, "campaigns")
    tab.picker.segment.setCurrentIndex(tab.picker.segment.findData("birthday_this_month"))
    assert not tab.picker.value.isEnabled()
    click(qtbot, tab.show_button)
    qtbot.waitUntil(lambda: tab.thread is None, timeout=10_000)
    assert tab.figures["targeted"].text() == "1" and tab.figures["buyers"].text() == "1"
    assert tab.figures["conversion"].text().startswith("100")
    assert "Birthday this month" in tab.heading.text()


def test_a_cashier_is_refused_on_the_banner_not_with_a_traceback(qtbot, window, ctx, enrol):
    add_campaign(ctx, "Dobles", "2", "2026-03-12", "2026-03-20")
    add_staff(ctx, "Olga", "owner", "24681357")
    owner = sign_in(ctx, "Olga", "24681357")
    add_staff(owner, "Carla", "cashier", "9753")
    screen, tab = retention(qtbot, window, "campaigns")
    ctx.become(sign_in(ctx, "Carla", "9753"))
    click(qtbot, tab.show_button)
    qtbot.waitUntil(lambda: tab.thread is None, timeout=10_000)
    assert screen.banner.kind == "error"
    assert "owner" in screen.banner.text() and "Traceback" not in screen.banner.text()
    assert tab.figures["targeted"].text() == "—"


# -- referrals -----------------------------------------------------------------------------

def test_the_referrals_tab_counts_per_month_and_the_top_referrers(qtbot, window, ctx, enrol):
    ana = enrol("Ana García")
    luis = enrol_member(ctx, NewMember(name="Luis Pérez", referrer_card=ana.card))
    enrol_member(ctx, NewMember(name="Eva Ruiz", referrer_card=ana.card))
    enrol_member(ctx, NewMember(name="Pablo Gil", referrer_card=luis.card))
    post_sale(ctx, luis.card, 1000, "T1")
    _, tab = retention(qtbot, window, "referrals")
    qtbot.waitUntil(lambda: tab.thread is None, timeout=10_000)
    assert tab.months.rowCount() == 12, "the last twelve months, also those without referrals"
    assert "2026" in cell(tab.months, 0, 0)                       # March 2026, newest first
    assert (cell(tab.months, 0, 1), cell(tab.months, 0, 2)) == ("3", "1")
    assert all(cell(tab.months, row, 1) == "0" for row in range(1, 12))
    assert [tuple(cell(tab.top, row, column) for column in range(3)) for row in range(2)] == [
        (f"Ana García · {ana.card}", "2", "1"), (f"Luis Pérez · {luis.card}", "1", "0")]
    assert "3 came recommended" in tab.summary.text()


def test_the_screen_reports_on_one_banner_and_switching_tabs_keeps_the_window_usable(qtbot, window):
    screen, _ = retention(qtbot, window, "referrals")
    qtbot.waitUntil(lambda: screen.referrals.thread is None, timeout=10_000)
    for index in range(screen.tabs.count()):
        screen.tabs.setCurrentIndex(index)
        QApplication.processEvents()
    assert screen.banner.isVisible()
    assert window.minimumSizeHint().width() <= 1024
