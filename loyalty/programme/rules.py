"""The shop's programme rules: every number configurable and stored in the
database (`settings` for single values, `tiers` for the tier ladder)."""

import json
import uuid
from dataclasses import dataclass, fields, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlite_utils import Database

from ..common.errors import NotFoundError, ValidationError
from ..common.messages import field_name, t
from ..storage.local_calendar import ensure_local_calendar
from .currencies import defaults_for
from .ladder import DEFAULT_TIERS, DEFAULT_TIER_NAMES, Tier, default_names_in
from .money import parse_whole_units

LANGUAGES = ("es", "en")


@dataclass(frozen=True)
class Programme:
    shop_name: str = "Mi tienda"
    language: str = "es"                  # "es" or "en": the screens (from the next start), cards, slips, report PDFs
    logo_path: str = ""                   # PNG or JPEG printed on member cards, beside the shop name
    currency: str = "EUR"
    currency_decimals: int = 2
    max_amount: int = 1_000_000           # whole units: a larger amount is refused as a typo (default: by currency)
    timezone: str = "Europe/Madrid"
    earn_rate: str = "1"                  # points per currency unit of sale
    points_per_currency_unit: int = 100   # redemption: 100 points = 1.00
    expiry_months: int = 12               # after the end of the month earned; 0 = never
    tier_window_days: int = 365
    tier_grace_days: int = 30
    welcome_bonus: int = 0
    lock_after_minutes: int = 5           # the counter locks after this long without a key or a click; 0 = never
    survey_bonus: int = 0                 # points for answering the counter survey, once per member a month
    complaint_points_limit: int = 200     # compensation a cashier may give for a complaint; above: a manager
    manager_points_limit: int = 1000      # a manager's adjustment or compensation at once; above: the owner
    offline_after_minutes: int = 60       # a counter joined to a hub and out of touch this long is "offline"…
    offline_redeem_points: int = 1000     # …and lets a member redeem at most this many points a day there
    birthday_bonus: int = 0
    referral_bonus: int = 0
    card_prefix: str = "2"
    scan_min_length: int = 8              # a keyboard burst this long ending in Enter is a card scan
    scan_prefix: str = ""                 # optional character the scanner is set to send first
    scan_max_gap_ms: int = 100            # a longer pause between two keys ends a scan (a slow scanner: more)
    card_printer: str = ""                # system printer name; empty = ask each time
    card_paper: str = "A4"                # card sheets: A4 or Letter
    receipt_printer: str = ""             # system printer name; empty = no slips unless asked
    receipt_width: int = 80               # roll width in mm: 58 or 80
    receipt_format: str = "escpos"        # escpos (raw to a thermal printer) or pdf (through its driver)
    auto_print_receipt: int = 0           # 1 = print a slip after every transaction at the counter
    backup_folder: str = ""               # empty = "backups" beside the database; a USB stick's folder works
    device_id: str = ""                   # set once, at creation: tells counters apart
    shop_id: str = ""                     # set once, at creation: tells shops' backups apart (shop_identity.py)


_INT_LIMITS = {
    "currency_decimals": (0, 3),
    "points_per_currency_unit": (1, 1_000_000),
    "expiry_months": (0, 120),
    "tier_window_days": (1, 3660),
    "tier_grace_days": (0, 365),
    "welcome_bonus": (0, 1_000_000),
    "manager_points_limit": (0, 1_000_000),
    "offline_after_minutes": (1, 7 * 24 * 60),
    "offline_redeem_points": (0, 1_000_000),
    "complaint_points_limit": (0, 1_000_000),
    "survey_bonus": (0, 1_000_000),
    "lock_after_minutes": (0, 240),
    "birthday_bonus": (0, 1_000_000),
    "referral_bonus": (0, 1_000_000),
    "scan_min_length": (4, 32),
    "scan_max_gap_ms": (20, 500),
}


_CHOICES = {
    "card_paper": ("A4", "Letter"),
    "receipt_width": (80, 58),
    "receipt_format": ("escpos", "pdf"),
    "auto_print_receipt": (0, 1),
}


def parse_multiplier(text: str, field: str, maximum: int = 100) -> str:
    """A positive exact decimal such as '1.25', kept as text so no float ever touches it."""
    try:
        value = Decimal(str(text).strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationError(t("{field}: '{text}' is not a number such as 1.25",
                                field=field_name(field), text=text), field) from None
    if not value.is_finite() or value <= 0 or value > maximum or "e" in str(text).lower():
        raise ValidationError(t("{field}: must be a number above 0 and at most {maximum} (got '{text}')",
                                field=field_name(field), maximum=maximum, text=text), field)
    if value.as_tuple().exponent < -4:
        raise ValidationError(t("{field}: at most 4 decimals (got '{text}')",
                                field=field_name(field), text=text), field)
    return format(value.normalize(), "f")


def _validated(name: str, raw) -> object:
    if name in _INT_LIMITS:
        low, high = _INT_LIMITS[name]
        try:
            value = int(str(raw).strip())
        except ValueError:
            raise ValidationError(t("{name}: '{raw}' is not a whole number",
                                    name=field_name(name), raw=raw), name) from None
        if not low <= value <= high:
            raise ValidationError(t("{name}: must be between {low} and {high} (got {value})",
                                    name=field_name(name), low=low, high=high, value=value), name)
        return value
    if name == "earn_rate":
        return parse_multiplier(raw, name, maximum=1000)
    if name == "timezone":
        try:
            ZoneInfo(str(raw))
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError(t("timezone: '{raw}' is not a time zone such as Europe/Madrid",
                                    raw=raw), name) from None
        return str(raw)
    if name == "card_prefix":
        if not (str(raw).isdigit() and 1 <= len(str(raw)) <= 4):
            raise ValidationError(t("card_prefix: 1 to 4 digits (got '{raw}')", raw=raw), name)
        return str(raw)
    if name in _CHOICES:
        text = str(raw).strip()
        choices = _CHOICES[name]
        match = next((choice for choice in choices if str(choice).lower() == text.lower()), None)
        if match is None:
            raise ValidationError(t("{name}: one of {choices} (got '{raw}')",
                                    name=field_name(name), choices=', '.join(map(str, choices)), raw=raw), name)
        return match
    if name in ("card_printer", "receipt_printer", "backup_folder"):
        text = str(raw).strip()
        if len(text) > 200:
            raise ValidationError(t("{name}: at most 200 characters", name=field_name(name)), name)
        return text
    if name == "language":
        if str(raw).strip().lower() not in LANGUAGES:
            raise ValidationError(t("language: one of {choices} (got '{raw}')",
                                    choices=', '.join(LANGUAGES), raw=raw), name)
        return str(raw).strip().lower()
    if name == "logo_path":
        text = str(raw).strip()
        if text and not (Path(text).is_file() and Path(text).suffix.lower() in (".png", ".jpg", ".jpeg")):
            raise ValidationError(t("logo_path: a PNG or JPEG file that exists, or empty (got '{text}')",
                                    text=text), name)
        return text
    if name == "scan_prefix":
        text = str(raw).strip()
        if len(text) > 1 or text.isdigit() or (text and not text.isprintable()):
            raise ValidationError(t("scan_prefix: one character that is not a digit, or empty (got '{raw}')",
                                    raw=raw), name)
        return text
    if name == "max_amount":
        return parse_whole_units(raw, name)
    if name == "currency":
        if not (len(str(raw)) == 3 and str(raw).isalpha()):
            raise ValidationError(t("currency: a three-letter ISO code such as EUR (got '{raw}')", raw=raw), name)
        return str(raw).upper()
    text = str(raw).strip()
    if not text or len(text) > 80:
        raise ValidationError(t("{name}: 1 to 80 characters", name=field_name(name)), name)
    return text


def validated_setting(name: str, raw) -> object:
    """One setting's value as the programme keeps it, or the ValidationError saving it would give."""
    return _validated(name, raw)


SETTING_NAMES = tuple(f.name for f in fields(Programme) if f.name not in ("device_id", "shop_id"))


def load_programme(db: Database) -> Programme:
    stored = {row["key"]: json.loads(row["value"]) for row in db.query("SELECT key, value FROM settings")}
    known = {f.name for f in fields(Programme)}
    if "max_amount" not in stored:   # a shop from before the limit was a setting: its currency's default
        stored["max_amount"] = defaults_for(stored.get("currency", Programme.currency)).max_amount
    return Programme(**{k: v for k, v in stored.items() if k in known})


def save_settings(db: Database, changes: dict) -> Programme:
    """Validate every change first; write them all or none (caller holds the transaction)."""
    unknown = [name for name in changes if name not in SETTING_NAMES]
    if unknown:
        raise ValidationError(t("{name}: no such setting (known: {known})",
                                name=field_name(unknown[0]), known=', '.join(SETTING_NAMES)), unknown[0])
    clean = {name: _validated(name, value) for name, value in changes.items()}
    for name, value in clean.items():
        db.execute("INSERT OR REPLACE INTO settings(key, value) VALUES (?, ?)", [name, json.dumps(value)])
    if "timezone" in clean:   # the report totals file entries under the shop's local days
        ensure_local_calendar(db, clean["timezone"])
    return replace(load_programme(db), **clean)


def install_defaults(db: Database, shop_name: str | None = None) -> None:
    """First start: write the default programme and tiers (idempotent)."""
    defaults = Programme(device_id=str(uuid.uuid4()), shop_id=str(uuid.uuid4()))
    if shop_name:
        defaults = replace(defaults, shop_name=_validated("shop_name", shop_name))
    for f in fields(Programme):
        db.execute(
            "INSERT OR IGNORE INTO settings(key, value) VALUES (?, ?)", [f.name, json.dumps(getattr(defaults, f.name))]
        )
    for tier, name in zip(DEFAULT_TIERS, DEFAULT_TIER_NAMES[defaults.language]):   # in the shop's language
        db.execute(
            "INSERT OR IGNORE INTO tiers(code, name, rank, min_spend_cents, multiplier, colour) VALUES (?, ?, ?, ?, ?, ?)",
            [tier.code, name, tier.rank, tier.min_spend_cents, tier.multiplier, tier.colour],
        )


def name_default_tiers(db: Database, language: str) -> dict[str, str]:
    """A ladder still named by another language's defaults gets `language`'s (caller holds the
    transaction); the names given, by code."""
    renamed = default_names_in(load_tiers(db), language)
    for code, name in renamed.items():
        db.execute("UPDATE tiers SET name = ? WHERE code = ?", [name, code])
    return renamed


def load_tiers(db: Database) -> list[Tier]:
    return [Tier(**row) for row in db.query("SELECT * FROM tiers ORDER BY rank")]


def update_tier(db: Database, code: str, min_spend_cents: int | None = None, multiplier: str | None = None,
                name: str | None = None, colour: str | None = None) -> Tier:
    tiers = {tier.code: tier for tier in load_tiers(db)}
    if code not in tiers:
        raise NotFoundError(t("tier: no tier '{code}' (known: {known})", code=code, known=', '.join(tiers)), "tier")
    tier = tiers[code]
    if min_spend_cents is not None:
        if tier.rank == 0 and min_spend_cents != 0:
            raise ValidationError(t("min_spend: the base tier always starts at 0"), "min_spend")
        tier = replace(tier, min_spend_cents=min_spend_cents)
    if multiplier is not None:
        tier = replace(tier, multiplier=parse_multiplier(multiplier, "multiplier"))
    if name is not None:
        tier = replace(tier, name=_validated("tier_name", name))
    if colour is not None:
        if not (len(colour) == 7 and colour.startswith("#")):
            raise ValidationError(t("colour: a colour such as #D4AF37 (got '{colour}')", colour=colour), "colour")
        tier = replace(tier, colour=colour)
    ladder = sorted([t for t in tiers.values() if t.code != code] + [tier], key=lambda t: t.rank)
    if any(lower.min_spend_cents >= higher.min_spend_cents for lower, higher in zip(ladder, ladder[1:])):
        raise ValidationError(t("min_spend: each tier must need more spend than the tier below it"), "min_spend")
    db.execute(
        "UPDATE tiers SET name = ?, min_spend_cents = ?, multiplier = ?, colour = ? WHERE code = ?",
        [tier.name, tier.min_spend_cents, tier.multiplier, tier.colour, code],
    )
    return tier


def tier_for_spend(tiers: list[Tier], spend_cents: int) -> Tier:
    """The highest tier whose threshold the qualifying spend reaches."""
    reached = [tier for tier in tiers if tier.min_spend_cents <= spend_cents]
    return max(reached, key=lambda tier: tier.rank) if reached else tiers[0]
