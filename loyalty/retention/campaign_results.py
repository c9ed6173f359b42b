"""What a campaign achieved (docs/metrics.md, "Campaign results"): of the members it targeted,
how many bought during it, the conversion rate, the extra visits against the same number of
days just before, and what it cost in bonus points.

Targeted = the members who could be told: active, joined before the campaign started, with
marketing consent — optionally only those in a segment, as the segment stands today (the
app does not keep segments as they were)."""

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from ..common.clock import local_midnight_utc, to_iso
from ..programme.campaigns import campaign_by_id
from ..programme.context import Context
from ..programme.permissions import require
from ..programme.points import points_value
from ..storage.bulk import in_batches, placeholders
from ..storage.undone import counted_sale
from .segments import segment_ids


@dataclass(frozen=True)
class CampaignResults:
    campaign_id: int
    name: str
    starts_on: str
    ends_on: str
    targeted: int
    buyers: int
    conversion_rate: Fraction          # buyers / targeted × 100 (a percentage)
    visits_during: int                 # sales of targeted members during the campaign
    visits_before: int                 # in the same number of days just before it
    extra_visits: int
    bonus_points: int                  # the campaign's extra points on sales
    cost_cents: int                    # their value
    cost_per_converted_cents: int      # cost ÷ buyers, rounded half up (0 without buyers)


def campaign_results(ctx: Context, campaign_id: int, segment: str | None = None,
                     value: str | None = None) -> CampaignResults:
    require(ctx, "reports")
    campaign = campaign_by_id(ctx, campaign_id)
    programme = ctx.programme()
    first, last = date.fromisoformat(campaign.starts_on), date.fromisoformat(campaign.ends_on)
    length = (last - first).days + 1
    bounds = lambda day: to_iso(local_midnight_utc(day, programme.timezone))  # noqa: E731
    start, end, before = bounds(first), bounds(last + timedelta(days=1)), bounds(first - timedelta(days=length))
    targeted = [row[0] for row in ctx.db.execute(
        "SELECT id FROM members WHERE status = 'active' AND marketing_consent = 1 AND joined_at < ?", [start])]
    if segment:
        targeted = sorted(set(targeted) & set(segment_ids(ctx, segment, value)))
    during = before_count = buyers = 0
    for batch in in_batches(targeted):
        for bought, earlier in ctx.db.execute(
                f"SELECT SUM(created_at >= ?), SUM(created_at < ?) FROM entries AS e WHERE kind = 'earn' "
                f"AND created_at >= ? AND created_at < ? AND member_id IN ({placeholders(batch)}) "
                f"AND {counted_sale('e')} GROUP BY member_id",
                [start, start, before, end, *batch]):
            during += bought
            before_count += earlier
            buyers += bought > 0
    bonus = ctx.db.execute("SELECT COALESCE(SUM(json_extract(detail, '$.campaign_bonus')), 0) FROM entries AS e "
                           f"WHERE campaign_id = ? AND kind = 'earn' AND {counted_sale('e')}",
                           [campaign_id]).fetchone()[0]
    cost = points_value(bonus, programme.points_per_currency_unit, programme.currency_decimals)
    return CampaignResults(
        campaign.id, campaign.name, campaign.starts_on, campaign.ends_on, len(targeted), buyers,
        Fraction(buyers * 100, len(targeted)) if targeted else Fraction(0), during, before_count,
        during - before_count, bonus, cost, (2 * cost + buyers) // (2 * buyers) if buyers else 0)
