"""Read one archive CSV tolerantly into rows keyed by normalised column name.

Tolerated, as DOMAIN.md lists them: a UTF-8 byte-order mark; 2018-era UTF-16
tab-separated files (and semicolon-separated Excel re-saves); a preamble
before the header (Connections.csv's `Notes:` lines); header drift (columns
matched by name, case-insensitively); multi-line and irregularly quoted free
text; blank lines. A row that still cannot be read becomes a `Problem`
(EXP001) naming the file and its line, and reading goes on. Problem messages
hold line numbers and column names only, never cell text.
"""

from __future__ import annotations

import codecs
import csv
import re
from dataclasses import dataclass, field
from datetime import datetime

from ssi_lint.model import Position, Problem
from ssi_lint_linkedin_export.dates import day_first, parse_date
from ssi_lint_linkedin_export.formats import FileSpec, normalize

HEADER_SEARCH_LINES = 15
"""How many lines may precede the header (Connections.csv has 3)."""
MAX_RECORD_LINES = 500
"""A quoted field left open for more lines than this is a broken quote, not a long message."""
DELIMITERS = (",", "\t", ";")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

UNREADABLE_ROW = "EXP001"
UNREADABLE_FILE = "EXP002"
GUESSED_ENCODING = "EXP005"


@dataclass(frozen=True, slots=True)
class Row:
    """One record: the file it came from, its first line, its cells and its date."""

    file: str
    line: int
    cells: dict[str, str]
    when: datetime | None = None

    def get(self, column: str) -> str:
        """The stripped text of a column (by normalised name), '' when absent."""
        return self.cells.get(column, "").strip()


@dataclass(slots=True)
class Table:
    """The rows of one file of the archive (several numbered parts are merged)."""

    spec: FileSpec
    files: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)

    @property
    def file(self) -> str:
        """The display name of the (first) file the rows came from."""
        return self.files[0]


def decode(raw: bytes) -> tuple[str, bool]:
    """Text of a CSV file and whether its encoding had to be guessed.

    A byte-order mark decides (UTF-8, UTF-16); many NUL bytes mean UTF-16
    without one; else UTF-8, and Windows-1252 (Excel's) when that fails.
    """
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    elif raw[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return raw.decode("utf-16", errors="replace"), False
    else:
        sample = raw[:400]
        if sample and sample.count(0) * 4 > len(sample):
            little = sample[1::2].count(0) > sample[0::2].count(0)
            return raw.decode("utf-16-le" if little else "utf-16-be", errors="replace"), False
    try:
        return raw.decode("utf-8"), False
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), True


def read_table(raw: bytes, spec: FileSpec, display: str, table: Table, problems: list[Problem]) -> None:
    """Read one file's bytes into `table`, appending problems; a file without a usable header adds none."""
    text, guessed = decode(raw)
    if guessed:
        problems.append(_problem(GUESSED_ENCODING, f"{display} is not UTF-8 or UTF-16 text; it was read as Windows-1252", display))
    lines = _LINE_BREAK.split(text)
    found = _find_header(lines, spec)
    if found is None:
        if any(line.strip() for line in lines):
            message = f"{display} has no header with the columns {', '.join(spec.required or spec.columns[:2])}; the file is not used"
            problems.append(_problem(UNREADABLE_FILE, message, display))
        return
    header_index, delimiter, header = found
    reader = _RecordReader(spec, display, delimiter, header, problems)
    rows = reader.read(lines, header_index + 1)
    table.files.append(display)
    table.rows.extend(_dated(rows, spec, display, problems))


def _find_header(lines: list[str], spec: FileSpec) -> tuple[int, str, list[str]] | None:
    """The index, delimiter and normalised columns of the header line, searched in the first lines."""
    wanted = set(spec.column_keys)
    required = {normalize(column) for column in spec.required}
    needed = min(2, len(wanted))
    for index, line in enumerate(lines[:HEADER_SEARCH_LINES]):
        if not line.strip():
            continue
        for delimiter in DELIMITERS:
            columns = [normalize(cell) for cell in next(csv.reader([line], delimiter=delimiter), [])]
            if len(wanted.intersection(columns)) >= needed and required.issubset(columns):
                return index, delimiter, columns
    return None


class _RecordReader:
    """Splits the lines after the header into records and records into cells."""

    def __init__(self, spec: FileSpec, display: str, delimiter: str, header: list[str], problems: list[Problem]) -> None:
        self.spec = spec
        self.display = display
        self.delimiter = delimiter
        self.header = header
        self.problems = problems
        free = normalize(spec.free_text) if spec.free_text else None
        self.free_index = header.index(free) if free in header else None
        required = [header.index(normalize(column)) for column in spec.required]
        self.minimum = max(required, default=0) + 1

    def read(self, lines: list[str], start: int) -> list[Row]:
        """Every readable record from line index `start` on."""
        records = self._anchored(lines, start) if self.spec.anchored else self._quoted(lines, start)
        rows = []
        for line_number, text in records:
            cells = self._cells(text)
            if cells is None:
                self.problems.append(_row_problem(self.display, line_number, f"has a different number of fields than the header ({len(self.header)})"))
                continue
            rows.append(Row(self.display, line_number, dict(zip(self.header, cells))))
        return rows

    def _quoted(self, lines: list[str], start: int) -> list[tuple[int, str]]:
        """Records of a normally quoted file: a record ends where its quotes balance."""
        records = []
        index = start
        while index < len(lines):
            if not _has_content(lines[index], self.delimiter):
                index += 1
                continue
            end = index
            quotes = lines[index].count('"')
            while quotes % 2 and end + 1 < len(lines) and end - index < MAX_RECORD_LINES:
                end += 1
                quotes += lines[end].count('"')
            if quotes % 2:
                self.problems.append(_row_problem(self.display, index + 1, "opens a quoted field that is never closed"))
                index += 1
                continue
            records.append((index + 1, "\n".join(lines[index : end + 1])))
            index = end + 1
        return records

    def _anchored(self, lines: list[str], start: int) -> list[tuple[int, str]]:
        """Records of a file whose rows start with a date: each runs up to the next such line."""
        records: list[tuple[int, list[str]]] = []
        for index in range(start, len(lines)):
            line = lines[index]
            if self._starts_record(line):
                records.append((index + 1, [line]))
            elif records:
                records[-1][1].append(line)
            elif _has_content(line, self.delimiter):
                self.problems.append(_row_problem(self.display, index + 1, "does not start with a date"))
        return [(number, "\n".join(parts).rstrip("\n")) for number, parts in records]

    def _starts_record(self, line: str) -> bool:
        first = line.split(self.delimiter, 1)[0] if self.delimiter in line else ""
        return parse_date(first) is not None or parse_date(first, day_first=True) is not None

    def _cells(self, text: str) -> list[str] | None:
        """The record's cells in header order, repairing stray delimiters in the free-text column."""
        width = len(self.header)
        try:
            parsed = list(csv.reader([text], delimiter=self.delimiter, strict=False))
        except csv.Error:
            parsed = []
        cells = parsed[0] if len(parsed) == 1 else None
        if cells is not None and len(cells) == width:
            return cells
        if cells is not None and len(cells) > width and not any(cell.strip() for cell in cells[width:]):
            return cells[:width]
        if self.free_index is not None:
            repaired = self._split_around_free_text(text, width)
            if repaired is not None:
                return repaired
        if cells is not None and self.minimum <= len(cells) < width:
            return cells + [""] * (width - len(cells))
        return None

    def _split_around_free_text(self, text: str, width: int) -> list[str] | None:
        """Cells before the free-text column split from the left, cells after it from the right."""
        after = width - self.free_index - 1
        left = text.split(self.delimiter, self.free_index)
        if len(left) <= self.free_index:
            return None
        rest = left.pop()
        right = rest.rsplit(self.delimiter, after) if after else [rest]
        if len(right) <= after:
            return None
        return [_unquote(cell) for cell in left] + [_unquote(right[0])] + [_unquote(cell) for cell in right[1:]]


def _dated(rows: list[Row], spec: FileSpec, display: str, problems: list[Problem]) -> list[Row]:
    """Rows with their date parsed; rows whose required date is missing or unreadable are dropped."""
    if spec.date is None:
        return rows
    column = normalize(spec.date)
    first = day_first(row.get(column) for row in rows)
    kept = []
    for row in rows:
        text = row.get(column)
        when = parse_date(text, first) if text else None
        if text and when is None:
            problems.append(_row_problem(display, row.line, f"has a `{spec.date}` that is not a date in a known format"))
            continue
        if when is None and spec.required_date:
            problems.append(_row_problem(display, row.line, f"has no `{spec.date}`"))
            continue
        kept.append(Row(row.file, row.line, row.cells, when))
    return kept


def _has_content(line: str, delimiter: str) -> bool:
    """False for blank lines and lines of bare delimiters (`,,,,`), which are skipped silently."""
    return bool(line.replace(delimiter, "").strip())


def _unquote(cell: str) -> str:
    cell = cell.strip()
    if len(cell) >= 2 and cell[0] == cell[-1] == '"':
        cell = cell[1:-1]
    return cell.replace('""', '"')


def _row_problem(display: str, line: int, what: str) -> Problem:
    message = f"row at line {line} of {display} {what}; the row is skipped"
    return Problem(UNREADABLE_ROW, message, Position(line, 1), (), display)


def _problem(code: str, message: str, display: str) -> Problem:
    return Problem(code, message, Position(1, 1), (), display)

