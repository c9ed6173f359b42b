"""Changing the programme's settings and tiers as a signed-in owner: the permission check and
the audit trail around programme.save_settings / update_tier (which only validate and store).

The currency: while the shop has no amounts on file, choosing another currency (or other
decimals) brings the values still at the old currency's defaults to the new one's — decimals,
the largest amount, earn rate, point value and a default tier ladder (loyalty/programme/currencies.py);
values the owner chose stay. Once sales are on file the currency and its decimals are fixed: the
stored amounts are counts of the old currency's minor units, and nothing may silently turn
12,50 € into 1.250 pesos."""

from dataclasses import asdict

from ..common.errors import ConflictError, ValidationError
from ..common.messages import field_name, t
from ..storage import write_transaction
from .audit import record
from .context import Context
from .currencies import SIZED_SETTINGS, follow_currency
from .ladder import Tier, default_names_in
from .permissions import require
from .rules import Programme, load_tiers, save_settings, update_tier, validated_setting
from .shared import record_settings, record_tier


def change_settings(ctx: Context, changes: dict) -> Programme:
    with write_transaction(ctx.db):
        require(ctx, "settings")
        programme = ctx.programme()
        before = asdict(programme)
        changes, thresholds = with_currency_defaults(ctx, programme, changes)
        after = save_settings(ctx.db, changes)
        record_settings(ctx, before, asdict(after))          # for the other counters of a chain
        for name, value in asdict(after).items():
            if before.get(name) != value:
                record(ctx, "settings.change", name, before=before.get(name), after=value)
        if thresholds:
            change_ladder(ctx, [{"code": code, "min_spend_cents": spend} for code, spend in thresholds.items()])
        if after.language != before["language"]:   # the default ladder's names follow the shop's language
            for code, name in default_names_in(load_tiers(ctx.db), after.language).items():
                change_tier(ctx, code, name=name)
    return after


def with_currency_defaults(ctx: Context, programme: Programme, changes: dict) -> tuple[dict, dict[str, int]]:
    """`changes` plus what follows a change of currency or decimals, and the new tier thresholds
    (code -> minor units) when the ladder follows too."""
    currency = _changed(programme, changes, "currency")
    decimals = _changed(programme, changes, "currency_decimals")
    if currency is None and decimals is None or not _valid(changes, ("currency", "currency_decimals")):
        return changes, {}   # nothing to follow, or a refusal that saving gives with its reason
    _require_no_amounts_on_file(ctx, programme, "currency" if currency is not None else "currency_decimals")
    # What `changes` names is the owner's (Settings sends every field as the screen shows it).
    untouched = {name: getattr(programme, name) for name in SIZED_SETTINGS if name not in changes}
    chosen_decimals = validated_setting("currency_decimals", changes["currency_decimals"]) \
        if "currency_decimals" in changes else None
    following = follow_currency(programme.currency, programme.currency_decimals,
                                currency if currency is not None else programme.currency, untouched,
                                {tier.code: tier.min_spend_cents for tier in load_tiers(ctx.db)}, chosen_decimals)
    return {**changes, **following.settings, "currency_decimals": following.decimals}, following.thresholds


def _changed(programme: Programme, changes: dict, name: str):
    """The new value of `name` when `changes` really changes it (Settings sends every field);
    None when it keeps the programme's value or is not there."""
    if name not in changes:
        return None
    try:
        value = validated_setting(name, changes[name])
    except ValidationError:
        return changes[name]
    return None if value == getattr(programme, name) else value


def _valid(changes: dict, names: tuple[str, ...]) -> bool:
    try:
        for name in names:
            if name in changes:
                validated_setting(name, changes[name])
    except ValidationError:
        return False
    return True


def _require_no_amounts_on_file(ctx: Context, programme: Programme, field: str) -> None:
    if ctx.db.execute("SELECT 1 FROM entries WHERE amount_cents IS NOT NULL LIMIT 1").fetchone():
        raise ConflictError(t(
            "{field}: this shop has sales on file in {currency} with {decimals} decimals; changing it would change "
            "what those amounts mean. A shop in another currency starts with a new database",
            field=field_name(field), currency=programme.currency, decimals=programme.currency_decimals), field)


def change_tier(ctx: Context, code: str, min_spend_cents: int | None = None, multiplier: str | None = None,
                name: str | None = None, colour: str | None = None) -> Tier:
    with write_transaction(ctx.db):
        require(ctx, "tiers")
        before = {tier.code: tier for tier in load_tiers(ctx.db)}.get(code)
        after = update_tier(ctx.db, code, min_spend_cents, multiplier, name, colour)
        if before != after:
            record(ctx, "tier.change", code, before=asdict(before) if before else None, after=asdict(after))
            record_tier(ctx, after)                           # for the other counters of a chain
    return after


def change_ladder(ctx: Context, changes: list[dict]) -> list[Tier]:
    """Several tiers at once (each: code, and any of min_spend_cents, multiplier, name, colour).
    Each step must leave the ladder rising, so thresholds moving up are set from the top tier
    down, then those moving down from the bottom up: any rising ladder can be reached so."""
    with write_transaction(ctx.db):
        current = {tier.code: tier for tier in load_tiers(ctx.db)}
        known = [change for change in changes if change["code"] in current]

        def threshold(change: dict) -> int:
            wanted = change.get("min_spend_cents")
            return current[change["code"]].min_spend_cents if wanted is None else wanted

        def rank(change: dict) -> int:
            return current[change["code"]].rank

        rising = sorted((c for c in known if threshold(c) >= current[c["code"]].min_spend_cents), key=rank, reverse=True)
        falling = sorted((c for c in known if threshold(c) < current[c["code"]].min_spend_cents), key=rank)
        for change in [*rising, *falling, *(c for c in changes if c["code"] not in current)]:
            change_tier(ctx, change["code"], change.get("min_spend_cents"), change.get("multiplier"),
                        change.get("name"), change.get("colour"))
    return load_tiers(ctx.db)
