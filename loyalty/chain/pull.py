"""Taking in what the other counters sent (docs/sync.md): the members they enrolled, so that a
card enrolled at one till opens at every till, and the chain's erasures, so that a member erased
at one till is erased everywhere. Each kind after its own cursor, a batch at a time, each batch
one local transaction with its cursor. (The other counters' ledger entries follow.)"""

import logging

from ..common.clock import to_iso
from ..common.text import digits_only, fold
from ..exchange.privacy import erase_as_the_chain_did, forget_freed_pages
from ..people.cards import normalize_card_text
from ..programme.context import Context
from ..programme.ladder import DEFAULT_TIERS
from ..programme.rules import load_tiers
from ..storage import write_transaction
from .link import HubLink, note_progress

log = logging.getLogger(__name__)

BATCH = 1_000

_INSERT_MEMBER = """INSERT INTO members (uuid, card, name, sort_name, phone, phone_digits, email, birthday,
                        marketing_consent, marketing_consent_at, profiling_consent, profiling_consent_at, joined_at,
                        tier_code, tier_since, external_id, referrer_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                            (SELECT id FROM members WHERE uuid = ?))"""


def pull_members(ctx: Context, link: HubLink, conn, batch: int = BATCH) -> dict:
    """The members the hub has that this counter has not: each with its card, in the base tier
    (their tier follows from their entries). A member already here (this counter's own) is
    skipped; one whose card number a member here already holds is left out and logged (the hub
    set the same clash aside)."""
    taken = {"new": 0, "known": 0, "clash": 0}
    after = link.pulled_member_seq
    base = (load_tiers(ctx.db) or list(DEFAULT_TIERS))[0].code
    while rows := conn.execute("SELECT member_seq, uuid::text, card, name, phone, email, birthday::text, "
                               "marketing_consent, marketing_consent_at, profiling_consent, profiling_consent_at, "
                               "joined_at, external_id, referrer_uuid::text FROM hub.hub_pull_members(%s, %s)",
                               (after, batch)).fetchall():
        with write_transaction(ctx.db):
            for (seq, member_uuid, card, name, phone, email, birthday, marketing, marketing_at, profiling,
                 profiling_at, joined_at, external_id, referrer_uuid) in rows:
                if ctx.db.execute("SELECT 1 FROM members WHERE uuid = ?", [member_uuid]).fetchone():
                    taken["known"] += 1
                    continue
                card = normalize_card_text(card)
                if ctx.db.execute("SELECT 1 FROM cards WHERE number = ?", [card]).fetchone():
                    log.warning("Hub member %s not taken in: card %s is another member's here", member_uuid, card)
                    taken["clash"] += 1
                    continue
                joined = to_iso(joined_at)
                member_id = ctx.db.execute(_INSERT_MEMBER, [
                    member_uuid, card, name, fold(name), phone, digits_only(phone or "") or None, email, birthday,
                    int(marketing), marketing_at and to_iso(marketing_at), int(profiling),
                    profiling_at and to_iso(profiling_at), joined, base, joined, external_id, referrer_uuid]).lastrowid
                ctx.db.execute("INSERT INTO cards(number, member_id, status, issued_at) VALUES (?, ?, 'active', ?)",
                               [card, member_id, joined])
                ctx.db.execute("INSERT INTO hub_members_pulled (member_id) VALUES (?)", [member_id])
                taken["new"] += 1
            after = rows[-1][0]
            ctx.db.execute("UPDATE hub_link SET pulled_member_seq = ? WHERE id = 1", [after])
    return taken


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
