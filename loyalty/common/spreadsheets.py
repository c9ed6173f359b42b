"""Tables out to what spreadsheets open: CSV files as Spanish Excel reads them (UTF-8 with
a BOM, semicolons) and XLSX workbooks (openpyxl), one sheet per table. Used by the report
exports and the data exports alike."""

import csv
from pathlib import Path

Tables = dict[str, tuple[list[str] | tuple[str, ...], list[list]]]   # name -> (header, rows)


def write_csv_files(tables: Tables, folder: str | Path, prefix: str = "") -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (header, rows) in tables.items():
        path = folder / f"{prefix}{name}.csv"
        with path.open("w", newline="", encoding="utf-8-sig") as file:
            writer = csv.writer(file, delimiter=";")
            writer.writerow(header)
            writer.writerows(rows)
        written.append(path)
    return written


def write_workbook(tables: Tables, path: str | Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, (header, rows) in tables.items():
        sheet = workbook.create_sheet(name)
        sheet.append(list(header))
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
