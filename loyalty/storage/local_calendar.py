"""The shop's calendar in the database: its offset from UTC and when each clock change
happens (`local_offsets`), which the report totals' triggers use to file an entry under its
local day and month (and the twelve-month windows that month counts in). Built for the time
zone in the settings; changing the zone rebuilds it and the totals."""

from datetime import datetime, timedelta
from datetime import timezone as utc_zone
from functools import lru_cache
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from ..common.clock import to_iso
from .bulk import catch_up
from .year_totals import forget_windows, list_windows

FIRST, LAST = datetime(1970, 1, 1, tzinfo=utc_zone.utc), datetime(2101, 1, 1, tzinfo=utc_zone.utc)
TOTALS = {"day_totals": "entries_day_totals", "member_months": "entries_member_months"}


def calendar_zone(db: Database) -> str | None:
    """The time zone the calendar was built for (None: not built yet)."""
    row = db.execute("SELECT timezone FROM local_calendar").fetchone()
    return row[0] if row else None


def ensure_local_calendar(db: Database, timezone: str) -> None:
    """Build the calendar (and the totals over it) unless it was built for this zone.
    The caller holds the write transaction."""
    if calendar_zone(db) != timezone:
        build_local_calendar(db, timezone)


def build_local_calendar(db: Database, timezone: str) -> None:
    """Instant on a new shop; minutes on one with twenty million entries (the totals)."""
    assert db.conn.in_transaction, "the calendar and the totals change together or not at all"
    db.execute("DELETE FROM local_offsets")
    db.conn.executemany("INSERT INTO local_offsets(starts_at, minutes) VALUES (?, ?)",
                        ((to_iso(moment), minutes) for moment, minutes in offsets(timezone)))
    db.execute("DELETE FROM local_calendar")
    db.execute("INSERT INTO local_calendar(timezone) VALUES (?)", [timezone])
    forget_windows(db)
    for table, trigger in TOTALS.items():
        db.execute(f"DELETE FROM {table}")
        catch_up(db, trigger, 0)
    list_windows(db)   # from the months just recounted: far quicker than from the entries


@lru_cache(maxsize=4)
def offsets(timezone: str) -> tuple[tuple[datetime, int], ...]:
    """(UTC moment, offset in minutes from then on), from 1970 to 2100: the zone's offset is
    sampled every day and each change is pinned to the second by bisection (0.2 s; kept)."""
    zone = ZoneInfo(timezone)
    minutes = lambda moment: int(moment.astimezone(zone).utcoffset().total_seconds() // 60)  # noqa: E731
    changes = [(FIRST, minutes(FIRST))]
    moment = FIRST
    while moment < LAST:
        following = moment + timedelta(days=1)
        if minutes(following) != changes[-1][1]:
            before, after = moment, following      # the change happens in (before, after]
            while after - before > timedelta(seconds=1):
                middle = before + (after - before) / 2
                before, after = (middle, after) if minutes(middle) == changes[-1][1] else (before, middle)
            changes.append((after.replace(microsecond=0), minutes(after)))
        moment = following
    return tuple(changes)
