"""An empty table filled at once (storage/bulk_fill.py): the rows go into a twin, its unique indexes are
built once and its pages become the table's. Afterwards the file passes SQLite's integrity check, the
schema reads exactly as before, the UNIQUE constraints hold, and the table holds what inserting the
rows into it directly would have; a duplicate among the rows is refused and nothing is written; where
the swap cannot be made the rows go into the table itself."""

import sqlite3
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loyalty.storage import bulk_fill
from loyalty.storage.bulk_fill import filled_at_once
from loyalty.storage.connection import ShopDatabase

TABLE = """CREATE TABLE entries (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL CHECK (kind IN ('earn', 'redeem')),
            points INTEGER NOT NULL,
            spend_cents INTEGER NOT NULL DEFAULT 0, -- a comment, as the shop's schema has
            name TEXT COLLATE NOCASE UNIQUE,
            idempotency_key TEXT NOT NULL UNIQUE
        , device_seq INTEGER)"""
INSERT = "INSERT INTO {into} (id, uuid, kind, points, name, idempotency_key) VALUES (?, ?, ?, ?, ?, ?)"


def a_file(path, table: str = TABLE) -> ShopDatabase:
    """A file with the table, another attached beside it with a table of the same name, as the
    first download's copy has its side file."""
    db = ShopDatabase(sqlite3.connect(path, isolation_level=None))
    db.execute(table)
    db.execute("ATTACH DATABASE ? AS side", [str(path) + ".side"])
    db.execute("CREATE TABLE IF NOT EXISTS side.entries (id INTEGER PRIMARY KEY, uuid TEXT)")
    db.execute("CREATE TABLE later (id INTEGER PRIMARY KEY)")      # made after it: its root page is not next
    return db


def schema(db) -> list:
    return db.execute("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid").fetchall()


def rows_of(count: int, start: int = 0) -> list[tuple]:
    return [(n + 1, str(uuid.uuid4()), "earn" if n % 3 else "redeem", n * 7, f"Name {n}", f"sale:{uuid.uuid4()}:{n}")
            for n in range(start, start + count)]


def filled(db, rows, table: str = "entries") -> str:
    db.execute("BEGIN")
    with filled_at_once(db, table) as into:
        db.conn.executemany(INSERT.format(into=into), rows)
    db.execute("COMMIT")
    return into


def test_the_filled_table_passes_the_integrity_check_and_keeps_its_schema_and_constraints(tmp_path):
    db = a_file(tmp_path / "shop.sqlite")
    before, rows = schema(db), rows_of(3_000)
    assert filled(db, rows) == "entries_filling", "the twin was written"
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert schema(db) == before, "every name and SQL text as it was; the twin gone"
    written = db.execute("SELECT id, uuid, kind, points, name, idempotency_key FROM entries ORDER BY id").fetchall()
    assert written == rows
    assert db.execute("SELECT DISTINCT spend_cents FROM entries").fetchall() == [(0,)], "the column's default"
    found = db.execute("SELECT id FROM entries INDEXED BY sqlite_autoindex_entries_1 WHERE uuid = ?", [rows[1234][1]])
    assert found.fetchall() == [(1235,)], "the uuid's index holds the rows"
    for duplicate in ((9001, rows[5][1], "earn", 1, "Other", "other key"),       # the same uuid
                      (9002, "another uuid", "earn", 1, "NAME 7", "other key 2"),  # the name, NOCASE
                      (9003, "yet another", "earn", 1, "Other 3", rows[9][5])):    # the same key
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            db.execute(INSERT.format(into="entries"), duplicate)
    db.execute(INSERT.format(into="entries"), (9004, "new", "earn", 1, "New", "new key"))
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.uuids().map(str), st.text(max_size=12), st.integers(-10**12, 10**12)),
                min_size=1, max_size=60, unique_by=(lambda row: row[0], lambda row: row[1].lower())))
def test_a_fill_holds_what_inserting_directly_holds(tmp_path_factory, drawn):
    """Any rows, in any order: the same table as inserting them into it one by one."""
    rows = [(n + 1, row_uuid, "earn", points, name, f"key:{name}:{row_uuid}")
            for n, (row_uuid, name, points) in enumerate(drawn)]
    folder = tmp_path_factory.mktemp("fill")
    direct, at_once = a_file(folder / "direct.sqlite"), a_file(folder / "at_once.sqlite")
    direct.conn.executemany(INSERT.format(into="entries"), rows)
    filled(at_once, rows)
    assert at_once.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    for sql in ("SELECT * FROM entries ORDER BY id",
                "SELECT uuid, id FROM entries INDEXED BY sqlite_autoindex_entries_1 ORDER BY uuid",
                "SELECT name, id FROM entries INDEXED BY sqlite_autoindex_entries_2 ORDER BY name",
                "SELECT idempotency_key, id FROM entries INDEXED BY sqlite_autoindex_entries_3 ORDER BY 1"):
        assert at_once.execute(sql).fetchall() == direct.execute(sql).fetchall(), sql


def test_a_duplicate_among_the_rows_is_refused_and_nothing_is_written(tmp_path):
    db = a_file(tmp_path / "shop.sqlite")
    before, rows = schema(db), rows_of(50)
    rows.append((51, rows[3][1], "earn", 1, "Twin", "twin key"))
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        filled(db, rows)
    db.execute("ROLLBACK")
    assert schema(db) == before and db.execute("SELECT COUNT(*) FROM entries").fetchone() == (0,)
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_where_sqlite_refuses_a_writable_schema_the_rows_go_into_the_table_itself(tmp_path, monkeypatch):
    monkeypatch.setattr(bulk_fill, "_schema_writable", lambda db: False)
    db = a_file(tmp_path / "shop.sqlite")
    assert filled(db, rows_of(20)) == "entries"
    assert db.execute("SELECT COUNT(*) FROM entries").fetchone() == (20,)


def test_a_table_wide_unique_constraint_goes_the_usual_way(tmp_path):
    """UNIQUE (a, b) does not read without its word: no twin, the rows go into the table."""
    db = a_file(tmp_path / "shop.sqlite", TABLE.replace(", device_seq INTEGER)", ", UNIQUE (points, kind))"))
    before = schema(db)
    assert filled(db, rows_of(20)) == "entries"
    assert schema(db) == before and db.execute("SELECT COUNT(*) FROM entries").fetchone() == (20,)


def test_only_an_empty_table_without_indexes_of_its_own_is_filled_at_once(tmp_path):
    db = a_file(tmp_path / "shop.sqlite")
    filled(db, rows_of(5))
    with pytest.raises(AssertionError, match="not empty"):
        filled(db, rows_of(5, start=5))
    db.execute("ROLLBACK")
    other = a_file(tmp_path / "other.sqlite")
    other.execute("CREATE INDEX entries_points ON entries (points)")
    with pytest.raises(AssertionError, match="indexes of its own"):
        filled(other, rows_of(5))


def test_rows_written_into_the_table_itself_stop_the_swap(tmp_path):
    """The twin's pages would replace them: a caller that wrote into the table is stopped."""
    db = a_file(tmp_path / "shop.sqlite")
    db.execute("BEGIN")
    with pytest.raises(AssertionError, match="rows went into entries"):
        with filled_at_once(db, "entries"):
            db.conn.executemany(INSERT.format(into="entries"), rows_of(3))
    db.execute("ROLLBACK")
