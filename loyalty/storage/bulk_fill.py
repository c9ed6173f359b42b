"""An empty table filled with many rows at once — a new counter's first download
(chain/bulk_download.py, chain/side_share.py) — with the indexes of its UNIQUE constraints built
once, afterwards, instead of row by row.

SQLite keeps the index of a UNIQUE constraint written in a column's definition (an "autoindex")
as each row goes in, and it cannot be dropped: rows arriving in another order than the index's
(the chain's entries come member by member, their uuids and keys at random) each land on a random
page of it. At the big shop's 20 M entries, with the page cache of a process that stays under
500 MB, writing them took 311 s of the download; this way, 97.6 s (bench/README.md, "The hub",
sixteenth session).

So the rows go into a twin of the table: the same columns, types, defaults and checks, without
the UNIQUE words. Then CREATE UNIQUE INDEX builds the same indexes on the twin (it sorts first,
then writes each page once), which also refuses any duplicate as the constraints would. Then the
table takes the twin's pages: with PRAGMA writable_schema, the table's and its autoindexes' root
pages in sqlite_schema are swapped with the twin's and its indexes' (every name and every SQL
text stays as it was, so the schema reads exactly as before), the schema's version is moved on so
that SQLite reads it again (as SQLite's documentation of ALTER TABLE does it), and the twin —
now the empty original — is dropped with its indexes.

The swap is made only when it is provably a swap of like for like: the twin's columns as the
table's (PRAGMA table_xinfo) and each of its indexes as the autoindex it stands for (PRAGMA
index_xinfo: the same columns, collations and order), the table empty and without other indexes.
Where SQLite refuses writable_schema (a build with SQLITE_DBCONFIG_DEFENSIVE), the rows go into
the table itself, as before. tests/storage/test_bulk_fill.py holds the result to PRAGMA
integrity_check and to the constraints."""

import logging
import re
import sqlite3
from contextlib import contextmanager

log = logging.getLogger(__name__)

TWIN = "{table}_filling"


@contextmanager
def filled_at_once(db, table: str):
    """Yields the name of the table to insert the rows into, inside the caller's transaction: the
    twin, whose rows become `table`'s when the block ends (or `table` itself, where the swap cannot
    be made). `table` must be empty, without indexes of its own (drop them first and build them
    again afterwards) and without INSERT triggers (set them aside: storage/bulk.triggers_set_aside)."""
    assert db.conn.in_transaction, "a bulk fill belongs inside the caller's transaction"
    assert db.execute(f"SELECT 1 FROM main.[{table}] LIMIT 1").fetchone() is None, f"{table} is not empty"
    assert not [name for _, name, _, origin, _ in db.execute(f"PRAGMA main.index_list([{table}])") if origin == "c"], \
        f"{table} still has indexes of its own"
    assert not db.execute("SELECT 1 FROM main.sqlite_master WHERE type = 'trigger' AND tbl_name = ? "
                          "AND upper(sql) LIKE '%INSERT ON%'", [table]).fetchone(), f"{table} has INSERT triggers"
    twin = TWIN.format(table=table)
    if not _schema_writable(db) or not _twin_made(db, table, twin):
        yield table
        return
    yield twin
    assert db.execute(f"SELECT 1 FROM main.[{table}] LIMIT 1").fetchone() is None, f"rows went into {table}, not {twin}"
    pairs = [(table, twin)] + [(index, _twin_index(db, twin, index, number))
                              for number, index in enumerate(_autoindexes(db, table), start=1)]
    _roots_swapped(db, pairs)
    db.execute(f"DROP TABLE main.[{twin}]")      # the original's empty pages, and its indexes'


def _schema_writable(db) -> bool:
    db.execute("PRAGMA writable_schema = ON")
    writable = db.execute("PRAGMA writable_schema").fetchone()[0] == 1
    db.execute("PRAGMA writable_schema = OFF")
    if not writable:
        log.warning("SQLite refuses writable_schema here: the rows go into the table with its unique indexes")
    return writable


def _twin_made(db, table: str, twin: str) -> bool:
    """The twin: `table`'s CREATE TABLE with the twin's name and without its columns' UNIQUE words.
    False (and no twin) when it does not come out like for like."""
    sql = db.execute("SELECT sql FROM main.sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()[0]
    twin_sql, named = re.subn(rf"^CREATE TABLE \[?{re.escape(table)}\]?(?=\s*\()", f"CREATE TABLE main.[{twin}]",
                              sql.strip())
    db.execute(f"DROP TABLE IF EXISTS main.[{twin}]")
    try:
        if named:
            db.execute(re.sub(r"\bUNIQUE\b", "", twin_sql))
    except sqlite3.OperationalError:        # a table-wide UNIQUE (a, b) does not read without its word
        named = 0
    if named and _columns(db, twin) == _columns(db, table) and not _autoindexes(db, twin):
        return True
    db.execute(f"DROP TABLE IF EXISTS main.[{twin}]")
    log.warning("%s's twin is not like for like: the rows go into the table with its unique indexes", table)
    return False


def _columns(db, table: str) -> list:
    return [row[1:] for row in db.execute(f"PRAGMA main.table_xinfo([{table}])")]


def _autoindexes(db, table: str) -> list[str]:
    """The indexes SQLite made for `table`'s UNIQUE (and non-rowid PRIMARY KEY) constraints, in order."""
    listed = [(name, origin) for _, name, _, origin, _ in db.execute(f"PRAGMA main.index_list([{table}])")]
    return sorted((name for name, origin in listed if origin in ("u", "pk")),
                  key=lambda name: int(name.rsplit("_", 1)[1]))


def _twin_index(db, twin: str, autoindex: str, number: int) -> str:
    """The twin's index standing for `autoindex`: the same key columns, collations and order."""
    keys = [(column, descending, collation) for _, _, column, descending, collation, key
            in db.execute(f"PRAGMA main.index_xinfo([{autoindex}])") if key]
    name = f"{twin}_unique_{number}"
    columns = ", ".join(f"[{column}] COLLATE {collation}{' DESC' if descending else ''}"
                        for column, descending, collation in keys)
    db.execute(f"CREATE UNIQUE INDEX main.[{name}] ON [{twin}] ({columns})")
    same = [row[1:] for row in db.execute(f"PRAGMA main.index_xinfo([{name}])")] == \
        [row[1:] for row in db.execute(f"PRAGMA main.index_xinfo([{autoindex}])")]
    assert same, f"{name} is not built as {autoindex} is"
    return name


def _roots_swapped(db, pairs: list[tuple[str, str]]) -> None:
    """Each pair's root pages swapped in sqlite_schema, then the schema read again."""
    roots = dict(db.execute("SELECT name, rootpage FROM main.sqlite_master"))
    version = db.execute("PRAGMA main.schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    try:
        for one, other in pairs:
            db.execute("UPDATE main.sqlite_master SET rootpage = ? WHERE name = ?", [roots[other], one])
            db.execute("UPDATE main.sqlite_master SET rootpage = ? WHERE name = ?", [roots[one], other])
        db.execute(f"PRAGMA main.schema_version = {version + 1}")
    finally:
        db.execute("PRAGMA writable_schema = OFF")
