"""The CLI's retention commands: segments and their consent-only contact lists, a member's
purchase profile and RFM scores, follow-ups and complaints."""

import json
from dataclasses import asdict
from datetime import date

from ..common.errors import ValidationError
from ..common.messages import t
from ..common.period import month_period
from ..ledger.tiers import local_today
from ..people.members import member_by_card
from ..people.profiles import purchase_profile
from ..programme.campaigns import parse_day
from ..retention import complaints
from ..retention.complaints import CATEGORIES
from ..retention.followups import add_followup, complete_followup, generate_followups, open_followups
from ..retention.referrals import referrals_per_month, top_referrers
from ..retention.rfm import rfm_scores
from ..retention.segments import FILTERS, segment_ids, segment_members, write_contact_list
from ..retention.survey import active_questions, record_answers, set_questions, survey_results
from .files import input_file, output_file


def add_commands(sub) -> None:
    segment = sub.add_parser("segment", help="members of a segment; --contacts writes those who agreed to "
                                             "marketing contact (only they)")
    segment.add_argument("name", choices=sorted(FILTERS))
    segment.add_argument("value", nargs="?", help="the segment's N days, amount (minor units), tier or RFM name")
    segment.add_argument("--contacts", metavar="FILE", help="CSV contact list: consenting members only")
    segment.add_argument("--limit", type=int, default=50, help="members listed (the count is always whole)")
    profile = sub.add_parser("profile", help="a member's purchase profile and RFM scores")
    profile.add_argument("card")

    followups = sub.add_parser("followups", help="the follow-up to-do list").add_subparsers(dest="action",
                                                                                         required=True)
    listing = followups.add_parser("list", help="open follow-ups due by a day (default: today)")
    listing.add_argument("--due", metavar="DATE")
    listing.add_argument("--card")
    listing.add_argument("--who", help="assigned to this staff member")
    add = followups.add_parser("add")
    add.add_argument("card")
    add.add_argument("--reason", required=True)
    add.add_argument("--due", metavar="DATE", required=True)
    add.add_argument("--who", help="assign it to this staff member")
    done = followups.add_parser("done")
    done.add_argument("id", type=int)
    done.add_argument("--outcome", required=True)
    followups.add_parser("generate", help="run the rules now (the daily job does it every night)")

    complaint = sub.add_parser("complaint", help="take, resolve and check complaints").add_subparsers(
        dest="action", required=True)
    take = complaint.add_parser("open")
    take.add_argument("card")
    take.add_argument("--category", required=True, choices=CATEGORIES)
    take.add_argument("--description", required=True)
    resolve = complaint.add_parser("resolve")
    resolve.add_argument("id", type=int)
    resolve.add_argument("--resolution", required=True)
    resolve.add_argument("--points", type=int, default=0, help="compensation as bonus points")
    check = complaint.add_parser("check", help="record the satisfaction check afterwards")
    check.add_argument("id", type=int)
    check.add_argument("--satisfied", required=True, choices=("yes", "no"))
    check.add_argument("--note", default="")
    listing = complaint.add_parser("list", help="a member's complaints, or the whole shop's (filtered)")
    listing.add_argument("card", nargs="?", help="only this member's (default: every member's)")
    listing.add_argument("--status", choices=complaints.STATUSES, help="to_check: resolved, satisfaction not asked")
    listing.add_argument("--category", choices=CATEGORIES)

    survey = sub.add_parser("survey", help="the counter survey: questions, answers, results").add_subparsers(
        dest="action", required=True)
    survey.add_parser("questions")
    setting = survey.add_parser("set", help="replace the questions from a JSON file (owner)")
    setting.add_argument("file", help='[{"text": "...", "kind": "scale|yes_no|choice|text", "choices": [...], '
                                      '"nps": true}, ...]')
    answer = survey.add_parser("answer", help="a member's answers: --answer N=VALUE per question number")
    answer.add_argument("card")
    answer.add_argument("--answer", action="append", default=[], metavar="N=VALUE")
    survey_results_cmd = survey.add_parser("results")
    survey_results_cmd.add_argument("--month", required=True, metavar="YYYY-MM")

    referrals = sub.add_parser("referrals", help="members who came recommended, per month, and the top referrers")
    referrals.add_argument("--from", dest="first", metavar="YYYY-MM", default="1970-01")
    referrals.add_argument("--to", dest="last", metavar="YYYY-MM", default="2999-12")


def cmd_segment(ctx, args):
    target = args.contacts and output_file(args.contacts, "contacts")
    ids = segment_ids(ctx, args.name, args.value)
    shown = segment_members(ctx, ids[:max(args.limit, 0)])
    data = {"segment": args.name, "value": args.value, "count": len(ids), "members": [asdict(m) for m in shown]}
    text = f"{len(ids)} members in {args.name}{' ' + args.value if args.value else ''}"
    text += "".join(f"\n  {m.card}  {m.name}" for m in shown)
    if target:
        data["contacts_written"] = write_contact_list(ctx, ids, target)
        text += f"\n{data['contacts_written']} with marketing consent written to {target}"
    return data, text


def cmd_profile(ctx, args):
    member = member_by_card(ctx, args.card, allow_blocked=True)
    profile = purchase_profile(ctx, member.id)
    score = rfm_scores(ctx).get(member.id)
    data = {**asdict(profile), "rfm": asdict(score) if score else None}
    text = (f"{member.name}: {profile.visits} visits, {profile.total_cents} spent (average "
            f"{profile.average_ticket_cents}), last {profile.last_visit or 'never'}"
            + (f"; usually every {profile.usual_interval_days} days" if profile.usual_interval_days else "")
            + (f"; RFM {score.r}{score.f}{score.m} ({score.segment})" if score else ""))
    return data, text


def cmd_followups_list(ctx, args):
    due = date.fromisoformat(parse_day(args.due, "due")) if args.due else local_today(ctx)
    member_id = member_by_card(ctx, args.card, allow_blocked=True).id if args.card else None
    items = open_followups(ctx, member_id, None if member_id else due, args.who)
    text = "\n".join(f"{f.id:>5}  due {f.due_on}  {f.assigned_to or '':<12} {f.reason}" for f in items)
    return {"followups": [asdict(f) for f in items]}, text or "Nothing to follow up."


def cmd_followups_add(ctx, args):
    item = add_followup(ctx, args.card, args.reason, date.fromisoformat(parse_day(args.due, "due")), args.who)
    return asdict(item), f"Follow-up {item.id} due {item.due_on}"


def cmd_followups_done(ctx, args):
    item = complete_followup(ctx, args.id, args.outcome)
    return asdict(item), f"Follow-up {item.id} done: {item.outcome}"


def cmd_followups_generate(ctx, args):
    added = generate_followups(ctx)
    return {"added": added}, f"{added} follow-ups added by the rules"


def cmd_complaint_open(ctx, args):
    item = complaints.open_complaint(ctx, args.card, args.category, args.description)
    return asdict(item), f"Complaint {item.id} taken"


def cmd_complaint_resolve(ctx, args):
    item = complaints.resolve_complaint(ctx, args.id, args.resolution, args.points)
    return asdict(item), f"Complaint {item.id} resolved" + (f" with {args.points} points" if args.points else "")


def cmd_complaint_check(ctx, args):
    item = complaints.record_satisfaction(ctx, args.id, args.satisfied == "yes", args.note)
    return asdict(item), f"Complaint {item.id}: {'satisfied' if item.satisfied else 'not satisfied'}"


def cmd_complaint_list(ctx, args):
    member_id = member_by_card(ctx, args.card, allow_blocked=True).id if args.card else None
    listed = complaints.list_complaints(ctx, args.status, args.category, member_id=member_id)
    text = "\n".join(f"{item.complaint.id:>5}  {item.complaint.opened_at[:10]}  {item.card}  "
                     f"{item.complaint.category:<8} {item.complaint.status:<9} {item.complaint.description}"
                     for item in listed)
    return ({"complaints": [{**asdict(item.complaint), "card": item.card, "name": item.name} for item in listed]},
            text or "No complaints.")


def cmd_survey_questions(ctx, args):
    items = active_questions(ctx)
    text = "\n".join(f"{q.position:>2}. {q.text} ({q.kind}{', NPS' if q.is_nps else ''}"
                     f"{': ' + ' / '.join(q.choices) if q.choices else ''})" for q in items)
    return {"questions": [asdict(q) for q in items]}, text or "No survey questions yet."


def cmd_survey_set(ctx, args):
    try:
        questions = json.loads(input_file(args.file, "file").read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ValidationError(t("file: {file} is not a JSON list of questions ({error})",
                                file=args.file, error=error), "file") from None
    if not isinstance(questions, list) or not all(isinstance(q, dict) for q in questions):
        raise ValidationError(t("file: a JSON list of questions, each an object"), "file")
    items = set_questions(ctx, questions)
    return {"questions": [asdict(q) for q in items]}, f"{len(items)} questions set"


def cmd_survey_answer(ctx, args):
    by_position = {q.position: q.id for q in active_questions(ctx)}
    answers = {}
    for item in args.answer:
        number, _, value = item.partition("=")
        if not number.strip().isdigit() or int(number) not in by_position:
            raise ValidationError(t("answer: '{item}' is not N=VALUE with N a question number", item=item), "answer")
        answers[by_position[int(number)]] = value
    bonus = record_answers(ctx, args.card, answers)
    return {"bonus": bonus}, "Answers recorded" + (f"; {bonus} bonus points" if bonus else "")


def cmd_survey_results(ctx, args):
    results = survey_results(ctx, month_period(args.month))
    data = json.loads(json.dumps(results, default=str))
    text = f"{results['responses']} responses; NPS {results['nps'] if results['nps'] is not None else '—'}"
    return data, text


def cmd_referrals(ctx, args):
    months, top = referrals_per_month(ctx, args.first, args.last), top_referrers(ctx)
    text = "\n".join(f"{row['month']}: {row['referred']} referred, {row['bought']} have bought" for row in months)
    text += "".join(f"\n  {row['card']}  {row['name']}: {row['referred']} friends ({row['bought']} bought)"
                    for row in top)
    return {"per_month": months, "top_referrers": top}, text or "No referrals yet."


HANDLERS = {
    "segment": cmd_segment, "profile": cmd_profile,
    "followups list": cmd_followups_list, "followups add": cmd_followups_add, "followups done": cmd_followups_done,
    "followups generate": cmd_followups_generate,
    "complaint open": cmd_complaint_open, "complaint resolve": cmd_complaint_resolve,
    "complaint check": cmd_complaint_check, "complaint list": cmd_complaint_list,
    "referrals": cmd_referrals,
    "survey questions": cmd_survey_questions, "survey set": cmd_survey_set, "survey answer": cmd_survey_answer,
    "survey results": cmd_survey_results,
}
