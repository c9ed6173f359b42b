"""Reading a spreadsheet's CSV as shops have them: UTF-8 (with or without BOM) or
Windows-1252/Latin-1, comma, semicolon or tab, header names in English or Spanish,
any case and accents. Columns are mapped to the names the importers use."""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..errors import ValidationError
from ..text import fold

MAX_BYTES = 200_000_000
PROGRESS_EVERY = 200   # rows between an importer's progress reports (a progress bar, not a log)


@dataclass(frozen=True)
class RowProblem:
    line: int
    column: str            # as the file's header writes it
    reason: str


def problem_reason(error) -> str:
    """A LoyaltyError's message without its 'field: ' prefix: the column is reported beside it."""
    message = error.message
    return message.split(": ", 1)[1] if error.field and message.startswith(f"{error.field}:") else message


@dataclass(frozen=True)
class Table:
    columns: dict[str, str]              # our field -> the header as written in the file
    rows: list[tuple[int, dict[str, str]]]   # (line number in the file, our field -> text)
    encoding: str
    delimiter: str


def _key(header: str) -> str:
    return "".join(ch for ch in fold(header) if ch.isalnum())


def read_table(path: str | Path, synonyms: dict[str, tuple[str, ...]], required: tuple[str, ...]) -> Table:
    """The file's rows under our field names; a clear ValidationError for a file that is not a usable CSV."""
    path = Path(path)
    if not path.is_file():
        raise ValidationError(f"file: '{path}' is not a file", "file")
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise ValidationError(f"file: {path.name} is larger than {MAX_BYTES // 1_000_000} MB", "file")
    if not data.strip():
        raise ValidationError(f"file: {path.name} is empty", "file")
    if b"\x00" in data[:4096]:
        raise ValidationError(f"file: {path.name} is not a text (CSV) file", "file")
    try:
        text, encoding = data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = data.decode("cp1252", errors="replace"), "windows-1252"
    first_line = text.splitlines()[0]
    delimiter = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as error:
        raise ValidationError(f"file: {path.name} has no header line ({error})", "file") from None
    lookup = {_key(name): field for field, names in synonyms.items() for name in (field, *names)}
    columns: dict[str, str] = {}
    positions: dict[str, int] = {}
    for position, name in enumerate(header):
        field = lookup.get(_key(name))
        if field and field not in positions:
            columns[field], positions[field] = name.strip(), position
    missing = [field for field in required if field not in positions]
    if missing:
        raise ValidationError(f"file: no column for {', '.join(missing)} (the header has: {', '.join(header)})",
                              "file")
    rows = []
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            rows.append((reader.line_num, {field: cells[at].strip() if at < len(cells) else ""
                                           for field, at in positions.items()}))
    except csv.Error as error:
        raise ValidationError(f"file: line {reader.line_num} cannot be read ({error})", "file") from None
    return Table(columns, rows, encoding, delimiter)
