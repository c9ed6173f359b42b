"""A new counter's first download into a file of its own (docs/sync.md, "A new counter").

first_download.py takes the chain's entries into the shop's file as it is, in turns with the
cashier: every entry then lands on its own random page of the entries' indexes, and each turn
writes and checkpoints those pages — the rate falls as the file grows (bench/README.md). When
nothing else has the file open (`loyalty sync` on a till that has just joined, before the app
is started), the download goes another way instead:

1. The hub's entries, member by member up to its number when the download began, are appended to
   a plain table in a side file (`<shop>.download`), a page at a time with where it stands: an
   interrupted download goes on from there.
2. With the shop's file held alone (SQLite's exclusive lock: no other connection, of this process
   or another, can open it meanwhile), a copy of it (`<shop>.building`) takes them in without a
   journal: the entries in the order they came (each member's together), the indexes and the report
   totals built once afterwards; then every member derived once, and the seal chain. A second
   process works meanwhile on the other core, from the side file (second_process.py): it makes the
   seal chain and derives a share of the members, which the builder takes.
   A failure or a crash leaves only that copy behind, made again next time.
3. The copy replaces the shop's file; the side file goes.

Only a counter with no entry at all (neither posted nor taken in) goes this way. The window's
sync never does: the app holds the file open, and its rounds take the entries in turns."""

import os
import sqlite3
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import Callable

from ..common.clock import FixedClock, to_iso
from ..common.messages import Text, t
from ..ledger.replay import replay_members
from ..programme.context import Context
from ..programme.reward_stock import recount_stock
from ..storage import database_path, open_database, write_transaction
from ..storage.bulk import in_batches, triggers_set_aside
from ..storage.bulk_fill import filled_at_once
from ..storage.connection import ShopDatabase
from ..storage.lock_guard import SIDE_FILES
from ..storage.seals import seal_entries_after
from . import first_download, second_process, side_seals, side_share
from .link import HubLink, hub_link, note_progress
from .pull import PULLED, PULLED_NAMES, pull_members
from .side_file import ENTRIES, LINK_REVERSALS, TAKE_IN, list_local_ids

SIDE_FILE, COPY, SEALS, SCRATCH = ".download", ".building", ".seals", ".deriving"
COPY_CACHE_KIB = 128 * 1024     # the copy's page cache while it is built (the process stays under 500 MB)
DERIVE_AT_ONCE = 5_000          # members derived in one go (ledger/replay.py reads their entries together)

# The hub's entries as the side file keeps them: their times already in the shop's form
# (common/clock.to_iso), so that a page goes from the hub into the file without Python per entry.
_PULLED_AS_STORED = PULLED.replace(
    ", created_at,", ", to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"+00:00\"'),")
assert _PULLED_AS_STORED != PULLED, "pull.PULLED names created_at between two other columns"

def download_alone(ctx: Context, conn, say: Callable[[Text], None] = lambda text: None) -> dict | None:
    """A new counter's whole first download, when nothing else has its file open; then `ctx.db` is
    a connection on the new file. None when this is not the way (not a new counter, a hub with
    fewer than first_download.BULK_FROM entries, or the file open elsewhere: the rounds download in
    turns, first_download.py). Otherwise as first_download's: {"new", "had", "done"}. `say` is told
    each stage, and how far it is, as a message (common/messages.t) with its figures as the
    values `done` and `total`: the command line prints it, the app's first start shows it."""
    path, side = Path(database_path(ctx.db)), _side_file(ctx)
    link = hub_link(ctx)
    if not _new_counter(ctx, link):
        _remove(side)       # left by a download that replaced the file but was stopped before this
        return None
    head = conn.execute("SELECT hub.hub_head()").fetchone()[0]
    if head < first_download.BULK_FROM and not side.exists() or not _alone(ctx, path):
        return None         # (a download under way goes on whatever the hub holds)
    pull_members(ctx, link, conn, alone=say)    # every entry up to `head` has its member on the hub
    up_to = _fetch(conn, side, link.chain_id, head, say)
    ctx.db.close()
    try:
        held = _held_alone(path)
        if held is None:                # opened meanwhile: the next rounds download in turns
            return None
        with closing(held):
            taken = _build(ctx, path, side, up_to, held, say)
        os.replace(path.with_name(path.name + COPY), path)
        _renamed_on_disk(path.parent)
    finally:
        ctx.db = open_database(path)
    _remove(side)
    say(t("first download: {done} entries taken in", done=taken["new"]))
    return taken


def _new_counter(ctx: Context, link: HubLink) -> bool:
    """No entry here at all, none posted nor taken in: what a file of its own may be built for."""
    return not link.pulled_hub_seq and not ctx.db.execute("SELECT 1 FROM entries LIMIT 1").fetchone()


def _side_file(ctx: Context) -> Path:
    path = Path(database_path(ctx.db))
    return path.with_name(path.name + SIDE_FILE)


def awaits_first_download(ctx: Context) -> bool:
    """A new counter of a chain whose hub held entries at the last contact, or whose download into
    a file of its own was stopped: the app's start takes them in before its window opens
    (ui/shell/first_download.py), where nothing else holds the file."""
    link = hub_link(ctx)
    if link is None or not _new_counter(ctx, link):
        return False
    return bool(link.hub_head_seen) or _side_file(ctx).exists()


def side_file_no_longer_needed(ctx: Context) -> None:
    """A stopped download's side file (as big as the chain's history), once the counter has taken
    entries in another way — the window's rounds, in turns: a file of its own is built only for a
    counter without any."""
    side = _side_file(ctx)
    if side.exists() and not _new_counter(ctx, hub_link(ctx)):
        _remove(side)


def _alone(ctx: Context, path: Path) -> bool:
    """Whether nothing but `ctx` has the shop's file open now (a look before the long fetch)."""
    ctx.db.close()
    try:
        held = _held_alone(path)
        if held is not None:
            held.close()
        return held is not None
    finally:
        ctx.db = open_database(path)


def _fetch(conn, side: Path, chain_id: str, head: int, say) -> int:
    """The hub's entries up to `head` into the side file, from where an earlier download of the
    same chain stopped; returns the hub's number it goes up to."""
    with closing(sqlite3.connect(side, isolation_level=None)) as db:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute(f"CREATE TABLE IF NOT EXISTS {ENTRIES}")
        db.execute("CREATE TABLE IF NOT EXISTS progress (chain_id TEXT, up_to INTEGER, member TEXT, seq INTEGER)")
        kept = db.execute("SELECT chain_id, up_to, member, seq FROM progress").fetchone()
        if kept is None or kept[0] != chain_id:
            db.execute("BEGIN")
            db.execute("DELETE FROM entries")
            db.execute("DELETE FROM progress")
            db.execute("INSERT INTO progress VALUES (?, ?, NULL, 0)", [chain_id, head])
            db.execute("COMMIT")
            kept = (chain_id, head, None, 0)
        up_to, fetched = kept[1], db.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
        insert = f"INSERT INTO entries VALUES ({', '.join('?' * len(PULLED_NAMES))})"
        with first_download.hub_pages(conn, up_to, kept[2], kept[3], _PULLED_AS_STORED) as pages:
            for rows in pages:
                db.execute("BEGIN")
                db.executemany(insert, rows)
                db.execute("UPDATE progress SET member = ?, seq = ?", [rows[-1][_MEMBER], rows[-1][_HUB_SEQ]])
                db.execute("COMMIT")
                fetched += len(rows)
                say(t("first download: {done} of about {total} entries fetched from the hub", done=fetched,
                      total=up_to))
    return up_to


def _held_alone(path: Path, tries: int = 10) -> sqlite3.Connection | None:
    """A connection holding the shop's file alone (SQLite's exclusive lock, kept until it closes:
    nothing else can open the file meanwhile); None if another connection keeps it open (a
    connection that only looks in, as the command line's progress does, is waited for a second)."""
    for _ in range(tries):
        held = sqlite3.connect(path, isolation_level=None, timeout=0)
        try:
            held.execute("PRAGMA busy_timeout = 100")
            held.execute("PRAGMA locking_mode = EXCLUSIVE")
            held.execute("BEGIN EXCLUSIVE")
            held.execute("COMMIT")
            return held
        except sqlite3.OperationalError:        # "database is locked": someone else has it open
            held.close()
    return None


def _build(ctx: Context, path: Path, side: Path, up_to: int, held: sqlite3.Connection, say) -> dict:
    """The copy of the shop's file with the chain's entries taken in and derived (the module's
    docstring, step 2), with a second process's help; returns what was taken in."""
    copy, sealed, scratch = (path.with_name(path.name + suffix) for suffix in (COPY, SEALS, SCRATCH))
    _remove(copy)
    with closing(sqlite3.connect(copy)) as target:
        held.backup(target)
    # Without a journal or syncs: a crash leaves a copy that is made again, never the shop's file.
    db = ShopDatabase(sqlite3.connect(copy, isolation_level=None))
    # The whole build derives as of one moment, the second process's share too.
    building = replace(ctx.on_connection(db), clock=FixedClock(ctx.clock.now()))
    helper = None
    try:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        db.execute(f"PRAGMA cache_size = -{COPY_CACHE_KIB}")
        db.execute("ATTACH DATABASE ? AS download", [str(side)])
        split, helper = _second_process_started(building, held, side, sealed, scratch)
        with write_transaction(db):
            new, after = _write_entries(building, say)
        own, share = _members_between(db, after, split), _members_between(db, split - 1, None) if split else []
        with write_transaction(db):
            _derive(building, own, 0, len(own) + len(share), say)
        # Attached once the second process has finished writing them: a transaction holds the write
        # lock of every file attached.
        helped = second_process.finished(helper)
        attached = {"sealed": sealed, **({"deriving": scratch} if split else {})} if helped else {}
        for name, file in attached.items():
            db.execute(f"ATTACH DATABASE ? AS {name}", [str(file)])
        with write_transaction(db):
            say(t("first download: sealing the entries"))
            if not (helped and side_seals.take_seals(db, after)):
                seal_entries_after(db, after)
            if share and not (helped and _share_apart(own, share) and side_share.take_share(db)):
                _derive(building, share, len(own), len(own) + len(share), say)
            recount_stock(building, [reward_id for (reward_id,) in db.execute("SELECT id FROM rewards")])
            _note_how_far(building, new, up_to)
        for name in (*attached, "download"):
            db.execute(f"DETACH DATABASE {name}")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
    finally:
        db.close()
        if helper is not None and helper.is_alive():
            helper.terminate()
            helper.join()
        _remove(sealed)
        _remove(scratch)
    _written_to_disk(copy)
    return {"new": new, "had": 0, "done": True}


def _second_process_started(building: Context, held: sqlite3.Connection, side: Path, sealed: Path, scratch: Path):
    """The second process (second_process.py) started on the side file, with what it needs made
    first: the copy's local ids listed there, the seals' file, and — when the side file has more
    than one member — the scratch shop for its share, from the shop's file. Returns the share's
    first row (None: no share) and the process (None: it did not start)."""
    list_local_ids(building.db)
    side_seals.prepare(sealed)
    split = side_share.split_point(building.db)
    if split is not None:
        _remove(scratch)
        with closing(sqlite3.connect(scratch)) as target:
            held.backup(target)
        side_share.prepare(scratch)
    helper = second_process.start(str(side), str(sealed), str(scratch) if split else None, split,
                                  building.clock.now(), building.staff_id)
    return split, helper


def _members_between(db, after: int, before: int | None) -> list[int]:
    """The members of the entries with an id above `after` and below `before` (None: no bound)."""
    return [member_id for (member_id,) in db.execute(
        "SELECT DISTINCT member_id FROM entries WHERE id > ? AND id < ?", [after, before or 2**63 - 1])]


def _share_apart(own: list[int], share: list[int]) -> bool:
    """No member on both sides of the split: one would be a member whose entries the side file does
    not keep together (never), derived by the builder from all of them."""
    return not set(own) & set(share)


def _note_how_far(building: Context, new: int, up_to: int) -> None:
    """The pull goes on after the last entry taken in: up to `up_to`, or before the first whose
    member is not here (left to the pull one by one)."""
    db = building.db
    fetched = db.execute("SELECT COUNT(*) FROM download.entries").fetchone()[0]
    missed = None if new == fetched else db.execute(
        "SELECT MIN(hub_seq) FROM download.entries WHERE member_uuid NOT IN (SELECT uuid FROM members)").fetchone()[0]
    last = up_to if missed is None else min(up_to, missed - 1)
    note_progress(building, pulled_hub_seq=last, last_pull_at=to_iso(building.clock.now()), bulk_up_to=None,
                  bulk_member=None, bulk_seq=0, bulk_missed_seq=None)


def _write_entries(ctx: Context, say) -> tuple[int, int]:
    """In the copy's first transaction: the side file's entries written in the order they came,
    every index of the entries (random-ordered: a page each per entry if kept) built afterwards —
    those of its UNIQUE constraints too (storage/bulk_fill.py) —
    the report totals (storage/bulk.py) once. Returns how many were written, and the largest id
    before them."""
    db = ctx.db
    # The guard refusing updates steps aside for the reversals' links, inside this transaction.
    indexes = db.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'entries' AND "
        "(type = 'index' AND sql IS NOT NULL OR type = 'trigger' AND sql LIKE '%BEFORE UPDATE%')").fetchall()
    for kind, name, _ in indexes:
        db.execute(f"DROP {kind.upper()} [{name}]")
    with triggers_set_aside(db, "entries") as after:
        say(t("first download: writing the entries"))
        with filled_at_once(db, "entries") as into:
            new = db.execute(TAKE_IN.format(into=into), {"first": 1}).rowcount
        db.execute(LINK_REVERSALS)
        say(t("first download: indexing them"))
        for _, _, sql in indexes:
            db.execute(sql)
        say(t("first download: the report totals"))
    db.execute("INSERT OR IGNORE INTO devices (device_id, store) "
               "SELECT DISTINCT device_id, store FROM download.entries")
    return new, after


def _derive(ctx: Context, members: list[int], done_before: int, total: int, say) -> None:
    """The members derived, DERIVE_AT_ONCE at a time, told as `done_before` + how many of `total`."""
    for done, batch in enumerate(in_batches(members, DERIVE_AT_ONCE), start=1):
        replay_members(ctx, batch)
        say(t("first download: {done} of {total} members derived",
              done=done_before + min(done * DERIVE_AT_ONCE, len(members)), total=total))


def _written_to_disk(path: Path) -> None:
    """The copy, built without syncs, on the disk before it replaces the shop's file."""
    descriptor = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _renamed_on_disk(folder: Path) -> None:
    """The rename itself on the disk (POSIX keeps it in the folder's entry; Windows has no such
    sync, and its rename is written through)."""
    if os.name == "posix":
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _remove(path: Path) -> None:
    """A database file and the WAL files SQLite keeps beside it."""
    for suffix in ("", *SIDE_FILES):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


_MEMBER, _HUB_SEQ = PULLED_NAMES.index("member_uuid"), PULLED_NAMES.index("hub_seq")
