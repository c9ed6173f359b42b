"""The import wizard: choose a CSV of members or of sales, see the preview — how many rows
are good, each bad row with its line, column and reason, the possible duplicates — choose
what to do, and only then import, in one transaction. Reading and writing run on a worker
thread with its own connection, with a progress bar; the window stays usable."""

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QProgressBar, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout)

from loyalty.exchange import members_import, sales_import
from loyalty.programme.context import Context

from ..widgets import file_dialogs
from ..widgets.background import WorkerShop, sentence_for, start_worker
from ..widgets.formatting import points_text


class _ImportWorker(QObject):
    planned = Signal(object)
    imported = Signal(int, int)   # written, and merged (members) or already recorded (sales)
    failed = Signal(str)
    progress = Signal(int, int)

    def __init__(self, shop: WorkerShop, kind: str, path: str, options: dict | None = None, plan=None):
        super().__init__()
        self.shop, self.kind, self.path, self.options, self.plan = shop, kind, path, options or {}, plan

    @Slot()
    def run(self) -> None:
        module = members_import if self.kind == "members" else sales_import
        try:
            ctx = self.shop.open()
            try:
                if self.plan is None:
                    self.planned.emit(module.plan(ctx, self.path))
                elif self.kind == "members":
                    added = members_import.apply(ctx, self.plan, self.options["skip_duplicates"],
                                                 self.options["merge_duplicates"], self.progress.emit)
                    self.imported.emit(added, self.plan.merged)
                else:
                    posted, already = sales_import.apply(ctx, self.plan, self.options["award_points"],
                                                         self.progress.emit)
                    self.imported.emit(posted, already)
            finally:
                ctx.db.close()
        except Exception as error:  # shown in the dialog; nothing was written (one transaction)
            self.failed.emit(sentence_for(error))


class ImportDialog(QDialog):
    finished_import = Signal()

    def __init__(self, ctx: Context, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.plan = None
        self.thread: QThread | None = None
        self.setWindowTitle(self.tr("Import from a spreadsheet (CSV)"))
        self.resize(820, 560)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Members"), "members")
        self.kind.addItem(self.tr("Sales history"), "sales")
        self.path = QLineEdit(placeholderText=self.tr("Choose a .csv file"))
        self.browse = QPushButton(self.tr("Choose…"))
        self.check_button = QPushButton(self.tr("Check the file"))
        self.summary = QLabel(self.tr("Nothing is imported until you have seen the check and pressed Import."),
                              wordWrap=True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Line"), self.tr("Column"), self.tr("Problem or warning")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.skip_invalid = QCheckBox(self.tr("Import the good rows and leave out the bad ones"))
        self.skip_duplicates = QCheckBox(self.tr("Leave out possible duplicates"))
        self.merge_duplicates = QCheckBox(self.tr("Merge rows that match a member on file into that member "
                                                  "(fills in missing details, adds the opening points)"))
        self.award_points = QCheckBox(self.tr("Award points for the imported sales"))
        self.award_points.setChecked(True)
        self.progress = QProgressBar(textVisible=False)
        self.progress.hide()
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("Close"))
        top = QHBoxLayout()
        for widget in (self.kind, self.path, self.browse, self.check_button):
            top.addWidget(widget)
        top.setStretchFactor(self.path, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        for option in (self.skip_invalid, self.merge_duplicates, self.skip_duplicates, self.award_points):
            layout.addWidget(option)
        layout.addLayout(buttons)
        self.browse.clicked.connect(self.choose_file)
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.run_import)
        self.close_button.clicked.connect(self.reject)
        self.skip_invalid.toggled.connect(self._update_import_button)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        members = self.kind.currentData() == "members"
        self.skip_duplicates.setVisible(members)
        self.merge_duplicates.setVisible(members)
        self.award_points.setVisible(not members)
        self.plan = None
        self._update_import_button()

    def choose_file(self) -> None:
        chosen = file_dialogs.file_to_open(self, self.tr("CSV file"), "CSV (*.csv *.txt)")
        if chosen:
            self.path.setText(chosen)

    def check(self) -> None:
        if not self.path.text().strip():
            self.summary.setText(self.tr("Choose a file first."))
            return
        self.plan = None
        self._start(_ImportWorker(WorkerShop(self.ctx), self.kind.currentData(), self.path.text().strip()))

    def run_import(self) -> None:
        options = {"skip_duplicates": self.skip_duplicates.isChecked(), "award_points": self.award_points.isChecked(),
                   "merge_duplicates": self.merge_duplicates.isChecked()}
        self._start(_ImportWorker(WorkerShop(self.ctx), self.kind.currentData(), self.path.text().strip(),
                                  options, self.plan))

    def _start(self, worker: _ImportWorker) -> None:
        if self.thread is not None:
            return
        self.progress.setRange(0, 0)
        self.progress.show()
        for button in (self.check_button, self.import_button, self.browse):
            button.setEnabled(False)
        worker.planned.connect(self._planned)
        worker.imported.connect(self._imported)
        worker.failed.connect(self._failed)
        worker.progress.connect(self._progress)
        self.thread = start_worker(self, worker, (worker.planned, worker.imported, worker.failed), self._finished)

    @Slot(int, int)
    def _progress(self, done: int, total: int) -> None:
        """Rows written so far: the bar turns from 'busy' into a count."""
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("%v of %m rows"))
        self.progress.setTextVisible(True)

    @Slot(object)
    def _planned(self, plan) -> None:
        self.plan = plan
        notes = [(p.line, p.column, p.reason) for p in plan.problems]
        duplicates = getattr(plan, "duplicates", [])
        notes += [(row.line, self.tr("(possible duplicate)"), row.duplicate_reason) for row in duplicates]
        self.table.setRowCount(len(notes))
        for row, cells in enumerate(sorted(notes)):
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(str(text)))
        found = (self.tr("{count} rows are good", "", len(plan.rows)), self.tr("{count} have problems", "",
                 len(plan.problems)), self.tr("{count} may be duplicates", "", len(duplicates)))
        counts = (len(plan.rows), len(plan.problems), len(duplicates))
        self.summary.setText(", ".join(text.format(count=points_text(count)) for text, count in zip(found, counts))
                             + ". " + (
            self.tr("Fix the file, or tick the box to import the good rows only.") if plan.problems else
            self.tr("Press Import to add them.")))

    @Slot(int, int)
    def _imported(self, written: int, besides: int) -> None:
        if self.kind.currentData() == "members":
            text = self.tr("Imported: {count} new members", "", written) + " · " + self.tr(
                "{besides} merged into members on file", "", besides)
        else:
            text = self.tr("Imported: {count} sales", "", written) + " · " + self.tr(
                "{besides} already recorded", "", besides)
        self.summary.setText(text.format(count=points_text(written), besides=points_text(besides)) + ".")
        self.plan = None
        self.finished_import.emit()

    @Slot(str)
    def _failed(self, problem: str) -> None:
        self.summary.setText(self.tr("Nothing was imported. {problem}").format(problem=problem))

    @Slot()
    def _finished(self) -> None:
        self.thread = None
        self.progress.hide()
        self.check_button.setEnabled(True)
        self.browse.setEnabled(True)
        self._update_import_button()

    def _update_import_button(self) -> None:
        ready = self.plan is not None and bool(self.plan.rows) and (not self.plan.problems
                                                                    or self.skip_invalid.isChecked())
        self.import_button.setEnabled(ready and self.thread is None)
