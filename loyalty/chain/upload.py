"""Sending this counter's members and entries to the hub (docs/sync.md). Members first (the
entries name them): those enrolled here after the last one sent, a batch at a time. Then the
entries after the last the hub holds of this device (it says where its copy ends), in the
device's order, a batch at a time, each batch one hub transaction and then one local one
recording how far it went. A batch interrupted anywhere is sent again whole, or not at all if
the hub had taken it: nothing is lost and nothing doubles."""

import json
import logging
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable

import psycopg

from ..common.clock import to_iso
from ..common.errors import ConflictError
from ..common.messages import t
from ..ledger.replay import LatestSoFar, replay_where_out_of_order
from ..programme.context import Context
from ..storage import write_transaction
from . import wire
from .link import HubLink, hub_link, note_progress

log = logging.getLogger(__name__)

BATCH = 1_000

_OWN_ENTRIES = """
    SELECT e.uuid, e.device_id, e.device_seq, m.uuid AS member_uuid, e.kind, e.points, e.amount_cents,
           e.spend_cents, e.receipt_ref, e.reason, e.bonus_kind, e.tier_code, e.staff_id AS staff,
           r.uuid AS reverses_uuid, e.detail, e.created_at, e.idempotency_key, rw.uuid AS reward_uuid,
           c.uuid AS campaign_uuid
    FROM entries e JOIN members m ON m.id = e.member_id LEFT JOIN entries r ON r.id = e.reverses_id
         LEFT JOIN rewards rw ON rw.id = e.reward_id LEFT JOIN campaigns c ON c.id = e.campaign_id
    WHERE e.device_id = ? AND e.device_seq > ? ORDER BY e.device_seq LIMIT ?"""


# The same entries as their canonical JSON, written by SQLite (wire.canonical_json_in_sqlite), NULL
# for one whose values are not plainly in their wire form. The device and the store, the same for
# every entry, are parameters.
_OWN_CANONICAL = f"""
    SELECT e.device_seq, {wire.canonical_json_in_sqlite({
        **{name: f"e.{name}" for name in wire.SEALED_FIELDS}, "device_id": ":device", "store": ":store",
        "staff": "e.staff_id", "member_uuid": "m.uuid", "reverses_uuid": "r.uuid", "reward_uuid": "rw.uuid",
        "campaign_uuid": "c.uuid"})}
    FROM entries e JOIN members m ON m.id = e.member_id LEFT JOIN entries r ON r.id = e.reverses_id
         LEFT JOIN rewards rw ON rw.id = e.reward_id LEFT JOIN campaigns c ON c.id = e.campaign_id
    WHERE e.device_id = :device AND e.device_seq > :after ORDER BY e.device_seq LIMIT :limit"""


_OWN_MEMBERS = """
    SELECT m.id, m.uuid, m.card, m.name, m.phone, m.email, m.birthday, m.marketing_consent, m.marketing_consent_at,
           m.profiling_consent, m.profiling_consent_at, m.joined_at, r.uuid AS referrer_uuid, m.external_id
    FROM members m LEFT JOIN members r ON r.id = m.referrer_id
    WHERE m.id > ? AND m.status != 'erased' AND m.id NOT IN (SELECT member_id FROM hub_members_pulled)
    ORDER BY m.id LIMIT ?"""


def upload_members(ctx: Context, link: HubLink, conn, batch: int = BATCH) -> dict:
    """The members enrolled here that the hub has not had yet, with their card and details;
    an erased member's personal data never leaves. Outcomes counted as for entries."""
    outcomes = {"new": 0, "duplicate": 0, "quarantined": 0}
    after = link.uploaded_member_id
    while rows := list(ctx.db.query(_OWN_MEMBERS, [after, batch])):
        members = [{**{name: value for name, value in row.items() if name != "id"},
                    "marketing_consent": bool(row["marketing_consent"]),
                    "profiling_consent": bool(row["profiling_consent"])} for row in rows]
        for (outcome,) in conn.execute("SELECT outcome FROM hub.hub_ingest_members(%s::jsonb)",
                                       (json.dumps(members),)).fetchall():
            outcomes[outcome] += 1
        after = rows[-1]["id"]
        note_progress(ctx, uploaded_member_id=after)
    return outcomes


# The logs of changes stamped by the chain's clock (hub_schema._change_log), each with the query of
# this counter's own and the link's column of how far they were sent.
_CHANGE_LOGS = {
    "member_changes": ("SELECT c.id, c.uuid, m.uuid AS member_uuid, c.field, c.value, c.hlc, c.staff_id AS staff, "
                       "c.changed_at FROM member_changes c JOIN members m ON m.id = c.member_id "
                       "WHERE c.device_id = ? AND c.id > ? ORDER BY c.id LIMIT ?", "uploaded_change_id"),
    "programme_changes": ("SELECT id, uuid, kind, key, value, hlc, staff_id AS staff, changed_at FROM programme_changes "
                          "WHERE device_id = ? AND id > ? ORDER BY id LIMIT ?", "uploaded_programme_id"),
}


def upload_changes(ctx: Context, log_name: str, conn, batch: int = BATCH) -> int:
    """This counter's changes of one log (member edits: people/member_changes.py; the programme:
    programme/shared.py) that the hub has not had, a batch at a time; an erased member's go
    without their values. Returns how many the hub had not."""
    own, cursor = _CHANGE_LOGS[log_name]
    added, after = 0, getattr(hub_link(ctx), cursor)
    while rows := list(ctx.db.query(own, [ctx.device_id, after, batch])):
        changes = [{**{name: value for name, value in row.items() if name not in ("id", "value")},
                    "value": None if row["value"] is None else json.loads(row["value"])} for row in rows]
        added += conn.execute(f"SELECT hub.hub_ingest_{log_name}(%s::jsonb)", (json.dumps(changes),)).fetchone()[0]
        after = rows[-1]["id"]
        note_progress(ctx, **{cursor: after})
    return added


def send_erasures(ctx: Context, conn) -> int:
    """Every member erased here whose erasure the hub has not had: the hub wipes what it holds of
    them. (Members erased before they were ever sent have nothing there; their erasure is sent
    all the same, so that the other counters learn of it.)"""
    pending = [uuid for (uuid,) in ctx.db.execute(
        "SELECT uuid FROM members WHERE status = 'erased' AND uuid NOT IN (SELECT member_uuid FROM hub_erasures_sent)")]
    for member_uuid in pending:
        conn.execute("SELECT hub.hub_erase_member(%s)", (member_uuid,))
        with write_transaction(ctx.db):
            ctx.db.execute("INSERT INTO hub_erasures_sent (member_uuid, sent_at) VALUES (?, ?)",
                           [member_uuid, to_iso(ctx.clock.now())])
    return len(pending)


@dataclass
class Uploaded:
    batches: int = 0
    replayed: int = 0
    outcomes: dict = field(default_factory=lambda: {"new": 0, "duplicate": 0, "quarantined": 0})

    @property
    def sent(self) -> int:
        return sum(self.outcomes.values())


def wire_entries(ctx: Context, link: HubLink, after_seq: int, limit: int) -> list[dict]:
    """This device's entries after `after_seq`, as the hub takes them (not yet sealed)."""
    entries = []
    for row in ctx.db.query(_OWN_ENTRIES, [ctx.device_id, after_seq, limit]):
        values = {name: None for name in wire.SEALED_FIELDS}
        values.update(row)
        values["store"] = link.store
        values["created_at"] = _wire_time(row["created_at"])
        entries.append(values)
    return entries


def canonical_entries(ctx: Context, link: HubLink, after_seq: int, limit: int,
                      by_sqlite: bool = True) -> list[tuple[int, str]]:
    """This device's entries after `after_seq` as (device_seq, canonical JSON), written by SQLite
    where it writes them as wire.canonical_json does (`by_sqlite`: this SQLite was checked to) and
    the entry's values are plainly in their wire form, by wire.canonical_json otherwise (which
    refuses a value it cannot send, naming the field)."""
    if not by_sqlite:
        return [(entry["device_seq"], wire.canonical_json(entry))
                for entry in wire_entries(ctx, link, after_seq, limit)]
    rows = ctx.db.execute(_OWN_CANONICAL, {"device": ctx.device_id, "after": after_seq, "limit": limit,
                                           "store": link.store}).fetchall()
    return [(seq, canonical if canonical is not None else wire.canonical_json(wire_entries(ctx, link, seq - 1, 1)[0]))
            for seq, canonical in rows]


def _wire_time(stored: str) -> str:
    """A stored time in the wire's form: the way the app stores them (common/clock.to_iso: UTC,
    microseconds, +00:00) rewritten as text, any other parsed; canonical_json checks the result."""
    if len(stored) == 32 and stored.endswith("+00:00"):
        return f"{stored[:26]}Z"
    return wire.created_at_text(datetime.fromisoformat(stored))


def upload(ctx: Context, link: HubLink, conn, batch: int = BATCH,
           another: Callable[[], AbstractContextManager] | None = None) -> Uploaded:
    """Everything not yet acknowledged, over `conn` (a psycopg connection in autocommit, as this
    counter's role). While the hub takes one batch, the next is read, sealed and queued here. With
    `another` (opens a second connection like `conn`), a history of more than one batch goes over
    two, taking turns: the hub reads and checks one batch while it inserts the one before (hub step
    18), on two of its PC's cores. The hub numbers batches in the order they reach its lock; one
    that got there before the one it follows (refused: a gap) is sent again once that one is taken.
    A batch is noted here only after the hub took it and every one before."""
    done = Uploaded()
    seq, seal = _from_the_hubs_position(ctx, link, conn)
    latest_so_far = LatestSoFar(ctx, _first_id_after(ctx, seq))
    in_flight: deque[_Sending] = deque()
    by_sqlite = wire.sqlite_writes_canonical_json(ctx.db)
    with ExitStack() as closing:
        senders = [(conn, closing.enter_context(ThreadPoolExecutor(1, thread_name_prefix="hub-upload")))]
        try:
            while True:
                entries = canonical_entries(ctx, link, seq, batch, by_sqlite)
                if entries:
                    if in_flight and another is not None:
                        if other := _second_connection(closing, another):
                            pool = ThreadPoolExecutor(1, thread_name_prefix="hub-upload-2")
                            senders.append((other, closing.enter_context(pool)))
                        another = None          # asked for once
                    payload, seal = wire.sealed_texts([canonical for _, canonical in entries], seal)
                    first, seq = seq, entries[-1][0]
                    on, sender = senders[(done.batches + len(in_flight)) % len(senders)]
                    in_flight.append(_Sending(sender.submit(_ingest, on, payload), on, payload, first, seq, seal,
                                              behind=bool(in_flight)))
                while in_flight and (not entries or len(in_flight) > len(senders)):
                    _note(ctx, done, latest_so_far, in_flight)
                if not entries:
                    return done
        except BaseException:
            for sending in in_flight:   # not sent after all (each pool waits for the one it is sending)
                sending.future.cancel()
            raise


def _second_connection(closing: ExitStack, another: Callable[[], AbstractContextManager]):
    """A second connection to the hub, closed with `closing`; a speed-up, never needed: None when
    the hub refuses it (its connections all taken, say)."""
    try:
        return closing.enter_context(another())
    except psycopg.OperationalError as error:
        log.warning("A second connection to the hub could not be opened (%s): the upload goes on over one", error)
        return None


@dataclass
class _Sending:
    """A batch sent to the hub and not yet noted here."""
    future: Future
    conn: object
    payload: str
    after_seq: int
    seq: int
    seal: str
    behind: bool                # sent while the batch before it was still on its way
    outcomes: list[str] | None = None


def _from_the_hubs_position(ctx: Context, link: HubLink, conn) -> tuple[int, str]:
    """Where the hub's copy of this device's chain ends is where the upload goes on: past what this
    counter noted when it was killed after the hub took a batch; back when the hub was restored
    from a backup older than what it had acknowledged. A hub holding more of this device than
    this counter has is refused: the counter's file is older than what it sent (restored from a
    backup), and what it posts next would take numbers the hub has already seen."""
    hub_seq, hub_seal = conn.execute("SELECT last_seq, last_seal FROM hub.hub_position()").fetchone()
    if (hub_seq, hub_seal) == (link.uploaded_seq, link.uploaded_seal):
        return hub_seq, hub_seal
    have = ctx.db.execute("SELECT COALESCE(MAX(device_seq), 0) FROM entries WHERE device_id = ?",
                          [ctx.device_id]).fetchone()[0]
    if hub_seq > have:
        raise ConflictError(t("hub: the hub has {hub} entries from this counter but this file has only {have}: it "
                              "is older than what it sent (restored from a backup?). Join this counter again as a "
                              "new one (loyalty hub add-counter) before it posts anything more",
                              hub=hub_seq, have=have), "hub")
    log.warning("Upload goes on from the hub's position %s (this counter had noted %s)", hub_seq, link.uploaded_seq)
    with write_transaction(ctx.db):
        if hub_seq > link.uploaded_seq:      # taken by the hub, never noted here: as if noted now
            _derive_again_where_out_of_order(ctx, link.uploaded_seq, hub_seq)
        note_progress(ctx, uploaded_seq=hub_seq, uploaded_seal=hub_seal)
    return hub_seq, hub_seal


def _ingest(conn, payload: str) -> list[str]:
    return [outcome for (outcome,) in conn.execute("SELECT outcome FROM hub.hub_ingest(%s::json)",
                                                   (payload,)).fetchall()]


def _note(ctx: Context, done: Uploaded, latest_so_far: LatestSoFar, in_flight: deque) -> None:
    """The oldest batch in flight, once the hub took it: noted, and the members of its entries
    derived again where this counter posted one before an entry it had pulled (a clock behind the
    other till's; the other counters do the same as they take it in: ledger/replay.py)."""
    sending = in_flight[0]
    if sending.outcomes is None:
        try:
            sending.outcomes = sending.future.result()
        except psycopg.Error:
            if not sending.behind:
                raise
            _again_in_order(in_flight)
    in_flight.popleft()
    for outcome in sending.outcomes:
        done.outcomes[outcome] += 1
    with write_transaction(ctx.db):
        done.replayed += _derive_again_where_out_of_order(ctx, sending.after_seq, sending.seq, latest_so_far)
        note_progress(ctx, uploaded_seq=sending.seq, uploaded_seal=sending.seal,
                      last_upload_at=to_iso(ctx.clock.now()), last_problem=None)
    done.batches += 1


def _again_in_order(in_flight: deque) -> None:
    """A batch refused while the one before it was on its way (it reached the hub's lock first):
    every batch in flight is awaited, then each one refused is sent again, in order, nothing else
    meanwhile (the ones after it were most likely refused for the same reason). A batch refused
    again is refused for what it holds: raised."""
    wait([sending.future for sending in in_flight])
    for sending in in_flight:
        try:
            sending.outcomes = sending.future.result()
        except psycopg.Error:
            log.info("The batch after %s reached the hub before the one it follows: sent again", sending.after_seq)
            sending.outcomes = _ingest(sending.conn, sending.payload)


def _derive_again_where_out_of_order(ctx: Context, after_seq: int, seq: int,
                                     latest_so_far: LatestSoFar | None = None) -> int:
    posted = [entry_id for (entry_id,) in ctx.db.execute(
        "SELECT id FROM entries WHERE device_id = ? AND device_seq > ? AND device_seq <= ?",
        [ctx.device_id, after_seq, seq])]
    return replay_where_out_of_order(ctx, posted, latest_so_far)


def _first_id_after(ctx: Context, seq: int) -> int:
    """The id of this device's first entry after `seq` (its entries' ids grow with their numbers)."""
    return ctx.db.execute("SELECT COALESCE(MIN(id), 0) FROM entries WHERE device_id = ? AND device_seq > ?",
                          [ctx.device_id, seq]).fetchone()[0]
