"""Tier rules: qualifying spend over a rolling window, upgrade with the sale that crosses a
threshold (the rule after each sale, `tier_after_sale`), a grace period when the spend falls short
and the downgrade after it — the falls and downgrades derived from the member's sales by
ledger/tier_timeline.py, which the daily job and a chain's counters run."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..common.clock import local_date, to_iso
from ..people.members import Member
from ..programme.context import Context
from ..programme.ladder import Tier
from ..programme.rules import tier_for_spend


@dataclass(frozen=True)
class TierProgress:
    tier: Tier
    qualifying_spend_cents: int
    next_tier: Tier | None
    missing_cents: int  # spend still needed for the next tier (0 at the top)


def qualifying_spend(ctx: Context, member_id: int, at: datetime, window_days: int) -> int:
    """Sales minus refunds in the `window_days` before `at` (a covering-index range sum)."""
    start = to_iso(at - timedelta(days=window_days))
    return ctx.db.execute(
        "SELECT COALESCE(SUM(spend_cents), 0) FROM entries WHERE member_id = ? AND created_at > ? AND created_at <= ?",
        [member_id, start, to_iso(at)],
    ).fetchone()[0]


def tier_by_code(tiers: list[Tier], code: str) -> Tier:
    return next((tier for tier in tiers if tier.code == code), tiers[0])


def tier_progress(ctx: Context, member: Member) -> TierProgress:
    tiers = ctx.tiers()
    current = tier_by_code(tiers, member.tier_code)
    spend = qualifying_spend(ctx, member.id, ctx.clock.now(), ctx.programme().tier_window_days)
    higher = [tier for tier in tiers if tier.rank > current.rank]
    next_tier = higher[0] if higher else None
    missing = max(0, next_tier.min_spend_cents - spend) if next_tier else 0
    return TierProgress(current, spend, next_tier, missing)


def record_tier_change(ctx: Context, member_id: int, old: Tier, new: Tier, reason: str, entry_id: int | None = None,
                       at: str | None = None):
    """The member moved from `old` to `new` — now, or `at` (a change derived from past sales)."""
    now = at or to_iso(ctx.clock.now())
    ctx.db.execute(
        "UPDATE members SET tier_code = ?, tier_since = ?, tier_grace_until = NULL WHERE id = ?",
        [new.code, now, member_id],
    )
    ctx.db.execute(
        "INSERT INTO tier_changes(member_id, from_code, to_code, changed_at, reason, entry_id) VALUES (?, ?, ?, ?, ?, ?)",
        [member_id, old.code, new.code, now, reason, entry_id],
    )


def upgrade_after_sale(ctx: Context, member_id: int, sale_entry_id: int) -> Tier | None:
    """Called after the sale is written (it earned at the old tier). Returns the new tier if it changed.

    Also lifts a pending downgrade when the spend supports the current tier again.
    """
    row = ctx.db.execute("SELECT tier_code, tier_grace_until FROM members WHERE id = ?", [member_id]).fetchone()
    tiers = ctx.tiers()
    current = tier_by_code(tiers, row[0])
    spend = qualifying_spend(ctx, member_id, ctx.clock.now(), ctx.programme().tier_window_days)
    reached, lifts_grace = tier_after_sale(tiers, current, row[1], spend)
    if reached is not None:
        record_tier_change(ctx, member_id, current, reached, UPGRADE_REASON, sale_entry_id)
    elif lifts_grace:
        ctx.db.execute("UPDATE members SET tier_grace_until = NULL WHERE id = ?", [member_id])
    return reached


UPGRADE_REASON = "qualifying spend reached"


def tier_after_sale(tiers: list[Tier], current: Tier, grace_until: str | None, spend_cents: int) -> tuple[Tier | None, bool]:
    """The rule after each sale: (the higher tier the qualifying spend now reaches, or None;
    whether a pending downgrade is lifted because the spend supports the tier again)."""
    reached = tier_for_spend(tiers, spend_cents)
    if reached.rank > current.rank:
        return reached, False
    return None, grace_until is not None and reached.rank >= current.rank


def local_today(ctx: Context) -> date:
    return local_date(ctx.clock.now(), ctx.programme().timezone)
