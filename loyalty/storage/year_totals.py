"""Each member's net spend in the twelve local months up to a month (table `member_years`,
migration 0016): what the report's ABC classes rank. A month's report reads one row per member
of the year instead of summing twelve months of `member_months` (on the big shop 2.4 million
rows, 1.3-1.8 s of the report's 2 s).

A window (the twelve months up to `end_month`) is registered in `member_year_windows`, counted
from `member_months`, then marked complete; from its registration on, the entries' trigger adds
each spend to the registered windows its month counts in. A sale at the counter falls in the
current month, so it touches one window (the current one, once the daily job has listed it) —
one small upsert, as for the monthly totals — instead of twelve. The daily job counts a new
window a slice of members at a time in short transactions, so that the counter is never kept
waiting (each slice's count replaces what the trigger added for those members: exact once all
are counted). Reports read only complete windows; any other month sums the months instead
(slower, same figures)."""

from .local_day import LOCAL_DAY_OF
from .transactions import write_transaction
from .turns import write_in_turns

SLICE = 2_000   # member ids counted per step when counting in turns

def months_after(month: str, offset: int) -> str:
    """SQL: the 'YYYY-MM' month `offset` months after the 'YYYY-MM' month `month`."""
    index = f"(substr({month}, 1, 4) * 12 + substr({month}, 6, 2) - 1 + {offset})"
    return f"printf('%04d-%02d', {index} / 12, {index} % 12 + 1)"


def add_to_listed_windows(spends: str) -> str:
    """SQL adding each (month, member_id, spend) row of `spends` to the listed windows that
    month counts in: the window ending in it and those ending in the eleven months after."""
    return ("INSERT INTO member_years(end_month, member_id, spend_cents) "
            f"SELECT windows.end_month, new.member_id, new.spend FROM ({spends}) AS new "
            "JOIN member_year_windows AS windows ON windows.end_month >= new.month "
            f"AND windows.end_month <= {months_after('new.month', 11)} "
            "WHERE true "   # SQLite's upsert after a join needs it
            "ON CONFLICT(end_month, member_id) DO UPDATE SET spend_cents = spend_cents + excluded.spend_cents")


# As migration 0016 created it; 0018 files only the entries that count (storage/undone.py).
TRIGGER = f"""
    CREATE TRIGGER entries_member_years AFTER INSERT ON entries WHEN NEW.spend_cents != 0 BEGIN
        {add_to_listed_windows(f"SELECT substr({LOCAL_DAY_OF.format(at='NEW.created_at')}, 1, 7) AS month, "
                               "NEW.member_id AS member_id, NEW.spend_cents AS spend")};
    END"""

# One window counted from the monthly totals (which verify.py holds to the entries).
WINDOW_FROM_MONTHS = ("SELECT member_id, SUM(spend_cents) FROM member_months WHERE month >= ? AND month <= ? "
                      "GROUP BY member_id HAVING SUM(spend_cents) != 0")

# The same for a slice of member ids, replacing what the trigger added for them meanwhile (a
# zero is kept too: it replaces a refund the trigger added after the sale it refunds was counted).
SLICE_FROM_MONTHS = (
    "INSERT INTO member_years(end_month, member_id, spend_cents) "
    "SELECT :end_month, member_id, SUM(spend_cents) FROM member_months INDEXED BY member_months_member "
    "WHERE member_id >= :low AND member_id < :high AND month >= :first AND month <= :end_month GROUP BY member_id "
    "ON CONFLICT(end_month, member_id) DO UPDATE SET spend_cents = excluded.spend_cents")


def is_listed(db, end_month: str) -> bool:
    return db.execute("SELECT 1 FROM member_year_windows WHERE end_month = ? AND complete",
                      [end_month]).fetchone() is not None


def member_year_spend(db, end_month: str, member_id: int) -> int:
    """One member's spend in the twelve months up to `end_month`: kept, or summed."""
    if is_listed(db, end_month):
        row = db.execute("SELECT spend_cents FROM member_years WHERE end_month = ? AND member_id = ?",
                         [end_month, member_id]).fetchone()
        return row[0] if row else 0
    return db.execute("SELECT COALESCE(SUM(spend_cents), 0) FROM member_months WHERE member_id = ? AND month >= ? "
                      "AND month <= ?", [member_id, month_offset(end_month, -11), end_month]).fetchone()[0]


def list_windows(db, through: str | None = None) -> list[str]:
    """Count and list every window not complete yet, from the first month on file through
    `through` (default: the last month on file), at once, inside the caller's write
    transaction (the migration, a time-zone change); returns them. About a second each on the
    big shop."""
    added = _windows_to_count(db, through)
    for end_month in added:
        db.execute("DELETE FROM member_years WHERE end_month = ?", [end_month])
        db.execute("INSERT INTO member_years(end_month, member_id, spend_cents) SELECT ?, * FROM "
                   f"({WINDOW_FROM_MONTHS})", [end_month, month_offset(end_month, -11), end_month])
        db.execute("INSERT OR REPLACE INTO member_year_windows(end_month, complete) VALUES (?, 1)", [end_month])
    return added


def list_windows_in_turns(db, through: str | None = None) -> list[str]:
    """The same for the daily job while the counter sells, outside any transaction: each
    window registered (the trigger keeps it from then on), counted a slice of members at a
    time in short transactions (storage/turns.py), then marked complete."""
    added = _windows_to_count(db, through)
    for end_month in added:
        with write_transaction(db):
            db.execute("INSERT OR IGNORE INTO member_year_windows(end_month, complete) VALUES (?, 0)", [end_month])
        (last_member,) = db.execute("SELECT COALESCE(MAX(id), 0) FROM members").fetchone()
        months = {"end_month": end_month, "first": month_offset(end_month, -11)}
        low = 0

        def count_a_slice() -> bool:
            nonlocal low
            db.execute(SLICE_FROM_MONTHS, {**months, "low": low, "high": low + SLICE})
            low += SLICE
            return low <= last_member

        write_in_turns(db, count_a_slice)
        with write_transaction(db):
            db.execute("UPDATE member_year_windows SET complete = 1 WHERE end_month = ?", [end_month])
    return added


def _windows_to_count(db, through: str | None) -> list[str]:
    first, last = db.execute("SELECT MIN(month), MAX(month) FROM member_months").fetchone()
    if first is None:
        return []
    complete = {end_month for (end_month,) in db.execute("SELECT end_month FROM member_year_windows WHERE complete")}
    return [end_month for end_month in month_range(first, through or last) if end_month not in complete]


def forget_windows(db) -> None:
    """Every window is counted again (the months were filed under another time zone)."""
    db.execute("DELETE FROM member_year_windows")
    db.execute("DELETE FROM member_years")


def differences(db) -> list[tuple[str, int]]:
    """(window, member) wherever a complete window's spend is not the sum of the member's months
    (for verify.py; a zero sum counts as no row)."""
    kept = "SELECT member_id, spend_cents FROM member_years WHERE end_month = ? AND spend_cents != 0"
    found = []
    for (end_month,) in db.execute("SELECT end_month FROM member_year_windows WHERE complete "
                                   "ORDER BY end_month").fetchall():
        months = [month_offset(end_month, -11), end_month]
        found += [(end_month, member_id) for (member_id,) in db.execute(
            f"SELECT member_id FROM ({kept} EXCEPT {WINDOW_FROM_MONTHS}) UNION "
            f"SELECT member_id FROM ({WINDOW_FROM_MONTHS} EXCEPT {kept}) ORDER BY member_id",
            [end_month, *months, *months, end_month])]
    return found


def month_range(first: str, last: str) -> list[str]:
    """The 'YYYY-MM' months from `first` to `last`, both included."""
    return [month_offset(first, n) for n in range(_index(last) + 1 - _index(first))]


def month_offset(month: str, months: int) -> str:
    index = _index(month) + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _index(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1
