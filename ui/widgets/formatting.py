"""Display formatting (the only place the UI turns numbers, dates and times into text), by QLocale:
`1.234,50 €` in Spanish (Spain), `€1,234.50` in English, `$1,234.50` for pesos on a Mexican PC.
The default QLocale follows the shop's language (ui.widgets.translations.install_translator); every
moment shown is on the shop's clock (the Programme's time zone), whatever the computer's zone.
Integer arithmetic only: money never passes through a float, even for display."""

from datetime import datetime
from datetime import timezone as dt_timezone
from fractions import Fraction

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime, QTimeZone, Qt

from loyalty.common.clock import local_date, shop_time
from loyalty.programme.currencies import CURRENCIES
from loyalty.programme.money import parse_shop_amount
from loyalty.programme.rules import Programme

# The shop's currency (an ISO code in its settings) as the counter shows it; others show the code.
# The setup offers these (loyalty/programme/currencies.py: one table with their decimals and sizes).
CURRENCY_SYMBOLS = {code: entry.symbol for code, entry in CURRENCIES.items()}

# Where the PC's own locale speaks another language than the one chosen for the shop.
LANGUAGE_LOCALES = {
    "es": (QLocale.Language.Spanish, QLocale.Country.Spain),
    # British conventions (day before month, 24-hour clock) read right to the first
    # shops, in Spain and Latin America; an English-speaking PC keeps its own.
    "en": (QLocale.Language.English, QLocale.Country.UnitedKingdom),
}


def locale_for(language: str | None, system: QLocale | None = None) -> QLocale:
    """The locale for the shop's language: the PC's own when it speaks that language (so a
    Mexican PC keeps Mexican number formats), else Spain's Spanish or British English.
    No language: the PC's locale, or Spanish (Spain) when it has none set (the bare "C")."""
    system = system if system is not None else QLocale.system()
    if language is None:
        if system.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage):
            return QLocale(*LANGUAGE_LOCALES["es"])
        return system
    wanted, country = LANGUAGE_LOCALES.get(language, LANGUAGE_LOCALES["es"])
    return system if system.language() == wanted else QLocale(wanted, country)


def currency_symbol(currency: str) -> str:
    return CURRENCY_SYMBOLS.get(currency.upper(), currency)


def _grouped(value: int, locale: QLocale) -> str:
    """A whole number with the locale's digits and separator, grouped by thousands from
    1.000 on, as tills and our printed slips do (CLDR leaves 4-digit Spanish numbers ungrouped)."""
    digits = locale.toString(abs(value)).replace(locale.groupSeparator(), "")
    if not locale.numberOptions() & QLocale.NumberOption.OmitGroupSeparator:
        head = len(digits) % 3 or 3
        digits = locale.groupSeparator().join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])
    return (locale.negativeSign() if value < 0 else "") + digits


def money_text(minor_units: int, decimals: int = 2, currency: str = "EUR", locale: QLocale | None = None) -> str:
    """An amount in minor units in the shop's currency, with as many decimals as it has:
    the locale decides separators and where the symbol goes (`1.234,50 €`, `€1,234.50`)."""
    locale = locale if locale is not None else QLocale()
    units, minor = divmod(abs(minor_units), 10**decimals)
    number = _grouped(units, locale)
    if decimals:
        number += locale.decimalPoint() + f"{minor:0{decimals}d}"
    # The locale's own pattern for a whole amount, with our exact digits put in its place.
    symbol = currency_symbol(currency)
    if not symbol:   # no currency: the bare amount (Qt would put in the locale's own currency)
        return (locale.negativeSign() + number) if minor_units < 0 else number
    pattern = locale.toCurrencyString(8, symbol, 0)
    text = pattern.replace(locale.toString(8), number, 1) if locale.toString(8) in pattern else f"{number} {symbol}"
    if symbol[-1:].isalpha() and text.startswith(symbol) and text[len(symbol):][:1].isdigit():
        text = symbol + "\u00a0" + text[len(symbol):]   # "CHF 12.50", never "CHF12.50"
    return (locale.negativeSign() + text) if minor_units < 0 else text


def amount_for_editing(minor_units: int, decimals: int) -> str:
    """An amount put in a field to be edited: the screens' format without the currency sign
    ("3.450.000", "12,50"), which amount_from_text reads back to the same minor units."""
    return money_text(minor_units, decimals, "")


def amount_from_text(programme: Programme, text: str, field: str = "amount", allow_zero: bool = False) -> int:
    """What was typed in an amount field, read as the screens write amounts: thousands grouped
    with this locale's separator ("45.900" pesos in Spain and Colombia, "45,900" in Mexico)."""
    return parse_shop_amount(programme, text, field, allow_zero, thousands=QLocale().groupSeparator())


def decimal_for_editing(decimal_text: str) -> str:
    """A stored rate or multiplier ("1.25") with the locale's decimal mark ("1,25"); the domain
    reads either mark back."""
    return decimal_text.replace(".", QLocale().decimalPoint())


def points_text(points: int) -> str:
    return _grouped(points, QLocale())


def count_text(count: int) -> str:
    """A count of things (entries, members) grouped as the language groups thousands."""
    return _grouped(count, QLocale())


def signed_points_text(points: int) -> str:
    return ("+" if points > 0 else "−" if points < 0 else "") + points_text(abs(points))


def date_text(iso_date: str) -> str:
    """A calendar day ('2026-03-10': a campaign's start, a due date) in the locale's short form.
    A stored moment is no day: moment_day_text gives its day on the shop's clock."""
    day = QDate.fromString(iso_date[:10], Qt.DateFormat.ISODate)
    return QLocale().toString(day, QLocale.FormatType.ShortFormat) if day.isValid() else iso_date


def birthday_field_text(iso_date: str | None) -> str:
    """A birthday to edit, as the form asks for it and the domain reads it back (23/04/1990)."""
    day = QDate.fromString((iso_date or "")[:10], Qt.DateFormat.ISODate)
    return day.toString("dd/MM/yyyy") if day.isValid() else (iso_date or "")


def _on_shop_clock(iso_moment: str, timezone: str) -> datetime | None:
    """A stored moment (ISO-8601; UTC when it carries no offset) as the shop's clock read it,
    by the printed slip's rule (loyalty.common.clock.shop_time); None when it is no moment."""
    try:
        moment = datetime.fromisoformat(iso_moment)
    except (TypeError, ValueError):
        return None
    return shop_time(moment if moment.tzinfo else moment.replace(tzinfo=dt_timezone.utc), timezone)


def moment_text(iso_moment: str, timezone: str) -> str:
    """A stored moment on the shop's clock (the Programme's `timezone`), never the computer's
    own zone, in the locale's short form: '5/12/26 20:16'."""
    local = _on_shop_clock(iso_moment, timezone)
    if local is None:
        return iso_moment
    shown = QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second),
                      QTimeZone(QTimeZone.Initialization.UTC))   # the shop's wall clock, shifted by no zone again
    return QLocale().toString(shown, QLocale.FormatType.ShortFormat)


def size_text(size_bytes: int) -> str:
    """A file's size as a person reads it: '3 MB', '820 kB'."""
    return f"{size_bytes // 1_000_000} MB" if size_bytes >= 1_000_000 else f"{size_bytes // 1000} kB"


def since_text(iso_moment: str, timezone: str, now: datetime) -> str:
    """A recent moment as briefly as it reads: the time alone on the shop's today ('14:05'),
    else the short date and time."""
    local = _on_shop_clock(iso_moment, timezone)
    if local is None or local.date() != local_date(now, timezone):
        return moment_text(iso_moment, timezone)
    return QLocale().toString(QTime(local.hour, local.minute), QLocale.FormatType.ShortFormat)


def moment_day_text(iso_moment: str, timezone: str) -> str:
    """The shop's calendar day of a stored moment (a member's joining day), short form."""
    local = _on_shop_clock(iso_moment, timezone)
    return date_text(local.date().isoformat()) if local is not None else iso_moment


def today_on_shop_clock(now: datetime, timezone: str) -> QDate:
    """The shop's today as a QDate, for the date pickers (the computer's may be another day)."""
    day = local_date(now, timezone)
    return QDate(day.year, day.month, day.day)


def today_text(now: datetime, timezone: str) -> str:
    """The shop's today in words, for the window's header: 'sábado, 5 de diciembre de 2026'."""
    return QLocale().toString(today_on_shop_clock(now, timezone), QLocale.FormatType.LongFormat)


def choose_locale(language: str | None = None) -> QLocale:
    """Make the locale of `language` (see locale_for) the default one and return it; without
    a language, the PC's locale, or Spanish (Spain) when the system has none set."""
    chosen = locale_for(language)
    QLocale.setDefault(chosen)
    return chosen


def fraction_text(value: Fraction, places: int = 1) -> str:
    """An exact ratio (an average, a rate) rounded half away from zero, by integers only."""
    scale = 10**places
    scaled = (abs(value) * scale * 2 + 1) // 2
    units, decimals = divmod(int(scaled), scale)
    text = _grouped(units, QLocale()) + (QLocale().decimalPoint() + f"{decimals:0{places}d}" if places else "")
    return ("-" if value < 0 and scaled else "") + text


def percent_text(value: Fraction, places: int = 1) -> str:
    """`12,5 %` in Spanish (a no-break space before the sign), `12.5%` in English."""
    space = "" if QLocale().language() == QLocale.Language.English else "\u00a0"
    return fraction_text(value, places) + space + QLocale().percent()


def weekday_text(iso_weekday: int) -> str:
    """A weekday (1 = Monday) by its short name in the locale: 'mar', 'Tue'."""
    return QLocale().dayName(iso_weekday, QLocale.FormatType.ShortFormat)


def month_text(month: str) -> str:
    """'2026-03' in the screens' language: 'marzo 2026', 'March 2026'."""
    day = QDate.fromString(month + "-01", Qt.DateFormat.ISODate)
    return QLocale().toString(day, "MMMM yyyy") if day.isValid() else month
