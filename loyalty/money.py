"""Money is an integer count of minor units (cents). This module is the one place
that turns a person's text into that integer; display formatting belongs to the UI
(QLocale), and `plain_amount` below is only for the CLI and JSON."""

import re
from decimal import Decimal, InvalidOperation

from .errors import ValidationError
from .messages import field_name, t

MAX_AMOUNT_UNITS = 1_000_000  # 1,000,000.00: larger amounts are a typo at a shop counter

_CURRENCY_AND_SPACE = re.compile(r"[\s\u00a0\u202f€$£]")
_ONLY_DIGITS_AND_SEPARATORS = re.compile(r"^[0-9.,]+$")


def parse_amount(text: str, decimals: int = 2, field: str = "amount", allow_zero: bool = False) -> int:
    """Parse `12.50`, `12,50`, `1.234,50`, `1,234.50`, `12,50 €` into minor units.

    When both separators appear, the last one is the decimal separator. A single
    separator followed by exactly three digits ("1.234") is refused as ambiguous;
    any other single separator is the decimal separator.
    """
    if text is None or not str(text).strip():
        raise ValidationError(t("{field}: enter an amount, e.g. 12,50", field=field_name(field)), field)
    raw = str(text).strip()
    if raw.startswith("-") or raw.startswith("−"):
        raise ValidationError(t("{field}: the amount cannot be negative ({raw})",
                                field=field_name(field), raw=raw), field)
    compact = _CURRENCY_AND_SPACE.sub("", raw).lstrip("+")
    if not compact or not _ONLY_DIGITS_AND_SEPARATORS.match(compact):
        raise ValidationError(t("{field}: '{raw}' is not an amount; use digits and one decimal comma or point",
                                field=field_name(field), raw=raw), field)
    integer_part, fraction = _split_decimal(compact, decimals, raw, field)
    if fraction and len(fraction) > decimals:
        raise ValidationError(
            t("{field}: '{raw}' has more than {decimals} decimals", field=field_name(field), raw=raw, decimals=decimals)
            if decimals != 1 else t("{field}: '{raw}' has more than {decimals} decimal",
                                    field=field_name(field), raw=raw,
                                    decimals=decimals), field
        )
    try:
        value = Decimal(f"{integer_part or '0'}.{fraction or '0'}")
    except InvalidOperation:
        raise ValidationError(t("{field}: '{raw}' is not an amount", field=field_name(field), raw=raw), field) from None
    if value > MAX_AMOUNT_UNITS:
        raise ValidationError(t("{field}: {raw} is over the limit of {max_amount_units:,}.00",
                                field=field_name(field), raw=raw, max_amount_units=MAX_AMOUNT_UNITS), field)
    minor = int(value.scaleb(decimals))
    if minor == 0 and not allow_zero:
        raise ValidationError(t("{field}: the amount must be more than zero", field=field_name(field)), field)
    return minor


def _split_decimal(compact: str, decimals: int, raw: str, field: str) -> tuple[str, str]:
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
    if decimals < 3 and _grouped_in_thousands(compact, sep):
        # "1.234" is one thousand in Spain and one-point-something elsewhere: a
        # wrong guess would post a sale a thousand times too large, so ask.
        raise ValidationError(
            t("{field}: '{raw}' is ambiguous; for thousands write {head}{fraction} or "
              "{head}{sep}{fraction}{other_sep}00, otherwise at most {decimals} decimals",
              field=field_name(field), raw=raw, head=head, fraction=fraction, sep=sep,
              other_sep=',' if sep == '.' else '.', decimals=decimals),
            field,
        )
    return head, fraction


def _grouped_in_thousands(text: str, sep: str) -> bool:
    return re.fullmatch(rf"[1-9][0-9]{{0,2}}({re.escape(sep)}[0-9]{{3}})+", text) is not None


def plain_amount(minor: int, decimals: int = 2) -> str:
    """`1234` -> `12.34`: a locale-free text for the CLI and JSON, never for the screen."""
    sign = "-" if minor < 0 else ""
    minor = abs(minor)
    if decimals == 0:
        return f"{sign}{minor}"
    units, rest = divmod(minor, 10**decimals)
    return f"{sign}{units}.{rest:0{decimals}d}"
