"""Two members who are one person, merged into one (the owner's decision, after
`people/duplicates.py` flagged them): an appended fact, nothing rewritten. The absorbed member's
points move to the kept member as two adjustments (out of one, into the other: a debt moves the
same way), its cards open the kept member, and the fact travels to the other counters as a member
change (`merged_into`) — so the absorbed card opens the kept member at every till. Entries a till
posted on the absorbed member while offline, before it heard of the merge, arrive later: the
counter that made the merge moves them too after each sync round (`move_what_arrived`), the only
one that does, so nothing moves twice. The moved points start a new lot, expiring as points
earned on the day of the move.

A merge made by mistake (two people sharing a phone) is undone as a reversal (`undo_merge`):
the points that moved come back as two adjustments the other way — the kept member may be left
owing what they spent of them, a debt their next points pay —, the absorbed member's own cards
open it again, and the fact travels (`merged_into` set to nothing), so every till parts them.
Nothing is rewritten: both histories show the merge and its undoing."""

from dataclasses import dataclass

from ..common.errors import ValidationError
from ..common.messages import t
from ..common.notes import MERGED_FROM as MERGED_FROM_CARD
from ..common.notes import MERGED_INTO as MERGED_INTO_CARD
from ..common.notes import MERGE_UNDONE, note
from ..people.member_changes import MERGED_INTO, note_merge, note_unmerge, record_changes
from ..people.members import Member, member_by_card, member_by_id
from ..programme.audit import record
from ..programme.context import Context
from ..programme.permissions import require
from ..storage import write_transaction
from .entries import append_entry


@dataclass(frozen=True)
class MergeResult:
    kept: Member
    absorbed: Member
    moved_points: int


@dataclass(frozen=True)
class Merge:
    absorbed: Member
    kept: Member
    merged_at: str          # UTC ISO moment, at the counter that heard of it


def merges_made(ctx: Context, limit: int = 200) -> list[Merge]:
    """The merges in force, newest first (the owner's list to undo one from)."""
    return [Merge(member_by_id(ctx, absorbed), member_by_id(ctx, kept), at) for absorbed, kept, at in ctx.db.execute(
        "SELECT g.absorbed_id, g.kept_id, g.merged_at FROM member_merges g JOIN members m ON m.id = g.absorbed_id "
        "WHERE g.undone_at IS NULL AND m.status != 'erased' ORDER BY g.merged_at DESC, g.absorbed_id LIMIT ?",
        [limit]).fetchall()]


def merge_members(ctx: Context, keep_card: str, other_card: str) -> MergeResult:
    with write_transaction(ctx.db):
        require(ctx, "merge_members")
        keep = member_by_card(ctx, keep_card, "keep", allow_blocked=True)
        other = member_by_card(ctx, other_card, "other", allow_blocked=True)
        if keep.id == other.id:
            raise ValidationError(t("other: card {card} is the same member as the one to keep", card=other_card),
                                  "other")
        record_changes(ctx, other.id, {MERGED_INTO: None}, {MERGED_INTO: keep.uuid})
        note_merge(ctx, other.id, keep.id, ctx.device_id)
        moved = _move_points(ctx, other.id, keep.id)
        record(ctx, "member.merge", f"member {other.id}", into=keep.id, points=moved)
        return MergeResult(member_by_id(ctx, keep.id), member_by_id(ctx, other.id), moved)


def undo_merge(ctx: Context, absorbed_card: str) -> MergeResult:
    """Parts a member merged away (`absorbed_card`: its own card number) from the member it was
    merged into; `moved_points`: the points that came back to it."""
    with write_transaction(ctx.db):
        require(ctx, "merge_members")
        row = ctx.db.execute("SELECT g.absorbed_id, g.kept_id FROM member_merges g "
                             "JOIN members m ON m.id = g.absorbed_id "
                             "WHERE m.card = ? AND g.undone_at IS NULL AND m.status != 'erased'",
                             [(absorbed_card or "").strip()]).fetchone()
        if row is None:
            raise ValidationError(t("card: {card} is not a member merged into another", card=absorbed_card), "card")
        absorbed, kept = member_by_id(ctx, row[0]), member_by_id(ctx, row[1])
        record_changes(ctx, absorbed.id, {MERGED_INTO: kept.uuid}, {MERGED_INTO: None})
        back = _move_back(ctx, absorbed, kept)
        note_unmerge(ctx, absorbed.id)
        record(ctx, "member.unmerge", f"member {absorbed.id}", from_member=kept.id, points=back)
        return MergeResult(member_by_id(ctx, kept.id), member_by_id(ctx, absorbed.id), back)


def move_what_arrived(ctx: Context) -> int:
    """After a sync round: the points that reached members this counter merged away since (posted
    at a till that had not heard of the merge) go to the kept member. Returns the members moved."""
    moved = 0
    with write_transaction(ctx.db):
        for absorbed_id, kept_id in ctx.db.execute(
                "SELECT g.absorbed_id, g.kept_id FROM member_merges g JOIN members m ON m.id = g.absorbed_id "
                "WHERE g.device_id = ? AND g.undone_at IS NULL AND m.balance <> 0", [ctx.device_id]).fetchall():
            _move_points(ctx, absorbed_id, kept_id)
            moved += 1
    return moved


def _move_points(ctx: Context, absorbed_id: int, kept_id: int) -> int:
    absorbed, kept = member_by_id(ctx, absorbed_id), member_by_id(ctx, kept_id)
    if absorbed.balance == 0:
        return 0
    key = f"{absorbed.uuid}:{_next_move(ctx, absorbed_id)}"
    append_entry(ctx, absorbed.id, "adjust", -absorbed.balance, idempotency_key=f"merge:out:{key}", allow_debt=True,
                 reason=note(MERGED_INTO_CARD, card=kept.card))
    append_entry(ctx, kept.id, "adjust", absorbed.balance, idempotency_key=f"merge:in:{key}", allow_debt=True,
                 reason=note(MERGED_FROM_CARD, card=absorbed.card))
    return absorbed.balance


def _move_back(ctx: Context, absorbed: Member, kept: Member) -> int:
    """What moved to the kept member, by every move of every merge of the two, less what came back
    at earlier undoings: back to the absorbed member."""
    (moved,) = ctx.db.execute(      # on the kept member: what came in, less what went out at undoings
        "SELECT COALESCE(SUM(points), 0) FROM entries WHERE member_id = ? "
        "AND (idempotency_key LIKE 'merge:in:' || ? || ':%' OR idempotency_key LIKE 'unmerge:out:' || ? || ':%')",
        [kept.id, absorbed.uuid, absorbed.uuid]).fetchone()
    if moved == 0:
        return 0
    key = f"{absorbed.uuid}:{_next_move(ctx, absorbed.id)}"
    append_entry(ctx, kept.id, "adjust", -moved, idempotency_key=f"unmerge:out:{key}", allow_debt=True,
                 reason=note(MERGE_UNDONE, card=absorbed.card))
    append_entry(ctx, absorbed.id, "adjust", moved, idempotency_key=f"unmerge:in:{key}", allow_debt=True,
                 reason=note(MERGE_UNDONE, card=kept.card))
    return moved


def _next_move(ctx: Context, absorbed_id: int) -> int:
    """The merge's next move number: the keys of its entries, never used twice for the two."""
    (move,) = ctx.db.execute("UPDATE member_merges SET moves = moves + 1 WHERE absorbed_id = ? RETURNING moves",
                             [absorbed_id]).fetchone()
    return move
