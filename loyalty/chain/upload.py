"""Sending this counter's members and entries to the hub (docs/sync.md). Members first (the
entries name them): those enrolled here after the last one sent, a batch at a time. Then the
entries after the last the hub holds of this device (it says where its copy ends), in the
device's order, a batch at a time, each batch one hub transaction and then one local one
recording how far it went. A batch interrupted anywhere is sent again whole, or not at all if
the hub had taken it: nothing is lost and nothing doubles."""

import json
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime

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


def _wire_time(stored: str) -> str:
    """A stored time in the wire's form: the way the app stores them (common/clock.to_iso: UTC,
    microseconds, +00:00) rewritten as text, any other parsed; canonical_json checks the result."""
    if len(stored) == 32 and stored.endswith("+00:00"):
        return f"{stored[:26]}Z"
    return wire.created_at_text(datetime.fromisoformat(stored))


def upload(ctx: Context, link: HubLink, conn, batch: int = BATCH) -> Uploaded:
    """Everything not yet acknowledged, over `conn` (a psycopg connection in autocommit, as this
    counter's role). While the hub takes one batch, the next is read and sealed here (one thread
    talks to the hub, in order); a batch is noted only after the hub took it and every one before."""
    done = Uploaded()
    seq, seal = _from_the_hubs_position(ctx, link, conn)
    latest_so_far = LatestSoFar(ctx, _first_id_after(ctx, seq))
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="hub-upload") as hub:
        sending = None
        while True:
            entries = wire_entries(ctx, link, seq, batch)
            if entries:
                payload, seal = wire.sealed_json(entries, seal)
                first, seq = seq, entries[-1]["device_seq"]
                following = (hub.submit(_ingest, conn, payload), first, seq, seal)
            if sending is not None:
                try:
                    _note(ctx, done, latest_so_far, *sending)
                except BaseException:
                    if entries:
                        following[0].cancel()
                    raise
            if not entries:
                return done
            sending = following


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


def _note(ctx: Context, done: Uploaded, latest_so_far: LatestSoFar, sent, after_seq: int, seq: int, seal: str) -> None:
    """The hub took the batch: noted, and the members of its entries derived again where this
    counter posted one before an entry it had pulled (a clock behind the other till's; the
    other counters do the same as they take it in: ledger/replay.py)."""
    for outcome in sent.result():
        done.outcomes[outcome] += 1
    with write_transaction(ctx.db):
        done.replayed += _derive_again_where_out_of_order(ctx, after_seq, seq, latest_so_far)
        note_progress(ctx, uploaded_seq=seq, uploaded_seal=seal, last_upload_at=to_iso(ctx.clock.now()),
                      last_problem=None)
    done.batches += 1


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
