"""The counter survey (docs/metrics.md, "Counter survey"): at most ten short questions the
owner sets — a 0-10 scale (one of them may be the NPS question), yes/no, a choice, a short
text — that the cashier asks and types while the member is at the till. Answering may earn
Settings' survey bonus, at most once per member per calendar month (the bonus is recorded
as a campaign bonus with the reason "counter survey": the ledger's bonus kinds are fixed)."""

import json
import uuid
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from ..common.clock import local_date, to_iso
from ..common.errors import ValidationError
from ..common.messages import field_name, t
from ..common.notes import COUNTER_SURVEY, note
from ..common.period import Period
from ..ledger.entries import entry_by_key, post_bonus
from ..people.member_changes import record_changes
from ..people.members import member_by_card
from ..programme.context import Context
from ..programme.permissions import require
from ..programme.shared import record_change
from ..storage import write_transaction

MAX_QUESTIONS = 10
KINDS = ("scale", "yes_no", "choice", "text")
YES, NO = {"yes", "y", "sí", "si", "s", "1"}, {"no", "n", "0"}


@dataclass(frozen=True)
class Question:
    id: int
    position: int
    text: str
    kind: str
    choices: tuple[str, ...]
    is_nps: bool


def set_questions(ctx: Context, questions: list[dict]) -> list[Question]:
    """Replace the active questions (past answers keep theirs; an empty list switches the
    survey off). Each: text, kind, and for a
    choice its choices (2-8); `nps`: True on the one 0-10 question that is the NPS question."""
    if len(questions) > MAX_QUESTIONS:   # none: the survey is off
        raise ValidationError(t("questions: at most {max_questions} (got {count})",
                                max_questions=MAX_QUESTIONS, count=len(questions)), "questions")
    clean = [_question(n, question) for n, question in enumerate(questions, start=1)]
    if sum(question["is_nps"] for question in clean) > 1:
        raise ValidationError(t("questions: only one NPS question"), "questions")
    with write_transaction(ctx.db):
        require(ctx, "survey_setup")
        ctx.db.execute("UPDATE survey_questions SET active = 0 WHERE active = 1")
        for position, question in enumerate(clean, start=1):
            ctx.db.execute("INSERT INTO survey_questions(position, text, kind, choices, is_nps, uuid) "
                           "VALUES (?, ?, ?, ?, ?, ?)",
                           [position, question["text"], question["kind"], json.dumps(question["choices"],
                                                                                     ensure_ascii=False),
                            int(question["is_nps"]), str(uuid.uuid4())])
        record_questions(ctx)
    return active_questions(ctx)


def _question(number: int, question: dict) -> dict:
    field = f"question {number}"
    text = " ".join(str(question.get("text", "")).split())
    if not text or len(text) > 200:
        raise ValidationError(t("{field}: a text of 1 to 200 characters", field=field_name(field)), field)
    kind = question.get("kind")
    if kind not in KINDS:
        raise ValidationError(t("{field}: kind is one of {choices} (got '{kind}')",
                                field=field_name(field), choices=', '.join(KINDS), kind=kind), field)
    choices = [" ".join(str(choice).split()) for choice in question.get("choices", [])] if kind == "choice" else []
    if kind == "choice" and not (2 <= len(choices) <= 8 and all(choices) and len(set(choices)) == len(choices)):
        raise ValidationError(t("{field}: a choice needs 2 to 8 different options", field=field_name(field)), field)
    is_nps = bool(question.get("nps"))
    if is_nps and kind != "scale":
        raise ValidationError(t("{field}: the NPS question is a 0-10 scale", field=field_name(field)), field)
    return {"text": text, "kind": kind, "choices": choices, "is_nps": is_nps}


def active_questions(ctx: Context) -> list[Question]:
    return [Question(row[0], row[1], row[2], row[3], tuple(json.loads(row[4])), bool(row[5])) for row in ctx.db.execute(
        "SELECT id, position, text, kind, choices, is_nps FROM survey_questions WHERE active = 1 ORDER BY position")]


def record_answers(ctx: Context, card: str, answers: dict[int, str]) -> int:
    """The member's answers (question id -> what they said; unanswered questions left out).
    Returns the bonus points given (0 when none is set or one was given this month)."""
    questions = {question.id: question for question in active_questions(ctx)}
    clean = {question_id: _answer(questions.get(question_id), question_id, value)
             for question_id, value in answers.items() if str(value).strip()}
    if not clean:
        raise ValidationError(t("answers: at least one question answered"), "answers")
    with write_transaction(ctx.db):
        require(ctx, "survey")
        member = member_by_card(ctx, card)
        bonus = post_bonus(ctx, member.id, ctx.programme().survey_bonus, "campaign", _bonus_key(ctx, member.id),
                           reason=note(COUNTER_SURVEY))
        response = ctx.db.execute(
            "INSERT INTO survey_responses(member_id, answered_at, staff_id, bonus_entry_id, uuid) VALUES (?, ?, ?, ?, ?)",
            [member.id, to_iso(ctx.clock.now()), ctx.staff_id, bonus.id if bonus else None, str(uuid.uuid4())]).lastrowid
        ctx.db.conn.executemany("INSERT INTO survey_answers(response_id, question_id, value) VALUES (?, ?, ?)",
                                [(response, question_id, value) for question_id, value in clean.items()])
        _record_response(ctx, member.id, response)
    return bonus.points if bonus else 0


def survey_bonus_given(ctx: Context, member_id: int) -> bool:
    """Whether the member already earned the survey bonus this calendar month (shop time)."""
    return entry_by_key(ctx, _bonus_key(ctx, member_id)) is not None


def _bonus_key(ctx: Context, member_id: int) -> str:
    month = local_date(ctx.clock.now(), ctx.programme().timezone).strftime("%Y-%m")
    member_uuid = ctx.db.execute("SELECT uuid FROM members WHERE id = ?", [member_id]).fetchone()[0]
    return f"survey:{member_uuid}:{month}"


def _answer(question: Question | None, question_id: int, value) -> str:
    if question is None:
        raise ValidationError(t("question {question_id}: not a question of the survey",
                                question_id=question_id), "answers")
    text = " ".join(str(value).split())
    field = t("question {position}", position=question.position)
    if question.kind == "scale":
        if not (text.isdigit() and 0 <= int(text) <= 10):
            raise ValidationError(t("{field}: a number from 0 to 10 (got '{text}')",
                                    field=field_name(field), text=text), field)
        return str(int(text))
    if question.kind == "yes_no":
        if text.lower() not in YES | NO:
            raise ValidationError(t("{field}: yes or no (got '{text}')", field=field_name(field), text=text), field)
        return "yes" if text.lower() in YES else "no"
    if question.kind == "choice":
        if text not in question.choices:
            raise ValidationError(t("{field}: one of {choices} (got '{text}')",
                                    field=field_name(field), choices=', '.join(question.choices), text=text), field)
        return text
    if len(text) > 200:
        raise ValidationError(t("{field}: at most 200 characters", field=field_name(field)), field)
    return text


def survey_results(ctx: Context, period: Period) -> dict:
    """Responses in the period; NPS = % promoters (9-10) − % detractors (0-6) of the NPS
    answers; per question: the average of a scale, yes/no counts, counts per choice, how many
    wrote a text."""
    require(ctx, "reports")
    start, end = period.bounds(ctx.programme().timezone)
    responses = ctx.db.execute("SELECT COUNT(*) FROM survey_responses WHERE answered_at >= ? AND answered_at < ?",
                               [start, end]).fetchone()[0]
    answers: dict[int, list[str]] = {}
    for question_id, value in ctx.db.execute(
            "SELECT a.question_id, a.value FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id "
            "WHERE r.answered_at >= ? AND r.answered_at < ?", [start, end]):
        answers.setdefault(question_id, []).append(value)
    questions, nps = [], None
    for row in ctx.db.execute("SELECT id, text, kind, is_nps FROM survey_questions WHERE id IN "
                              "(SELECT DISTINCT question_id FROM survey_answers) ORDER BY active DESC, position"):
        question_id, text, kind, is_nps = row
        given = answers.get(question_id, [])
        if not given:
            continue
        summary = {"question": text, "kind": kind, "answers": len(given)}
        if kind == "scale":
            scores = [int(value) for value in given]
            summary["average"] = Fraction(sum(scores), len(scores))
            if is_nps:
                nps = Fraction(100 * (sum(s >= 9 for s in scores) - sum(s <= 6 for s in scores)), len(scores))
        elif kind in ("yes_no", "choice"):
            summary["counts"] = dict(Counter(given))
        questions.append(summary)
    return {"responses": responses, "nps": nps, "questions": questions}


# The survey in a chain (docs/sync.md): the active questions travel with the programme (kind
# "survey", the whole set as it is after each change, the latest winning), each response with its
# member (the field "survey:<its uuid>", as complaints do), answers naming questions by UUID; so
# the owner's figures (NPS, answers) count the answers given at every till.
SURVEY_FIELD = "survey:"
_QUESTION = ("uuid", "text", "kind", "choices", "is_nps")


def record_questions(ctx: Context) -> None:
    """The active questions as the programme's change (inside the caller's transaction)."""
    record_change(ctx, "survey", "questions", [dict(zip(_QUESTION, row)) for row in ctx.db.execute(
        f"SELECT {', '.join(_QUESTION)} FROM survey_questions WHERE active = 1 ORDER BY position")])


def apply_questions(ctx: Context, kind: str, key: str, questions: list[dict]) -> None:
    """The chain's active questions (chain/pull.py): the others switched off, past answers kept."""
    ctx.db.execute("UPDATE survey_questions SET active = 0 WHERE active = 1")
    for position, question in enumerate(questions, start=1):
        ctx.db.execute(
            f"INSERT INTO survey_questions (position, active, {', '.join(_QUESTION)}) VALUES (?, 1, ?, ?, ?, ?, ?) "
            "ON CONFLICT(uuid) DO UPDATE SET position = excluded.position, active = 1",
            [position, *(question[name] for name in _QUESTION)])


def _record_response(ctx: Context, member_id: int, response_id: int) -> None:
    response_uuid, answered_at, staff_id = ctx.db.execute(
        "SELECT uuid, answered_at, staff_id FROM survey_responses WHERE id = ?", [response_id]).fetchone()
    answers = dict(ctx.db.execute("SELECT q.uuid, a.value FROM survey_answers AS a JOIN survey_questions AS q "
                                  "ON q.id = a.question_id WHERE a.response_id = ?", [response_id]).fetchall())
    record_changes(ctx, member_id, {}, {f"{SURVEY_FIELD}{response_uuid}": {
        "answered_at": answered_at, "staff_id": staff_id, "answers": answers}})


def apply_response(ctx: Context, member_id: int, field: str, value: dict) -> None:
    """A response given at another till (chain/pull.py), once; an answer to a question this till
    has never had is left out."""
    response = ctx.db.execute(
        "INSERT INTO survey_responses (uuid, member_id, answered_at, staff_id) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(uuid) DO NOTHING RETURNING id",
        [field.removeprefix(SURVEY_FIELD), member_id, value["answered_at"], value["staff_id"]]).fetchone()
    if response is None:
        return
    ctx.db.conn.executemany(
        "INSERT INTO survey_answers (response_id, question_id, value) SELECT ?, id, ? FROM survey_questions "
        "WHERE uuid = ?", [(response[0], answer, question_uuid) for question_uuid, answer in value["answers"].items()])
    ctx.db.execute("DELETE FROM report_cache WHERE ends_at > ?", [value["answered_at"]])   # the months it counts in
