"""What the counter needs the instant a card is scanned: member, balance, tier and
points about to expire. Four indexed reads, independent of the member's history."""

from dataclasses import dataclass

from .context import Context
from .ledger import expiring_points
from .members import Member, member_by_card
from .points import points_value
from .programme import Tier, load_tiers
from .tiers import tier_by_code


@dataclass(frozen=True)
class CardLookup:
    member: Member
    tier: Tier
    balance: int
    balance_value_cents: int
    expiring_points: int
    expiring_on: str | None


def lookup_card(ctx: Context, card: str, expiring_within_days: int = 30) -> CardLookup:
    member = member_by_card(ctx, card)
    programme = ctx.programme()
    tier = tier_by_code(load_tiers(ctx.db), member.tier_code)
    expiring, first_day = expiring_points(ctx, member.id, expiring_within_days)
    value = points_value(max(member.balance, 0), programme.points_per_currency_unit, programme.currency_decimals)
    return CardLookup(member, tier, member.balance, value, expiring, first_day)
