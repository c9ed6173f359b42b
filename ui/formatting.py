"""Display formatting (the only place the UI turns numbers into text), by QLocale:
`1.234,50 €` for a Spanish PC, `€1,234.50`-style grouping for an English one.
Integer arithmetic only: money never passes through a float, even for display."""

from fractions import Fraction

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt

CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£", "MXN": "$", "ARS": "$", "COP": "$", "CLP": "$"}


def money_text(minor_units: int, decimals: int = 2, currency: str = "EUR") -> str:
    locale = QLocale()
    units, minor = divmod(abs(minor_units), 10**decimals)
    number = locale.toString(units)
    if decimals:
        number += locale.decimalPoint() + f"{minor:0{decimals}d}"
    sign = "-" if minor_units < 0 else ""
    return f"{sign}{number} {CURRENCY_SYMBOLS.get(currency, currency)}"


def points_text(points: int) -> str:
    return QLocale().toString(points)


def signed_points_text(points: int) -> str:
    return ("+" if points > 0 else "−" if points < 0 else "") + points_text(abs(points))


def date_text(iso_date: str) -> str:
    day = QDate.fromString(iso_date[:10], Qt.DateFormat.ISODate)
    return QLocale().toString(day, QLocale.FormatType.ShortFormat) if day.isValid() else iso_date


def moment_text(iso_moment: str) -> str:
    """A stored UTC moment in the PC's local time, short form."""
    moment = QDateTime.fromString(iso_moment[:19] + "Z", Qt.DateFormat.ISODate)
    if not moment.isValid():
        return iso_moment
    return QLocale().toString(moment.toLocalTime(), QLocale.FormatType.ShortFormat)


def choose_locale() -> QLocale:
    """The PC's locale; Spanish (Spain) when the system has none set (the bare "C" locale
    of a service or a minimal Linux), since the first shops are Spanish."""
    system = QLocale.system()
    chosen = QLocale(QLocale.Language.Spanish, QLocale.Country.Spain) if system.language() in (
        QLocale.Language.C, QLocale.Language.AnyLanguage) else system
    QLocale.setDefault(chosen)
    return chosen


def fraction_text(value: Fraction, places: int = 1) -> str:
    """An exact ratio (an average, a rate) rounded half away from zero, by integers only."""
    scale = 10**places
    scaled = (abs(value) * scale * 2 + 1) // 2
    units, decimals = divmod(int(scaled), scale)
    text = QLocale().toString(units) + (QLocale().decimalPoint() + f"{decimals:0{places}d}" if places else "")
    return ("-" if value < 0 and scaled else "") + text


def percent_text(value: Fraction, places: int = 1) -> str:
    return fraction_text(value, places) + "\u00a0%"


def month_text(month: str) -> str:
    """'2026-03' as the PC's language says it: 'marzo 2026', 'March 2026'."""
    day = QDate.fromString(month + "-01", Qt.DateFormat.ISODate)
    return QLocale().toString(day, "MMMM yyyy") if day.isValid() else month
