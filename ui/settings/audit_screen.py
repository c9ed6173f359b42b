"""The owner's audit trail: who changed what and when (members, settings, tiers, rewards,
campaigns, staff, sign-ins, approvals), filtered by person, kind and dates; CSV export. And
the ledger check (`verify`: balances, totals and the ledger's seals), on a worker thread —
minutes on a shop with millions of entries."""

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDateEdit, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from loyalty.common.clock import local_midnight_utc, to_iso
from loyalty.common.errors import LoyaltyError
from loyalty.operations.verify import verify
from loyalty.programme.audit import audit_people, audit_records, export_audit_csv
from loyalty.programme.context import Context
from loyalty.programme.rules import load_tiers

from ..widgets import file_dialogs
from ..widgets.background import WorkerShop, sentence_for, start_worker
from ..widgets.feedback import StatusBanner
from ..widgets.formatting import moment_text, points_text, today_on_shop_clock
from .audit_words import action_text, detail_text, target_text

LIMIT = 1000   # rows shown; narrow the filters or export for more


class _VerifyWorker(QObject):
    done = Signal(list)

    def __init__(self, shop: WorkerShop):
        super().__init__()
        self.shop = shop

    @Slot()
    def run(self) -> None:
        ctx = self.shop.open()
        try:
            self.done.emit(verify(ctx))
        except Exception as error:   # reported, never lost
            self.done.emit([sentence_for(error)])
        finally:
            ctx.db.close()


class AuditScreen(QWidget):
    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.records = []
        self.who = QComboBox()
        self.who.setAccessibleName(self.tr("Who"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("What"))
        for label, prefix in ((self.tr("Everything"), ""), (self.tr("Members"), "member"),
                              (self.tr("Settings and tiers"), "settings"), (self.tr("Tiers"), "tier"),
                              (self.tr("Rewards"), "reward"), (self.tr("Campaigns"), "campaign"),
                              (self.tr("Staff"), "staff"), (self.tr("Sign-ins"), "login"),
                              (self.tr("Approvals"), "entry")):
            self.kind.addItem(label, prefix)
        today = today_on_shop_clock(ctx.clock.now(), ctx.programme().timezone)   # not the computer's day
        self.since, self.until = QDateEdit(today.addMonths(-1)), QDateEdit(today)
        for field, name in ((self.since, self.tr("From")), (self.until, self.tr("To"))):
            field.setCalendarPopup(True)
            field.setAccessibleName(name)
        self.show_button = QPushButton(self.tr("Show"))
        self.export_button = QPushButton(self.tr("Export CSV…"))
        self.verify_button = QPushButton(self.tr("Check the ledger"))
        self.verify_button.setToolTip(self.tr("Recount every balance and total and check that no entry was "
                                              "changed, removed or reordered outside the app"))
        self.thread: QThread | None = None
        self.table = QTableWidget(0, 6)
        self.table.setHorizontalHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("Approved by"),
                                              self.tr("What"), self.tr("On"), self.tr("Details")])
        self.table.setAccessibleName(self.tr("Audit trail"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.banner = StatusBanner()
        filters = QHBoxLayout()
        for label, widget in ((self.tr("Who"), self.who), (self.tr("What"), self.kind),
                              (self.tr("From"), self.since), (self.tr("To"), self.until)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.show_button)
        filters.addStretch()
        actions = QHBoxLayout()   # a second row: the window fits a 1024-pixel screen
        actions.addStretch()
        actions.addWidget(self.export_button)
        actions.addWidget(self.verify_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.banner)
        self.show_button.clicked.connect(self.reload)
        self.export_button.clicked.connect(lambda: self.export())
        self.verify_button.clicked.connect(self.check_ledger)

    def activated(self) -> None:
        current = self.who.currentData()
        try:
            people = audit_people(self.ctx)
        except LoyaltyError as error:   # the role signed in may not read the trail
            self.forget()
            self.banner.show_message("error", error.message)
            return
        self.who.clear()
        self.who.addItem(self.tr("Everyone"), "")
        for name in people:
            self.who.addItem(name, name)
        self.who.setCurrentIndex(max(0, self.who.findData(current)))
        self.reload()

    def forget(self) -> None:
        """Someone who may not see the audit trail signed in: no change, name or ledger check's
        finding stays in the widgets (activated() loads them again)."""
        self.records = []
        self.table.setRowCount(0)
        self.who.clear()
        self.banner.show_message("info", "")

    def reload(self) -> None:
        tz = self.ctx.programme().timezone
        since = to_iso(local_midnight_utc(self.since.date().toPython(), tz))
        until = to_iso(local_midnight_utc(self.until.date().addDays(1).toPython(), tz))
        try:
            self.records = audit_records(self.ctx, self.who.currentData() or None, self.kind.currentData() or None,
                                         since, until, LIMIT)
        except LoyaltyError as error:
            self.banner.show_message("error", error.message)
            return
        self.table.setRowCount(len(self.records))
        programme = self.ctx.programme()
        tier_names = {tier.code: tier.name for tier in load_tiers(self.ctx.db)}
        for row, item in enumerate(self.records):   # in words; the CSV export keeps the codes
            for column, text in enumerate((moment_text(item.at, tz), item.staff_id, item.approved_by or "",
                                           action_text(item.action), target_text(item, tier_names),
                                           detail_text(item, programme))):
                self.table.setItem(row, column, QTableWidgetItem(text))
        more = self.tr(" (the newest {limit}: narrow the filters)").format(limit=LIMIT) if len(
            self.records) == LIMIT else ""
        self.banner.show_message("info", self.tr("{count} changes{more}", "", len(self.records)).format(
            count=points_text(len(self.records)), more=more))

    def check_ledger(self) -> None:
        if self.thread is not None:
            return
        self.verify_button.setEnabled(False)
        self.banner.show_message("info", self.tr("Checking the ledger… (minutes on a large shop)"))
        worker = _VerifyWorker(WorkerShop(self.ctx))
        worker.done.connect(self._checked)
        self.thread = start_worker(self, worker, (worker.done,), self._check_finished)

    @Slot(list)
    def _checked(self, problems: list) -> None:
        if problems:   # an entry changed outside the app first: the rest follows from it
            problems = sorted(problems, key=lambda problem: not problem.startswith("ledger seal"))
            self.banner.show_message("error", self.tr("The ledger check found {count} problems: {first}", "",
                                                             len(problems)).format(
                count=points_text(len(problems)), first="; ".join(problems[:3])))
        else:
            self.banner.show_message("success", self.tr("Ledger checked: every balance, total and seal is right."))

    @Slot()
    def _check_finished(self) -> None:
        self.thread = None
        self.verify_button.setEnabled(True)

    def shutdown(self) -> None:
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait(600_000)

    def export(self, path: str | None = None) -> None:
        if path is None:
            path = file_dialogs.file_to_save(self, self.tr("Export the audit trail"), self.tr("audit.csv"),
                                             "CSV (*.csv)")
        if not path:
            return
        try:
            export_audit_csv(self.records, path)
        except OSError as error:
            self.banner.show_message("error", self.tr("Could not write {path}: {error}").format(
                path=path, error=error.strerror or error))
            return
        self.banner.show_message("success", self.tr("Exported {count} rows to {path}", "", len(self.records)).format(
            count=points_text(len(self.records)), path=path))
