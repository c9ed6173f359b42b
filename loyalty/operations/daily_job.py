"""Everything the shop needs once a day, in order: expire points and review tiers, add the
retention follow-ups, take the daily backup (and the hub's, on the PC that keeps it), count the
twelve-month windows the ABC classes rank, and prepare the month just closed. Run by `loyalty
expire` and by the app itself in the background (at start and when the date changes:
ui/shell/daily_job.py), so that a shop owner need not schedule anything. Safe to repeat: a second run on the same day adds nothing."""

import logging
from dataclasses import dataclass
from pathlib import Path

from ..common.errors import LoyaltyError
from ..ledger import daily
from ..programme.context import Context
from ..reports import cache as report_cache
from ..retention.followups import generate_followups
from . import backups


@dataclass(frozen=True)
class DailyJobResult:
    daily: daily.DailyResult
    followups_added: int
    backup: Path | None           # None: today's backup had been taken already
    windows_counted: list[str]    # the twelve-month windows counted this time ('YYYY-MM')
    report_prepared: str          # the month whose report is now kept
    hub_backup: Path | None = None  # this PC's hub dumped today (hub_backups.py); None: none kept, or done


def run_daily_job(ctx: Context) -> DailyJobResult:
    ctx = daily.as_daily_job(ctx)
    result = daily.run_daily(ctx)
    followups_added = generate_followups(ctx)                  # the retention to-do list
    backup = backups.daily_backup(ctx)                          # once a day, then rotation
    hub_backup = _hub_backup(ctx)
    windows = report_cache.prepare_year_windows(ctx)            # what the reports' ABC classes rank
    prepared = report_cache.prepare_closed_month(ctx)           # the owner's next look at it is instant
    return DailyJobResult(result, followups_added, backup.path if backup else None, windows,
                          prepared.period.label(), hub_backup)


def _hub_backup(ctx: Context) -> Path | None:
    """The hub's dump when this PC keeps one; a failure is logged and tried at the next run (the
    shop's own backup above is taken either way)."""
    if ctx.db.execute("SELECT 1 FROM hub_link").fetchone() is None:   # a shop on its own keeps no hub
        return None
    from .hub_backups import daily_hub_backup  # here: PostgreSQL's package loads only when needed
    try:
        return daily_hub_backup(ctx)
    except LoyaltyError as error:
        logging.getLogger(__name__).warning("The hub's daily backup failed: %s", error.message)
        return None
