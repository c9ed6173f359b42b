"""RFM scores and the named segments built on them (docs/metrics.md, "RFM").

Over the twelve calendar months ending with the current one (the per-member monthly totals,
so a million members score in seconds): recency = days since the last sale, frequency =
sales, monetary = net spend. Each is scored 1-5 by quintile among the members with at least
one sale in those months: score = 1 + ⌊5 × (members with a worse value) / members⌋, so
equal values always get equal scores. A member without a sale in the twelve months has no
scores (the segment "lapsed N days" finds them)."""

from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from ..common.clock import from_iso, local_date, local_midnight_utc, to_iso
from ..programme.context import Context

SEGMENTS = ("champions", "loyal", "new", "potential", "at_risk", "hibernating", "lost")


@dataclass(frozen=True)
class RfmScore:
    member_id: int
    days_since_last: int
    sales: int
    spend_cents: int
    r: int
    f: int
    m: int
    segment: str


def segment_for(r: int, f: int, m: int) -> str:
    """The first rule that matches, in this order."""
    if r >= 4 and f >= 4 and m >= 4:
        return "champions"
    if f >= 4 and r >= 3:
        return "loyal"
    if r >= 4 and f == 1:
        return "new"
    if r >= 3:
        return "potential"
    if f >= 3:
        return "at_risk"
    return "hibernating" if r == 2 else "lost"


def window_months(today: date) -> tuple[str, str]:
    """The first and last month (YYYY-MM) of the twelve ending with today's."""
    index = today.year * 12 + today.month - 1 - 11
    return f"{index // 12:04d}-{index % 12 + 1:02d}", today.strftime("%Y-%m")


def rfm_scores(ctx: Context) -> dict[int, RfmScore]:
    tz = ctx.programme().timezone
    today = local_date(ctx.clock.now(), tz)
    first, last = window_months(today)
    rows = [(member_id, (today - local_date(from_iso(last_sale), tz)).days, sales, spend)
            for member_id, last_sale, sales, spend in ctx.db.execute(
                "SELECT member_id, MAX(last_sale_at), SUM(sales), SUM(spend_cents) FROM member_months "
                "WHERE month >= ? AND month <= ? GROUP BY member_id HAVING SUM(sales) > 0", [first, last])]
    if not rows:
        return {}
    older = sorted(-days for _, days, _, _ in rows)          # ascending: most days since first
    fewer = sorted(sales for _, _, sales, _ in rows)
    smaller = sorted(spend for _, _, _, spend in rows)
    count = len(rows)

    def score(ordered: list, value) -> int:
        return 1 + 5 * bisect_left(ordered, value) // count

    scores = {}
    for member_id, days, sales, spend in rows:
        r, f, m = score(older, -days), score(fewer, sales), score(smaller, spend)
        scores[member_id] = RfmScore(member_id, days, sales, spend, r, f, m, segment_for(r, f, m))
    return scores


def rfm_of(ctx: Context, member_id: int) -> RfmScore | None:
    """One member's scores: the same answer as `rfm_scores(ctx).get(member_id)`, without holding
    every member's scores in memory. Their own totals come by seek; their ranks still need one
    pass over the twelve months of every member's totals (seconds on a million members: a screen
    runs it on a worker thread). None when the member has no sale in those months."""
    tz = ctx.programme().timezone
    today = local_date(ctx.clock.now(), tz)
    first, last = window_months(today)
    last_sale, sales, spend = ctx.db.execute(
        "SELECT MAX(last_sale_at), SUM(sales), SUM(spend_cents) FROM member_months "
        "WHERE member_id = ? AND month >= ? AND month <= ?", [member_id, first, last]).fetchone()
    if not sales:
        return None
    last_day = local_date(from_iso(last_sale), tz)
    # Recency is in local days: a worse one is a last sale before the local day of theirs.
    day_start = to_iso(local_midnight_utc(last_day, tz))
    count, older, fewer, smaller = ctx.db.execute(
        "SELECT COUNT(*), SUM(last_sale < ?), SUM(sales < ?), SUM(spend < ?) FROM ("
        "SELECT MAX(last_sale_at) AS last_sale, SUM(sales) AS sales, SUM(spend_cents) AS spend FROM member_months "
        "WHERE month >= ? AND month <= ? GROUP BY member_id HAVING SUM(sales) > 0)",
        [day_start, sales, spend, first, last]).fetchone()
    r, f, m = (1 + 5 * worse // count for worse in (older, fewer, smaller))
    return RfmScore(member_id, (today - last_day).days, sales, spend, r, f, m, segment_for(r, f, m))
