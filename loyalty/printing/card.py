"""Member cards: CR80 (85.60 × 53.98 mm, the size of a bank card) with the shop's name
or logo, the member's name, the tier in its colour, and a QR code of the card number
that the counter's scanner reads. One card per page (with an optional back), or
sheets of ten cards per A4 or Letter page with cut marks.

The QR code is drawn as vector squares from the `qrcode` library's module matrix, so
it is sharp at any printer resolution: error correction M, a 4-module quiet zone,
24 mm wide without it.
"""

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ..ledger.tiers import tier_by_code
from ..people.members import Member
from ..programme.context import Context
from ..programme.points import earning_step
from ..programme.rules import load_tiers
from ..programme.wording import Wording
from .glyphs import drawable

CARD_WIDTH, CARD_HEIGHT = 85.60 * mm, 53.98 * mm
QR_SYMBOL_WIDTH = 24 * mm          # the code itself; the quiet zone comes on top
QR_QUIET_MODULES = 4
BAND_HEIGHT = 10 * mm              # the tier-coloured band with the shop's name
BADGE_BOTTOM, BADGE_HEIGHT = 9 * mm, 7 * mm   # the tier's badge, under the member's name
PAPERS = {"A4": A4, "Letter": LETTER}
SHEET_COLUMNS, SHEET_ROWS = 2, 5
CUT_MARK = 4 * mm
FONT, FONT_BOLD = "Helvetica", "Helvetica-Bold"


@dataclass(frozen=True)
class CardContent:
    shop_name: str
    member_name: str
    tier_name: str
    tier_colour: str
    number: str
    card_title: str
    terms_title: str
    terms: str
    logo_path: str = ""


def card_content(ctx: Context, member: Member) -> CardContent:
    programme = ctx.programme()
    words = Wording(programme.language)
    tier = tier_by_code(load_tiers(ctx.db), member.tier_code)
    decimals = programme.currency_decimals
    unit = words.money(10**decimals, decimals, programme.currency)
    earned, per_units = earning_step(programme.earn_rate)   # "1 punto por cada 100 $", not "0,01 punto por cada 1 $"
    template = words["terms"] if programme.expiry_months else words["terms_never"]
    spend = words.money(per_units * 10**decimals, decimals, programme.currency)
    terms = template.format(earn=words.points(earned), spend=spend, unit=unit,
                            points=words.points(programme.points_per_currency_unit), months=programme.expiry_months)
    return CardContent(programme.shop_name, member.name, tier.name, tier.colour, member.card, words["card_title"],
                       words["terms_title"], terms, programme.logo_path)


def readable_on(colour: str) -> HexColor:
    """Black or white text, whichever reads better on the tier's colour."""
    value = colour.lstrip("#")
    red, green, blue = (int(value[i:i + 2], 16) for i in (0, 2, 4))
    return HexColor("#000000") if (red * 299 + green * 587 + blue * 114) / 1000 > 140 else white


def grouped_number(number: str) -> str:
    """2773 9584 2168: easier to read aloud and to type than twelve digits in a row."""
    return " ".join(number[i:i + 4] for i in range(0, len(number), 4))


def qr_matrix(number: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QR_QUIET_MODULES, box_size=1)
    code.add_data(number)
    code.make(fit=True)
    return code.get_matrix()


def qr_full_width(matrix: list[list[bool]], symbol_width: float = QR_SYMBOL_WIDTH) -> float:
    """The width with the quiet zone, for a code whose symbol is `symbol_width` wide."""
    return symbol_width * len(matrix) / (len(matrix) - 2 * QR_QUIET_MODULES)


def draw_qr(canvas: Canvas, matrix: list[list[bool]], x: float, y: float, symbol_width: float = QR_SYMBOL_WIDTH) -> None:
    """Draw the code with its quiet zone, bottom-left corner at (x, y)."""
    modules = len(matrix)
    full = qr_full_width(matrix, symbol_width)
    module = full / modules
    canvas.setFillColor(white)
    canvas.rect(x, y, full, full, fill=1, stroke=0)
    canvas.setFillColor(HexColor("#000000"))
    path = canvas.beginPath()
    for row_index, row in enumerate(matrix):
        top = y + full - (row_index + 1) * module
        column = 0
        while column < modules:   # one rectangle per run of dark modules: fewer, cleaner shapes
            if row[column]:
                start = column
                while column < modules and row[column]:
                    column += 1
                path.rect(x + start * module, top, (column - start) * module, module)
            else:
                column += 1
    canvas.drawPath(path, fill=1, stroke=0)


LEADING = 1.2                      # line spacing, in font sizes
DESCENT = 0.22                     # how far Helvetica's letters reach below the baseline, in font sizes


def fitted_lines(text: str, font: str, largest: float, smallest: float, width: float, max_lines: int = 2,
                 height: float | None = None) -> tuple[list[str], float]:
    """The largest size, from `largest` down to `smallest` in half points, at which `text` fits
    `width` in at most `max_lines` lines, or, when `height` is given, in as many lines as fit that
    height. Words wrap, also after a hyphen; a word wider than the width at every size (a very
    long surname) breaks where it must. Only a text too long even at the smallest size is cut,
    with an ellipsis. Characters the font cannot draw are left out first (glyphs.py)."""
    text = drawable(text, font)
    for break_words in (False, True):
        size = largest
        while size >= smallest:
            lines = _wrapped(text, font, size, width, break_words)
            if lines is not None and len(lines) <= _allowed(size, max_lines, height):
                return lines, size
            size -= 0.5
    lines, allowed = _wrapped(text, font, smallest, width, True), _allowed(smallest, max_lines, height)
    return lines[:allowed - 1] + [_cut(" ".join(lines[allowed - 1:]), font, smallest, width)], smallest


def _allowed(size: float, max_lines: int, height: float | None) -> int:
    return max_lines if height is None else lines_within(height, size)


def lines_within(height: float, size: float) -> int:
    """How many lines of `size` fit `height`, from the top of the first to the lowest letter of the last."""
    return max(1, int((height - size * (1 + DESCENT)) // (size * LEADING)) + 1)


def _wrapped(text: str, font: str, size: float, width: float, break_words: bool) -> list[str] | None:
    """The lines, or None when a word is wider than `width` and may not be broken."""
    lines, current = [], ""
    for word in text.split():
        for index, part in enumerate(piece for piece in re.split(r"(?<=-)", word) if piece):
            trial = current + (" " if index == 0 and current else "") + part
            if stringWidth(trial, font, size) <= width:
                current = trial
                continue
            if current:
                lines.append(current)
            while stringWidth(part, font, size) > width and len(part) > 1:
                if not break_words:
                    return None
                fits = 1
                while fits < len(part) and stringWidth(part[:fits + 1], font, size) <= width:
                    fits += 1
                lines.append(part[:fits])
                part = part[fits:]
            current = part
    if current or not lines:
        lines.append(current)
    return lines


def _cut(text: str, font: str, size: float, width: float) -> str:
    while stringWidth(text + "…", font, size) > width and len(text) > 1:
        text = text[:-1]
    return text.rstrip() + "…"


def draw_card_front(canvas: Canvas, card: CardContent, x: float, y: float) -> None:
    canvas.saveState()
    canvas.setFillColor(white)
    canvas.roundRect(x, y, CARD_WIDTH, CARD_HEIGHT, 3 * mm, fill=1, stroke=0)
    colour = HexColor(card.tier_colour)
    canvas.setFillColor(colour)
    canvas.rect(x, y + CARD_HEIGHT - BAND_HEIGHT, CARD_WIDTH, BAND_HEIGHT, fill=1, stroke=0)
    text_left = x + 4 * mm
    if card.logo_path and Path(card.logo_path).is_file():
        canvas.drawImage(card.logo_path, text_left, y + CARD_HEIGHT - BAND_HEIGHT + 1 * mm, width=20 * mm,
                         height=BAND_HEIGHT - 2 * mm, preserveAspectRatio=True, anchor="w", mask="auto")
        text_left += 22 * mm
    # The shop's name on one line, or two smaller ones, centred in the band.
    shop_lines, shop_size = fitted_lines(card.shop_name, FONT_BOLD, 13, 6, x + CARD_WIDTH - 4 * mm - text_left,
                                         height=BAND_HEIGHT - 2 * mm)
    canvas.setFillColor(readable_on(card.tier_colour))
    canvas.setFont(FONT_BOLD, shop_size)
    first = y + CARD_HEIGHT - BAND_HEIGHT / 2 - shop_size * 0.35 + (len(shop_lines) - 1) * shop_size * LEADING / 2
    for index, line in enumerate(shop_lines):
        canvas.drawString(text_left, first - index * shop_size * LEADING, line)

    matrix = qr_matrix(card.number)
    qr_full = qr_full_width(matrix)
    qr_x = x + CARD_WIDTH - qr_full - 1 * mm
    draw_qr(canvas, matrix, qr_x, y + 7 * mm)
    canvas.setFillColor(HexColor("#000000"))
    canvas.setFont(FONT_BOLD, 9)
    canvas.drawCentredString(qr_x + qr_full / 2, y + 3.5 * mm, grouped_number(card.number))

    left_width = qr_x - x - 5 * mm
    canvas.setFillColor(HexColor("#555555"))
    canvas.setFont(FONT, 7)
    canvas.drawString(x + 4 * mm, y + CARD_HEIGHT - BAND_HEIGHT - 6 * mm, card.card_title.upper())
    # A long name takes more lines in a smaller size, down to the tier badge, rather than a "…".
    name_top, badge_top = y + CARD_HEIGHT - BAND_HEIGHT - 8 * mm, y + BADGE_BOTTOM + BADGE_HEIGHT
    name_lines, name_size = fitted_lines(card.member_name, FONT_BOLD, 13, 6, left_width,
                                         height=name_top - badge_top - 1 * mm)
    canvas.setFillColor(HexColor("#000000"))
    canvas.setFont(FONT_BOLD, name_size)
    for index, line in enumerate(name_lines):
        canvas.drawString(x + 4 * mm, name_top - name_size - index * name_size * LEADING, line)
    tier_name = drawable(card.tier_name, FONT_BOLD)
    badge_width = min(left_width, stringWidth(tier_name, FONT_BOLD, 10) + 8 * mm)
    canvas.setFillColor(colour)
    canvas.roundRect(x + 4 * mm, y + BADGE_BOTTOM, badge_width, BADGE_HEIGHT, 2 * mm, fill=1, stroke=0)
    canvas.setFillColor(readable_on(card.tier_colour))
    canvas.setFont(FONT_BOLD, 10)
    canvas.drawString(x + 8 * mm, y + 11.3 * mm, fitted_lines(tier_name, FONT_BOLD, 10, 10,
                                                                badge_width - 8 * mm, 1)[0][0])
    canvas.restoreState()


def draw_card_back(canvas: Canvas, card: CardContent, x: float, y: float) -> None:
    canvas.saveState()
    canvas.setFillColor(HexColor("#000000"))
    heading, heading_size = fitted_lines(f"{card.shop_name} · {card.terms_title}", FONT_BOLD, 9, 6,
                                         CARD_WIDTH - 10 * mm, 1)
    canvas.setFont(FONT_BOLD, heading_size)
    canvas.drawString(x + 5 * mm, y + CARD_HEIGHT - 8 * mm, heading[0])
    lines, size = fitted_lines(card.terms, FONT, 8, 5.5, CARD_WIDTH - 10 * mm, 7)
    canvas.setFont(FONT, size)
    for index, line in enumerate(lines):
        canvas.drawString(x + 5 * mm, y + CARD_HEIGHT - 14 * mm - index * size * 1.3, line)
    canvas.setFont(FONT, 8)
    canvas.drawRightString(x + CARD_WIDTH - 5 * mm, y + 4 * mm, grouped_number(card.number))
    canvas.restoreState()


def cards_pdf(cards: Iterable[CardContent], path: str | Path, back: bool = True) -> Path:
    """One card per CR80 page, each followed by its back when `back` (for card printers)."""
    canvas = Canvas(str(path), pagesize=(CARD_WIDTH, CARD_HEIGHT))
    for index, card in enumerate(cards):
        if index == 0:
            canvas.setTitle(card.card_title)   # in the shop's language, like the card
        draw_card_front(canvas, card, 0, 0)
        canvas.showPage()
        if back:
            draw_card_back(canvas, card, 0, 0)
            canvas.showPage()
    canvas.save()
    return Path(path)


class Cancelled(Exception):
    """The person printing a card sheet pressed Cancel; the partial file is removed."""


def card_sheet_pdf(cards: list[CardContent], path: str | Path, paper: str = "A4",
                   progress: Callable[[int, int], None] | None = None,
                   cancelled: Callable[[], bool] | None = None) -> Path:
    """Ten cards per page (2 × 5), abutting, with cut marks in the margins along every edge."""
    if paper not in PAPERS:
        raise ValueError(f"paper: one of {', '.join(PAPERS)} (got {paper})")
    page_width, page_height = PAPERS[paper]
    left = (page_width - SHEET_COLUMNS * CARD_WIDTH) / 2
    bottom = (page_height - SHEET_ROWS * CARD_HEIGHT) / 2
    per_page = SHEET_COLUMNS * SHEET_ROWS
    canvas = Canvas(str(path), pagesize=(page_width, page_height))
    if cards:
        canvas.setTitle(cards[0].card_title)   # in the shop's language, like the cards
    try:
        for index, card in enumerate(cards):
            if cancelled is not None and cancelled():
                raise Cancelled()
            slot = index % per_page
            if slot == 0:
                if index:
                    canvas.showPage()
                _cut_marks(canvas, left, bottom, page_width, page_height)
            column, row = slot % SHEET_COLUMNS, slot // SHEET_COLUMNS
            draw_card_front(canvas, card, left + column * CARD_WIDTH, page_height - bottom - (row + 1) * CARD_HEIGHT)
            if progress is not None:
                progress(index + 1, len(cards))
        canvas.showPage()
        canvas.save()
    except Cancelled:
        Path(path).unlink(missing_ok=True)
        raise
    return Path(path)


def _cut_marks(canvas: Canvas, left: float, bottom: float, page_width: float, page_height: float) -> None:
    canvas.saveState()
    canvas.setLineWidth(0.3)
    canvas.setStrokeColor(HexColor("#000000"))
    top, right = bottom + SHEET_ROWS * CARD_HEIGHT, left + SHEET_COLUMNS * CARD_WIDTH
    gap = 1 * mm
    mark = min(CUT_MARK, bottom - gap, left - gap)
    for column in range(SHEET_COLUMNS + 1):
        x = left + column * CARD_WIDTH
        canvas.line(x, top + gap, x, top + gap + mark)
        canvas.line(x, bottom - gap, x, bottom - gap - mark)
    for row in range(SHEET_ROWS + 1):
        y = bottom + row * CARD_HEIGHT
        canvas.line(left - gap, y, left - gap - mark, y)
        canvas.line(right + gap, y, right + gap + mark, y)
    canvas.restoreState()
