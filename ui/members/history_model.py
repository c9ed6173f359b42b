"""A member's points history as a lazily paged table model: the first page when the
record opens, the next as the table scrolls, so a 10,000-entry member opens at once."""

from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from loyalty.ledger.entries import Entry

from ..widgets.formatting import moment_text, money_text, signed_points_text
from ..widgets.notes import note_text

PAGE_SIZE = 200


def entry_kind_words() -> dict[str, str]:
    """A ledger entry's kind (or its bonus kind) as the screens name it: the history, the fraud flags."""
    translate = QCoreApplication.translate   # literal calls, so that lupdate finds them under their context
    return {"earn": translate("HistoryTableModel", "Sale"), "redeem": translate("HistoryTableModel", "Redeemed"),
            "reverse": translate("HistoryTableModel", "Refund / undo"),
            "expire": translate("HistoryTableModel", "Expired"), "adjust": translate("HistoryTableModel", "Adjustment"),
            "bonus": translate("HistoryTableModel", "Bonus"), "welcome": translate("HistoryTableModel", "Welcome bonus"),
            "birthday": translate("HistoryTableModel", "Birthday bonus"),
            "referral": translate("HistoryTableModel", "Referral bonus"),
            "campaign": translate("HistoryTableModel", "Campaign bonus"),
            "compensation": translate("HistoryTableModel", "Compensation")}
PageLoader = Callable[[Entry | None, int], list[Entry]]   # (last entry shown, page size) -> next entries


class HistoryTableModel(QAbstractTableModel):
    def __init__(self, load_page: PageLoader, currency: str, decimals: int, timezone: str, parent=None):
        super().__init__(parent)
        self.load_page = load_page
        self.currency, self.decimals, self.timezone = currency, decimals, timezone
        self.rows: list[Entry] = []
        self.more = True
        self.kinds = entry_kind_words()
        self.headers = (self.tr("When"), self.tr("What"), self.tr("Points"), self.tr("Amount"), self.tr("Receipt"),
                        self.tr("Note"))

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        entry = self.rows[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return moment_text(entry.created_at, self.timezone)
        if column == 1:
            kind = entry.bonus_kind or entry.kind
            return self.kinds.get(kind, kind)
        if column == 2:
            return signed_points_text(entry.points)
        if column == 3:
            return "" if entry.amount_cents is None else money_text(entry.amount_cents, self.decimals, self.currency)
        if column == 4:
            return entry.receipt_ref or ""
        return note_text(entry.reason)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def canFetchMore(self, parent=QModelIndex()) -> bool:
        return not parent.isValid() and self.more

    def fetchMore(self, parent=QModelIndex()) -> None:
        if parent.isValid() or not self.more:
            return
        page = self.load_page(self.rows[-1] if self.rows else None, PAGE_SIZE)
        self.more = len(page) == PAGE_SIZE
        if page:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
            self.rows.extend(page)
            self.endInsertRows()

    def restart(self) -> None:
        self.beginResetModel()
        self.rows, self.more = [], True
        self.endResetModel()
        self.fetchMore()
