"""What the counter needs the instant a card is scanned: member, balance, tier and
points about to expire. Four indexed reads, independent of the member's history."""

from dataclasses import dataclass

from ..common.clock import local_date
from ..people.members import Member, member_by_card
from ..people.profiles import PurchaseProfile, latest_visits, purchase_profile
from ..programme.context import Context
from ..programme.ladder import Tier
from ..programme.points import points_value
from ..programme.rules import load_tiers
from .entries import expiring_points
from .redemptions import OfflineLimit, offline_limit
from .tiers import TierProgress, tier_by_code, tier_progress


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


@dataclass(frozen=True)
class MemberSummary:
    """Everything the counter's member panel shows, read in one go."""

    lookup: CardLookup
    progress: TierProgress
    last_visits: tuple[str, ...]   # UTC moments of the latest sales, newest first
    birthday_today: bool
    followups: tuple[str, ...] = ()          # open follow-ups: what to say or ask while they are here
    open_complaints: tuple[str, ...] = ()    # complaints not yet resolved
    profile: PurchaseProfile | None = None
    offline: OfflineLimit | None = None      # a chain's till out of touch with its hub (redemptions.py)


def member_summary(ctx: Context, card: str, visits: int = 5) -> MemberSummary:
    found = lookup_card(ctx, card)
    member = found.member
    last_visits = tuple(latest_visits(ctx, member.id, visits))
    today = local_date(ctx.clock.now(), ctx.programme().timezone)
    birthday_today = bool(member.birthday) and member.birthday[5:] == today.isoformat()[5:]
    followups = tuple(row[0] for row in ctx.db.execute(
        "SELECT reason FROM followups WHERE member_id = ? AND done_at IS NULL ORDER BY due_on LIMIT 3", [member.id]))
    complaints = tuple(f"{row[0]}: {row[1]}" for row in ctx.db.execute(
        "SELECT category, description FROM complaints WHERE member_id = ? AND status = 'open' ORDER BY opened_at",
        [member.id]))
    return MemberSummary(found, tier_progress(ctx, member), last_visits, birthday_today, followups, complaints,
                         purchase_profile(ctx, member.id), offline_limit(ctx, member.id))
