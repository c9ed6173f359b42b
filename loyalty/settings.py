"""Changing the programme's settings and tiers as a signed-in owner: the permission check and
the audit trail around programme.save_settings / update_tier (which only validate and store)."""

from dataclasses import asdict

from .audit import record
from .context import Context
from .permissions import require
from .programme import Programme, Tier, default_names_in, load_tiers, save_settings, update_tier
from .storage import write_transaction


def change_settings(ctx: Context, changes: dict) -> Programme:
    with write_transaction(ctx.db):
        require(ctx, "settings")
        before = asdict(ctx.programme())
        after = save_settings(ctx.db, changes)
        for name, value in asdict(after).items():
            if before.get(name) != value:
                record(ctx, "settings.change", name, before=before.get(name), after=value)
        if after.language != before["language"]:   # the default ladder's names follow the shop's language
            for code, name in default_names_in(load_tiers(ctx.db), after.language).items():
                change_tier(ctx, code, name=name)
    return after


def change_tier(ctx: Context, code: str, min_spend_cents: int | None = None, multiplier: str | None = None,
                name: str | None = None, colour: str | None = None) -> Tier:
    with write_transaction(ctx.db):
        require(ctx, "tiers")
        before = {tier.code: tier for tier in load_tiers(ctx.db)}.get(code)
        after = update_tier(ctx.db, code, min_spend_cents, multiplier, name, colour)
        if before != after:
            record(ctx, "tier.change", code, before=asdict(before) if before else None, after=asdict(after))
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
