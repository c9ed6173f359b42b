"""Report exports a spreadsheet opens: one CSV per table (UTF-8 with BOM and semicolons,
as Spanish Excel expects), or one XLSX workbook with a sheet per table (openpyxl)."""

import csv
from pathlib import Path

from .metrics import Report
from .tables import report_tables


def write_csv(report: Report, folder: str | Path) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (header, rows) in report_tables(report).items():
        path = folder / f"{report.period.label()}-{name}.csv"
        with path.open("w", newline="", encoding="utf-8-sig") as file:
            writer = csv.writer(file, delimiter=";")
            writer.writerow(header)
            writer.writerows(rows)
        written.append(path)
    return written


def write_xlsx(report: Report, path: str | Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, (header, rows) in report_tables(report).items():
        sheet = workbook.create_sheet(name)
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        for column in sheet.columns:
            width = max(len(str(cell.value or "")) for cell in column)
            sheet.column_dimensions[column[0].column_letter].width = min(max(10, width + 2), 50)
        sheet.freeze_panes = "A2"
    workbook.save(str(path))
    return Path(path)
