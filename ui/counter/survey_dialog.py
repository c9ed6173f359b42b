"""The counter survey (F10 at the counter): the owner's questions for the member on screen,
answered from the keyboard while they pay — a digit for a 0-10 scale, Y/S/1 or N/0 for
yes/no, the option's digit for a choice, a few words for a text; Tab moves on, Enter saves,
Esc cancels. The domain checks every answer; a refused one is named here and nothing is
written. Window-modal but not blocking, like the other counter dialogs."""

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QGridLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from loyalty.common.errors import LoyaltyError
from loyalty.people.members import Member
from loyalty.programme.context import Context
from loyalty.retention.survey import Question, record_answers, survey_bonus_given

from ..widgets.formatting import points_text

FIELD = "font-size: 14pt; padding: 4px;"
PROBLEM = "font-size: 13pt; color: #a3261b; font-weight: 600;"
FIELD_PROBLEM = FIELD + " border: 2px solid #a3261b;"


class KeyedComboBox(QComboBox):
    """A combo box that a key picks from: `keys` maps a typed character to an item index."""

    def __init__(self, keys: dict[str, int], parent=None):
        super().__init__(parent)
        self.keys = keys

    def keyPressEvent(self, event) -> None:
        index = self.keys.get(event.text().lower())
        if index is not None and index < self.count():
            self.setCurrentIndex(index)
            event.accept()
            return
        super().keyPressEvent(event)


class SurveyDialog(QDialog):
    def __init__(self, ctx: Context, member: Member, questions: list[Question], parent=None):
        super().__init__(parent)
        self.ctx, self.member, self.questions = ctx, member, questions
        self.bonus = 0              # points the answers earned, once saved
        self.setWindowTitle(self.tr("Survey — {name}").format(name=member.name))
        self.setMinimumWidth(760)
        self.setStyleSheet("QLabel { font-size: 12pt; }")
        self.intro = QLabel(self.tr("Ask each question and type the answer; Tab moves to the next. "
                                    "Enter saves, Esc cancels. Unanswered questions are left out."), wordWrap=True)
        bonus = ctx.programme().survey_bonus
        self.bonus_note = QLabel(wordWrap=True)
        self.bonus_note.setAccessibleName(self.tr("Survey bonus"))
        if bonus and survey_bonus_given(ctx, member.id):
            self.bonus_note.setText(self.tr("The survey bonus was already earned this month."))
        elif bonus:
            self.bonus_note.setText(self.tr("Answering earns {points} points.", "", bonus).format(
                points=points_text(bonus)))
        self.bonus_note.setVisible(bool(bonus))
        self.bonus_note.setStyleSheet("font-size: 12pt; color: #1f4e8c; font-weight: 600;")
        grid = QGridLayout()
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        self.fields: dict[int, QWidget] = {}       # by question id
        for row, question in enumerate(questions):
            field = self._field(question)
            field.setAccessibleName(question.text)
            field.setStyleSheet(FIELD)
            field.setMinimumWidth(110 if question.kind == "scale" else 300)
            label = QLabel(self.tr("{number}. {text}").format(number=question.position, text=question.text),
                           wordWrap=True)
            label.setBuddy(field)
            grid.addWidget(label, row, 0)
            grid.addWidget(field, row, 1, alignment=Qt.AlignmentFlag.AlignLeft)
            self.fields[question.id] = field
        self.message = QLabel(wordWrap=True)
        self.message.setAccessibleName(self.tr("Problem"))
        self.message.setStyleSheet(PROBLEM)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("Save (Enter)"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(self.tr("Cancel (Esc)"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.bonus_note)
        layout.addLayout(grid)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        if questions:
            self.fields[questions[0].id].setFocus()

    def _field(self, question: Question) -> QWidget:
        if question.kind == "scale":
            field = QLineEdit(placeholderText=self.tr("0 to 10"), maxLength=2)
            field.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,2}"), field))
            field.setMaximumWidth(110)
            return field
        if question.kind == "yes_no":
            field = KeyedComboBox({"y": 1, "s": 1, "1": 1, "n": 2, "0": 2})
            for text, value in ((self.tr("— Y, S or 1: yes · N or 0: no"), ""), (self.tr("Yes"), "yes"),
                                (self.tr("No"), "no")):
                field.addItem(text, value)
            return field
        if question.kind == "choice":
            field = KeyedComboBox({str(number): number for number in range(1, len(question.choices) + 1)})
            field.addItem(self.tr("— the option's number"), "")
            for number, choice in enumerate(question.choices, start=1):
                field.addItem(f"{number} · {choice}", choice)
            return field
        field = QLineEdit(placeholderText=self.tr("A few words (optional)"), maxLength=200)
        return field

    def answers(self) -> dict[int, str]:
        """What was typed, by question id; unanswered questions left out."""
        given = {}
        for question_id, field in self.fields.items():
            value = field.currentData() if isinstance(field, QComboBox) else field.text().strip()
            if value:
                given[question_id] = value
        return given

    def save(self) -> None:
        for field in self.fields.values():
            field.setStyleSheet(FIELD)
        answers = self.answers()
        if not answers:
            self.message.setText(self.tr("Type at least one answer, or press Esc to leave the survey."))
            return
        try:
            self.bonus = record_answers(self.ctx, self.member.card, answers)
        except LoyaltyError as error:
            self.message.setText(error.message)
            field = self._field_named(error.field)
            if field is not None:
                field.setStyleSheet(FIELD_PROBLEM)
                field.setFocus()
                if isinstance(field, QLineEdit):
                    field.selectAll()
            return
        self.accept()

    def _field_named(self, name: str | None) -> QWidget | None:
        """The domain names a question by its number: "question 3"."""
        for question in self.questions:
            if name == f"question {question.position}":
                return self.fields[question.id]
        return None
