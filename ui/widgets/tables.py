"""Read-only lists the screens show: one look, one way to fill them (each row keeps its item)."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem


def make_table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().hide()
    return table


def fill_table(table: QTableWidget, rows: list[tuple], items: list) -> None:
    table.setRowCount(len(rows))
    for row, (cells, item) in enumerate(zip(rows, items)):
        for column, text in enumerate(cells):
            cell = QTableWidgetItem(text)
            cell.setData(Qt.ItemDataRole.UserRole, item)
            table.setItem(row, column, cell)


def keep_headings_whole(table: QTableWidget) -> None:
    """At least as wide as its first heading plus the other columns at their contents' width: the
    first column stretches into what the others leave, and at 1024 px they left 'Campaign' as
    'ampaig'. Call it after filling, since the contents decide the other columns' widths."""
    header = table.horizontalHeader()
    needed = header.sectionSizeHint(0) + sum(max(header.sectionSizeHint(column), table.sizeHintForColumn(column))
                                             for column in range(1, table.columnCount()))
    table.setMinimumWidth(needed + 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width())


def row_item(table: QTableWidget, row: int):
    """The item a row was filled from."""
    return table.item(row, 0).data(Qt.ItemDataRole.UserRole)
