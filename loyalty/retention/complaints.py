"""Complaints: listen, answer fast, compensate fairly, and check afterwards that the member
is satisfied. Taken and resolved at the counter; compensation is bonus points — a cashier may
give up to Settings' complaint limit, a manager up to theirs, above that the owner; resolving
adds a follow-up to ask, two days later, whether the member is satisfied."""

import uuid
from dataclasses import dataclass
from datetime import timedelta

from ..common.clock import from_iso, local_date, to_iso
from ..common.errors import NotFoundError, ValidationError
from ..common.messages import field_name, t
from ..common.notes import COMPLAINT, COMPLAINT_CHECK, note
from ..ledger.entries import append_entry
from ..people.member_changes import record_changes
from ..people.members import member_by_card, member_by_id
from ..programme.context import Context
from ..programme.permissions import require
from ..storage import write_transaction
from .followups import SATISFACTION_CHECK_DAYS, add_followup

CATEGORIES = ("product", "service", "waiting", "price", "points", "other")
STATUSES = ("open", "to_check", "resolved")   # to_check: resolved, the member not yet asked if satisfied


@dataclass(frozen=True)
class Complaint:
    id: int
    member_id: int
    category: str
    description: str
    staff_id: str
    opened_at: str
    status: str
    resolved_at: str | None
    resolved_by: str | None
    resolution: str | None
    compensation_entry_id: int | None
    satisfied: bool | None
    uuid: str                          # the complaint across tills (docs/sync.md)


def _columns(alias: str = "complaints") -> str:
    """A complaint's columns, in Complaint's order. Its compensation is the entry under the key
    complaint:<uuid> (at another till it may arrive after the complaint's resolution)."""
    return ", ".join([*(f"{alias}.{name}" for name in ("id", "member_id", "category", "description", "staff_id",
                                                        "opened_at", "status", "resolved_at", "resolved_by",
                                                        "resolution")),
                      f"COALESCE({alias}.compensation_entry_id, (SELECT e.id FROM entries AS e "
                      f"WHERE e.idempotency_key = 'complaint:' || {alias}.uuid))", f"{alias}.satisfied", f"{alias}.uuid"])


def _text(value: str | None, field: str, limit: int = 1000) -> str:
    clean = " ".join((value or "").split())
    if not clean or len(clean) > limit:
        raise ValidationError(t("{field}: 1 to {limit} characters", field=field_name(field), limit=limit), field)
    return clean


def open_complaint(ctx: Context, card: str, category: str, description: str) -> Complaint:
    if category not in CATEGORIES:
        raise ValidationError(t("category: one of {choices} (got '{category}')",
                                choices=', '.join(CATEGORIES), category=category), "category")
    text = _text(description, "description")
    with write_transaction(ctx.db):
        require(ctx, "complaints")
        member = member_by_card(ctx, card, allow_blocked=True)
        cursor = ctx.db.execute(
            "INSERT INTO complaints(member_id, category, description, staff_id, opened_at, uuid) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [member.id, category, text, ctx.staff_id, to_iso(ctx.clock.now()), str(uuid.uuid4())])
        record_complaint(ctx, cursor.lastrowid)
        return complaint_by_id(ctx, cursor.lastrowid)


def resolve_complaint(ctx: Context, complaint_id: int, resolution: str, compensation_points: int = 0) -> Complaint:
    text = _text(resolution, "resolution")
    if not isinstance(compensation_points, int) or compensation_points < 0:
        raise ValidationError(t("points: 0 or more whole points (got {compensation_points})",
                                compensation_points=compensation_points), "points")
    with write_transaction(ctx.db):
        require(ctx, "complaints")
        programme = ctx.programme()
        if compensation_points > programme.complaint_points_limit:
            require(ctx, "compensate")
        if compensation_points > programme.manager_points_limit:
            require(ctx, "compensate_over_limit")
        complaint = complaint_by_id(ctx, complaint_id)
        if complaint.status == "resolved":
            raise ValidationError(t("complaint: complaint {complaint_id} is already resolved",
                                    complaint_id=complaint_id), "complaint")
        entry_id = None
        if compensation_points:
            entry_id = append_entry(ctx, complaint.member_id, "bonus", compensation_points,
                                    idempotency_key=f"complaint:{complaint.uuid}", bonus_kind="compensation",
                                    reason=note(COMPLAINT, complaint=complaint_id)).id
        ctx.db.execute("UPDATE complaints SET status = 'resolved', resolved_at = ?, resolved_by = ?, resolution = ?, "
                       "compensation_entry_id = ? WHERE id = ?",
                       [to_iso(ctx.clock.now()), ctx.staff_id, text, entry_id, complaint_id])
        record_complaint(ctx, complaint_id)
        member = member_by_id(ctx, complaint.member_id)
        check_on = local_date(ctx.clock.now(), programme.timezone) + timedelta(days=SATISFACTION_CHECK_DAYS)
        add_followup(ctx, member.card, note(COMPLAINT_CHECK, complaint=complaint_id, category=complaint.category),
                     check_on, rule_key=f"complaint:{complaint_id}")
        return complaint_by_id(ctx, complaint_id)


def record_satisfaction(ctx: Context, complaint_id: int, satisfied: bool, note: str = "") -> Complaint:
    """The check afterwards; it also closes the complaint's follow-up."""
    with write_transaction(ctx.db):
        require(ctx, "complaints")
        if complaint_by_id(ctx, complaint_id).status != "resolved":
            raise ValidationError(t("complaint: complaint {complaint_id} is not resolved yet",
                                    complaint_id=complaint_id), "complaint")
        ctx.db.execute("UPDATE complaints SET satisfied = ? WHERE id = ?", [int(satisfied), complaint_id])
        record_complaint(ctx, complaint_id)
        outcome = ("satisfied" if satisfied else "not satisfied") + (f": {note.strip()}" if note.strip() else "")
        ctx.db.execute("UPDATE followups SET done_at = ?, done_by = ?, outcome = ? "
                       "WHERE rule_key = ? AND done_at IS NULL",
                       [to_iso(ctx.clock.now()), ctx.staff_id, outcome, f"complaint:{complaint_id}"])
        return complaint_by_id(ctx, complaint_id)


def complaints_of(ctx: Context, member_id: int) -> list[Complaint]:
    return [_complaint(row) for row in ctx.db.execute(
        f"SELECT {_columns()} FROM complaints WHERE member_id = ? ORDER BY opened_at DESC", [member_id])]


@dataclass(frozen=True)
class ListedComplaint:
    complaint: Complaint
    card: str
    name: str


def list_complaints(ctx: Context, status: str | None = None, category: str | None = None,
                    limit: int = 500, member_id: int | None = None) -> list[ListedComplaint]:
    """The shop's complaints (or one member's), newest first, with their member's card and name;
    optionally only one status (open, to_check, resolved) or category."""
    require(ctx, "complaints")
    if status is not None and status not in STATUSES:
        raise ValidationError(t("status: one of {choices} (got '{status}')",
                                choices=', '.join(STATUSES), status=status), "status")
    if category is not None and category not in CATEGORIES:
        raise ValidationError(t("category: one of {choices} (got '{category}')",
                                choices=', '.join(CATEGORIES), category=category), "category")
    where, values = [], []
    if status is not None:
        where.append({"open": "c.status = 'open'", "resolved": "c.status = 'resolved'",
                      "to_check": "c.status = 'resolved' AND c.satisfied IS NULL"}[status])
    if category is not None:
        where.append("c.category = ?")
        values.append(category)
    if member_id is not None:
        where.append("c.member_id = ?")
        values.append(member_id)
    columns = _columns("c")
    return [ListedComplaint(_complaint(row[:-2]), row[-2], row[-1]) for row in ctx.db.execute(
        f"SELECT {columns}, m.card, m.name FROM complaints c JOIN members m ON m.id = c.member_id "
        f"{'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY c.opened_at DESC, c.id DESC LIMIT ?",
        [*values, limit])]


def complaint_figures(ctx: Context, start: str, end: str, members: str = "") -> dict:
    """For the monthly report: complaints opened, per category, resolved, median hours to resolve.
    `members`: SQL narrowing `member_id` (one store's members: reports/scope.py)."""
    rows = ctx.db.execute("SELECT category, status, opened_at, resolved_at, satisfied FROM complaints "
                          f"WHERE opened_at >= ? AND opened_at < ?{members}", [start, end]).fetchall()
    hours = sorted(int((from_iso(resolved) - from_iso(opened)).total_seconds() // 3600)
                   for _, status, opened, resolved, _ in rows if status == "resolved")
    by_category: dict[str, int] = {}
    for category, *_ in rows:
        by_category[category] = by_category.get(category, 0) + 1
    return {"opened": len(rows), "by_category": by_category, "resolved": len(hours),
            "median_hours_to_resolve": hours[(len(hours) - 1) // 2] if hours else None,
            "satisfied_after": sum(1 for *_, satisfied in rows if satisfied == 1),
            "not_satisfied_after": sum(1 for *_, satisfied in rows if satisfied == 0)}


def complaint_by_id(ctx: Context, complaint_id: int) -> Complaint:
    row = ctx.db.execute(f"SELECT {_columns()} FROM complaints WHERE id = ?", [complaint_id]).fetchone()
    if row is None:
        raise NotFoundError(t("complaint: no complaint {complaint_id}", complaint_id=complaint_id), "complaint")
    return _complaint(row)


def _complaint(row) -> Complaint:
    values = list(row)
    values[11] = None if values[11] is None else bool(values[11])   # satisfied
    return Complaint(*values)


# A complaint travels between the tills of a chain as a change of its member (people/member_changes:
# the field "complaint:<its uuid>", the complaint as it now is): opened at one till, resolved at
# another, the latest stamp wins everywhere, and an erasure of the member wipes it on the hub too.
COMPLAINT_FIELD = "complaint:"
_TRAVELLING = ("category", "description", "staff_id", "opened_at", "status", "resolved_at", "resolved_by",
               "resolution", "satisfied")


def record_complaint(ctx: Context, complaint_id: int) -> None:
    """The complaint as it now is, as a change of its member (inside the caller's transaction)."""
    row = ctx.db.execute(f"SELECT member_id, uuid, {', '.join(_TRAVELLING)} FROM complaints WHERE id = ?",
                         [complaint_id]).fetchone()
    record_changes(ctx, row[0], {}, {f"{COMPLAINT_FIELD}{row[1]}": dict(zip(_TRAVELLING, row[2:]))})


def apply_complaint(ctx: Context, member_id: int, field: str, value: dict) -> None:
    """A complaint as another till last recorded it (chain/pull.py): added or brought up to date
    here (its compensation is found by its key, `_columns`)."""
    complaint_uuid = field.removeprefix(COMPLAINT_FIELD)
    ctx.db.execute(
        f"INSERT INTO complaints (uuid, member_id, {', '.join(_TRAVELLING)}) "
        f"VALUES (?, ?, {', '.join('?' * len(_TRAVELLING))}) "
        f"ON CONFLICT(uuid) DO UPDATE SET {', '.join(f'{name} = excluded.{name}' for name in _TRAVELLING)}",
        [complaint_uuid, member_id, *(value[name] for name in _TRAVELLING)])
    ctx.db.execute("DELETE FROM report_cache WHERE ends_at > ?", [value["opened_at"]])   # the months it counts in
