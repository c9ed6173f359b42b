"""Spending points: as a discount at the till or on a catalog reward."""

from dataclasses import dataclass

from ..common.errors import ConflictError, InsufficientPointsError, ValidationError
from ..common.messages import t
from ..common.notes import DISCOUNT, note
from ..people.members import member_by_card, member_by_id
from ..programme.context import Context
from ..programme.permissions import require
from ..programme.points import points_value
from ..programme.rewards import Reward, reward_by_id
from ..storage import write_transaction
from .entries import Entry, append_entry, entry_by_key


@dataclass(frozen=True)
class RedemptionResult:
    entry: Entry
    value_cents: int          # discount value of the points (0 for a reward)
    balance: int
    reward: Reward | None = None
    already_recorded: bool = False


def redeem_points(ctx: Context, card: str, points: int, idempotency_key: str | None = None) -> RedemptionResult:
    """Points as a discount; the balance check is inside the write transaction."""
    if not isinstance(points, int) or points <= 0:
        raise ValidationError(t("points: must be a whole number above 0 (got {points})", points=points), "points")
    with write_transaction(ctx.db):
        require(ctx, "redeem")
        member = member_by_card(ctx, card)
        if idempotency_key and (done := _already_done(ctx, idempotency_key, points)):
            return done
        _require_balance(member.balance, points)
        programme = ctx.programme()
        value = points_value(points, programme.points_per_currency_unit, programme.currency_decimals)
        entry = append_entry(ctx, member.id, "redeem", -points, idempotency_key=idempotency_key, amount_cents=value,
                             reason=note(DISCOUNT))
        return RedemptionResult(entry, value, member_by_id(ctx, member.id).balance)


def redeem_reward(ctx: Context, card: str, reward_id: int, idempotency_key: str | None = None) -> RedemptionResult:
    with write_transaction(ctx.db):
        require(ctx, "redeem")
        member = member_by_card(ctx, card)
        reward = reward_by_id(ctx, reward_id)
        if idempotency_key and (done := _already_done(ctx, idempotency_key, reward.points_cost)):
            return done
        if not reward.active:
            raise ValidationError(t("reward: '{name}' is no longer offered", name=reward.name), "reward")
        if reward.stock is not None and reward.stock <= 0:
            raise ValidationError(t("reward: '{name}' is out of stock", name=reward.name), "reward")
        _require_balance(member.balance, reward.points_cost)
        entry = append_entry(ctx, member.id, "redeem", -reward.points_cost, idempotency_key=idempotency_key,
                             reward_id=reward.id, reason=reward.name)
        if reward.stock is not None:
            ctx.db.execute("UPDATE rewards SET stock = stock - 1 WHERE id = ?", [reward.id])
        return RedemptionResult(entry, 0, member_by_id(ctx, member.id).balance, reward_by_id(ctx, reward.id))


def _require_balance(balance: int, points: int) -> None:
    if points > balance:
        raise InsufficientPointsError(
            t("points: {points} is more than the balance of {balance}; nothing was redeemed",
              points=points, balance=max(balance, 0)), "points")


def _already_done(ctx: Context, key: str, points: int) -> RedemptionResult | None:
    existing = entry_by_key(ctx, key)
    if existing is None:
        return None
    if existing.points != -points:
        raise ConflictError(t("idempotency key: already used for a different redemption; nothing was changed"), "key")
    reward = reward_by_id(ctx, existing.reward_id) if existing.reward_id else None
    return RedemptionResult(existing, existing.amount_cents or 0, member_by_id(ctx, existing.member_id).balance,
                            reward, already_recorded=True)
