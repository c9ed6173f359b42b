"""The CLI: JSON keys, exit statuses, one-line errors, nothing written on a mistake."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from loyalty.cli import main

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_path, monkeypatch):
    path = tmp_path / "cli.sqlite"
    monkeypatch.setenv("LOYALTY_DB", str(path))
    assert main(["init"]) == 0
    return path


def run_json(capsys, *args):
    code = main(["--json", *args])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if out.strip() else None), err


def enrol(capsys, name="Ana García"):
    code, data, _ = run_json(capsys, "member", "add", "--name", name)
    assert code == 0
    return data["card"]


def entry_count(path):
    import sqlite3

    return sqlite3.connect(path).execute("SELECT COUNT(*) FROM entries").fetchone()[0]


def test_sale_reports_card_balance_tier_points_and_entry(db, capsys):
    card = enrol(capsys)
    code, data, _ = run_json(capsys, "sale", card, "25,40", "--ref", "T1")
    assert code == 0
    assert data["card"] == card and data["balance"] == 25 and data["tier"] == "bronze" and data["points"] == 25
    assert data["entry_id"]


def test_same_receipt_twice_is_recorded_once(db, capsys):
    card = enrol(capsys)
    run_json(capsys, "sale", card, "10", "--ref", "T1")
    code, data, _ = run_json(capsys, "sale", card, "10", "--ref", "T1")
    assert code == 0 and data["already_recorded"] is True and data["balance"] == 10
    assert entry_count(db) == 1


@pytest.mark.parametrize("amount", ["12,5x", "-3", "0", "1e3", "12.3456", "2000000"])
def test_bad_amount_exits_2_names_the_field_and_writes_nothing(db, capsys, amount):
    card = enrol(capsys)
    code, data, err = run_json(capsys, "sale", card, amount)
    assert code == 2 and data is None
    assert err.startswith("error: amount:") and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert entry_count(db) == 0


def test_invalid_and_unknown_cards_are_told_apart(db, capsys):
    card = enrol(capsys)
    typo = card[:-2] + str((int(card[-2]) + 1) % 10) + card[-1]
    code, _, err = run_json(capsys, "balance", typo)
    assert code == 2 and "check digit" in err
    from loyalty.people.cards import card_from_body

    unknown = card_from_body("29999999999")
    code, _, err = run_json(capsys, "balance", unknown)
    assert code == 2 and "not on file" in err


def test_redeem_over_balance_is_refused(db, capsys):
    card = enrol(capsys)
    run_json(capsys, "sale", card, "10")
    code, _, err = run_json(capsys, "redeem", card, "--points", "11")
    assert code == 2 and "balance" in err
    assert entry_count(db) == 1


def test_refund_reverses_in_proportion_and_now_replays_history(db, capsys):
    card = enrol(capsys)
    run_json(capsys, "--now", "2026-01-05T10:00", "sale", card, "100", "--ref", "T9")
    code, data, _ = run_json(capsys, "--now", "2026-01-06T10:00", "refund", card, "25", "--ref", "T9")
    assert code == 0 and data["points"] == -25 and data["balance"] == 75
    code, data, _ = run_json(capsys, "history", card)
    assert [e["kind"] for e in data["entries"]] == ["reverse", "earn"]
    assert data["entries"][1]["created_at"].startswith("2026-01-05T09:00")  # 10:00 Madrid = 09:00 UTC


def test_reversing_a_refund_gives_the_points_back_once_and_its_reversal_is_refused(db, capsys):
    card = enrol(capsys)
    run_json(capsys, "sale", card, "259", "--ref", "T1")
    _, refund, _ = run_json(capsys, "refund", card, "159", "--ref", "T1")
    assert refund["points"] == -159 and refund["balance"] == 100
    code, data, _ = run_json(capsys, "reverse", refund["entry_id"])
    assert code == 0 and data["points"] == 159 and data["balance"] == 259 and data["already_recorded"] is False
    assert data["reverses"] == refund["entry_id"] and data["entry_id"] != refund["entry_id"]
    entries = entry_count(db)
    code, again, _ = run_json(capsys, "reverse", refund["entry_id"])
    assert code == 0 and again["already_recorded"] is True and again["entry_id"] == data["entry_id"]
    assert again["balance"] == 259 and entry_count(db) == entries
    code, none, err = run_json(capsys, "reverse", data["entry_id"])
    assert code == 2 and none is None and "cannot be reversed; record that transaction again" in err
    assert entry_count(db) == entries
    assert main(["verify"]) == 0


def test_adjust_needs_a_reason(db, capsys):
    card = enrol(capsys)
    code, _, err = run_json(capsys, "adjust", card, "5", "--reason", " ")
    assert code == 2 and "reason" in err


def test_rewards_tiers_campaigns_and_verify(db, capsys):
    card = enrol(capsys)
    assert run_json(capsys, "reward", "add", "Café", "5", "--stock", "1")[0] == 0
    assert run_json(capsys, "campaign", "add", "Martes dobles", "--multiplier", "2", "--from", "2026-01-01",
                    "--to", "2026-12-31", "--weekdays", "tue")[0] == 0
    code, data, _ = run_json(capsys, "tier", "list")
    assert [t["code"] for t in data["tiers"]] == ["bronze", "silver", "gold"]
    code, data, _ = run_json(capsys, "--now", "2026-03-03T12:00", "sale", card, "10")  # a Tuesday
    assert data["points"] == 20
    code, data, _ = run_json(capsys, "redeem", card, "--reward", "1")
    assert code == 0 and data["balance"] == 15
    code, _, err = run_json(capsys, "redeem", card, "--reward", "1")
    assert code == 2 and "out of stock" in err
    code, data, _ = run_json(capsys, "verify")
    assert code == 0 and data["ok"] is True


def test_expire_is_idempotent(db, capsys):
    card = enrol(capsys)
    run_json(capsys, "--now", "2025-01-15T12:00", "sale", card, "40")
    code, first, _ = run_json(capsys, "--now", "2026-02-01T09:00", "expire")
    code, second, _ = run_json(capsys, "--now", "2026-02-02T09:00", "expire")
    assert first["expired_points"] == 40 and second["expired_points"] == 0
    assert run_json(capsys, "balance", card)[1]["balance"] == 0


def test_installed_entry_point_and_main_py_run_the_cli(db):
    completed = subprocess.run([sys.executable, str(ROOT / "main.py"), "--json", "tier", "list"],
                               capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["tiers"][0]["code"] == "bronze"


def test_card_cards_and_receipt_commands_write_their_files(db, capsys, tmp_path):
    card = enrol(capsys)
    enrol(capsys, "Luis Pérez")
    code, data, _ = run_json(capsys, "card", card, "--pdf", str(tmp_path / "card.pdf"))
    assert code == 0 and data["pages"] == 2 and (tmp_path / "card.pdf").read_bytes().startswith(b"%PDF")
    code, data, _ = run_json(capsys, "cards", "--due", "--pdf", str(tmp_path / "due.pdf"))
    assert code == 0 and data["cards"] == 1, "Ana's card was printed just now; only Luis is due"
    code, data, _ = run_json(capsys, "cards", "--since", "2020-01-01", "--pdf", str(tmp_path / "all.pdf"),
                             "--paper", "Letter")
    assert code == 0 and data == {"cards": 2, "pages": 1, "pdf": str(tmp_path / "all.pdf")}
    _, sale, _ = run_json(capsys, "sale", card, "12,50")
    code, data, _ = run_json(capsys, "receipt", sale["entry_id"], "--pdf", str(tmp_path / "r.pdf"), "--width", "58",
                             "--escpos", str(tmp_path / "r.bin"))
    assert code == 0 and data["width"] == 58
    assert (tmp_path / "r.bin").read_bytes().startswith(b"\x1b@\x1bt\x13")


@pytest.mark.parametrize("args, field", [
    (["card", "123", "--pdf", "{tmp}/x.pdf"], "card"),
    (["card", "{card}", "--pdf", "/no/such/folder/x.pdf"], "pdf"),
    (["cards", "--since", "March", "--pdf", "{tmp}/x.pdf"], "since"),
    (["receipt", "999", "--pdf", "{tmp}/x.pdf"], "entry"),
    (["receipt", "999"], "receipt"),
    (["receipt", "1", "--pdf", "{tmp}/x.pdf", "--width", "60"], "command line"),
])
def test_printing_commands_refuse_bad_input_with_one_line_and_no_file(db, capsys, tmp_path, args, field):
    card = enrol(capsys)
    code, _, err = run_json(capsys, *[arg.format(tmp=tmp_path, card=card) for arg in args])
    assert code == 2
    assert err.startswith(f"error: {field}") and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.pdf").exists()


METRIC_NAMES = ("members_total", "new_members", "active_members", "member_sales", "transactions", "avg_ticket",
                "visits_per_active_member", "points_issued", "points_redeemed", "points_expired",
                "points_outstanding", "liability", "redemption_rate", "retention_rate", "repeat_purchase_rate",
                "churned", "tier_distribution", "tier_moves", "top_members", "abc", "points_expiring", "previous",
                "daily")


def test_report_prints_every_metric_and_writes_csv_and_xlsx(db, capsys, tmp_path):
    from openpyxl import load_workbook

    card = enrol(capsys)
    assert main(["--now", "2026-03-31T23:30", "sale", card, "25,00"]) == 0
    capsys.readouterr()
    code, data, _ = run_json(capsys, "report", "--month", "2026-03", "--csv", str(tmp_path / "csv"),
                             "--xlsx", str(tmp_path / "r.xlsx"), "--pdf", str(tmp_path / "r.pdf"))
    assert code == 0
    assert all(name in data for name in METRIC_NAMES)
    assert (data["member_sales"], data["transactions"], data["active_members"]) == (2500, 1, 1)
    assert 0 <= data["redemption_rate"] <= 1 and data["points_issued"]["earn"] == 25
    kpis = (tmp_path / "csv" / "2026-03-kpis.csv").read_text(encoding="utf-8-sig").splitlines()
    assert kpis[0] == "metric;value;previous;change" and "member_sales;2500;0;2500" in kpis
    workbook = load_workbook(tmp_path / "r.xlsx")
    assert workbook.sheetnames == ["kpis", "daily", "tiers", "top_members", "abc", "expiring"]
    assert workbook["daily"].max_row == 32
    import pdfplumber

    with pdfplumber.open(tmp_path / "r.pdf") as pdf:
        assert round(pdf.pages[0].width * 25.4 / 72) == 148, "A5: readable on a phone"
        text = "\n".join(page.extract_text() for page in pdf.pages)
    for expected in ("Informe de fidelización", "Ventas de socios 25,00 €", "Ventas de socios por día",
                     "Socios por nivel", "Clasificación ABC"):
        assert expected in text, expected


def test_report_summary_line_says_money_as_an_amount(db, capsys):
    card = enrol(capsys)
    assert main(["--now", "2026-03-31T23:30", "sale", card, "1234,50"]) == 0
    capsys.readouterr()
    assert main(["report", "--month", "2026-03"]) == 0
    assert "sales 1234.50 in 1 transactions" in capsys.readouterr().out


@pytest.mark.parametrize("args, field", [
    (["report", "--month", "2026-13"], "month"),
    (["report", "--from", "2026-03-10"], "month"),
    (["report", "--month", "2026-03", "--from", "2026-03-01", "--to", "2026-03-02"], "month"),
    (["report", "--from", "2026-03-10", "--to", "2026-03-01"], "to"),
    (["report", "--month", "2026-03", "--xlsx", "/no/such/folder/r.xlsx"], "xlsx"),
    (["report", "--month", "2026-03", "--churn-days", "0"], "churn-days"),
])
def test_report_refuses_bad_input_in_one_line(db, capsys, args, field):
    code, _, err = run_json(capsys, *args)
    assert code == 2 and err.startswith(f"error: {field}") and len(err.strip().splitlines()) == 1


def _options(parser) -> set[str]:
    """Every option string of the parser and of its subcommands, at any depth."""
    import argparse

    found = set()
    for action in parser._actions:
        found.update(action.option_strings)
        if isinstance(action, argparse._SubParsersAction):
            for subcommand in action.choices.values():
                found |= _options(subcommand)
    return found


def _named_options(text: str) -> set[str]:
    import re

    return set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", text))


def test_every_option_a_message_names_is_an_option_of_the_command_line():
    """Messages, help texts and hints in loyalty/ (not docstrings) name only options that exist."""
    import ast

    from loyalty.cli import build_parser

    real = _options(build_parser())
    named = {}
    # Modules that build other programs' command lines (PostgreSQL's initdb, pg_dump, pg_restore;
    # systemctl, schtasks).
    others = {"loyalty/chain/pg_server.py", "loyalty/operations/hub_backups.py", "loyalty/chain/autostart.py"}
    for path in sorted((ROOT / "loyalty").rglob("*.py")):
        if str(path.relative_to(ROOT)) in others:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                      and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                for option in _named_options(node.value):
                    named.setdefault(option, f"{path.relative_to(ROOT)}:{node.lineno}")
    assert len(named) > 40, "the messages were read"
    assert {option: where for option, where in named.items() if option not in real} == {}


def test_without_a_terminal_each_secret_is_asked_for_by_the_option_that_gives_it(db, capsys, monkeypatch):
    """`staff add` and `staff pin` take the new PIN from --new-pin (--pin signs in); an approver's
    from $LOYALTY_APPROVER_PIN. The message names it, and giving it works."""
    monkeypatch.delenv("LOYALTY_PIN", raising=False)
    monkeypatch.delenv("LOYALTY_APPROVER_PIN", raising=False)
    card = enrol(capsys)                                  # before the first account: no sign-in yet
    assert main(["staff", "add", "Olga", "--role", "owner"]) == 2
    message = capsys.readouterr().err
    assert _named_options(message) == {"--new-pin"}, message
    assert main(["staff", "add", "Olga", "--role", "owner", "--new-pin", "2468"]) == 0
    assert main(["--staff", "Olga", "--pin", "2468", "staff", "add", "Caja", "--role", "cashier"]) == 2
    assert _named_options(capsys.readouterr().err) == {"--new-pin"}
    assert main(["--staff", "Olga", "--pin", "2468", "staff", "add", "Caja", "--role", "cashier",
                 "--new-pin", "1357"]) == 0
    assert main(["--staff", "Olga", "--pin", "2468", "staff", "pin", "Caja"]) == 2
    assert _named_options(capsys.readouterr().err) == {"--new-pin"}

    assert main(["--staff", "Caja", "staff", "list"]) == 2, "signing in: the PIN from --pin or $LOYALTY_PIN"
    message = capsys.readouterr().err
    assert _named_options(message) == {"--pin"} and "LOYALTY_PIN" in message
    approved = ["--staff", "Caja", "--pin", "1357", "--approved-by", "Olga", "adjust", card, "10", "--reason", "fix"]
    assert main(approved) == 2
    message = capsys.readouterr().err
    assert "LOYALTY_APPROVER_PIN" in message and "--pin" not in message, message
    monkeypatch.setenv("LOYALTY_APPROVER_PIN", "2468")
    assert main(approved) == 0
