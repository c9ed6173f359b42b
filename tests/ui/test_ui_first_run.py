"""The first-run wizard driven as a shop owner would, keyboard first: the shop is set up in
one go (screen and database checked), a refused value brings back its page and writes
nothing, and running it again keeps the owner and the values."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from ui_helpers import wizard_for

from loyalty.people.staff import list_staff
from loyalty.programme.money import parse_whole_units
from loyalty.programme.rules import load_tiers
from ui.settings.first_run import DEMO, MONEY, OWNER, POINTS, SHOP, TIERS


def retype(qtbot, field, text: str) -> None:
    field.selectAll()
    qtbot.keyClicks(field, text)


def type_owner(qtbot, wizard, pin: str, again: str) -> None:
    qtbot.keyClicks(wizard.owner_name, "Lucia")
    qtbot.keyClicks(wizard.secret, pin)
    qtbot.keyClicks(wizard.again, again)


def enter(qtbot, wizard) -> None:
    """Enter on the current page presses Next (or Finish on the last)."""
    qtbot.keyClick(wizard.currentPage(), Qt.Key.Key_Return)


def test_the_owner_sets_up_the_shop_in_one_go(qtbot, ctx):
    wizard = wizard_for(qtbot, ctx)
    assert wizard.currentId() == SHOP
    assert [row[1].text() for row in wizard.tier_rows] == ["Bronce", "Plata", "Oro"], "a Spanish shop's defaults"
    wizard.language.setCurrentIndex(wizard.language.findData("en"))
    assert [row[1].text() for row in wizard.tier_rows] == ["Bronze", "Silver", "Gold"]
    wizard.language.setCurrentIndex(wizard.language.findData("es"))
    retype(qtbot, wizard.shop_name, "Panaderia Sol")   # QTest types ASCII only
    enter(qtbot, wizard)
    assert wizard.currentId() == MONEY
    retype(qtbot, wizard.currency.lineEdit(), "CLP")
    assert wizard.decimals.value() == 0, "Chilean pesos have no cents"
    assert parse_whole_units(wizard.max_amount.text(), "max_amount") == 900_000_000, "a limit of the peso's size"
    retype(qtbot, wizard.timezone.lineEdit(), "America/Santiago")
    enter(qtbot, wizard)
    assert wizard.currentId() == POINTS
    assert wizard.earn_rate.text().replace(",", ".") == "0.01" and wizard.points_per_unit.value() == 1
    assert "gana 225 puntos" in wizard.example.text(), "a 22.500 pesos sale, a point per 100 pesos, in Spanish"
    retype(qtbot, wizard.earn_rate, "0,02")                    # the owner's own rate, decimal comma
    assert "gana 450 puntos" in wizard.example.text() and "en Oro gana 675" in wizard.example.text()
    enter(qtbot, wizard)
    assert wizard.currentId() == TIERS
    code, name, spend, multiplier = wizard.tier_rows[2]
    assert wizard.tier_rows[1][2].text().replace(",", "").replace(".", "") == "450000", "a ladder in pesos"
    retype(qtbot, name, "Oro")
    retype(qtbot, spend, "900000")
    enter(qtbot, wizard)
    assert wizard.currentId() == OWNER
    type_owner(qtbot, wizard, "2468", "2468")
    enter(qtbot, wizard)
    assert wizard.currentId() == DEMO
    wizard.demo.setChecked(True)
    enter(qtbot, wizard)
    assert not wizard.isVisible(), [label.text() for label in wizard.problem.values()]
    assert wizard.result() == QWizard.DialogCode.Accepted
    programme = ctx.programme()
    assert (programme.shop_name, programme.currency, programme.currency_decimals, programme.timezone,
            programme.earn_rate, programme.max_amount) == ("Panaderia Sol", "CLP", 0, "America/Santiago", "0.02",
                                                           900_000_000)
    assert [(t.name, t.min_spend_cents) for t in load_tiers(ctx.db)][1:] == [("Plata", 450_000), ("Oro", 900_000)]
    assert [(s.name, s.role) for s in list_staff(ctx)] == [("Lucia", "owner")]
    assert wizard.result_ctx.role == "owner"
    assert ctx.db.execute("SELECT COUNT(*) FROM members").fetchone()[0] == 40


def test_a_refused_value_brings_back_its_page_and_nothing_is_written(qtbot, ctx):
    before = ctx.programme()
    wizard = wizard_for(qtbot, ctx)
    enter(qtbot, wizard)
    retype(qtbot, wizard.timezone.lineEdit(), "Mars/Olympus")
    for _ in range(3):
        enter(qtbot, wizard)
    type_owner(qtbot, wizard, "2468", "2468")
    enter(qtbot, wizard)
    enter(qtbot, wizard)                                         # Finish
    assert wizard.isVisible() and wizard.currentId() == MONEY
    assert "timezone" in wizard.problem[MONEY].text()
    assert ctx.programme() == before and list_staff(ctx) == []


def test_two_different_pins_are_refused_on_the_owner_page(qtbot, ctx):
    wizard = wizard_for(qtbot, ctx)
    for _ in range(4):
        enter(qtbot, wizard)
    type_owner(qtbot, wizard, "2468", "2469")
    enter(qtbot, wizard)
    enter(qtbot, wizard)
    assert wizard.currentId() == OWNER and "differ" in wizard.problem[OWNER].text()
    assert list_staff(ctx) == []


def test_running_it_again_keeps_the_owner_and_shows_the_current_values(qtbot, ctx, enrol):
    from loyalty.operations.setup import Setup, apply_setup

    owner = apply_setup(ctx, Setup({"shop_name": "Panadería Sol", "earn_rate": "2"}, owner=("Lucía", "2468")))
    ctx.become(owner)
    enrol("Ana")
    wizard = wizard_for(qtbot, ctx)
    assert wizard.shop_name.text() == "Panadería Sol" and wizard.earn_rate.text() == "2"
    assert OWNER not in wizard.pageIds() and DEMO not in wizard.pageIds()
    for _ in range(3):
        enter(qtbot, wizard)
    assert wizard.currentId() == TIERS
    retype(qtbot, wizard.tier_rows[1][2], "2000")               # silver above the current gold: allowed
    retype(qtbot, wizard.tier_rows[2][2], "5000")
    enter(qtbot, wizard)                                         # the last page: Finish
    assert not wizard.isVisible()
    assert [t.min_spend_cents for t in load_tiers(ctx.db)] == [0, 200_000, 500_000]
    assert [s.name for s in list_staff(ctx)] == ["Lucía"] and wizard.result_ctx is None


def visible_texts(wizard) -> str:
    """What the current page and the wizard's buttons say."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    page = wizard.currentPage()
    texts = [page.title(), page.subTitle()]
    texts += [label.text() for label in page.findChildren(QLabel)]
    texts += [button.text() for button in wizard.findChildren(QAbstractButton) if button.isVisible()]
    return " | ".join(text for text in texts if text)


def test_choosing_english_switches_the_setup_to_english_at_once_and_back(qtbot, spanish, ctx):
    from PySide6.QtCore import QLocale

    from loyalty.common.messages import language

    wizard = wizard_for(qtbot, ctx)
    assert "Su tienda" in visible_texts(wizard) and "Siguie&nte >" in visible_texts(wizard)
    wizard.language.setCurrentIndex(wizard.language.findData("en"))
    shown = visible_texts(wizard)
    assert "Your shop" in shown and "Shop name" in shown and "&Next >" in shown and "Cancel" in shown, shown
    assert "Su tienda" not in shown and "Nombre de la tienda" not in shown
    wizard.next()
    wizard.next()
    assert wizard.currentId() == POINTS
    shown = visible_texts(wizard)
    assert "Points per currency unit of sale" in shown and "A €25.00 sale earns 25 points" in shown, shown
    assert "100 points are worth €1.00." in shown
    wizard.language.setCurrentIndex(wizard.language.findData("es"))   # (from the first page, as a person would)
    assert "Una compra de 25,00\xa0€ gana 25 puntos" in wizard.example.text()
    wizard.reject()
    assert language() == "es" and QLocale().language() == QLocale.Language.Spanish, "the screens' language again"


def test_the_setup_run_from_settings_leaves_the_screens_in_their_language(qtbot, spanish, window, ctx):
    from loyalty.common.messages import language

    window.show_screen(4)
    window.settings.run_setup()
    wizard = window.settings.wizard
    wizard.language.setCurrentIndex(wizard.language.findData("en"))
    assert "Your shop" in visible_texts(wizard)
    wizard.owner_name.setText("Lucia")
    wizard.secret.setText("2468")
    wizard.again.setText("2468")
    while wizard.currentId() != wizard.pageIds()[-1]:
        wizard.next()
    wizard.accept()
    assert ctx.programme().language == "en", [label.text() for label in wizard.problem.values()]
    assert language() == "es" and window.counter.enrol_button.text() == "Nuevo socio (F8)", \
        "the screens change at the next start, as when the language is saved in Settings"


def test_a_new_currency_keeps_what_the_owner_typed(qtbot, ctx):
    wizard = wizard_for(qtbot, ctx)
    retype(qtbot, wizard.earn_rate, "2")
    retype(qtbot, wizard.tier_rows[2][2], "3000")               # an own gold threshold: the ladder stays
    retype(qtbot, wizard.currency.lineEdit(), "PYG")
    assert wizard.decimals.value() == 0 and wizard.points_per_unit.value() == 1
    assert wizard.earn_rate.text() == "2"
    assert [row[2].text() for row in wizard.tier_rows] == ["0", "500", "3000"], "whole amounts kept in guaranies"
    retype(qtbot, wizard.currency.lineEdit(), "EUR")
    assert wizard.tier_rows[0][2].text() == "0.00", "the base tier's nothing written as the currency writes it"
