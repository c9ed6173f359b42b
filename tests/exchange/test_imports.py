"""Importing members from CSV as shops have them: encodings, delimiters, Spanish or English
headers; every bad row reported with line, column and reason, nothing written unless all
rows are good (or --skip-invalid); one transaction; possible duplicates flagged."""

import json

import pytest
from conftest import count
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loyalty.cli import main
from loyalty.common.errors import ValidationError
from loyalty.exchange import members_import
from loyalty.operations.verify import verify

SPANISH = ("Código;Nombre;Teléfono;Correo;Fecha de nacimiento;Fecha de alta;Tarjeta;Puntos;Acepta publicidad\n"
           "C-1;José Núñez;600 111 222;jose@example.es;23/04/1980;15/01/2021;1234 5678;1.500;sí\n"
           "C-2;María Peña;611222333;;;;;;no\n")


def write(tmp_path, text: str, encoding: str = "utf-8", name: str = "socios.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_spanish_headers_semicolons_and_windows_encoding(ctx, tmp_path, encoding):
    planned = members_import.plan(ctx, write(tmp_path, SPANISH, encoding))
    assert planned.problems == [] and planned.delimiter == ";"
    assert members_import.apply(ctx, planned) == 2
    jose = ctx.db.execute("SELECT name, phone_digits, email, birthday, joined_at, card, external_id, balance, "
                          "marketing_consent FROM members WHERE external_id = 'C-1'").fetchone()
    assert tuple(jose)[:4] == ("José Núñez", "600111222", "jose@example.es", "1980-04-23")
    assert jose[4].startswith("2021-01-15") and tuple(jose)[5:] == ("12345678", "C-1", 1500, 1)
    assert verify(ctx) == []


def test_english_headers_and_commas(ctx, tmp_path):
    text = "Name,Phone,Email,Opening points,Marketing consent\nAnn Smith,+44 7700 900123,ann@example.com,0,yes\n"
    planned = members_import.plan(ctx, write(tmp_path, text))
    assert members_import.apply(ctx, planned) == 1 and count(ctx, "members") == 1


def test_every_bad_row_is_reported_and_nothing_is_written(ctx, tmp_path):
    text = ("Nombre;Teléfono;Correo;Fecha de nacimiento;Puntos;Acepta publicidad;Tarjeta\n"
            "Ana;600111222;;;;;\n"
            ";600111223;;;;;\n"
            "Luis;12;;;;;\n"
            "Eva;;eva@;;;;\n"
            "Sol;;;31/02/1990;;;\n"
            "Noé;;;;12x;;\n"
            "Pío;;;;;quizás;\n"
            "Ona;;;;;;12AB\n")
    path = write(tmp_path, text)
    planned = members_import.plan(ctx, path)
    assert [(p.line, p.column) for p in planned.problems] == [
        (3, "Nombre"), (4, "Teléfono"), (5, "Correo"), (6, "Fecha de nacimiento"), (7, "Puntos"),
        (8, "Acepta publicidad"), (9, "Tarjeta")]
    assert "does not exist in the calendar" in planned.problems[3].reason
    assert main(["--db", str(ctx.db.conn.execute("PRAGMA database_list").fetchone()[2]), "import", "members",
                 str(path)]) == 2
    assert count(ctx, "members") == 0, "nothing written while any row is bad"


def test_skip_invalid_writes_the_good_rows_and_reports_the_others(ctx, tmp_path, capsys):
    path = write(tmp_path, "Nombre;Correo\nAna;ana@example.es\nEva;eva@\n")
    db = str(ctx.db.conn.execute("PRAGMA database_list").fetchone()[2])
    assert main(["--db", db, "--json", "import", "members", str(path), "--skip-invalid"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["imported"] == 1 and out["problems_skipped"] == [{"line": 3, "column": "Correo",
                                                                 "reason": "'eva@' is not an email address"}]


def test_possible_duplicates_are_flagged_and_can_be_left_out(ctx, enrol, tmp_path):
    enrol("Ana García", phone="600 111 222")
    text = "Nombre;Teléfono;Correo\nAna G.;600111222;\nLuis;;luis@example.es\nLuis Pérez;;LUIS@example.es\n"
    planned = members_import.plan(ctx, write(tmp_path, text))
    assert [(row.line, row.duplicate_reason.split(" (")[0]) for row in planned.duplicates] == [
        (2, "same phone as member 1"), (4, "same email as line 3")]
    assert members_import.apply(ctx, planned, skip_duplicates=True) == 1
    assert count(ctx, "members") == 2


def test_a_card_twice_in_the_file_or_already_on_file_is_a_bad_row(ctx, enrol, tmp_path):
    ana = enrol("Ana")
    text = f"Nombre;Tarjeta\nLuis;5555 0000\nEva;55550000\nSol;{ana.card}\n"
    planned = members_import.plan(ctx, write(tmp_path, text))
    assert [(p.line, "also on line 2" in p.reason or "already on file" in p.reason) for p in planned.problems] == [
        (3, True), (4, True)]


def test_the_import_is_one_transaction(ctx, tmp_path, monkeypatch):
    planned = members_import.plan(ctx, write(tmp_path, "Nombre;Puntos\nAna;10\nLuis;20\nEva;30\n"))
    calls = []
    real = members_import.post_opening_balances

    def failing(context, balances, *args):
        calls.append(balances)
        if len(calls) == 2:
            raise ValidationError("points: disk trouble in the second batch", "points")
        return real(context, balances, *args)

    monkeypatch.setattr(members_import, "BATCH", 2)
    monkeypatch.setattr(members_import, "post_opening_balances", failing)
    with pytest.raises(ValidationError):
        members_import.apply(ctx, planned)
    assert len(calls) == 2, "the first batch was written before the second failed"
    assert count(ctx, "members") == count(ctx, "entries") == 0, "the first batch went back with the second"


@pytest.mark.parametrize("content, message", [
    (b"", "is empty"), (b"\x00\x01\x02binary", "not a text"), (b"Nombre;Tel\xe9fono\n", None),
    (b"Telefono;Correo\n600111222;a@b.es\n", "no column for name"),
])
def test_files_that_are_not_usable_say_why(ctx, tmp_path, content, message):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    if message is None:   # a header alone: nothing to import, no error
        assert members_import.plan(ctx, path).rows == []
        return
    with pytest.raises(ValidationError, match=message):
        members_import.plan(ctx, path)


def test_sales_history_is_posted_in_time_order_with_its_points_tiers_and_dates(ctx, enrol, tmp_path):
    from loyalty.exchange import sales_import

    ana = enrol("Ana", phone="600111222")
    text = ("Tarjeta;Teléfono;Fecha;Importe;Ticket\n"
            f";600111222;05/03/2026 18:30;1.000,00;T-2\n"
            f"{ana.card};;2026-02-01 10:00;25,50;T-1\n")
    planned = sales_import.plan(ctx, write(tmp_path, text))
    assert planned.problems == []
    assert sales_import.apply(ctx, planned) == (2, 0)
    rows = ctx.db.execute("SELECT receipt_ref, amount_cents, points, created_at, tier_code FROM entries "
                          "WHERE kind = 'earn' ORDER BY id").fetchall()
    assert [tuple(row)[:3] for row in rows] == [("T-1", 2550, 25), ("T-2", 100_000, 1000)], "oldest first"
    assert rows[0][3].startswith("2026-02-01T09:00") and rows[1][3].startswith("2026-03-05T17:30"), "shop time"
    assert ctx.db.execute("SELECT tier_code FROM members").fetchone()[0] == "silver"
    assert sales_import.apply(ctx, sales_import.plan(ctx, write(tmp_path, text))) == (0, 2), "never doubled"
    assert verify(ctx) == []


def test_sales_history_can_be_recorded_without_points(ctx, enrol, tmp_path):
    from loyalty.exchange import sales_import

    ana = enrol("Ana")
    planned = sales_import.plan(ctx, write(tmp_path, f"Card,Date,Amount\n{ana.card},01/03/2026,600.00\n"))
    assert sales_import.apply(ctx, planned, award_points=False) == (1, 0)
    assert ctx.db.execute("SELECT balance, tier_code FROM members").fetchone() == (0, "silver"), \
        "spend counts for the tier, no points are given"


def test_bad_sales_rows_are_reported_and_nothing_is_written(ctx, enrol, tmp_path):
    from loyalty.exchange import sales_import

    ana = enrol("Ana")
    enrol("Eva", phone="600000001"), enrol("Eve", phone="600000001")
    text = ("Tarjeta;Teléfono;Fecha;Importe;Ticket\n"
            f"{ana.card};;01/03/2026;12,50;A-1\n"
            "200000000009;;01/03/2026;12,50;A-2\n"
            ";600000001;01/03/2026;12,50;A-3\n"
            f"{ana.card};;31/02/2026;12,50;A-4\n"
            f"{ana.card};;01/03/2030;12,50;A-5\n"
            f"{ana.card};;01/03/2026;12x;A-6\n"
            f"{ana.card};;01/03/2026;5;A-1\n")
    path = write(tmp_path, text)
    planned = sales_import.plan(ctx, path)
    assert [(p.line, p.column) for p in planned.problems] == [
        (3, "Tarjeta"), (4, "Teléfono"), (5, "Fecha"), (6, "Fecha"), (7, "Importe"), (8, "Ticket")]
    db = str(ctx.db.conn.execute("PRAGMA database_list").fetchone()[2])
    assert main(["--db", db, "import", "sales", str(path)]) == 2
    assert count(ctx, "entries WHERE kind = 'earn'") == 0
    assert main(["--db", db, "import", "sales", str(path), "--skip-invalid"]) == 0
    assert count(ctx, "entries WHERE kind = 'earn'") == 1


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda text: text.encode("utf-8")),
    st.lists(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12), min_size=1,
                      max_size=6), min_size=1, max_size=6).map(
        lambda rows: ("Nombre;Teléfono;Correo;Fecha;Importe;Tarjeta;Puntos\n"
                      + "\n".join(";".join(row) for row in rows)).encode("utf-8")),
), kind=st.sampled_from(["members", "sales"]))
def test_any_file_gets_a_clear_answer_and_a_refused_one_writes_nothing(ctx, tmp_path, content, kind):
    from loyalty.common.errors import LoyaltyError
    from loyalty.exchange import sales_import

    path = tmp_path / "fuzz.csv"
    path.write_bytes(content)
    module = members_import if kind == "members" else sales_import
    before = count(ctx, "members"), count(ctx, "entries")
    try:
        planned = module.plan(ctx, path)
    except LoyaltyError as error:
        assert error.field == "file" and error.message
        assert (count(ctx, "members"), count(ctx, "entries")) == before
        return
    for problem in planned.problems:
        assert problem.line >= 2 and problem.column and problem.reason
    assert (count(ctx, "members"), count(ctx, "entries")) == before, "planning writes nothing"


def test_duplicates_can_be_merged_into_the_member_on_file(ctx, enrol, tmp_path):
    ana = enrol("Ana García", phone="600 111 222")
    text = "Nombre;Teléfono;Correo;Código;Puntos\nAna G.;600111222;ana@example.es;C-9;300\nLuis;;;;\n"
    planned = members_import.plan(ctx, write(tmp_path, text))
    assert members_import.apply(ctx, planned, merge_duplicates=True) == 1 and planned.merged == 1
    merged = ctx.db.execute("SELECT name, email, external_id, balance FROM members WHERE id = ?", [ana.id]).fetchone()
    assert tuple(merged) == ("Ana García", "ana@example.es", "C-9", 300), "completed, not renamed; points added"
    again = members_import.plan(ctx, write(tmp_path, text))
    members_import.apply(ctx, again, skip_duplicates=True, merge_duplicates=True)
    assert ctx.db.execute("SELECT balance FROM members WHERE id = ?", [ana.id]).fetchone()[0] == 300, \
        "the opening balance is given once"
    assert verify(ctx) == []


def test_the_import_reports_its_progress_in_rows(ctx, tmp_path, monkeypatch):
    monkeypatch.setattr(members_import, "BATCH", 200)
    planned = members_import.plan(ctx, write(tmp_path, "Nombre\n" + "\n".join(f"Socio {n}" for n in range(450))))
    reports = []
    members_import.apply(ctx, planned, progress=lambda done, total: reports.append((done, total)))
    assert reports == [(200, 450), (400, 450), (450, 450)]


def test_sales_rows_find_their_member_by_card_or_customer_id_as_the_counter_would(ctx, enrol, tmp_path):
    """Cards and customer ids are looked up for the whole file at once; a card the counter would
    refuse (replaced, unknown) is refused with its reason, a blocked member's history still counts."""
    from loyalty.exchange import sales_import
    from loyalty.people.members import reissue_card, set_blocked

    ana, eva = enrol("Ana"), enrol("Eva", external_id="C-7")
    old_card = ana.card
    ana = reissue_card(ctx, ana.card)
    set_blocked(ctx, eva.card, True)
    text = ("Tarjeta;Código cliente;Fecha;Importe;Ticket\n"
            f"{ana.card};;01/03/2026;12,50;A-1\n"
            f"{old_card};;01/03/2026;12,50;A-2\n"
            f"{eva.card};;01/03/2026;12,50;A-3\n"
            ";C-7;01/03/2026;12,50;A-4\n"
            ";C-8;01/03/2026;12,50;A-5\n")
    planned = sales_import.plan(ctx, write(tmp_path, text))
    assert [(row.line, row.card) for row in planned.rows] == [(2, ana.card), (4, eva.card), (5, eva.card)]
    assert [(p.line, p.column) for p in planned.problems] == [(3, "Tarjeta"), (6, "Código cliente")]
    assert "replaced" in planned.problems[0].reason and "C-8" in planned.problems[1].reason
