"""Schema upgrades back up first; no float reaches money or points code."""

import ast
import sqlite3
from pathlib import Path

from loyalty.storage import connection, open_database

LOYALTY = Path(__file__).resolve().parents[2] / "loyalty"
ARITHMETIC_MODULES = {"programme/money.py", "programme/points.py", "programme/campaigns.py", "ledger/entries.py",
                      "ledger/enrolment.py", "ledger/sales.py", "ledger/redemptions.py", "ledger/corrections.py",
                      "ledger/tiers.py", "ledger/daily.py", "ledger/lookup.py"}


def test_older_database_is_backed_up_before_it_is_upgraded(tmp_path, monkeypatch):
    path = tmp_path / "shop.sqlite"
    open_database(path).conn.close()
    applied = []

    class NextMigration:
        def apply(self, db):
            applied.append(True)
            db.execute("CREATE TABLE added_by_v2 (x)")

    current = connection.SCHEMA_VERSION
    monkeypatch.setattr(connection, "SCHEMA_VERSION", current + 1)
    monkeypatch.setattr(connection, "migrations", NextMigration())
    db = open_database(path)
    assert applied == [True]
    assert db.execute("PRAGMA user_version").fetchone()[0] == current + 1
    backups = list(tmp_path.glob(f"shop.before-schema-{current + 1}.*.sqlite"))
    assert len(backups) == 1
    backup = sqlite3.connect(backups[0])
    assert backup.execute("PRAGMA user_version").fetchone()[0] == current
    assert "added_by_v2" not in {r[0] for r in backup.execute("SELECT name FROM sqlite_master")}


def test_version_1_shop_upgrades_with_its_members_kept(tmp_path):
    """The real 0001 → 0002 step: consent dates kept under their new name, sort keys filled."""
    from sqlite_utils import Database

    from loyalty.storage.schema import migrations

    path = tmp_path / "shop.sqlite"
    old = Database(path)
    migrations.apply(old, stop_before="0002_consents_and_member_sorting")
    old.execute("PRAGMA user_version = 1")
    old.execute("INSERT INTO tiers VALUES ('bronze', 'Bronze', 0, 0, '1', '#a0522d')")
    old.execute("INSERT INTO members (card, name, marketing_consent, consent_at, joined_at, tier_code, tier_since) "
                "VALUES ('200000000002', 'Íñigo Núñez', 1, '2025-01-01T00:00:00+00:00', 'x', 'bronze', 'x')")
    old.conn.commit()
    old.close()
    db = open_database(path)
    row = db.execute("SELECT sort_name, marketing_consent_at, profiling_consent FROM members").fetchone()
    assert row == ("inigo nunez", "2025-01-01T00:00:00+00:00", 0)
    assert db.execute("PRAGMA user_version").fetchone()[0] == connection.SCHEMA_VERSION


def test_a_file_that_is_not_ours_is_refused_untouched(tmp_path):
    import pytest

    from loyalty.common.errors import StorageError

    path = tmp_path / "other.sqlite"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE invoices (id)")
    other.commit()
    other.close()
    with pytest.raises(StorageError, match="not a loyalty database"):
        open_database(path)


# Page layout in millimetres and PostScript points: floats by nature. These modules
# receive money and points already computed (as text, or as figures to chart).
PAGE_GEOMETRY_MODULES = {"card.py", "receipt_pdf.py", "report_pdf.py", "member_data_pdf.py"}


def test_no_float_in_the_domain():
    """Money and points are integers and exact fractions: a float() call or literal is a bug here."""
    assert [name for name in ARITHMETIC_MODULES if not (LOYALTY / name).exists()] == [], "a module moved"
    offenders = []
    for source in LOYALTY.rglob("*.py"):
        if source.name in PAGE_GEOMETRY_MODULES:
            continue
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "float":
                offenders.append(f"{source.name}:{node.lineno} float()")
            if isinstance(node, ast.Constant) and isinstance(node.value, float):
                offenders.append(f"{source.name}:{node.lineno} {node.value!r}")
            # `/` joins paths elsewhere; in the arithmetic modules it would make a float.
            if source.relative_to(LOYALTY).as_posix() in ARITHMETIC_MODULES and isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
                offenders.append(f"{source.name}:{node.lineno} true division")
    assert offenders == []
