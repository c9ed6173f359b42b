"""The counter survey: the owner's questions (at most ten, one NPS), answers checked per kind,
the bonus at most once per member a month, and the month's NPS and averages."""

from fractions import Fraction

import pytest

from loyalty.common.errors import ValidationError
from loyalty.common.period import month_period
from loyalty.retention.survey import active_questions, record_answers, set_questions, survey_results

QUESTIONS = [
    {"text": "¿Recomendaría la tienda a un amigo? (0-10)", "kind": "scale", "nps": True},
    {"text": "¿Encontró lo que buscaba?", "kind": "yes_no"},
    {"text": "¿Cómo nos conoció?", "kind": "choice", "choices": ["Amigos", "Redes", "Pasaba por aquí"]},
    {"text": "¿Algo que mejorar?", "kind": "text"},
]


@pytest.fixture
def survey(ctx):
    return {q.position: q.id for q in set_questions(ctx, QUESTIONS)}


def test_answers_are_stored_and_the_bonus_is_given_once_a_month(ctx, enrol, settings, survey, clock):
    settings(survey_bonus=25)
    ana = enrol("Ana")
    assert record_answers(ctx, ana.card, {survey[1]: "9", survey[2]: "sí", survey[3]: "Redes", survey[4]: ""}) == 25
    assert record_answers(ctx, ana.card, {survey[1]: "10"}) == 0, "once per member per month"
    clock.advance(days=31)                                # April
    assert record_answers(ctx, ana.card, {survey[1]: "7"}) == 25
    balance = ctx.db.execute("SELECT balance FROM members WHERE id = ?", [ana.id]).fetchone()[0]
    assert balance == 50
    stored = ctx.db.execute("SELECT value FROM survey_answers WHERE question_id = ?", [survey[2]]).fetchall()
    assert stored == [("yes",)]


@pytest.mark.parametrize("position, value, problem", [
    (1, "11", "0 to 10"), (1, "nueve", "0 to 10"), (2, "quizá", "yes or no"), (3, "Televisión", "one of"),
    (4, "x" * 201, "200")])
def test_bad_answers_name_the_question_and_store_nothing(ctx, enrol, survey, position, value, problem):
    ana = enrol("Ana")
    with pytest.raises(ValidationError, match=problem) as caught:
        record_answers(ctx, ana.card, {survey[1]: "8", survey[position]: value})
    assert caught.value.field in (f"question {position}", "answers")
    assert ctx.db.execute("SELECT COUNT(*) FROM survey_responses").fetchone()[0] == 0


def test_no_questions_switch_the_survey_off(ctx, enrol):
    set_questions(ctx, QUESTIONS)
    assert set_questions(ctx, []) == [] and active_questions(ctx) == []
    with pytest.raises(ValidationError):
        record_answers(ctx, enrol("Ana").card, {1: "9"})


def test_the_survey_has_at_most_ten_questions_and_one_nps(ctx):
    with pytest.raises(ValidationError, match="at most 10"):
        set_questions(ctx, [{"text": f"Q{n}", "kind": "text"} for n in range(11)])
    with pytest.raises(ValidationError, match="only one NPS"):
        set_questions(ctx, [QUESTIONS[0], QUESTIONS[0]])
    with pytest.raises(ValidationError, match="2 to 8"):
        set_questions(ctx, [{"text": "¿Color?", "kind": "choice", "choices": ["Rojo"]}])
    with pytest.raises(ValidationError, match="0-10 scale"):
        set_questions(ctx, [{"text": "¿Sí?", "kind": "yes_no", "nps": True}])
    assert active_questions(ctx) == []


def test_the_months_nps_averages_and_counts(ctx, enrol, survey):
    members = [enrol(f"Socio {n}") for n in range(5)]
    for member, score, found in zip(members, ("10", "9", "8", "6", "0"), ("sí", "sí", "no", "sí", "no")):
        record_answers(ctx, member.card, {survey[1]: score, survey[2]: found})
    results = survey_results(ctx, month_period("2026-03"))
    assert results["responses"] == 5
    assert results["nps"] == 0, "2 promoters, 2 detractors of 5: (40 − 40)"
    scale, yes_no = results["questions"][:2]
    assert scale["average"] == Fraction(33, 5)
    assert yes_no["counts"] == {"yes": 3, "no": 2}
    assert survey_results(ctx, month_period("2026-04"))["responses"] == 0


def test_the_command_line_sets_asks_and_sums_up(ctx, enrol, tmp_path, capsys):
    import json

    from loyalty.cli import main

    ana = enrol("Ana")
    path, now = str(tmp_path / "shop.sqlite"), "2026-03-10T12:00"
    (tmp_path / "q.json").write_text(json.dumps(QUESTIONS), encoding="utf-8")
    assert main(["--db", path, "survey", "set", str(tmp_path / "q.json")]) == 0
    assert main(["--db", path, "--now", now, "survey", "answer", ana.card, "--answer", "1=10", "--answer",
                 "3=Amigos"]) == 0
    assert main(["--db", path, "--now", now, "survey", "answer", ana.card, "--answer", "9=10"]) == 2
    assert main(["--db", path, "survey", "results", "--month", "2026-03"]) == 0
    assert "1 responses; NPS 100" in capsys.readouterr().out
