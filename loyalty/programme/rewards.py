"""The rewards catalog: what members can take for their points. In a chain the catalog is the
chain's (programme/shared.py), stock included: the count a person set and when, less the
redemptions of the reward made since at any till (reward_stock.py)."""

import uuid
from dataclasses import dataclass

from ..common.clock import to_iso
from ..common.errors import NotFoundError, ValidationError
from ..common.messages import t
from ..storage import write_transaction
from .audit import record
from .context import Context
from .permissions import require
from .shared import record_reward

_COLUMNS = "id, name, points_cost, stock, active, created_at"


@dataclass(frozen=True)
class Reward:
    id: int
    name: str
    points_cost: int
    stock: int | None
    active: bool
    created_at: str


def _reward(row: dict) -> Reward:
    return Reward(**{**row, "active": bool(row["active"])})


def _validated_reward(name: str, points_cost: int, stock: int | None) -> list:
    clean_name = " ".join((name or "").split())
    if not clean_name or len(clean_name) > 80:
        raise ValidationError(t("name: 1 to 80 characters"), "name")
    if not isinstance(points_cost, int) or not 0 < points_cost <= 10_000_000:
        raise ValidationError(t("points: the cost must be a whole number above 0 (got {points_cost})",
                                points_cost=points_cost), "points")
    if stock is not None and (not isinstance(stock, int) or stock < 0):
        raise ValidationError(t("stock: must be 0 or more, or left empty for unlimited (got {stock})",
                                stock=stock), "stock")
    return [clean_name, points_cost, stock]


def add_reward(ctx: Context, name: str, points_cost: int, stock: int | None = None) -> Reward:
    values = _validated_reward(name, points_cost, stock)
    with write_transaction(ctx.db):
        require(ctx, "rewards")
        now = to_iso(ctx.clock.now())
        cursor = ctx.db.execute("INSERT INTO rewards(name, points_cost, stock, created_at, uuid, stock_set, stock_set_at) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                                [*values, now, str(uuid.uuid4()), values[2], now if values[2] is not None else None])
        record(ctx, "reward.add", f"reward {cursor.lastrowid}", name=values[0], points_cost=values[1], stock=values[2])
        record_reward(ctx, cursor.lastrowid)
        return reward_by_id(ctx, cursor.lastrowid)


def update_reward(ctx: Context, reward_id: int, name: str, points_cost: int, stock: int | None) -> Reward:
    """Past redemptions keep the cost they were made at (it is on their entries)."""
    values = _validated_reward(name, points_cost, stock)
    with write_transaction(ctx.db):
        require(ctx, "rewards")
        before = reward_by_id(ctx, reward_id)
        ctx.db.execute("UPDATE rewards SET name = ?, points_cost = ? WHERE id = ?", [*values[:2], reward_id])
        if values[2] != before.stock:       # counted again now: the redemptions from here on count against it
            ctx.db.execute("UPDATE rewards SET stock = ?, stock_set = ?, stock_set_at = ? WHERE id = ?",
                           [values[2], values[2], to_iso(ctx.clock.now()) if values[2] is not None else None,
                            reward_id])
        record(ctx, "reward.edit", f"reward {reward_id}", before=[before.name, before.points_cost, before.stock],
               after=values)
        record_reward(ctx, reward_id)
        return reward_by_id(ctx, reward_id)


def reward_by_id(ctx: Context, reward_id: int) -> Reward:
    row = next(ctx.db.query(f"SELECT {_COLUMNS} FROM rewards WHERE id = ?", [reward_id]), None)
    if row is None:
        raise NotFoundError(t("reward: no reward {reward_id}", reward_id=reward_id), "reward")
    return _reward(row)


def list_rewards(ctx: Context, active_only: bool = False) -> list[Reward]:
    where = "WHERE active = 1" if active_only else ""
    return [_reward(row) for row in ctx.db.query(f"SELECT {_COLUMNS} FROM rewards {where} ORDER BY points_cost, name")]


def set_reward_active(ctx: Context, reward_id: int, active: bool) -> Reward:
    with write_transaction(ctx.db):
        require(ctx, "rewards")
        reward_by_id(ctx, reward_id)
        ctx.db.execute("UPDATE rewards SET active = ? WHERE id = ?", [int(active), reward_id])
        record(ctx, "reward.activate" if active else "reward.deactivate", f"reward {reward_id}")
        record_reward(ctx, reward_id)
        return reward_by_id(ctx, reward_id)

