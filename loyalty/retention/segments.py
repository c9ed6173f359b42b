"""Segments: saved filters over the members, their counts and lists, and the contact list a
campaign may use — which only ever holds members who agreed to marketing contact, whatever
the filter (docs/metrics.md, "Segments"). Erased and blocked members are in no segment."""

import csv
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from ..common.clock import local_date, local_midnight_utc, to_iso
from ..common.errors import ValidationError
from ..common.messages import field_name, t
from ..programme.context import Context
from ..programme.permissions import require
from ..programme.rules import load_tiers
from ..storage.bulk import in_batches, placeholders
from .rfm import SEGMENTS, rfm_scores


@dataclass(frozen=True)
class SegmentMember:
    id: int
    card: str
    name: str
    phone: str | None
    email: str | None
    marketing_consent: bool
    tier_code: str
    balance: int


FILTERS = {
    "rfm": "RFM segment (champions, loyal, new, potential, at_risk, hibernating, lost)",
    "lapsed": "no sale in the last N days (but bought before)",
    "birthday_this_month": "birthday in the current month",
    "expiring": "points expiring within N days",
    "near_next_tier": "within an amount (minor units) of the next tier",
    "new_this_month": "joined this month",
    "tier": "in a tier (its code)",
}


def segment_ids(ctx: Context, name: str, value: str | int | None = None) -> list[int]:
    """The active members of a segment, by member number."""
    require(ctx, "reports")
    if name not in FILTERS:
        raise ValidationError(t("segment: one of {choices} (got '{name}')",
                                choices=', '.join(FILTERS), name=name), "segment")
    tz = ctx.programme().timezone
    today = local_date(ctx.clock.now(), tz)
    if name == "rfm":
        if value not in SEGMENTS:
            raise ValidationError(t("value: an RFM segment: {choices} (got '{value}')",
                                    choices=', '.join(SEGMENTS), value=value), "value")
        ids = [score.member_id for score in rfm_scores(ctx).values() if score.segment == value]
    elif name == "lapsed":
        since = to_iso(local_midnight_utc(today - timedelta(days=_whole(value, "days") - 1), tz))
        ids = [row[0] for row in ctx.db.execute(
            "SELECT member_id FROM member_months GROUP BY member_id HAVING MAX(last_sale_at) < ?", [since])]
    elif name == "birthday_this_month":
        ids = [row[0] for row in ctx.db.execute("SELECT id FROM members WHERE substr(birthday, 6, 2) = ?",
                                                [f"{today.month:02d}"])]
    elif name == "expiring":
        horizon = (today + timedelta(days=_whole(value, "days"))).isoformat()
        ids = [row[0] for row in ctx.db.execute(
            "SELECT DISTINCT member_id FROM lots WHERE remaining > 0 AND expires_on <= ?", [horizon])]
    elif name == "near_next_tier":
        ids = _near_next_tier(ctx, _whole(value, "amount"))
    elif name == "new_this_month":
        ids = [row[0] for row in ctx.db.execute("SELECT id FROM members WHERE joined_at >= ?",
                                                [to_iso(local_midnight_utc(today.replace(day=1), tz))])]
    else:
        ids = [row[0] for row in ctx.db.execute("SELECT id FROM members WHERE tier_code = ?", [str(value)])]
    return _active(ctx, ids)


def segment_members(ctx: Context, ids: list[int]) -> list[SegmentMember]:
    members = []
    for batch in in_batches(ids):
        members += [SegmentMember(row[0], row[1], row[2], row[3], row[4], bool(row[5]), row[6], row[7])
                    for row in ctx.db.execute(
                        "SELECT id, card, name, phone, email, marketing_consent, tier_code, balance FROM members "
                        f"WHERE id IN ({placeholders(batch)}) ORDER BY id", batch)]
    return members


def write_contact_list(ctx: Context, ids: list[int], path: str | Path) -> int:
    """CSV of the members who may be contacted: marketing consent given, whatever the segment
    says. Returns how many were written."""
    require(ctx, "export")
    consenting = [member for member in segment_members(ctx, ids) if member.marketing_consent]
    with Path(path).open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(["card", "name", "phone", "email", "tier", "points"])
        for member in consenting:
            writer.writerow([member.card, member.name, member.phone or "", member.email or "", member.tier_code,
                             member.balance])
    return len(consenting)


def _near_next_tier(ctx: Context, amount: int) -> list[int]:
    """Members whose qualifying spend is under the next tier's threshold by at most `amount`."""
    programme = ctx.programme()
    tiers = load_tiers(ctx.db)
    next_threshold = {lower.code: higher.min_spend_cents for lower, higher in zip(tiers, tiers[1:])}
    start = to_iso(ctx.clock.now() - timedelta(days=programme.tier_window_days))
    spend = dict(ctx.db.execute("SELECT member_id, SUM(spend_cents) FROM entries WHERE created_at > ? "
                                "GROUP BY member_id", [start]))
    return [member_id for member_id, tier in ctx.db.execute("SELECT id, tier_code FROM members")
            if tier in next_threshold and 0 < next_threshold[tier] - spend.get(member_id, 0) <= amount]


def _active(ctx: Context, ids: list[int]) -> list[int]:
    kept = []
    for batch in in_batches(sorted(ids)):
        kept += [row[0] for row in ctx.db.execute(
            f"SELECT id FROM members WHERE id IN ({placeholders(batch)}) AND status = 'active'", batch)]
    return kept


def _whole(value, field: str) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError(t("{field}: a whole number is needed (got '{value}')",
                                field=field_name(field), value=value), field) from None
    if number < 0:
        raise ValidationError(t("{field}: 0 or more (got {number})", field=field_name(field), number=number), field)
    return number
