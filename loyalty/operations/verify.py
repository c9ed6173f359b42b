"""`verify`: recompute every cached figure from the ledger and report what disagrees.
Returns a list of problems (empty = healthy), as a check-database screen would show."""

from ..ledger.entries import not_reversed
from ..programme.context import Context
from ..storage.local_day import LOCAL_DAY_OF
from ..storage.seals import broken_seals
from ..storage.undone import counted
from ..storage.year_totals import differences as year_total_differences


def verify(ctx: Context) -> list[str]:
    db = ctx.db
    problems = [f"integrity: {row[0]}" for row in db.execute("PRAGMA quick_check").fetchall() if row[0] != "ok"]
    problems += [
        f"member {member_id}: cached balance {cached} but the ledger sums to {actual}"
        for member_id, cached, actual in db.execute(
            "SELECT m.id, m.balance, COALESCE(s.total, 0) FROM members m "
            "LEFT JOIN (SELECT member_id, SUM(points) AS total FROM entries GROUP BY member_id) s ON s.member_id = m.id "
            "WHERE m.balance != COALESCE(s.total, 0)"
        )
    ]
    problems += [
        f"lot {lot_id}: remaining {remaining} but its entry minus allocations is {actual}"
        for lot_id, remaining, actual in db.execute(
            "SELECT l.entry_id, l.remaining, e.points - COALESCE(a.used, 0) FROM lots l JOIN entries e ON e.id = l.entry_id "
            "LEFT JOIN (SELECT lot_id, SUM(points) AS used FROM allocations GROUP BY lot_id) a ON a.lot_id = l.entry_id "
            "WHERE l.remaining != e.points - COALESCE(a.used, 0)"
        )
    ]
    problems += [
        f"member {member_id}: open lots {open_points} minus owed {owed} do not make the balance {balance}"
        " (or points are owed while the balance is not negative)"
        for member_id, balance, open_points, owed in db.execute(
            f"""SELECT m.id, m.balance, COALESCE(l.open_points, 0), COALESCE(o.owed, 0) FROM members m
               LEFT JOIN (SELECT member_id, SUM(remaining) AS open_points FROM lots GROUP BY member_id) l ON l.member_id = m.id
               LEFT JOIN (SELECT e.member_id, SUM(-e.points - COALESCE(a.used, 0)) AS owed FROM entries e
                          LEFT JOIN (SELECT entry_id, SUM(points) AS used FROM allocations GROUP BY entry_id) a
                          ON a.entry_id = e.id WHERE e.points < 0 AND {not_reversed("e")}
                          GROUP BY e.member_id) o ON o.member_id = m.id
               WHERE COALESCE(l.open_points, 0) - COALESCE(o.owed, 0) != m.balance
                  OR COALESCE(o.owed, 0) != MAX(0, -m.balance)"""
        )
    ]
    problems += [
        f"entry {entry_id}: refunds of receipt {ref} total {refunded} for {taken} points, "
        f"more than the sale's {amount} for {earned} points"
        for entry_id, ref, amount, earned, refunded, taken in db.execute(
            "SELECT s.id, s.receipt_ref, s.amount_cents, s.points, SUM(r.amount_cents), -SUM(r.points) FROM entries s "
            f"JOIN entries r ON r.reverses_id = s.id AND {not_reversed('r')} WHERE s.kind = 'earn' GROUP BY s.id "
            "HAVING SUM(r.amount_cents) > s.amount_cents OR -SUM(r.points) > s.points"
        )
    ]
    problems += [
        f"entry {entry_id}: reverses entry {target} of another member"
        for entry_id, target in db.execute(
            "SELECT r.id, r.reverses_id FROM entries r JOIN entries o ON o.id = r.reverses_id WHERE r.member_id != o.member_id"
        )
    ]
    problems += [
        f"report totals: day {day} holds {cached} points but its entries sum to {actual}"
        for day, cached, actual in db.execute(
            "SELECT day, SUM(cached), SUM(actual) FROM (SELECT day, points AS cached, 0 AS actual FROM ledger_days "
            "UNION ALL SELECT substr(created_at, 1, 10), 0, points FROM entries) GROUP BY day "
            "HAVING SUM(cached) != SUM(actual)"
        )
    ]
    problems += [f"report totals: day {day}, {kind} entries differ from the ledger"
                 for day, kind in _differences(db, DAY_TOTALS, "day_totals", "day, kind")]
    problems += [f"report totals: member {member_id} in {month} differs from the ledger"
                 for month, member_id in _differences(db, MEMBER_MONTHS, "member_months", "month, member_id")]
    problems += [f"report totals: member {member_id}'s twelve months up to {month} differ from their months"
                 for month, member_id in year_total_differences(db)]
    problems += broken_seals(db)
    problems += [
        f"device {device_id}: its entries are numbered {first} to {last} with {count} entries (a gap or a repeat)"
        for device_id, first, last, count in db.execute(     # this counter's own: another's may lack what
            "SELECT device_id, MIN(device_seq), MAX(device_seq), COUNT(device_seq) FROM entries WHERE device_id = ? "
            "GROUP BY device_id HAVING MIN(device_seq) != 1 OR MAX(device_seq) != COUNT(device_seq) "   # the hub set
            "OR COUNT(device_seq) != COUNT(*)", [ctx.device_id])                                         # aside
    ]
    triggers = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    for trigger in ("entries_ledger_days", "entries_day_totals", "entries_member_months",
                    "entries_member_years", "entries_voids"):
        if trigger not in triggers:
            problems.append(f"schema: the trigger that keeps the report's totals ({trigger}) is missing")
    for table in ("entries", "allocations", "tier_changes", "entry_seals"):
        for action in ("update", "delete"):
            if f"{table}_no_{action}" not in triggers:
                problems.append(f"schema: the trigger that keeps {table} append-only ({action}) is missing")
    return problems


# The report's kept totals, recounted from the entries that count (an undone entry and its
# reversal count nowhere: storage/undone.py).
_LOCAL_DAY = LOCAL_DAY_OF.format(at="x.created_at")
_COUNTED = f"FROM entries AS x WHERE {counted('x')}"
DAY_TOTALS = (f"SELECT {_LOCAL_DAY} AS day, x.kind, COALESCE(x.bonus_kind, '') AS bonus_kind, COUNT(*), "
              f"SUM(x.points), SUM(MAX(x.points, 0)), SUM(x.spend_cents) {_COUNTED} GROUP BY 1, 2, 3")
MEMBER_MONTHS = (f"SELECT substr({_LOCAL_DAY}, 1, 7) AS month, x.member_id, SUM(x.kind = 'earn'), "
                 "SUM(x.spend_cents != 0), SUM(x.spend_cents), MAX(CASE WHEN x.kind = 'earn' THEN x.created_at END) "
                 f"{_COUNTED} AND (x.kind = 'earn' OR x.spend_cents != 0) GROUP BY 1, 2")


def _differences(db, recount: str, table: str, key: str) -> list[tuple]:
    """Keys whose kept row and recounted row differ (either missing counts as different)."""
    return db.execute(
        f"SELECT DISTINCT {key} FROM (SELECT * FROM (SELECT * FROM {table} EXCEPT {recount}) "
        f"UNION ALL SELECT * FROM ({recount} EXCEPT SELECT * FROM {table})) ORDER BY {key}").fetchall()
