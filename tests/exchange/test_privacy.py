"""A member's rights: a copy of their data (JSON and a readable PDF) and erasure that leaves
the amounts for the books but no personal data in the database file's bytes."""

import json
import subprocess
import sys

import pdfplumber
import pytest
from conftest import count

from loyalty.common.errors import BlockedCardError, ValidationError
from loyalty.common.period import month_period
from loyalty.exchange.exports import export_json
from loyalty.exchange.privacy import erase_member, export_member_json, export_member_pdf
from loyalty.ledger.sales import post_sale
from loyalty.operations.verify import verify
from loyalty.people.members import MemberEdit, search_members, update_member
from loyalty.reports.cache import report

NAME, PHONE, EMAIL = "Zacarías Quintanilla", "699 887 766", "zq@example.es"


@pytest.fixture
def zacarias(ctx, enrol, clock):
    # Debian's SQLite zeroes deleted content itself; Python's own on Windows does not. Test the
    # weaker case: erasure must not rely on it.
    ctx.db.execute("PRAGMA secure_delete = OFF")
    member = enrol(NAME, phone=PHONE, email=EMAIL, birthday="1971-02-03", marketing_consent=True)
    post_sale(ctx, member.card, 12_345, "T-77")
    update_member(ctx, member.id, MemberEdit(name=NAME, phone=PHONE, email=EMAIL, birthday="1971-02-03",
                                             marketing_consent=True, profiling_consent=True,
                                             notes="Prefers mornings. " * 100))   # overflow pages, freed on erasure
    clock.advance(days=40)
    report(ctx, month_period("2026-03"))          # a kept report whose top members name him
    return member


def raw_bytes(tmp_path) -> bytes:
    """The database's files as they are on disk, read by another process: reading them here
    would drop this process's SQLite locks (storage/lock_guard.py), and the guard would stop the
    next write."""
    code = "import sys, pathlib; sys.stdout.buffer.write(b''.join(p.read_bytes() for p in " \
           "pathlib.Path(sys.argv[1]).glob('shop.sqlite*')))"
    return subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, check=True).stdout


def test_a_member_gets_all_their_data_as_json_and_a_readable_pdf(ctx, zacarias, tmp_path):
    data = json.loads(export_member_json(ctx, zacarias.id, tmp_path / "data.json").read_text())
    assert data["member"]["phone"] == PHONE and data["consents"]["profiling"]["given"] is True
    assert [entry["receipt_ref"] for entry in data["entries"]] == ["T-77"]
    assert {item["staff_id"] for item in data["consents"]["recorded_by"]} == {"tester"}, "who recorded consent"
    with pdfplumber.open(export_member_pdf(ctx, zacarias.id, tmp_path / "data.pdf")) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert NAME in text and PHONE in text and "T-77" in text and "Publicidad" in text
    assert "03/02/1971" in text and "Activa" in text and "alta" in text, "dates and codes in the member's words"
    for code in ("1971-02-03", "active", "member.enrol", "member.edit", "bronze"):
        assert code not in text, code


def test_the_pdf_names_tiers_and_their_changes_as_the_shop_does(ctx, zacarias, tmp_path):
    from loyalty.programme.rules import load_tiers

    silver = next(tier for tier in load_tiers(ctx.db) if tier.rank == 1)
    post_sale(ctx, zacarias.card, silver.min_spend_cents, "T-78")
    with pdfplumber.open(export_member_pdf(ctx, zacarias.id, tmp_path / "data.pdf")) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert silver.name in text and "alcanzó el gasto del nivel" in text
    assert silver.code not in text and "qualifying spend" not in text and "enrolled" not in text


def test_every_reason_the_tier_rules_write_is_named_in_each_language():
    from loyalty.ledger import tier_timeline
    from loyalty.printing.member_data_pdf import LABELS

    reasons = {"enrolled", tier_timeline.UPGRADE_REASON, tier_timeline.DOWN_AT_ONCE_REASON,
               tier_timeline.DOWN_AFTER_GRACE_REASON, tier_timeline.DERIVED_REASON}
    for labels in LABELS.values():
        assert reasons <= set(labels["reasons"])


def test_the_pdf_prints_any_name_without_black_boxes_or_markup_errors(ctx, enrol, tmp_path):
    member = enrol("Pérez & <Hijos> 🌻 Łukasz")
    with pdfplumber.open(export_member_pdf(ctx, member.id, tmp_path / "data.pdf")) as pdf:
        text = "\n".join(page.extract_text() for page in pdf.pages)
    assert "Pérez & <Hijos> Lukasz" in text


def test_erasure_removes_the_personal_data_from_the_file_and_keeps_the_amounts(ctx, zacarias, tmp_path):
    assert NAME.encode() in raw_bytes(tmp_path) and PHONE.encode() in raw_bytes(tmp_path)
    entries_before = count(ctx, "entries")
    erase_member(ctx, zacarias.id, "asked by the member at the counter")
    for secret in (NAME, PHONE, EMAIL, "Prefers mornings", "1971-02-03"):
        assert secret.encode() not in raw_bytes(tmp_path), secret
    assert count(ctx, "entries") == entries_before
    assert ctx.db.execute("SELECT SUM(spend_cents) FROM entries").fetchone()[0] == 12_345, "the books keep the sale"
    assert verify(ctx) == [], "the sealed ledger is untouched"


def test_an_erased_member_is_in_no_search_and_no_export(ctx, zacarias, tmp_path):
    erase_member(ctx, zacarias.id, "asked")
    assert search_members(ctx, "Zacar") == [] and search_members(ctx, "699") == []
    data = json.loads(export_json(ctx, tmp_path / "all.json").read_text())
    assert all(member["id"] != zacarias.id for member in data["members"])
    with pytest.raises(BlockedCardError, match="erased"):
        post_sale(ctx, zacarias.card, 100)
    with pytest.raises(ValidationError, match="already"):
        erase_member(ctx, zacarias.id, "again")
    with pytest.raises(ValidationError, match="erased"):
        export_member_json(ctx, zacarias.id, tmp_path / "x.json")


def test_erasure_needs_a_reason(ctx, zacarias):
    with pytest.raises(ValidationError, match="reason"):
        erase_member(ctx, zacarias.id, "  ")
    assert search_members(ctx, "Zacar")


def test_the_command_line_exports_and_erases(ctx, zacarias, tmp_path, capsys):
    from loyalty.cli import main

    path = str(tmp_path / "shop.sqlite")
    assert main(["--db", path, "member", "export", zacarias.card, "--json-file", str(tmp_path / "z.json"),
                 "--pdf", str(tmp_path / "z.pdf")]) == 0
    assert json.loads((tmp_path / "z.json").read_text())["member"]["name"] == NAME
    assert main(["--db", path, "member", "erase", zacarias.card]) == 2, "the reason is required"
    assert main(["--db", path, "member", "erase", zacarias.card, "--reason", "asked by email"]) == 0
    assert NAME.encode() not in raw_bytes(tmp_path)


def test_the_owner_erases_from_the_member_record_window(qtbot, ctx, zacarias, tmp_path):
    from ui.members.member_detail import MemberDetailDialog

    dialog = MemberDetailDialog(ctx, zacarias)
    qtbot.addWidget(dialog)
    assert dialog.erase_button.isVisibleTo(dialog) and dialog.export_button.isVisibleTo(dialog)
    dialog.export_data(str(tmp_path / "z.pdf"))
    assert (tmp_path / "z.pdf").stat().st_size > 1000
    dialog.erase("asked at the counter")
    assert ctx.db.execute("SELECT status, phone FROM members WHERE id = ?", [zacarias.id]).fetchone() == ("erased", None)
