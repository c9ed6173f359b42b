"""A member's purchase profile: how often they come, what they spend, when they last came,
their usual rhythm and favourite day — what a shop owner knows of a regular by heart, for
every member (docs/metrics.md, "Purchase profile")."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from ..common.clock import from_iso, local_date
from ..programme.context import Context
from ..storage.undone import counted_sale


@dataclass(frozen=True)
class PurchaseProfile:
    visits: int                     # sales (refunds are not visits; undone sales were none)
    total_cents: int                # net of refunds: the historical lifetime value
    average_ticket_cents: int       # net spend / visits, rounded half up
    first_visit: date | None
    last_visit: date | None
    days_since_last: int | None
    usual_interval_days: int | None  # median days between visiting days (the lower middle); None with one
    favourite_weekday: int | None   # ISO weekday (1 = Monday) of most visits; ties: the earliest in the week


RECENT_VISITS = 100   # the rhythm (interval, favourite day) is read from the latest visits


def latest_visits(ctx: Context, member_id: int, limit: int) -> list[str]:
    """UTC moments of the member's latest sales, newest first (an undone sale was no visit)."""
    return [row[0] for row in ctx.db.execute(
        f"SELECT created_at FROM entries AS e WHERE member_id = ? AND kind = 'earn' AND {counted_sale('e')} "
        "ORDER BY created_at DESC LIMIT ?", [member_id, limit])]


def purchase_profile(ctx: Context, member_id: int) -> PurchaseProfile:
    """Counts and totals from the per-member monthly totals; the rhythm from the latest 100
    visits — a few index reads even for a member with ten thousand entries (the counter shows it)."""
    tz = ctx.programme().timezone
    visits, net = ctx.db.execute("SELECT COALESCE(SUM(sales), 0), COALESCE(SUM(spend_cents), 0) FROM member_months "
                                 "WHERE member_id = ?", [member_id]).fetchone()
    if not visits:
        return PurchaseProfile(0, net, 0, None, None, None, None, None)
    first = ctx.db.execute("SELECT created_at FROM entries AS e WHERE member_id = ? AND kind = 'earn' "
                           f"AND {counted_sale('e')} ORDER BY created_at LIMIT 1", [member_id]).fetchone()[0]
    recent = [local_date(from_iso(moment), tz) for moment in latest_visits(ctx, member_id, RECENT_VISITS)]
    days = sorted(set(recent))
    gaps = sorted((later - earlier).days for earlier, later in zip(days, days[1:]))
    weekdays = Counter(day.isoweekday() for day in recent)
    favourite = min(weekdays, key=lambda weekday: (-weekdays[weekday], weekday))
    today = local_date(ctx.clock.now(), tz)
    return PurchaseProfile(
        visits=visits, total_cents=net, average_ticket_cents=(2 * net + visits) // (2 * visits),
        first_visit=local_date(from_iso(first), tz), last_visit=days[-1], days_since_last=(today - days[-1]).days,
        usual_interval_days=gaps[(len(gaps) - 1) // 2] if gaps else None, favourite_weekday=favourite)
