"""The Members table: rows are handed to the model a page at a time by a loader
(the model itself never touches the database). Scrolling asks for the next page
(`canFetchMore`/`fetchMore`), so a million members cost one page at a time."""

from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from loyalty.people.members import Member

from ..widgets.formatting import moment_day_text, points_text

PageLoader = Callable[[str, bool, tuple | None], tuple[list[Member], tuple | None]]


class MembersTableModel(QAbstractTableModel):
    COLUMNS = ("name", "card", "phone", "tier", "balance", "joined")
    SORTABLE = {0: "name", 1: "card", 4: "balance", 5: "joined"}   # the orders an index serves

    def __init__(self, load_page: PageLoader, tier_names: dict[str, str], timezone: str, parent=None):
        super().__init__(parent)
        self.load_page = load_page
        self.tier_names = tier_names
        self.timezone = timezone   # the shop's: a member who joined at 20:00 in Bogotá joined that day
        self.rows: list[Member] = []
        self.order, self.descending = "name", False
        self.next_key: tuple | None = None
        self.more = True
        self.headers = (self.tr("Name"), self.tr("Card"), self.tr("Phone"), self.tr("Tier"), self.tr("Points"),
                        self.tr("Joined"))

    # -- contents ---------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        member = self.rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "name": member.name, "card": member.card, "phone": member.phone or "",
                "tier": self.tier_names.get(member.tier_code, member.tier_code),
                "balance": points_text(member.balance), "joined": moment_day_text(member.joined_at, self.timezone),
            }[column] + (" ⛔" if column == "name" and member.status == "blocked" else "")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "balance":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return member
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    # -- paging -------------------------------------------------------------------
    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self.more

    def fetchMore(self, parent=QModelIndex()) -> None:
        if not self.more:
            return
        page, self.next_key = self.load_page(self.order, self.descending, self.next_key)
        self.more = self.next_key is not None
        if page:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if column not in self.SORTABLE:
            return
        self.order = self.SORTABLE[column]
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.show_all()

    def show_all(self) -> None:
        """Back to the whole membership, from the first page."""
        self.beginResetModel()
        self.rows, self.next_key, self.more = [], None, True
        self.endResetModel()
        self.fetchMore()

    def show_found(self, members: list[Member]) -> None:
        """Search results: a fixed list, no further pages."""
        self.beginResetModel()
        self.rows, self.next_key, self.more = list(members), None, False
        self.endResetModel()

    def member_at(self, row: int) -> Member | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None
