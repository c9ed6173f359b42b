"""All the shop's data out, in the shapes the importers read back: members and sales as
CSV (UTF-8, semicolons, the importers' English headers), the same tables as an XLSX
workbook, and everything (members, the whole ledger, rewards, campaigns, settings) as
JSON. Exporting and importing the CSVs into an empty shop gives the same members,
balances and sales history (tests/exchange/test_exports.py)."""

import json
from pathlib import Path

from ..common.clock import from_iso, shop_time
from ..common.spreadsheets import write_csv_files, write_workbook
from ..ledger.entries import not_reversed
from ..programme.context import Context
from ..programme.money import plain_amount
from ..programme.permissions import require

MEMBER_COLUMNS = ("external id", "card", "name", "phone", "email", "birthday", "joined", "points", "consent")
SALE_COLUMNS = ("card", "date", "amount", "receipt")


def member_rows(ctx: Context) -> list[list]:
    return [[row["external_id"] or "", row["card"], row["name"], row["phone"] or "", row["email"] or "",
             row["birthday"] or "", row["joined_at"][:10], row["balance"], "yes" if row["marketing_consent"] else "no"]
            for row in ctx.db.query("SELECT * FROM members WHERE status != 'erased' ORDER BY id")]


def sale_rows(ctx: Context) -> list[list]:
    """Net sales: a sale less what was refunded of it (fully refunded sales are left out)."""
    programme = ctx.programme()
    decimals, tz = programme.currency_decimals, programme.timezone
    rows = []
    for row in ctx.db.query(
            "SELECT m.card, s.created_at, s.amount_cents - COALESCE((SELECT SUM(r.amount_cents) FROM entries r "
            f"WHERE r.reverses_id = s.id AND r.kind = 'reverse' AND {not_reversed('r')}), 0) AS net, s.receipt_ref "
            "FROM entries s JOIN members m ON m.id = s.member_id WHERE s.kind = 'earn' AND m.status != 'erased' "
            "ORDER BY s.created_at, s.id"):
        if row["net"] > 0:
            when = shop_time(from_iso(row["created_at"]), tz)   # shop time, as the importer reads it
            rows.append([row["card"], f"{when:%Y-%m-%d %H:%M:%S}", plain_amount(row["net"], decimals),
                         row["receipt_ref"]])
    return rows


def _tables(ctx: Context) -> dict:
    require(ctx, "export")
    return {"members": (MEMBER_COLUMNS, member_rows(ctx)), "sales": (SALE_COLUMNS, sale_rows(ctx))}


def export_csv(ctx: Context, folder: str | Path) -> list[Path]:
    return write_csv_files(_tables(ctx), folder)


def export_xlsx(ctx: Context, path: str | Path) -> Path:
    return write_workbook(_tables(ctx), path)


def export_json(ctx: Context, path: str | Path) -> Path:
    queries = {
        "members": "SELECT * FROM members WHERE status != 'erased' ORDER BY id",
        "cards": "SELECT c.* FROM cards c JOIN members m ON m.id = c.member_id WHERE m.status != 'erased'",
        "entries": "SELECT * FROM entries ORDER BY id",          # amounts stay for the books
        "rewards": "SELECT * FROM rewards ORDER BY id", "campaigns": "SELECT * FROM campaigns ORDER BY id",
        "tiers": "SELECT * FROM tiers ORDER BY rank", "tier_changes": "SELECT * FROM tier_changes ORDER BY id",
        "settings": "SELECT * FROM settings ORDER BY key",
    }
    require(ctx, "export")
    data = {table: [dict(row) for row in ctx.db.query(sql)] for table, sql in queries.items()}
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return Path(path)
