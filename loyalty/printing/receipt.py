"""The loyalty slip of one transaction: what it says (`receipt_for_entry`) and how it
is laid out in a fixed number of monospaced columns (`receipt_lines`).

Both the PDF and the ESC/POS output print exactly these lines, so a line that fits
the thermal printer's columns fits the PDF too: nothing is laid out twice.
"""

import textwrap
from dataclasses import dataclass, field

from ..common.clock import from_iso, shop_time
from ..common.messages import translated
from ..common.notes import read_note
from ..ledger.entries import Entry, entry_by_reference, expiring_points
from ..ledger.tiers import tier_by_code, tier_progress
from ..people.members import member_by_id
from ..programme.context import Context
from ..programme.points import points_value
from ..programme.rules import load_tiers
from ..programme.wording import Wording

COLUMNS = {80: 48, 58: 32}   # characters per line in the printer's standard font (12×24 dots)
EXPIRING_WITHIN_DAYS = 30


@dataclass(frozen=True)
class ReceiptLine:
    left: str
    right: str = ""
    style: str = "normal"     # normal | title | rule | centre


@dataclass(frozen=True)
class Receipt:
    """Everything a slip shows, already in words (the shop's language)."""

    shop_name: str
    moment: str
    cashier: str
    reference: str
    member_name: str
    masked_card: str
    body: tuple[tuple[str, str], ...]          # (label, value) rows about the transaction
    balance: str
    balance_value: str
    tier_line: str
    progress_line: str
    expiring_line: str | None
    thanks: str
    labels: dict = field(default_factory=dict)


def mask_card(number: str) -> str:
    return "****" + number[-4:]


def receipt_for_entry(ctx: Context, reference: str | int) -> Receipt:
    """The slip of the entry with this id or uuid (what `sale --json` prints as entry_id)."""
    entry = entry_by_reference(ctx, str(reference))
    programme = ctx.programme()
    words = Wording(programme.language)
    decimals, currency = programme.currency_decimals, programme.currency
    money = lambda minor: words.money(minor, decimals, currency)  # noqa: E731
    member = member_by_id(ctx, entry.member_id)
    bonuses = _bonuses_posted_with(ctx, entry)
    last_id = bonuses[-1].id if bonuses else entry.id
    balance = ctx.db.execute("SELECT COALESCE(SUM(points), 0) FROM entries WHERE member_id = ? AND id <= ?",
                             [member.id, last_id]).fetchone()[0]

    body: list[tuple[str, str]] = []
    if entry.kind == "earn":
        detail = entry.details()
        tier_name = tier_by_code(load_tiers(ctx.db), entry.tier_code).name if entry.tier_code else ""
        body.append((words["sale"], money(entry.amount_cents or 0)))
        body.append((words["base"], words.number(detail.get("base", entry.points))))
        if detail.get("tier_bonus"):
            body.append((words["tier_extra"].format(tier=tier_name), words.signed(detail["tier_bonus"])))
        if detail.get("campaign_bonus"):
            body.append((words["campaign_extra"], words.signed(detail["campaign_bonus"])))
        for bonus in bonuses:
            body.append((words["bonus"].format(kind=words.kind(bonus.bonus_kind or "")), words.signed(bonus.points)))
        body.append((words["earned"], words.signed(entry.points + sum(bonus.points for bonus in bonuses))))
    elif entry.kind == "redeem":
        if entry.reward_id is not None:
            reward = ctx.db.execute("SELECT name FROM rewards WHERE id = ?", [entry.reward_id]).fetchone()
            body.append((words["reward"], reward[0] if reward else ""))
        else:
            body.append((words["discount"], money(entry.amount_cents or 0)))
        body.append((words["redeemed"], words.signed(entry.points)))
    elif entry.kind == "reverse":
        if entry.spend_cents < 0:       # a refund or a sale's void: money goes back
            body.append((words["refund"], money(-entry.amount_cents)))
        elif entry.spend_cents > 0:     # that refund reversed: the sale counts again
            body.append((words["refund_undone"], money(entry.amount_cents)))
        else:                           # a redemption, bonus or adjustment undone
            body.append((words["undo"], translated(read_note(entry.reason), programme.language)))
        body.append((words["returned"] if entry.points > 0 else words["reversed"], words.signed(entry.points)))
    elif entry.kind == "expire":
        body.append((words["expired"], words.signed(entry.points)))
    else:
        label = words["bonus"].format(kind=words.kind(entry.bonus_kind)) if entry.bonus_kind else words["adjustment"]
        body.append((label, words.signed(entry.points)))

    progress = tier_progress(ctx, member)
    expiring, expiring_on = expiring_points(ctx, member.id, EXPIRING_WITHIN_DAYS)
    moment = shop_time(from_iso(entry.created_at), programme.timezone)
    value = points_value(max(balance, 0), programme.points_per_currency_unit, decimals)
    return Receipt(
        shop_name=programme.shop_name, moment=words.moment(moment), cashier=entry.staff_id,
        reference=entry.receipt_ref or str(entry.id), member_name=member.name, masked_card=mask_card(member.card),
        body=tuple(body), balance=f"{words.number(balance)} {words['points_unit']}", balance_value=money(value),
        tier_line=progress.tier.name,
        progress_line=(words["to_next"].format(amount=money(progress.missing_cents), tier=progress.next_tier.name)
                       if progress.next_tier else words["top_tier"]),
        expiring_line=(words["expiring"].format(points=words.number(expiring), day=words.day(expiring_on))
                       if expiring else None),
        thanks=words["thanks"],
        labels={key: words[key] for key in ("member", "card", "receipt", "cashier", "balance", "value", "tier")},
    )


def _bonuses_posted_with(ctx: Context, entry: Entry) -> list[Entry]:
    """Birthday and referral bonuses are posted in the sale's own transaction, right after it."""
    if entry.kind != "earn":
        return []
    following = [Entry.from_row(row) for row in ctx.db.query(
        "SELECT * FROM entries WHERE member_id = ? AND id > ? ORDER BY id LIMIT 3", [entry.member_id, entry.id])]
    bonuses = []
    for later in following:
        if later.kind != "bonus" or later.bonus_kind not in ("birthday", "referral"):
            break
        bonuses.append(later)
    return bonuses


def receipt_lines(receipt: Receipt, columns: int) -> list[ReceiptLine]:
    """The slip as lines of at most `columns` characters; long texts wrap, never clip."""
    labels = receipt.labels
    lines = [ReceiptLine(text, style="title") for text in _wrap(receipt.shop_name, columns // 2)]
    lines.append(ReceiptLine("", style="normal"))
    lines += _pair(receipt.moment, f"{labels['cashier']}: {receipt.cashier}", columns)
    lines += _pair(f"{labels['receipt']}:", receipt.reference, columns)
    lines.append(ReceiptLine("-" * columns, style="rule"))
    lines += [ReceiptLine(text) for text in _wrap(f"{labels['member']}: {receipt.member_name}", columns)]
    lines += _pair(f"{labels['card']}:", receipt.masked_card, columns)
    lines.append(ReceiptLine("-" * columns, style="rule"))
    for label, value in receipt.body:
        lines += _pair(label, value, columns)
    lines.append(ReceiptLine("-" * columns, style="rule"))
    lines += _pair(labels["balance"], receipt.balance, columns)
    lines += _pair(labels["value"], receipt.balance_value, columns)
    lines += _pair(labels["tier"], receipt.tier_line, columns)
    lines += [ReceiptLine(text) for text in _wrap(receipt.progress_line, columns)]
    if receipt.expiring_line:
        lines += [ReceiptLine(text) for text in _wrap(receipt.expiring_line, columns)]
    lines.append(ReceiptLine("", style="normal"))
    lines += [ReceiptLine(text, style="centre") for text in _wrap(receipt.thanks, columns)]
    return lines


def _wrap(text: str, columns: int) -> list[str]:
    """Wrap at spaces only: "Muñoz-Ibáñez" stays whole when it fits a line."""
    return textwrap.wrap(text, columns, break_on_hyphens=False) or [""]


def _pair(left: str, right: str, columns: int) -> list[ReceiptLine]:
    """Label on the left, value on the right; when both do not fit, the value goes on its own line."""
    if len(left) + 1 + len(right) <= columns:
        return [ReceiptLine(left, right)]
    wrapped = [ReceiptLine(text) for text in _wrap(left, columns)]
    return wrapped + [ReceiptLine("", text) for text in _wrap(right, columns)]


def line_text(line: ReceiptLine, columns: int) -> str:
    """The line as the printer prints it: values right-aligned, titles and thanks centred."""
    if line.style in ("title", "centre"):
        width = columns // 2 if line.style == "title" else columns
        return line.left.center(width).rstrip()
    if line.right:
        return line.left + line.right.rjust(columns - len(line.left))
    return line.left
