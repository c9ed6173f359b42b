"""The currencies the setup offers, and the defaults that fit the size of each one.

`unit_size` says roughly how many units of a currency buy what one euro or one US dollar buys
(rounded, 2025). It is used ONLY to choose defaults — the limit against typed typos, the tier
thresholds, the earn rate and the value of a point, the examples on screen, the demo data — so
that an owner who only presses Enter gets a programme that makes sense in their money. It is
never an exchange rate: nothing is ever converted with it, it may be years out of date without
harm, and a value the owner typed is never changed by it.

`decimals` is how the shop's tills count, which is not always ISO 4217's minor unit: Colombian
and Argentine pesos are counted in whole pesos at the counter ("$ 45.900"), as are Chilean pesos,
guaraníes and yen. The owner can set other decimals while the shop has no sales.
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .ladder import DEFAULT_TIERS


@dataclass(frozen=True)
class Currency:
    code: str
    symbol: str                     # as the screens show it beside an amount
    decimals: int                   # how the shop counts (see above)
    unit_size: int                  # defaults only: roughly how many units make one EUR/USD
    written: tuple[str, ...] = ()   # other marks people write beside an amount ("Gs. 12.500.000")


CURRENCIES = {currency.code: currency for currency in (
    Currency("EUR", "€", 2, 1),
    Currency("USD", "$", 2, 1, ("US$",)),
    Currency("GBP", "£", 2, 1),
    Currency("CHF", "CHF", 2, 1, ("Fr.",)),
    Currency("PAB", "B/.", 2, 1),
    Currency("PEN", "S/", 2, 4, ("S/.",)),
    Currency("BOB", "Bs", 2, 7, ("Bs.",)),
    Currency("GTQ", "Q", 2, 8),
    Currency("MXN", "$", 2, 20, ("MX$",)),
    Currency("HNL", "L", 2, 25),
    Currency("NIO", "C$", 2, 37),
    Currency("UYU", "$", 2, 40, ("$U",)),
    Currency("DOP", "RD$", 2, 60),
    Currency("VES", "Bs.", 2, 100, ("Bs", "Bs.S", "Bs.D")),   # moves fast: the owner checks the defaults
    Currency("JPY", "¥", 0, 150, ("円",)),
    Currency("CRC", "₡", 2, 500),
    Currency("CLP", "$", 0, 900),
    Currency("ARS", "$", 0, 1000),
    Currency("COP", "$", 0, 4000, ("COL$",)),
    Currency("PYG", "₲", 0, 7500, ("Gs.", "Gs")),
)}

# The programme's defaults for a currency of unit size 1 (a euro), scaled by the unit size.
MAX_AMOUNT_PER_UNIT_SIZE = 1_000_000   # whole units: a typo guard, never a real sale's size
EXAMPLE_SALE_EUR_CENTS = 2_500         # the live example: "a 25,00 € sale earns 25 points"
TYPICAL_AMOUNT_EUR_CENTS = 1_250       # the amount fields' placeholder: "e.g. 12,50"
CASHBACK = Fraction(1, 100)            # points worth 1 % of what was spent, in every currency
# Limits counted in points, for a euro shop (a point there is worth a cent): what a cashier may
# give for a complaint, and a manager adjust or grant at once, without the next role's approval.
COMPLAINT_POINTS_LIMIT_EUR = 200
MANAGER_POINTS_LIMIT_EUR = 1_000
# What a member may redeem a day at a counter that has lost its hub for too long (docs/sync.md):
# points earned at another till may not be here yet, and the same points could go twice.
OFFLINE_REDEEM_POINTS_EUR = 1_000


def currency(code: str) -> Currency:
    """The table's entry; a code it does not know counts as a euro-sized currency with cents."""
    code = str(code or "").strip().upper()
    return CURRENCIES.get(code) or Currency(code, code, 2, 1)


def written_forms(code: str) -> tuple[str, ...]:
    """Everything that may stand beside an amount of this currency: code, symbol, other marks."""
    entry = currency(code)
    return tuple(form for form in (entry.code, entry.symbol, *entry.written) if form)


@dataclass(frozen=True)
class CurrencyDefaults:
    decimals: int
    max_amount: int                       # whole units
    earn_rate: str                        # points per currency unit of sale
    points_per_currency_unit: int         # points worth one unit as a discount
    tier_thresholds: dict[str, int]       # tier code -> minor units, as in ladder.DEFAULT_TIERS
    example_sale: int                     # minor units
    typical_amount: int                   # minor units
    complaint_points_limit: int           # points: as many as in a euro shop would be worth as much
    manager_points_limit: int
    offline_redeem_points: int


def defaults_for(code: str, decimals: int | None = None) -> CurrencyDefaults:
    """What a new shop in `code` starts with (with `decimals` when the owner chose other ones)."""
    entry = currency(code)
    decimals = entry.decimals if decimals is None else decimals
    points_per_unit = max(1, round(Fraction(100, entry.unit_size)))   # a point worth about a euro cent
    # How many of this shop's points a euro shop's point is worth: 40 in pesos, where a point can be
    # worth no less than a peso (a euro cent is 40); so the limits counted in points grow with it.
    points_scale = Fraction(entry.unit_size * points_per_unit, 100)
    return CurrencyDefaults(
        decimals=decimals,
        max_amount=MAX_AMOUNT_PER_UNIT_SIZE * entry.unit_size,
        earn_rate=_decimal_text(points_per_unit * CASHBACK),
        points_per_currency_unit=points_per_unit,
        tier_thresholds={tier.code: scaled_amount(tier.min_spend_cents, code, decimals, step=False)
                         for tier in DEFAULT_TIERS},
        example_sale=scaled_amount(EXAMPLE_SALE_EUR_CENTS, code, decimals, step=False),
        typical_amount=scaled_amount(TYPICAL_AMOUNT_EUR_CENTS, code, decimals),
        complaint_points_limit=round(COMPLAINT_POINTS_LIMIT_EUR * points_scale),
        manager_points_limit=round(MANAGER_POINTS_LIMIT_EUR * points_scale),
        offline_redeem_points=round(OFFLINE_REDEEM_POINTS_EUR * points_scale),
    )


def scaled_amount(eur_cents: int, code: str, decimals: int | None = None, step: bool = True) -> int:
    """An amount given in euro cents, in minor units of a currency of that size: 3,00 € is about
    12.000 COP. With `step`, rounded to a price such a shop would ask (whole hundreds of pesos)."""
    entry = currency(code)
    decimals = entry.decimals if decimals is None else decimals
    minor = eur_cents * entry.unit_size * 10**decimals // 100
    if not step:
        return minor
    price_step = price_step_of(code, decimals)
    return max(price_step, (minor + price_step // 2) // price_step * price_step)


def price_step_of(code: str, decimals: int | None = None) -> int:
    """The step prices move in, in minor units: a cent for a euro, 100 pesos for a Colombian shop."""
    entry = currency(code)
    decimals = entry.decimals if decimals is None else decimals
    return 10 ** max(0, len(str(entry.unit_size)) - 2) * 10**decimals if entry.unit_size >= 100 else 1


def _decimal_text(value: Fraction) -> str:
    """An exact short decimal ('0.05', '1') as the programme stores rates."""
    return format((Decimal(value.numerator) / Decimal(value.denominator)).normalize(), "f")


# The settings whose default depends on the currency's size (besides the decimals and the ladder).
SIZED_SETTINGS = ("max_amount", "earn_rate", "points_per_currency_unit", "complaint_points_limit",
                  "manager_points_limit", "offline_redeem_points")


@dataclass(frozen=True)
class Following:
    """What follows a change of currency: the decimals, and the settings and tier thresholds
    (code -> minor units) that were still at the old currency's defaults, with their new values."""
    decimals: int
    settings: dict
    thresholds: dict[str, int]


def follow_currency(old_code: str, old_decimals: int, new_code: str, values: dict, thresholds: dict[str, int],
                    decimals: int | None = None) -> Following:
    """A shop goes from `old_code` with `old_decimals` to `new_code` (with `decimals`, when the owner
    chose them; else the new currency's, unless the old ones were not the old currency's default).
    `values`: the sized settings as they stand; `thresholds`: the ladder as it stands."""
    old = defaults_for(old_code, old_decimals)
    if decimals is None:
        decimals = defaults_for(new_code).decimals if old_decimals == defaults_for(old_code).decimals else old_decimals
    new = defaults_for(new_code, decimals)
    return Following(decimals, moved_defaults(values, old, new), moved_thresholds(thresholds, old, new))


def moved_defaults(current: dict, old: CurrencyDefaults, new: CurrencyDefaults) -> dict:
    """Of `current` (setting -> value as the programme keeps it), those still at the old currency's
    default, with the new currency's: a value the owner chose stays as it is."""
    return {name: getattr(new, name) for name, value in current.items()
            if name in SIZED_SETTINGS and _same(value, getattr(old, name)) and not _same(value, getattr(new, name))}


def moved_thresholds(current: dict[str, int], old: CurrencyDefaults, new: CurrencyDefaults) -> dict[str, int]:
    """The tier thresholds (code -> minor units) for the new currency when the whole ladder is still
    the old currency's default one; nothing when the owner set any threshold of their own (moving
    only some would leave the ladder out of order)."""
    if any(old.tier_thresholds.get(code) != spend for code, spend in current.items()):
        return {}
    return {code: new.tier_thresholds[code] for code in current if new.tier_thresholds[code] != current[code]}


def _same(value, default) -> bool:
    return Decimal(str(value)) == Decimal(str(default))
