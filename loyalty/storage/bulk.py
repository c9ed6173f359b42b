"""Inserting many rows at once (imports). A row trigger costs more than the insert it follows
(the name search index: ~80 µs a member), so a bulk insert sets the table's AFTER INSERT
triggers aside for its one statement and then does each trigger's work once, over all the
new rows, with the statement below.

Everything happens inside the caller's transaction: SQLite's DDL is transactional, so a
failure or a crash puts the triggers back with the rest, and no other connection ever sees
the database without them (it waits for the write lock, or reads the last commit)."""

from contextlib import contextmanager

from sqlite_utils import Database

from .seals import seal_entries_after
from .undone import CATCH_UP as TOTALS_CATCH_UP
from .undone import CATCH_UP_ALL_NEW as TOTALS_CATCH_UP_ALL_NEW

# What each AFTER INSERT trigger does, for all the rows with an id above :after at once: a
# statement, or several in order; done in this order (the totals' twelve-month windows may be
# counted from the months: undone.CATCH_UP_ALL_NEW). Keep in step with the triggers in schema.py;
# a trigger missing here refuses bulk inserts.
CATCH_UP = {
    "members_fts_insert":
        "INSERT INTO members_fts(rowid, name) SELECT id, name FROM members WHERE id > :after",
    "report_cache_members":
        "DELETE FROM report_cache WHERE ends_at > (SELECT MIN(joined_at) FROM members WHERE id > :after)",
    "entries_ledger_days":
        "INSERT INTO ledger_days(day, points) SELECT substr(created_at, 1, 10), SUM(points) FROM entries "
        "WHERE id > :after GROUP BY substr(created_at, 1, 10) "
        "ON CONFLICT(day) DO UPDATE SET points = points + excluded.points",
    "report_cache_entries":
        "DELETE FROM report_cache WHERE ends_at > (SELECT MIN(created_at) FROM entries WHERE id > :after)",
    **TOTALS_CATCH_UP,   # the report totals: only the entries that count (storage/undone.py)
    "report_cache_tier_changes":
        "DELETE FROM report_cache WHERE ends_at > (SELECT MIN(changed_at) FROM tier_changes WHERE id > :after)",
}


# Triggers whose work concerns only rows before the new ones (a void takes what it undoes back out
# of the totals): nothing to do when there were none (a new counter's first download).
ABOUT_EARLIER_ROWS = {"entries_voids"}


class MissingCatchUp(RuntimeError):
    """A trigger was added to the schema without its bulk equivalent in CATCH_UP."""


def insert_in_bulk(db: Database, table: str, sql: str, rows) -> int:
    """Run the INSERT `sql` for every row of `rows`; returns the largest id before it, so
    that the new rows are those with a greater id (the caller holds the write lock)."""
    with triggers_set_aside(db, table) as after:
        db.conn.executemany(sql, rows)
    return after


@contextmanager
def triggers_set_aside(db: Database, table: str):
    """Inside the block, rows inserted into `table` skip its AFTER INSERT triggers; when the
    block ends, each trigger's work is done once over all the rows it added. Yields the
    largest id before the block (the new rows are those above it)."""
    assert db.conn.in_transaction, "bulk inserts belong inside write_transaction"
    after = db.execute(f"SELECT COALESCE(MAX(rowid), 0) FROM [{table}]").fetchone()[0]
    triggers = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? AND sql LIKE '%AFTER INSERT%'",
        [table]).fetchall()
    missing = [name for name, _ in triggers if name not in CATCH_UP]
    if missing:
        raise MissingCatchUp(f"no bulk equivalent for the trigger(s) {', '.join(missing)}")
    for name, _ in triggers:
        db.execute(f"DROP TRIGGER [{name}]")
    try:
        yield after
    finally:   # the caller's rollback would restore them too; this keeps a caught error harmless
        for _, definition in triggers:
            db.execute(definition)
    for name in sorted((name for name, _ in triggers), key=list(CATCH_UP).index):
        catch_up(db, name, after)


@contextmanager
def indexes_set_aside(db: Database, table: str, keep: tuple[str, ...] = ()):
    """Inside the block, `table`'s own indexes but `keep` are gone; built again once when it ends —
    many rows inserted in random order would each touch a random page of every one. (Those SQLite
    makes for UNIQUE constraints stay.) Inside the caller's transaction, as triggers_set_aside."""
    assert db.conn.in_transaction, "bulk inserts belong inside write_transaction"
    aside = [(name, sql) for name, sql in db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL", [table])
        if name not in keep]
    for name, _ in aside:
        db.execute(f"DROP INDEX [{name}]")
    try:
        yield
    finally:
        for _, definition in aside:
            db.execute(definition)


def catch_up(db, trigger: str, after: int) -> None:
    """Do the work of `trigger` for every row with an id above `after` (a Database or a
    sqlite3 connection)."""
    if after == 0 and trigger in ABOUT_EARLIER_ROWS:
        return
    statements = CATCH_UP[trigger]
    if after == 0 and trigger in TOTALS_CATCH_UP_ALL_NEW:
        statements = TOTALS_CATCH_UP_ALL_NEW[trigger]
    for statement in (statements,) if isinstance(statements, str) else statements:
        db.execute(statement, {"after": after})


@contextmanager
def entries_upkeep_deferred(db: Database):
    """Many ledger entries written one by one in one transaction (an imported sales history):
    the report totals and the seal chain are brought up to date once, at the end."""
    with triggers_set_aside(db, "entries") as after:
        yield
    seal_entries_after(db, after)


def in_batches(values, size: int = 500):
    """Lists of at most `size` values: for `IN (...)` lookups, within SQLite's parameter limit."""
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start:start + size]


def rows_where_in(db: Database, sql: str, values, *more):
    """The rows of `sql`, whose `IN ({})` is filled with `values` a batch at a time (within
    SQLite's parameter limit); `more` parameters follow each batch's."""
    for batch in in_batches(values):
        yield from db.execute(sql.format(placeholders(batch)), [*batch, *more])


def placeholders(values) -> str:
    return ", ".join("?" * len(values))
