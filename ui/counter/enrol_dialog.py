"""Enrolling a member at the counter in well under 30 seconds: a name is enough;
phone, email, birthday and each consent are optional and separate. The card number
is assigned; the dialog then offers to print the card."""

from typing import Callable

from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton,
                               QVBoxLayout)

from loyalty.common.errors import LoyaltyError
from loyalty.ledger.enrolment import enrol_member
from loyalty.people.members import Member, NewMember
from loyalty.programme.context import Context

from ..widgets.screen_fit import grow_to_fit


class EnrolDialog(QDialog):
    def __init__(self, ctx: Context, print_card: Callable[[Member], None] | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.print_card = print_card
        self.member: Member | None = None
        self.setWindowTitle(self.tr("New member"))
        self.setMinimumWidth(520)
        self.setStyleSheet("QLineEdit, QCheckBox, QLabel { font-size: 13pt; } QLineEdit { padding: 4px; }")
        self.fields = {
            "name": QLineEdit(placeholderText=self.tr("First name and surnames")),
            "phone": QLineEdit(placeholderText=self.tr("e.g. 600 123 456")),
            "email": QLineEdit(placeholderText=self.tr("name@example.com")),
            "birthday": QLineEdit(placeholderText=self.tr("dd/mm/yyyy")),
            "referrer": QLineEdit(placeholderText=self.tr("Card of the member who recommended us")),
        }
        labels = {"name": self.tr("Name *"), "phone": self.tr("Phone"), "email": self.tr("Email"),
                  "birthday": self.tr("Birthday"), "referrer": self.tr("Referred by")}
        self.marketing = QCheckBox(self.tr("Agrees to receive offers and news (marketing)"))
        self.profiling = QCheckBox(self.tr("Agrees to offers tailored to their purchases (profiling)"))
        self.problem = QLabel(wordWrap=True)
        self.problem.setStyleSheet("color: #a3261b; font-weight: 600;")
        self.problem.setAccessibleName(self.tr("Problem"))
        self.result_label = QLabel(wordWrap=True)
        self.result_label.setStyleSheet("color: #1d6b2c; font-size: 15pt; font-weight: 700;")
        self.print_button = QPushButton(self.tr("Print card"))
        self.print_button.hide()
        self.print_button.clicked.connect(self._print)
        form = QFormLayout()
        for name, field in self.fields.items():
            field.setAccessibleName(labels[name].rstrip(" *"))
            form.addRow(labels[name], field)
        form.addRow(self.marketing)
        form.addRow(self.profiling)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.result_label)
        layout.addWidget(self.print_button)
        layout.addWidget(self.buttons)
        self.fields["name"].setFocus()   # F8, type the name, Enter

    def save(self) -> None:
        if self.member is not None:  # second Enter after enrolment closes the dialog
            self.accept()
            return
        text = {name: field.text().strip() or None for name, field in self.fields.items()}
        new = NewMember(name=text["name"] or "", phone=text["phone"], email=text["email"], birthday=text["birthday"],
                        marketing_consent=self.marketing.isChecked(), profiling_consent=self.profiling.isChecked(),
                        referrer_card=text["referrer"])
        try:
            self.member = enrol_member(self.ctx, new)
        except LoyaltyError as error:
            self.problem.setText(error.message)
            grow_to_fit(self)
            field = self.fields.get(error.field or "")
            if field is not None:
                field.setFocus()
                field.selectAll()
            return
        self.problem.clear()
        for field in self.fields.values():
            field.setReadOnly(True)
        self.result_label.setText(self.tr("{name} enrolled · card {card}").format(name=self.member.name,
                                                                                  card=self.member.card))
        self.print_button.setVisible(self.print_card is not None)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Done"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).hide()
        grow_to_fit(self)

    def _print(self) -> None:
        if self.print_card is not None and self.member is not None:
            self.print_card(self.member)
