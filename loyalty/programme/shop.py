"""Opening a shop's database ready for work: schema, default programme, context."""

from pathlib import Path

from ..common.clock import Clock, SystemClock
from ..storage import open_database, write_transaction
from ..storage.local_calendar import calendar_zone, ensure_local_calendar
from .context import Context
from .ladder import default_names_in
from .rules import install_defaults, load_programme, load_tiers, name_default_tiers
from .shop_identity import give_shop_id


def open_shop(path: str | Path, clock: Clock | None = None, staff_id: str = "owner") -> Context:
    """A shop without staff accounts has no access control yet: whoever opens it acts as its
    owner, recorded as `staff_id`, until the first account (the owner) is created. Once it has
    accounts the context is signed out: `staff.sign_in` gives the signed-in one."""
    db = open_database(path)
    if db.execute("SELECT COUNT(*) FROM settings").fetchone()[0] == 0:
        with write_transaction(db):
            install_defaults(db)
    programme = load_programme(db)
    if not programme.shop_id:   # a shop created before shops' backups were told apart
        with write_transaction(db):
            give_shop_id(db)
    if default_names_in(load_tiers(db), programme.language):   # made before the ladder spoke the shop's language
        with write_transaction(db):
            name_default_tiers(db, programme.language)
    timezone = programme.timezone
    if calendar_zone(db) != timezone:   # a new shop, or one upgraded from before the report totals
        with write_transaction(db):
            ensure_local_calendar(db, timezone)
    if db.execute("SELECT 1 FROM staff LIMIT 1").fetchone():
        return Context(db=db, clock=clock or SystemClock(), staff_id="", role="")
    return Context(db=db, clock=clock or SystemClock(), staff_id=staff_id, role="owner")
