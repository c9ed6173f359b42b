"""What the command groups share: an amount typed as the shop writes it, an amount printed plainly,
and the keys every member-changing command reports."""

from ..people import members
from ..programme.money import parse_shop_amount, plain_amount


def amount_typed(ctx, text: str) -> int:
    return parse_shop_amount(ctx.programme(), text)


def plain_money(ctx, minor: int) -> str:
    return plain_amount(minor, ctx.programme().currency_decimals)


def member_state(ctx, card: str) -> dict:
    """The keys every member-changing command reports: card, balance, tier as they stand now."""
    member = members.member_by_card(ctx, card, allow_blocked=True)
    return {"card": member.card, "balance": member.balance, "tier": member.tier_code}
