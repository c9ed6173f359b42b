"""Report exports: one CSV per table, or one XLSX workbook with a sheet per table."""

from pathlib import Path

from ..common.spreadsheets import write_csv_files, write_workbook
from .metrics import Report
from .tables import report_tables


def write_csv(report: Report, folder: str | Path) -> list[Path]:
    return write_csv_files(report_tables(report), folder, prefix=f"{report.period.label()}-")


def write_xlsx(report: Report, path: str | Path) -> Path:
    return write_workbook(report_tables(report), path)
