"""Where the shop's database lives by default: the user's data folder on the local disk."""

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "LoyaltyCounter"


def default_database_path() -> Path:
    """`LOYALTY_DB` overrides the default (used by tests and by shops that keep it elsewhere)."""
    override = os.environ.get("LOYALTY_DB")
    if override:
        return Path(override)
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "loyalty.sqlite"
