"""Taking in what the other counters sent (docs/sync.md): the members they enrolled, so that a
card enrolled at one till opens at every till, and the chain's erasures, so that a member erased
at one till is erased everywhere; and their ledger entries, so that points earned at one till
can be spent at another. Each kind after its own cursor, a batch at a time, each batch one local
transaction with its cursor."""

import logging
from collections import deque
from contextlib import contextmanager, nullcontext
from typing import Callable

from ..common.clock import to_iso
from ..common.messages import Text, t
from ..common.text import digits_only, fold
from ..exchange.privacy import erase_as_the_chain_did, forget_freed_pages
from ..ledger.entries import take_in_entry
from ..ledger.replay import members_out_of_order, replay_members
from ..ledger.tier_timeline import derive_tiers
from ..people.cards import normalize_card_text
from ..people.member_changes import take_in_change
from ..programme.context import Context
from ..programme.rules import load_tiers
from ..programme.shared import take_in_programme_change
from ..retention.complaints import COMPLAINT_FIELD, apply_complaint
from ..retention.survey import SURVEY_FIELD, apply_questions, apply_response
from ..storage import write_transaction
from ..storage.bulk import indexes_set_aside, rows_where_in, triggers_set_aside
from ..storage.turns import write_in_turns
from .link import HubLink, hub_link, note_progress

log = logging.getLogger(__name__)

BATCH = 1_000
BULK_BATCH = 10_000     # members a batch in a round of the command line (`alone`)
BULK_MEMBERS = 50_000   # a first download of at least so many members takes them in one go

# A page of the hub's members as _take_in_page stages them (each time in the shop's form), and the
# steps that take them in (the referrers linked once the page's members are in: one may refer another).
_PAGE_COLUMNS = ("seq INTEGER PRIMARY KEY, uuid TEXT, card TEXT, name TEXT, sort_name TEXT, phone TEXT, "
                 "phone_digits TEXT, email TEXT, birthday TEXT, marketing_consent INTEGER, marketing_consent_at TEXT, "
                 "profiling_consent INTEGER, profiling_consent_at TEXT, joined_at TEXT, external_id TEXT, "
                 "referrer_uuid TEXT, home_store TEXT")
_PAGE_WIDTH = _PAGE_COLUMNS.count(",") + 1
_INSERT_MEMBERS = """
    INSERT INTO members (uuid, card, name, sort_name, phone, phone_digits, email, birthday, marketing_consent,
                         marketing_consent_at, profiling_consent, profiling_consent_at, joined_at, tier_code, tier_since,
                         external_id, home_store)
    SELECT uuid, card, name, sort_name, phone, phone_digits, email, birthday, marketing_consent, marketing_consent_at,
           profiling_consent, profiling_consent_at, joined_at, ?, joined_at, external_id, home_store
    FROM temp.hub_members_page WHERE outcome IS NULL ORDER BY seq"""
_LINK_REFERRERS = """
    UPDATE members SET referrer_id = r.id
    FROM temp.hub_members_page AS p JOIN main.members AS r ON r.uuid = p.referrer_uuid
    WHERE p.outcome = 'new' AND members.uuid = p.uuid"""
_INSERT_CARDS = """
    INSERT INTO cards (number, member_id, status, issued_at)
    SELECT p.card, m.id, 'active', p.joined_at FROM temp.hub_members_page AS p JOIN main.members AS m ON m.uuid = p.uuid
    WHERE p.outcome = 'new' ORDER BY p.seq
    ON CONFLICT (number) DO UPDATE SET member_id = excluded.member_id, status = 'active', replaced_by = NULL,
                                       issued_at = excluded.issued_at"""


def pull_members(ctx: Context, link: HubLink, conn, batch: int = BATCH,
                 alone: Callable[[Text], None] | None = None) -> dict:
    """The members the hub has that this counter has not: each with its card, in the base tier
    (their tier follows from their entries). A member already here (this counter's own) is
    skipped; one whose card number a member here already holds is left out and logged (the hub
    set the same clash aside). `alone` (as sync_once's, told each stage): a round of the command line
    or of the app's first start, where nothing else usually has
    the file open (a new counter's first download, bulk_download.py): batches of BULK_BATCH, the
    members' row triggers set aside in each (the name search index filled once a batch:
    storage/bulk.py) — a schema change, which any other connection pays for by preparing its
    statements again; the window's rounds never do it. A new counter's first download of more
    members than it holds goes further (_in_one_go), and tells `alone` how far it is after each page."""
    taken = {"new": 0, "known": 0, "clash": 0}
    base = load_tiers(ctx.db)[0].code
    waiting = _many_to_take(ctx, link, conn) if alone else None
    with _in_one_go(ctx.db) if waiting else nullcontext():
        for rows in _pages_of_members(conn, link.pulled_member_seq, BULK_BATCH if alone else batch):
            with write_transaction(ctx.db), triggers_set_aside(ctx.db, "members") if alone and not waiting \
                    else nullcontext():
                _take_in_page(ctx, rows, base, taken)
                note_progress(ctx, pulled_member_seq=rows[-1][0])     # in the batch's transaction
            if waiting:
                alone(t("first download: {done} of {total} members taken in", done=sum(taken.values()),
                        total=waiting))
    return taken


def _take_in_page(ctx: Context, rows: list[tuple], base: str, taken: dict) -> None:
    """A page of the hub's members taken in, with their cards, a statement for all of them per step
    (a statement per member and step was most of a million members' time); counted into `taken`."""
    db = ctx.db
    db.execute(f"CREATE TEMP TABLE IF NOT EXISTS hub_members_page ({_PAGE_COLUMNS}, outcome TEXT)")
    db.execute("DELETE FROM temp.hub_members_page")
    db.conn.executemany(f"INSERT INTO temp.hub_members_page VALUES ({', '.join('?' * _PAGE_WIDTH)}, NULL)", [
        (seq, member_uuid, normalize_card_text(card), name, fold(name), phone, digits_only(phone or "") or None,
         email, birthday, int(marketing), marketing_at and to_iso(marketing_at), int(profiling),
         profiling_at and to_iso(profiling_at), to_iso(joined_at), external_id, referrer_uuid, store)
        for (seq, member_uuid, card, name, phone, email, birthday, marketing, marketing_at, profiling, profiling_at,
             joined_at, external_id, referrer_uuid, store) in rows])
    db.execute("UPDATE temp.hub_members_page SET outcome = 'known' WHERE uuid IN (SELECT uuid FROM main.members)")
    # A number retired here (re-issued when this shop joined another's chain) goes to the member who
    # holds it on the hub; one a member here holds keeps that member's.
    db.execute("UPDATE temp.hub_members_page SET outcome = 'clash' WHERE outcome IS NULL AND EXISTS "
               "(SELECT 1 FROM main.cards AS c WHERE c.number = hub_members_page.card AND c.status != 'replaced')")
    for member_uuid, card in db.execute("SELECT uuid, card FROM temp.hub_members_page WHERE outcome = 'clash'"):
        log.warning("Hub member %s not taken in: card %s is another member's here", member_uuid, card)
    db.execute(_INSERT_MEMBERS, [base])
    db.execute("UPDATE temp.hub_members_page SET outcome = 'new' WHERE outcome IS NULL")
    db.execute(_LINK_REFERRERS)
    db.execute(_INSERT_CARDS)
    db.execute("INSERT INTO hub_members_pulled (member_id) SELECT m.id FROM temp.hub_members_page AS p "
               "JOIN main.members AS m ON m.uuid = p.uuid WHERE p.outcome = 'new'")
    for outcome, count in db.execute("SELECT outcome, COUNT(*) FROM temp.hub_members_page GROUP BY outcome"):
        taken[outcome] += count


def _many_to_take(ctx: Context, link: HubLink, conn) -> int | None:
    """How many members wait on the hub, when they are more than this counter holds and BULK_MEMBERS
    at least: a new counter's first download (a round that takes in a few would rebuild every index
    for them). None otherwise."""
    waiting = conn.execute("SELECT members FROM hub.hub_heads()").fetchone()[0] - link.pulled_member_seq
    return waiting if waiting >= max(BULK_MEMBERS, ctx.db.execute("SELECT COUNT(*) FROM members").fetchone()[0]) \
        else None


@contextmanager
def _in_one_go(db):
    """Every page of members in one transaction (each page's a savepoint), the members' and cards'
    indexes but those the taking-in looks up set aside and built once at the end, and the members'
    row triggers' work done once: each member would otherwise land on a random page of eight
    indexes (1 M members: 156 s in a transaction a page, 74 s so; bench/README.md). An interrupted
    go starts again (the hub sends a million members in 3 s)."""
    with write_transaction(db), indexes_set_aside(db, "members", keep=("members_uuid",)), \
            indexes_set_aside(db, "cards"), triggers_set_aside(db, "members"):
        yield


def _pages_of_members(conn, after: int, batch: int):
    """The hub's members after `after`, a page at a time."""
    while rows := _page_of_members(conn, after, batch):
        yield rows
        after = rows[-1][0]


def _page_of_members(conn, after: int, batch: int) -> list[tuple]:
    return conn.execute("SELECT member_seq, uuid::text, card, name, phone, email, birthday::text, marketing_consent, "
                        "marketing_consent_at, profiling_consent, profiling_consent_at, joined_at, external_id, "
                        "referrer_uuid::text, store FROM hub.hub_pull_members(%s, %s)", (after, batch)).fetchall()


def pull_erasures(ctx: Context, link: HubLink, conn, batch: int = BATCH) -> int:
    """The chain's erasures: a member erased at another counter is erased here too, then the
    file is rewritten without the freed pages (once for the batch)."""
    erased, after = 0, link.pulled_erasure_seq
    while rows := conn.execute("SELECT erasure_seq, member_uuid::text FROM hub.hub_pull_erasures(%s, %s)",
                               (after, batch)).fetchall():
        for seq, member_uuid in rows:
            if erase_as_the_chain_did(ctx, member_uuid):
                erased += 1
            with write_transaction(ctx.db):
                ctx.db.execute("INSERT OR IGNORE INTO hub_erasures_sent (member_uuid, sent_at) VALUES (?, ?)",
                               [member_uuid, to_iso(ctx.clock.now())])
        after = rows[-1][0]
        note_progress(ctx, pulled_erasure_seq=after)
    if erased:
        forget_freed_pages(ctx)
    return erased


def pull_changes(ctx: Context, log_name: str, conn, batch: int = BATCH) -> dict:
    """The other counters' changes of one log, in the hub's order, each kept and applied where it
    is the latest of its field, setting, tier or account (people/member_changes.take_in_change,
    programme/shared.take_in_programme_change), a batch per local transaction with the cursor. A
    member's change whose member is not here yet stops the pull at it."""
    own_columns, cursor, take = _CHANGE_LOGS[log_name]
    taken, after = {"new": 0, "had": 0}, getattr(hub_link(ctx), cursor)
    while rows := conn.execute(f"SELECT change_seq, uuid::text, {own_columns}, value, hlc, device_id::text, staff, "
                               f"changed_at FROM hub.hub_pull_{log_name}(%s, %s)", (after, batch)).fetchall():
        with write_transaction(ctx.db):
            for seq, change_uuid, *own, value, hlc, device_id, staff, changed_at in rows:
                done = take(ctx, own, {"uuid": change_uuid, "value": value, "hlc": hlc, "device_id": device_id,
                                       "staff_id": staff or "", "changed_at": to_iso(changed_at)})
                if done is None:
                    note_progress(ctx, **{cursor: after})
                    return taken
                taken["new" if done else "had"] += 1
                after = seq
            note_progress(ctx, **{cursor: after})
    return taken


def _take_member_change(ctx: Context, own: list, change: dict) -> bool | None:
    member_uuid, field = own
    member = ctx.db.execute("SELECT id FROM members WHERE uuid = ?", [member_uuid]).fetchone()
    if member is None:
        log.warning("Hub change %s waits for its member %s", change["uuid"], member_uuid)
        return None
    apply = next((apply for prefix, apply in _RECORDS_OF_MEMBERS.items() if field.startswith(prefix)), None)
    return take_in_change(ctx, member[0], {**change, "field": field}, apply)


# Records of other packages that travel as a member's changes, by their fields' prefix, and how
# each is applied (a plain field of the member: people/member_changes.apply_field).
_RECORDS_OF_MEMBERS = {COMPLAINT_FIELD: apply_complaint, SURVEY_FIELD: apply_response}


def _take_programme_change(ctx: Context, own: list, change: dict) -> bool:
    kind, key = own
    return take_in_programme_change(ctx, {**change, "kind": kind, "key": key},
                                    apply_questions if kind == "survey" else None)


# Each log's own columns, the link's cursor for it, and how a change of it is taken in.
_CHANGE_LOGS = {
    "member_changes": ("member_uuid::text, field", "pulled_change_seq", _take_member_change),
    "programme_changes": ("kind, key", "pulled_programme_seq", _take_programme_change),
}


PULLED = ("hub_seq, uuid::text, device_id::text, device_seq, member_uuid::text, kind, points, amount_cents, "
           "spend_cents, receipt_ref, reason, bonus_kind, tier_code, staff, reverses_uuid::text, detail, created_at, "
           "idempotency_key, store, reward_uuid::text, campaign_uuid::text")
PULLED_NAMES = ("hub_seq", "uuid", "device_id", "device_seq", "member_uuid", "kind", "points", "amount_cents",
                 "spend_cents", "receipt_ref", "reason", "bonus_kind", "tier_code", "staff_id", "reverses_uuid", "detail",
                 "created_at", "idempotency_key", "store", "reward_uuid", "campaign_uuid")
PIECE = 10      # entries taken in between two looks at the clock of a turn (storage/turns.py)


def pull_entries(ctx: Context, link: HubLink, conn, batch: int = BATCH) -> dict:
    """The other counters' entries after this counter's cursor, in the hub's order, each taken in
    with this counter's balance and lots kept in step (ledger/entries.take_in_entry); a member
    whose entries came out of the ledger's total order is derived again (ledger/replay.py). The
    local writes go in turns with the counter (storage/turns.py): a piece of entries at a time
    with the cursor, so a sale never waits behind a big catch-up. An entry whose member is not
    here yet stops the pull at it (the next round goes on from there once the member has come)."""
    taken = {"new": 0, "had": 0, "replayed": 0}
    after, own = link.pulled_hub_seq, ctx.device_id
    stores_known = {device for (device,) in ctx.db.execute("SELECT device_id FROM devices")}
    while rows := conn.execute(f"SELECT {PULLED} FROM hub.hub_pull(%s, %s)", (after, batch)).fetchall():
        pending, waiting = deque(rows), False

        def take_a_piece() -> bool:
            nonlocal after, waiting
            taken_in = []
            for _ in range(min(PIECE, len(pending))):
                values = dict(zip(PULLED_NAMES, pending[0]))
                if values["device_id"] not in stores_known:      # the chain's counters, for reports by store
                    ctx.db.execute("INSERT OR IGNORE INTO devices (device_id, store) VALUES (?, ?)",
                                   [values["device_id"], values["store"]])
                    stores_known.add(values["device_id"])
                if values["device_id"] != own:
                    member = ctx.db.execute("SELECT id FROM members WHERE uuid = ?", [values["member_uuid"]]).fetchone()
                    if member is None:
                        log.warning("Hub entry %s waits for its member %s", values["uuid"], values["member_uuid"])
                        waiting = True
                        break
                    values["created_at"] = to_iso(values["created_at"])
                    done = take_in_entry(ctx, member[0], values)
                    taken["new" if done else "had"] += 1
                    taken_in += [done] if done else []
                pending.popleft()
                after = values["hub_seq"]
            replayed = members_out_of_order(ctx, taken_in)
            replay_members(ctx, replayed)           # their tiers with them
            taken["replayed"] += len(replayed)
            derive_tiers(ctx, {member_id for (member_id,) in rows_where_in(
                ctx.db, "SELECT member_id FROM entries WHERE id IN ({}) AND spend_cents != 0", taken_in)} - replayed)
            note_progress(ctx, pulled_hub_seq=after, last_pull_at=to_iso(ctx.clock.now()))   # in the piece's transaction
            return bool(pending) and not waiting

        # Each turn with the settings read once and the seals brought up to date once at its end.
        # Longer turns (400 ms) took in 5,400 entries/s instead of 3,600 but kept a sale waiting
        # for their commit (p50 40 ms instead of 17: bench/README.md, "The hub").
        write_in_turns(ctx.db, take_a_piece, within=ctx.taking_in)
        if waiting:
            break
    return taken
