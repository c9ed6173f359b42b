"""A share of a new counter's first download derived by the second process (second_process.py): the
members of the side file's last entries, from `split` on (a member's first entry there: each member's
entries are together). The builder makes the scratch shop, a copy of the shop's file before any
entry (`<shop>.deriving`); the second process takes in the side file's entries from `split` on, with
the copy's ids (side_file.TAKE_IN), and derives their members with the same `replay_members`, its
clock stopped at the moment the build began, as the builder's is. Meanwhile the builder derives the
members before `split` in the copy, then takes the scratch's lots, allocations, tier changes,
balances and tiers (`take_share`); a share not marked done it derives itself."""

import logging
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

from ..common.clock import FixedClock
from ..ledger.replay import replay_members
from ..programme.context import Context
from ..storage.bulk_fill import filled_at_once
from ..storage.connection import ShopDatabase
from .side_file import LINK_REVERSALS, TAKE_IN

log = logging.getLogger(__name__)

SHARE_PERCENT = 60              # of the entries, the second process's: it seals them all first (bench/README.md)
SCRATCH_CACHE_KIB = 64 * 1024   # its page cache: the two processes stay under 500 MB each


def split_point(db, share_percent: int = SHARE_PERCENT) -> int | None:
    """The side file's row (attached to `db` as `download`) where a member's entries begin, about
    `share_percent` of them from the end; None when there is no such row (one member, or none)."""
    last = db.execute("SELECT MAX(rowid) FROM download.entries").fetchone()[0]
    if not last:
        return None
    near = last * (100 - share_percent) // 100 + 1
    member = db.execute("SELECT member_uuid FROM download.entries WHERE rowid >= ? ORDER BY rowid LIMIT 1",
                        [near]).fetchone()[0]
    row = db.execute("SELECT rowid FROM download.entries WHERE rowid > ? AND member_uuid != ? ORDER BY rowid LIMIT 1",
                     [near, member]).fetchone()
    return row and row[0]


def prepare(scratch: Path) -> None:
    """The scratch shop (already a copy of the shop's file) marked not done."""
    with closing(sqlite3.connect(scratch)) as db:
        db.execute("CREATE TABLE share_done (tier_changes_before INTEGER)")
        db.commit()


def derive_share(scratch: str, side: str, split: int, now: datetime, staff_id: str) -> None:
    """The second process's work: the share's entries taken in and their members derived, then
    marked done with where the scratch's own tier changes ended."""
    db = ShopDatabase(sqlite3.connect(scratch, isolation_level=None))
    try:
        db.execute("PRAGMA journal_mode = OFF")     # thrown away whole after the build
        db.execute("PRAGMA synchronous = OFF")
        db.execute(f"PRAGMA cache_size = -{SCRATCH_CACHE_KIB}")
        db.execute("ATTACH DATABASE ? AS download", [side])
        ctx = Context(db=db, clock=FixedClock(now), staff_id=staff_id, role="owner")
        # A deferred transaction: the side file attached is only read, and the builder holds its
        # write lock (BEGIN IMMEDIATE, as write_transaction begins, would take every file's).
        db.execute("BEGIN")
        before = db.execute("SELECT COALESCE(MAX(id), 0) FROM tier_changes").fetchone()[0]
        if not _taken_in(db, split):
            return
        replay_members(ctx, [member_id for (member_id,) in db.execute("SELECT DISTINCT member_id FROM entries")])
        db.execute("INSERT INTO share_done VALUES (?)", [before])
        db.execute("COMMIT")
    finally:
        db.close()


def _taken_in(db, split: int) -> bool:
    """The share's entries written (the scratch's indexes and triggers on them dropped meanwhile, its
    indexes built again: the derivation reads through them), its reversals linked; False when one
    reverses an entry outside the share (the builder derives those members)."""
    schema = db.execute("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'entries' "
                        "AND type IN ('index', 'trigger') AND sql IS NOT NULL").fetchall()
    for kind, name, _ in schema:
        db.execute(f"DROP {kind.upper()} [{name}]")
    with filled_at_once(db, "entries") as into:
        db.execute(TAKE_IN.format(into=into), {"first": split})
    db.execute(LINK_REVERSALS)
    for kind, _, sql in schema:
        if kind == "index":
            db.execute(sql)
    wanted = db.execute("SELECT COUNT(*) FROM entries AS e JOIN download.entries AS d ON d.rowid = e.id "
                        "WHERE d.reverses_uuid IS NOT NULL").fetchone()[0]
    if wanted != db.execute("SELECT COUNT(*) FROM entries WHERE reverses_id IS NOT NULL").fetchone()[0]:
        log.warning("A reversal in the share reverses an entry outside it: the builder derives the share")
        return False
    return True


def take_share(db) -> bool:
    """Inside the copy's transaction, the scratch attached as `deriving`: what the second process
    derived, written into the copy, if it marked it done. False when it did not."""
    done = db.execute("SELECT tier_changes_before FROM deriving.share_done").fetchone()
    if done is None:
        return False
    db.execute("INSERT INTO lots (entry_id, member_id, expires_on, remaining) "
               "SELECT entry_id, member_id, expires_on, remaining FROM deriving.lots ORDER BY entry_id")
    db.execute("INSERT INTO allocations (entry_id, lot_id, points) "
               "SELECT entry_id, lot_id, points FROM deriving.allocations ORDER BY id")
    db.execute("INSERT INTO tier_changes (member_id, from_code, to_code, changed_at, reason, entry_id) "
               "SELECT member_id, from_code, to_code, changed_at, reason, entry_id FROM deriving.tier_changes "
               "WHERE id > ? ORDER BY id", [done[0]])
    db.execute("UPDATE members SET balance = d.balance, tier_code = d.tier_code, tier_since = d.tier_since, "
               "tier_grace_until = d.tier_grace_until FROM deriving.members AS d "
               "WHERE d.id = members.id AND d.id IN (SELECT member_id FROM deriving.entries)")
    return True
