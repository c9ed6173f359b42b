"""Fraud flags for the owner: patterns worth a look, each listing the entries behind it.
A flag is a question, not a verdict; the thresholds below are the report's definitions
(docs/metrics.md, "Fraud flags")."""

from dataclasses import dataclass, field

from ..common.messages import t, tn
from ..common.period import Period
from ..programme.context import Context
from ..programme.permissions import require

BURST_SALES, BURST_MINUTES = 4, 60          # this many sales on one card within this many minutes
ADJUSTMENT_FACTOR, ADJUSTMENT_MINIMUM = 3, 500   # a staff member's manual credits: 3x the others' median, >= 500
LARGE_EARN_FACTOR, REDEEM_WITHIN_HOURS = 5, 24   # an earn 5x the period's average earn, redeemed within 24 h
TOP_UP_SHARE, TOP_UP_REPEATS = 5, 2              # upgrades by a sale under 5 % of the threshold, twice by one person

_ENTRY = ("SELECT e.id, e.uuid, e.created_at, e.kind, e.points, e.amount_cents, e.staff_id, m.card, m.name "
          "FROM entries e JOIN members m ON m.id = e.member_id")


@dataclass
class Flag:
    code: str
    about: str                      # who or what: a staff member, a card
    detail: str
    entries: list[dict] = field(default_factory=list)


def fraud_flags(ctx: Context, period: Period) -> list[Flag]:
    require(ctx, "reports")
    start, end = period.bounds(ctx.programme().timezone)
    return (_own_card(ctx, start, end) + _bursts(ctx, start, end) + _adjusters(ctx, start, end)
            + _quick_redemptions(ctx, start, end) + _top_ups(ctx, start, end) + _spent_twice(ctx, start, end))


def _entries(ctx: Context, where: str, params: list) -> list[dict]:
    columns = ("id", "uuid", "created_at", "kind", "points", "amount_cents", "staff_id", "card", "name")
    return [dict(zip(columns, row)) for row in ctx.db.execute(f"{_ENTRY} WHERE {where} ORDER BY e.id", params)]


def _own_card(ctx: Context, start: str, end: str) -> list[Flag]:
    """Points a staff member credited to their own loyalty card."""
    flags = []
    for name, member_id in ctx.db.execute("SELECT name, member_id FROM staff WHERE member_id IS NOT NULL"):
        rows = _entries(ctx, "e.member_id = ? AND e.staff_id = ? AND e.points > 0 AND e.created_at >= ? "
                             "AND e.created_at < ?", [member_id, name, start, end])
        if rows:
            flags.append(Flag("own_card", name, tn(len(rows), "{count} entry crediting their own card",
                                                    "{count} entries crediting their own card"), rows))
    return flags


def _bursts(ctx: Context, start: str, end: str) -> list[Flag]:
    """Many sales on one card in a short time."""
    flags = []
    for member_id, card, count in ctx.db.execute(
            "SELECT s.member_id, m.card, MAX(s.recent) FROM (SELECT member_id, COUNT(*) OVER (PARTITION BY member_id "
            "ORDER BY julianday(created_at) * 86400 RANGE BETWEEN ? PRECEDING AND CURRENT ROW) AS recent FROM entries "
            "WHERE kind = 'earn' AND created_at >= ? AND created_at < ?) s JOIN members m ON m.id = s.member_id "
            "GROUP BY s.member_id HAVING MAX(s.recent) >= ?", [BURST_MINUTES * 60, start, end, BURST_SALES]):
        rows = _entries(ctx, "e.member_id = ? AND e.kind = 'earn' AND e.created_at >= ? AND e.created_at < ?",
                        [member_id, start, end])
        flags.append(Flag("sales_burst", card, tn(count, "{count} sale within {minutes} minutes",
                                                  "{count} sales within {minutes} minutes", minutes=BURST_MINUTES), rows))
    return flags


def _adjusters(ctx: Context, start: str, end: str) -> list[Flag]:
    """Manual credits (adjustments and compensation) per staff member far above the others'."""
    totals = dict(ctx.db.execute(
        "SELECT staff_id, SUM(points) FROM entries WHERE points > 0 AND (kind = 'adjust' OR (kind = 'bonus' AND "
        "bonus_kind = 'compensation')) AND created_at >= ? AND created_at < ? GROUP BY staff_id", [start, end]))
    flags = []
    for name, total in totals.items():
        others = sorted(value for other, value in totals.items() if other != name)
        median = others[len(others) // 2] if others else 0
        if total >= ADJUSTMENT_MINIMUM and total > ADJUSTMENT_FACTOR * median:
            rows = _entries(ctx, "e.staff_id = ? AND e.points > 0 AND (e.kind = 'adjust' OR (e.kind = 'bonus' AND "
                                 "e.bonus_kind = 'compensation')) AND e.created_at >= ? AND e.created_at < ?",
                            [name, start, end])
            flags.append(Flag("manual_credits", name, tn(total, "{count} point credited by hand; the others' median is "
                                                               "{median}", "{count} points credited by hand; the others' "
                                                               "median is {median}", median=median), rows))
    return flags


def _quick_redemptions(ctx: Context, start: str, end: str) -> list[Flag]:
    """A large earn redeemed soon after: points made to be spent at once."""
    flags = []
    for earn_id, redeem_id, card in ctx.db.execute(
            "SELECT e.id, r.id, m.card FROM entries e JOIN entries r ON r.member_id = e.member_id AND r.kind = 'redeem' "
            "AND r.created_at > e.created_at AND (julianday(r.created_at) - julianday(e.created_at)) * 24 <= ? "
            "JOIN members m ON m.id = e.member_id WHERE e.kind = 'earn' AND e.created_at >= ? AND e.created_at < ? "
            "AND e.points >= ? * (SELECT AVG(points) FROM entries WHERE kind = 'earn' AND points > 0 "
            "AND created_at >= ? AND created_at < ?)",
            [REDEEM_WITHIN_HOURS, start, end, LARGE_EARN_FACTOR, start, end]):
        flags.append(Flag("quick_redemption", card, t("a large earn redeemed within {hours} hours",
                                                      hours=REDEEM_WITHIN_HOURS),
                          _entries(ctx, "e.id IN (?, ?)", [earn_id, redeem_id])))
    return flags


def _top_ups(ctx: Context, start: str, end: str) -> list[Flag]:
    """Upgrades carried over a tier threshold by a small sale, more than once by the same
    staff member: members kept just below a threshold and then nudged over it."""
    flags = []
    for name, count in ctx.db.execute(
            "SELECT e.staff_id, COUNT(*) FROM tier_changes c JOIN entries e ON e.id = c.entry_id "
            "JOIN tiers t ON t.code = c.to_code WHERE c.changed_at >= ? AND c.changed_at < ? "
            "AND e.amount_cents * 100 < t.min_spend_cents * ? GROUP BY e.staff_id HAVING COUNT(*) >= ?",
            [start, end, TOP_UP_SHARE, TOP_UP_REPEATS]):
        rows = _entries(ctx, "e.id IN (SELECT c.entry_id FROM tier_changes c JOIN tiers t ON t.code = c.to_code "
                             "WHERE c.changed_at >= ? AND c.changed_at < ? AND e.staff_id = ? "
                             "AND e.amount_cents * 100 < t.min_spend_cents * ?)", [start, end, name, TOP_UP_SHARE])
        flags.append(Flag("tier_top_ups", name, tn(count, "{count} upgrade carried over a threshold by a small sale",
                                                   "{count} upgrades carried over a threshold by a small sale"), rows))
    return flags


def _spent_twice(ctx: Context, start: str, end: str) -> list[Flag]:
    """The same points redeemed at two tills while they could not see each other (docs/sync.md):
    a member with redemptions at two or more devices in the period whose balance, in the chain's
    order (time, device, number), went below zero at one of them. It lists the redemptions."""
    flags = []
    for (member_id,) in ctx.db.execute(
            "SELECT member_id FROM entries WHERE kind = 'redeem' AND created_at >= ? AND created_at < ? "
            "GROUP BY member_id HAVING COUNT(DISTINCT device_id) >= 2", [start, end]).fetchall():
        running, overdrawn = 0, False
        for kind, points, created_at in ctx.db.execute(
                "SELECT kind, points, created_at FROM entries WHERE member_id = ? "
                "ORDER BY created_at, device_id, device_seq", [member_id]):
            running += points
            overdrawn = overdrawn or (kind == "redeem" and running < 0 and start <= created_at < end)
        if overdrawn:
            rows = _entries(ctx, "e.member_id = ? AND e.kind = 'redeem' AND e.created_at >= ? AND e.created_at < ?",
                            [member_id, start, end])
            flags.append(Flag("spent_twice", rows[0]["card"], tn(
                len(rows), "{count} redemption at tills out of touch took the balance below zero",
                "{count} redemptions at tills out of touch took the balance below zero"), rows))
    return flags
