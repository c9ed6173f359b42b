"""A new counter's first download of the chain's ledger (docs/sync.md, "A new counter").

Taking the others' entries in one by one (pull.py) keeps each member's lots in step as every
entry comes: about 3,600 entries a second here, an hour and a half for the big shop. A counter
that has neither taken in nor posted an entry yet, joining a hub that holds many, takes them member
by member instead (`hub_pull_by_member`), up to the hub's number when it began: each piece's
entries are written in one statement and each member derived once, in memory
(ledger/replay.replay_members), in the same transaction — so the ledger is whole at every commit,
and a sale at this counter meanwhile is a sale like any other (a member not reached yet holds only
what they have here until then). Where it stands is kept with each piece: an interrupted
download goes on from there. A round downloads for ROUND_SECONDS, then sends what the counter did
meanwhile; the next round goes on. Once it has been through every member, the entry-by-entry pull
goes on from the number it went up to (or from the first entry it had to leave because its member
is not here: a card number that clashed — pull.py stops there the same way)."""

import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from ..common.clock import to_iso
from ..ledger.entries import TAKEN_IN_INSERT, taken_in_values
from ..ledger.replay import replay_members
from ..programme.context import Context
from ..programme.reward_stock import recount_stock
from ..storage.bulk import rows_where_in, triggers_set_aside
from ..storage.turns import write_in_turns
from .link import HubLink, hub_link, note_progress
from .pull import PULLED, PULLED_NAMES, pull_members

BULK_FROM = 20_000      # entries on the hub from which a counter's first pull goes member by member
PAGE = 10_000           # entries asked of the hub at once
PIECE = 100             # entries written and derived in one piece of a turn (storage/turns.py)
ROUND_SECONDS = 30      # then the round sends what this counter did meanwhile
TURN_MS = 1000          # a turn's work before its commit (a waiting sale ends it sooner)
OUTSIDE_EVERY_MS = 3000  # a pause for writers of other processes (the command line) only this often:
                         # after each turn it was a sixth of the download's time (bench/README.md)

_MEMBER, _HUB_SEQ = PULLED_NAMES.index("member_uuid"), PULLED_NAMES.index("hub_seq")
_INSERT = f"{TAKEN_IN_INSERT} ON CONFLICT DO NOTHING"


def download_first(ctx: Context, conn) -> dict | None:
    """This round's share of the first download (ROUND_SECONDS); None when this counter takes
    entries one by one (it has taken some in, or posted some of its own — a till back from a
    week offline, whose cashier sells while it catches up in short turns — or the hub holds
    fewer than BULK_FROM). The result says how many entries came, how many were here already, and whether
    the download is done."""
    link = hub_link(ctx)
    if link.bulk_up_to is None:
        posted_here = ctx.db.execute("SELECT 1 FROM entries WHERE device_id = ? LIMIT 1", [ctx.device_id]).fetchone()
        if link.pulled_hub_seq or posted_here:      # not new: a till back from offline goes one by one
            return None
        head = conn.execute("SELECT hub.hub_head()").fetchone()[0]
        if head < BULK_FROM:
            return None
        # Every entry up to `head` has its member on the hub: take in the members who came since
        # this round's pull of them, so that none of those entries waits for its member.
        pull_members(ctx, link, conn)
        note_progress(ctx, bulk_up_to=head, bulk_member=None, bulk_seq=0, bulk_missed_seq=None)
        link = hub_link(ctx)
    return _download(ctx, link, conn, time.monotonic() + ROUND_SECONDS)


def _download(ctx: Context, link: HubLink, conn, stop_at: float) -> dict:
    taken = {"new": 0, "had": 0, "done": False}
    state = {"member": link.bulk_member, "seq": link.bulk_seq, "missed": link.bulk_missed_seq}
    stores_known = {device for (device,) in ctx.db.execute("SELECT device_id FROM devices")}
    with hub_pages(conn, link.bulk_up_to, state["member"], state["seq"]) as pages:
        pieces = (piece for rows in pages for piece in _pieces([dict(zip(PULLED_NAMES, row)) for row in rows]))
        piece = next(pieces, None)

        def take_a_piece() -> bool:
            nonlocal piece
            for entry in piece:
                if entry["device_id"] not in stores_known:      # the chain's counters, for reports by store
                    ctx.db.execute("INSERT OR IGNORE INTO devices (device_id, store) VALUES (?, ?)",
                                   [entry["device_id"], entry["store"]])
                    stores_known.add(entry["device_id"])
            new, had = _write_piece(ctx, piece, state)
            taken["new"] += new
            taken["had"] += had
            note_progress(ctx, bulk_member=state["member"], bulk_seq=state["seq"], bulk_missed_seq=state["missed"],
                          last_pull_at=to_iso(ctx.clock.now()))           # in the piece's transaction
            piece = next(pieces, None)
            return piece is not None and time.monotonic() < stop_at

        if piece is not None:
            write_in_turns(ctx.db, take_a_piece, within=ctx.taking_in, budget_ms=TURN_MS,
                           quiet_within=lambda: _upkeep_deferred(ctx), outside_every_ms=OUTSIDE_EVERY_MS)
    if piece is None:           # every member up to the hub's number at the start
        last = link.bulk_up_to if state["missed"] is None else min(link.bulk_up_to, state["missed"] - 1)
        note_progress(ctx, pulled_hub_seq=last, last_pull_at=to_iso(ctx.clock.now()), bulk_up_to=None,
                      bulk_member=None, bulk_seq=0, bulk_missed_seq=None)
        taken["done"] = True
    return taken


@contextmanager
def hub_pages(conn, up_to: int, member: str | None, seq: int, columns: str = PULLED):
    """The hub's entries up to `up_to` after (member, seq), a page at a time, the next page asked
    for while this one is written (the hub and this counter work at once); `columns`: PULLED's, in
    its order (bulk_download.py asks for the times as text)."""
    def ask(member, seq) -> list:
        return conn.execute(f"SELECT {columns} FROM hub.hub_pull_by_member(%s, %s, %s, %s)",
                            (up_to, member, seq, PAGE)).fetchall()

    def pages():
        asked = pool.submit(ask, member, seq)
        while rows := asked.result():
            asked = pool.submit(ask, rows[-1][_MEMBER], rows[-1][_HUB_SEQ])
            yield rows

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="hub-pages") as pool:
        yield pages()


@contextmanager
def _upkeep_deferred(ctx: Context):
    """A turn's upkeep done once at its end: the seals, the report totals (the entries' row
    triggers set aside; storage/bulk.py)."""
    with ctx.taking_in(), triggers_set_aside(ctx.db, "entries"):
        yield


def _pieces(entries: list[dict]):
    """The page's entries (ordered by member) in pieces of whole members of about PIECE entries; a
    member with more is split (derived again with each piece: the last derivation holds)."""
    piece = []
    for entry in entries:
        if len(piece) >= PIECE and entry["member_uuid"] != piece[-1]["member_uuid"] or len(piece) >= 10 * PIECE:
            yield piece
            piece = []
        piece.append(entry)
    if piece:
        yield piece


def _write_piece(ctx: Context, piece: list[dict], state: dict) -> tuple[int, int]:
    """The piece's entries written at once, their members derived, the cursor moved on; returns
    (entries new here, entries here already)."""
    uuids = sorted({entry["member_uuid"] for entry in piece})
    member_ids = dict(rows_where_in(ctx.db, "SELECT uuid, id FROM members WHERE uuid IN ({})", uuids))
    rows = []
    for entry in piece:
        member_id = member_ids.get(entry["member_uuid"])
        if member_id is None:
            state["missed"] = min(state["missed"] or entry["hub_seq"], entry["hub_seq"])
            continue
        entry["created_at"] = to_iso(entry["created_at"])
        rows.append(taken_in_values(entry, member_id))
    last_id = ctx.db.execute("SELECT COALESCE(MAX(id), 0) FROM entries").fetchone()[0]
    ctx.db.conn.executemany(_INSERT, rows)
    new = ctx.db.execute("SELECT COUNT(*) FROM entries WHERE id > ?", [last_id]).fetchone()[0]
    replay_members(ctx, member_ids.values())
    recount_stock(ctx, [reward_id for (reward_id,) in ctx.db.execute(      # rewards given, or given back
        "SELECT DISTINCT COALESCE(e.reward_id, r.reward_id) FROM entries AS e LEFT JOIN entries AS r "
        "ON r.id = e.reverses_id WHERE e.id > ? AND COALESCE(e.reward_id, r.reward_id) IS NOT NULL", [last_id])])
    state["member"], state["seq"] = piece[-1]["member_uuid"], piece[-1]["hub_seq"]
    return new, len(rows) - new
