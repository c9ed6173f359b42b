"""The slip as a PDF the width of a thermal roll (80 or 58 mm), for a printer driven by
its system driver, for the preview, or to e-mail. Courier, so the columns of
`receipt_lines` line up exactly as they do on the thermal printer."""

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .receipt import COLUMNS, Receipt, line_text, receipt_lines

PRINTABLE_MM = {80: 72, 58: 48}     # the heads of 80 and 58 mm printers print 72 and 48 mm
FONT = "Courier"
FONT_BOLD = "Courier-Bold"


def receipt_pdf(receipt: Receipt, path: str | Path, width_mm: int = 80) -> Path:
    if width_mm not in COLUMNS:
        raise ValueError(f"width: 58 or 80 mm (got {width_mm})")
    columns = COLUMNS[width_mm]
    margin = (width_mm - PRINTABLE_MM[width_mm]) / 2 * mm
    printable = PRINTABLE_MM[width_mm] * mm
    size = printable / (columns * stringWidth("M", FONT, 1))   # the point size that fits `columns` characters
    lines = receipt_lines(receipt, columns)
    leading = size * 1.25
    height = sum(leading * (2 if line.style == "title" else 1) for line in lines) + 2 * margin + 6 * mm
    canvas = Canvas(str(path), pagesize=(width_mm * mm, height))
    canvas.setTitle(f"{receipt.shop_name} {receipt.reference}")
    y = height - margin - 3 * mm
    for line in lines:
        big = line.style == "title"
        y -= leading * (2 if big else 1)
        canvas.setFont(FONT_BOLD if big else FONT, size * 2 if big else size)
        canvas.drawString(margin, y, line_text(line, columns))
    canvas.showPage()
    canvas.save()
    return Path(path)
