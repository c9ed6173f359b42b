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


def row_item(table: QTableWidget, row: int):
    """The item a row was filled from."""
    return table.item(row, 0).data(Qt.ItemDataRole.UserRole)
