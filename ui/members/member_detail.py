"""One member's record: edit details and consents, block or unblock, re-issue a
lost card, and the full points history (paged as it scrolls). Beside the purchase profile,
their RFM scores and segment and, for those who may read reports, their ABC class —
ranked against every member, so counted on a worker thread."""

from PySide6.QtCore import QThread, Signal, Slot
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QDialog, QFormLayout, QHBoxLayout, QHeaderView,
                               QInputDialog, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QTableView, QVBoxLayout)

from loyalty.common.errors import LoyaltyError
from loyalty.exchange.privacy import erase_member, export_member_pdf
from loyalty.ledger.entries import history
from loyalty.people.members import Member, MemberEdit, member_by_id, reissue_card, set_blocked, update_member
from loyalty.people.profiles import purchase_profile
from loyalty.programme.context import Context
from loyalty.programme.permissions import allowed
from loyalty.reports.member_class import abc_class_of
from loyalty.retention.rfm import rfm_of

from ..retention.segment_picker import segment_words
from ..widgets import file_dialogs
from ..widgets.background import call_in_background, stop_thread
from ..widgets.formatting import birthday_field_text, date_text, moment_text, money_text, month_text, points_text
from ..widgets.sign_in import with_approval
from .history_model import HistoryTableModel


class MemberDetailDialog(QDialog):
    changed = Signal()
    open_at_counter = Signal(str)

    def __init__(self, ctx: Context, member: Member, printing=None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.printing = printing
        self.member = member
        self.setMinimumSize(900, 640)
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.birthday = QLineEdit(placeholderText=self.tr("dd/mm/yyyy"))
        self.marketing = QCheckBox(self.tr("Marketing contact"))
        self.profiling = QCheckBox(self.tr("Offers tailored to purchases (profiling)"))
        self.consent_dates = QLabel(wordWrap=True)
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(80)
        self.problem = QLabel(wordWrap=True)
        self.problem.setStyleSheet("color: #a3261b; font-weight: 600;")
        self.status = QLabel()
        self.profile = QLabel(wordWrap=True)
        self.profile.setAccessibleName(self.tr("Purchase profile"))
        self.rfm = QLabel(wordWrap=True)
        self.rfm.setAccessibleName(self.tr("RFM scores and segment"))
        self.rfm.setToolTip(self.tr("Over the last twelve months, each scored 1 (worst) to 5 (best) against the "
                                    "other members who bought: R recency, F frequency, M money spent"))
        self.rfm.setStyleSheet("background: #eaf1fb; padding: 4px 8px; border-radius: 4px;")
        self.rfm_thread: QThread | None = None
        form = QFormLayout()
        for label, widget in ((self.tr("Name"), self.name), (self.tr("Phone"), self.phone),
                              (self.tr("Email"), self.email), (self.tr("Birthday"), self.birthday)):
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        form.addRow(self.marketing)
        form.addRow(self.profiling)
        form.addRow(self.consent_dates)
        form.addRow(self.tr("Notes"), self.notes)
        self.save_button = QPushButton(self.tr("Save"))
        self.block_button = QPushButton()
        self.reissue_button = QPushButton(self.tr("Re-issue card (lost card)"))
        self.counter_button = QPushButton(self.tr("Open at the counter"))
        self.print_button = QPushButton(self.tr("Print card"))
        self.print_button.setVisible(printing is not None)
        self.export_button = QPushButton(self.tr("Their data (PDF)…"))
        self.erase_button = QPushButton(self.tr("Erase their data…"))
        for button in (self.export_button, self.erase_button):   # the owner's, on the member's request
            button.setVisible(allowed(ctx.role, "erase"))
        buttons = QHBoxLayout()
        for button in (self.save_button, self.block_button, self.reissue_button, self.print_button,
                       self.counter_button, self.export_button, self.erase_button):
            buttons.addWidget(button)
        programme = ctx.programme()
        self.history_model = HistoryTableModel(lambda before, limit: history(ctx, member.id, limit, before),
                                               programme.currency, programme.currency_decimals, programme.timezone,
                                               self)
        self.history = QTableView()
        self.history.setModel(self.history_model)
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().hide()
        for column, width in enumerate((150, 110, 90, 110, 120)):
            self.history.setColumnWidth(column, width)
        self.history.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.history.setAccessibleName(self.tr("Points history"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        about = QHBoxLayout()
        about.addWidget(self.profile, 3)
        about.addWidget(self.rfm, 2)
        layout.addLayout(about)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("Points history, newest first")))
        layout.addWidget(self.history, 1)
        self.save_button.clicked.connect(self.save)
        self.block_button.clicked.connect(self.toggle_block)
        self.reissue_button.clicked.connect(self.reissue)
        self.export_button.clicked.connect(lambda: self.export_data())
        self.erase_button.clicked.connect(lambda: self.erase())
        self.print_button.clicked.connect(lambda: self.printing.card(self.member))
        self.counter_button.clicked.connect(lambda: (self.open_at_counter.emit(self.member.card), self.accept()))
        self.show_member(member)
        self.score_member()

    def score_member(self) -> None:
        self.rfm.setText(self.tr("RFM: counting…"))
        member_id = self.member.id
        with_class = allowed(self.ctx.role, "reports")   # the ABC class comes from the owner's monthly report
        self.rfm_thread = call_in_background(
            self, self.ctx, lambda ctx: (rfm_of(ctx, member_id), abc_class_of(ctx, member_id) if with_class else None),
            self._scored, self._not_scored, self._scoring_ended)

    @Slot(object)
    def _scored(self, scores) -> None:
        score, abc = scores
        abc_line = "" if abc is None else "<br>" + (
            self.tr("ABC class in the {month} report: <b>{label}</b>").format(month=month_text(abc[1]), label=abc[0])
            if abc[0] else self.tr("ABC class in the {month} report: none (no purchases in its twelve months)").format(
                month=month_text(abc[1])))
        if score is None:
            self.rfm.setText(self.tr("RFM: no purchase in the last twelve months, so no scores.") + abc_line)
            return
        segments = segment_words()
        self.rfm.setText(self.tr("<b>RFM {r} · {f} · {m}</b> — segment <b>{segment}</b><br>"
                                 "{last} · {sales} · {spend} in twelve months").format(
            r=score.r, f=score.f, m=score.m, segment=segments.get(score.segment, score.segment),
            last=self.tr("last purchase {count} days ago", "", score.days_since_last).format(
                count=points_text(score.days_since_last)),
            sales=self.tr("{count} purchases", "", score.sales).format(count=points_text(score.sales)),
            spend=money_text(score.spend_cents, *self._currency())) + abc_line)

    @Slot(str)
    def _not_scored(self, problem: str) -> None:
        self.rfm.setText(self.tr("RFM: {problem}").format(problem=problem))

    @Slot()
    def _scoring_ended(self) -> None:
        self.rfm_thread = None

    def done(self, result: int) -> None:
        """Closing while the scores are counted: stop the count (the thread must end before the dialog)."""
        stop_thread(self.rfm_thread)
        super().done(result)

    def show_member(self, member: Member) -> None:
        self.member = member
        self.setWindowTitle(self.tr("Member {card}").format(card=member.card))
        self.status.setText(self.tr("{name} · card {card} · {status}").format(
            name=member.name, card=member.card,
            status=self.tr("blocked") if member.status == "blocked" else self.tr("active")))
        self.status.setStyleSheet("font-size: 15pt; font-weight: 700;")
        profile = purchase_profile(self.ctx, member.id)
        self.profile.setText(self._profile_text(profile) if profile.visits else self.tr("No purchases yet."))
        self.name.setText(member.name)
        self.phone.setText(member.phone or "")
        self.email.setText(member.email or "")
        self.birthday.setText(birthday_field_text(member.birthday))
        self.marketing.setChecked(member.marketing_consent)
        self.profiling.setChecked(member.profiling_consent)
        self.consent_dates.setText(self.tr("Marketing consent changed: {m} · profiling consent changed: {p}").format(
            m=moment_text(member.marketing_consent_at, self._timezone()) if member.marketing_consent_at else "—",
            p=moment_text(member.profiling_consent_at, self._timezone()) if member.profiling_consent_at else "—"))
        self.notes.setPlainText(member.notes)
        self.block_button.setText(self.tr("Unblock") if member.status == "blocked" else self.tr("Block card"))
        self._fill_history()

    def _profile_text(self, profile) -> str:
        """'12 visits since 3/1/26 · lifetime value … · last visit 2/3/26 (8 days ago) · usually every 14 days'."""
        parts = [self.tr("{count} visits since {first}", "", profile.visits).format(
                     count=points_text(profile.visits), first=date_text(profile.first_visit.isoformat())),
                 self.tr("lifetime value {total}").format(total=money_text(profile.total_cents, *self._currency())),
                 self.tr("average ticket {ticket}").format(
                     ticket=money_text(profile.average_ticket_cents, *self._currency())),
                 self.tr("last visit {last} ({ago})").format(
                     last=date_text(profile.last_visit.isoformat()),
                     ago=self.tr("{count} days ago", "", profile.days_since_last).format(
                         count=points_text(profile.days_since_last)))]
        if profile.usual_interval_days:
            parts.append(self.tr("usually every {count} days", "", profile.usual_interval_days).format(
                count=points_text(profile.usual_interval_days)))
        return " · ".join(parts)

    def _timezone(self) -> str:
        return self.ctx.programme().timezone

    def _currency(self) -> tuple[int, str]:
        programme = self.ctx.programme()
        return programme.currency_decimals, programme.currency

    def _fill_history(self) -> None:
        self.history_model.restart()

    def _run(self, action) -> None:
        try:
            action()
        except LoyaltyError as error:
            self.problem.setText(error.message)
            return
        self.problem.clear()
        self.show_member(member_by_id(self.ctx, self.member.id))
        self.changed.emit()

    def save(self) -> None:
        edit = MemberEdit(name=self.name.text(), phone=self.phone.text(), email=self.email.text(),
                          birthday=self.birthday.text(), marketing_consent=self.marketing.isChecked(),
                          profiling_consent=self.profiling.isChecked(), notes=self.notes.toPlainText())
        self._run(lambda: update_member(self.ctx, self.member.id, edit))

    def toggle_block(self) -> None:
        blocked = self.member.status != "blocked"
        self._run(lambda: with_approval(self, self.ctx, lambda ctx: set_blocked(
            ctx, self.member.card, blocked, reason=self.tr("from the Members screen"))))

    def export_data(self, path: str | None = None) -> None:
        """A data-access request: everything held about the member, as a PDF they can read
        (the CLI also writes JSON: `member export`)."""
        if path is None:
            path = file_dialogs.file_to_save(self, self.tr("Save the member's data"),
                                             self.tr("data-{card}.pdf").format(card=self.member.card),
                                             "PDF (*.pdf)")
        if path:
            self._run(lambda: export_member_pdf(self.ctx, self.member.id, path))

    def erase(self, reason: str | None = None) -> None:
        """Erasure on the member's request: asked twice, with the reason, because it cannot be undone."""
        if reason is None:
            reason, ok = QInputDialog.getText(self, self.tr("Erase the member's personal data"), self.tr(
                "This removes {name}'s name, phone, email, birthday, notes and consents for good; the amounts "
                "stay for the books. It cannot be undone.\n\nWhy (e.g. asked at the counter today)?").format(
                name=self.member.name))
            if not ok:
                return
        try:
            erase_member(self.ctx, self.member.id, reason)
        except LoyaltyError as error:
            self.problem.setText(error.message)
            return
        self.changed.emit()
        self.accept()

    def reissue(self) -> None:
        self._run(lambda: with_approval(self, self.ctx, lambda ctx: reissue_card(ctx, self.member.card)))
