"""Languages: every visible string has its Spanish, the screens show it, money and dates
follow the shop's language, and the owner switches the language in Settings.

The .ts check runs lupdate over the code into a copy of loyalty_es.ts, so a tr() string
added to a screen but not translated fails here, not in front of a Spanish shop."""

import importlib.util
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QDialogButtonBox

from loyalty.programme.rules import load_programme
from ui.widgets.formatting import date_text, locale_for, money_text, points_text
from ui.widgets.translations import I18N, install_translator, qm_path, remove_translators, stale_translations, ts_path

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{\w*\}|%[nvm]")
TAG = re.compile(r"</?\w+>")
KEY_HINT = re.compile(r"\bF\d{1,2}\b|\bCtrl\+[A-Z0-9]\b")


def _update_tool():
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "tools" / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def messages(ts_file: Path) -> list[tuple[str, str, str | None, str]]:
    """(context, source, translation type or None, translation) of every message; a message with
    plural forms (`tr(text, "", n)`) gives one entry per form, so that every form is checked."""
    found = []
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            forms = [form.text or "" for form in translation.iter("numerusform")]
            for text in forms if message.get("numerus") == "yes" else [translation.text or ""]:
                found.append((name, message.findtext("source"), translation.get("type"), text))
    return found


def plural_messages(ts_file: Path) -> dict[tuple[str, str], list[str]]:
    """(context, source) -> its forms, of every message with plural forms."""
    return {(context.findtext("name"), message.findtext("source")):
            [form.text or "" for form in message.iter("numerusform")]
            for context in ET.parse(ts_file).getroot().iter("context")
            for message in context.iter("message") if message.get("numerus") == "yes"}


@pytest.fixture(scope="module")
def spanish_messages(tmp_path_factory):
    """The committed Spanish messages after lupdate merged the code's current strings into a copy."""
    copy = tmp_path_factory.mktemp("i18n") / "loyalty_es.ts"
    shutil.copy(ts_path("es"), copy)
    subprocess.run(_update_tool().lupdate_command(copy, "es"), check=True, capture_output=True)
    return messages(copy)


def test_every_string_on_the_screens_has_its_spanish(spanish_messages):
    assert len(spanish_messages) > 500, "lupdate found the ui/ strings"
    untranslated = [(context, source) for context, source, kind, text in spanish_messages
                    if kind in ("unfinished", "vanished", "obsolete") or not text.strip()]
    assert not untranslated, ("translate these in resources/i18n/loyalty_es.ts (run tools/update_translations.py "
                              f"first): {untranslated[:10]}")


def test_the_committed_ts_is_up_to_date_with_the_code(spanish_messages):
    in_code = {(context, source) for context, source, _, _ in spanish_messages}
    committed = {(context, source) for context, source, _, _ in messages(ts_path("es"))}
    assert in_code == committed, f"run tools/update_translations.py: {sorted(in_code ^ committed)[:10]}"


def test_translations_keep_placeholders_tags_and_key_hints(spanish_messages):
    for context, source, _, text in spanish_messages:
        where = f"{context}: {source!r} -> {text!r}"
        assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(text)), where
        assert sorted(TAG.findall(source)) == sorted(TAG.findall(text)), where
        assert set(KEY_HINT.findall(source)) == set(KEY_HINT.findall(text)), where
        assert source.count("\n") <= text.count("\n"), where   # no paragraph or line lost


def test_spanish_reads_right_in_spain_and_latin_america(spanish_messages):
    """Usted or impersonal, never vosotros, voseo or words that offend across the ocean."""
    banned = re.compile(r"\b(vosotros|vuestr\w*|coger|coja\w*|cogí\w*|ordenador|fichero|pulsá|tenés|podés|"
                        r"querés|elegí|escribí)\b", re.IGNORECASE)
    offending = [text for _, _, _, text in spanish_messages if banned.search(text)]
    assert not offending, offending


def test_the_english_source_holds_only_the_plural_forms_and_every_one_of_them(spanish_messages):
    """English is the source: loyalty_en.ts holds plural forms only (lupdate -pluralonly), each
    with its singular and plural, and the same plural messages as the Spanish."""
    english = plural_messages(ts_path("en"))
    assert len(english) >= 50, "the screens' counts go through tr(text, '', n)"
    assert len(messages(ts_path("en"))) == 2 * len(english), "nothing but plural messages"
    assert set(english) == set(plural_messages(ts_path("es")))
    for (context, source), (one, other) in english.items():
        assert other == source, (context, source, other)
        assert sorted(PLACEHOLDER.findall(one)) == sorted(PLACEHOLDER.findall(source)), (context, source, one)
    assert not [key for key, (one, other) in plural_messages(ts_path("es")).items() if not one or one == other], \
        "each Spanish plural message has its singular"


def test_compiled_translations_are_built_beside_their_sources_and_ignored_by_git(qapp):
    before = QLocale()
    install_translator(qapp, "en")   # compiles what is missing or stale
    remove_translators(qapp)
    QLocale.setDefault(before)
    assert qm_path("es").exists() and not stale_translations(I18N)
    ignored = subprocess.run(["git", "check-ignore", "-q", str(qm_path("es"))], cwd=ROOT)
    assert ignored.returncode == 0, ".qm files are build output: *.qm in .gitignore"


def test_the_main_window_speaks_spanish(spanish, window, ctx, enrol):
    sidebar = [window.sidebar.item(row).text().rsplit("\n", 1)[0].replace("\n", " ")
               for row in range(window.sidebar.count())]
    assert sidebar == ["Caja", "Socios", "Premios y campañas", "Informes", "Configuración", "Auditoría", "Retención"]
    assert window.counter.enrol_button.text() == "Nuevo socio (F8)"
    assert window.counter.slip_button.text() == "Comprobante (F9)"
    assert window.demo_button.text() == "Cargar datos de demostración"
    assert window.settings.save_button.text() == "Guardar configuración"
    assert window.counter.banner.text() == "Listo: escanee una tarjeta o busque un socio."
    # Qt's own texts come from qtbase_es: the standard buttons of every dialog.
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Cancelar"
    assert date_text("2026-03-10") == QLocale(QLocale.Language.Spanish, QLocale.Country.Spain).toString(
        QDate(2026, 3, 10), QLocale.FormatType.ShortFormat)


def test_english_is_the_source_language(qapp, window):
    before = QLocale()
    try:
        assert install_translator(qapp, "en", system=QLocale.c()).language() == QLocale.Language.English
        assert window.counter.enrol_button.text() == "New member (F8)"
        assert money_text(123450) == "€1,234.50"
    finally:
        remove_translators(qapp)
        QLocale.setDefault(before)


@pytest.mark.parametrize(("language", "system", "minor", "decimals", "currency", "shown"), [
    ("es", "C", 123450, 2, "EUR", "1.234,50 €"),
    ("en", "C", 123450, 2, "EUR", "€1,234.50"),
    ("es", "C", -123450, 2, "EUR", "-1.234,50 €"),
    ("en", "C", -5, 2, "EUR", "-€0.05"),
    ("es", "C", 1234, 0, "CLP", "1.234 $"),
    ("es", "C", 1234567, 3, "EUR", "1.234,567 €"),
    ("es", "C", 999, 2, "CHF", "9,99 CHF"),
    ("en", "C", 999, 2, "CHF", "CHF 9.99"),
    ("es", "es_MX", 123450, 2, "MXN", "$1,234.50"),   # a Mexican PC keeps Mexico's formats
    ("en", "es_ES", 123450, 2, "GBP", "£1,234.50"),  # English on a Spanish PC: English formats
    ("es", "C", -150000, 2, "", "-1.500,00"),          # no currency: the bare amount
])
def test_money_in_the_shops_currency_and_decimals(language, system, minor, decimals, currency, shown):
    locale = locale_for(language, QLocale.c() if system == "C" else QLocale(system))
    assert money_text(minor, decimals, currency, locale).replace("\u00a0", " ") == shown


def test_money_points_and_dates_follow_the_installed_language(qapp):
    before = QLocale()
    try:
        install_translator(qapp, "es", system=QLocale.c())
        assert money_text(123450, 2, "EUR").replace("\u00a0", " ") == "1.234,50 €"
        assert points_text(1234) == "1.234"
        assert date_text("2026-03-10") == "10/3/26"
        install_translator(qapp, "en", system=QLocale.c())
        assert money_text(123450, 2, "EUR") == "€1,234.50"
        assert points_text(1234) == "1,234"
        assert date_text("2026-03-10") == "10/03/2026"
    finally:
        remove_translators(qapp)
        QLocale.setDefault(before)


def test_the_settings_combo_saves_the_language(qtbot, window, ctx):
    window.show_screen(4)
    screen = window.settings
    combo = screen.fields["language"]
    assert [combo.itemText(row) for row in range(combo.count())] == ["Español", "English"]
    assert combo.currentData() == "es"
    combo.setCurrentIndex(combo.findData("en"))
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert screen.banner.kind == "success" and "next started" in screen.banner.text()
    assert load_programme(ctx.db).language == "en"
    screen.reload()
    assert combo.currentData() == "en"
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert screen.banner.text() == "Settings saved.", "no restart note when the language stays"


def test_a_sale_with_a_birthday_bonus_is_told_in_spanish(qtbot, spanish, window, settings, enrol):
    settings(birthday_bonus=50)
    ana = enrol("Ana García", birthday="1990-03-10")
    window.counter.open_card(ana.card)
    window.counter.sale.amount.setText("25,40")
    qtbot.keyClick(window.counter.sale.amount, Qt.Key.Key_Return)
    text = window.counter.banner.text()
    assert window.counter.banner.kind == "success"
    assert "+25 puntos por 25,40" in text and "+50 de bono de cumpleaños" in text, text
