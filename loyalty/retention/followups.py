"""Follow-ups: the to-do list of calls and messages that keep customers coming back, added
by hand or by the rules below (run by the daily job; each adds a given follow-up once).
A member's open follow-ups show on the counter screen when their card is scanned.

Rules (docs/metrics.md, "Follow-ups"):
- a regular (4+ sales in the last twelve months) whose last sale is more than twice their
  usual interval ago (365 days ÷ their sales in the twelve months, at least 14 days): call
  them this week;
- points expiring within 30 days, for members who agreed to marketing contact: remind them;
- a campaign starting within 7 days: tell the consenting members (one follow-up for the list);
- a resolved complaint: check two days later that the member is satisfied (complaints.py)."""

from dataclasses import dataclass
from datetime import date, timedelta

from ..common.clock import from_iso, local_date, to_iso
from ..common.errors import BlockedCardError, NotFoundError, UnknownCardError, ValidationError
from ..common.messages import t
from ..common.notes import CAMPAIGN_SOON, EXPIRING, LAPSED_REGULAR, note
from ..people.members import member_by_card
from ..programme.context import Context
from ..programme.permissions import require
from ..storage import write_transaction
from ..storage.turns import write_in_turns
from .rfm import window_months

REGULAR_SALES, LAPSE_FACTOR, MIN_INTERVAL_DAYS = 4, 2, 14
EXPIRY_NOTICE_DAYS, CAMPAIGN_NOTICE_DAYS, SATISFACTION_CHECK_DAYS = 30, 7, 2


@dataclass(frozen=True)
class Followup:
    id: int
    member_id: int | None
    reason: str
    due_on: str
    assigned_to: str | None
    created_by: str
    done_at: str | None
    outcome: str | None


_COLUMNS = "id, member_id, reason, due_on, assigned_to, created_by, done_at, outcome"


def add_followup(ctx: Context, card: str | None, reason: str, due_on: date, assigned_to: str | None = None,
                 rule_key: str | None = None) -> Followup | None:
    """A follow-up by hand (card and reason), or by a rule (its key: added once; None if it was)."""
    clean = " ".join((reason or "").split())
    if not clean or len(clean) > 300:
        raise ValidationError(t("reason: say what to do, in at most 300 characters"), "reason")
    with write_transaction(ctx.db):
        require(ctx, "followups")
        member_id = member_by_card(ctx, card, allow_blocked=True).id if card else None
        cursor = ctx.db.execute(
            "INSERT INTO followups(member_id, reason, rule_key, due_on, assigned_to, created_at, created_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(rule_key) DO NOTHING",
            [member_id, clean, rule_key, due_on.isoformat(), assigned_to, to_iso(ctx.clock.now()), ctx.staff_id])
        return _followup(ctx, cursor.lastrowid) if cursor.rowcount else None


def complete_followup(ctx: Context, followup_id: int, outcome: str) -> Followup:
    clean = " ".join((outcome or "").split())
    if not clean:
        raise ValidationError(t("outcome: say how it went (e.g. called, will come on Saturday)"), "outcome")
    with write_transaction(ctx.db):
        require(ctx, "followups")
        if _followup(ctx, followup_id).done_at:
            raise ValidationError(t("followup: follow-up {followup_id} is already done",
                                    followup_id=followup_id), "followup")
        ctx.db.execute("UPDATE followups SET done_at = ?, done_by = ?, outcome = ? WHERE id = ?",
                       [to_iso(ctx.clock.now()), ctx.staff_id, clean, followup_id])
        return _followup(ctx, followup_id)


def open_followups(ctx: Context, member_id: int | None = None, due_by: date | None = None,
                   assigned_to: str | None = None) -> list[Followup]:
    """Open follow-ups, soonest due first: of one member (the counter), due by a day, or of one person."""
    conditions, params = ["done_at IS NULL"], []
    for clause, value in (("member_id = ?", member_id), ("due_on <= ?", due_by and due_by.isoformat()),
                          ("assigned_to = ?", assigned_to)):
        if value is not None:
            conditions.append(clause)
            params.append(value)
    return [Followup(*row) for row in ctx.db.execute(
        f"SELECT {_COLUMNS} FROM followups WHERE {' AND '.join(conditions)} ORDER BY due_on, id LIMIT 500", params)]


def generate_followups(ctx: Context) -> int:
    """Run the rules (the daily job); returns how many follow-ups they added. The rules read
    first (a year of member-months: seconds on a big shop), without holding the write lock a
    counter selling meanwhile needs; then the reminders are written in short timed
    transactions (storage/turns.py: 275,000 of them on the big shop's first day of a month). A
    rule's key keeps each reminder single."""
    today = local_date(ctx.clock.now(), ctx.programme().timezone)
    candidates = iter(list(_rule_candidates(ctx, today)))
    added = 0

    def add_next() -> bool:
        nonlocal added
        candidate = next(candidates, None)
        if candidate is None:
            return False
        card, reason, key, due_on = candidate
        try:
            added += add_followup(ctx, card, reason, due_on, rule_key=key) is not None
        except (UnknownCardError, BlockedCardError):
            pass   # the card was replaced or the member erased since the rules read: no reminder
        return True

    write_in_turns(ctx.db, add_next)
    return added


def _rule_candidates(ctx: Context, today: date):
    """(card or None, what to do, the rule's key, due date) of each rule's follow-ups."""
    tz = ctx.programme().timezone
    first, last = window_months(today)
    this_week = today + timedelta(days=6)
    for member_id, card, last_sale, sales in ctx.db.execute(
            "SELECT t.member_id, m.card, t.last_sale, t.sales FROM (SELECT member_id, MAX(last_sale_at) AS last_sale, "
            "SUM(sales) AS sales FROM member_months WHERE month >= ? AND month <= ? GROUP BY member_id "
            "HAVING SUM(sales) >= ?) t JOIN members m ON m.id = t.member_id AND m.status = 'active'",
            [first, last, REGULAR_SALES]).fetchall():
        interval = max(MIN_INTERVAL_DAYS, 365 // sales)
        days = (today - local_date(from_iso(last_sale), tz)).days
        if days > LAPSE_FACTOR * interval:
            yield (card, note(LAPSED_REGULAR, interval=interval, days=days), f"lapsed:{member_id}:{last_sale[:10]}",
                   this_week)
    horizon = (today + timedelta(days=EXPIRY_NOTICE_DAYS)).isoformat()
    for member_id, card, points, expires_on in ctx.db.execute(
            "SELECT m.id, m.card, SUM(l.remaining), MIN(l.expires_on) FROM lots l JOIN members m ON m.id = l.member_id "
            "WHERE l.remaining > 0 AND l.expires_on <= ? AND m.marketing_consent = 1 AND m.status = 'active' "
            "GROUP BY m.id", [horizon]).fetchall():
        yield card, note(EXPIRING, count=points, day=expires_on), f"expiring:{member_id}:{expires_on}", today
    for campaign_id, name, starts_on in ctx.db.execute(
            "SELECT id, name, starts_on FROM campaigns WHERE active = 1 AND starts_on > ? AND starts_on <= ?",
            [today.isoformat(), (today + timedelta(days=CAMPAIGN_NOTICE_DAYS)).isoformat()]).fetchall():
        yield None, note(CAMPAIGN_SOON, name=name, day=starts_on), f"campaign:{campaign_id}", today


def _followup(ctx: Context, followup_id: int) -> Followup:
    row = ctx.db.execute(f"SELECT {_COLUMNS} FROM followups WHERE id = ?", [followup_id]).fetchone()
    if row is None:
        raise NotFoundError(t("followup: no follow-up {followup_id}", followup_id=followup_id), "followup")
    return Followup(*row)
