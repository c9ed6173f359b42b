"""Retention → Complaints: every complaint of the shop, newest first, filtered by status and
category; resolve one (with compensation points, approved above the role's limit) and record
the satisfaction check afterwards. A shop has hundreds of complaints, not millions: the list
is read on the GUI thread (by the index on the opening time)."""

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from loyalty.common.errors import LoyaltyError
from loyalty.programme.context import Context
from loyalty.programme.points import parse_points
from loyalty.retention.complaints import (CATEGORIES, ListedComplaint, list_complaints, record_satisfaction,
                                          resolve_complaint)

from ..widgets.feedback import StatusBanner
from ..widgets.formatting import moment_text
from ..widgets.notes import category_words
from ..widgets.sign_in import with_approval
from ..widgets.tables import fill_table, make_table, row_item

SHOWN = 500


class ComplaintsTab(QWidget):
    def __init__(self, ctx: Context, banner: StatusBanner, parent=None):
        super().__init__(parent)
        self.ctx, self.banner = ctx, banner
        self.categories = category_words()
        self.status = QComboBox()
        self.status.setAccessibleName(self.tr("Status"))
        for label, value in ((self.tr("All complaints"), None), (self.tr("Open"), "open"),
                             (self.tr("Resolved, satisfaction not yet asked"), "to_check"),
                             (self.tr("Resolved"), "resolved")):
            self.status.addItem(label, value)
        self.category = QComboBox()
        self.category.setAccessibleName(self.tr("Category"))
        self.category.addItem(self.tr("Every category"), None)
        for code in CATEGORIES:
            self.category.addItem(self.categories[code], code)
        self.count = QLabel()
        self.table = make_table([self.tr("Opened"), self.tr("Member"), self.tr("Category"), self.tr("What happened"),
                                 self.tr("Status"), self.tr("Resolution"), self.tr("Satisfied")],
                                self.tr("Complaints"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (3, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.resolution = QLineEdit(placeholderText=self.tr("What we did about it"))
        self.resolution.setAccessibleName(self.tr("Resolution"))
        self.points = QLineEdit(placeholderText=self.tr("Points (optional)"))
        self.points.setAccessibleName(self.tr("Compensation points"))
        self.points.setMaximumWidth(150)
        self.resolve_button = QPushButton(self.tr("Resolve"))
        self.note = QLineEdit(placeholderText=self.tr("What the member said"))
        self.note.setAccessibleName(self.tr("Satisfaction note"))
        self.satisfied_button = QPushButton(self.tr("Satisfied"))
        self.unsatisfied_button = QPushButton(self.tr("Not satisfied"))

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Show")))
        filters.addWidget(self.status)
        filters.addWidget(self.category)
        filters.addStretch()
        filters.addWidget(self.count)
        resolve = QHBoxLayout()
        resolve.addWidget(QLabel(self.tr("Resolve:")))
        resolve.addWidget(self.resolution, 1)
        resolve.addWidget(self.points)
        resolve.addWidget(self.resolve_button)
        check = QHBoxLayout()
        check.addWidget(QLabel(self.tr("Asked afterwards:")))
        check.addWidget(self.note, 1)
        check.addWidget(self.satisfied_button)
        check.addWidget(self.unsatisfied_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(resolve)
        layout.addLayout(check)
        self.status.currentIndexChanged.connect(self.reload)
        self.category.currentIndexChanged.connect(self.reload)
        self.table.itemSelectionChanged.connect(self._chosen_changed)
        self.resolve_button.clicked.connect(self.resolve)
        self.satisfied_button.clicked.connect(lambda: self.check(True))
        self.unsatisfied_button.clicked.connect(lambda: self.check(False))
        self._chosen_changed()

    def activated(self) -> None:
        self.reload()

    def shutdown(self) -> None:
        pass   # nothing runs in the background here

    def forget(self) -> None:
        self.table.setRowCount(0)
        self.count.clear()
        for field in (self.resolution, self.points, self.note):
            field.clear()
        self._chosen_changed()

    def reload(self) -> None:
        chosen = self.chosen()
        try:
            items = list_complaints(self.ctx, self.status.currentData(), self.category.currentData(), SHOWN)
        except LoyaltyError as error:
            self.banner.show_message("error", error.message)
            return
        statuses = {"open": self.tr("open"), "resolved": self.tr("resolved")}
        satisfied = {None: "", True: self.tr("yes"), False: self.tr("no")}
        fill_table(self.table, [(moment_text(item.complaint.opened_at, self.ctx.programme().timezone), item.name,
                                 self.categories.get(item.complaint.category, item.complaint.category),
                                 item.complaint.description, statuses.get(item.complaint.status, item.complaint.status),
                                 item.complaint.resolution or "", satisfied[item.complaint.satisfied])
                                for item in items], items)
        for row, item in enumerate(items):      # the card and the whole texts, on hovering
            self.table.item(row, 1).setToolTip(self.tr("Card {card}").format(card=item.card))
            for column in (3, 5):
                self.table.item(row, column).setToolTip(self.table.item(row, column).text())
        self.table.resizeRowsToContents()       # at most SHOWN rows: long texts wrap whole
        self.count.setText(self.tr("latest {count} complaints", "", len(items)).format(count=len(items))
                           if len(items) == SHOWN
                           else self.tr("{count} complaints", "", len(items)).format(count=len(items)))
        if chosen is not None:
            for row in range(self.table.rowCount()):
                if row_item(self.table, row).complaint.id == chosen.complaint.id:
                    self.table.selectRow(row)
        self._chosen_changed()

    def chosen(self) -> ListedComplaint | None:
        rows = self.table.selectionModel().selectedRows()
        return row_item(self.table, rows[0].row()) if rows else None

    def _chosen_changed(self) -> None:
        item = self.chosen()
        is_open = item is not None and item.complaint.status == "open"
        for widget in (self.resolution, self.points, self.resolve_button):
            widget.setEnabled(is_open)
        to_check = item is not None and item.complaint.status == "resolved"
        for widget in (self.note, self.satisfied_button, self.unsatisfied_button):
            widget.setEnabled(to_check)

    def resolve(self) -> None:
        item = self.chosen()
        if item is None:
            self.banner.show_message("error", self.tr("Choose a complaint in the list first."))
            return
        try:
            points = parse_points(self.points.text()) if self.points.text().strip() else 0
            with_approval(self, self.ctx, lambda ctx: resolve_complaint(ctx, item.complaint.id, self.resolution.text(),
                                                                         points))
        except LoyaltyError as error:
            self.banner.show_message("error", error.message)
            return
        self.resolution.clear()
        self.points.clear()
        self.reload()
        self.banner.show_message("success", self.tr(
            "Complaint {id} of {name} resolved; a follow-up asks in two days whether they are satisfied.").format(
            id=item.complaint.id, name=item.name))

    def check(self, satisfied: bool) -> None:
        item = self.chosen()
        if item is None:
            self.banner.show_message("error", self.tr("Choose a complaint in the list first."))
            return
        try:
            record_satisfaction(self.ctx, item.complaint.id, satisfied, self.note.text())
        except LoyaltyError as error:
            self.banner.show_message("error", error.message)
            return
        self.note.clear()
        self.reload()
        self.banner.show_message("success", (self.tr("{name} is satisfied: noted.") if satisfied
                                             else self.tr("{name} is not satisfied: noted.")).format(name=item.name))
