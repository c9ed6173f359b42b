"""A reward's stock in a chain: the count a person set and when, less the redemptions of the
reward made since, at any till, that were not undone. Derived again whenever a redemption, its
undoing or a new count is posted or taken in, so every till holds the same figure."""

from ..storage.undone import voided
from .context import Context


def recount_stock(ctx: Context, reward_ids) -> None:
    """What is left of each reward: the count set, less its redemptions made since — here or at
    another till — that were not undone (never below 0: two offline tills may both have given the
    last one); no count set, no limit. Inside the caller's transaction."""
    ctx.db.conn.executemany(
        "UPDATE rewards SET stock = CASE WHEN stock_set IS NOT NULL THEN MAX(stock_set - (SELECT COUNT(*) "
        "FROM entries AS e WHERE e.reward_id = rewards.id AND e.created_at >= rewards.stock_set_at "
        f"AND e.kind = 'redeem' AND NOT {voided('e.id')}), 0) END WHERE id = ?",
        [(reward_id,) for reward_id in set(reward_ids)])
