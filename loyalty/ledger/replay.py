"""A member's balance and lots derived again from their entries, in the ledger's total order.

Entries are facts; the balance cache, the lots and the allocations are derived from them. At one
counter they are derived entry by entry as each is posted. When counters share a ledger through
the hub (docs/sync.md), entries reach each counter in another order — a till that was offline
for an hour sends its hour at once — so a counter derives a member again whenever an entry
arrives that belongs *before* entries it already has. The order is the same everywhere: time,
then device, then the device's own number (`TOTAL_ORDER`); a reversal never comes before what it
reverses (a till whose clock is behind may stamp it earlier). Every counter then holds the same
lots as one counter that had posted everything in that order, with the same rule functions
(`entries.keep_in_step`, `entries.lot_links`).

Tiers are not derived here: a member's tier follows from their qualifying spend, which is a sum
and does not depend on the order.
"""

import json

from ..common.clock import from_iso
from ..programme.context import Context
from .entries import keep_in_step, lot_links

TOTAL_ORDER = ("created_at", "device_id", "device_seq")


def replay_member(ctx: Context, member_id: int) -> None:
    """Derive the member's balance, lots and allocations again from their entries. Allocations
    are append-only like the entries: every one the member holds is first given back by a row of
    the opposite sign (so each nets to nothing), the lots are emptied, and the entries then
    allocate again in the total order."""
    assert ctx.db.conn.in_transaction, "ledger writes belong inside write_transaction"
    ctx.db.execute(
        "INSERT INTO allocations(entry_id, lot_id, points) SELECT a.entry_id, a.lot_id, -SUM(a.points) "
        "FROM allocations AS a JOIN entries AS e ON e.id = a.entry_id WHERE e.member_id = ? "
        "GROUP BY a.entry_id, a.lot_id HAVING SUM(a.points) <> 0", [member_id])
    ctx.db.execute("UPDATE lots SET remaining = 0 WHERE member_id = ? AND remaining > 0", [member_id])   # its index
    ctx.db.execute("UPDATE members SET balance = 0 WHERE id = ?", [member_id])
    balance, derived = 0, set()
    with ctx.programme_held():
        for entry_id, kind, points, reverses_id, key, created_at in in_total_order(ctx, member_id):
            keep_in_step(ctx, entry_id, member_id, kind, points, from_iso(created_at), balance,
                         *lot_links(ctx, kind, points, reverses_id, key), derived=derived)
            derived.add(entry_id)
            balance += points


def in_total_order(ctx: Context, member_id: int) -> list[tuple]:
    """(id, kind, points, reverses_id, idempotency_key, created_at) of the member's entries in the
    total order, each reversal moved after the entry it reverses if it was stamped before it."""
    rows = ctx.db.execute(
        "SELECT id, kind, points, reverses_id, idempotency_key, created_at FROM entries WHERE member_id = ? "
        f"ORDER BY {', '.join(TOTAL_ORDER)}", [member_id]).fetchall()
    placed, waiting, ordered = set(), {}, []

    def place(row) -> None:
        ordered.append(row)
        placed.add(row[0])
        for follower in waiting.pop(row[0], []):
            place(follower)

    for row in rows:
        reverses_id = row[3]
        if reverses_id is not None and reverses_id not in placed:
            waiting.setdefault(reverses_id, []).append(row)
        else:
            place(row)
    for followers in waiting.values():      # reversing an entry of another member: not in this replay
        ordered.extend(followers)
    return ordered


def members_out_of_order(ctx: Context, entry_ids: list[int]) -> set[int]:
    """The members of `entry_ids` (entries just taken in or posted) who hold an entry derived
    before one of them that comes after it in the total order: their lots may differ from the
    replay's, and must be derived again. One statement: an index probe per entry."""
    return {member_id for (member_id,) in ctx.db.execute(
        "SELECT DISTINCT n.member_id FROM entries AS n WHERE n.id IN (SELECT value FROM json_each(?)) "
        "AND EXISTS (SELECT 1 FROM entries AS e WHERE e.member_id = n.member_id AND e.created_at >= n.created_at "
        "AND e.id < n.id AND (e.created_at, e.device_id, e.device_seq) > (n.created_at, n.device_id, n.device_seq))",
        [json.dumps(entry_ids)])}


def replay_where_out_of_order(ctx: Context, entry_ids: list[int]) -> int:
    """Derive again the members whom `entry_ids` reached out of order; returns how many."""
    members = members_out_of_order(ctx, entry_ids)
    for member_id in sorted(members):
        replay_member(ctx, member_id)
    return len(members)
