"""Sales earn points; refunds and voids take them back. The earning rule itself
lives in `points.points_for_sale`; this module decides which multipliers apply."""

import json
import re
import uuid
from dataclasses import dataclass

from ..common.clock import local_date
from ..common.errors import ConflictError, NotFoundError, ValidationError
from ..common.messages import field_name, t
from ..common.notes import BIRTHDAY, REFERRED_BY_A_MEMBER, REFERRED_MEMBER, REFUND, note
from ..people.members import Member, member_by_card, member_by_id
from ..programme.campaigns import Campaign, campaign_for_day
from ..programme.context import Context
from ..programme.ladder import Tier
from ..programme.money import money_words
from ..programme.permissions import require
from ..programme.points import Earning, points_for_sale, points_to_reverse
from ..programme.rules import Programme
from ..storage import write_transaction
from .entries import Entry, append_entry, entry_by_key, not_reversed, post_bonus, reversal_of
from .tier_timeline import after_the_spend_fell
from .tiers import tier_by_code, upgrade_after_sale

_RECEIPT_REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/\-]{0,63}$")


@dataclass(frozen=True)
class SaleResult:
    entry: Entry
    earning: Earning
    bonuses: tuple[Entry, ...]
    balance: int
    tier: Tier                 # after the sale
    previous_tier: Tier        # the tier the sale earned at
    already_recorded: bool = False

    @property
    def tier_changed(self) -> bool:
        return self.tier.code != self.previous_tier.code


@dataclass(frozen=True)
class ReversalResult:
    entry: Entry
    original: Entry
    balance: int
    already_recorded: bool = False


def validate_receipt_ref(text: str | None, field: str = "ref") -> str | None:
    clean = (text or "").strip()
    if not clean:
        return None
    if not _RECEIPT_REF.match(clean):
        raise ValidationError(t("{field}: '{text}' is not a receipt reference (letters, digits, . _ / -; at most 64)",
                                field=field_name(field), text=clean[:70]), field)
    return clean


def sale_key(member_uuid: str, receipt_ref: str) -> str:
    """One sale per member and receipt: posting it again changes nothing."""
    return f"sale:{member_uuid}:{receipt_ref}"


def post_sale(ctx: Context, card: str, amount_cents: int, receipt_ref: str | None = None,
              award_points: bool = True) -> SaleResult:
    """Record a sale and the points it earns. `award_points=False` (imported history only)
    records the sale and its qualifying spend with no points."""
    if not isinstance(amount_cents, int) or amount_cents <= 0:
        raise ValidationError(t("amount: the sale amount must be more than zero"), "amount")
    now = ctx.clock.now()
    ref = validate_receipt_ref(receipt_ref) or f"R{now:%Y%m%d%H%M%S}-{uuid.uuid4().hex[:6].upper()}"
    # The settings read once for the whole sale (its rules asked for them six times; p50 1.30 →
    # 1.04 ms, bench/README.md); the write lock keeps them as they are meanwhile.
    with write_transaction(ctx.db), ctx.programme_held():
        require(ctx, "sale")
        member = member_by_card(ctx, card)
        tier = tier_by_code(ctx.tiers(), member.tier_code)
        existing = entry_by_key(ctx, sale_key(member.uuid, ref))
        if existing is not None:
            return _already_recorded(ctx, existing, amount_cents, tier)
        programme = ctx.programme()
        today = local_date(now, programme.timezone)
        campaign = campaign_for_day(ctx, today) if award_points else None
        earning = earning_for_sale(programme, tier, campaign, amount_cents, award_points)
        entry = append_entry(ctx, member.id, "earn", earning.total, idempotency_key=sale_key(member.uuid, ref),
                             **sale_columns(programme, tier, campaign, earning, amount_cents, ref))
        bonuses = bonuses_for_sale(ctx, member, today) if award_points else ()
        new_tier = upgrade_after_sale(ctx, member.id, entry.id) or tier
        balance = member_by_id(ctx, member.id).balance
    return SaleResult(entry, earning, bonuses, balance, new_tier, tier)


def quote_sale(ctx: Context, member: Member, amount_cents: int) -> Earning:
    """What a sale of `amount_cents` would earn this member now (the counter's live preview)."""
    tier = tier_by_code(ctx.tiers(), member.tier_code)
    programme = ctx.programme()
    return earning_for_sale(programme, tier, campaign_for_day(ctx, local_date(ctx.clock.now(), programme.timezone)),
                            amount_cents)


def earning_for_sale(programme: Programme, tier: Tier, campaign: Campaign | None, amount_cents: int,
                     award_points: bool = True) -> Earning:
    """The points a sale earns at this tier and in this campaign (none for history imported without points)."""
    if not award_points:
        return Earning(0, 0, 0)
    return points_for_sale(amount_cents, programme.currency_decimals, programme.earn_rate, tier.multiplier,
                           campaign.multiplier if campaign else "1")


def sale_columns(programme: Programme, tier: Tier, campaign: Campaign | None, earning: Earning, amount_cents: int,
                 ref: str) -> dict:
    """A sale entry's columns besides its member, points and key; `detail` explains the points on receipts."""
    detail = {"base": earning.base, "tier_bonus": earning.tier_bonus, "campaign_bonus": earning.campaign_bonus,
              "earn_rate": programme.earn_rate, "tier_multiplier": tier.multiplier,
              "campaign_multiplier": campaign.multiplier if campaign else "1"}
    return {"amount_cents": amount_cents, "spend_cents": amount_cents, "receipt_ref": ref, "tier_code": tier.code,
            "campaign_id": campaign.id if campaign else None, "detail": json.dumps(detail)}


def require_same_sale(programme: Programme, receipt_ref: str, recorded_cents: int, amount_cents: int) -> None:
    """A receipt posted again is the same sale (nothing changes) only with the same amount."""
    if recorded_cents != amount_cents:
        raise ConflictError(
            t("ref: receipt {receipt_ref} is already recorded for this member with another amount ({recorded}); "
              "nothing was changed",
              receipt_ref=receipt_ref, recorded=money_words(programme, recorded_cents)), "ref")


def _already_recorded(ctx: Context, existing: Entry, amount_cents: int, tier: Tier) -> SaleResult:
    require_same_sale(ctx.programme(), existing.receipt_ref, existing.amount_cents, amount_cents)
    detail = existing.details()
    earning = Earning(detail.get("base", existing.points), detail.get("tier_bonus", 0), detail.get("campaign_bonus", 0))
    balance = member_by_id(ctx, existing.member_id).balance
    return SaleResult(existing, earning, (), balance, tier, tier, already_recorded=True)


@dataclass(frozen=True)
class DueBonus:
    member_id: int
    points: int
    bonus_kind: str
    key: str          # the bonus is given once per key
    reason: str


def bonuses_due(programme: Programme, member, today, first_purchase: bool) -> list[DueBonus]:
    """The rule: a birthday bonus at the first sale in the birthday month (once a year); a
    referral bonus to both members at the new member's first purchase."""
    due = []
    if programme.birthday_bonus and member.birthday and int(member.birthday[5:7]) == today.month:
        due.append(DueBonus(member.id, programme.birthday_bonus, "birthday", f"birthday:{member.uuid}:{today.year}",
                            note(BIRTHDAY, year=today.year)))
    if programme.referral_bonus and member.referrer_id and first_purchase:
        due.append(DueBonus(member.id, programme.referral_bonus, "referral", f"referral:new:{member.uuid}",
                            note(REFERRED_BY_A_MEMBER)))
        due.append(DueBonus(member.referrer_id, programme.referral_bonus, "referral",
                            f"referral:referrer:{member.uuid}", note(REFERRED_MEMBER, card=member.card)))
    return due


def bonuses_for_sale(ctx: Context, member, today) -> tuple[Entry, ...]:
    """Post the bonuses this sale brings (each keyed, so given once)."""
    programme = ctx.programme()
    first_purchase = bool(programme.referral_bonus and member.referrer_id) and _is_first_purchase(ctx, member.id)
    given = [post_bonus(ctx, bonus.member_id, bonus.points, bonus.bonus_kind, bonus.key, reason=bonus.reason)
             for bonus in bonuses_due(programme, member, today, first_purchase)]
    return tuple(entry for entry in given if entry is not None)


def _is_first_purchase(ctx: Context, member_id: int) -> bool:
    sales = ctx.db.execute(
        "SELECT COUNT(*) FROM (SELECT 1 FROM entries WHERE member_id = ? AND kind = 'earn' LIMIT 2)", [member_id]
    ).fetchone()[0]
    return sales == 1


def refund_sale(ctx: Context, card: str, amount_cents: int, receipt_ref: str, refund_ref: str | None = None) -> ReversalResult:
    """Reverse points in proportion to the refunded part of the sale with `receipt_ref`.

    If the member already spent those points, the balance goes below zero: the
    member owes them and the next points earned pay them back first (README).
    """
    if not isinstance(amount_cents, int) or amount_cents <= 0:
        raise ValidationError(t("amount: the refund amount must be more than zero"), "amount")
    ref = validate_receipt_ref(receipt_ref)
    if ref is None:
        raise ValidationError(t("ref: the original sale's receipt reference is required for a refund"), "ref")
    refund_ref = validate_receipt_ref(refund_ref, "refund_ref")
    with write_transaction(ctx.db):
        require(ctx, "refund")
        member = member_by_card(ctx, card, allow_blocked=True)
        sale = entry_by_key(ctx, sale_key(member.uuid, ref))
        if sale is None:
            raise NotFoundError(t("ref: no sale with receipt {ref} for card {card}", ref=ref, card=member.card), "ref")
        key = f"refund:{sale.uuid}:{refund_ref}" if refund_ref else None
        if key and (existing := entry_by_key(ctx, key)) is not None:
            if existing.amount_cents != amount_cents:
                raise ConflictError(t("refund_ref: refund {refund_ref} is already recorded with another amount",
                                      refund_ref=refund_ref), "refund_ref")
            if reversal_of(ctx, existing) is not None:   # "already recorded" would hide that it no longer counts
                raise ConflictError(t("refund_ref: refund {refund_ref} was reversed; give a new refund another reference",
                                      refund_ref=refund_ref), "refund_ref")
            return ReversalResult(existing, sale, member_by_id(ctx, member.id).balance, already_recorded=True)
        return reverse_sale_amount(ctx, sale, amount_cents, key, reason=note(REFUND))


@dataclass(frozen=True)
class RefundableSale:
    sale: Entry
    refunded_cents: int

    @property
    def left_cents(self) -> int:
        return self.sale.amount_cents - self.refunded_cents


def refunded_cents(ctx: Context, sale: Entry) -> int:
    return refunded(ctx, sale)[0]


def refunded(ctx: Context, sale: Entry) -> tuple[int, int]:
    """(minor units, points) taken back from `sale` by its refunds and voids still standing
    (a refund reversed since counts no more)."""
    return tuple(ctx.db.execute(
        "SELECT COALESCE(SUM(amount_cents), 0), -COALESCE(SUM(points), 0) FROM entries r "
        f"WHERE reverses_id = ? AND kind = 'reverse' AND {not_reversed('r')}", [sale.id]
    ).fetchone())


def recent_sales(ctx: Context, member_id: int, limit: int = 20) -> list[RefundableSale]:
    """The member's latest sales that still have something left to refund, newest first."""
    rows = ctx.db.query(
        "SELECT * FROM entries WHERE member_id = ? AND kind = 'earn' ORDER BY created_at DESC, id DESC LIMIT ?",
        [member_id, limit * 3],
    )
    sales = [RefundableSale(sale, refunded_cents(ctx, sale)) for sale in map(Entry.from_row, rows)]
    return [sale for sale in sales if sale.left_cents > 0][:limit]


def quote_refund(ctx: Context, sale: Entry, amount_cents: int) -> int:
    """Points a refund of `amount_cents` of `sale` would take back (validated as the refund itself is)."""
    before, taken = refunded(ctx, sale)
    _require_refundable(ctx.programme(), sale, before, amount_cents)
    return points_to_reverse(sale.points, sale.amount_cents, before, amount_cents, taken)


def _require_refundable(programme: Programme, sale: Entry, refunded_before: int, amount_cents: int) -> None:
    left = sale.amount_cents - refunded_before
    if left <= 0:
        raise ConflictError(t("ref: receipt {ref} is already fully refunded", ref=sale.receipt_ref), "ref")
    if amount_cents <= 0:
        raise ValidationError(t("amount: the refund amount must be more than zero"), "amount")
    if amount_cents > left:
        raise ValidationError(
            t("amount: only {left} of receipt {ref} is left to refund (asked {asked})",
              left=money_words(programme, left), ref=sale.receipt_ref, asked=money_words(programme, amount_cents)),
            "amount")


def reverse_sale_amount(ctx: Context, sale: Entry, amount_cents: int, key: str | None, reason: str) -> ReversalResult:
    refunded_before, taken_before = refunded(ctx, sale)
    _require_refundable(ctx.programme(), sale, refunded_before, amount_cents)
    points = points_to_reverse(sale.points, sale.amount_cents, refunded_before, amount_cents, taken_before)
    entry = append_entry(
        ctx, sale.member_id, "reverse", -points, idempotency_key=key, amount_cents=amount_cents,
        spend_cents=-amount_cents, receipt_ref=sale.receipt_ref, reverses_id=sale.id, reason=reason,
        allow_debt=True,
    )
    after_the_spend_fell(ctx, sale.member_id)       # a grace period may start now
    return ReversalResult(entry, sale, member_by_id(ctx, sale.member_id).balance)


def restore_refund(ctx: Context, refund: Entry, key: str, reason: str) -> ReversalResult:
    """Reverse a refund (or a sale's void): the sale counts again. Its points go back to the
    lots the refund took them from, with their dates; what the refund still owed is cancelled
    (`ledger.not_reversed`); its qualifying spend comes back, and with it the tier it supports."""
    entry = append_entry(
        ctx, refund.member_id, "reverse", -refund.points, idempotency_key=key, amount_cents=refund.amount_cents,
        spend_cents=-refund.spend_cents, receipt_ref=refund.receipt_ref, reverses_id=refund.id, reason=reason,
    )
    upgrade_after_sale(ctx, refund.member_id, entry.id)
    return ReversalResult(entry, refund, member_by_id(ctx, refund.member_id).balance)
