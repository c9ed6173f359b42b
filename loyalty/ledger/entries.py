"""The points ledger: append-only entries, the lots positive entries open, and the
allocations through which negative entries spend lots, soonest-expiring first.

Invariants (checked by `verify`):
- members.balance = SUM(entries.points) for the member;
- lots.remaining = lot points − SUM(allocations to it);
- SUM(open lots) − points still owed by refunds = balance, and points are owed only
  when the balance is negative (a refund took back points already spent); a refund that
  was reversed owes nothing (its reversal cancels the debt, see `not_reversed`).
Every function here runs inside the caller's transaction.
"""

import calendar
import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import groupby

from ..common.clock import from_iso, local_date, to_iso
from ..common.errors import InsufficientPointsError, NotFoundError
from ..common.messages import t
from ..programme.audit import record
from ..programme.context import Context
from ..programme.reward_stock import recount_stock
from ..programme.rules import Programme
from ..storage.bulk import rows_where_in, triggers_set_aside
from ..storage.seals import seal_entries_after
from ..storage.undone import voided

NEVER_EXPIRES = "9999-12-31"
# The namespace of entries' UUIDs made from their keys (entry_uuid_for): fixed for the app, so that
# every till and shop derives the same UUID from the same key.
ENTRY_NAMESPACE = uuid.UUID("6f1c2d4e-8a3b-5c7d-9e0f-1a2b3c4d5e6f")
KINDS_THAT_OPEN_LOTS = {"earn", "bonus", "adjust"}


@dataclass(frozen=True)
class Entry:
    id: int
    uuid: str
    member_id: int
    kind: str
    points: int
    amount_cents: int | None
    spend_cents: int
    receipt_ref: str | None
    reason: str | None
    bonus_kind: str | None
    reverses_id: int | None
    reward_id: int | None
    campaign_id: int | None
    tier_code: str | None
    detail: str | None
    staff_id: str
    device_id: str
    created_at: str
    idempotency_key: str
    device_seq: int | None = None      # its place in its device's gapless numbering (docs/sync.md)

    @classmethod
    def from_row(cls, row: dict) -> "Entry":
        return cls(**{name: row[name] for name in cls.__dataclass_fields__})

    def details(self) -> dict:
        return json.loads(self.detail) if self.detail else {}


def expiry_date(earned_on: date, months: int) -> str:
    """Points expire `months` after the end of the month they were earned in (last valid day)."""
    if months == 0:
        return NEVER_EXPIRES
    month_index = earned_on.year * 12 + earned_on.month - 1 + months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, calendar.monthrange(year, month + 1)[1]).isoformat()


def append_entry(
    ctx: Context,
    member_id: int,
    kind: str,
    points: int,
    *,
    idempotency_key: str | None = None,
    allow_debt: bool = False,
    **columns,
) -> Entry:
    """Write one entry and keep the balance cache and the lots in step with it; which lots a
    reversal or an expiry gives back to or spends first follows from the entry itself
    (`lot_links`: the same reading when another counter's entry is taken in or replayed).
    `allow_debt`: only refunds may take the balance below zero (documented in the README).
    """
    assert ctx.db.conn.in_transaction, "ledger writes belong inside write_transaction"
    now = ctx.clock.now()
    programme = ctx.programme()
    balance_before = ctx.db.execute("SELECT balance FROM members WHERE id = ?", [member_id]).fetchone()[0]
    if points < 0 and balance_before + points < 0 and not allow_debt:
        raise InsufficientPointsError(
            t("points: {points} is more than the balance of {balance}",
              points=-points, balance=max(balance_before, 0)), "points"
        )
    values = _entry_values(ctx.staff_id, programme, now, member_id, kind, points, idempotency_key, columns)
    cursor = ctx.db.execute(_insert_entry_sql(values), _insert_entry_params(values))
    entry_id = cursor.lastrowid
    if not ctx.sealing_deferred:
        seal_entries_after(ctx.db, entry_id - 1)
    if ctx.approver:   # the entry records who made it; the trail, who approved it on the spot
        record(ctx, f"entry.{kind}.approved", f"entry {entry_id}", points=points)
    keep_in_step(ctx, entry_id, member_id, kind, points, now, balance_before,
                 *lot_links(ctx, kind, points, columns.get("reverses_id"), values["idempotency_key"]))
    return entry_by_id(ctx, entry_id)


def keep_in_step(ctx: Context, entry_id: int, member_id: int, kind: str, points: int, at: datetime,
                 balance_before: int, gives_back_id: int | None, spend_first_from: int | None) -> None:
    """The balance cache and the lots after an entry: a positive one opens a lot (or re-credits
    the lots a redemption took, for `gives_back_id`) and pays back points owed first; a negative
    one is allocated to lots, soonest-expiring first (`spend_first_from`'s lot first). The replay
    (ledger/replay.LotBook) applies the same rules in memory; the ledger's property test holds
    the two equal."""
    ctx.db.execute(_ADD_TO_BALANCE, [points, member_id])
    if points > 0:
        if gives_back_id is not None:
            _return_allocations(ctx, entry_id, gives_back_id)
        elif kind in KINDS_THAT_OPEN_LOTS:
            ctx.db.execute(OPEN_LOT, [entry_id, member_id, expiry_of_points_earned(at, ctx.programme()), points])
        if balance_before < 0:
            _settle_owed_points(ctx, member_id)
    elif points < 0:
        _allocate(ctx, entry_id, member_id, -points, spend_first_from)


# What another counter's entry brings here (chain/pull.py), besides the member and the entry it
# reverses, the reward and the campaign, which are named by UUID on the wire.
TAKEN_IN_COLUMNS = ("uuid", "kind", "points", "amount_cents", "spend_cents", "receipt_ref", "reason", "bonus_kind",
                    "tier_code", "detail", "staff_id", "device_id", "device_seq", "created_at", "idempotency_key")
TAKEN_IN_BY_UUID = ("reverses_uuid", "reward_uuid", "campaign_uuid")
TAKEN_IN_INSERT = (f"INSERT INTO entries ({', '.join(TAKEN_IN_COLUMNS)}, member_id, reverses_id, reward_id, campaign_id) "
                   f"VALUES ({', '.join('?' * len(TAKEN_IN_COLUMNS))}, ?, (SELECT id FROM entries WHERE uuid = ?), "
                   "(SELECT id FROM rewards WHERE uuid = ?), (SELECT id FROM campaigns WHERE uuid = ?))")


def taken_in_values(values: dict, member_id: int) -> list:
    """The parameters of TAKEN_IN_INSERT for another counter's entry."""
    return [*(values[name] for name in TAKEN_IN_COLUMNS), member_id, *(values.get(name) for name in TAKEN_IN_BY_UUID)]


def take_in_entry(ctx: Context, member_id: int, values: dict) -> int | None:
    """An entry another counter posted, as it posted it (its UUID, device, number, time and key),
    with this counter's balance and lots kept in step the way `append_entry` keeps them: a
    reversal takes back from (or gives back to) the lots of what it reverses, an expiry from its
    lot; a balance may go below zero (the same points spent at two tills while both were
    offline), and the member's next earnings pay that debt first; a reward's stock is counted
    again. None when this counter has the entry already, or another under its key (the hub set
    such a clash aside)."""
    assert ctx.db.conn.in_transaction, "ledger writes belong inside write_transaction"
    if ctx.db.execute("SELECT 1 FROM entries WHERE uuid = ? OR idempotency_key = ?",
                      [values["uuid"], values["idempotency_key"]]).fetchone():
        return None
    balance_before = ctx.db.execute("SELECT balance FROM members WHERE id = ?", [member_id]).fetchone()[0]
    entry_id = ctx.db.execute(TAKEN_IN_INSERT, taken_in_values(values, member_id)).lastrowid
    reverses_id, reward_id = ctx.db.execute(     # the reward it gave, or gives back
        "SELECT e.reverses_id, COALESCE(e.reward_id, r.reward_id) FROM entries AS e "
        "LEFT JOIN entries AS r ON r.id = e.reverses_id WHERE e.id = ?", [entry_id]).fetchone()
    if not ctx.sealing_deferred:
        seal_entries_after(ctx.db, entry_id - 1)
    keep_in_step(ctx, entry_id, member_id, values["kind"], values["points"], from_iso(values["created_at"]),
                 balance_before, *lot_links(ctx, values["kind"], values["points"], reverses_id,
                                            values["idempotency_key"]))
    if reward_id is not None:
        recount_stock(ctx, [reward_id])
    return entry_id


def lot_links(ctx: Context, kind: str, points: int, reverses_id: int | None,
              idempotency_key: str, id_of_uuid=None) -> tuple[int | None, int | None]:
    """(gives_back_id, spend_first_from) of an entry, read from the entry itself, for
    `keep_in_step` — wherever the entry is posted, taken in or replayed: a positive reversal of a negative entry
    (an undone redemption or deduction, a refund given back) returns the points to the lots that
    entry took them from; a negative reversal (a refund, a void of a bonus or credit) spends the
    reversed entry's lot first; an expiry, its own lot (named by UUID in its key). `id_of_uuid`:
    how an entry's id is found from its UUID (the replay knows its member's entries; by default,
    the database)."""
    if kind == "reverse" and reverses_id is not None:
        return (reverses_id, None) if points > 0 else (None, reverses_id)
    if kind == "expire" and idempotency_key.startswith("expire:"):
        lot_uuid = idempotency_key.split(":")[1]
        if id_of_uuid is not None:
            return None, id_of_uuid(lot_uuid)
        lot = ctx.db.execute("SELECT id FROM entries WHERE uuid = ?", [lot_uuid]).fetchone()
        return None, lot[0] if lot else None
    return None, None


def post_opening_balances(ctx: Context, balances: list[tuple[int, int]], reason: str, key_prefix: str) -> None:
    """Opening balances for members who hold no points yet (an import's new members), written
    in bulk, with the entries' row triggers set aside for the statement and caught up after.
    The idempotency key is `key_prefix` + the member's uuid. Members holding points go through
    `append_entry`, which also pays back points a refund left owing."""
    balances = [(member_id, points) for member_id, points in balances if points]
    if not balances:
        return
    assert all(points > 0 for _, points in balances), "opening balances are positive"
    now = ctx.clock.now()
    uuids = dict(rows_where_in(ctx.db, "SELECT id, uuid FROM members WHERE id IN ({})",
                               [member_id for member_id, _ in balances]))
    with triggers_set_aside(ctx.db, "entries"):
        append_entries_in_bulk(ctx, [new_entry(ctx, now, member_id, "adjust", points, f"{key_prefix}{uuids[member_id]}",
                                               reason=reason) for member_id, points in balances])


def new_entry(ctx: Context, at: datetime, member_id: int, kind: str, points: int, idempotency_key: str,
              **columns) -> dict:
    """An entry's values, for `append_entries_in_bulk`."""
    return _entry_values(ctx.staff_id, ctx.programme(), at, member_id, kind, points, idempotency_key, columns)


def append_entries_in_bulk(ctx: Context, entries: list[dict]) -> dict[str, int]:
    """Many entries made by `new_entry`, in their order, with what `append_entry` keeps in step
    for each — the lots their points open, the balance cache, the seal chain (unless the caller
    defers it), who approved — one statement per table (per run of entries with the same
    columns). Only for entries that take no points from lots, of members who owe none (the
    caller makes sure: those go through `append_entry`). Returns the new ids by key."""
    assert ctx.db.conn.in_transaction, "ledger writes belong inside write_transaction"
    assert all(entry["points"] >= 0 for entry in entries), "bulk entries spend no lots"
    if not entries:
        return {}
    programme = ctx.programme()
    after = ctx.db.execute("SELECT COALESCE(MAX(id), 0) FROM entries").fetchone()[0]
    for _, run in groupby(entries, key=tuple):          # sales and bonuses have other columns
        run = list(run)
        ctx.db.conn.executemany(_insert_entry_sql(run[0]), [_insert_entry_params(entry) for entry in run])
    if not ctx.sealing_deferred:
        seal_entries_after(ctx.db, after)
    ids = dict(ctx.db.execute("SELECT idempotency_key, id FROM entries WHERE id > ?", [after]).fetchall())
    gained = [entry for entry in entries if entry["points"] > 0 and entry["kind"] in KINDS_THAT_OPEN_LOTS]
    ctx.db.conn.executemany(OPEN_LOT, [
        (ids[entry["idempotency_key"]], entry["member_id"],
         expiry_of_points_earned(datetime.fromisoformat(entry["created_at"]), programme), entry["points"])
        for entry in gained])
    ctx.db.conn.executemany(_ADD_TO_BALANCE, [(entry["points"], entry["member_id"]) for entry in gained])
    if ctx.approver:   # the entries record who made them; the trail, who approved them on the spot
        for entry in entries:
            record(ctx, f"entry.{entry['kind']}.approved", f"entry {ids[entry['idempotency_key']]}",
                   points=entry["points"])
    return ids


_ADD_TO_BALANCE = "UPDATE members SET balance = balance + ? WHERE id = ?"
# A replay (ledger/replay.py) opens again the lots it emptied.
OPEN_LOT = ("INSERT INTO lots(entry_id, member_id, expires_on, remaining) VALUES (?, ?, ?, ?) "
             "ON CONFLICT(entry_id) DO UPDATE SET expires_on = excluded.expires_on, remaining = excluded.remaining")


def entry_uuid_for(idempotency_key: str | None) -> str:
    """An entry's UUID. An entry with a key gets the UUID of its key (UUID v5 in the app's
    namespace): two tills that post the same fact — a lot's expiry, a member's welcome bonus, the
    same receipt — post the same entry, which the hub takes once (docs/sync.md). Otherwise a
    random one."""
    return str(uuid.uuid5(ENTRY_NAMESPACE, idempotency_key) if idempotency_key else uuid.uuid4())


def _entry_values(staff_id: str, programme: Programme, now: datetime, member_id: int, kind: str, points: int,
                  idempotency_key: str | None, columns: dict) -> dict:
    entry_uuid = entry_uuid_for(idempotency_key)
    return {
        "uuid": entry_uuid, "member_id": member_id, "kind": kind, "points": points,
        "staff_id": staff_id, "device_id": programme.device_id, "created_at": to_iso(now),
        "idempotency_key": idempotency_key or f"{kind}:{entry_uuid}", **columns,
    }


def _insert_entry_sql(values: dict) -> str:
    """The entry, numbered next in its device's gapless sequence (in the writer's transaction, so a
    rollback leaves no gap)."""
    return (f"INSERT INTO entries ({', '.join(values)}, device_seq) VALUES ({', '.join('?' * len(values))}, "
            "(SELECT COALESCE(MAX(device_seq), 0) + 1 FROM entries WHERE device_id = ?))")


def _insert_entry_params(values: dict) -> list:
    return [*values.values(), values["device_id"]]


def expiry_of_points_earned(now: datetime, programme: Programme) -> str:
    return expiry_date(local_date(now, programme.timezone), programme.expiry_months)


def _open_lots(ctx: Context, member_id: int, first: int | None):
    """Open lots in spending order — soonest expiry, then the ledger's total order of the entries
    that opened them (not local ids: a pulled entry's id depends on when it arrived) — fetched a
    page at a time (a member may have thousands)."""
    if first is not None:
        row = ctx.db.execute("SELECT entry_id, remaining FROM lots WHERE entry_id = ? AND remaining > 0",
                             [first]).fetchone()
        if row:
            yield row
    after = ("", "", "", 0)
    while True:
        page = ctx.db.execute(
            "SELECT l.entry_id, l.remaining, l.expires_on, e.created_at, e.device_id, e.device_seq "
            "FROM lots AS l JOIN entries AS e ON e.id = l.entry_id WHERE l.member_id = ? AND l.remaining > 0 "
            "AND (l.expires_on, e.created_at, e.device_id, e.device_seq) > (?, ?, ?, ?) "
            "ORDER BY l.expires_on, e.created_at, e.device_id, e.device_seq LIMIT 64",
            [member_id, *after],
        ).fetchall()
        for entry_id, remaining, *_ in page:
            if entry_id != first:
                yield entry_id, remaining
        if len(page) < 64:
            return
        after = tuple(page[-1][2:])


def _allocate(ctx: Context, entry_id: int, member_id: int, needed: int, first: int | None = None) -> int:
    """Spend `needed` points from open lots; return what could not be covered (owed)."""
    taken = []
    for lot_id, remaining in _open_lots(ctx, member_id, first):
        if needed == 0:
            break
        take = min(needed, remaining)
        taken.append((lot_id, take))
        needed -= take
    for lot_id, take in taken:
        ctx.db.execute("INSERT INTO allocations(entry_id, lot_id, points) VALUES (?, ?, ?)", [entry_id, lot_id, take])
        ctx.db.execute("UPDATE lots SET remaining = remaining - ? WHERE entry_id = ?", [take, lot_id])
    return needed


def _return_allocations(ctx: Context, entry_id: int, original_id: int) -> None:
    for lot_id, points in ctx.db.execute(
        "SELECT lot_id, SUM(points) FROM allocations WHERE entry_id = ? GROUP BY lot_id HAVING SUM(points) <> 0",
        [original_id]
    ).fetchall():
        ctx.db.execute("INSERT INTO allocations(entry_id, lot_id, points) VALUES (?, ?, ?)", [entry_id, lot_id, -points])
        ctx.db.execute("UPDATE lots SET remaining = remaining + ? WHERE entry_id = ?", [points, lot_id])


def reversal_key(original: Entry) -> str:
    """The idempotency key of `original`'s reversal: an entry is reversed once. A refund is
    itself of kind reverse and may hold the key `reverse:<its own uuid>` (the default key of
    its kind), so the reversal of a reversal has a key of another shape. The SQL twin, for the
    figures: storage/undone.reversal_key_of."""
    return reversal_key_for(original.kind, original.uuid)


def reversal_key_for(kind: str, entry_uuid: str) -> str:
    """`reversal_key` of an entry of `kind` and `entry_uuid`."""
    return f"{'restore' if kind == 'reverse' else 'reverse'}:{entry_uuid}"


def reversal_of(ctx: Context, original: Entry) -> "Entry | None":
    """The entry that reversed `original` (for a sale: its void, not its refunds), if any."""
    return entry_by_key(ctx, reversal_key(original))


def not_reversed(alias: str) -> str:
    """SQL: the entry `alias` was not undone (storage/undone.py). A refund that was undone no
    longer counts as refunded and owes no points: its undo gave back what it took from lots and
    cancels what it still owed."""
    return f"NOT {voided(f'{alias}.id')}"


def owed_points(ctx: Context, member_id: int) -> list[tuple[int, int]]:
    """(entry id, points still owed) for negative entries not yet covered by lots, in the
    ledger's total order (ledger/replay.py), so every counter pays the same debts first."""
    rows = ctx.db.execute(
        f"""SELECT e.id, -e.points - COALESCE((SELECT SUM(a.points) FROM allocations a WHERE a.entry_id = e.id), 0)
           FROM entries e WHERE e.member_id = ? AND e.points < 0 AND {not_reversed("e")}
           ORDER BY e.created_at, e.device_id, e.device_seq""",
        [member_id],
    ).fetchall()
    return [(entry_id, owed) for entry_id, owed in rows if owed > 0]


def _settle_owed_points(ctx: Context, member_id: int) -> None:
    """New points first pay back what a refund left owing."""
    for entry_id, owed in owed_points(ctx, member_id):
        if _allocate(ctx, entry_id, member_id, owed) > 0:
            return


def post_bonus(ctx: Context, member_id: int, points: int, bonus_kind: str, idempotency_key: str,
               reason: str | None = None) -> Entry | None:
    """A bonus once per key: returns None when that bonus was already given."""
    if points <= 0 or entry_by_key(ctx, idempotency_key) is not None:
        return None
    return append_entry(ctx, member_id, "bonus", points, idempotency_key=idempotency_key,
                        bonus_kind=bonus_kind, reason=reason)


def entry_by_id(ctx: Context, entry_id: int) -> Entry:
    row = next(ctx.db.query("SELECT * FROM entries WHERE id = ?", [entry_id]), None)
    if row is None:
        raise NotFoundError(t("entry: no entry {entry_id}", entry_id=entry_id), "entry")
    return Entry.from_row(row)


def entry_by_reference(ctx: Context, reference: str) -> Entry:
    """An entry by its UUID (what receipts and the CLI print) or its number."""
    text = str(reference).strip()
    row = next(ctx.db.query("SELECT * FROM entries WHERE uuid = ?", [text]), None)
    if row is None and text.isdigit():
        row = next(ctx.db.query("SELECT * FROM entries WHERE id = ?", [int(text)]), None)
    if row is None:
        raise NotFoundError(t("entry: no entry '{text}'", text=text), "entry")
    return Entry.from_row(row)


def entry_by_key(ctx: Context, idempotency_key: str) -> Entry | None:
    row = next(ctx.db.query("SELECT * FROM entries WHERE idempotency_key = ?", [idempotency_key]), None)
    return Entry.from_row(row) if row else None


def history(ctx: Context, member_id: int, limit: int = 50, before: Entry | None = None) -> list[Entry]:
    """A member's entries, newest first; `before` (the last entry of the previous page)
    continues from there, so a 10,000-entry history is read a page at a time."""
    after_clause, params = "", [member_id]
    if before is not None:
        after_clause, params = " AND (created_at, id) < (?, ?)", [member_id, before.created_at, before.id]
    rows = ctx.db.query(
        f"SELECT * FROM entries WHERE member_id = ?{after_clause} ORDER BY created_at DESC, id DESC LIMIT ?",
        [*params, limit],
    )
    return [Entry.from_row(row) for row in rows]


def expiring_points(ctx: Context, member_id: int, within_days: int) -> tuple[int, str | None]:
    """Points that expire by the end of the day `within_days` from today, and the first such day."""
    today = local_date(ctx.clock.now(), ctx.programme().timezone)
    horizon = (today + timedelta(days=within_days)).isoformat()
    points, first_day = ctx.db.execute(
        "SELECT COALESCE(SUM(remaining), 0), MIN(expires_on) FROM lots "
        "WHERE member_id = ? AND remaining > 0 AND expires_on <= ?",
        [member_id, horizon],
    ).fetchone()
    return points, first_day
