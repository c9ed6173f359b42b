"""Amounts follow the shop's currency (loyalty/programme/currencies.py, loyalty/programme/money.py): a shop in each
of EUR, USD, MXN, COP, CLP, PYG, ARS and JPY takes a normal big purchase typed the way that
country writes it, and enrolment, sale, refund, redemption, tiers, the monthly report, the
slip and the card all read in that money; amounts read back to themselves however the shop
writes them; the limit against typos follows the currency's size and is a setting."""

import json
import re
import sqlite3
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loyalty.cli import main
from loyalty.common.errors import ConflictError, ValidationError
from loyalty.printing.escpos import encode as escpos_encode
from loyalty.programme.currencies import CURRENCIES, defaults_for, scaled_amount
from loyalty.programme.money import parse_shop_amount
from loyalty.programme.points import points_for_sale, points_value
from loyalty.programme.rules import Programme, load_programme, load_tiers
from loyalty.programme.wording import Wording

# currency, language, a big purchase as people there type it, its minor units, the tier it reaches
SHOPS = [
    ("EUR", "es", "2.499,00 €", 249_900, "gold"),
    ("USD", "en", "$2,499.00", 249_900, "gold"),
    ("MXN", "es", "$12,500.00", 1_250_000, "silver"),
    ("COP", "es", "$ 3.450.000", 3_450_000, "silver"),
    ("CLP", "es", "1.234.500", 1_234_500, "silver"),
    ("PYG", "es", "Gs. 12.500.000", 12_500_000, "gold"),
    ("ARS", "es", "$45.900", 45_900, "bronze"),
    ("JPY", "en", "¥45,900", 45_900, "bronze"),
]
IDS = [shop[0] for shop in SHOPS]


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    path = tmp_path / "shop.sqlite"
    monkeypatch.setenv("LOYALTY_DB", str(path))

    def run(*args, ok=True):
        code = main(["--json", "--now", "2026-03-10T12:00", *args])
        out, err = capsys.readouterr()
        assert (code == 0) == ok, (args, err)
        return json.loads(out) if out.strip() else err

    run("init")
    run.path = path
    return run


@pytest.mark.parametrize("code, language, typed, minor, tier", SHOPS, ids=IDS)
def test_a_shop_in_each_currency_takes_its_big_purchases_through_every_step(cli, code, language, typed, minor, tier):
    cli("settings", "set", "language", language)
    cli("settings", "set", "currency", code)
    programme = load_programme(sqlite_utils_db(cli.path))
    assert programme.currency_decimals == CURRENCIES[code].decimals, "the decimals follow the currency"
    card = cli("member", "add", "--name", "Ana")["card"]
    sale = cli("sale", card, typed, "--ref", "T1")
    db = sqlite3.connect(cli.path)
    assert db.execute("SELECT amount_cents FROM entries WHERE kind = 'earn'").fetchone()[0] == minor
    earned = points_for_sale(minor, programme.currency_decimals, programme.earn_rate).total
    assert sale["points"] == earned and earned > 0, "a big purchase earns points in any currency"
    assert sale["tier"] == tier, "the ladder is of the currency's size"

    words = Wording(language)
    refund_minor = minor // 3 // 10**programme.currency_decimals * 10**programme.currency_decimals
    refund_text = words.money(refund_minor, programme.currency_decimals, code)   # as the slip writes it
    refund = cli("refund", card, refund_text, "--ref", "T1")
    assert refund["points"] < 0
    assert db.execute("SELECT amount_cents FROM entries WHERE kind = 'reverse'").fetchone()[0] == refund_minor

    balance = sale["balance"] + refund["points"]
    redeemed = cli("redeem", card, "--points", str(balance // 2))
    value = points_value(balance // 2, programme.points_per_currency_unit, programme.currency_decimals)
    assert value > 0 and redeemed["value"] == plain(value, programme.currency_decimals)

    report = cli("report", "--month", "2026-03")
    assert report["member_sales"] == minor - refund_minor

    slip = receipt_text(cli.path, sale["entry_id"])
    written = words.money(minor, programme.currency_decimals, code)
    assert written in slip
    if programme.currency_decimals == 0:
        assert not re.search(r"[.,]00(?!\d)", written), written   # no cents in a currency without them
    assert parse_shop_amount(programme, written) == minor, "what the slip prints reads back"

    terms = card_terms(cli.path, card)
    assert "0,01" not in terms and "0.01" not in terms, terms   # "1 punto por cada 100 $", not "0,01 punto"


def sqlite_utils_db(path):
    from sqlite_utils import Database

    return Database(path)


def plain(minor: int, decimals: int) -> str:
    from loyalty.programme.money import plain_amount

    return plain_amount(minor, decimals)


def receipt_text(path, entry_id: str) -> str:
    from loyalty.printing.receipt import receipt_for_entry
    from loyalty.programme.shop import open_shop

    ctx = open_shop(path)
    try:
        receipt = receipt_for_entry(ctx, entry_id)
        return " | ".join(f"{label}: {value}" for label, value in receipt.body) + " | " + receipt.progress_line
    finally:
        ctx.db.close()


def card_terms(path, card: str) -> str:
    from loyalty.people.members import member_by_card
    from loyalty.printing.card import card_content
    from loyalty.programme.shop import open_shop

    ctx = open_shop(path)
    try:
        return card_content(ctx, member_by_card(ctx, card)).terms
    finally:
        ctx.db.close()


@settings(max_examples=40, deadline=None)
@given(shop_at=st.sampled_from(SHOPS), data=st.data())
def test_any_amount_typed_the_countrys_way_goes_through_sale_refund_redemption_report_and_slip(shop_at, data):
    from datetime import datetime, timezone

    from loyalty.common.clock import FixedClock
    from loyalty.common.period import month_period
    from loyalty.ledger.enrolment import enrol_member
    from loyalty.ledger.redemptions import redeem_points
    from loyalty.ledger.sales import post_sale, refund_sale
    from loyalty.ledger.tiers import tier_progress
    from loyalty.people.members import NewMember, member_by_card
    from loyalty.printing.receipt import receipt_for_entry
    from loyalty.programme.settings import change_settings
    from loyalty.programme.shop import open_shop
    from loyalty.reports.cache import report

    code, language = shop_at[0], shop_at[1]
    ctx = open_shop(":memory:", clock=FixedClock(datetime(2026, 3, 10, 12, tzinfo=timezone.utc)))
    programme = change_settings(ctx, {"language": language, "currency": code})
    decimals, unit = programme.currency_decimals, 10**programme.currency_decimals
    minor = data.draw(st.integers(unit, scaled_amount(500_000, code)), label="sale")   # up to about 5.000 €
    typed = data.draw(st.sampled_from(ways_to_write(minor, programme)), label="typed")
    ana = enrol_member(ctx, NewMember("Ana"))
    sale = post_sale(ctx, ana.card, parse_shop_amount(programme, typed), "T1")
    assert sale.entry.amount_cents == minor
    part = data.draw(st.integers(1, minor), label="refund")
    refund_sale(ctx, ana.card, parse_shop_amount(programme, data.draw(st.sampled_from(ways_to_write(part, programme)))),
                "T1")
    balance = member_by_card(ctx, ana.card).balance
    if balance:
        redeemed = redeem_points(ctx, ana.card, balance)
        assert redeemed.value_cents == points_value(balance, programme.points_per_currency_unit, decimals)
    assert report(ctx, month_period("2026-03")).metrics["member_sales"] == minor - part
    progress = tier_progress(ctx, member_by_card(ctx, ana.card))
    assert progress.qualifying_spend_cents == minor - part
    slip = receipt_for_entry(ctx, sale.entry.uuid)
    assert dict(slip.body)[Wording(language)["sale"]] == Wording(language).money(minor, decimals, code)


# -- reading amounts --------------------------------------------------------------------------

def shop(code: str, language: str = "es", **values) -> Programme:
    defaults = defaults_for(code)
    values = {"currency_decimals": defaults.decimals, "max_amount": defaults.max_amount, **values}
    return replace(Programme(), currency=code, language=language, **values)


def ways_to_write(minor: int, programme: Programme) -> list[str]:
    """How the shop prints an amount and how people there commonly type it."""
    decimals, code = programme.currency_decimals, programme.currency
    words = Wording(programme.language)
    group = "." if programme.language == "es" else ","
    mark = "," if group == "." else "."
    units, cents = divmod(minor, 10**decimals)
    number = f"{units:,}".replace(",", group)               # grouped thousands: 3.450.000
    if decimals:
        number += f"{mark}{cents:0{decimals}d}"              # 1.234,50
        texts = [f"{units}{mark}{cents:0{decimals}d}"]       # 1234,50
    else:
        texts = [str(units), f"{number}{mark}00"]            # 3450000, 3.450.000,00 as tills print it
    texts += [words.money(minor, decimals, code), number, f"{number} {code}", f"{CURRENCIES[code].symbol}{number}",
              f"{CURRENCIES[code].symbol} {number}", *(f"{form} {number}" for form in CURRENCIES[code].written)]
    return texts


@settings(max_examples=300, deadline=None)
@given(shop_at=st.sampled_from(SHOPS), language=st.sampled_from(["es", "en"]), data=st.data())
def test_every_way_the_shop_writes_an_amount_reads_back_to_it(shop_at, language, data):
    programme = shop(shop_at[0], language)
    minor = data.draw(st.integers(1, programme.max_amount * 10**programme.currency_decimals))
    for text in ways_to_write(minor, programme):
        assert parse_shop_amount(programme, text) == minor, text


@pytest.mark.parametrize("code, typed, minor", [
    ("COP", "45.900", 45_900), ("COP", "1.234.500", 1_234_500), ("COP", "45.900,00", 45_900), ("CLP", "45900", 45_900),
    ("PYG", "₲ 12.500.000", 12_500_000), ("PYG", "12.500.000 Gs.", 12_500_000), ("COP", "3.450.000 COP", 3_450_000),
    ("EUR", "1.234,50", 123_450), ("EUR", "12,50 €", 1_250), ("MXN", "1,234.50", 123_450),
])
def test_amounts_as_a_spanish_shop_types_them(code, typed, minor):
    assert parse_shop_amount(shop(code), typed) == minor


@pytest.mark.parametrize("code, language, typed, offered", [
    ("COP", "es", "45,900", "write 45900 or 45.900"),       # a comma where Spanish groups with points
    ("JPY", "en", "45.900", "write 45900 or 45,900"),
    ("EUR", "es", "1.234", "write 1234 or 1.234,00"),        # with cents the old rule stays
    ("MXN", "es", "1,500", "write 1500 or 1,500.00"),
])
def test_a_truly_ambiguous_amount_is_refused_with_a_form_that_works(code, language, typed, offered):
    programme = shop(code, language)
    with pytest.raises(ValidationError) as refused:
        parse_shop_amount(programme, typed)
    assert refused.value.field == "amount" and "ambiguous" in refused.value.message
    assert offered in refused.value.message
    works = offered.split("write ")[1].split(" or ")
    assert parse_shop_amount(programme, works[0]) == parse_shop_amount(programme, works[1])


def test_an_empty_amount_offers_an_example_of_the_currencys_size():
    with pytest.raises(ValidationError, match="e.g. 50.000$"):
        parse_shop_amount(shop("COP"), " ")
    with pytest.raises(ValidationError, match="e.g. 12,50$"):
        parse_shop_amount(shop("EUR"), "")


# -- the limit --------------------------------------------------------------------------------

@pytest.mark.parametrize("code", sorted(CURRENCIES))
def test_no_currency_the_setup_offers_refuses_a_normal_big_purchase(code):
    programme = shop(code)
    car = scaled_amount(4_000_000, code)           # what 40.000 € buys, in that money
    decimals = programme.currency_decimals
    written = Wording("es").money(car, decimals, code)
    assert parse_shop_amount(programme, written) == car
    with pytest.raises(ValidationError, match="largest amount"):   # a thousandfold typo is still caught
        parse_shop_amount(programme, Wording("es").money(car * 1000, decimals, code))


@pytest.mark.parametrize("code, language, limit", [
    ("COP", "es", "1.000.000 $"), ("PYG", "es", "1.000.000 Gs."), ("EUR", "es", "1.000.000,00 €"),
    ("USD", "en", "$1,000,000.00"), ("JPY", "en", "¥1,000,000")])
def test_the_limit_is_a_setting_and_is_named_in_the_shops_format(code, language, limit):
    programme = shop(code, language, max_amount=1_000_000)
    with pytest.raises(ValidationError) as refused:
        parse_shop_amount(programme, "3.450.000,00" if language == "es" else "3,450,000.00")
    assert limit in refused.value.message and "Settings" in refused.value.message


def test_the_owner_sets_the_limit_in_whole_units_written_any_usual_way(cli):
    cli("settings", "set", "currency", "COP")
    assert cli("settings", "set", "max_amount", "5.000.000.000")["max_amount"] == 5_000_000_000
    assert cli("settings", "set", "max_amount", "2,000,000")["max_amount"] == 2_000_000
    refused = cli("settings", "set", "max_amount", "12,5", ok=False)
    assert "max_amount" in refused
    card = cli("member", "add", "--name", "Ana")["card"]
    refused = cli("sale", card, "3.450.000", ok=False)
    assert "2.000.000 $" in refused and ",00" not in refused
    assert sqlite3.connect(cli.path).execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 0


def test_a_shop_from_before_the_limit_setting_gets_its_currencys_default(cli):
    db = sqlite3.connect(cli.path)
    with db:
        db.execute("UPDATE settings SET value = '\"COP\"' WHERE key = 'currency'")
        db.execute("DELETE FROM settings WHERE key = 'max_amount'")
    assert load_programme(sqlite_utils_db(cli.path)).max_amount == 4_000_000_000


# -- the currency's defaults ------------------------------------------------------------------

def test_choosing_a_currency_brings_the_defaults_of_its_size_and_says_so(cli, capsys):
    main(["settings", "set", "currency", "COP"])
    said = capsys.readouterr().out
    assert "currency_decimals = 0" in said and "max_amount = 4000000000" in said and "tier silver" in said
    programme = load_programme(sqlite_utils_db(cli.path))
    assert (programme.currency_decimals, programme.max_amount, programme.earn_rate,
            programme.points_per_currency_unit) == (0, 4_000_000_000, "0.01", 1)
    assert [tier.min_spend_cents for tier in load_tiers(sqlite_utils_db(cli.path))] == [0, 2_000_000, 6_000_000]


@pytest.mark.parametrize("code, complaint, manager", [("EUR", 200, 1_000), ("MXN", 200, 1_000), ("CLP", 1_800, 9_000),
                                                     ("ARS", 2_000, 10_000), ("COP", 8_000, 40_000),
                                                     ("PYG", 15_000, 75_000), ("JPY", 300, 1_500)])
def test_the_limits_counted_in_points_follow_what_a_point_is_worth(ctx, code, complaint, manager):
    """A peso shop's point is worth a peso, a fortieth of a euro shop's: a compensation the cashier
    may give alone and what a manager may grant at once are as many times more points, so that
    they are worth about the same (200 and 1.000 points in euros: 2 € and 10 €)."""
    from loyalty.programme.settings import change_settings

    programme = change_settings(ctx, {"currency": code})
    assert (programme.complaint_points_limit, programme.manager_points_limit) == (complaint, manager)


def test_a_points_limit_the_owner_chose_stays_when_the_currency_changes(ctx):
    from loyalty.programme.settings import change_settings

    change_settings(ctx, {"manager_points_limit": 5_000})
    programme = change_settings(ctx, {"currency": "COP"})
    assert (programme.complaint_points_limit, programme.manager_points_limit) == (8_000, 5_000)


def test_values_the_owner_chose_stay_when_the_currency_changes(cli):
    cli("settings", "set", "earn_rate", "2")
    cli("tier", "set", "gold", "--min-spend", "3000")
    cli("settings", "set", "currency", "CLP")
    programme = load_programme(sqlite_utils_db(cli.path))
    assert programme.earn_rate == "2" and programme.currency_decimals == 0 and programme.max_amount == 900_000_000
    assert [tier.min_spend_cents for tier in load_tiers(sqlite_utils_db(cli.path))] == [0, 50_000, 300_000], \
        "an owner's ladder is left whole (moving only part of it could leave it out of order)"


@pytest.mark.parametrize("setting, value", [("currency", "COP"), ("currency_decimals", "0")])
def test_once_sales_are_on_file_the_currency_is_fixed(cli, setting, value):
    card = cli("member", "add", "--name", "Ana")["card"]
    cli("sale", card, "12,50")
    refused = cli("settings", "set", setting, value, ok=False)
    assert setting in refused and "sales on file in EUR" in refused
    programme = load_programme(sqlite_utils_db(cli.path))
    assert (programme.currency, programme.currency_decimals) == ("EUR", 2)


def test_the_domain_refuses_the_change_as_a_conflict(ctx, enrol):
    from loyalty.ledger.sales import post_sale
    from loyalty.programme.settings import change_settings

    post_sale(ctx, enrol().card, 1250)
    with pytest.raises(ConflictError):
        change_settings(ctx, {"currency": "PYG"})
    assert change_settings(ctx, {"currency": "EUR", "shop_name": "Sol"}).shop_name == "Sol", \
        "the same currency again (Settings sends every field) is no change"


def test_demo_data_is_of_the_currencys_size(ctx):
    from loyalty.operations.demo import load_demo_data
    from loyalty.programme.settings import change_settings

    change_settings(ctx, {"currency": "COP"})
    load_demo_data(ctx, members=10)
    smallest, largest = ctx.db.execute(
        "SELECT MIN(amount_cents), MAX(amount_cents) FROM entries WHERE kind = 'earn'").fetchone()
    assert 10_000 <= smallest and largest <= 500_000 and smallest % 100 == 0, (smallest, largest)
    rewards = {row[0]: row[1] for row in ctx.db.execute("SELECT name, points_cost FROM rewards")}
    assert rewards["Vale de 40.000 $"] == 40_000, "a voucher in pesos, worth its points"


def test_sales_history_imports_read_amounts_as_the_shop_writes_them(ctx, enrol, tmp_path):
    from loyalty.exchange.sales_import import plan
    from loyalty.programme.settings import change_settings

    change_settings(ctx, {"currency": "COP"})
    card = enrol().card
    path = tmp_path / "ventas.csv"
    path.write_text(f"tarjeta;fecha;importe\n{card};2026-03-01 10:00;3.450.000\n{card};2026-03-02 10:00;45.900,00\n",
                    encoding="utf-8")
    planned = plan(ctx, path)
    assert planned.problems == [] and [row.amount_cents for row in planned.rows] == [3_450_000, 45_900]


@pytest.mark.parametrize("code, printed", [("EUR", "12.500.000,00 €"), ("PYG", "12.500.000 Gs."), ("JPY", "12.500.000 ¥"),
                                           ("COP", "12.500.000 $"), ("CRC", "12.500.000,00 CRC")])
def test_slips_print_a_mark_the_receipt_printer_has(code, printed):
    """₲ and ₡ are not in the printer's code page: a guaraní slip says 'Gs.', as Paraguayans write,
    rather than '?'; a currency with no printable mark prints its code."""
    decimals = CURRENCIES[code].decimals
    written = Wording("es").money(12_500_000 * 10**decimals, decimals, code)
    assert written == printed
    assert b"?" not in escpos_encode(written)
