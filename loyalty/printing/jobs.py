"""Card printing as the shop does it: which members need a card, print them, and
remember that they were printed (with which tier) so a tier change asks for a reprint.
Only a member's current card number is ever printed: a replaced number is refused by
`member_by_card` before anything is drawn."""

from datetime import date
from pathlib import Path
from typing import Callable

from ..common.clock import local_midnight_utc, to_iso
from ..people.members import Member
from ..programme.context import Context
from ..storage import write_transaction
from .card import card_content, card_sheet_pdf, cards_pdf


def members_enrolled_since(ctx: Context, day: date) -> list[Member]:
    since = to_iso(local_midnight_utc(day, ctx.programme().timezone))
    return [Member.from_row(row) for row in ctx.db.query(
        "SELECT * FROM members WHERE joined_at >= ? AND status = 'active' ORDER BY joined_at, id", [since])]


def members_due_a_card(ctx: Context) -> list[Member]:
    """Active members whose card was never printed, or printed with another tier."""
    return [Member.from_row(row) for row in ctx.db.query(
        "SELECT m.* FROM members m JOIN cards c ON c.number = m.card "
        "WHERE m.status = 'active' AND (c.printed_tier IS NULL OR c.printed_tier != m.tier_code) "
        "ORDER BY m.joined_at, m.id")]


def record_printed(ctx: Context, members: list[Member]) -> None:
    now = to_iso(ctx.clock.now())
    with write_transaction(ctx.db):
        ctx.db.conn.executemany("UPDATE cards SET printed_at = ?, printed_tier = ? WHERE number = ?",
                                [(now, member.tier_code, member.card) for member in members])


def print_cards(ctx: Context, members: list[Member], path: str | Path, back: bool = True) -> Path:
    """One CR80 page per card (for a card printer)."""
    written = cards_pdf([card_content(ctx, member) for member in members], path, back)
    record_printed(ctx, members)
    return written


def print_card_sheet(ctx: Context, members: list[Member], path: str | Path, paper: str = "A4",
                     progress: Callable[[int, int], None] | None = None,
                     cancelled: Callable[[], bool] | None = None) -> Path:
    """Ten cards per page on ordinary paper or card stock, to cut."""
    written = card_sheet_pdf([card_content(ctx, member) for member in members], path, paper, progress, cancelled)
    record_printed(ctx, members)
    return written
