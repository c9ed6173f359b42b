"""Export everything, import it into an empty shop: the same members, balances and sales."""

import json

from conftest import count
from openpyxl import load_workbook

from loyalty.cli import main
from loyalty.ledger.corrections import adjust_points
from loyalty.ledger.enrolment import enrol_member
from loyalty.ledger.redemptions import redeem_points
from loyalty.ledger.sales import post_sale, refund_sale
from loyalty.people.members import NewMember
from loyalty.programme.shop import open_shop


def test_export_then_import_into_an_empty_shop_gives_the_same_members_balances_and_sales(ctx, clock, tmp_path):
    ana = enrol_member(ctx, NewMember(name="Ana Núñez", phone="600 111 222", email="ana@example.es",
                                      birthday="1980-04-23", marketing_consent=True))
    luis = enrol_member(ctx, NewMember(name="Luis Pérez"))
    post_sale(ctx, ana.card, 12_345, "T-1")
    clock.advance(hours=30)
    post_sale(ctx, luis.card, 80_000, "T-2")
    refund_sale(ctx, luis.card, 30_000, "T-2")
    redeem_points(ctx, ana.card, 50)
    adjust_points(ctx, luis.card, 10, "goodwill")
    db = str(ctx.db.conn.execute("PRAGMA database_list").fetchone()[2])
    assert main(["--db", db, "export", "--csv", str(tmp_path / "out"), "--xlsx", str(tmp_path / "all.xlsx"),
                 "--json-file", str(tmp_path / "all.json")]) == 0

    copy = str(tmp_path / "copy.sqlite")
    assert main(["--db", copy, "--now", "2026-03-12T10:00", "import", "members", str(tmp_path / "out/members.csv")]) == 0
    assert main(["--db", copy, "--now", "2026-03-12T10:00", "import", "sales", str(tmp_path / "out/sales.csv"),
                 "--no-points"]) == 0
    new = open_shop(copy)
    columns = "card, name, phone, email, birthday, marketing_consent, balance, substr(joined_at, 1, 10)"
    assert new.db.execute(f"SELECT {columns} FROM members ORDER BY card").fetchall() == \
        ctx.db.execute(f"SELECT {columns} FROM members ORDER BY card").fetchall()
    sales = "SELECT m.card, e.receipt_ref, e.created_at FROM entries e JOIN members m ON m.id = e.member_id " \
            "WHERE e.kind = 'earn' ORDER BY e.receipt_ref"
    assert new.db.execute(sales).fetchall() == ctx.db.execute(sales).fetchall()
    net = "SELECT SUM(spend_cents) FROM entries"
    assert new.db.execute(net).fetchone() == ctx.db.execute(net).fetchone(), "same net sales for tiers and reports"
    new.db.close()

    workbook = load_workbook(tmp_path / "all.xlsx")
    assert workbook.sheetnames == ["members", "sales"] and workbook["members"].max_row == 3
    everything = json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))
    assert len(everything["entries"]) == count(ctx, "entries") and everything["members"][0]["name"] == "Ana Núñez"


def test_export_needs_a_destination(ctx, capsys):
    db = str(ctx.db.conn.execute("PRAGMA database_list").fetchone()[2])
    assert main(["--db", db, "export"]) == 2
    assert capsys.readouterr().err.startswith("error: export:")
