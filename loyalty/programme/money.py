"""Money is an integer count of minor units (cents). This module is the one place that turns a
person's text into that integer; display formatting belongs to the UI (QLocale), and
`plain_amount` below is only for the CLI and JSON.

How a shop's amounts are read depends on its currency and its language (`amount_rules`): in a
currency without decimals "45.900" is forty-five thousand nine hundred pesos, written the way the
shop groups thousands; with decimals a lone group of three digits ("1.234") stays ambiguous and
is refused, because a wrong guess would post a sale a thousand times too large."""

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..common.errors import ValidationError
from ..common.messages import field_name, t
from .currencies import defaults_for, written_forms
from .wording import Wording  # the printed formats are the domain's written money

MAX_AMOUNT_UNITS = 1_000_000  # 1,000,000.00: the limit where no shop's own limit applies (see amount_rules)
MAX_LIMIT_UNITS = 10**12      # the largest limit an owner may set: any sum of amounts stays far inside 64 bits

_ONLY_DIGITS_AND_SEPARATORS = re.compile(r"^[0-9.,]+$")
# The separator a shop's people group thousands with, by the shop's language.
THOUSANDS_BY_LANGUAGE = {"es": ".", "en": ","}


@dataclass(frozen=True)
class AmountRules:
    """How one shop's amounts are read (built from its programme by `amount_rules`)."""

    decimals: int = 2
    thousands: str | None = None          # "." or ",": what the shop groups thousands with; None: no guess
    max_units: int = MAX_AMOUNT_UNITS     # whole currency units: larger is a typo
    limit_text: str = ""                  # the limit as the shop writes it ("4.000.000.000 $"), for messages
    written: tuple[str, ...] = ()         # currency marks people write beside an amount ("Gs.", "COP")
    example: str = "12,50"                # an amount as the shop writes it, for messages

    @property
    def decimal_mark(self) -> str | None:
        return {".": ",", ",": "."}.get(self.thousands or "")


def amount_rules(programme, thousands: str | None = None) -> AmountRules:
    """The rules of the shop of `programme`; `thousands`: the separator its screens group with
    (the UI's locale), else the one of the shop's language."""
    if thousands not in (".", ","):
        thousands = THOUSANDS_BY_LANGUAGE.get(programme.language, ".")
    decimals = programme.currency_decimals
    words = Wording(programme.language)
    limit = words.money(programme.max_amount * 10**decimals, decimals, programme.currency)
    typical = defaults_for(programme.currency, decimals).typical_amount
    return AmountRules(decimals=decimals, thousands=thousands, max_units=programme.max_amount,
                       limit_text=limit, written=written_forms(programme.currency),
                       example=_written(typical, decimals, thousands))


def parse_shop_amount(programme, text: str, field: str = "amount", allow_zero: bool = False,
                      thousands: str | None = None) -> int:
    """An amount typed for the shop of `programme` (the counter, Settings, the CLI, imports)."""
    return read_amount(text, amount_rules(programme, thousands), field, allow_zero)


def parse_amount(text: str, decimals: int = 2, field: str = "amount", allow_zero: bool = False) -> int:
    """Parse `12.50`, `12,50`, `1.234,50`, `1,234.50`, `12,50 €` into minor units, knowing nothing
    of the shop but its decimals (so a lone group of three digits is always ambiguous)."""
    return read_amount(text, AmountRules(decimals=decimals), field, allow_zero)


def read_amount(text: str, rules: AmountRules, field: str = "amount", allow_zero: bool = False) -> int:
    """When both separators appear, the last one is the decimal separator. A single separator
    followed by exactly three digits ("1.234") is thousands in a currency without decimals when it
    is the shop's thousands separator, and refused as ambiguous otherwise; any other single
    separator is the decimal separator. A currency without decimals takes a zero cents part
    ("45.900,00"), as tills print it."""
    if text is None or not str(text).strip():
        raise ValidationError(t("{field}: enter an amount, e.g. {example}", field=field_name(field),
                                example=rules.example), field)
    raw = str(text).strip()
    if raw.startswith("-") or raw.startswith("−"):
        raise ValidationError(t("{field}: the amount cannot be negative ({raw})",
                                field=field_name(field), raw=raw), field)
    compact = _without_currency(raw, rules.written).lstrip("+")
    if not compact or not _ONLY_DIGITS_AND_SEPARATORS.match(compact):
        raise ValidationError(t("{field}: '{raw}' is not an amount; use digits and one decimal comma or point",
                                field=field_name(field), raw=raw), field)
    integer_part, fraction = _split_decimal(compact, rules, raw, field)
    if rules.decimals == 0 and len(fraction) <= 2 and not fraction.strip("0"):
        fraction = ""   # "45.900,00": no cents in a currency without them
    if fraction and len(fraction) > rules.decimals:
        raise ValidationError(
            t("{field}: '{raw}' has more than {decimals} decimals",
              field=field_name(field), raw=raw, decimals=rules.decimals)
            if rules.decimals != 1 else t("{field}: '{raw}' has more than {decimals} decimal",
                                          field=field_name(field), raw=raw, decimals=rules.decimals), field
        )
    try:
        value = Decimal(f"{integer_part or '0'}.{fraction or '0'}")
    except InvalidOperation:
        raise ValidationError(t("{field}: '{raw}' is not an amount", field=field_name(field), raw=raw), field) from None
    if value > rules.max_units:
        raise ValidationError(_over_the_limit(rules, field, raw), field)
    minor = int(value.scaleb(rules.decimals))
    if minor == 0 and not allow_zero:
        raise ValidationError(t("{field}: the amount must be more than zero", field=field_name(field)), field)
    return minor


def _over_the_limit(rules: AmountRules, field: str, raw: str):
    if rules.limit_text:
        return t("{field}: {raw} is over the largest amount this shop takes, {limit} (the owner can raise it in "
                 "Settings)", field=field_name(field), raw=raw, limit=rules.limit_text)
    return t("{field}: {raw} is over the limit of {limit}", field=field_name(field), raw=raw,
             limit=_written(rules.max_units * 10**rules.decimals, rules.decimals, rules.thousands or ","))


def _without_currency(raw: str, written: tuple[str, ...]) -> str:
    """The amount without the currency's marks around it ("Gs. 12.500.000", "45.900 COP") and
    without spaces and currency signs anywhere ("1 234,50 €")."""
    text = raw
    for form in sorted(written, key=len, reverse=True):
        if text.upper().startswith(form.upper()):
            text = text[len(form):].strip()
        if text.upper().endswith(form.upper()):
            text = text[:len(text) - len(form)].strip()
    return "".join(ch for ch in text if not (ch.isspace() or unicodedata.category(ch) == "Sc"))


def _split_decimal(compact: str, rules: AmountRules, raw: str, field: str) -> tuple[str, str]:
    """Return (integer digits, fraction digits) after deciding which separator is decimal."""
    if "." in compact and "," in compact:
        decimal_sep = compact[max(compact.rfind("."), compact.rfind(","))]
        thousands_sep = "," if decimal_sep == "." else "."
        head, _, fraction = compact.rpartition(decimal_sep)
        if decimal_sep in head or not _grouped_in_thousands(head, thousands_sep):
            raise ValidationError(t("{field}: '{raw}' is not an amount (check the separators)",
                                    field=field_name(field), raw=raw), field)
        return head.replace(thousands_sep, ""), fraction
    sep = "." if "." in compact else "," if "," in compact else None
    if sep is None:
        return compact, ""
    if compact.count(sep) > 1:
        if not _grouped_in_thousands(compact, sep):
            raise ValidationError(t("{field}: '{raw}' is not an amount (check the separators)",
                                    field=field_name(field), raw=raw), field)
        return compact.replace(sep, ""), ""
    head, _, fraction = compact.partition(sep)
    if rules.decimals < 3 and _grouped_in_thousands(compact, sep):
        if rules.decimals == 0 and sep == rules.thousands:
            return head + fraction, ""   # "45.900" pesos: the shop's own way of writing thousands
        if rules.decimals == 0 and rules.thousands:
            # "45,900" where thousands are written "45.900": no cents exist, but a slip of the
            # finger between the two marks would cost a thousandfold, so ask.
            raise ValidationError(
                t("{field}: '{raw}' is ambiguous; write {plain} or {grouped}", field=field_name(field), raw=raw,
                  plain=head + fraction, grouped=f"{head}{rules.thousands}{fraction}"), field)
        # "1.234" is one thousand in Spain and one-point-something elsewhere: a
        # wrong guess would post a sale a thousand times too large, so ask.
        raise ValidationError(
            t("{field}: '{raw}' is ambiguous; for thousands write {head}{fraction} or "
              "{head}{sep}{fraction}{other_sep}00, otherwise at most {decimals} decimals",
              field=field_name(field), raw=raw, head=head, fraction=fraction, sep=sep,
              other_sep=',' if sep == '.' else '.', decimals=rules.decimals),
            field,
        )
    return head, fraction


def _grouped_in_thousands(text: str, sep: str) -> bool:
    return re.fullmatch(rf"[1-9][0-9]{{0,2}}({re.escape(sep)}[0-9]{{3}})+", text) is not None


def _written(minor: int, decimals: int, thousands: str) -> str:
    """`4590000, 0, "."` -> `4.590.000`; `1250, 2, "."` -> `12,50`: for the messages' examples."""
    units, rest = divmod(abs(minor), 10**decimals)
    digits = str(units)
    head = len(digits) % 3 or 3
    grouped = thousands.join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])
    mark = "," if thousands == "." else "."
    return grouped + (f"{mark}{rest:0{decimals}d}" if decimals else "")


def parse_whole_units(text, field: str, maximum: int = MAX_LIMIT_UNITS) -> int:
    """A whole number of currency units, as a setting takes it ("4.000.000.000", "1,000,000"):
    any mark between groups of three digits is a thousands separator, as there are no cents."""
    raw = str(text).strip()
    thousands = "," if "," in raw and "." not in raw else "."
    return read_amount(raw, AmountRules(decimals=0, thousands=thousands, max_units=maximum, example="1.000.000"),
                       field)


def plain_amount(minor: int, decimals: int = 2) -> str:
    """`1234` -> `12.34`: a locale-free text for the CLI and JSON, never for the screen."""
    sign = "-" if minor < 0 else ""
    minor = abs(minor)
    if decimals == 0:
        return f"{sign}{minor}"
    units, rest = divmod(minor, 10**decimals)
    return f"{sign}{units}.{rest:0{decimals}d}"


def money_words(programme, minor: int) -> str:
    """An amount as the shop writes it (`3.450.000 $`), for the domain's messages."""
    return Wording(programme.language).money(minor, programme.currency_decimals, programme.currency)
