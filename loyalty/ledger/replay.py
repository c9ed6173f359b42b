"""Members' balances and lots derived again from their entries, in the ledger's total order.

Entries are facts; the balance cache, the lots and the allocations are derived from them. At one
counter they are derived entry by entry as each is posted. When counters share a ledger through
the hub (docs/sync.md), entries reach each counter in another order — a till that was offline
for an hour sends its hour at once — so a counter derives a member again whenever an entry
arrives that belongs *before* entries it already has; and a new counter derives the whole
chain's members at once from the entries it downloaded (chain/first_download.py). The order is
the same everywhere: time, then device, then the device's own number (`TOTAL_ORDER`); a reversal
never comes before what it reverses (a till whose clock is behind may stamp it earlier). Every
counter then holds the same lots as one counter that had posted everything in that order.

The replay applies the posting's rules (`entries.keep_in_step`: a positive entry opens a lot or
gives back what its reversed entry took, then pays debts; a negative one spends lots,
soonest-expiring first) to the member's lots held in memory (`LotBook`), and writes the result
once — a few statements for many members instead of several per entry. The two must agree:
`tests/ledger/test_ledger_properties.py` holds what a counter derived entry by entry equal to
the replay (balances, lots, allocations, debts) over random operations, and
`tests/chain/test_three_tills.py` holds every till equal to it.

The members' tiers and grace periods are derived in the same pass from the same entries
(ledger/tier_timeline.py).
"""

import json
from bisect import bisect_left, insort
from collections import defaultdict

from ..common.clock import from_iso
from ..programme.context import Context
from ..storage.bulk import in_batches
from .entries import KINDS_THAT_OPEN_LOTS, OPEN_LOT, expiry_of_points_earned, lot_links, reversal_key_for
from .tier_timeline import derive_tiers

TOTAL_ORDER = ("created_at", "device_id", "device_seq")
# What the replay reads of each entry, TOTAL_ORDER last.
_READ = ("id", "member_id", "uuid", "kind", "points", "spend_cents", "reverses_id", "idempotency_key", *TOTAL_ORDER)


class LotBook:
    """One member's balance, open lots and allocations while their entries are applied in order:
    `keep_in_step` in memory. Open lots are spent soonest expiry first, ties by the total order of
    the entries that opened them; a debt (a negative entry lots could not cover) is paid, in the
    total order, by the next points — only debts of entries already applied, and not of an entry
    whose void was applied."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.balance = 0
        self.lots: dict[int, list] = {}                 # lot's entry id -> [expires_on, remaining, order key]
        self.open: list[tuple] = []                     # (order key, entry id) of lots with points left, sorted
        self.taken: dict[int, dict[int, int]] = defaultdict(dict)   # entry id -> {lot id: points net}
        self.spent: list[tuple] = []                    # (total order, entry id, points) of negative entries applied
        self.voided: set[int] = set()                   # entries whose void was applied
        self._expiry: dict[str, str] = {}

    def apply(self, entry: dict, gives_back_id: int | None, spend_first_from: int | None) -> None:
        balance_before, points = self.balance, entry["points"]
        self.balance += points
        if points > 0:
            if gives_back_id is not None:
                for lot_id, taken in list(self.taken.get(gives_back_id, {}).items()):
                    self._move(entry["id"], lot_id, -taken)
            elif entry["kind"] in KINDS_THAT_OPEN_LOTS:
                self._open_lot(entry)
            if balance_before < 0:
                self._settle_debts()
        elif points < 0:
            self._allocate(entry["id"], -points, spend_first_from)
            self.spent.append((_order(entry), entry["id"], points))

    def _open_lot(self, entry: dict) -> None:
        minute = entry["created_at"][:16]        # the local day changes on a minute, whatever the zone
        if minute not in self._expiry:
            self._expiry[minute] = expiry_of_points_earned(from_iso(entry["created_at"]), self.ctx.programme())
        order = (self._expiry[minute], *_order(entry))
        self.lots[entry["id"]] = [self._expiry[minute], entry["points"], order]
        insort(self.open, (order, entry["id"]))

    def _allocate(self, entry_id: int, needed: int, first: int | None = None) -> int:
        """Spend `needed` points from the open lots (`first`'s first); returns what was not covered."""
        if first in self.lots and self.lots[first][1] > 0:
            needed -= self._take(entry_id, first, needed)
        while needed > 0 and self.open:
            needed -= self._take(entry_id, self.open[0][1], needed)
        return needed

    def _take(self, entry_id: int, lot_id: int, wanted: int) -> int:
        taken = min(wanted, self.lots[lot_id][1])
        self._move(entry_id, lot_id, taken)
        return taken

    def _move(self, entry_id: int, lot_id: int, points: int) -> None:
        """`points` of the lot allocated to the entry (negative: given back to the lot)."""
        lot = self.lots[lot_id]
        was_open = lot[1] > 0
        lot[1] -= points
        if was_open and lot[1] == 0:
            del self.open[bisect_left(self.open, (lot[2], lot_id))]
        elif not was_open and lot[1] > 0:
            insort(self.open, (lot[2], lot_id))
        net = self.taken[entry_id].get(lot_id, 0) + points
        if net:
            self.taken[entry_id][lot_id] = net
        else:
            del self.taken[entry_id][lot_id]

    def _settle_debts(self) -> None:
        for _, entry_id, points in sorted(self.spent):
            owed = -points - sum(self.taken.get(entry_id, {}).values())
            if owed > 0 and entry_id not in self.voided and self._allocate(entry_id, owed) > 0:
                return


def replay_member(ctx: Context, member_id: int) -> None:
    replay_members(ctx, [member_id])


def replay_members(ctx: Context, member_ids) -> None:
    """Derive the members' balances, lots and allocations again from their entries. Allocations
    are append-only like the entries: every one the members hold is first given back by a row of
    the opposite sign (so each nets to nothing), their lots are emptied, then each member's
    entries are applied in the total order in memory and the result written: the lots, one
    allocation row per entry and lot, the balances; and their tiers (tier_timeline.py)."""
    assert ctx.db.conn.in_transaction, "ledger writes belong inside write_transaction"
    with ctx.programme_held():
        for batch in in_batches(sorted(set(member_ids)), 500):
            _replay_batch(ctx, batch)


def _replay_batch(ctx: Context, member_ids: list[int]) -> None:
    listed = json.dumps(member_ids)
    ctx.db.execute(
        "INSERT INTO allocations(entry_id, lot_id, points) SELECT a.entry_id, a.lot_id, -SUM(a.points) "
        "FROM allocations AS a JOIN entries AS e ON e.id = a.entry_id "
        "WHERE e.member_id IN (SELECT value FROM json_each(?)) "
        "GROUP BY a.entry_id, a.lot_id HAVING SUM(a.points) <> 0", [listed])
    ctx.db.execute("UPDATE lots SET remaining = 0 WHERE member_id IN (SELECT value FROM json_each(?)) "
                   "AND remaining > 0", [listed])    # the partial index
    rows = ctx.db.execute(f"SELECT {', '.join(_READ)} FROM entries WHERE member_id IN (SELECT value FROM json_each(?)) "
                          f"ORDER BY member_id, {', '.join(TOTAL_ORDER)}", [listed]).fetchall()
    by_member = defaultdict(list)
    for row in rows:
        by_member[row[1]].append(dict(zip(_READ, row)))
    lots, allocations, balances = [], [], []
    for member_id in member_ids:
        book = _derive(ctx, by_member.get(member_id, []))
        lots += [(entry_id, member_id, expires_on, remaining) for entry_id, (expires_on, remaining, _) in
                 book.lots.items()]
        allocations += [(entry_id, lot_id, points) for entry_id, taken in book.taken.items()
                        for lot_id, points in taken.items()]
        balances.append((book.balance, member_id))
    ctx.db.conn.executemany(OPEN_LOT, lots)
    ctx.db.conn.executemany("INSERT INTO allocations(entry_id, lot_id, points) VALUES (?, ?, ?)", allocations)
    ctx.db.conn.executemany("UPDATE members SET balance = ? WHERE id = ?", balances)
    derive_tiers(ctx, member_ids, {member_id: [(entry["created_at"], entry["spend_cents"], entry["id"])
                                               for entry in entries if entry["spend_cents"]]
                                   for member_id, entries in by_member.items()})


def _derive(ctx: Context, entries: list[dict]) -> LotBook:
    book = LotBook(ctx)
    ids = {entry["uuid"]: entry["id"] for entry in entries}
    kinds = {entry["id"]: (entry["kind"], entry["uuid"]) for entry in entries}
    for entry in in_total_order(entries):
        reverses_id = entry["reverses_id"]
        # A void cancels its entry's debt before it pays debts itself: voiding a refund that left
        # a debt gives back what the refund took, and the debt it left is no longer owed.
        if reverses_id in kinds and entry["idempotency_key"] == reversal_key_for(*kinds[reverses_id]):
            book.voided.add(reverses_id)
        book.apply(entry, *lot_links(ctx, entry["kind"], entry["points"], reverses_id, entry["idempotency_key"],
                                     id_of_uuid=ids.get))
    return book


def in_total_order(entries: list[dict]) -> list[dict]:
    """A member's entries (sorted by TOTAL_ORDER) with each reversal moved after the entry it
    reverses if it was stamped before it."""
    placed, waiting, ordered = set(), {}, []

    def place(entry) -> None:
        ordered.append(entry)
        placed.add(entry["id"])
        for follower in waiting.pop(entry["id"], []):
            place(follower)

    for entry in entries:
        reverses_id = entry["reverses_id"]
        if reverses_id is not None and reverses_id not in placed:
            waiting.setdefault(reverses_id, []).append(entry)
        else:
            place(entry)
    for followers in waiting.values():      # reversing an entry of another member: not in this replay
        ordered.extend(followers)
    return ordered


def _order(entry: dict) -> tuple:
    return entry["created_at"], entry["device_id"], entry["device_seq"] or 0


# An entry `n` derived after an entry `e` of its member that comes after it in the total order.
_DERIVED_AFTER_A_LATER_ONE = (
    "EXISTS (SELECT 1 FROM entries AS e WHERE e.member_id = n.member_id AND e.created_at >= n.created_at "
    "AND e.id < n.id AND (e.created_at, e.device_id, e.device_seq) > (n.created_at, n.device_id, n.device_seq))")


def members_out_of_order(ctx: Context, entry_ids: list[int]) -> set[int]:
    """The members of `entry_ids` (entries just taken in or posted) who hold an entry derived
    before one of them that comes after it in the total order: their lots may differ from the
    replay's, and must be derived again. One statement: an index probe per entry."""
    return {member_id for (member_id,) in ctx.db.execute(
        "SELECT DISTINCT n.member_id FROM entries AS n WHERE n.id IN (SELECT value FROM json_each(?)) "
        f"AND {_DERIVED_AFTER_A_LATER_ONE}", [json.dumps(entry_ids)])}


class LatestSoFar:
    """members_out_of_order for a long run of entries taken batch after batch in id order (a
    counter's whole history uploaded), probing only the entries that some entry before them (by
    id) is not earlier than. The probe reads a member's later entries: a third of the counter's
    time in a first upload (bench/README.md), where seven entries in eight are later than all
    before them and cannot have been derived out of order. Carries the latest time among the
    entries up to an id from one batch to the next; knows it at the start where no entry comes
    before the first, or one of the latest by time does (else probes every entry, as before)."""

    RECENT = 10_000     # the latest entries by time looked at for the start's value

    def __init__(self, ctx: Context, first_id: int):
        self.through_id = first_id - 1
        self.latest = self._latest_before(ctx, first_id)

    @classmethod
    def _latest_before(cls, ctx: Context, first_id: int) -> str | None:
        if ctx.db.execute("SELECT COALESCE(MIN(id), ?) >= ? FROM entries", [first_id, first_id]).fetchone()[0]:
            return ""
        return ctx.db.execute("SELECT MAX(created_at) FROM (SELECT id, created_at FROM entries INDEXED BY entries_time "
                              "ORDER BY created_at DESC LIMIT ?) WHERE id < ?", [cls.RECENT, first_id]).fetchone()[0]

    def members_out_of_order(self, ctx: Context, entry_ids: list[int]) -> set[int]:
        if self.latest is None or not entry_ids:
            return members_out_of_order(ctx, entry_ids)
        # The entries past `through` read once, in id order, the latest time carried along; an
        # entry at or before `through` (not expected: a run comes in id order) is probed.
        wanted = set(entry_ids)
        probed = [entry_id for entry_id in entry_ids if entry_id <= self.through_id]
        for entry_id, created_at in ctx.db.execute("SELECT id, created_at FROM entries WHERE id > ? AND id <= ? "
                                                   "ORDER BY id", [self.through_id, max(entry_ids)]):
            if entry_id in wanted and created_at <= self.latest:
                probed.append(entry_id)
            self.through_id, self.latest = entry_id, max(self.latest, created_at)
        return members_out_of_order(ctx, probed) if probed else set()


def replay_where_out_of_order(ctx: Context, entry_ids: list[int], latest_so_far: LatestSoFar | None = None) -> int:
    """Derive again the members whom `entry_ids` reached out of order; returns how many."""
    members = (latest_so_far.members_out_of_order(ctx, entry_ids) if latest_so_far
               else members_out_of_order(ctx, entry_ids))
    replay_members(ctx, members)
    return len(members)
