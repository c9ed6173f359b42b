"""A member's purchase profile: how often they come, what they spend, when they last came,
their usual rhythm and favourite day — what a shop owner knows of a regular by heart, for
every member (docs/metrics.md, "Purchase profile")."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from .clock import from_iso, local_date
from .context import Context


@dataclass(frozen=True)
class PurchaseProfile:
    visits: int                     # sales (refunds are not visits)
    total_cents: int                # net of refunds: the historical lifetime value
    average_ticket_cents: int       # net spend / visits, rounded half up
    first_visit: date | None
    last_visit: date | None
    days_since_last: int | None
    usual_interval_days: int | None  # median days between visiting days (the lower middle); None with one
    favourite_weekday: int | None   # ISO weekday (1 = Monday) of most visits; ties: the earliest in the week


def purchase_profile(ctx: Context, member_id: int) -> PurchaseProfile:
    tz = ctx.programme().timezone
    sales, net = [], 0
    for created_at, kind, spend in ctx.db.execute(
            "SELECT created_at, kind, spend_cents FROM entries WHERE member_id = ? AND spend_cents != 0 "
            "ORDER BY created_at", [member_id]):
        net += spend
        if kind == "earn":
            sales.append(local_date(from_iso(created_at), tz))
    today = local_date(ctx.clock.now(), tz)
    if not sales:
        return PurchaseProfile(0, net, 0, None, None, None, None, None)
    days = sorted(set(sales))
    gaps = sorted((later - earlier).days for earlier, later in zip(days, days[1:]))
    weekdays = Counter(day.isoweekday() for day in sales)
    favourite = min(weekdays, key=lambda weekday: (-weekdays[weekday], weekday))
    return PurchaseProfile(
        visits=len(sales), total_cents=net, average_ticket_cents=(2 * net + len(sales)) // (2 * len(sales)),
        first_visit=days[0], last_visit=days[-1], days_since_last=(today - days[-1]).days,
        usual_interval_days=gaps[(len(gaps) - 1) // 2] if gaps else None, favourite_weekday=favourite)
