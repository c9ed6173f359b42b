"""The arithmetic of points. Every points figure in the app comes from one of
these functions, computed exactly (fractions, never floats) and rounded down."""

from fractions import Fraction
from functools import lru_cache
from math import floor
from typing import NamedTuple

from ..common.errors import ValidationError
from ..common.messages import field_name, t


class Earning(NamedTuple):
    """Points for a sale, split the way a receipt explains them."""

    base: int
    tier_bonus: int
    campaign_bonus: int

    @property
    def total(self) -> int:
        return self.base + self.tier_bonus + self.campaign_bonus


def points_for_sale(
    amount_minor: int, decimals: int, earn_rate: str, tier_multiplier: str = "1", campaign_multiplier: str = "1"
) -> Earning:
    """floor(amount × rate × tier multiplier × campaign multiplier), exactly.

    The parts are differences of floors so that they always add up to the total.
    """
    # In integers: amount × rate is a fraction whose numerator and denominator are multiplied
    # up step by step, and `//` floors it exactly (the denominators are positive). The same as
    # Fraction arithmetic, without making a Fraction per sale (an import computes 100,000).
    rate, tier, campaign = _exact(earn_rate), _exact(tier_multiplier), _exact(campaign_multiplier)
    numerator, denominator = amount_minor * rate.numerator, 10**decimals * rate.denominator
    base = numerator // denominator
    numerator, denominator = numerator * tier.numerator, denominator * tier.denominator
    tiered = numerator // denominator
    total = numerator * campaign.numerator // (denominator * campaign.denominator)
    return Earning(base=base, tier_bonus=tiered - base, campaign_bonus=total - tiered)


@lru_cache(maxsize=64)
def _exact(decimal_text: str) -> Fraction:
    """A rate or multiplier as an exact fraction; the few in use are parsed once (a sale
    history import computes a hundred thousand earnings)."""
    return Fraction(decimal_text)


def points_value(points: int, points_per_unit: int, decimals: int) -> int:
    """What points are worth as a discount, in minor units (100 points = 1.00 by default), rounded down."""
    return floor(Fraction(points * 10**decimals, points_per_unit))


def points_for_value(value_minor: int, points_per_unit: int, decimals: int) -> int:
    """Points needed for a discount of `value_minor` (rounded up: the shop never gives more than it takes)."""
    return -floor(-Fraction(value_minor * points_per_unit, 10**decimals))


def points_to_reverse(earned: int, sale_amount: int, refunded_before: int, refund_now: int,
                      taken_before: int | None = None) -> int:
    """Points a refund takes back: in proportion to the refunded part of the sale.

    Computed on the cumulative refunded amount, so that several partial refunds
    add up to exactly what the sale earned, and never more. `taken_before`: the points
    the refunds still standing took (by default, their share of `refunded_before`). Once a
    refund was reversed (it gives back exactly what it took) the others may hold more than
    that share; the next refund then takes that much less (never below 0), so the total
    still ends at exactly `earned`.
    """
    refunded_after = min(sale_amount, refunded_before + refund_now)
    taken_after = floor(Fraction(earned * refunded_after, sale_amount))
    if taken_before is None:
        taken_before = floor(Fraction(earned * refunded_before, sale_amount))
    return max(0, taken_after - taken_before)


def earning_step(earn_rate: str) -> tuple[int, int]:
    """The earn rate as whole numbers for people to read: (points, per so many currency units).
    '1' -> (1, 1); '0.01' -> (1, 100): a point per 100 pesos; '0.14' -> (14, 100); '1.5' -> (15, 10)."""
    rate = _exact(earn_rate)
    if rate.numerator == 1:
        return 1, rate.denominator
    units = 1
    while (rate * units).denominator != 1:
        units *= 10
    return int(rate * units), units


MAX_POINTS_TYPED = 100_000_000


def parse_points(text: str, field: str = "points") -> int:
    """A whole number of points as typed: `1500`, `1.500`, `1,500` or `1 500`."""
    raw = (text or "").strip()
    compact = raw.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    groups = compact.replace(",", ".").split(".")
    grouped = len(groups) > 1 and all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3
    digits = "".join(groups) if grouped else compact
    if not raw:
        raise ValidationError(t("{field}: required", field=field_name(field)), field)
    if not digits.isascii() or not digits.isdigit():
        raise ValidationError(t("{field}: '{raw}' is not a whole number of points",
                                field=field_name(field), raw=raw), field)
    points = int(digits)
    if not 0 < points <= MAX_POINTS_TYPED:
        raise ValidationError(t("{field}: must be between 1 and {max_points_typed:,} (got {raw})",
                                field=field_name(field), max_points_typed=MAX_POINTS_TYPED, raw=raw), field)
    return points
