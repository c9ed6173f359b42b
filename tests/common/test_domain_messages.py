"""The domain's error messages in the language of the screens: every message is a t() template
with a Spanish entry, the Spanish keeps the placeholders, and a Spanish shop reads Spanish
errors at the counter while the command line stays English."""

import ast
import string
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from conftest import count
from ui_helpers import press, type_fast

from loyalty.common.errors import InsufficientPointsError, LoginError, LoyaltyError, UnknownCardError, ValidationError
from loyalty.common.messages import Text, field_name, language, regrouped, t, tn, translated, use_language
from loyalty.common.messages_es import FIELDS, MESSAGES
from loyalty.common.notes import (DISCOUNT, EXPIRED, EXPIRING, LAPSED_REGULAR, NOTES, PLURAL_NOTES, REFUND,
                                  UNDO_AT_THE_COUNTER, note, read_note)
from loyalty.ledger.redemptions import redeem_points
from loyalty.ledger.sales import post_sale
from loyalty.people.cards import card_from_body
from loyalty.people.members import member_by_card
from loyalty.people.staff import add_staff, sign_in
from loyalty.programme.permissions import LEAST_ROLE
from loyalty.programme.rules import SETTING_NAMES
from ui.widgets.translations import install_translator, remove_translators

LOYALTY = Path(__file__).resolve().parents[2] / "loyalty"


def _modules():
    for path in sorted(LOYALTY.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def _error_class_names() -> set[str]:
    """LoyaltyError and every class in loyalty/ that derives from it (to a fixpoint)."""
    names = {"LoyaltyError"}
    classes = [node for _, tree in _modules() for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    grew = True
    while grew:
        grew = False
        for node in classes:
            bases = {base.id if isinstance(base, ast.Name) else getattr(base, "attr", None) for base in node.bases}
            if node.name not in names and bases & names:
                names.add(node.name)
                grew = True
    return names


def _is_literal_text(node) -> bool:
    """An f-string, a string literal, or text glued together from them."""
    if isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return True
    if isinstance(node, ast.BinOp):
        return _is_literal_text(node.left) or _is_literal_text(node.right)
    if isinstance(node, ast.IfExp):
        return _is_literal_text(node.body) or _is_literal_text(node.orelse)
    return False


def _t_templates() -> dict[str, str]:
    """Every t("template", ...) literal in loyalty/, both forms of every tn(count, "one", "other"),
    and the notes the app writes (notes.py): template -> where it is first used."""
    found: dict[str, str] = {}
    for path, tree in _modules():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("t", "tn")):
                continue
            literals = node.args[:1] if node.func.id == "t" else node.args[1:3]
            for literal in literals:
                if isinstance(literal, ast.Constant):
                    found.setdefault(literal.value, f"{path.relative_to(LOYALTY.parent)}:{node.lineno}")
    for template in [*NOTES, *(form for forms in PLURAL_NOTES for form in forms)]:
        found.setdefault(template, "loyalty/common/notes.py")
    return found


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


@pytest.fixture
def spanish_messages():
    """Spanish domain messages for one test; English again afterwards, whatever happens."""
    use_language("es")
    yield
    use_language("en")


def test_a_messages_figures_are_grouped_as_where_it_is_shown():
    said = t("first download: {done} of about {total} entries fetched from the hub", done=1_500_000, total=2_042_250)
    assert regrouped(said, "{:,}".format) == "first download: 1,500,000 of about 2,042,250 entries fetched from the hub"
    spanish = translated(regrouped(said, lambda n: f"{n:,}".replace(",", ".")), "es")
    assert spanish == "primera descarga: 1.500.000 de unos 2.042.250 movimientos traídos del concentrador"
    assert said.values == {"done": 1_500_000, "total": 2_042_250}, "the figures themselves stay, for a bar"


def test_every_error_message_is_a_translatable_template():
    error_names = _error_class_names()
    assert {"ValidationError", "UnknownCardError", "CommandLineError"} <= error_names
    offenders = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name not in error_names:
                continue
            message = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "message"), None)
            if message is not None and _is_literal_text(message):
                offenders.append(f"{path.relative_to(LOYALTY.parent)}:{node.lineno}")
    assert not offenders, f"build these messages with t('...{{name}}...', name=value): {offenders}"


def test_every_template_has_its_spanish_and_no_spanish_is_stale():
    templates = _t_templates()
    assert len(templates) > 150, "the scan found the t() calls"
    missing = {template: where for template, where in templates.items() if template not in MESSAGES}
    assert not missing, f"add these to loyalty/common/messages_es.py: {missing}"
    stale = [template for template in MESSAGES if template not in templates]
    assert not stale, f"no t() uses these any more; remove them from loyalty/common/messages_es.py: {stale}"


@pytest.mark.parametrize("english", sorted(MESSAGES))
def test_the_spanish_keeps_the_placeholders_and_formats(english):
    spanish = MESSAGES[english]
    assert _placeholders(spanish) == _placeholders(english), (english, spanish)
    values = {name: 1234 for name in _placeholders(english)}
    assert english.format(**values) and spanish.format(**values)


def test_the_spanish_is_neutral():
    vosotros_or_voseo = ("vosotros", "podéis", "tenéis", "vuestro", " sos ", "tenés", "podés", "querés")
    for spanish in [*MESSAGES.values(), *FIELDS.values()]:
        assert not any(word in f" {spanish} " for word in vosotros_or_voseo), spanish


def test_every_setting_and_protected_action_has_a_spanish_name():
    assert not [name for name in (*SETTING_NAMES, *LEAST_ROLE) if name not in FIELDS]
    assert not [name for name in FIELDS.values() if "{" in name or "}" in name]


def test_text_is_the_english_string_with_its_template_and_values():
    text = t("points: {points} is more than the balance of {balance}", points=50, balance=20)
    assert text == "points: 50 is more than the balance of 20" and isinstance(text, str)
    assert (text.template, text.values) == ("points: {points} is more than the balance of {balance}",
                                            {"points": 50, "balance": 20})
    assert translated(text) == text and translated("plain") == "plain"


def test_translated_formats_the_spanish_and_translates_values_in_turn(spanish_messages):
    assert language() == "es"
    text = t("{field}: required", field=field_name("amount"))
    assert translated(text) == "importe: obligatorio"
    assert translated(t("not a template anyone knows")) == "not a template anyone knows"
    assert translated(field_name("no_such_field")) == "no_such_field"
    assert isinstance(field_name("card"), Text)


def test_an_unknown_language_falls_back_to_english():
    use_language("xx")
    try:
        assert language() == "en"
    finally:
        use_language("en")


def test_errors_at_the_counter_read_spanish_and_stay_english_for_the_command_line(spanish_messages, ctx, enrol):
    ana = enrol("Ana García")
    with pytest.raises(ValidationError, match="amount: the sale amount must be more than zero") as zero:
        post_sale(ctx, ana.card, 0)
    assert zero.value.message == "importe: el importe de la venta debe ser mayor que cero"

    with pytest.raises(InsufficientPointsError) as too_many:
        redeem_points(ctx, ana.card, 500)
    assert too_many.value.message == "puntos: 500 es más que el saldo de 0; no se ha canjeado nada"
    assert str(too_many.value) == "points: 500 is more than the balance of 0; nothing was redeemed"

    unknown = card_from_body("99999999999")
    with pytest.raises(UnknownCardError) as not_on_file:
        member_by_card(ctx, unknown)
    assert not_on_file.value.message == f"tarjeta: la tarjeta {unknown} no está registrada"
    assert not_on_file.value.field == "card"
    assert count(ctx, "entries") == 0

    use_language("en")
    assert zero.value.message == "amount: the sale amount must be more than zero"


def test_a_message_that_is_not_a_template_is_shown_as_it_is(spanish_messages):
    assert LoyaltyError("something the domain did not template", "x").message == "something the domain did not template"


def test_the_counter_banner_shows_a_bad_amount_in_spanish(qtbot, spanish, window, ctx, enrol):
    assert language() == "es", "install_translator switches the domain's messages too"
    ana = enrol("Ana García")
    window.counter.open_card(ana.card)
    type_fast(qtbot, window.counter.sale.amount, "12x")
    press(qtbot, Qt.Key.Key_Return, window.counter.sale.amount)
    assert window.counter.banner.kind == "error"
    text = window.counter.banner.text()
    assert "importe: '12x' no es un importe" in text, text
    assert "is not an amount" not in text
    assert count(ctx, "entries") == 0


def test_removing_the_translators_brings_english_messages_back(qapp):
    before = QLocale()
    install_translator(qapp, "es", system=QLocale.c())
    remove_translators(qapp)
    QLocale.setDefault(before)
    assert language() == "en"


# -- messages with a count: the form the count takes, in both languages ----------------------

def wrong_pins_until(ctx, left: int) -> LoginError:
    add_staff(ctx, "Olga", "owner", "8765")
    add_staff(ctx, "Carla", "cashier", "4321")
    for _ in range(5 - left):
        with pytest.raises(LoginError) as refused:
            sign_in(ctx, "Carla", "0000")
    return refused.value


@pytest.mark.parametrize(("left", "english", "spanish"), [
    (1, "(1 try left before", "(queda 1 intento antes"),
    (2, "(2 tries left before", "(quedan 2 intentos antes"),
])
def test_a_count_takes_its_own_form_in_english_and_in_spanish(spanish_messages, ctx, left, english, spanish):
    refused = wrong_pins_until(ctx, left)
    assert english in str(refused), "the command line's English"
    assert spanish in refused.message, refused.message
    use_language("en")
    assert english in refused.message


@pytest.mark.parametrize("count", [0, 1, 2, 21, -1])
def test_tn_keeps_both_forms_and_picks_by_the_count(spanish_messages, count):
    text = tn(count, "{count} entry crediting their own card", "{count} entries crediting their own card")
    one = abs(count) == 1
    assert text == f"{count} {'entry' if one else 'entries'} crediting their own card"
    assert translated(text) == f"{count} {'movimiento' if one else 'movimientos'} a favor de su propia tarjeta"
    assert translated(text, "en") == text


def test_every_plural_message_has_both_forms_in_spanish():
    pairs = [(node.args[1].value, node.args[2].value) for _, tree in _modules() for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tn"
             and all(isinstance(arg, ast.Constant) for arg in node.args[1:3])] + list(PLURAL_NOTES)
    assert len(pairs) >= 7, "the scan found the tn() calls"
    for one, other in pairs:
        assert "{count}" in one and "{count}" in other, (one, other)
        assert MESSAGES[one] != MESSAGES[other], f"the Spanish of {one!r} needs its singular"


# -- the notes the app writes: stored in English, shown in the screen's (or slip's) language ----

@pytest.mark.parametrize(("stored", "spanish"), [
    (note(REFUND), "devolución"),
    (note(DISCOUNT), "descuento"),
    (note(UNDO_AT_THE_COUNTER), "anulado en la caja"),
    (note(EXPIRED, entry=12), "caducaron los puntos del movimiento 12"),
    (note(EXPIRING, count=1, day="2026-04-30"), "1 punto caduca el 2026-04-30: recuérdeselo"),
    (note(EXPIRING, count=40, day="2026-04-30"), "40 puntos caducan el 2026-04-30: recuérdeselo"),
    (note(LAPSED_REGULAR, interval=14, days=40),
     "Cliente habitual, suele venir cada 14 días y vino por última vez hace 40 días: llamar esta semana"),
    ("complaint about the noise", "complaint about the noise"),   # typed by a person: as typed
    ("birthday party", "birthday party"),
])
def test_a_stored_note_reads_in_spanish_and_a_typed_one_as_typed(spanish_messages, stored, spanish):
    assert type(str(stored)) is str
    assert translated(read_note(str(stored))) == spanish
    assert translated(read_note(str(stored)), "en") == str(stored)


def test_a_note_shows_its_day_as_the_caller_formats_it(spanish_messages):
    stored = str(note(EXPIRING, count=2, day="2026-04-30"))
    assert translated(read_note(stored, {"day": lambda day: "30/4/26"})) == "2 puntos caducan el 30/4/26: recuérdeselo"


def test_only_the_notes_are_notes():
    with pytest.raises(ValueError):
        note("anything else")
