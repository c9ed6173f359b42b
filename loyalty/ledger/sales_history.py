"""Posting a sales history (an import) in bulk: each sale gets what `sales.post_sale` would
have given it at its moment — points at the member's tier and that day's campaign, the
birthday and referral bonuses, the tier upgrades its qualifying spend reaches — with the
same rule functions, but written a few thousand entries per statement instead of ~15
statements a sale. tests/ledger/test_sales_history.py holds the two paths equal.

How: the sales are walked in time order with what the rules read kept in memory — each
member's tier, pending downgrade, spend in the tier window (what was on file is read once per
member), whether they have bought before, the bonuses already given; entries (sales and
their bonuses), lots and balances are written in batches. The report totals and the seal
chain are brought up to date at the end (`Context.bulk_writing`).

A member (or referrer) who owes points (a refund took back points already spent) sends the
whole import through `post_sale`: new points must first pay the debt, lot by lot."""

from bisect import bisect_right, insort
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from ..common.clock import FixedClock, local_date, to_iso
from ..people.members import Member, member_by_card
from ..programme.campaigns import campaign_for_day
from ..programme.context import Context
from ..storage.bulk import in_batches, placeholders, rows_where_in
from .entries import append_entries_in_bulk, new_entry
from .sales import DueBonus, bonuses_due, earning_for_sale, post_sale, require_same_sale, sale_columns, sale_key
from .tiers import UPGRADE_REASON, record_tier_change, tier_after_sale, tier_by_code

BATCH = 2_000             # entries written per statement
PROGRESS_EVERY = 1_000


@dataclass(frozen=True)
class HistoricSale:
    card: str
    moment: datetime
    amount_cents: int
    ref: str


def post_sales_history(ctx: Context, sales: list[HistoricSale], award_points: bool = True,
                       progress=lambda done, total: None) -> tuple[int, int]:
    """Post `sales` (in time order) inside the caller's transaction and `ctx.bulk_writing()`.
    Returns (posted, already recorded): a receipt already on file is not doubled."""
    members = _members(ctx, {sale.card for sale in sales})
    involved = {member.id for member in members.values()} | {
        member.referrer_id for member in members.values() if member.referrer_id}
    if _anyone_owes_points(ctx, involved):
        return _one_by_one(ctx, sales, award_points, progress)
    return _Replay(ctx, members, sales, award_points).run(progress)


def _anyone_owes_points(ctx: Context, member_ids: set[int]) -> bool:
    return any(True for _ in rows_where_in(ctx.db, "SELECT 1 FROM members WHERE id IN ({}) AND balance < 0",
                                           sorted(member_ids)))


def _one_by_one(ctx: Context, sales: list[HistoricSale], award_points: bool, progress) -> tuple[int, int]:
    posted = already = 0
    for done, sale in enumerate(sales, start=1):
        if done % PROGRESS_EVERY == 0 or done == len(sales):
            progress(done, len(sales))
        result = post_sale(replace(ctx, clock=FixedClock(sale.moment)), sale.card, sale.amount_cents, sale.ref,
                           award_points=award_points)
        already += result.already_recorded
        posted += not result.already_recorded
    return posted, already


def _members(ctx: Context, cards: set[str]) -> dict[str, Member]:
    """The members by card, read in batches; a card the counter would refuse (blocked,
    replaced, erased) is refused here with the counter's own message."""
    found: dict[str, Member] = {}
    for batch in in_batches(sorted(cards)):
        for row in ctx.db.query(
                "SELECT c.number AS card_number, c.status AS card_status, m.* FROM cards c "
                f"JOIN members m ON m.id = c.member_id WHERE c.number IN ({placeholders(batch)})", batch):
            if row["card_status"] == "active" and row["status"] == "active":
                found[row["card_number"]] = Member.from_row(row)
    for card in cards - set(found):
        found[card] = member_by_card(ctx, card)   # raises the reason; or the card is fine after all
    return found


class _Replay:
    def __init__(self, ctx: Context, members: dict[str, Member], sales: list[HistoricSale], award_points: bool):
        self.ctx, self.members, self.sales, self.award_points = ctx, members, sales, award_points
        self.programme, self.tiers = ctx.programme(), ctx.tiers()
        self.window = timedelta(days=self.programme.tier_window_days)
        by_id = {member.id: member for member in members.values()}
        self.tier = {member_id: tier_by_code(self.tiers, member.tier_code) for member_id, member in by_id.items()}
        self.grace = {member_id: member.tier_grace_until for member_id, member in by_id.items()}
        self.recorded = self._recorded_sales()
        self.spend_times, self.spends = self._spend_before(by_id)
        self.had_sales = self._members_with_sales(by_id)
        self.bonuses_given = self._bonuses_given(by_id) if award_points else set()
        self.campaigns: dict = {}
        self.pending: list[dict] = []      # entry values not written yet
        self.written: dict[str, int] = {}  # ids of those written, by key
        self.upgrades: list[tuple[int, object, object, datetime, str]] = []
        self.grace_lifted: set[int] = set()

    def run(self, progress) -> tuple[int, int]:
        posted = already = 0
        for done, sale in enumerate(self.sales, start=1):
            if done % PROGRESS_EVERY == 0 or done == len(self.sales):
                progress(done, len(self.sales))
            if self._post(sale):
                posted += 1
            else:
                already += 1
        self._flush()
        for member_id, old, new, moment, key in self.upgrades:
            record_tier_change(replace(self.ctx, clock=FixedClock(moment)), member_id, old, new, UPGRADE_REASON,
                               self.written[key])
        self.ctx.db.conn.executemany("UPDATE members SET tier_grace_until = NULL WHERE id = ?",
                                     [(member_id,) for member_id in sorted(self.grace_lifted)])
        return posted, already

    def _post(self, sale: HistoricSale) -> bool:
        member = self.members[sale.card]
        key = sale_key(member.uuid, sale.ref)
        if key in self.recorded:
            require_same_sale(self.programme, sale.ref, self.recorded[key], sale.amount_cents)
            return False
        tier = self.tier[member.id]
        today = local_date(sale.moment, self.programme.timezone)
        campaign = self._campaign(today) if self.award_points else None
        earning = earning_for_sale(self.programme, tier, campaign, sale.amount_cents, self.award_points)
        values = new_entry(self.ctx, sale.moment, member.id, "earn", earning.total, key,
                           **sale_columns(self.programme, tier, campaign, earning, sale.amount_cents, sale.ref))
        self.pending.append(values)
        self.recorded[key] = sale.amount_cents      # a second line with this receipt is the same sale
        if self.award_points:
            for bonus in bonuses_due(self.programme, member, today, first_purchase=member.id not in self.had_sales):
                self._queue_bonus(bonus, sale.moment)
        if len(self.pending) >= BATCH:
            self._flush()
        self.had_sales.add(member.id)
        self._upgrade(member.id, tier, sale, key)
        return True

    def _queue_bonus(self, bonus: DueBonus, moment: datetime) -> None:
        """As `ledger.post_bonus` would write it: once per key."""
        if bonus.key in self.bonuses_given:
            return
        self.bonuses_given.add(bonus.key)
        self.pending.append(new_entry(self.ctx, moment, bonus.member_id, "bonus", bonus.points, bonus.key,
                                      bonus_kind=bonus.bonus_kind, reason=bonus.reason))

    def _upgrade(self, member_id: int, tier, sale: HistoricSale, key: str) -> None:
        at = to_iso(sale.moment)
        times, spends = self.spend_times.setdefault(member_id, []), self.spends.setdefault(member_id, [])
        position = bisect_right(times, at)
        insort(times, at)
        spends.insert(position, sale.amount_cents)
        start = bisect_right(times, to_iso(sale.moment - self.window))
        spend = sum(spends[start:bisect_right(times, at)])
        reached, lifts_grace = tier_after_sale(self.tiers, tier, self.grace[member_id], spend)
        if reached is not None:
            self.upgrades.append((member_id, tier, reached, sale.moment, key))
            self.tier[member_id], self.grace[member_id] = reached, None
            self.grace_lifted.discard(member_id)
        elif lifts_grace:
            self.grace[member_id] = None
            self.grace_lifted.add(member_id)

    def _campaign(self, day):
        if day not in self.campaigns:
            self.campaigns[day] = campaign_for_day(self.ctx, day)
        return self.campaigns[day]

    def _flush(self) -> None:
        self.written.update(append_entries_in_bulk(self.ctx, self.pending))
        self.pending.clear()

    def _recorded_sales(self) -> dict[str, int]:
        """The amounts of the sales already on file with these receipts, by key."""
        keys = {sale_key(self.members[sale.card].uuid, sale.ref) for sale in self.sales}
        recorded: dict[str, int] = {}
        recorded.update(rows_where_in(self.ctx.db, "SELECT idempotency_key, amount_cents FROM entries "
                                                   "WHERE idempotency_key IN ({})", sorted(keys)))
        return recorded

    def _spend_before(self, by_id: dict[int, Member]) -> tuple[dict[int, list[str]], dict[int, list[int]]]:
        """Each member's spend entries already on file within a tier window of the history
        (what `tiers.qualifying_spend` would sum), in time order."""
        if not self.sales:
            return {}, {}
        first, last = to_iso(self.sales[0].moment - self.window), to_iso(self.sales[-1].moment)
        times: dict[int, list[str]] = {}
        spends: dict[int, list[int]] = {}
        for member_id, at, spend in rows_where_in(
                self.ctx.db, "SELECT member_id, created_at, spend_cents FROM entries WHERE member_id IN ({}) "
                "AND created_at > ? AND created_at <= ? AND spend_cents != 0 ORDER BY member_id, created_at, id",
                sorted(by_id), first, last):
            times.setdefault(member_id, []).append(at)
            spends.setdefault(member_id, []).append(spend)
        return times, spends

    def _members_with_sales(self, by_id: dict[int, Member]) -> set[int]:
        return {member_id for (member_id,) in rows_where_in(
            self.ctx.db, "SELECT DISTINCT member_id FROM entries WHERE member_id IN ({}) AND kind = 'earn'",
            sorted(by_id))}

    def _bonuses_given(self, by_id: dict[int, Member]) -> set[str]:
        """The keys of the bonuses these members already have (a referrer's is on the referrer)."""
        own = rows_where_in(self.ctx.db, "SELECT idempotency_key FROM entries WHERE member_id IN ({}) "
                            "AND kind = 'bonus'", sorted(by_id))
        as_referrer = rows_where_in(self.ctx.db, "SELECT idempotency_key FROM entries WHERE idempotency_key IN ({})",
                                    [f"referral:referrer:{member_id}" for member_id in sorted(by_id)])
        return {key for (key,) in (*own, *as_referrer)}
