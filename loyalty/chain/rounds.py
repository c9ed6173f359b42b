"""One round of a counter's sync and what a person is told of it (docs/sync.md): `sync_once`
connects, sends what waits (members, erasures, entries), takes in what the other counters sent,
and disconnects; a hub it cannot reach is noted, never raised, so
that the app's background sync and `loyalty sync --watch` simply try again. `watch` is that
loop, the one `loyalty sync --watch` runs, woken early by the hub (listen.py) as the app is."""

import threading
import time
from dataclasses import dataclass
from typing import Callable

import psycopg

from ..common.clock import to_iso
from ..common.errors import LoyaltyError
from ..common.messages import Text, translated
from ..ledger.merges import move_what_arrived
from ..programme.context import Context
from ..storage import write_transaction
from .bulk_download import download_alone, side_file_no_longer_needed
from .first_download import download_first
from .link import HubLink, conninfo, hub_link, note_progress
from .listen import HubListener
from .problems import hub_problem
from .pull import pull_changes, pull_entries, pull_erasures, pull_members
from .upload import send_erasures, upload, upload_changes, upload_members

# Between two rounds: another till's sale shows here within about this long (bench/hub_counters.py:
# p99 0.95 s with 0.5 s, 1.97 s with 1 s when each till also waits for its own round to send).
# The app also sends a sale at once (ui/shell/sync_runner.py), so 1 s keeps within 2 s.
WATCH_EVERY_SECONDS = 1
STOP_LOOK_MS = 250          # how soon a watch waiting for its next round notices it was stopped


@dataclass(frozen=True)
class SyncState:
    joined: bool
    pending: int = 0                  # this counter's entries the hub has not acknowledged
    last_upload_at: str | None = None   # the last contact with the hub
    problem: str | None = None        # why the last round stopped; None when it went through
    sent: int = 0                     # entries sent in this round
    quarantined: int = 0              # of those, set aside by the hub for the owner (another fact, same id)
    downloading: int | None = None    # a first download under way: about how far, in % (first_download.py)
    problem_kind: str | None = None   # problems.OFFLINE (the till waits) or problems.OWNER (someone must act)
    to_take_in: int | None = None     # the other tills' entries on the hub not taken in here, at the last contact
    set_aside: int = 0                # this counter's entries the hub set aside for the owner, in all
    hub: str = ""                     # the hub's address, and this counter's store
    store: str = ""


def waiting_to_send(ctx: Context, link: HubLink) -> int:
    """This counter's entries the hub does not have yet."""
    return ctx.db.execute("SELECT COUNT(*) FROM entries WHERE device_id = ? AND device_seq > ?",
                          [ctx.device_id, link.uploaded_seq]).fetchone()[0]


def sync_state(ctx: Context, sent: int = 0, quarantined: int = 0) -> SyncState:
    """Where the sync stands, from the local database alone."""
    link = hub_link(ctx)
    if link is None:
        return SyncState(joined=False)
    pending = waiting_to_send(ctx, link)
    downloading = None
    if link.bulk_up_to:     # the entries' ids are dense: the largest says about how many are here
        taken = ctx.db.execute("SELECT COALESCE(MAX(id), 0) FROM entries").fetchone()[0] - pending
        downloading = max(0, min(99, 100 * taken // link.bulk_up_to))
    # The hub's numbers also count this counter's own entries, which are here already: what the
    # others sent is at most the difference.
    to_take_in = None if link.hub_head_seen is None else max(0, link.hub_head_seen - link.pulled_hub_seq)
    return SyncState(True, pending, link.last_upload_at, link.last_problem, sent, quarantined, downloading,
                     link.problem_kind, to_take_in, link.quarantined, f"{link.host}:{link.port}/{link.dbname}",
                     link.store)


def sync_once(ctx: Context, alone: Callable[[Text], None] | None = None) -> SyncState:
    """One round. `alone`: the round runs where nothing else has the file open (the command line),
    so a new counter's first download may build a file of its own (bulk_download.py), saying how
    far it is to this."""
    return _round(ctx, lambda conn: _whole_round(ctx, conn, alone))


def take_in_programme(ctx: Context) -> SyncState:
    """A till that has just joined (the setup's *Join a shop or chain*): the chain's programme and
    staff accounts at once, so that it signs in with the chain's accounts and counts by its rules
    from its first sale; the members and the ledger follow in the background rounds."""
    def programme_only(conn) -> None:
        pull_changes(ctx, "programme_changes", conn)
    return _round(ctx, programme_only)


def _whole_round(ctx: Context, conn, alone: Callable[[Text], None] | None = None):
    back_to_a_restored_hub(ctx, conn)
    upload_changes(ctx, "programme_changes", conn)
    pull_changes(ctx, "programme_changes", conn)          # the chain's programme before its entries
    upload_members(ctx, hub_link(ctx), conn)
    send_erasures(ctx, conn)
    upload_changes(ctx, "member_changes", conn)
    pull_members(ctx, hub_link(ctx), conn, alone=alone)
    pull_erasures(ctx, hub_link(ctx), conn)
    pull_changes(ctx, "member_changes", conn)
    first = download_alone(ctx, conn, alone) if alone else None
    if first is None:
        first = download_first(ctx, conn)      # a new counter: the chain's ledger member by member
        side_file_no_longer_needed(ctx)
    if first is None or first["done"]:
        pull_entries(ctx, hub_link(ctx), conn)
    move_what_arrived(ctx)              # points that reached members this counter merged away
    return upload(ctx, hub_link(ctx), conn, another=lambda: _connected(ctx, hub_link(ctx)))


# Each pull's cursor in hub_link, and the hub's newest number it follows (hub.hub_heads()); and
# the upload cursors of what a counter sends by its own numbering (entries go by the hub's
# position of this device, hub_position(), and need none).
PULL_CURSORS = (("pulled_hub_seq", "entries"), ("pulled_member_seq", "members"), ("pulled_erasure_seq", "erasures"),
                ("pulled_change_seq", "member_changes"), ("pulled_programme_seq", "programme_changes"))
SEND_CURSORS = ("uploaded_member_id", "uploaded_change_id", "uploaded_programme_id")


def back_to_a_restored_hub(ctx: Context, conn) -> bool:
    """A hub restored from a backup (a new `restored_as`) has lost what came after it and numbers
    again from there: this counter sends its members, changes and erasures again (the hub knows
    what it has by UUID) and takes each pull's cursor back to the numbers the restore left — not
    to the hub's newest now, which another till's re-sent entries may have raised — so that what
    the tills send again is taken in (what is here already is skipped by its UUID). True when so."""
    link = hub_link(ctx)
    restored_as, *newest = conn.execute("SELECT * FROM hub.hub_heads()").fetchone()
    restored_as = str(restored_as)
    if link.hub_restored_as == restored_as:
        return False
    if link.hub_restored_as is None:            # the first round since this version: nothing to mend
        note_progress(ctx, hub_restored_as=restored_as)
        return False
    heads = dict(zip((head for _, head in PULL_CURSORS), newest))
    with write_transaction(ctx.db):
        ctx.db.execute("DELETE FROM hub_erasures_sent")     # an erasure the hub lost is sent again
        note_progress(ctx, hub_restored_as=restored_as, **{cursor: 0 for cursor in SEND_CURSORS},
                      **{cursor: min(getattr(link, cursor), heads[head]) for cursor, head in PULL_CURSORS})
    return True


def _round(ctx: Context, work) -> SyncState:
    """Connects, does `work(conn)` (which may return what the upload sent), asks the hub where it
    stands, disconnects; a problem is noted in words (problems.py), never raised."""
    link = hub_link(ctx)
    if link is None:
        return SyncState(joined=False)
    try:
        with _connected(ctx, link) as conn:
            done = work(conn)
            here = hub_link(ctx)            # what still waits here, for the owner's list of tills
            head, quarantined = conn.execute("SELECT head, quarantined FROM hub.hub_my_state(%s, %s)",
                                             (waiting_to_send(ctx, here), here.pulled_hub_seq)).fetchone()
    except (psycopg.Error, LoyaltyError) as error:
        problem = hub_problem(error, f"{link.host}:{link.port}")
        # Kept as words in the language in use (the app's, or the command line's English): the
        # header shows them as they are, from any thread, after a restart too.
        note_progress(ctx, last_problem=translated(problem.sentence), problem_kind=problem.kind)
        return sync_state(ctx)
    # The hub was reached: a counter with nothing to send is in touch all the same (the offline
    # redemption limit, ledger/redemptions.py, counts from here).
    note_progress(ctx, last_problem=None, problem_kind=None, last_upload_at=to_iso(ctx.clock.now()),
                  hub_head_seen=head, quarantined=quarantined)
    return sync_state(ctx, done.sent, done.outcomes["quarantined"]) if done is not None else sync_state(ctx)


def _connected(ctx: Context, link: HubLink) -> psycopg.Connection:
    return psycopg.connect(conninfo(ctx, link), autocommit=True)


def watch(ctx: Context, stop: threading.Event, report: Callable[[SyncState], None],
          every: int | float = WATCH_EVERY_SECONDS) -> None:
    """Rounds until `stop` is set: one at once, then one every `every` seconds — or sooner, as soon
    as the hub says it took something (listen.py)."""
    woken = threading.Event()
    listener = HubListener(ctx, woken.set)
    listener.start()
    try:
        while not stop.is_set():
            report(sync_once(ctx))
            next_at = time.monotonic() + every
            while not (stop.is_set() or woken.is_set()) and time.monotonic() < next_at:
                woken.wait(min(STOP_LOOK_MS / 1000, max(0, next_at - time.monotonic())))
            woken.clear()
    finally:
        listener.stop()
