"""The tier ladder's shape and the default one a new shop starts with (its thresholds in euro
cents, scaled to the shop's currency by currencies.defaults_for), named in the shop's language."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Tier:
    code: str
    name: str
    rank: int
    min_spend_cents: int
    multiplier: str
    colour: str


DEFAULT_TIERS = (
    Tier("bronze", "Bronze", 0, 0, "1", "#CD7F32"),
    Tier("silver", "Silver", 1, 50_000, "1.25", "#A8A9AD"),
    Tier("gold", "Gold", 2, 150_000, "1.5", "#D4AF37"),
)
# The default ladder's names in each language: a shop's tiers are named in its language until the
# owner names them (names the owner typed are never replaced).
DEFAULT_TIER_NAMES = {"en": ("Bronze", "Silver", "Gold"), "es": ("Bronce", "Plata", "Oro")}


def default_names_in(tiers: list[Tier], language: str) -> dict[str, str]:
    """code -> name in `language`, for a ladder still named by the defaults of another language
    (every tier, in order); empty when the owner named it, or it is in that language already."""
    names = tuple(tier.name for tier in tiers)
    wanted = DEFAULT_TIER_NAMES.get(language)
    if wanted is None or names == wanted or names not in DEFAULT_TIER_NAMES.values():
        return {}
    return {tier.code: name for tier, name in zip(tiers, wanted)}
