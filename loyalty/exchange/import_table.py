"""Reading a spreadsheet's CSV as shops have them: UTF-8 (with or without BOM) or
Windows-1252/Latin-1, comma, semicolon or tab, header names in English or Spanish,
any case and accents. Columns are mapped to the names the importers use."""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from ..common.errors import ValidationError
from ..common.messages import t
from ..common.text import fold
from ..storage.lock_guard import refuse_database_file

MAX_BYTES = 200_000_000
PROGRESS_EVERY = 200   # rows between an importer's progress reports (a progress bar, not a log)


@dataclass(frozen=True)
class RowProblem:
    line: int
    column: str            # as the file's header writes it
    reason: str


def problem_reason(error) -> str:
    """A LoyaltyError's message (in the language in use) without its 'field: ' prefix: the column is
    reported beside it. The English text says whether there is a prefix; a translation keeps it."""
    message = error.message
    prefixed = error.field and str(error).startswith(f"{error.field}:") and ": " in message
    return message.split(": ", 1)[1] if prefixed else message


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
        raise ValidationError(t("file: '{path}' is not a file", path=path), "file")
    refuse_database_file(path, "file")
    data = path.read_bytes()
    if len(data) > MAX_BYTES:
        raise ValidationError(t("file: {file} is larger than {megabytes} MB",
                                file=path.name, megabytes=MAX_BYTES // 1000000), "file")
    if not data.strip():
        raise ValidationError(t("file: {file} is empty", file=path.name), "file")
    if b"\x00" in data[:4096]:
        raise ValidationError(t("file: {file} is not a text (CSV) file", file=path.name), "file")
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
        raise ValidationError(t("file: {file} has no header line ({error})",
                                file=path.name, error=error), "file") from None
    lookup = {_key(name): field for field, names in synonyms.items() for name in (field, *names)}
    columns: dict[str, str] = {}
    positions: dict[str, int] = {}
    for position, name in enumerate(header):
        field = lookup.get(_key(name))
        if field and field not in positions:
            columns[field], positions[field] = name.strip(), position
    missing = [field for field in required if field not in positions]
    if missing:
        raise ValidationError(t("file: no column for {missing} (the header has: {header})",
                                missing=', '.join(missing), header=', '.join(header)),
                              "file")
    rows = []
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            rows.append((reader.line_num, {field: cells[at].strip() if at < len(cells) else ""
                                           for field, at in positions.items()}))
    except csv.Error as error:
        raise ValidationError(t("file: line {line} cannot be read ({error})",
                                line=reader.line_num, error=error), "file") from None
    return Table(columns, rows, encoding, delimiter)
