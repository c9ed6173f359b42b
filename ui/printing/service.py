"""Printing from the app: a preview of any PDF the domain wrote (cards, slips), printed
to any installed printer through Qt, saved elsewhere as PDF; slips sent as ESC/POS to
a thermal printer's queue; card sheets drawn on a worker thread with progress and
cancel. The drawing itself is the domain's (loyalty.printing); this is the plumbing.
"""

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QObject, QSize, QSizeF, QThread, Signal, Slot
from PySide6.QtGui import QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QProgressDialog, QPushButton, QVBoxLayout

from loyalty.common.errors import LoyaltyError
from loyalty.people.members import Member, member_by_id
from loyalty.printing.card import Cancelled
from loyalty.printing.escpos import receipt_escpos
from loyalty.printing.jobs import print_card_sheet, print_cards
from loyalty.printing.receipt import receipt_for_entry
from loyalty.printing.receipt_pdf import receipt_pdf
from loyalty.printing.spool import send_raw
from loyalty.programme.context import Context

from ..widgets import file_dialogs
from ..widgets.background import WorkerShop, sentence_for, start_worker


def printer_named(name: str) -> QPrinter:
    """A QPrinter for the system printer `name` (the system default when empty or unknown)."""
    info = QPrinterInfo.printerInfo(name) if name else QPrinterInfo.defaultPrinter()
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution) if not info.isNull() else QPrinter(
        QPrinter.PrinterMode.HighResolution)
    return printer


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Print every page at the printer's resolution, each on a page of its own size; returns pages printed."""
    pages = document.pageCount()
    if pages == 0:
        return 0
    printer.setFullPage(True)
    first = document.pagePointSize(0)
    printer.setPageSize(QPageSize(QSizeF(first.width(), first.height()), QPageSize.Unit.Point))
    painter = QPainter()
    if not painter.begin(printer):
        raise LoyaltyError("printer: the printer could not start the job (is it switched on and connected?)",
                           "printer")
    try:
        for page in range(pages):
            if page:
                size = document.pagePointSize(page)
                printer.setPageSize(QPageSize(QSizeF(size.width(), size.height()), QPageSize.Unit.Point))
                printer.newPage()
            target = painter.viewport()
            image = document.render(page, QSize(target.width(), target.height()))
            painter.drawImage(target, image)
    finally:
        painter.end()
    return pages


class PdfPreviewDialog(QDialog):
    """The PDF as it will print; Print… (any printer), Save as PDF…, Close."""

    def __init__(self, pdf_path: Path, title: str, printer_name: str = "", parent=None):
        super().__init__(parent)
        self.pdf_path = Path(pdf_path)
        self.printer_name = printer_name
        self.setWindowTitle(title)
        self.resize(760, 640)
        self.document = QPdfDocument(self)
        self.document.load(str(self.pdf_path))
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.view.setAccessibleName(self.tr("Print preview"))
        self.status = QLabel(self.tr("{pages} pages", "", self.document.pageCount()).format(
            pages=self.document.pageCount()))
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setDefault(True)
        self.save_button = QPushButton(self.tr("Save as PDF…"))
        self.close_button = QPushButton(self.tr("Close"))
        for button in (self.print_button, self.save_button, self.close_button):
            button.setMinimumHeight(40)
        self.print_button.clicked.connect(self.print_with_dialog)
        self.save_button.clicked.connect(self.save_as)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.save_button, self.close_button, self.print_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def print_with_dialog(self) -> None:
        printer = printer_named(self.printer_name)
        if file_dialogs.print_dialog(printer, self):
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        try:
            pages = print_pdf(self.document, printer)
        except LoyaltyError as error:
            self.status.setText(error.message)
            return
        self.status.setText(self.tr("Sent {pages} pages to {printer}", "", pages).format(
            pages=pages, printer=printer.printerName() or printer.outputFileName()))

    def save_as(self) -> None:
        target = file_dialogs.file_to_save(self, self.tr("Save as PDF"), self.pdf_path.name, "PDF (*.pdf)")
        if target:
            self.save_to(Path(target))

    def save_to(self, target: Path) -> None:
        shutil.copyfile(self.pdf_path, target)
        self.status.setText(self.tr("Saved to {path}").format(path=target))


class _SheetWorker(QObject):
    """Draws a card sheet on its own thread, with its own database connection."""

    progress = Signal(int, int)
    done = Signal(str)
    failed = Signal(str)

    def __init__(self, shop: WorkerShop, member_ids: list[int], target: str, paper: str):
        super().__init__()
        self.shop, self.member_ids, self.target, self.paper = shop, member_ids, target, paper
        self.cancel_requested = False

    @Slot()
    def run(self) -> None:
        ctx = self.shop.open()
        try:
            members = [member_by_id(ctx, member_id) for member_id in self.member_ids]
            print_card_sheet(ctx, members, self.target, self.paper, progress=self.progress.emit,
                             cancelled=lambda: self.cancel_requested)
            self.done.emit(self.target)
        except Cancelled:
            self.failed.emit("")
        except Exception as error:  # shown on the banner; the counter carries on
            self.failed.emit(sentence_for(error))
        finally:
            ctx.db.close()


class _RawPrintWorker(QObject):
    done = Signal(str)
    failed = Signal(str)

    def __init__(self, printer: str, data: bytes, title: str):
        super().__init__()
        self.printer, self.data, self.title = printer, data, title

    @Slot()
    def run(self) -> None:
        try:
            send_raw(self.printer, self.data, self.title)
            self.done.emit(self.printer)
        except LoyaltyError as error:
            self.failed.emit(error.message)


class PrintService(QObject):
    """What the screens call to print; reports on `message(kind, text)` for the banner."""

    message = Signal(str, str)
    preview_opened = Signal(object)    # the PdfPreviewDialog (tests and screenshots use it)

    def __init__(self, ctx: Context, parent_widget=None):
        super().__init__(parent_widget)
        self.ctx = ctx
        self.parent_widget = parent_widget
        self.folder = Path(tempfile.mkdtemp(prefix="loyalty-print-"))
        self.threads: list[QThread] = []
        self.preview: PdfPreviewDialog | None = None

    # -- cards -------------------------------------------------------------------
    def card(self, member: Member) -> None:
        try:
            path = print_cards(self.ctx, [member], self.folder / self.tr("card-{card}.pdf").format(card=member.card))
        except LoyaltyError as error:
            self.message.emit("error", error.message)
            return
        self._preview(path, self.tr("Card of {name}").format(name=member.name), self.ctx.programme().card_printer)

    def card_sheet(self, members: list[Member]) -> None:
        """Drawn off the GUI thread with a progress dialog and Cancel; previewed when done."""
        if not members:
            self.message.emit("warning", self.tr("Choose the members whose cards to print."))
            return
        target = self.folder / self.tr("cards-{count}.pdf").format(count=len(members))   # named for Save as PDF
        worker = _SheetWorker(WorkerShop(self.ctx), [m.id for m in members], str(target),
                              self.ctx.programme().card_paper)
        progress = QProgressDialog(self.tr("Drawing {n} cards…", "", len(members)).format(n=len(members)),
                                   self.tr("Cancel"), 0,
                                   len(members), self.parent_widget)
        progress.setWindowTitle(self.tr("Card sheet"))
        progress.setMinimumDuration(300)
        progress.canceled.connect(lambda: setattr(worker, "cancel_requested", True))
        self.sheet_progress, self.sheet_count = progress, len(members)
        # Bound methods of this GUI-thread object: Qt queues the worker's signals to the GUI thread.
        worker.progress.connect(self._sheet_progress)
        worker.done.connect(self._sheet_done)
        worker.failed.connect(self._sheet_failed)
        self._start(worker)

    @Slot(int, int)
    def _sheet_progress(self, done: int, total: int) -> None:
        self.sheet_progress.setValue(done)

    @Slot(str)
    def _sheet_done(self, path: str) -> None:
        self.sheet_progress.reset()
        self._preview(Path(path), self.tr("{n} member cards", "", self.sheet_count).format(n=self.sheet_count),
                      self.ctx.programme().card_printer)

    @Slot(str)
    def _sheet_failed(self, problem: str) -> None:
        self.sheet_progress.reset()
        if problem:
            self.message.emit("error", problem)
        else:
            self.message.emit("warning", self.tr("Card sheet cancelled: nothing printed."))

    # -- slips -------------------------------------------------------------------
    def receipt(self, entry_reference: str, preview: bool = True) -> None:
        """The slip of an entry: ESC/POS to the receipt printer's queue when one is set up,
        otherwise a PDF (previewed, or printed straight away when `preview` is False)."""
        programme = self.ctx.programme()
        try:
            receipt = receipt_for_entry(self.ctx, entry_reference)
            if programme.receipt_printer and programme.receipt_format == "escpos":
                worker = _RawPrintWorker(programme.receipt_printer,
                                         receipt_escpos(receipt, programme.receipt_width),
                                         f"{receipt.shop_name} {receipt.reference}")
                worker.done.connect(self._slip_sent)
                worker.failed.connect(self._print_failed)
                self._start(worker)
                return
            path = receipt_pdf(receipt, self.folder / self.tr("slip-{ref}.pdf").format(ref=receipt.reference),
                               programme.receipt_width)
        except LoyaltyError as error:
            self.message.emit("error", error.message)
            return
        if preview or not programme.receipt_printer:
            self._preview(path, self.tr("Slip {ref}").format(ref=receipt.reference), programme.receipt_printer)
            return
        document = QPdfDocument(self)
        document.load(str(path))
        try:
            print_pdf(document, printer_named(programme.receipt_printer))
        except LoyaltyError as error:
            self.message.emit("error", error.message)
            return
        self._slip_sent(programme.receipt_printer)

    @Slot(str)
    def _slip_sent(self, printer: str) -> None:
        self.message.emit("success", self.tr("Slip sent to {printer}").format(printer=printer or self.tr("the printer")))

    @Slot(str)
    def _print_failed(self, problem: str) -> None:
        self.message.emit("error", problem)

    # -- plumbing ----------------------------------------------------------------
    def _preview(self, path: Path, title: str, printer: str) -> None:
        self.preview = PdfPreviewDialog(path, title, printer, self.parent_widget)
        self.preview.open()
        self.preview_opened.emit(self.preview)

    def _start(self, worker: QObject) -> None:
        self.threads.append(start_worker(self, worker, (worker.done, worker.failed), self._forget_finished_threads))

    @Slot()
    def _forget_finished_threads(self) -> None:
        self.threads = [thread for thread in self.threads if not thread.isFinished()]

    def shutdown(self) -> None:
        for thread in list(self.threads):
            worker = getattr(thread, "worker", None)
            if worker is not None and hasattr(worker, "cancel_requested"):
                worker.cancel_requested = True
            thread.quit()
            thread.wait(10_000)
        shutil.rmtree(self.folder, ignore_errors=True)
