"""Retention, the owner's workbench (Ctrl+7), in tabs: segments (who to look after) with
their contact list — consenting members only — and the follow-up to-do list; the shop's
complaints; the counter survey's questions and results; what a campaign achieved; referrals.
The first tab lives here, the others in retention_*.py. Anything that may scan every member
runs on a worker thread (RFM over a million members takes seconds); every tab reports on the
one banner at the bottom."""

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QTabWidget, QVBoxLayout, QWidget

from loyalty.common.errors import LoyaltyError
from loyalty.ledger.tiers import local_today
from loyalty.programme.context import Context
from loyalty.retention.followups import complete_followup, generate_followups, open_followups
from loyalty.retention.segments import segment_ids, segment_members, write_contact_list

from ..widgets import file_dialogs
from ..widgets.background import WorkerShop, sentence_for, start_worker
from ..widgets.feedback import StatusBanner
from ..widgets.formatting import date_text, points_text
from ..widgets.notes import note_text
from ..widgets.tables import fill_table, make_table, row_item
from .campaigns import CampaignsTab
from .complaints import ComplaintsTab
from .referrals import ReferralsTab
from .segment_picker import SegmentPicker
from .survey import SurveyTab

SHOWN = 500   # members listed; the count and the contact list are always whole


class _SegmentWorker(QObject):
    done = Signal(object)           # (ids, members shown)
    failed = Signal(str)

    def __init__(self, shop: WorkerShop, name: str, value: str):
        super().__init__()
        self.shop, self.name, self.value = shop, name, value

    @Slot()
    def run(self) -> None:
        ctx = self.shop.open()
        try:
            ids = segment_ids(ctx, self.name, self.value or None)
            self.done.emit((ids, segment_members(ctx, ids[:SHOWN])))
        except Exception as error:  # shown on the banner
            self.failed.emit(sentence_for(error))
        finally:
            ctx.db.close()


class RetentionScreen(QWidget):
    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.ids: list[int] = []
        self.thread: QThread | None = None
        self.picker = SegmentPicker(ctx)
        self.segment, self.value = self.picker.segment, self.picker.value
        self.show_button = QPushButton(self.tr("Show"))
        self.count = QLabel()
        self.count.setStyleSheet("font-size: 14pt; font-weight: 700;")
        self.members = make_table([self.tr("Member"), self.tr("Card"), self.tr("Phone"), self.tr("May contact")],
                              self.tr("Members of the segment"))
        self.contacts_button = QPushButton(self.tr("Contact list (consenting members only)…"))
        self.contacts_button.setEnabled(False)
        self.followups = make_table([self.tr("To do"), self.tr("Due"), self.tr("Who")], self.tr("Follow-ups"))
        self.outcome = QLineEdit(placeholderText=self.tr("How it went"))
        self.outcome.setAccessibleName(self.tr("Outcome"))
        self.done_button = QPushButton(self.tr("Done"))
        self.rules_button = QPushButton(self.tr("Run the rules now"))
        self.banner = StatusBanner()

        picker = QHBoxLayout()
        picker.addWidget(self.picker, 1)
        picker.addWidget(self.show_button)
        segments = QGroupBox(self.tr("Segments"))
        box = QVBoxLayout(segments)
        box.addLayout(picker)
        box.addWidget(self.count)
        box.addWidget(self.members, 1)
        box.addWidget(self.contacts_button)
        todo = QGroupBox(self.tr("Follow-ups due"))
        box = QVBoxLayout(todo)
        box.addWidget(self.followups, 1)
        box.addWidget(self.outcome)   # a row of its own: beside the buttons it shrank to "How it w…" at 1024
        finish = QHBoxLayout()
        for widget in (self.done_button, self.rules_button):
            finish.addWidget(widget)
        box.addLayout(finish)
        first_tab = QWidget()
        columns = QHBoxLayout(first_tab)
        columns.setContentsMargins(4, 8, 4, 4)
        columns.addWidget(segments, 1)
        columns.addWidget(todo, 1)
        self.complaints = ComplaintsTab(ctx, self.banner)
        self.survey = SurveyTab(ctx, self.banner)
        self.campaigns = CampaignsTab(ctx, self.banner)
        self.referrals = ReferralsTab(ctx, self.banner)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Retention"))
        self.tabs.setStyleSheet("QTabBar::tab { font-size: 12pt; padding: 6px 14px; }")
        self.tabs.addTab(first_tab, self.tr("Segments && follow-ups"))   # && shows one &
        self.tabs.addTab(self.complaints, self.tr("Complaints"))
        self.tabs.addTab(self.survey, self.tr("Survey"))
        self.tabs.addTab(self.campaigns, self.tr("Campaigns"))
        self.tabs.addTab(self.referrals, self.tr("Referrals"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.banner)
        self.tabs.currentChanged.connect(lambda _: self.activated())
        self.show_button.clicked.connect(self.show_segment)
        self.contacts_button.clicked.connect(lambda: self.export_contacts())
        self.done_button.clicked.connect(self.complete)
        self.rules_button.clicked.connect(self.run_rules)

    def activated(self) -> None:
        """The screen or one of its tabs came into view: show what is current, and say on the
        banner what the tab is for (not what another tab last did)."""
        page = self.tabs.currentWidget()
        hints = {self.complaints: self.tr("Choose a complaint to resolve it, or to note whether the member was "
                                          "satisfied afterwards."),
                 self.survey: self.tr("Write up to ten questions and save them; the results show a month's answers."),
                 self.campaigns: self.tr("Choose a campaign (and, if you like, a segment) and press Show results."),
                 self.referrals: self.tr("Members who came recommended, and who brought them.")}
        self.banner.show_message("info", hints.get(page, self.tr("Choose a segment and press Show; tick off the "
                                                                 "follow-ups as they are done.")))
        if hasattr(page, "activated"):
            page.activated()
        else:
            self.reload_followups()

    def forget(self) -> None:
        """Someone who may not see Retention signed in: no segment, follow-up, complaint, survey
        answer, campaign result or referral stays in the widgets (activated() loads them again)."""
        self.ids = []
        self.count.clear()
        self.members.setRowCount(0)
        self.contacts_button.setEnabled(False)
        self.followups.setRowCount(0)
        self.outcome.clear()
        for page in (self.complaints, self.survey, self.campaigns, self.referrals):
            page.forget()
        self.banner.show_message("info", "")

    def show_tab(self, page: QWidget) -> None:
        self.tabs.setCurrentWidget(page)

    def show_segment(self) -> None:
        if self.thread is not None:
            return
        try:
            chosen = self.picker.chosen()
        except LoyaltyError as error:
            self.banner.show_message("error", error.message)
            return
        self.show_button.setEnabled(False)
        self.banner.show_message("info", self.tr("Finding the members…"))
        worker = _SegmentWorker(WorkerShop(self.ctx), *chosen)
        worker.done.connect(self._shown)
        worker.failed.connect(lambda problem: self.banner.show_message("error", problem))
        self.thread = start_worker(self, worker, (worker.done, worker.failed), self._finished)

    @Slot(object)
    def _shown(self, found) -> None:
        self.ids, shown = found
        self.count.setText(self.tr("{count} members", "", len(self.ids)).format(count=points_text(len(self.ids))))
        fill_table(self.members, [(m.name, m.card, m.phone or "", self.tr("yes") if m.marketing_consent else self.tr("no"))
                             for m in shown], shown)
        self.contacts_button.setEnabled(bool(self.ids))
        self.banner.show_message("success", self.tr("{count} members in the segment", "", len(self.ids)).format(
            count=points_text(len(self.ids))))

    @Slot()
    def _finished(self) -> None:
        self.thread = None
        self.show_button.setEnabled(True)

    def export_contacts(self, path: str | None = None) -> None:
        if path is None:
            path = file_dialogs.file_to_save(self, self.tr("Contact list"), self.tr("contacts.csv"),
                                             "CSV (*.csv)")
        if not path:
            return
        try:
            written = write_contact_list(self.ctx, self.ids, path)
        except (LoyaltyError, OSError) as error:
            self.banner.show_message("error", getattr(error, "message", str(error)))
            return
        self.banner.show_message("success", self.tr("{written} of {count} members agreed to be contacted: written "
                                                    "to {path}", "", written).format(
            written=points_text(written), count=points_text(len(self.ids)), path=path))

    def reload_followups(self) -> None:
        try:
            items = open_followups(self.ctx, due_by=local_today(self.ctx))
        except LoyaltyError as error:
            self.banner.show_message("error", error.message)
            return
        fill_table(self.followups, [(note_text(item.reason), date_text(item.due_on), item.assigned_to or "") for item in items],
                   items)

    def complete(self) -> None:
        row = self.followups.currentRow()
        if row < 0:
            self.banner.show_message("error", self.tr("Choose a follow-up in the list first."))
            return
        item = row_item(self.followups, row)
        try:
            complete_followup(self.ctx, item.id, self.outcome.text())
        except LoyaltyError as error:
            self.banner.show_message("error", error.message)
            return
        self.outcome.clear()
        self.reload_followups()
        self.banner.show_message("success", self.tr("Follow-up done."))

    def run_rules(self) -> None:
        try:
            added = generate_followups(self.ctx)
        except LoyaltyError as error:
            self.banner.show_message("error", error.message)
            return
        self.reload_followups()
        self.banner.show_message("success", self.tr("{added} follow-ups added.", "", added).format(
            added=points_text(added)))

    def shutdown(self) -> None:
        if self.thread is not None:
            self.thread.quit()
            self.thread.wait(30_000)
        for page in (self.complaints, self.survey, self.campaigns, self.referrals):
            page.shutdown()
