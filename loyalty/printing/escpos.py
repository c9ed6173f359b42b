"""The slip as ESC/POS bytes for a thermal printer (Epson TM and compatibles), written by
hand: the format is a dozen control codes, and owning them lets a test compare every byte.

Code page: PC858 (programme/wording.py, whose printed words are chosen for it). Characters it
lacks print as '?', never as garbage.
"""

from ..programme.wording import PRINTER_CODEC, PRINTER_CODE_PAGE
from .receipt import COLUMNS, Receipt, line_text, receipt_lines

ESC, GS, LF = b"\x1b", b"\x1d", b"\n"
INITIALISE = ESC + b"@"
CODE_PAGE_PC858 = ESC + b"t" + bytes([PRINTER_CODE_PAGE])
DOUBLE_SIZE = GS + b"!" + bytes([0x11])
NORMAL_SIZE = GS + b"!" + bytes([0x00])
BOLD_ON, BOLD_OFF = ESC + b"E" + b"\x01", ESC + b"E" + b"\x00"
FEED_AND_CUT = ESC + b"d" + bytes([4]) + GS + b"V" + bytes([1])   # feed 4 lines past the cutter, partial cut


def encode(text: str) -> bytes:
    return text.encode(PRINTER_CODEC, errors="replace")


def receipt_escpos(receipt: Receipt, width_mm: int = 80) -> bytes:
    columns = COLUMNS[width_mm]
    out = bytearray(INITIALISE + CODE_PAGE_PC858)
    for line in receipt_lines(receipt, columns):
        text = encode(line_text(line, columns))
        if line.style == "title":
            out += DOUBLE_SIZE + BOLD_ON + text + BOLD_OFF + NORMAL_SIZE + LF
        else:
            out += text + LF
    out += FEED_AND_CUT
    return bytes(out)
