"""Retention → Survey: the owner writes the counter survey's questions (at most ten: a 0-10
scale — one may be the NPS question —, yes/no, a choice of 2-8 options, a short text) and
reads a month's results: responses, NPS, each question's average or counts. A month's
answers are few (one per member at most a day or so): read on the GUI thread."""

from fractions import Fraction

from PySide6.QtCore import QDate, QObject
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget)

from loyalty.common.errors import LoyaltyError
from loyalty.common.period import month_period
from loyalty.ledger.tiers import local_today
from loyalty.programme.context import Context
from loyalty.retention.survey import MAX_QUESTIONS, Question, active_questions, set_questions, survey_results

from ..widgets.feedback import StatusBanner
from ..widgets.formatting import fraction_text, month_text, points_text
from ..widgets.tables import fill_table, make_table
from ..widgets.wheel_guard import wheel_scrolls_the_page

PROBLEM = "border: 2px solid #a3261b;"
CHOICE_SEPARATOR = ";"


class QuestionRow(QObject):
    """One line of the editor: text, kind, options (for a choice), NPS (for a scale)."""

    def __init__(self, owner: QWidget, number: int):
        super().__init__(owner)
        self.number = QLabel(f"{number}.")
        self.text = QLineEdit(placeholderText=self.tr("Question {number} (empty: none)").format(number=number))
        self.text.setAccessibleName(self.tr("Question {number}").format(number=number))
        self.text.setMaxLength(200)
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Kind of question {number}").format(number=number))
        for label, kind in ((self.tr("0–10 scale"), "scale"), (self.tr("Yes / no"), "yes_no"),
                            (self.tr("Choice"), "choice"), (self.tr("Short text"), "text")):
            self.kind.addItem(label, kind)
        self.choices = QLineEdit(placeholderText=self.tr("Options, separated by ;"))
        self.choices.setAccessibleName(self.tr("Options of question {number}").format(number=number))
        self.nps = QCheckBox(self.tr("NPS"))
        self.nps.setAccessibleName(self.tr("Question {number} is the NPS question").format(number=number))
        self.nps.setToolTip(self.tr("The 0–10 question “Would you recommend us to a friend?”: its answers make "
                                     "the Net Promoter Score"))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def widgets(self) -> tuple:
        return self.number, self.text, self.kind, self.choices, self.nps

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.choices.setEnabled(kind == "choice")
        self.nps.setEnabled(kind == "scale")
        if kind != "scale":
            self.nps.setChecked(False)

    def show(self, question: dict | None) -> None:
        question = question or {}
        self.text.setText(question.get("text", ""))
        self.kind.setCurrentIndex(max(0, self.kind.findData(question.get("kind", "scale"))))
        self.choices.setText(f"{CHOICE_SEPARATOR} ".join(question.get("choices", ())))
        self.nps.setChecked(bool(question.get("nps")))
        for field in (self.text, self.choices):
            field.setCursorPosition(0)    # show the beginning of a long text
        self.mark(False)

    def question(self) -> dict | None:
        """What the row says, as set_questions takes it; None when the row is empty."""
        text = self.text.text().strip()
        if not text:
            return None
        kind = self.kind.currentData()
        choices = [part.strip() for part in self.choices.text().split(CHOICE_SEPARATOR) if part.strip()]
        return {"text": text, "kind": kind, "choices": choices if kind == "choice" else [],
                "nps": self.nps.isChecked() and kind == "scale"}

    def mark(self, problem: bool) -> None:
        for widget in (self.text, self.kind, self.choices):
            widget.setStyleSheet(PROBLEM if problem else "")


def question_dict(question: Question) -> dict:
    return {"text": question.text, "kind": question.kind, "choices": list(question.choices), "nps": question.is_nps}


class SurveyTab(QWidget):
    def __init__(self, ctx: Context, banner: StatusBanner, parent=None):
        super().__init__(parent)
        self.ctx, self.banner = ctx, banner
        self.modified = False
        self.loaded = False
        self.rows = [QuestionRow(self, number) for number in range(1, MAX_QUESTIONS + 1)]
        grid = QGridLayout()
        for column, title in enumerate(("", self.tr("Question"), self.tr("Kind"), self.tr("Options (a choice)"),
                                        "")):
            grid.addWidget(QLabel(f"<b>{title}</b>"), 0, column)
        for number, row in enumerate(self.rows, start=1):
            for column, widget in enumerate(row.widgets()):
                grid.addWidget(widget, number, column)
            for signal in (row.text.textEdited, row.choices.textEdited, row.kind.activated, row.nps.clicked):
                signal.connect(self._edited)
            row.nps.toggled.connect(lambda checked, chosen=row: self._only_one_nps(chosen, checked))
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        grid.setVerticalSpacing(4)
        grid.setContentsMargins(0, 0, 8, 0)
        editor = QWidget()
        editor.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidget(editor)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        wheel_scrolls_the_page(scroll)
        self.save_button = QPushButton(self.tr("Save the questions"))
        self.undo_button = QPushButton(self.tr("Undo changes"))
        buttons = QHBoxLayout()
        buttons.addWidget(QLabel(self.tr("The cashier asks them with F10 at the counter; answers already given "
                                         "keep their question."), wordWrap=True), 1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.save_button)
        questions = QGroupBox(self.tr("Questions (at most {count})").format(count=MAX_QUESTIONS))
        box = QVBoxLayout(questions)
        box.addWidget(scroll, 1)
        box.addLayout(buttons)

        self.month = QDateEdit(displayFormat="MM/yyyy", calendarPopup=True)
        self.month.setAccessibleName(self.tr("Month"))
        today = local_today(ctx)
        self.month.setDate(QDate(today.year, today.month, 1))
        self.results_button = QPushButton(self.tr("Show results"))
        self.summary = QLabel()
        self.summary.setAccessibleName(self.tr("Survey summary"))
        self.summary.setStyleSheet("font-size: 14pt; font-weight: 700;")
        self.summary.setWordWrap(True)
        self.results = make_table([self.tr("Question"), self.tr("Answers"), self.tr("Result")],
                                  self.tr("Survey results"))
        self.results.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.results.setMinimumHeight(120)
        results = QGroupBox(self.tr("Results"))
        box = QVBoxLayout(results)
        picker = QHBoxLayout()
        picker.addWidget(QLabel(self.tr("Month")))
        picker.addWidget(self.month)
        picker.addWidget(self.results_button)
        picker.addWidget(self.summary, 1)
        box.addLayout(picker)
        box.addWidget(self.results, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(questions, 3)
        layout.addWidget(results, 1)
        self.save_button.clicked.connect(self.save)
        self.undo_button.clicked.connect(self.load_questions)
        self.results_button.clicked.connect(self.show_results)

    def activated(self) -> None:
        if not self.modified:       # never throw away what the owner is typing
            self.load_questions()
        if not self.loaded:
            self.loaded = True
            self.show_results()

    def shutdown(self) -> None:
        pass   # nothing runs in the background here

    def forget(self) -> None:
        self._show_questions([])
        self.modified = self.loaded = False
        self.summary.clear()
        self.results.setRowCount(0)

    def _edited(self) -> None:
        self.modified = True

    def _only_one_nps(self, chosen: QuestionRow, checked: bool) -> None:
        if checked:
            for row in self.rows:
                if row is not chosen:
                    row.nps.setChecked(False)

    def load_questions(self) -> None:
        saved = [question_dict(question) for question in active_questions(self.ctx)]
        self._show_questions(saved)
        self.modified = False

    def _show_questions(self, questions: list[dict]) -> None:
        for index, row in enumerate(self.rows):
            row.show(questions[index] if index < len(questions) else None)

    def save(self) -> None:
        # Filled rows move up first, so that "question N" in a refusal is row N on screen.
        questions = [question for question in (row.question() for row in self.rows) if question]
        self._show_questions(questions)
        try:
            saved = set_questions(self.ctx, questions)
        except LoyaltyError as error:
            self.banner.show_message("error", error.message)
            if error.field and error.field.startswith("question "):
                number = error.field.removeprefix("question ")
                if number.isdigit() and 1 <= int(number) <= len(self.rows):
                    self.rows[int(number) - 1].mark(True)
                    self.rows[int(number) - 1].text.setFocus()
            return
        self.load_questions()
        if not saved:
            self.banner.show_message("success", self.tr("No questions: the survey is off (F10 at the counter says so)."))
            return
        self.banner.show_message("success", self.tr("{count} survey questions saved: the counter asks them from now "
                                                    "on.", "", len(saved)).format(count=len(saved)))

    def selected_month(self) -> str:
        return self.month.date().toString("yyyy-MM")

    def show_results(self) -> None:
        month = self.selected_month()
        try:
            results = survey_results(self.ctx, month_period(month))
        except LoyaltyError as error:
            self.banner.show_message("error", error.message)
            return
        nps = results["nps"]
        self.summary.setText(self.tr("{month}: {responses} responses · NPS {nps}", "", results["responses"]).format(
            month=month_text(month), responses=points_text(results["responses"]),
            nps=fraction_text(nps, 0) if nps is not None else "—"))
        rows = [(item["question"], points_text(item["answers"]), self._result_text(item))
                for item in results["questions"]]
        fill_table(self.results, rows, list(range(len(rows))))

    def _result_text(self, item: dict) -> str:
        if "average" in item:
            return self.tr("average {average}").format(average=fraction_text(Fraction(item["average"])))
        if "counts" in item:
            words = {"yes": self.tr("yes"), "no": self.tr("no")}
            return " · ".join(f"{words.get(value, value)}: {points_text(count)}"
                              for value, count in sorted(item["counts"].items(), key=lambda pair: -pair[1]))
        return self.tr("{count} wrote a comment", "", item["answers"]).format(count=points_text(item["answers"]))
