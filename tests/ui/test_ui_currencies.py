"""The screens in the shop's currency: a cashier in Colombia or Paraguay types amounts as they
are written there ("3.450.000") and the counter shows and stores them; Settings shows amounts
and rates in the locale's format and follows a new currency before saving; every amount the
screens write reads back to itself."""

import pytest
from PySide6.QtCore import QLocale, Qt
from conftest import count
from hypothesis import given, settings
from hypothesis import strategies as st
from ui_helpers import press, type_fast

from loyalty.people.members import member_by_id
from loyalty.programme.currencies import defaults_for
from loyalty.programme.rules import Programme, load_tiers
from loyalty.programme.settings import change_settings
from ui.widgets.formatting import amount_for_editing, amount_from_text, money_text

SETTINGS_SCREEN = 4


@pytest.mark.parametrize("code, typed, minor, refund_typed, refund_minor", [
    ("COP", "3.450.000", 3_450_000, "450.000", 450_000),
    ("PYG", "12.500.000", 12_500_000, "2.500.000", 2_500_000),
])
def test_a_cashier_types_big_amounts_as_they_are_written_there(qtbot, spanish, window, ctx, enrol, code, typed, minor,
                                                               refund_typed, refund_minor):
    change_settings(ctx, {"currency": code})
    ana = enrol("Ana García")
    window.counter.open_card(ana.card)
    sale = window.counter.sale
    example = amount_for_editing(defaults_for(code).typical_amount, 0)
    assert example in sale.amount.placeholderText() and "12,50" not in sale.amount.placeholderText()
    type_fast(qtbot, sale.amount, typed)
    points = minor // 100                                  # the default: a point per 100 pesos or guaraníes
    assert f"{points:,}".replace(",", ".") in sale.preview.text()
    press(qtbot, Qt.Key.Key_Return, sale.amount)
    assert tuple(ctx.db.execute("SELECT amount_cents, points FROM entries WHERE kind = 'earn'").fetchone()) == (
        minor, points)
    banner = window.counter.banner.text()
    assert window.counter.banner.kind == "success" and money_text(minor, 0, code) in banner and ",00" not in banner

    press(qtbot, Qt.Key.Key_F6)
    refund = window.counter.refund
    assert refund.amount.text() == typed, "the amount left is offered as the shop writes it"
    refund.amount.selectAll()
    type_fast(qtbot, refund.amount, refund_typed)
    assert "takes back" in refund.preview.text() or "retira" in refund.preview.text() or refund.confirm.isEnabled()
    press(qtbot, Qt.Key.Key_Return, refund.amount)
    assert ctx.db.execute("SELECT amount_cents FROM entries WHERE kind = 'reverse'").fetchone()[0] == refund_minor
    assert member_by_id(ctx, ana.id).balance == points - refund_minor // 100
    assert money_text(refund_minor, 0, code) in window.counter.banner.text()


def test_the_limit_refuses_at_the_counter_in_the_shops_format_and_writes_nothing(qtbot, spanish, window, ctx, enrol):
    change_settings(ctx, {"currency": "COP", "max_amount": "1.000.000"})
    ana = enrol("Ana García")
    window.counter.open_card(ana.card)
    type_fast(qtbot, window.counter.sale.amount, "3.450.000")
    assert "1.000.000 $" in window.counter.sale.preview.text()
    press(qtbot, Qt.Key.Key_Return, window.counter.sale.amount)
    assert window.counter.banner.kind == "error" and "1.000.000 $" in window.counter.banner.text()
    assert ",00" not in window.counter.banner.text()
    assert count(ctx, "entries") == 0


def test_a_comma_in_pesos_is_refused_with_the_way_that_works(qtbot, spanish, window, ctx, enrol):
    change_settings(ctx, {"currency": "CLP"})
    ana = enrol("Ana García")
    window.counter.open_card(ana.card)
    type_fast(qtbot, window.counter.sale.amount, "45,900")
    press(qtbot, Qt.Key.Key_Return, window.counter.sale.amount)
    assert "45900" in window.counter.banner.text() and "45.900" in window.counter.banner.text()
    assert count(ctx, "entries") == 0


def open_settings(qtbot, window):
    window.show_screen(SETTINGS_SCREEN)
    return window.settings


def retype(qtbot, field, text: str) -> None:
    field.selectAll()
    qtbot.keyClicks(field, text)


def tier_cells(screen, column: int) -> list[str]:
    return [screen.tiers.item(row, column).text() for row in range(screen.tiers.rowCount())]


def test_settings_write_amounts_and_rates_as_the_locale_does(qtbot, spanish, window, ctx):
    screen = open_settings(qtbot, window)
    assert tier_cells(screen, 1) == ["0,00", "500,00", "1.500,00"]
    assert tier_cells(screen, 2) == ["1", "1,25", "1,5"], "a decimal comma in Spanish"
    assert screen.fields["max_amount"].text() == "1.000.000"
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert screen.banner.kind == "success", screen.banner.text()
    assert [(t.min_spend_cents, t.multiplier) for t in load_tiers(ctx.db)] == [
        (0, "1"), (50_000, "1.25"), (150_000, "1.5")], "saved as they were"


def test_settings_follow_a_new_currency_before_saving(qtbot, spanish, window, ctx):
    screen = open_settings(qtbot, window)
    retype(qtbot, screen.fields["currency"], "COP")
    assert screen.fields["currency_decimals"].text() == "0"
    assert screen.fields["max_amount"].text() == "4.000.000.000"
    assert (screen.fields["earn_rate"].text(), screen.fields["points_per_currency_unit"].text()) == ("0,01", "1")
    assert tier_cells(screen, 1) == ["0", "2.000.000", "6.000.000"]
    assert money_text(100_000, 0, "COP") in screen.example.text() and "gana 1.000 puntos" in screen.example.text()
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert screen.banner.kind == "success", screen.banner.text()
    programme = ctx.programme()
    assert (programme.currency, programme.currency_decimals, programme.max_amount, programme.earn_rate,
            programme.points_per_currency_unit) == ("COP", 0, 4_000_000_000, "0.01", 1)
    assert [t.min_spend_cents for t in load_tiers(ctx.db)] == [0, 2_000_000, 6_000_000]


LOCALES = [QLocale(QLocale.Language.Spanish, country) for country in (
    QLocale.Country.Spain, QLocale.Country.Colombia, QLocale.Country.Chile, QLocale.Country.Paraguay,
    QLocale.Country.Argentina, QLocale.Country.Mexico)] + [
    QLocale(QLocale.Language.English, country) for country in (QLocale.Country.UnitedStates,
                                                               QLocale.Country.UnitedKingdom)]


@settings(max_examples=200, deadline=None)
@given(code=st.sampled_from(["EUR", "USD", "MXN", "COP", "CLP", "PYG", "ARS", "JPY"]), locale=st.sampled_from(LOCALES),
       data=st.data())
def test_every_amount_the_screens_write_reads_back(code, locale, data):
    defaults = defaults_for(code)
    language = "es" if locale.language() == QLocale.Language.Spanish else "en"
    programme = Programme(language=language, currency=code, currency_decimals=defaults.decimals,
                          max_amount=defaults.max_amount)
    minor = data.draw(st.integers(1, defaults.max_amount * 10**defaults.decimals))
    before = QLocale()
    QLocale.setDefault(locale)
    try:
        for text in (money_text(minor, defaults.decimals, code), amount_for_editing(minor, defaults.decimals)):
            assert amount_from_text(programme, text) == minor, (locale.name(), text)
    finally:
        QLocale.setDefault(before)


def test_the_reports_charts_write_their_scale_as_the_locale_does(qtbot, spanish, window, ctx, enrol, clock):
    """A day of 1.978.130 pesos: the scale reads 500.000 … 2.500.000, not 1978130 (printf cannot
    group thousands)."""
    from loyalty.ledger.sales import post_sale

    change_settings(ctx, {"currency": "COP"})
    post_sale(ctx, enrol("Ana García").card, 1_978_130)
    clock.advance(days=31)
    window.show_screen(3)
    screen = window.reports
    screen.compute()
    qtbot.waitUntil(lambda: screen.report is not None and screen.thread is None, timeout=10_000)
    scale = [axis for axis in screen.sales_chart.chart().axes(Qt.Orientation.Vertical)][0]
    assert scale.categoriesLabels() == ["500.000", "1.000.000", "1.500.000", "2.000.000", "2.500.000"]


def test_the_near_next_tier_segment_takes_an_amount_in_pesos(qtbot, spanish, window, ctx, enrol):
    """Not 'cents' in a shop that has none: the choices are amounts of its size, written its way,
    and a typed '90.000' means ninety thousand pesos; an amount it cannot read is named, not run."""
    from loyalty.ledger.sales import post_sale

    change_settings(ctx, {"currency": "COP"})
    silver = load_tiers(ctx.db)[1]
    ana = enrol("Ana García")
    post_sale(ctx, ana.card, silver.min_spend_cents - 85_000)
    window.show_screen(6)
    screen = window.retention
    picker = screen.picker
    picker.segment.setCurrentIndex(picker.segment.findData("near_next_tier"))
    assert [picker.value.itemText(i) for i in range(picker.value.count())] == ["80.000\xa0$", "200.000\xa0$"]
    picker.value.setCurrentIndex(0)
    screen.show_segment()
    qtbot.waitUntil(lambda: screen.thread is None, timeout=10_000)
    assert screen.members.rowCount() == 0, "85.000 short is more than 80.000"
    picker.value.setEditText("90.000")
    screen.show_segment()
    qtbot.waitUntil(lambda: screen.thread is None, timeout=10_000)
    assert screen.ids == [ana.id] and screen.members.rowCount() == 1
    picker.value.setEditText("90.000,5")
    screen.show_segment()
    assert screen.banner.kind == "error" and screen.thread is None
