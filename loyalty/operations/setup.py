"""The first start's setup, and any later run of it from Settings: the shop (name, logo,
language), its money and time (currency, decimals, time zone), the points rules, the tier
ladder, the owner's account and, for an empty shop, demo data to try things with. Checked and
written in one transaction: a refused value names its field and leaves the shop as it was."""

from dataclasses import dataclass, field

from ..common.errors import ConflictError, ValidationError
from ..common.messages import t
from ..people.staff import add_staff, has_staff, sign_in
from ..programme.context import Context
from ..programme.settings import change_ladder, change_settings
from ..storage import write_transaction
from .demo import load_demo_data

# What the wizard asks, in its order (Settings holds the rest: printers, scanner, bonuses...).
SETUP_SETTINGS = ("shop_name", "logo_path", "language", "currency", "currency_decimals", "max_amount", "timezone",
                  "earn_rate", "points_per_currency_unit", "expiry_months")


@dataclass(frozen=True)
class Setup:
    settings: dict                                     # by name, as in programme.Programme
    tiers: list[dict] = field(default_factory=list)    # code and any of min_spend_cents, multiplier, name
    owner: tuple[str, str] | None = None               # name and password or PIN: the first start only
    demo: bool = False                                 # only into a shop without members


def needs_owner(ctx: Context) -> bool:
    return not has_staff(ctx)


def apply_setup(ctx: Context, setup: Setup) -> Context | None:
    """Write the setup; returns the owner signed in when this run created the account."""
    if setup.owner is None and needs_owner(ctx):
        raise ValidationError(t("owner: the first start creates the owner's account"), "owner")
    if setup.owner is not None and not needs_owner(ctx):
        raise ConflictError(t("owner: the shop already has its owner (add staff in Settings)"), "owner")
    unknown = set(setup.settings) - set(SETUP_SETTINGS)
    if unknown:
        raise ValidationError(t("settings: not part of the setup: {unknown}",
                                unknown=', '.join(sorted(unknown))), "settings")
    with write_transaction(ctx.db):
        change_settings(ctx, setup.settings)
        change_ladder(ctx, setup.tiers)
        if setup.owner is not None:
            add_staff(ctx, setup.owner[0], "owner", setup.owner[1])
        if setup.demo:
            load_demo_data(ctx)
    return sign_in(ctx, *setup.owner) if setup.owner is not None else None
