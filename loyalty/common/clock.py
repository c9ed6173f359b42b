"""The domain never reads the system time itself: it asks an injected clock."""

from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Protocol
from zoneinfo import ZoneInfo


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware, in UTC."""


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


@dataclass
class FixedClock:
    """A clock that says what it is told: for tests and for `--now` replays."""

    current: datetime

    def __post_init__(self):
        self.current = as_utc(self.current)

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta) -> None:
        from datetime import timedelta

        self.current = self.current + timedelta(**delta)


def as_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("naive datetime: the ledger only stores times with an offset")
    return moment.astimezone(timezone.utc)


def to_iso(moment: datetime) -> str:
    """How times are stored: UTC, ISO-8601 with offset, microseconds kept for ordering."""
    return as_utc(moment).isoformat(timespec="microseconds")


def from_iso(text: str) -> datetime:
    return datetime.fromisoformat(text)


def shop_time(moment: datetime, tz_name: str) -> datetime:
    """A moment on the shop's clock, whatever the computer's own zone: every time a person reads
    (slips, screens, exports) is the shop's."""
    return as_utc(moment).astimezone(ZoneInfo(tz_name))


def local_date(moment: datetime, tz_name: str) -> date:
    """The shop's calendar day of a moment: it decides the month a sale belongs to."""
    return shop_time(moment, tz_name).date()


def local_midnight_utc(day: date, tz_name: str) -> datetime:
    """The UTC moment at which a local calendar day starts in the shop."""
    return datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(tz_name)).astimezone(timezone.utc)
