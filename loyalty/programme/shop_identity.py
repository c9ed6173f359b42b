"""Which shop a database (or a backup of one) belongs to: the `shop_id` setting, a UUID set
once when the shop is created, and the shop's name for people to read.

A shop created before shops were told apart has no `shop_id`; it gets its `device_id` (also
a UUID set once at creation) as one the first time it is opened. Its old backups have no
`shop_id` either, and the same rule read inside them (`shop_id`, else `device_id`) gives the
same answer: a shop's backups from before and after the change belong to the same shop.

Restoring a backup replaces the settings with the backup's, `shop_id` included: the database
then *is* that shop's (which is what moving a shop to a new PC needs)."""

import json
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from ..common.errors import ValidationError
from ..common.messages import t

# A store of a chain (docs/sync.md): its code, as the hub's stores table checks it.
STORE_CODE = re.compile(r"[A-Za-z0-9]{1,16}")


def require_store_code(code: str | None, field: str = "code") -> str:
    if not STORE_CODE.fullmatch(code or ""):
        raise ValidationError(t("code: '{code}' must be 1 to 16 letters or digits", code=code), field)
    return code


@dataclass(frozen=True)
class ShopIdentity:
    shop_id: str
    name: str

    @property
    def label(self) -> str:
        """The name, and enough of the id to tell apart two shops that kept the default name."""
        return f"“{self.name}” ({self.shop_id[:8]})"


def label_of(shop: ShopIdentity | None) -> str:
    return shop.label if shop is not None else t("an unknown shop")


def identity_from_settings(settings: dict) -> ShopIdentity | None:
    """From the settings' stored values (JSON text, as in the `settings` table); None when they
    do not tell (absent, or garbled by damage)."""
    try:
        values = {key: json.loads(value) for key, value in settings.items()}
    except (TypeError, ValueError):
        return None
    shop_id = values.get("shop_id") or values.get("device_id")
    return ShopIdentity(str(shop_id), str(values.get("shop_name") or "")) if shop_id else None


def read_identity(conn: sqlite3.Connection) -> ShopIdentity | None:
    rows = conn.execute("SELECT key, value FROM settings WHERE key IN ('shop_id', 'device_id', 'shop_name')")
    return identity_from_settings(dict(rows.fetchall()))


def identity_in_database(path: str | Path) -> ShopIdentity | None:
    """Read-only, through SQLite (never a plain open() of a database file); None when the
    file cannot tell (not a database, damaged where the settings are, no settings)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return read_identity(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def give_shop_id(db: Database) -> None:
    """A shop from before `shop_id` existed: its `device_id` becomes its shop id, so that its
    older backups (which hold only the device id) stay its own. Caller holds the transaction."""
    identity = read_identity(db.conn)
    if identity is not None:
        db.execute("INSERT OR IGNORE INTO settings(key, value) VALUES ('shop_id', ?)", [json.dumps(identity.shop_id)])


def identity_of(programme) -> ShopIdentity:
    """This shop's, from its settings (a `Programme`); the same fallback as in old backups."""
    return ShopIdentity(programme.shop_id or programme.device_id, programme.shop_name)
