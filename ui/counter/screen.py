"""The counter: find the member (scan, or search as you type), see them, then sell,
redeem or refund; enrol newcomers; undo the last transaction for two minutes.

Everything is reachable from the keyboard: the search box takes F2, the actions
F3 (sale), F4 (redeem), F6 (refund), F8 enrols, Ctrl+Z undoes, F9 prints the
last slip, Esc clears; F7 takes a complaint, F10 asks the counter survey.
"""

from PySide6.QtCore import QTimer, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QTabWidget,
                               QVBoxLayout, QWidget)

from loyalty.common.clock import from_iso
from loyalty.common.errors import LoyaltyError
from loyalty.ledger.corrections import UNDO_WINDOW_SECONDS, undo_entry
from loyalty.ledger.entries import Entry
from loyalty.ledger.lookup import MemberSummary, member_summary
from loyalty.people.members import Member
from loyalty.programme.context import Context
from loyalty.retention.survey import active_questions

from ..printing.service import PrintService
from ..widgets.feedback import StatusBanner
from ..widgets.formatting import points_text, signed_points_text
from ..widgets.sign_in import with_approval
from .actions import RedeemPanel, RefundPanel, SalePanel
from .complaint_dialog import ComplaintDialog
from .enrol_dialog import EnrolDialog
from .member_panel import MemberPanel
from .search_worker import MemberSearch
from .survey_dialog import SurveyDialog

SEARCH_DEBOUNCE_MS = 150


class CounterScreen(QWidget):
    member_changed = Signal(object)   # MemberSummary or None
    entry_saved = Signal()            # a sale, redemption or refund was saved (the sync sends it at once)

    def __init__(self, ctx: Context, search: MemberSearch, printing: PrintService | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.search = search
        self.printing = printing
        self.print_card = printing.card if printing else None
        self.summary: MemberSummary | None = None
        self.last_entry: Entry | None = None     # what Ctrl+Z would undo
        self.slip_entry: Entry | None = None     # what F9 would print

        self.search_box = QLineEdit(placeholderText=self.tr("Scan a card or search: name, phone, card (F2)"))
        self.search_box.setAccessibleName(self.tr("Find member"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumHeight(48)
        self.search_box.setMinimumWidth(300)
        self.search_box.setStyleSheet("font-size: 16pt; padding: 4px 8px;")
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setStyleSheet("font-size: 13pt;")
        self.results.setMaximumHeight(260)
        self.results.hide()
        self.enrol_button = QPushButton(self.tr("New member (F8)"))
        self.enrol_button.setMinimumHeight(48)
        self.enrol_button.setStyleSheet("font-size: 13pt; padding: 4px 12px;")
        self.enrol_button.setAccessibleName(self.tr("New member"))
        self.undo_button = QPushButton(self.tr("Undo (Ctrl+Z)"))
        self.undo_button.setMinimumHeight(48)
        self.undo_button.setStyleSheet("font-size: 13pt; padding: 4px 12px;")
        self.undo_button.setAccessibleName(self.tr("Undo last transaction"))
        self.undo_button.setEnabled(False)
        self.slip_button = QPushButton(self.tr("Slip (F9)"))
        self.slip_button.setMinimumHeight(48)
        self.slip_button.setStyleSheet("font-size: 13pt; padding: 4px 12px;")
        self.slip_button.setAccessibleName(self.tr("Print the slip of the last transaction"))
        self.slip_button.setEnabled(False)
        self.slip_button.setVisible(printing is not None)

        self.panel = MemberPanel(ctx.programme().currency, ctx.programme().currency_decimals, ctx.programme().timezone)
        self.sale = SalePanel(ctx)
        self.redeem = RedeemPanel(ctx)
        self.refund = RefundPanel(ctx)
        self.actions = QTabWidget()
        self.actions.setStyleSheet("QTabBar::tab { font-size: 13pt; padding: 8px 12px; }")
        # Every tab whole, never behind scroll arrows: the tabs' width is the column's minimum.
        self.actions.tabBar().setUsesScrollButtons(False)
        self.actions.tabBar().setElideMode(Qt.TextElideMode.ElideNone)
        self.actions.addTab(self.sale, self.tr("Sale (F3)"))
        self.actions.addTab(self.redeem, self.tr("Redeem (F4)"))
        self.actions.addTab(self.refund, self.tr("Refund (F6)"))
        self.banner = StatusBanner()

        # Undo and Slip act on the transaction just made: under the actions, where it was made,
        # so that the search box keeps the width of a name on a 1024-pixel screen.
        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.enrol_button)
        last = QHBoxLayout()
        last.addStretch()
        last.addWidget(self.undo_button)
        last.addWidget(self.slip_button)
        actions = QVBoxLayout()
        actions.addWidget(self.actions, 1)
        actions.addLayout(last)
        body = QHBoxLayout()
        body.addWidget(self.panel, 2)
        body.addLayout(actions, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.results)
        layout.addLayout(body, 1)
        layout.addWidget(self.banner)

        self.debounce = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self.debounce.timeout.connect(self._search_now)
        self.undo_timer = QTimer(self, singleShot=True)
        self.undo_timer.timeout.connect(lambda: self.undo_button.setEnabled(False))
        self.search_box.textEdited.connect(lambda _: self.debounce.start())
        self.search_box.returnPressed.connect(self._search_return)
        for field in (self.search_box, self.sale.amount, self.sale.reference, self.redeem.points, self.refund.amount):
            field.installEventFilter(self)
        self.results.itemActivated.connect(self._result_chosen)
        self.search.results.connect(self._show_results)
        self.search.failed.connect(lambda message: self.banner.show_message("error", message))
        self.enrol_button.clicked.connect(self.enrol)
        self.undo_button.clicked.connect(self.undo)
        self.slip_button.clicked.connect(self.print_slip)
        for panel in (self.sale, self.redeem, self.refund):
            panel.succeeded.connect(self._action_succeeded)
            panel.failed.connect(lambda message: self.banner.show_message("error", message))
        for keys, slot in (("F2", self.focus_search), ("F3", lambda: self.show_action(0)),
                           ("F4", lambda: self.show_action(1)), ("F6", lambda: self.show_action(2)),
                           ("F8", self.enrol), ("Ctrl+Z", self.undo), ("F9", self.print_slip), ("Escape", self.clear_member),
                           ("F7", self.complaint), ("F10", self.survey)):
            QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # -- finding the member -----------------------------------------------------
    def open_card(self, card: str) -> bool:
        """Show the member of a scanned or chosen card; the amount field gets the focus.
        A card that opens no one clears the member on screen: the next amount typed must not
        go to whoever was served before."""
        try:
            summary = member_summary(self.ctx, card)
        except LoyaltyError as error:
            self._set_summary(None)
            self.banner.show_message("error", error.message)
            return False
        self._set_summary(summary)
        self.results.hide()
        self.search_box.clear()
        self.show_action(0)
        member = summary.lookup.member
        greeting = self.tr("{name} · {points} points", "", abs(member.balance)).format(
            name=member.name, points=points_text(member.balance))
        if summary.birthday_today:
            greeting += " · " + self.tr("birthday today!")
        self.banner.show_message("info", greeting)
        return True

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _search_now(self) -> None:
        text = self.search_box.text().strip()
        if len(text) < 2:
            self.results.hide()
            return
        self.search.request(text)

    def _search_return(self) -> None:
        """Enter in the search box: a typed card number opens directly; otherwise the first result."""
        text = self.search_box.text().strip()
        if text.isdigit() and len(text) >= 8:
            self.open_card(text)
        elif self.results.isVisible() and self.results.count():
            self._result_chosen(self.results.item(max(0, self.results.currentRow())))

    def _show_results(self, members: list[Member]) -> None:
        self.results.clear()
        if not self.search_box.text().strip():
            self.results.hide()
            return
        for member in members:
            item = QListWidgetItem(f"{member.name} · {member.card}" + (f" · {member.phone}" if member.phone else ""))
            item.setData(Qt.ItemDataRole.UserRole, member.card)
            self.results.addItem(item)
        if not members:
            self.results.addItem(self.tr("No member found. F8 enrols a new one."))
        self.results.setCurrentRow(0)
        self.results.show()

    def _result_chosen(self, item: QListWidgetItem) -> None:
        card = item.data(Qt.ItemDataRole.UserRole)
        if card:
            self.open_card(card)

    def eventFilter(self, watched, event) -> bool:
        """Arrow keys in the search box move through the results; Ctrl+Z in any of the
        counter's fields undoes the last transaction, not the typing (a line edit
        would otherwise claim the key for its own text undo)."""
        if event.type() == event.Type.ShortcutOverride and event.matches(QKeySequence.StandardKey.Undo):
            return True
        if watched is self.search_box and event.type() == event.Type.KeyPress and self.results.isVisible():
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(event.key())
            if step:
                row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    # -- acting ------------------------------------------------------------------
    def show_action(self, index: int) -> None:
        self.actions.setCurrentIndex(index)
        focus = {0: self.sale.amount, 1: self.redeem.points, 2: self.refund.sales}[index]
        focus.setFocus()

    def _set_summary(self, summary: MemberSummary | None) -> None:
        self.summary = summary
        programme = self.ctx.programme()  # the currency or the time zone may have changed in Settings
        self.panel.currency, self.panel.decimals = programme.currency, programme.currency_decimals
        self.panel.timezone = programme.timezone
        self.panel.show_summary(summary)
        for panel in (self.sale, self.redeem, self.refund):
            panel.set_summary(summary)
        self.member_changed.emit(summary)

    def refresh_member(self) -> None:
        if self.summary is not None:
            try:
                self._set_summary(member_summary(self.ctx, self.summary.lookup.member.card))
            except LoyaltyError:
                self._set_summary(None)

    def clear_member(self) -> None:
        self._set_summary(None)
        self.results.hide()
        self.search_box.clear()
        self.focus_search()

    def _action_succeeded(self, message: str, entry: Entry) -> None:
        self.entry_saved.emit()
        self.banner.show_message("success", message)
        self.last_entry = self.slip_entry = entry
        self.undo_button.setEnabled(True)
        self.slip_button.setEnabled(True)
        if self.printing is not None and self.ctx.programme().auto_print_receipt:
            self.printing.receipt(entry.uuid, preview=False)
        age_ms = int((self.ctx.clock.now() - from_iso(entry.created_at)).total_seconds() * 1000)
        self.undo_timer.start(max(0, UNDO_WINDOW_SECONDS * 1000 - age_ms))
        self.refresh_member()
        if self.actions.currentIndex() == 0:
            self.sale.amount.setFocus()

    def undo(self) -> None:
        if self.last_entry is None:
            self.banner.show_message("warning", self.tr("Nothing to undo."))
            return
        try:
            result = with_approval(self, self.ctx, lambda ctx: undo_entry(ctx, self.last_entry.uuid))
        except LoyaltyError as error:
            self.banner.show_message("error", error.message)
            return
        self.last_entry = None
        self.slip_entry = result.entry
        self.undo_button.setEnabled(False)
        if result.already_recorded:   # undone meanwhile (another counter, a manager): this undo changed nothing
            self.banner.show_message("warning", self.tr("Already undone: nothing changed · balance {balance}").format(
                balance=points_text(result.balance)))
        else:
            self.banner.show_message("success", self.tr("Undone: {points} points · balance {balance}", "",
                                                        abs(result.entry.points)).format(
                points=signed_points_text(result.entry.points), balance=points_text(result.balance)))
        self.refresh_member()

    def print_slip(self) -> None:
        """The slip of the last transaction (or of its undo), to the receipt printer or a preview."""
        if self.printing is None or self.slip_entry is None:
            self.banner.show_message("warning", self.tr("No transaction to print yet."))
            return
        self.printing.receipt(self.slip_entry.uuid)

    def enrol(self) -> None:
        """Opened window-modal but not blocking, so the counter stays responsive (and testable)."""
        self.enrol_dialog = EnrolDialog(self.ctx, self.print_card, self)
        self.enrol_dialog.finished.connect(self._enrolled)
        self.enrol_dialog.open()

    def complaint(self) -> None:
        """F7: take down (or resolve) a complaint of the member on screen; window-modal, not blocking."""
        if self.summary is None:
            self.banner.show_message("warning", self.tr("Scan the member's card first (F7 takes a complaint)."))
            return
        self.complaint_dialog = ComplaintDialog(self.ctx, self.summary.lookup.member, self)
        self.complaint_dialog.finished.connect(self.refresh_member)
        self.complaint_dialog.open()

    def survey(self) -> None:
        """F10: the counter survey for the member on screen; window-modal, not blocking."""
        if self.summary is None:
            self.banner.show_message("warning", self.tr("Scan the member's card first (F10 asks the survey)."))
            return
        try:
            questions = active_questions(self.ctx)
        except LoyaltyError as error:
            self.banner.show_message("error", error.message)
            return
        if not questions:
            self.banner.show_message("warning", self.tr(
                "The survey has no questions yet: the owner sets them on Retention (Ctrl+7) → Survey."))
            return
        self.survey_dialog = SurveyDialog(self.ctx, self.summary.lookup.member, questions, self)
        self.survey_dialog.finished.connect(self._surveyed)
        self.survey_dialog.open()

    def _surveyed(self, result: int) -> None:
        dialog = self.survey_dialog
        QTimer.singleShot(0, lambda: (self.window().activateWindow(), self.sale.amount.setFocus()))
        if result != QDialog.DialogCode.Accepted:
            self.banner.show_message("info", self.tr("Survey left: nothing recorded."))
            return
        self.refresh_member()
        balance = points_text(self.summary.lookup.balance) if self.summary else "—"
        if dialog.bonus:
            text = self.tr("Survey saved · {points} survey bonus · balance {balance}").format(
                points=signed_points_text(dialog.bonus), balance=balance)
        elif self.ctx.programme().survey_bonus:
            text = self.tr("Survey saved · the survey bonus was already earned this month")
        else:
            text = self.tr("Survey saved · thank you!")
        self.banner.show_message("success", text)

    def _enrolled(self) -> None:
        member = self.enrol_dialog.member
        if member is not None:
            self.open_card(member.card)
            # Once the dialog has gone: back to this window, cursor in the amount for the first sale.
            QTimer.singleShot(0, lambda: (self.window().activateWindow(), self.sale.amount.setFocus()))
            self.banner.show_message("success", self.tr("{name} enrolled · card {card}").format(
                name=member.name, card=member.card))
