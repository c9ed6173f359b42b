"""Report periods: calendar days in the shop's time zone, turned into the UTC bounds the
ledger is stored in. A sale at 23:30 on 31 March in Madrid belongs to March."""

from dataclasses import dataclass
from datetime import date, timedelta

from .clock import local_midnight_utc, to_iso
from .errors import ValidationError
from .messages import field_name, t


@dataclass(frozen=True)
class Period:
    first_day: date
    last_day: date          # inclusive

    @property
    def days(self) -> list[date]:
        return [self.first_day + timedelta(days=n) for n in range((self.last_day - self.first_day).days + 1)]

    def bounds(self, tz_name: str) -> tuple[str, str]:
        """[start, end) in UTC ISO text, comparable with entries.created_at."""
        return (to_iso(local_midnight_utc(self.first_day, tz_name)),
                to_iso(local_midnight_utc(self.last_day + timedelta(days=1), tz_name)))

    @property
    def is_month(self) -> bool:
        """One whole calendar month."""
        return (self.first_day.day == 1 and (self.last_day + timedelta(days=1)).day == 1
                and self.first_day.month == self.last_day.month and self.first_day.year == self.last_day.year)

    @property
    def month(self) -> str:
        return self.first_day.strftime("%Y-%m")

    def previous(self) -> "Period":
        """The month before a calendar month; otherwise the same number of days just before."""
        if self.is_month:
            last = self.first_day - timedelta(days=1)
            return Period(last.replace(day=1), last)
        length = self.last_day - self.first_day
        return Period(self.first_day - length - timedelta(days=1), self.first_day - timedelta(days=1))

    def label(self) -> str:
        if self.is_month:
            return self.month
        return f"{self.first_day.isoformat()}..{self.last_day.isoformat()}"


def month_period(text: str) -> Period:
    try:
        first = date.fromisoformat(f"{text.strip()}-01")
    except ValueError:
        raise ValidationError(t("month: '{text}' is not a month such as 2026-03", text=text), "month") from None
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return Period(first, following - timedelta(days=1))


def range_period(first: str, last: str) -> Period:
    days = []
    for name, text in (("from", first), ("to", last)):
        try:
            days.append(date.fromisoformat(text.strip()))
        except ValueError:
            raise ValidationError(t("{name}: '{text}' is not a date such as 2026-03-01",
                                    name=field_name(name), text=text), name) from None
    if days[1] < days[0]:
        raise ValidationError(t("to: {to_day} is before from: {from_day}", to_day=days[1], from_day=days[0]), "to")
    if (days[1] - days[0]).days > 3660:
        raise ValidationError(t("to: a report covers at most ten years"), "to")
    return Period(days[0], days[1])
