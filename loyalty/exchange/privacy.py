"""A member's rights over their personal data (GDPR): a copy of everything held about them
(JSON, and a PDF a person can read), and erasure.

Erasure anonymises the member — name, phone, email, birthday, customer id, notes, consents —
and keeps the amounts of their entries for the shop's books (the ledger is sealed and stays
whole: `verify` passes after it). Their old values also leave the audit trail, the name search
index and the kept reports; then VACUUM rewrites the file and the write-ahead log is emptied,
so the personal data is gone from the database file's bytes. Backups taken before still hold
it until rotation removes them (README: Privacy)."""

import json
from dataclasses import asdict
from pathlib import Path

from ..common.errors import ValidationError
from ..common.messages import t
from ..ledger.entries import history
from ..people.member_changes import forget_values
from ..people.members import member_by_id
from ..programme.audit import record
from ..programme.context import Context
from ..programme.permissions import require
from ..programme.rules import load_tiers
from ..storage import write_transaction

ERASED_NAME = "(erased member {id})"


def member_data(ctx: Context, member_id: int) -> dict:
    """Everything held about one member, as a data-access request answers it."""
    require(ctx, "export")
    member = member_by_id(ctx, member_id)
    if member.status == "erased":
        raise ValidationError(t("member: member {member_id}'s personal data was erased", member_id=member_id), "member")
    query = lambda sql: [dict(row) for row in ctx.db.query(sql, [member_id])]  # noqa: E731
    return {
        "member": asdict(member),
        "consents": {
            "marketing": {"given": member.marketing_consent, "changed_at": member.marketing_consent_at},
            "profiling": {"given": member.profiling_consent, "changed_at": member.profiling_consent_at},
            "recorded_by": query("SELECT at, staff_id, action, detail FROM audit WHERE target = 'member ' || ? "
                                 "AND (action = 'member.enrol' OR detail LIKE '%consent%') ORDER BY at"),
        },
        "cards": query("SELECT number, status, issued_at, replaced_by FROM cards WHERE member_id = ? ORDER BY issued_at"),
        "entries": [asdict(entry) for entry in history(ctx, member_id, limit=1_000_000)][::-1],
        "tier_changes": query("SELECT from_code, to_code, changed_at, reason FROM tier_changes WHERE member_id = ? "
                              "ORDER BY changed_at"),
        "changes": query("SELECT at, staff_id, approved_by, action, detail FROM audit "
                         "WHERE target = 'member ' || ? ORDER BY at"),
    }


def export_member_json(ctx: Context, member_id: int, path: str | Path) -> Path:
    data = member_data(ctx, member_id)
    Path(path).write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    record_export(ctx, member_id, "json")
    return Path(path)


def export_member_pdf(ctx: Context, member_id: int, path: str | Path) -> Path:
    from ..printing.member_data_pdf import write_member_data_pdf  # reportlab, only when asked

    data = member_data(ctx, member_id)
    tier_names = {tier.code: tier.name for tier in load_tiers(ctx.db)}
    write_member_data_pdf(data, ctx.programme(), tier_names, path)
    record_export(ctx, member_id, "pdf")
    return Path(path)


def record_export(ctx: Context, member_id: int, kind: str) -> None:
    with write_transaction(ctx.db):
        record(ctx, "member.data_export", f"member {member_id}", format=kind)


def erase_member(ctx: Context, member_id: int, reason: str) -> None:
    """Anonymise a member for good (the owner, on the member's request); see the module's note."""
    clean_reason = " ".join((reason or "").split())
    if not clean_reason:
        raise ValidationError(t("reason: say why (e.g. the member asked on 2026-03-01)"), "reason")
    with write_transaction(ctx.db):
        require(ctx, "erase")
        member = member_by_id(ctx, member_id)
        if member.status == "erased":
            raise ValidationError(t("member: member {member_id} was already erased", member_id=member_id), "member")
        _anonymise(ctx, member_id, clean_reason)
    forget_freed_pages(ctx)


CHAIN_ERASURE = "erased at another counter of the chain"


def erase_as_the_chain_did(ctx: Context, member_uuid: str) -> bool:
    """An erasure made at another counter of the chain, which the hub passed on: the same
    anonymising, recorded as the chain's. False when the member is not here or erased already.
    The caller calls `forget_freed_pages` once after a batch of them (a VACUUM each would be slow)."""
    row = ctx.db.execute("SELECT id, status FROM members WHERE uuid = ?", [member_uuid]).fetchone()
    if row is None or row[1] == "erased":
        return False
    with write_transaction(ctx.db):
        _anonymise(ctx, row[0], CHAIN_ERASURE)
    return True


def _anonymise(ctx: Context, member_id: int, reason: str) -> None:
    ctx.db.execute(
        "UPDATE members SET name = ?, sort_name = ?, phone = NULL, phone_digits = NULL, email = NULL, "
        "birthday = NULL, external_id = NULL, notes = '', marketing_consent = 0, marketing_consent_at = NULL, "
        "profiling_consent = 0, profiling_consent_at = NULL, status = 'erased' WHERE id = ?",
        [ERASED_NAME.format(id=member_id), ERASED_NAME.format(id=member_id).casefold(), member_id])
    _scrub_audit(ctx, member_id)
    forget_values(ctx, member_id)
    ctx.db.execute("DELETE FROM report_cache")   # kept reports may name the member (top members)
    ctx.db.execute("INSERT INTO members_fts(members_fts) VALUES ('optimize')")   # old index segments go
    record(ctx, "member.erase", f"member {member_id}", reason=reason)


def forget_freed_pages(ctx: Context) -> None:
    ctx.db.execute("VACUUM")                                   # rewrite the file without the freed pages
    ctx.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")          # and empty the log that held the old ones


def _scrub_audit(ctx: Context, member_id: int) -> None:
    """The trail of changes to the member keeps who and when, not the personal values. The
    trail is append-only; its guard is set aside for this one statement, in this transaction."""
    guard = ctx.db.execute("SELECT sql FROM sqlite_master WHERE name = 'audit_no_update'").fetchone()[0]
    ctx.db.execute("DROP TRIGGER audit_no_update")
    ctx.db.execute("UPDATE audit SET detail = '{\"erased\": true}' WHERE target = 'member ' || ? AND detail != ''",
                   [member_id])
    ctx.db.execute(guard)
