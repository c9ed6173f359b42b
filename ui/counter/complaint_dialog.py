"""A complaint at the counter (F7): take it down, and resolve it on the spot or later —
a resolution and, if fair, compensation points (above the cashier's limit a manager approves
with their PIN). Open complaints of the member are listed to resolve."""

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout)

from loyalty.common.errors import LoyaltyError
from loyalty.people.members import Member
from loyalty.programme.context import Context
from loyalty.programme.points import parse_points
from loyalty.retention.complaints import CATEGORIES, complaints_of, open_complaint, resolve_complaint

from ..widgets.notes import category_words
from ..widgets.sign_in import with_approval


class ComplaintDialog(QDialog):
    def __init__(self, ctx: Context, member: Member, parent=None):
        super().__init__(parent)
        self.ctx, self.member = ctx, member
        self.setWindowTitle(self.tr("Complaint — {name}").format(name=member.name))
        self.setMinimumWidth(560)
        self.setStyleSheet("QLineEdit, QComboBox, QLabel { font-size: 12pt; }")
        words = category_words()
        self.category = QComboBox()
        self.category.setAccessibleName(self.tr("Category"))
        for code in CATEGORIES:
            self.category.addItem(words[code], code)
        self.description = QLineEdit(placeholderText=self.tr("What happened, in the member's words"))
        self.description.setAccessibleName(self.tr("Description"))
        self.open_complaints = QComboBox()
        self.open_complaints.setAccessibleName(self.tr("Complaint to resolve"))
        self.resolution = QLineEdit(placeholderText=self.tr("What we did about it"))
        self.resolution.setAccessibleName(self.tr("Resolution"))
        self.points = QLineEdit(placeholderText="0")
        self.points.setAccessibleName(self.tr("Compensation points"))
        self.take_button = QPushButton(self.tr("Take down the complaint"))
        self.resolve_button = QPushButton(self.tr("Resolve"))
        self.message = QLabel(wordWrap=True)
        self.message.setAccessibleName(self.tr("Result"))
        form = QFormLayout()
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("What happened"), self.description)
        form.addRow(self.take_button)
        form.addRow(self.tr("Open complaint"), self.open_complaints)
        form.addRow(self.tr("Resolution"), self.resolution)
        form.addRow(self.tr("Compensation (points)"), self.points)
        form.addRow(self.resolve_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.take_button.clicked.connect(self.take)
        self.resolve_button.clicked.connect(self.resolve)
        self._reload()
        self.description.setFocus()

    def _reload(self) -> None:
        self.open_complaints.clear()
        words = category_words()
        for complaint in complaints_of(self.ctx, self.member.id):
            if complaint.status == "open":
                category = words.get(complaint.category, complaint.category)
                self.open_complaints.addItem(f"{complaint.id} · {category} · {complaint.description}",
                                             complaint.id)
        self.resolve_button.setEnabled(self.open_complaints.count() > 0)

    def _say(self, text: str, problem: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {'#a3261b' if problem else '#1d6b2c'}; font-weight: 600;")

    def take(self) -> None:
        try:
            complaint = open_complaint(self.ctx, self.member.card, self.category.currentData(), self.description.text())
        except LoyaltyError as error:
            self._say(error.message, problem=True)
            return
        self.description.clear()
        self._reload()
        self.open_complaints.setCurrentIndex(self.open_complaints.findData(complaint.id))
        self._say(self.tr("Complaint {id} taken down. Resolve it now or later.").format(id=complaint.id))
        self.resolution.setFocus()

    def resolve(self) -> None:
        complaint_id = self.open_complaints.currentData()
        try:
            points = parse_points(self.points.text()) if self.points.text().strip() else 0
            with_approval(self, self.ctx, lambda ctx: resolve_complaint(ctx, complaint_id, self.resolution.text(),
                                                                         points))
        except LoyaltyError as error:
            self._say(error.message, problem=True)
            return
        self.resolution.clear()
        self.points.clear()
        self._reload()
        self._say(self.tr("Resolved. We will ask in two days whether they are satisfied."))
