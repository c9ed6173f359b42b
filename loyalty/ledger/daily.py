"""The daily job (`loyalty expire`): expire points past their date, review tiers.
Safe to run any number of times: a second run on the same day posts nothing."""

from dataclasses import dataclass, replace

from ..common.notes import EXPIRED, note
from ..programme.context import Context
from ..storage.turns import write_in_turns
from .entries import append_entry, entry_by_key
from .tier_timeline import review_tiers
from .tiers import local_today

BATCH = 10  # lots per piece (~6 ms, 40 at most on the big shop): a turn ends soon after its 50 ms (storage/turns.py)


@dataclass(frozen=True)
class DailyResult:
    expired_entries: int
    expired_points: int
    downgraded: int
    grace_started: int
    grace_lifted: int


def run_daily(ctx: Context) -> DailyResult:
    today = local_today(ctx)
    expired_entries = expired_points = 0

    def expire_some() -> bool:
        nonlocal expired_entries, expired_points
        due = ctx.db.execute(
            "SELECT lots.entry_id, lots.member_id, lots.remaining, entries.uuid FROM lots "
            "JOIN entries ON entries.id = lots.entry_id WHERE lots.remaining > 0 AND lots.expires_on < ? "
            "ORDER BY lots.expires_on LIMIT ?",
            [today.isoformat(), BATCH],
        ).fetchall()
        for lot_id, member_id, remaining, lot_uuid in due:
            key = f"expire:{lot_uuid}:{today.isoformat()}"
            if entry_by_key(ctx, key) is not None:
                continue
            append_entry(ctx, member_id, "expire", -remaining, idempotency_key=key,
                         reason=note(EXPIRED, entry=lot_id))
            expired_entries += 1
            expired_points += remaining
        return len(due) == BATCH

    write_in_turns(ctx.db, expire_some)
    review = review_tiers(ctx)
    return DailyResult(expired_entries, expired_points, review.downgraded, review.grace_started, review.grace_lifted)


def as_daily_job(ctx: Context) -> Context:
    """The scheduled job (`loyalty expire`, at night, nobody signed in) may post expiries,
    take the daily backup and prepare the closed month's report; its entries say so."""
    return replace(ctx, staff_id="daily job", role="owner", approver=None, approver_role=None)


def members_with_expiring_points(ctx: Context, within_days: int, limit: int = 100) -> list[tuple[str, str, int, str]]:
    """(card, name, points, first day) for members whose points expire within `within_days`."""
    from datetime import timedelta

    horizon = (local_today(ctx) + timedelta(days=within_days)).isoformat()
    return ctx.db.execute(
        "SELECT m.card, m.name, SUM(l.remaining), MIN(l.expires_on) FROM lots l JOIN members m ON m.id = l.member_id "
        "WHERE l.remaining > 0 AND l.expires_on <= ? AND m.status != 'erased' GROUP BY l.member_id "
        "ORDER BY MIN(l.expires_on) LIMIT ?",
        [horizon, limit],
    ).fetchall()
