"""The counter survey at the counter (F10), driven from the keyboard as a cashier would with
the member at the till: what the dialog and the banner say, and what the database holds."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from conftest import count
from ui_helpers import press

from loyalty.retention.survey import set_questions

QUESTIONS = [
    {"text": "¿Recomendaría la tienda a un amigo?", "kind": "scale", "nps": True},
    {"text": "¿Encontró lo que buscaba?", "kind": "yes_no"},
    {"text": "¿Cómo nos conoció?", "kind": "choice", "choices": ["Amigos", "Redes", "Pasaba por aquí"]},
    {"text": "¿Algo que mejorar?", "kind": "text"},
]


def focused():
    return QApplication.focusWidget()


def balance(ctx, member) -> int:
    return ctx.db.execute("SELECT balance FROM members WHERE id = ?", [member.id]).fetchone()[0]


def open_survey(qtbot, window):
    press(qtbot, Qt.Key.Key_F10, window.counter.sale.amount)
    dialog = window.counter.survey_dialog
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.isActiveWindow() and focused() is not None and focused().window() is dialog)
    return dialog


def stored_answers(ctx) -> dict[str, str]:
    return dict(ctx.db.execute("SELECT q.text, a.value FROM survey_answers a JOIN survey_questions q "
                               "ON q.id = a.question_id").fetchall())


def test_f10_asks_every_question_from_the_keyboard_and_the_bonus_comes_once_a_month(
        qtbot, window, ctx, enrol, settings):
    settings(survey_bonus=25)
    set_questions(ctx, QUESTIONS)
    ana = enrol("Ana García")
    window.counter.open_card(ana.card)
    dialog = open_survey(qtbot, window)
    assert "25 points" in dialog.bonus_note.text()
    scale, yes_no, choice, text = dialog.fields.values()
    assert focused() is scale, "the first question has the cursor"
    qtbot.keyClicks(focused(), "9")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is yes_no
    press(qtbot, Qt.Key.Key_S)                       # "sí"
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is choice
    press(qtbot, Qt.Key.Key_2)                       # the second option
    assert choice.currentData() == "Redes"
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "More tills")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()
    assert stored_answers(ctx) == {QUESTIONS[0]["text"]: "9", QUESTIONS[1]["text"]: "yes",
                                   QUESTIONS[2]["text"]: "Redes", QUESTIONS[3]["text"]: "More tills"}
    assert balance(ctx, ana) == 25
    banner = window.counter.banner
    assert banner.kind == "success" and "+25" in banner.text()
    assert window.counter.panel.balance.text().startswith("25"), "the member panel shows the new balance"
    qtbot.waitUntil(lambda: focused() is window.counter.sale.amount)   # back to the sale

    # Later the same month: the answers count, the bonus does not come again.
    dialog = open_survey(qtbot, window)
    assert "already earned" in dialog.bonus_note.text()
    qtbot.keyClicks(focused(), "10")
    press(qtbot, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert count(ctx, "survey_responses") == 2 and balance(ctx, ana) == 25
    assert "already earned this month" in banner.text()


def test_enter_saves_from_a_choice_and_unanswered_questions_are_left_out(qtbot, window, ctx, enrol):
    set_questions(ctx, QUESTIONS)
    ana = enrol("Ana García")
    window.counter.open_card(ana.card)
    open_survey(qtbot, window)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_N)                       # no
    press(qtbot, Qt.Key.Key_Return)                  # from the yes/no combo box
    assert stored_answers(ctx) == {QUESTIONS[1]["text"]: "no"}
    assert window.counter.banner.kind == "success"


def test_a_bad_answer_is_named_in_the_dialog_and_nothing_is_stored(qtbot, window, ctx, enrol, settings):
    settings(survey_bonus=25)
    set_questions(ctx, QUESTIONS)
    ana = enrol("Ana García")
    window.counter.open_card(ana.card)
    dialog = open_survey(qtbot, window)
    scale = focused()
    qtbot.keyClicks(scale, "11")
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_S)
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible(), "the dialog stays open to correct the answer"
    assert "question 1" in dialog.message.text() and "0 to 10" in dialog.message.text()
    assert focused() is scale and "a3261b" in scale.styleSheet()
    assert count(ctx, "survey_responses") == 0 and count(ctx, "survey_answers") == 0 and balance(ctx, ana) == 0
    press(qtbot, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()
    assert "nothing recorded" in window.counter.banner.text()
    assert count(ctx, "survey_responses") == 0


def test_no_answer_at_all_is_said_in_the_dialog(qtbot, window, ctx, enrol):
    set_questions(ctx, QUESTIONS)
    window.counter.open_card(enrol("Ana García").card)
    dialog = open_survey(qtbot, window)
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and "at least one answer" in dialog.message.text()
    assert count(ctx, "survey_responses") == 0
    dialog.reject()


def test_f10_without_questions_or_without_a_member_says_why(qtbot, window, ctx, enrol):
    press(qtbot, Qt.Key.Key_F10, window.counter.search_box)
    assert window.counter.banner.kind == "warning" and "card" in window.counter.banner.text()
    window.counter.open_card(enrol("Ana García").card)
    press(qtbot, Qt.Key.Key_F10, window.counter.sale.amount)
    assert window.counter.banner.kind == "warning" and "no questions" in window.counter.banner.text()
    assert not hasattr(window.counter, "survey_dialog")
