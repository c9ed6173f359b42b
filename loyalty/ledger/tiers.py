"""Tier rules: qualifying spend over a rolling window, upgrade with the sale that crosses a
threshold (at this till, or at another till once its sale is taken in), downgrade by the daily job
after a grace period."""

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..common.clock import local_date, to_iso
from ..people.members import Member
from ..programme.context import Context
from ..programme.ladder import Tier
from ..programme.rules import tier_for_spend
from ..storage.turns import write_in_turns


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


def record_tier_change(ctx: Context, member_id: int, old: Tier, new: Tier, reason: str, entry_id: int | None = None):
    now = to_iso(ctx.clock.now())
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


def upgrade_where_spend_reaches(ctx: Context, member_ids) -> int:
    """Members whose sales came from another till (chain/pull.py): the rule after each sale
    (`tier_after_sale`) applied to their qualifying spend now, so a member upgraded at one till
    holds that tier at every till. Downgrades stay the daily job's. One statement for all of them
    (the covering index of a member's spend by time). Returns how many moved up."""
    now, tiers = ctx.clock.now(), ctx.tiers()
    start = to_iso(now - timedelta(days=ctx.programme().tier_window_days))
    moved = 0
    for member_id, code, grace_until, spend in ctx.db.execute(
            "SELECT m.id, m.tier_code, m.tier_grace_until, SUM(e.spend_cents) FROM members AS m "
            "JOIN entries AS e ON e.member_id = m.id AND e.created_at > ? AND e.created_at <= ? "
            "WHERE m.id IN (SELECT value FROM json_each(?)) AND m.status != 'erased' GROUP BY m.id",
            [start, to_iso(now), json.dumps(sorted(set(member_ids)))]).fetchall():
        current = tier_by_code(tiers, code)
        reached, lifts_grace = tier_after_sale(tiers, current, grace_until, spend)
        if reached is not None:
            record_tier_change(ctx, member_id, current, reached, UPGRADE_REASON)
            moved += 1
        elif lifts_grace:
            ctx.db.execute("UPDATE members SET tier_grace_until = NULL WHERE id = ?", [member_id])
    return moved


def tier_after_sale(tiers: list[Tier], current: Tier, grace_until: str | None, spend_cents: int) -> tuple[Tier | None, bool]:
    """The rule after each sale: (the higher tier the qualifying spend now reaches, or None;
    whether a pending downgrade is lifted because the spend supports the tier again)."""
    reached = tier_for_spend(tiers, spend_cents)
    if reached.rank > current.rank:
        return reached, False
    return None, grace_until is not None and reached.rank >= current.rank


@dataclass
class TierReview:
    downgraded: int = 0
    grace_started: int = 0
    grace_lifted: int = 0


def review_tiers(ctx: Context, today: date, batch: int = 20) -> TierReview:
    """Daily: members above the base tier whose window no longer supports their tier
    get a grace period; when it has passed they move down to the tier their spend supports.

    Works in short timed transactions with pauses between them (storage/turns.py), so a
    counter selling meanwhile waits milliseconds, not the length of the whole review; `batch`
    members a piece (20: ~5 ms, 30 at most on the big shop), so a turn ends soon after its time."""
    review = TierReview()
    last_id = 0

    def review_some() -> bool:
        nonlocal last_id
        candidates = ctx.db.execute(
            "SELECT m.id, m.tier_code, m.tier_grace_until FROM members m JOIN tiers t ON t.code = m.tier_code "
            "WHERE t.rank > 0 AND m.status != 'erased' AND m.id > ? ORDER BY m.id LIMIT ?",
            [last_id, batch],
        ).fetchall()
        for member_id, code, grace_until in candidates:
            _review_member(ctx, today, member_id, code, grace_until, review)
        if candidates:
            last_id = candidates[-1][0]
        return len(candidates) == batch

    write_in_turns(ctx.db, review_some)
    return review


def _review_member(ctx: Context, today: date, member_id: int, code: str, grace_until: str | None,
                   review: TierReview) -> None:
    programme = ctx.programme()
    tiers = ctx.tiers()
    current = tier_by_code(tiers, code)
    spend = qualifying_spend(ctx, member_id, ctx.clock.now(), programme.tier_window_days)
    supported = tier_for_spend(tiers, spend)
    if supported.rank >= current.rank:
        if grace_until is not None:
            ctx.db.execute("UPDATE members SET tier_grace_until = NULL WHERE id = ?", [member_id])
            review.grace_lifted += 1
    elif grace_until is None:
        review.grace_started += 1
        if programme.tier_grace_days == 0:
            record_tier_change(ctx, member_id, current, supported, "qualifying spend below threshold")
            review.downgraded += 1
        else:
            due = today + timedelta(days=programme.tier_grace_days)
            ctx.db.execute("UPDATE members SET tier_grace_until = ? WHERE id = ?", [due.isoformat(), member_id])
    elif today.isoformat() >= grace_until:
        record_tier_change(ctx, member_id, current, supported, "qualifying spend below threshold after grace")
        review.downgraded += 1


def local_today(ctx: Context) -> date:
    return local_date(ctx.clock.now(), ctx.programme().timezone)
