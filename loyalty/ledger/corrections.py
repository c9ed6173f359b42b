"""Manual adjustments, compensation bonuses, and voiding (reversing) any entry."""

from dataclasses import dataclass

from ..common.clock import from_iso
from ..common.errors import ConflictError, ValidationError
from ..common.messages import t
from ..common.notes import UNDO_AT_THE_COUNTER, VOID, note
from ..people.members import member_by_card, member_by_id
from ..programme.context import Context
from ..programme.permissions import require
from ..programme.reward_stock import recount_stock
from ..storage import write_transaction
from .entries import Entry, append_entry, entry_by_id, entry_by_key, entry_by_reference, reversal_key, reversal_of
from .sales import ReversalResult, refunded_cents, restore_refund, reverse_sale_amount

MAX_MANUAL_POINTS = 1_000_000


@dataclass(frozen=True)
class AdjustmentResult:
    entry: Entry
    balance: int


def _require_reason(reason: str | None) -> str:
    clean = " ".join((reason or "").split())
    if not clean:
        raise ValidationError(t("reason: required for a manual change of points"), "reason")
    if len(clean) > 200:
        raise ValidationError(t("reason: at most 200 characters"), "reason")
    return clean


def adjust_points(ctx: Context, card: str, points: int, reason: str) -> AdjustmentResult:
    """A manual correction, + or −; a deduction cannot take the balance below zero."""
    if not isinstance(points, int) or points == 0 or abs(points) > MAX_MANUAL_POINTS:
        raise ValidationError(t("points: a whole number other than 0, at most {max_manual_points:,} (got {points})",
                                max_manual_points=MAX_MANUAL_POINTS, points=points), "points")
    clean_reason = _require_reason(reason)
    with write_transaction(ctx.db):
        require(ctx, "adjust")
        if abs(points) > ctx.programme().manager_points_limit:
            require(ctx, "adjust_over_limit")
        member = member_by_card(ctx, card, allow_blocked=True)
        entry = append_entry(ctx, member.id, "adjust", points, reason=clean_reason)
        return AdjustmentResult(entry, member_by_id(ctx, member.id).balance)


def grant_bonus(ctx: Context, card: str, points: int, reason: str, bonus_kind: str = "compensation") -> AdjustmentResult:
    """A one-off bonus (compensation for a service problem, a campaign gift)."""
    if bonus_kind not in ("compensation", "campaign"):
        raise ValidationError(t("kind: '{bonus_kind}' cannot be granted by hand (compensation or campaign)",
                                bonus_kind=bonus_kind), "kind")
    if not isinstance(points, int) or not 0 < points <= MAX_MANUAL_POINTS:
        raise ValidationError(t("points: a whole number above 0 (got {points})", points=points), "points")
    clean_reason = _require_reason(reason)
    with write_transaction(ctx.db):
        require(ctx, "compensate")
        if points > ctx.programme().manager_points_limit:
            require(ctx, "compensate_over_limit")
        member = member_by_card(ctx, card)
        entry = append_entry(ctx, member.id, "bonus", points, bonus_kind=bonus_kind, reason=clean_reason)
        return AdjustmentResult(entry, member_by_id(ctx, member.id).balance)


def reverse_entry(ctx: Context, reference: str, reason: str = VOID) -> ReversalResult:
    """Void an entry (undo at the counter, a manager's correction) with a linked reversal.

    A sale is refunded in full (what is left of it); a refund is reversed (its points and
    spend come back: the sale counts whole again); a redemption or deduction gives the points
    back to the lots they came from; a bonus or credit takes them back. An expiry, a sale's
    void, a refund of a sale voided since, and a reversal of anything but a sale cannot be
    reversed (README, "Undo and reversals"). Reversing twice records once.
    """
    with write_transaction(ctx.db):
        require(ctx, "void")
        return _reverse(ctx, entry_by_reference(ctx, reference), reason)


def _reverse(ctx: Context, original: Entry, reason: str) -> ReversalResult:
    with write_transaction(ctx.db):
        key = reversal_key(original)
        if (existing := entry_by_key(ctx, key)) is not None:
            return ReversalResult(existing, original, member_by_id(ctx, original.member_id).balance, already_recorded=True)
        _require_reversible(ctx, original)
        if original.kind == "earn":
            left = original.amount_cents - refunded_cents(ctx, original)
            return reverse_sale_amount(ctx, original, left, key, reason)
        if original.kind == "reverse":
            return restore_refund(ctx, original, key, reason)
        if original.points < 0:
            entry = append_entry(ctx, original.member_id, "reverse", -original.points, idempotency_key=key,
                                 reverses_id=original.id, reason=reason,
                                 amount_cents=original.amount_cents)
            if original.reward_id is not None:
                recount_stock(ctx, [original.reward_id])
        else:
            entry = append_entry(ctx, original.member_id, "reverse", -original.points, idempotency_key=key,
                                 reverses_id=original.id, reason=reason, allow_debt=True)
        return ReversalResult(entry, original, member_by_id(ctx, original.member_id).balance)


def _require_reversible(ctx: Context, original: Entry) -> None:
    """Expiry is the programme's rule, not a mistake to undo: points given back after it are a
    gift, which needs a reason and the manager's limit (a compensation bonus). A refund entered
    by mistake can be undone; a sale's void cannot (post the sale again), nor a refund of a sale
    voided since (the void took back what the refund had left): so an undone entry is never an
    undo itself, which keeps the figures' rule one level deep (storage/undone.py). Any other
    reversal is recorded again instead (a new redemption, bonus...)."""
    if original.kind == "expire":
        raise ValidationError(t("entry: expired points cannot be reversed; give them back as a compensation bonus, "
                                "with a reason"), "entry")
    if original.kind != "reverse":
        return
    target = entry_by_id(ctx, original.reverses_id)
    if target.kind != "earn":
        raise ValidationError(t("entry: entry {entry_id} is a reversal of entry {target_id} and cannot be reversed; "
                                "record that transaction again instead",
                                entry_id=original.id, target_id=original.reverses_id), "entry")
    if original.idempotency_key == reversal_key(target):
        raise ValidationError(t("entry: entry {entry_id} voided the sale {ref}, and a void cannot be reversed; "
                                "post the sale again instead", entry_id=original.id, ref=target.receipt_ref), "entry")
    if reversal_of(ctx, target) is not None:
        raise ValidationError(t("entry: entry {entry_id} refunds the sale {ref}, which was voided since; there is "
                                "nothing to give back", entry_id=original.id, ref=target.receipt_ref), "entry")


UNDO_WINDOW_SECONDS = 120


def undo_entry(ctx: Context, reference: str) -> ReversalResult:
    """The counter's undo: void an entry posted within the last two minutes.

    Older entries need a refund or a manager's reversal, which leave a reason.
    """
    original = entry_by_reference(ctx, reference)
    age = ctx.clock.now() - from_iso(original.created_at)
    if age.total_seconds() > UNDO_WINDOW_SECONDS:
        raise ConflictError(
            t("entry: undo is only possible within {minutes} minutes; use a refund or ask a manager to reverse it",
              minutes=UNDO_WINDOW_SECONDS // 60), "entry")
    require(ctx, "undo_own" if original.staff_id == ctx.staff_id else "void")
    return _reverse(ctx, original, reason=note(UNDO_AT_THE_COUNTER))
