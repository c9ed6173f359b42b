"""A member's tier and grace period derived from their sales alone, so that every counter of a
chain holds the same tier whatever order the sales reached it in and whenever its daily job ran —
the same as one counter that had posted every sale in the ledger's order.

The rules, each at the moment it applies:
- a sale (an entry adding qualifying spend): the rule after each sale (`tiers.tier_after_sale`) on
  the spend of the window ending then — up to the tier it reaches, or a pending downgrade lifted;
- the spend falling (a refund, or a sale leaving the window `tier_window_days` after it was made):
  if it no longer supports the tier, a grace period starts that local day and runs
  `tier_grace_days` (none: down at once to the tier it supports); a pending downgrade is lifted
  when a change brings the spend back to the tier;
- the start of the local day a grace period ends: down to the tier the spend then supports.

At one counter the rule after a sale runs as each sale is posted (ledger/sales.py), the rule for
the spend falling as each refund is (`after_the_spend_fell`), and the daily job derives every member above the base tier
(`review_tiers` below: the falls of the window and the ends of grace periods). A chain's counter
derives a member whenever another till's sales reach it (chain/pull.py) and every member on its
first download (ledger/replay.py). The tier ladder, window and grace period are the programme's
now, for the whole history. What is identical everywhere is the tier and its grace period; each
counter's own history of changes (`tier_changes`) keeps what it recorded, and gains the derived
changes after its last one.
"""

import json
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from itertools import accumulate

from ..common.clock import from_iso, local_date, local_midnight_utc, to_iso
from ..programme.context import Context
from ..programme.ladder import Tier
from ..programme.rules import Programme, tier_for_spend
from ..storage.bulk import in_batches
from ..storage.turns import write_in_turns
from .tiers import UPGRADE_REASON, qualifying_spend, record_tier_change, tier_after_sale, tier_by_code

DOWN_AT_ONCE_REASON = "qualifying spend below threshold"
DOWN_AFTER_GRACE_REASON = "qualifying spend below threshold after grace"
# A counter whose recorded tier had drifted from its member's sales (an older version's rules, or
# another till's sales changing the past) records the difference as one change.
DERIVED_REASON = "tier derived again from the member's sales"

_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MICROSECOND = timedelta(microseconds=1)


def _micros(iso_time: str) -> int:
    return (from_iso(iso_time) - _EPOCH) // _MICROSECOND


def _moment(micros: int) -> datetime:
    return _EPOCH + timedelta(microseconds=micros)


def _iso(micros: int) -> str:
    return to_iso(_moment(micros))


@dataclass(frozen=True)
class TierChange:
    at: str
    from_code: str
    to_code: str
    reason: str
    entry_id: int | None = None


@dataclass
class DerivedTier:
    tier: Tier
    since: str | None = None
    grace_until: str | None = None          # the local date the downgrade applies from
    changes: list[TierChange] = field(default_factory=list)


class TierTimeline:
    """The rules of the module's docstring applied to one member's sales up to `until`."""

    def __init__(self, tiers: list[Tier], programme: Programme, until: datetime):
        self.tiers, self.zone = tiers, programme.timezone
        self.window = timedelta(days=programme.tier_window_days) // _MICROSECOND
        self.grace_days = programme.tier_grace_days
        self.until = _micros(to_iso(until))

    def derive(self, history: list[tuple[str, int, int]]) -> DerivedTier:
        """`history`: (created_at, spend_cents, entry id) of the member's entries that change their
        qualifying spend, in the ledger's order (time first). At the same moment the end of a grace
        period comes first (the day's start), then a sale leaving the window, then the entry."""
        derived = DerivedTier(self.tiers[0])
        times = [_micros(at) for at, _, _ in history]
        totals = list(accumulate((spend for _, spend, _ in history), initial=0))
        window = self.window
        left, due = 0, None     # the next entry to leave the window; when a pending downgrade applies

        def spend_at(moment: int, applied: int) -> int:
            """Of the first `applied` entries (a later one at the same moment comes after)."""
            return totals[applied] - totals[bisect_right(times, moment - window, 0, applied)]

        def happen_until(limit: int, applied: int) -> None:
            """The window's falls and a grace period's end up to `limit` (only above the base tier)."""
            nonlocal left, due
            while True:
                leaves_at = times[left] + window if left < applied else None
                if due is not None and due <= limit and (leaves_at is None or due <= leaves_at):
                    due = self._grace_ends(derived, due, spend_at(due, applied))
                elif leaves_at is not None and leaves_at <= limit:
                    left += 1
                    due = self.spend_fell(derived, leaves_at, spend_at(leaves_at, applied), due)
                else:
                    return

        applied = 0
        for at, spend, entry_id in history:
            moment = times[applied]
            if moment > self.until:
                break
            if derived.tier.rank > 0:       # (a pending downgrade is always above the base tier)
                happen_until(moment, applied)
            applied += 1
            if spend > 0:
                above = derived.tier.rank > 0
                self._after_sale(derived, at, spend_at(moment, applied), entry_id)
                due = None if derived.grace_until is None else due
                if not above and derived.tier.rank > 0:     # the sales that left before now change nothing
                    left = bisect_right(times, moment - window, 0, applied)
            else:
                due = self.spend_fell(derived, moment, spend_at(moment, applied), due)
        if derived.tier.rank > 0:
            happen_until(self.until, applied)
        return derived

    def _after_sale(self, derived: DerivedTier, at: str, spend: int, entry_id: int) -> None:
        reached, lifts_grace = tier_after_sale(self.tiers, derived.tier, derived.grace_until, spend)
        if reached is not None:
            self._move(derived, at, reached, UPGRADE_REASON, entry_id)
        elif lifts_grace:
            derived.grace_until = None

    def spend_fell(self, derived: DerivedTier, moment: int, spend: int, due: int | None) -> int | None:
        supported = tier_for_spend(self.tiers, spend)
        if supported.rank >= derived.tier.rank:
            derived.grace_until = None
            return None
        if derived.grace_until is not None:
            return due
        if self.grace_days == 0:
            self._move(derived, _iso(moment), supported, DOWN_AT_ONCE_REASON)
            return None
        ends = local_date(_moment(moment), self.zone) + timedelta(days=self.grace_days)
        derived.grace_until = ends.isoformat()
        return _micros(to_iso(local_midnight_utc(ends, self.zone)))

    def _grace_ends(self, derived: DerivedTier, moment: int, spend: int) -> None:
        supported = tier_for_spend(self.tiers, spend)
        if supported.rank < derived.tier.rank:
            self._move(derived, _iso(moment), supported, DOWN_AFTER_GRACE_REASON)
        derived.grace_until = None

    @staticmethod
    def _move(derived: DerivedTier, at: str, to: Tier, reason: str, entry_id: int | None = None) -> None:
        derived.changes.append(TierChange(at, derived.tier.code, to.code, reason, entry_id))
        derived.tier, derived.since, derived.grace_until = to, at, None


@dataclass
class TierCounts:
    upgraded: int = 0
    downgraded: int = 0
    grace_started: int = 0
    grace_lifted: int = 0

    def add(self, other: "TierCounts") -> None:
        for name, value in vars(other).items():
            setattr(self, name, getattr(self, name) + value)


HISTORY = ("SELECT member_id, created_at, spend_cents, id FROM entries WHERE member_id IN "
           "(SELECT value FROM json_each(?)) AND spend_cents != 0 ORDER BY member_id, created_at, id")
# What the counter holds of each member's tier, and when it last recorded a change.
HELD = ("SELECT m.id, m.tier_code, m.tier_grace_until, (SELECT MAX(changed_at) FROM tier_changes "
        "WHERE member_id = m.id) FROM members AS m WHERE m.id IN (SELECT value FROM json_each(?)) "
        "AND m.status != 'erased'")


def after_the_spend_fell(ctx: Context, member_id: int) -> None:
    """A refund posted here: the rule for the spend falling applied now to the tier the member
    holds — what deriving them would give, without reading their whole history (a member with
    10,000 entries: ~1 ms instead of ~40)."""
    now, programme = ctx.clock.now(), ctx.programme()
    timeline = TierTimeline(ctx.tiers(), programme, now)
    for _, code, grace_until, last_change in ctx.db.execute(HELD, [json.dumps([member_id])]).fetchall():
        held = DerivedTier(tier_by_code(timeline.tiers, code), grace_until=grace_until)
        spend = qualifying_spend(ctx, member_id, now, programme.tier_window_days)
        timeline.spend_fell(held, timeline.until, spend, None)
        _keep(ctx, timeline.tiers, member_id, code, grace_until, last_change, held, TierCounts())


def derive_tiers(ctx: Context, member_ids, histories: dict[int, list] | None = None) -> TierCounts:
    """The members' tiers and grace periods derived from their sales (`TierTimeline`) as of now,
    and written where they differ from what the counter holds. `histories`: the members' entries
    that change their spend, already read (replay.py reads them with the rest)."""
    timeline = TierTimeline(ctx.tiers(), ctx.programme(), ctx.clock.now())
    counts = TierCounts()
    for batch in in_batches(sorted(set(member_ids)), 500):
        listed = json.dumps(batch)
        if histories is None:
            read: dict[int, list] = {}
            for member_id, at, spend, entry_id in ctx.db.execute(HISTORY, [listed]):
                read.setdefault(member_id, []).append((at, spend, entry_id))
        for member_id, code, grace_until, last_change in ctx.db.execute(HELD, [listed]).fetchall():
            derived = timeline.derive((histories if histories is not None else read).get(member_id, []))
            _keep(ctx, timeline.tiers, member_id, code, grace_until, last_change, derived, counts)
    return counts


def _keep(ctx: Context, tiers: list[Tier], member_id: int, code: str, grace_until: str | None,
          last_change: str | None, derived: DerivedTier, counts: TierCounts) -> None:
    """Write what was derived where it differs from what the counter holds, counting the kind of change."""
    if derived.tier.code == code:
        if derived.grace_until != grace_until:
            ctx.db.execute("UPDATE members SET tier_grace_until = ? WHERE id = ?", [derived.grace_until, member_id])
            counts.grace_started += derived.grace_until is not None and grace_until is None
            counts.grace_lifted += derived.grace_until is None
        return
    held = tier_by_code(tiers, code)
    changes = [change for change in derived.changes if change.at > (last_change or "")]
    if not changes or changes[0].from_code != code:
        changes = [TierChange(to_iso(ctx.clock.now()), code, derived.tier.code, DERIVED_REASON)]
    for change in changes:
        record_tier_change(ctx, member_id, tier_by_code(tiers, change.from_code), tier_by_code(tiers, change.to_code),
                           change.reason, change.entry_id, at=change.at)
    ctx.db.execute("UPDATE members SET tier_since = ?, tier_grace_until = ? WHERE id = ?",
                   [derived.since or changes[-1].at, derived.grace_until, member_id])
    if derived.tier.rank > held.rank:
        counts.upgraded += 1
    else:
        counts.downgraded += 1
        counts.grace_started += derived.grace_until is not None


def review_tiers(ctx: Context, batch: int = 20) -> TierCounts:
    """Daily: every member above the base tier, or with a downgrade pending, derived as of now —
    the window's falls and the grace periods' ends since the last look, whenever that was, so the
    days a counter was closed change nothing. In short timed transactions with pauses between
    them (storage/turns.py), so a counter selling meanwhile waits milliseconds, not the length of
    the whole review; `batch` members a piece."""
    counts = TierCounts()
    last_id = 0

    def review_some() -> bool:
        nonlocal last_id
        members = [member_id for (member_id,) in ctx.db.execute(
            "SELECT m.id FROM members AS m JOIN tiers AS t ON t.code = m.tier_code "
            "WHERE (t.rank > 0 OR m.tier_grace_until IS NOT NULL) AND m.status != 'erased' AND m.id > ? "
            "ORDER BY m.id LIMIT ?", [last_id, batch])]
        counts.add(derive_tiers(ctx, members))
        if members:
            last_id = members[-1]
        return len(members) == batch

    write_in_turns(ctx.db, review_some)
    return counts
