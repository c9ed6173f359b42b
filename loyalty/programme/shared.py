"""One programme for a whole chain (docs/sync.md, "The programme"): the shop-wide settings, the
tier ladder, the staff accounts, the rewards and the campaigns changed at any counter reach every
counter, the latest change of each winning by the chain's clock (hlc.py) — so a cashier added at
one till signs in at every till with the same PIN, and a reward added at one till is offered at
every till (its stock the chain's: reward_stock.py). What belongs to one till — its printers,
scanner, language on screen, lock, backup folder, identity, an account's wrong tries and lock —
stays there.

`change_settings` and `change_tier` (settings.py) record what they change; the first counter to
join a hub with no programme yet publishes its whole programme (`publish_programme`), so the
tills that join after it take that one up (what they had changed on their own is left out of
what the chain compares when they join)."""

import json
import uuid
from dataclasses import asdict

from ..common.clock import to_iso
from ..storage.local_calendar import ensure_local_calendar
from .context import Context
from .hlc import hlc_text, next_hlc
from .ladder import Tier
from .reward_stock import recount_stock
from .rules import load_tiers

SHARED_SETTINGS = (
    "shop_name", "currency", "currency_decimals", "max_amount", "timezone", "earn_rate", "points_per_currency_unit",
    "expiry_months", "tier_window_days", "tier_grace_days", "welcome_bonus", "survey_bonus", "complaint_points_limit",
    "manager_points_limit", "offline_after_minutes", "offline_redeem_points", "birthday_bonus", "referral_bonus",
    "card_prefix",
)


def record_settings(ctx: Context, before: dict, after: dict) -> None:
    """The shop-wide settings `after` changes from `before` (inside the change's transaction)."""
    _record(ctx, [("setting", name, after[name]) for name in SHARED_SETTINGS if before.get(name) != after[name]])


def record_tier(ctx: Context, tier: Tier) -> None:
    _record(ctx, [("tier", tier.code, asdict(tier))])


def record_staff(ctx: Context, name: str) -> None:
    """A staff account as it now is (inside the change's transaction): name, role, PIN's hash, active."""
    _record(ctx, [("staff", name.casefold(), _account(ctx, name))])


def record_reward(ctx: Context, reward_id: int) -> None:
    """A reward as it now is (inside the change's transaction), named by its UUID."""
    _record(ctx, [("reward", *_row(ctx, "rewards", _REWARD, reward_id))])


def record_campaign(ctx: Context, campaign_id: int) -> None:
    _record(ctx, [("campaign", *_row(ctx, "campaigns", _CAMPAIGN, campaign_id))])


# What travels of a reward and of a campaign (their local ids and a reward's count left do not).
_REWARD = ("name", "points_cost", "stock_set", "stock_set_at", "active", "created_at")
_CAMPAIGN = ("name", "multiplier", "starts_on", "ends_on", "weekdays", "active", "created_at")


def _row(ctx: Context, table: str, columns: tuple, row_id: int) -> tuple[str, dict]:
    row = ctx.db.execute(f"SELECT uuid, {', '.join(columns)} FROM {table} WHERE id = ?", [row_id]).fetchone()
    return row[0], dict(zip(columns, row[1:]))


def _account(ctx: Context, name: str) -> dict:
    row = ctx.db.execute("SELECT name, role, secret_hash, active, created_at FROM staff WHERE name = ?",
                         [name]).fetchone()
    return dict(zip(("name", "role", "secret_hash", "active", "created_at"), row))


def publish_programme(ctx: Context) -> None:
    """The whole shared programme as changes: the first counter of a chain makes it the chain's.
    Stamped at the clock's zero, so that any change made since wins over it; two counters that
    joined an empty hub at the same time and both published end with the same one everywhere
    (the stamps' device decides)."""
    programme = asdict(ctx.programme())
    accounts = [name for (name,) in ctx.db.execute("SELECT name FROM staff ORDER BY id")]
    rewards = [row_id for (row_id,) in ctx.db.execute("SELECT id FROM rewards ORDER BY id")]
    campaigns = [row_id for (row_id,) in ctx.db.execute("SELECT id FROM campaigns ORDER BY id")]
    _record(ctx, [("setting", name, programme[name]) for name in SHARED_SETTINGS]
            + [("tier", tier.code, asdict(tier)) for tier in load_tiers(ctx.db)]
            + [("staff", name.casefold(), _account(ctx, name)) for name in accounts]
            + [("reward", *_row(ctx, "rewards", _REWARD, row_id)) for row_id in rewards]
            + [("campaign", *_row(ctx, "campaigns", _CAMPAIGN, row_id)) for row_id in campaigns],
            stamp=hlc_text(0, 0, ctx.device_id))


def record_change(ctx: Context, kind: str, key: str, value) -> None:
    """A change of a part of the programme that another package keeps (the survey's questions),
    inside the change's transaction; the package applies it when it comes (chain/pull.py)."""
    _record(ctx, [(kind, key, value)])


def _record(ctx: Context, changes: list[tuple[str, str, object]], stamp: str | None = None) -> None:
    if not changes:
        return
    stamp, now = stamp or next_hlc(ctx), to_iso(ctx.clock.now())
    ctx.db.conn.executemany(
        "INSERT INTO programme_changes (uuid, kind, key, value, hlc, device_id, staff_id, changed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(str(uuid.uuid4()), kind, key, json.dumps(value), stamp, ctx.device_id, ctx.staff_id, now)
         for kind, key, value in changes])


def take_in_programme_change(ctx: Context, change: dict, apply=None) -> bool:
    """A change made at another counter: kept, and applied when it is the latest of its setting,
    tier or account. False when it was here already. `apply(ctx, kind, key, value)`: how a change
    of a part another package keeps is applied (by default, this module's own parts)."""
    latest = ctx.db.execute("SELECT MAX(hlc) FROM programme_changes WHERE kind = ? AND key = ?",
                            [change["kind"], change["key"]]).fetchone()[0]
    inserted = ctx.db.execute(
        "INSERT INTO programme_changes (uuid, kind, key, value, hlc, device_id, staff_id, changed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(uuid) DO NOTHING",
        [change["uuid"], change["kind"], change["key"], json.dumps(change["value"]), change["hlc"],
         change["device_id"], change["staff_id"], change["changed_at"]]).rowcount
    if inserted and (latest is None or change["hlc"] > latest):
        (apply or _apply)(ctx, change["kind"], change["key"], change["value"])
    return bool(inserted)


def _apply(ctx: Context, kind: str, key: str, value) -> None:
    """As the counter that made it stored it (it validated it there)."""
    if kind == "setting" and key in SHARED_SETTINGS:
        ctx.db.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", [key, json.dumps(value)])
        if key == "timezone":
            ensure_local_calendar(ctx.db, value)
    elif kind == "tier":
        ctx.db.execute(
            "INSERT INTO tiers(code, name, rank, min_spend_cents, multiplier, colour) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(code) DO UPDATE SET name = excluded.name, rank = excluded.rank, "
            "min_spend_cents = excluded.min_spend_cents, multiplier = excluded.multiplier, colour = excluded.colour",
            [key, value["name"], value["rank"], value["min_spend_cents"], value["multiplier"], value["colour"]])
    elif kind in ("reward", "campaign"):
        _apply_row(ctx, "rewards" if kind == "reward" else "campaigns", _REWARD if kind == "reward" else _CAMPAIGN,
                   key, value)
    elif kind == "staff":
        ctx.db.execute(
            "INSERT INTO staff(name, role, secret_hash, active, created_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET role = excluded.role, secret_hash = excluded.secret_hash, "
            "active = excluded.active",
            [value["name"], value["role"], value["secret_hash"], value["active"], value["created_at"]])


def _apply_row(ctx: Context, table: str, columns: tuple, row_uuid: str, value: dict) -> None:
    names = ", ".join(columns)
    ctx.db.execute(f"INSERT INTO {table} (uuid, {names}) VALUES (?, {', '.join('?' * len(columns))}) "
                   f"ON CONFLICT(uuid) DO UPDATE SET {', '.join(f'{name} = excluded.{name}' for name in columns)}",
                   [row_uuid, *(value[name] for name in columns)])
    if table == "rewards":      # what is left of the count set: a reward's stock
        (reward_id,) = ctx.db.execute("SELECT id FROM rewards WHERE uuid = ?", [row_uuid]).fetchone()
        recount_stock(ctx, [reward_id])
