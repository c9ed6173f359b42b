"""Opening a shop's database ready for work: schema, default programme, context."""

from pathlib import Path

from .clock import Clock, SystemClock
from .context import Context
from .programme import install_defaults
from .storage import open_database, write_transaction


def open_shop(path: str | Path, clock: Clock | None = None, staff_id: str = "owner") -> Context:
    db = open_database(path)
    if db.execute("SELECT COUNT(*) FROM settings").fetchone()[0] == 0:
        with write_transaction(db):
            install_defaults(db)
    return Context(db=db, clock=clock or SystemClock(), staff_id=staff_id)
