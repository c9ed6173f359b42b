"""Spending points: as a discount at the till or on a catalog reward."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from ..common.clock import from_iso, local_date, local_midnight_utc, to_iso
from ..common.errors import ConflictError, InsufficientPointsError, ValidationError
from ..common.messages import t
from ..common.notes import DISCOUNT, note
from ..people.members import member_by_card, member_by_id
from ..programme.context import Context
from ..programme.permissions import require
from ..programme.points import points_value
from ..programme.reward_stock import recount_stock
from ..programme.rewards import Reward, reward_by_id
from ..programme.wording import Wording
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
        _require_within_offline_limit(ctx, member.id, points)
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
        _require_within_offline_limit(ctx, member.id, reward.points_cost)
        entry = append_entry(ctx, member.id, "redeem", -reward.points_cost, idempotency_key=idempotency_key,
                             reward_id=reward.id, reason=reward.name)
        recount_stock(ctx, [reward.id])
        return RedemptionResult(entry, 0, member_by_id(ctx, member.id).balance, reward_by_id(ctx, reward.id))


@dataclass(frozen=True)
class OfflineLimit:
    """A counter out of touch with its hub: when it last reached it (None: never since it joined),
    and what this member may still redeem here today."""
    since: datetime | None
    limit: int
    used: int          # points this member redeemed here today

    @property
    def left(self) -> int:
        return max(0, self.limit - self.used)


def offline_limit(ctx: Context, member_id: int) -> OfflineLimit | None:
    """A counter joined to a hub that has not reached it for `offline_after_minutes` may not know of
    points spent at another till, nor they of these: until it is back, a member may redeem at
    most `offline_redeem_points` a day here (docs/sync.md). None while it is in touch, and for a
    counter on its own (no limit)."""
    link = ctx.db.execute("SELECT last_upload_at FROM hub_link WHERE id = 1").fetchone()
    if link is None:
        return None
    programme, now = ctx.programme(), ctx.clock.now()
    last = from_iso(link[0]) if link[0] else None
    if last is not None and now - last <= timedelta(minutes=programme.offline_after_minutes):
        return None
    start_of_day = local_midnight_utc(local_date(now, programme.timezone), programme.timezone)
    used = -ctx.db.execute("SELECT COALESCE(SUM(points), 0) FROM entries WHERE member_id = ? AND kind = 'redeem' "
                           "AND device_id = ? AND created_at >= ?",
                           [member_id, ctx.device_id, to_iso(start_of_day)]).fetchone()[0]
    return OfflineLimit(last, programme.offline_redeem_points, used)


def _require_within_offline_limit(ctx: Context, member_id: int, points: int) -> None:
    limit = offline_limit(ctx, member_id)
    if limit is not None and limit.used + points > limit.limit:
        programme = ctx.programme()
        since = (t("since {moment}", moment=Wording(programme.language).moment(
            limit.since.astimezone(ZoneInfo(programme.timezone)))) if limit.since else t("since it joined"))
        raise ValidationError(t("points: this counter has not reached the hub {since}; until it does, a member may "
                                "redeem at most {limit} points a day here ({used} already today)", since=since,
                                limit=limit.limit, used=limit.used), "points")


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
