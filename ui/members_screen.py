"""Members: the whole membership in a lazily paged table (sortable by name, card,
points and joining date), search as you type, and each member's record."""

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget

from loyalty.context import Context
from loyalty.member_directory import members_page
from loyalty.members import Member
from loyalty.printing.jobs import members_due_a_card
from loyalty.programme import load_tiers

from .feedback import StatusBanner
from .formatting import points_text
from .import_dialog import ImportDialog
from .member_detail import MemberDetailDialog
from .members_table_model import MembersTableModel
from .printing import PrintService
from .search_worker import MemberSearch


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
        for column, width in enumerate((0, 140, 130, 90, 90, 110)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)   # names take the rest
        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.count_label)
        top.addWidget(self.details_button)
        top.addWidget(self.cards_button)
        top.addWidget(self.due_button)
        top.addWidget(self.import_button)
        # What the window says while this screen is in view (printing, a screen the role may not open).
        self.banner = StatusBanner()
        self.banner.show_message("info", self.tr("Enter opens the chosen member's record."))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.banner)
        self.debounce = QTimer(self, singleShot=True, interval=200)
        self.debounce.timeout.connect(self._search_now)
        self.search_box.textEdited.connect(lambda _: self.debounce.start())
        self.search.results.connect(self.model.show_found)
        self.search.counted.connect(lambda n: self.count_label.setText(self.tr("{n} members", "", n).format(
            n=points_text(n))))
        self.table.activated.connect(lambda index: self.open_details(index.row()))
        self.details_button.clicked.connect(lambda: self.open_details(self.table.currentIndex().row()))
        self.cards_button.clicked.connect(self.print_selected_cards)
        self.import_button.clicked.connect(self.open_import)
        self.due_button.clicked.connect(lambda: self.printing.card_sheet(members_due_a_card(self.ctx)))
        for button in (self.cards_button, self.due_button):
            button.setVisible(printing is not None)

    def activated(self) -> None:
        """Loaded when first shown, not at start-up: the counter opens without waiting for it."""
        if not self.loaded:
            self.reload()

    def reload(self) -> None:
        self.loaded = True
        self.search.request_count()
        if self.search_box.text().strip():
            self._search_now()
        else:
            self.model.show_all()

    def _search_now(self) -> None:
        text = self.search_box.text().strip()
        if text:
            self.search.request(text)
        else:
            self.model.show_all()

    def selected_members(self) -> list[Member]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [member for member in (self.model.member_at(row) for row in rows) if member is not None]

    def print_selected_cards(self) -> None:
        self.printing.card_sheet(self.selected_members())

    def open_import(self) -> None:
        self.importer = ImportDialog(self.ctx, self)
        self.importer.finished_import.connect(self.reload)
        self.importer.open()

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
