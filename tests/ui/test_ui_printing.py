"""Printing from the screens: the slip after a sale (preview, or ESC/POS to the queue),
card sheets drawn off the GUI thread with progress and cancel, printing a PDF through
Qt's printer path (a PDF 'printer' stands in for a real one), printer settings."""

import os
import stat

import pdfplumber
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton
from ui_helpers import press, type_fast

from loyalty.programme.rules import load_programme


def test_f9_previews_the_slip_of_the_last_sale_and_prints_it(qtbot, window, ctx, enrol, tmp_path):
    ana = enrol("Ana García")
    window.counter.open_card(ana.card)
    type_fast(qtbot, window.counter.sale.amount, "12,50")
    press(qtbot, Qt.Key.Key_Return)
    with qtbot.waitSignal(window.printing.preview_opened) as opened:
        press(qtbot, Qt.Key.Key_F9)
    preview = opened.args[0]
    assert preview.document.pageCount() == 1
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    preview.print_to(printer)
    with pdfplumber.open(tmp_path / "printed.pdf") as pdf:
        assert len(pdf.pages) == 1
        assert pdf.pages[0].width / (72 / 25.4) == pytest.approx(80, abs=1), "printed on the slip's own page size"
    preview.save_to(tmp_path / "copy.pdf")
    with pdfplumber.open(tmp_path / "copy.pdf") as pdf:
        assert "12,50 €" in pdf.pages[0].extract_text()
    preview.reject()


def test_with_a_thermal_printer_set_up_the_slip_goes_to_its_queue_as_escpos(qtbot, window, ctx, enrol, settings,
                                                                          tmp_path, monkeypatch):
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    lp = bin_folder / "lp"
    lp.write_text(f"#!/bin/sh\necho \"$@\" > {tmp_path}/args\ncat > {tmp_path}/job\n")
    lp.chmod(lp.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_folder}{os.pathsep}{os.environ['PATH']}")
    settings(receipt_printer="TM-T20", receipt_width=58, auto_print_receipt=1)
    ana = enrol("Ana García")
    window.counter.open_card(ana.card)
    type_fast(qtbot, window.counter.sale.amount, "20")
    press(qtbot, Qt.Key.Key_Return)   # auto-print: no key needed
    qtbot.waitUntil(lambda: "Slip sent to TM-T20" in window.counter.banner.text(), timeout=5000)
    assert (tmp_path / "args").read_text().split()[:2] == ["-d", "TM-T20"]
    job = (tmp_path / "job").read_bytes()
    assert job.startswith(b"\x1b@\x1bt\x13") and b"20,00 \xd5" in job


def test_a_card_sheet_of_the_selected_members_is_drawn_off_the_gui_thread(qtbot, window, ctx, enrol):
    for number in range(12):
        enrol(f"Socio {number:02d}")
    window.show_screen(1)
    table = window.members.table
    table.selectAll()
    with qtbot.waitSignal(window.printing.preview_opened, timeout=20_000) as opened:
        qtbot.mouseClick(window.members.cards_button, Qt.MouseButton.LeftButton)
    assert opened.args[0].document.pageCount() == 2
    assert ctx.db.execute("SELECT COUNT(*) FROM cards WHERE printed_tier IS NOT NULL").fetchone()[0] == 12
    opened.args[0].reject()


def test_cancelling_a_card_sheet_prints_nothing(qtbot, window, ctx, enrol):
    members = [enrol(f"Socio {n}") for n in range(300)]   # about a second and a half of drawing
    window.printing.card_sheet(members)
    window.printing.sheet_progress.findChild(QPushButton).click()   # the dialog's Cancel, as a person presses it
    qtbot.waitUntil(lambda: "cancelled" in window.counter.banner.text(), timeout=20_000)
    assert window.printing.preview is None
    assert ctx.db.execute("SELECT COUNT(*) FROM cards WHERE printed_tier IS NOT NULL").fetchone()[0] == 0
    assert not list(window.printing.folder.glob("cards-*.pdf")), "the partial file is removed"


def test_printer_settings_are_saved_from_the_settings_screen(qtbot, window, ctx):
    window.show_screen(4)
    screen = window.settings
    screen.fields["receipt_printer"].setCurrentText("Caja-1")
    screen.fields["receipt_width"].setCurrentIndex(screen.fields["receipt_width"].findData(58))
    screen.fields["language"].setCurrentIndex(screen.fields["language"].findData("en"))
    screen.fields["logo_path"].setText("/no/such/logo.png")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert screen.banner.kind == "error" and "logo_path" in screen.banner.text()
    assert load_programme(ctx.db).receipt_printer == ""
    screen.fields["logo_path"].setText("")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    saved = load_programme(ctx.db)
    assert (saved.receipt_printer, saved.receipt_width, saved.language) == ("Caja-1", 58, "en")
