"""Cards and receipts read back as a scanner and a person would: the PDF pages are
rendered to images and the QR codes decoded by an independent decoder (zxing-cpp),
sizes are measured in millimetres, and receipt text is read with its positions."""

import os
import stat

import pdfplumber
import pypdfium2
import pytest
import zxingcpp
from hypothesis import example, given
from hypothesis import strategies as st

from loyalty.common.errors import BlockedCardError, PrintingError
from loyalty.ledger.corrections import reverse_entry
from loyalty.ledger.redemptions import redeem_points
from loyalty.ledger.sales import post_sale, refund_sale
from loyalty.people.members import member_by_card, reissue_card
from loyalty.printing.card import (BADGE_BOTTOM, BADGE_HEIGHT, BAND_HEIGHT, FONT_BOLD, Cancelled, card_content,
                                   card_sheet_pdf)
from loyalty.printing.escpos import receipt_escpos
from loyalty.printing.glyphs import can_draw, drawable
from loyalty.printing.jobs import members_due_a_card, print_card_sheet, print_cards
from loyalty.printing.receipt import Receipt, receipt_for_entry
from loyalty.printing.receipt_pdf import receipt_pdf
from loyalty.printing.spool import send_raw

MM = 72 / 25.4
DPI = 600
LONG_NAME = "María de los Ángeles Fernández-Castañeda y Muñoz-Ibáñez"   # 55 characters


def page_images(path, dpi=DPI):
    pdf = pypdfium2.PdfDocument(str(path))
    return [page.render(scale=dpi / 72).to_pil() for page in pdf]


def decoded(image) -> list:
    return [code for code in zxingcpp.read_barcodes(image) if code.format == zxingcpp.BarcodeFormat.QRCode]


def test_a_card_is_cr80_and_its_qr_reads_back_as_the_card_number(ctx, enrol, tmp_path):
    ana = enrol(LONG_NAME)
    path = print_cards(ctx, [ana], tmp_path / "card.pdf")
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 2, "front and back"
        for page in pdf.pages:
            assert page.width / MM == pytest.approx(85.60, abs=0.01)
            assert page.height / MM == pytest.approx(53.98, abs=0.01)
        front_text = pdf.pages[0].extract_text()
        assert "María de los Ángeles" in front_text and "Muñoz-Ibáñez" in front_text
        assert " ".join(ana.card[i:i + 4] for i in (0, 4, 8)) in front_text, "readable digits under the QR"
        page_width = pdf.pages[0].width
        assert all(0 <= char["x0"] and char["x1"] <= page_width for char in pdf.pages[0].chars), "nothing off the card"
    front = page_images(path)[0]
    codes = decoded(front)
    assert [code.text for code in codes] == [ana.card]
    assert codes[0].ec_level in ("M", "Q", "H")
    corners = codes[0].position
    width_mm = (corners.top_right.x - corners.top_left.x) / DPI * 25.4
    assert width_mm >= 20, f"QR is {width_mm:.1f} mm wide"


def test_the_long_name_stays_left_of_the_qr_code(ctx, enrol, tmp_path):
    ana = enrol(LONG_NAME)
    path = print_cards(ctx, [ana], tmp_path / "card.pdf", back=False)
    front = page_images(path)[0]
    qr_left_px = decoded(front)[0].position.top_left.x
    with pdfplumber.open(path) as pdf:
        height = pdf.pages[0].height   # between the shop's band and the tier badge: the title and the name
        name_chars = [c for c in pdf.pages[0].chars if height * 0.2 < c["top"] < height * 0.6]
        assert name_chars
        assert max(c["x1"] for c in name_chars) * DPI / 72 < qr_left_px


def test_a_replaced_card_number_is_never_printed_again(ctx, enrol, tmp_path):
    ana = enrol()
    old = ana.card
    reissue_card(ctx, old)
    with pytest.raises(BlockedCardError, match="replaced"):
        member_by_card(ctx, old)
    current = ctx.db.execute("SELECT card FROM members WHERE id = ?", [ana.id]).fetchone()[0]
    assert current != old
    path = print_cards(ctx, [member_by_card(ctx, current)], tmp_path / "card.pdf", back=False)
    assert [code.text for code in decoded(page_images(path)[0])] == [current]


def test_cards_are_due_until_printed_and_again_after_a_tier_change(ctx, enrol, tmp_path):
    ana, luis = enrol("Ana"), enrol("Luis")
    assert {m.id for m in members_due_a_card(ctx)} == {ana.id, luis.id}
    print_card_sheet(ctx, members_due_a_card(ctx), tmp_path / "sheet.pdf")
    assert members_due_a_card(ctx) == []
    post_sale(ctx, ana.card, 60_000)   # 600.00 crosses into Silver
    assert [m.id for m in members_due_a_card(ctx)] == [ana.id]


LONGEST_NAMES = [
    "María de los Ángeles Fernández-Castañeda y Muñoz-Ibáñez de la Santísima Trinidad Ortiz",
    "Hubert Blaine Wolfeschlegelsteinhausenbergerdorff",            # a surname wider than the card's column
    "Ana " + "Villalobos-" * 9 + "Pérez",                          # 114 characters
]


def front_chars(path):
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        return page.chars, page.height


@pytest.mark.parametrize("name", LONGEST_NAMES)
def test_a_long_name_wraps_to_more_lines_in_a_smaller_size_and_is_never_cut(ctx, enrol, tmp_path, name):
    member = enrol(name)
    path = print_cards(ctx, [member], tmp_path / "card.pdf", back=False)
    chars, height = front_chars(path)
    badge_top = height - (BADGE_BOTTOM + BADGE_HEIGHT)     # pdfplumber measures from the top
    name_chars = [c for c in chars if c["top"] > BAND_HEIGHT + 7 * MM and c["bottom"] <= badge_top + 1
                  and c["fontname"].endswith("Helvetica-Bold") and c["size"] < 13.5]
    printed = "".join(c["text"] for c in name_chars)
    assert "…" not in printed
    assert printed.replace(" ", "") == name.replace(" ", ""), "every letter, in order, above the tier badge"
    assert max(c["bottom"] for c in name_chars) <= badge_top, "no line runs into the badge"
    if len(name) > 80:
        assert len({round(c["top"]) for c in name_chars}) >= 3, "more lines than the two it used to be cut to"
    assert decoded(page_images(path, dpi=300)[0])[0].text == member.card


@pytest.mark.parametrize("name, printed", [
    ("Ana 😀 García", "Ana García"),
    ("👩‍👩‍👧 Lucía Núñez ✨", "Lucía Núñez"),
    ("Łukasz Wójcik", "Lukasz Wójcik"),
    ("Zoltán Kővári", "Zoltán Kovári"),
    # Greek comes from reportlab's Symbol font, without the accents (it has none), and its letters
    # read back as the Latin keys that font puts them on.
    ("Ελένη Παπαδοπούλου", "Elenh Papadopoulou"),
])
def test_characters_the_card_font_cannot_draw_are_left_out_not_printed_as_boxes(ctx, enrol, tmp_path, name, printed):
    member = enrol(name)
    path = print_cards(ctx, [member], tmp_path / "card.pdf", back=False)
    chars, _ = front_chars(path)
    assert not [c for c in chars if "ZapfDingbats" in c["fontname"]], "no black box (the font's 'not defined' mark)"
    with pdfplumber.open(path) as pdf:
        assert printed in " ".join(pdf.pages[0].extract_text().split())


@given(st.text(max_size=40))
@example("Ana\r\nGarcía\tPérez")      # line breaks and tabs part words like spaces, though the font cannot draw them
def test_the_card_text_keeps_every_drawable_character_and_nothing_else(text):
    cleaned = drawable(text, FONT_BOLD)
    assert all(can_draw(char, FONT_BOLD) for char in cleaned.replace(" ", ""))
    plain = "".join(char for char in text if char.isspace() or can_draw(char, FONT_BOLD))
    if plain == text:    # nothing to leave out: the text as it was, its spaces closed up
        assert cleaned == " ".join(text.split())


@pytest.mark.parametrize("paper, size_mm", [("A4", (210, 297)), ("Letter", (215.9, 279.4))])
def test_a_sheet_holds_ten_cards_per_page_each_readable(ctx, enrol, tmp_path, paper, size_mm):
    members = [enrol(f"Socio número {n}") for n in range(12)]
    steps = []
    path = card_sheet_pdf([card_content(ctx, m) for m in members], tmp_path / "sheet.pdf", paper,
                          progress=lambda done, total: steps.append((done, total)))
    assert steps[-1] == (12, 12)
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == 2
        assert (pdf.pages[0].width / MM, pdf.pages[0].height / MM) == pytest.approx(size_mm, abs=0.1)
        assert len(pdf.pages[0].lines) >= 2 * 3 + 2 * 6, "cut marks along every card edge"
    pages = page_images(path, dpi=300)
    found = [code.text for page in pages for code in decoded(page)]
    assert sorted(found) == sorted(m.card for m in members)


def test_cancelling_a_sheet_leaves_no_file(ctx, enrol, tmp_path):
    members = [enrol(f"Socio {n}") for n in range(5)]
    target = tmp_path / "sheet.pdf"
    drawn = []
    with pytest.raises(Cancelled):
        card_sheet_pdf([card_content(ctx, m) for m in members], target,
                       progress=lambda done, total: drawn.append(done), cancelled=lambda: len(drawn) == 2)
    assert drawn == [1, 2]
    assert not target.exists()


def test_a_receipt_shows_amounts_points_breakdown_and_balance(ctx, enrol, tmp_path, settings):
    ana = enrol("Ana García")
    post_sale(ctx, ana.card, 60_000, "T-1")                  # Plata (Silver) from now on
    sale = post_sale(ctx, ana.card, 2_000, "T-2").entry       # 20 base + 5 Plata extra
    path = receipt_pdf(receipt_for_entry(ctx, sale.uuid), tmp_path / "r.pdf", 80)
    with pdfplumber.open(path) as pdf:
        assert pdf.pages[0].width / MM == pytest.approx(80, abs=0.01)
        text = pdf.pages[0].extract_text()
    for expected in ("Mi tienda", "Ana García", "****" + ana.card[-4:], "T-2", "20,00 €", "Puntos base", "Extra Plata",
                     "+5", "+25", "625 pts", "6,25 €", "Plata", "880,00 € más para Oro"):   # a Spanish shop's ladder
        assert expected in text, expected
    assert ana.card not in text, "the full card number is never on a slip"
    settings(language="en")
    english = receipt_pdf(receipt_for_entry(ctx, sale.id), tmp_path / "en.pdf", 80)
    with pdfplumber.open(english) as pdf:
        assert "€20.00" in pdf.pages[0].extract_text() and "Balance" in pdf.pages[0].extract_text()


def test_at_58_mm_the_longest_name_and_largest_numbers_are_not_clipped(ctx, enrol, tmp_path, settings):
    settings(shop_name="Droguería y Perfumería Hermanos Fernández de Córdoba")
    ana = enrol(LONG_NAME)
    for ref in ("A", "B"):
        post_sale(ctx, ana.card, 100_000_000, ref)            # 1,000,000.00: the largest sale
    sale = post_sale(ctx, ana.card, 99_999_999, "C").entry
    path = receipt_pdf(receipt_for_entry(ctx, sale.id), tmp_path / "r58.pdf", 58)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        assert page.width / MM == pytest.approx(58, abs=0.01)
        margin = 5 * MM - 0.5
        assert all(char["x0"] >= margin and char["x1"] <= page.width - margin for char in page.chars)
        assert all(char["bottom"] <= page.height for char in page.chars)
        text = page.extract_text()
    assert "999.999,99 €" in text and "Muñoz-Ibáñez" in text and "Córdoba" in text


FIXED = Receipt(
    shop_name="Café Ñandú", moment="01/03/2026 10:30", cashier="ana", reference="T-7", member_name="José Pérez",
    masked_card="****1234", body=(("Compra", "12,50 €"), ("Puntos base", "12"), ("Puntos ganados", "+12")),
    balance="340 pts", balance_value="3,40 €", tier_line="Bronze", progress_line="487,50 € más para Silver",
    expiring_line=None, thanks="¡Gracias!",
    labels={"member": "Socio", "card": "Tarjeta", "receipt": "Ticket", "cashier": "Atiende", "balance": "Saldo",
            "value": "Valor", "tier": "Nivel"},
)


def test_escpos_bytes_of_a_fixed_receipt_are_exactly_as_expected():
    rule = b"-" * 32 + b"\n"
    expected = (
        b"\x1b@"                      # initialise
        b"\x1bt\x13"                  # code page 19: PC858 (has the euro sign)
        b"\x1d!\x11\x1bE\x01" + b"   Caf\x82 \xa5and\xa3" + b"\x1bE\x00\x1d!\x00\n"   # double size, bold, centred
        b"\n"
        b"01/03/2026 10:30    Atiende: ana\n"
        b"Ticket:                      T-7\n" + rule +
        b"Socio: Jos\x82 P\x82rez\n"
        b"Tarjeta:                ****1234\n" + rule +
        b"Compra                   12,50 \xd5\n"
        b"Puntos base                   12\n"
        b"Puntos ganados               +12\n" + rule +
        b"Saldo                    340 pts\n"
        b"Valor                     3,40 \xd5\n"
        b"Nivel                     Bronze\n"
        b"487,50 \xd5 m\xa0s para Silver\n"
        b"\n"
        b"           \xadGracias!\n"
        b"\x1bd\x04\x1dV\x01"        # feed 4 lines, partial cut
    )
    assert receipt_escpos(FIXED, 58) == expected


@pytest.fixture
def fake_lp(tmp_path, monkeypatch):
    """A stand-in for CUPS's `lp` that records its arguments and the job's bytes."""
    folder = tmp_path / "bin"
    folder.mkdir()
    script = folder / "lp"
    script.write_text(f"#!/bin/sh\necho \"$@\" > {tmp_path}/lp-args\ncat > {tmp_path}/lp-job\n"
                      "[ \"$2\" = broken ] && echo 'lp: The printer or class does not exist.' >&2 && exit 1\nexit 0\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return tmp_path


def test_escpos_goes_to_the_queue_as_a_raw_job_untouched(fake_lp):
    send_raw("TM-T20", b"\x1b@hola\xd5\n", "slip T-7")
    assert (fake_lp / "lp-args").read_text().split() == ["-d", "TM-T20", "-t", "slip", "T-7", "-o", "raw"]
    assert (fake_lp / "lp-job").read_bytes() == b"\x1b@hola\xd5\n"


def test_a_refused_print_job_says_which_printer_and_why(fake_lp):
    with pytest.raises(PrintingError, match="'broken' refused the job: lp: The printer or class does not exist"):
        send_raw("broken", b"x")


def test_a_logo_is_printed_beside_the_shop_name_and_the_qr_still_reads(ctx, enrol, settings, tmp_path):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (200, 80), "#1f4e8c").save(logo)
    settings(logo_path=str(logo))
    ana = enrol("Ana García")
    path = print_cards(ctx, [ana], tmp_path / "card.pdf", back=False)
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages[0].images) == 1
    assert [code.text for code in decoded(page_images(path)[0])] == [ana.card]


def test_the_slips_of_a_refund_its_reversal_and_an_undone_redemption_say_which_way_points_went(ctx, enrol):
    ana = enrol("Ana García")
    post_sale(ctx, ana.card, 25_900, "T-1")
    refund = refund_sale(ctx, ana.card, 15_900, "T-1").entry
    restored = reverse_entry(ctx, refund.uuid).entry
    undone = reverse_entry(ctx, redeem_points(ctx, ana.card, 20).entry.uuid).entry
    assert receipt_for_entry(ctx, refund.uuid).body == (("Devolución", "-159,00 €"), ("Puntos retirados", "-159"))
    assert receipt_for_entry(ctx, restored.uuid).body == (("Devolución anulada", "159,00 €"),
                                                          ("Puntos devueltos", "+159"))
    # The reason the app wrote ("void") is printed in the shop's language, as is every word of the slip.
    assert receipt_for_entry(ctx, undone.uuid).body == (("Anulación", "anulación"), ("Puntos devueltos", "+20"))


def test_the_slip_warns_of_points_expiring_within_30_days(ctx, enrol, clock, tmp_path):
    ana = enrol("Ana García")
    post_sale(ctx, ana.card, 5_000, "T-1")              # March 2026: expires 31 March 2027
    clock.advance(days=370)
    sale = post_sale(ctx, ana.card, 1_000, "T-2").entry
    path = receipt_pdf(receipt_for_entry(ctx, sale.id), tmp_path / "r.pdf", 80)
    with pdfplumber.open(path) as pdf:
        assert "50 pts caducan el 31/03/2027" in pdf.pages[0].extract_text()


def test_the_printers_command_lists_what_cups_knows(fake_lp, monkeypatch, capsys, tmp_path):
    from loyalty.cli import main

    lpstat = fake_lp / "bin" / "lpstat"
    lpstat.write_text("#!/bin/sh\necho Caja\necho Oficina\n")
    lpstat.chmod(lpstat.stat().st_mode | stat.S_IEXEC)
    assert main(["--db", str(tmp_path / "p.sqlite"), "--json", "printers"]) == 0
    assert '"printers": ["Caja", "Oficina"]' in capsys.readouterr().out


class FakeWin32Print:
    """pywin32's win32print as the Windows spooler answers it: a RAW job recorded byte for byte,
    each call in order; an unknown printer refused as the spooler does (ERROR_INVALID_PRINTER_NAME)."""

    class error(Exception):      # pywintypes.error: (winerror, function name, message)
        pass

    def __init__(self):
        self.calls, self.jobs = [], {}

    def GetDefaultPrinter(self):
        return "TM-T20 (default)"

    def OpenPrinter(self, name):
        self.calls.append(("OpenPrinter", name))
        if name == "broken":
            raise self.error(1801, "OpenPrinter", "The printer name is invalid.")
        return name

    def StartDocPrinter(self, handle, level, info):
        self.calls.append(("StartDocPrinter", level, info))
        self.jobs[handle] = b""

    def StartPagePrinter(self, handle):
        self.calls.append(("StartPagePrinter",))

    def WritePrinter(self, handle, data):
        self.jobs[handle] += bytes(data)
        return len(data)

    def EndPagePrinter(self, handle):
        self.calls.append(("EndPagePrinter",))

    def EndDocPrinter(self, handle):
        self.calls.append(("EndDocPrinter",))

    def ClosePrinter(self, handle):
        self.calls.append(("ClosePrinter",))


@pytest.fixture
def fake_spooler(monkeypatch):
    import sys

    spooler = FakeWin32Print()
    monkeypatch.setitem(sys.modules, "win32print", spooler)
    monkeypatch.setattr(sys, "platform", "win32")
    return spooler


def test_on_windows_escpos_goes_to_the_spooler_as_a_raw_job_byte_for_byte(fake_spooler):
    job = receipt_escpos(FIXED, 58)
    send_raw("TM-T20", job, "slip T-7")
    assert fake_spooler.jobs == {"TM-T20": job}, "the receipt's bytes, untouched"
    assert fake_spooler.calls == [("OpenPrinter", "TM-T20"), ("StartDocPrinter", 1, ("slip T-7", None, "RAW")),
                                  ("StartPagePrinter",), ("EndPagePrinter",), ("EndDocPrinter",), ("ClosePrinter",)]
    send_raw("", b"\x1b@", "slip")                 # no printer chosen: the system's default
    assert fake_spooler.jobs["TM-T20 (default)"] == b"\x1b@"


def test_on_windows_a_refused_job_says_which_printer_and_why(fake_spooler):
    with pytest.raises(PrintingError, match="'broken' refused the job: The printer name is invalid. \\(OpenPrinter\\)"):
        send_raw("broken", b"x")
    fake_spooler.WritePrinter = lambda handle, data: len(data) - 1
    with pytest.raises(PrintingError, match="'TM-T20' refused the job: 1 of 2 bytes written"):
        send_raw("TM-T20", b"xy")
    assert fake_spooler.calls[-2:] == [("EndDocPrinter",), ("ClosePrinter",)], "the job and the printer closed"
