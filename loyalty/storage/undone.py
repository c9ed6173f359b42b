"""Undone entries count in no figure (docs/metrics.md, "Undone entries").

An entry is *undone* when it was voided: undone at the counter or reversed by a manager
(`corrections.reverse_entry`), which posts a reversal linked to it (`reverses_id`) under the
key `ledger.reversal_key` gives it — 'reverse:' + the entry's uuid, or for a refund (itself a
reversal) 'restore:' + its uuid — the key that makes reversing twice record once. A refund is
not a void: the sale took place, the goods came back later; but a refund can be undone. A
sale's void and the refunds of a voided sale cannot (corrections.py), so an undone entry is
never itself an undo that was undone: one level of undoing is all the SQL below considers.

An undone entry and its reversal cancel out in every figure: neither counts, and neither do
the refunds of an undone sale (its void took back what they had left). The report's kept totals
(`day_totals`, `member_months`, `member_years`, migration 0018) hold only the entries that count:
an entry is filed when written unless it reverses an undone one (the void itself), and a void
withdraws, from the day, month and twelve-month windows where they were filed, the entry it
undoes and that entry's refunds. Everything here is SQL text: for the triggers, the bulk
catch-ups (storage/bulk.py), `verify` and the queries that read the entries themselves.

The checks probe `entries_reverses` (the partial index of the reversal links): one index seek
per entry, which finds nothing for almost all of them."""

from .local_day import LOCAL_DAY_OF
from .year_totals import add_to_listed_windows

# The columns the withdrawal statements read from the rows they withdraw.
_COLUMNS = "x.id, x.member_id, x.kind, x.bonus_kind, x.points, x.spend_cents, x.created_at"


def reversal_key_of(alias: str) -> str:
    """SQL: the idempotency key of the reversal that undoes the entry `alias` (ledger.reversal_key)."""
    return f"(CASE {alias}.kind WHEN 'reverse' THEN 'restore:' ELSE 'reverse:' END || {alias}.uuid)"


def voided(entry_id: str, voids_up_to: str | None = None) -> str:
    """SQL, true when the entry whose id is `entry_id` (an SQL expression) was voided — by a
    void with an id up to `voids_up_to` when given (what had happened by then). The reversal
    link is looked up first (CROSS JOIN keeps that order): the entry's own row, for its uuid,
    is read only when something reverses it, so a covering index scan stays covering."""
    bound = f" AND void.id <= {voids_up_to}" if voids_up_to else ""
    return ("EXISTS (SELECT 1 FROM entries AS void INDEXED BY entries_reverses CROSS JOIN entries AS undone "
            "ON undone.id = void.reverses_id "
            f"WHERE void.reverses_id = {entry_id}{bound} AND void.idempotency_key = {reversal_key_of('undone')})")


def counted(alias: str, voids_up_to: str | None = None) -> str:
    """SQL, true when the entry `alias` counts in the figures: neither undone nor the reversal
    (void or refund) of an undone entry."""
    return (f"(NOT {voided(f'{alias}.id', voids_up_to)} AND ({alias}.reverses_id IS NULL "
            f"OR NOT {voided(f'{alias}.reverses_id', voids_up_to)}))")


def counted_sale(alias: str) -> str:
    """SQL, true when the sale `alias` counts (a visit): it reverses nothing, so it counts unless
    undone — read from the reversal link alone (its kind and time may come from a covering index)."""
    return f"NOT {voided(f'{alias}.id')}"


# A new entry is filed unless it reverses an undone entry (it cannot be undone itself yet).
COUNTED_NEW = f"(NEW.reverses_id IS NULL OR NOT {voided('NEW.reverses_id')})"
IS_A_VOID = ("(NEW.reverses_id IS NOT NULL AND NEW.idempotency_key = "
             f"(SELECT {reversal_key_of('undone')} FROM entries AS undone WHERE undone.id = NEW.reverses_id))")


def _local_day(at: str) -> str:
    return LOCAL_DAY_OF.format(at=at)


# -- what the kept totals add for each entry that counts (triggers and catch-ups) -------------
# `rows`: a SELECT of entries; `sign` "-" takes them out again (a void's withdrawal), with the
# same grouping, so that filing and withdrawing cannot disagree.

def _day_totals_from(rows: str, sign: str = "") -> str:
    return ("INSERT INTO day_totals(day, kind, bonus_kind, entries, points, points_gained, spend_cents) "
            f"SELECT {_local_day('x.created_at')} AS local_day, x.kind, COALESCE(x.bonus_kind, ''), {sign}COUNT(*), "
            f"{sign}SUM(x.points), {sign}SUM(MAX(x.points, 0)), {sign}SUM(x.spend_cents) FROM ({rows}) AS x "
            "GROUP BY 1, 2, 3 "
            "ON CONFLICT(day, kind, bonus_kind) DO UPDATE SET entries = entries + excluded.entries, "
            "points = points + excluded.points, points_gained = points_gained + excluded.points_gained, "
            "spend_cents = spend_cents + excluded.spend_cents")


def _member_months_from(rows: str, sign: str = "") -> str:
    last_sale = "NULL" if sign else "MAX(CASE WHEN x.kind = 'earn' THEN x.created_at END)"
    return ("INSERT INTO member_months(month, member_id, sales, spend_entries, spend_cents, last_sale_at) "
            f"SELECT substr({_local_day('x.created_at')}, 1, 7) AS local_month, x.member_id, "
            f"{sign}SUM(x.kind = 'earn'), {sign}SUM(x.spend_cents != 0), {sign}SUM(x.spend_cents), {last_sale} "
            f"FROM ({rows}) AS x WHERE x.kind = 'earn' OR x.spend_cents != 0 GROUP BY 1, 2 "
            "ON CONFLICT(month, member_id) DO UPDATE SET sales = sales + excluded.sales, "
            "spend_entries = spend_entries + excluded.spend_entries, spend_cents = spend_cents + excluded.spend_cents, "
            "last_sale_at = CASE WHEN excluded.last_sale_at > COALESCE(last_sale_at, '') "
            "THEN excluded.last_sale_at ELSE last_sale_at END")


def _member_years_from(rows: str, sign: str = "") -> str:
    return add_to_listed_windows(
        f"SELECT substr({_local_day('x.created_at')}, 1, 7) AS month, x.member_id AS member_id, "
        f"{sign}SUM(x.spend_cents) AS spend FROM ({rows}) AS x WHERE x.spend_cents != 0 GROUP BY 1, 2")


_NEW_COUNTED_ROWS = f"SELECT * FROM entries AS x WHERE x.id > :after AND {counted('x')}"

# storage/bulk.py: each totals trigger's work for the entries above :after that count (and the
# time-zone change: all of them, from :after = 0), in this order.
CATCH_UP = {
    "entries_day_totals": _day_totals_from(_NEW_COUNTED_ROWS),
    "entries_member_months": _member_months_from(_NEW_COUNTED_ROWS),
    "entries_member_years": _member_years_from(_NEW_COUNTED_ROWS),
}

# When every entry is new (:after = 0: a new counter's first download, an import into a shop
# without entries), the months just filed are those entries' alone: the listed twelve-month
# windows are counted from them instead of reading every entry again — the same rows (a month's
# spend is the sum of its entries' that count with a spend; `spend_entries` says it had one). The
# big shop's totals: 200 -> 123 s (bench/README.md, "The hub", sixteenth session).
CATCH_UP_ALL_NEW = {
    "entries_member_years": add_to_listed_windows(
        "SELECT month, member_id, spend_cents AS spend FROM member_months WHERE spend_entries > 0"),
}


# -- a void withdraws what it undoes -----------------------------------------------------------

def withdraw(rows: str) -> tuple[str, ...]:
    """The statements taking the entries of `rows` (a SELECT of entries, aliased x) out of the
    kept totals they were filed in, dropping the rows left empty, finding each month's last sale
    again, and dropping the kept reports of the time they were in."""
    rows = f"SELECT {_COLUMNS} FROM ({rows}) AS x"
    months = f"SELECT substr({_local_day('x.created_at')}, 1, 7), x.member_id FROM ({rows}) AS x"
    return (
        _day_totals_from(rows, "-"),
        f"DELETE FROM day_totals WHERE entries = 0 AND day IN (SELECT {_local_day('x.created_at')} FROM ({rows}) AS x)",
        _member_months_from(rows, "-"),
        f"UPDATE member_months SET last_sale_at = ({_LAST_COUNTED_SALE}) WHERE (month, member_id) IN ({months})",
        "DELETE FROM member_months WHERE sales = 0 AND spend_entries = 0 "
        f"AND (month, member_id) IN ({months})",
        _member_years_from(rows, "-"),
        f"DELETE FROM report_cache WHERE ends_at > (SELECT MIN(x.created_at) FROM ({rows}) AS x)",
    )


# The latest sale that counts of a member_months row's member in its local month: a seek on the
# member's entries by time (entries_member_time), a day either side of the month for any offset.
_LAST_COUNTED_SALE = (
    "SELECT MAX(e.created_at) FROM entries AS e WHERE e.member_id = member_months.member_id AND e.kind = 'earn' "
    "AND e.created_at >= date(member_months.month || '-01', '-1 day') "
    "AND e.created_at < date(member_months.month || '-01', '+1 month', '+1 day') "
    f"AND substr({_local_day('e.created_at')}, 1, 7) = member_months.month AND {counted('e')}")


def _voided_originals(where: str) -> str:
    """SQL: the ids of the entries undone by the voids `where` picks (aliased v; o the entry)."""
    return ("SELECT v.reverses_id FROM entries AS v JOIN entries AS o ON o.id = v.reverses_id "
            f"WHERE v.reverses_id IS NOT NULL AND {where} AND v.idempotency_key = {reversal_key_of('o')}")


def _undone_with_reversals(originals: str) -> str:
    """SQL: the entries `originals` and the entries reversing them (a void, a sale's refunds);
    two index seeks each (rowid, entries_reverses) rather than an OR over the whole ledger."""
    return (f"SELECT * FROM entries AS x WHERE x.id IN ({originals}) "
            f"UNION SELECT * FROM entries AS x WHERE x.reverses_id IN ({originals})")


def _withdrawn_by(originals: str, voids_after: str) -> str:
    """The entries that counted before the voids newer than `voids_after` and that those voids
    undo: the entries they void and the other reversals of those (a sale's refunds)."""
    return (f"SELECT * FROM ({_undone_with_reversals(originals)}) AS x "
            f"WHERE x.id <= {voids_after} AND {counted('x', voids_after)}")


# Its bulk catch-up: the voids above :after (an import writes none; kept exact all the same).
CATCH_UP["entries_voids"] = withdraw(_withdrawn_by(_voided_originals("v.id > :after"), ":after"))

# A shop upgraded to 0018 had filed every entry: these are the ones that do not count (an entry
# that does not count is undone, or reverses an undone one).
NOT_COUNTED = _undone_with_reversals(_voided_originals("1"))


def counted_in_scan(alias: str) -> str:
    """SQL, the same rule as `counted` for a query that reads many entries (a report over a range
    of days): the ids that do not count are gathered once per statement — from the reversal links,
    a small part of the ledger — and each entry is looked up among them in memory, instead of
    probing the reversal index twice per entry (20 s instead of 1 s over a year of 10 M entries)."""
    return f"{alias}.id NOT IN (SELECT uncounted.id FROM ({NOT_COUNTED}) AS uncounted)"


# The kept totals' triggers (migration 0018): an entry that counts is filed as it is written;
# a void withdraws what it undoes (and is not filed itself).
_NEW_ROW = "SELECT * FROM entries AS x WHERE x.id = NEW.id"
TRIGGERS = {
    "entries_day_totals": (COUNTED_NEW, (_day_totals_from(_NEW_ROW),)),
    "entries_member_months": (f"(NEW.kind = 'earn' OR NEW.spend_cents != 0) AND {COUNTED_NEW}",
                              (_member_months_from(_NEW_ROW),)),
    "entries_member_years": (f"NEW.spend_cents != 0 AND {COUNTED_NEW}", (_member_years_from(_NEW_ROW),)),
    "entries_voids": (IS_A_VOID, withdraw(_withdrawn_by("SELECT NEW.reverses_id", "NEW.id - 1"))),
}


def create_triggers(db) -> None:
    for name, (when, statements) in TRIGGERS.items():
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
        db.execute(f"CREATE TRIGGER {name} AFTER INSERT ON entries WHEN {when} BEGIN "
                   + "".join(f"{statement};\n" for statement in statements) + "END")
