"""Members: the whole membership in a lazily paged table (sortable by name, card,
points and joining date), search as you type, and each member's record."""

from PySide6.QtCore import QTimer, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from loyalty.people.directory import members_page
from loyalty.people.members import Member
from loyalty.printing.jobs import members_due_a_card
from loyalty.programme.context import Context
from loyalty.programme.permissions import allowed
from loyalty.programme.rules import load_tiers

from ..counter.search_worker import MemberSearch
from ..printing.service import PrintService
from ..widgets.feedback import StatusBanner
from ..widgets.formatting import points_text
from .duplicates_dialog import DuplicatesDialog
from .import_dialog import ImportDialog
from .member_detail import MemberDetailDialog
from .table_model import MembersTableModel


class MembersScreen(QWidget):
    open_at_counter = Signal(str)

    def __init__(self, ctx: Context, search: MemberSearch, printing: PrintService | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.search = search
        self.printing = printing
        self.loaded = False
        self.detail: MemberDetailDialog | None = None
        self.search_box = QLineEdit(placeholderText=self.tr("Search by name, phone or card"))
        self.search_box.setAccessibleName(self.tr("Search members"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumHeight(40)
        self.search_box.setStyleSheet("font-size: 14pt;")
        self.count_label = QLabel()
        self.details_button = QPushButton(self.tr("Details… (Enter)"))
        self.cards_button = QPushButton(self.tr("Print cards of the selected"))
        self.cards_button.setToolTip(self.tr("Ctrl+click or Shift+click to select several members"))
        self.due_button = QPushButton(self.tr("Print cards due"))
        self.import_button = QPushButton(self.tr("Import…"))
        self.duplicates_button = QPushButton(self.tr("Possible duplicates…"))
        self.duplicates_button.setToolTip(self.tr("Members with the same phone or e-mail: merge the ones who are one "
                                                  "person (owner)"))
        self.import_button.setToolTip(self.tr("Members or sales history from a spreadsheet (CSV)"))
        self.due_button.setToolTip(self.tr("New members, and members whose tier changed since their card was printed"))
        self.model = MembersTableModel(lambda order, desc, after: members_page(ctx, order, desc, after),
                                       {tier.code: tier.name for tier in load_tiers(ctx.db)}, ctx.programme().timezone,
                                       self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Members"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setDefaultSectionSize(32)
        self.table.verticalHeader().hide()
        self.table.setStyleSheet("font-size: 12pt;")
        self.table.setTabKeyNavigation(False)   # Tab leaves the list for the buttons; arrows move in it
        header = self.table.horizontalHeader()
        for column, width in enumerate((0, 140, 130, 90, 90, 110)):
            # at least as wide as the column's heading and its sort arrow, in either language
            self.table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)   # names take the rest
        # The search box keeps a name's width on a 1024-pixel screen: the buttons have a row of their own.
        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.count_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.details_button)
        buttons.addWidget(self.cards_button)
        buttons.addWidget(self.due_button)
        buttons.addStretch()
        buttons.addWidget(self.duplicates_button)
        buttons.addWidget(self.import_button)
        # What the window says while this screen is in view (printing, a screen the role may not open).
        self.banner = StatusBanner()
        self.banner.show_message("info", self.tr("Enter opens the chosen member's record."))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.banner)
        self.setTabOrder(self.search_box, self.table)
        self.setTabOrder(self.table, self.details_button)
        self.total: int | None = None           # members in the shop, from the count
        self.found: int | None = None           # members the search found; None: the whole list
        self.searching = False                  # a search asked, its answer not yet in
        self.open_when_found = False            # Enter came before the answer
        self.debounce = QTimer(self, singleShot=True, interval=200)
        self.debounce.timeout.connect(self._search_now)
        self.search_box.textEdited.connect(lambda _: self.debounce.start())
        self.search_box.returnPressed.connect(self._return_in_search)
        self.search_box.installEventFilter(self)
        self.search.results.connect(self._found)
        self.search.counted.connect(self._counted)
        self.table.activated.connect(lambda index: self.open_details(index.row()))
        self.details_button.clicked.connect(self._details_of_chosen)
        self.cards_button.clicked.connect(self.print_selected_cards)
        self.import_button.clicked.connect(self.open_import)
        self.duplicates_button.clicked.connect(self.open_duplicates)
        self.due_button.clicked.connect(lambda: self.printing.card_sheet(members_due_a_card(self.ctx)))
        for button in (self.cards_button, self.due_button):
            button.setVisible(printing is not None)

    def activated(self) -> None:
        """Loaded when first shown, not at start-up: the counter opens without waiting for it."""
        self.duplicates_button.setVisible(allowed(self.ctx.role, "merge_members"))   # whoever signed in now
        if not self.loaded:
            self.reload()

    def reload(self) -> None:
        self.loaded = True
        self.search.request_count()
        self._search_now()

    def _search_now(self) -> None:
        self.debounce.stop()
        text = self.search_box.text().strip()
        if text:
            self.searching = True
            self.search.request(text)
        else:
            self.searching = False
            self.found = None
            self.model.show_all()
            self._show_count()

    def _found(self, members: list[Member]) -> None:
        self.searching = False
        self.found = len(members)
        self.model.show_found(members)
        self._show_count()
        if self.open_when_found:
            self.open_when_found = False
            self._open_chosen_or_first()

    def _counted(self, total: int) -> None:
        self.total = total
        self._show_count()

    def _show_count(self) -> None:
        """The whole membership, or what the search found of it (the search stops at its limit)."""
        if self.total is None:
            return
        if self.found is None:
            text = self.tr("{n} members", "", self.total).format(n=points_text(self.total))
        elif self.found >= self.search.limit:
            text = self.tr("first {found} of {total} members", "", self.total).format(
                found=points_text(self.found), total=points_text(self.total))
        else:
            text = self.tr("{found} of {total} members", "", self.total).format(
                found=points_text(self.found), total=points_text(self.total))
        self.count_label.setText(text)

    def _return_in_search(self) -> None:
        """A name typed and Enter: the chosen member's record, or the first found, as soon as the
        search has answered."""
        if self.debounce.isActive():
            self._search_now()
        if self.searching:
            self.open_when_found = True
            return
        self._open_chosen_or_first()

    def _open_chosen_or_first(self) -> None:
        row = self.table.currentIndex().row()
        if row < 0 and self.model.rowCount():
            row = 0
            self.table.selectRow(0)
        if row < 0:
            self.banner.show_message("warning", self.tr("No member found to open: check the name, phone or card."))
            return
        self.open_details(row)

    def _details_of_chosen(self) -> None:
        row = self.table.currentIndex().row()
        if row < 0:
            self.banner.show_message("warning", self.tr(
                "Choose a member in the list first: type a name, then ↓ or Tab to the list."))
            return
        self.open_details(row)

    def eventFilter(self, watched, event) -> bool:
        """↓ in the search box goes down into the list, on its first row."""
        if watched is self.search_box and event.type() == event.Type.KeyPress and event.key() == Qt.Key.Key_Down:
            self.table.setFocus()
            if not self.table.currentIndex().isValid() and self.model.rowCount():
                self.table.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    def selected_members(self) -> list[Member]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [member for member in (self.model.member_at(row) for row in rows) if member is not None]

    def print_selected_cards(self) -> None:
        self.printing.card_sheet(self.selected_members())

    def open_import(self) -> None:
        self.importer = ImportDialog(self.ctx, self)
        self.importer.finished_import.connect(self.reload)
        self.importer.open()

    def open_duplicates(self) -> None:
        self.duplicates = DuplicatesDialog(self.ctx, self)
        self.duplicates.merged.connect(self.reload)
        self.duplicates.open()

    def shutdown(self) -> None:
        """Closing the window with a member's record open: the record stops its scoring thread."""
        if self.detail is not None and self.detail.isVisible():
            self.detail.reject()

    def open_details(self, row: int) -> None:
        member = self.model.member_at(row)
        if member is None:
            return
        self.detail = MemberDetailDialog(self.ctx, member, self.printing, self)
        self.detail.changed.connect(self.reload)
        self.detail.open_at_counter.connect(self.open_at_counter)
        self.detail.open()
