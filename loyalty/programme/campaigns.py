"""Campaigns: a points multiplier over a date range, optionally on chosen weekdays."""

import uuid
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from ..common.clock import to_iso
from ..common.errors import NotFoundError, ValidationError
from ..common.messages import field_name, t
from ..storage import write_transaction
from .audit import record
from .context import Context
from .permissions import require
from .rules import parse_multiplier
from .shared import record_campaign

_COLUMNS = "id, name, multiplier, starts_on, ends_on, weekdays, active, created_at"

WEEKDAY_NAMES = {
    "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7,
    "lun": 1, "mar": 2, "mie": 3, "mié": 3, "jue": 4, "vie": 5, "sab": 6, "sáb": 6, "dom": 7,
}


@dataclass(frozen=True)
class Campaign:
    id: int
    name: str
    multiplier: str
    starts_on: str
    ends_on: str
    weekdays: str
    active: bool
    created_at: str

    def applies_on(self, day: date) -> bool:
        in_range = self.starts_on <= day.isoformat() <= self.ends_on
        on_weekday = not self.weekdays or str(day.isoweekday()) in self.weekdays.split(",")
        return self.active and in_range and on_weekday


def parse_weekdays(text: str | None) -> str:
    """'tue,thu', 'mar,jue' or '2,4' -> '2,4'; empty -> every day."""
    if not text or not text.strip():
        return ""
    days = set()
    for part in text.replace(" ", "").lower().split(","):
        if part.isdigit() and 1 <= int(part) <= 7:
            days.add(int(part))
        elif part[:3] in WEEKDAY_NAMES:
            days.add(WEEKDAY_NAMES[part[:3]])
        else:
            raise ValidationError(t("weekdays: '{part}' is not a weekday (use mon..sun, lun..dom or 1..7)",
                                    part=part), "weekdays")
    return ",".join(str(day) for day in sorted(days))


def parse_day(text: str, field: str) -> str:
    try:
        return date.fromisoformat(str(text).strip()).isoformat()
    except ValueError:
        raise ValidationError(t("{field}: '{text}' is not a date such as 2026-03-01",
                                field=field_name(field), text=text), field) from None


def _validated_campaign(name: str, multiplier: str, starts_on: str, ends_on: str, weekdays: str | None) -> list:
    clean_name = " ".join((name or "").split())
    if not clean_name or len(clean_name) > 80:
        raise ValidationError(t("name: 1 to 80 characters"), "name")
    start, end = parse_day(starts_on, "starts_on"), parse_day(ends_on, "ends_on")
    if start > end:
        raise ValidationError(t("ends_on: {end} is before the start {start}", end=end, start=start), "ends_on")
    return [clean_name, parse_multiplier(multiplier, "multiplier", maximum=20), start, end, parse_weekdays(weekdays)]


def add_campaign(ctx: Context, name: str, multiplier: str, starts_on: str, ends_on: str, weekdays: str | None = None) -> Campaign:
    values = _validated_campaign(name, multiplier, starts_on, ends_on, weekdays)
    with write_transaction(ctx.db):
        require(ctx, "campaigns")
        cursor = ctx.db.execute(
            "INSERT INTO campaigns(name, multiplier, starts_on, ends_on, weekdays, created_at, uuid) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)", [*values, to_iso(ctx.clock.now()), str(uuid.uuid4())],
        )
        record(ctx, "campaign.add", f"campaign {cursor.lastrowid}", values=values)
        record_campaign(ctx, cursor.lastrowid)
        return campaign_by_id(ctx, cursor.lastrowid)


def update_campaign(ctx: Context, campaign_id: int, name: str, multiplier: str, starts_on: str, ends_on: str,
                    weekdays: str | None = None) -> Campaign:
    """Sales already posted keep the multiplier they earned at (it is on their entries)."""
    values = _validated_campaign(name, multiplier, starts_on, ends_on, weekdays)
    with write_transaction(ctx.db):
        require(ctx, "campaigns")
        before = campaign_by_id(ctx, campaign_id)
        record(ctx, "campaign.edit", f"campaign {campaign_id}", before=[before.name, before.multiplier,
               before.starts_on, before.ends_on, before.weekdays], after=values)
        ctx.db.execute("UPDATE campaigns SET name = ?, multiplier = ?, starts_on = ?, ends_on = ?, weekdays = ? "
                       "WHERE id = ?", [*values, campaign_id])
        record_campaign(ctx, campaign_id)
        return campaign_by_id(ctx, campaign_id)


def campaign_by_id(ctx: Context, campaign_id: int) -> Campaign:
    row = next(ctx.db.query(f"SELECT {_COLUMNS} FROM campaigns WHERE id = ?", [campaign_id]), None)
    if row is None:
        raise NotFoundError(t("campaign: no campaign {campaign_id}", campaign_id=campaign_id), "campaign")
    return Campaign(**{**row, "active": bool(row["active"])})


def list_campaigns(ctx: Context) -> list[Campaign]:
    return [Campaign(**{**row, "active": bool(row["active"])})
            for row in ctx.db.query(f"SELECT {_COLUMNS} FROM campaigns ORDER BY starts_on DESC, id DESC")]


def set_campaign_active(ctx: Context, campaign_id: int, active: bool) -> Campaign:
    with write_transaction(ctx.db):
        require(ctx, "campaigns")
        campaign_by_id(ctx, campaign_id)
        record(ctx, "campaign.activate" if active else "campaign.deactivate", f"campaign {campaign_id}")
        ctx.db.execute("UPDATE campaigns SET active = ? WHERE id = ?", [int(active), campaign_id])
        record_campaign(ctx, campaign_id)
        return campaign_by_id(ctx, campaign_id)


def campaign_for_day(ctx: Context, day: date) -> Campaign | None:
    """Campaigns do not stack: on a day several apply, the highest multiplier wins."""
    rows = ctx.db.query(
        f"SELECT {_COLUMNS} FROM campaigns WHERE active = 1 AND starts_on <= ? AND ends_on >= ?", [day.isoformat()] * 2
    )
    applicable = [c for c in (Campaign(**{**row, "active": True}) for row in rows) if c.applies_on(day)]
    return max(applicable, key=lambda c: (Fraction(c.multiplier), -c.id), default=None)
