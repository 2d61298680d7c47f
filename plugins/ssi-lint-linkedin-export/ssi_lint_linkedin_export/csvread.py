"""Read one archive CSV tolerantly, as a stream of rows keyed by normalised column name.

Tolerated, as DOMAIN.md lists them: a UTF-8 byte-order mark; 2018-era UTF-16
tab-separated files (and semicolon-separated Excel re-saves); a preamble
before the header (Connections.csv's `Notes:` lines); header drift (columns
matched by name, case-insensitively); multi-line and irregularly quoted free
text; blank lines. A row that still cannot be read becomes a `Problem`
(EXP001) naming the file and its line, and reading goes on. Problem messages
hold line numbers and column names only, never cell text.

The bytes arrive in chunks and rows leave one at a time, so memory does not
grow with the file. What no real export holds stops the file with
`FileUnusable` (the caller drops everything read from it): a line or record
longer than `MAX_RECORD_CHARS`, more than `MAX_ROWS` rows, more than
`MAX_ROW_PROBLEMS` unreadable rows, a date outside 1900-2100.
"""

from __future__ import annotations

import codecs
import csv
import re
import string
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from ssi_lint.model import Position, Problem
from ssi_lint_linkedin_export.dates import DateOutOfRange, busier_reading, day_order, later_than, parse_date
from ssi_lint_linkedin_export.formats import FileSpec, normalize

HEADER_SEARCH_LINES = 15
"""How many lines may precede the header (Connections.csv has 3)."""
MAX_RECORD_LINES = 500
"""A quoted field left open for more lines than this is a broken quote, not a long message."""
MAX_RECORD_CHARS = 128 * 1024
"""The longest line or record read (Python's csv field limit); LinkedIn caps every text it exports far below."""
MAX_ROWS = 2_000_000
"""Rows read from one file; a real Invitations.csv or messages.csv holds far fewer."""
MAX_ROW_PROBLEMS = 1000
"""Unreadable rows tolerated in one file; beyond this the file is not a LinkedIn CSV."""
DAY_ORDER_SAMPLE = 2000
"""Rows read ahead to tell whether a file writes `a/b/yy` dates day first."""
DELIMITERS = (",", "\t", ";")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_WHITESPACE = string.whitespace + "\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
"""What `str.strip()` strips, spelled out so that delimiters can be stripped with it."""
_SNIFF_BYTES = 400
_PARTIAL_DATE = re.compile(r"\d{4}|[A-Za-z]{3,9}\.?\s+\d{4}")
"""A year, or a month and year: dates of Positions.csv, never the first cell of a Shares, Comments or Reactions row."""
_PARTIAL_DATE_CHARS = 16
"""No cell longer than this is a partial date (`"September 2026"`); the rows' own timestamps are longer and skip the test."""

UNREADABLE_ROW = "EXP001"
UNREADABLE_FILE = "EXP002"
GUESSED_ENCODING = "EXP005"
AMBIGUOUS_DATES = "EXP010"


@dataclass(slots=True)
class Row:
    """One record: the file it came from, its first line, its cells and its date (set once read)."""

    file: str
    line: int
    cells: dict[str, str]
    when: datetime | None = None
    recovered: bool = False
    """The record starts where the quoting does not say one starts: it was split off an irregularly quoted
    record at a line starting with a date (see `_RecordReader._anchored`). It is read and counted, but its
    date may be text of the record before it, so it never moves the window (`daylog.DayLog.range`)."""

    def get(self, column: str) -> str:
        """The stripped text of a column (by normalised name), '' when absent."""
        return self.cells.get(column, "").strip()


class FileUnusable(Exception):
    """The file cannot be used at all; `line` is where reading stopped (0 when unknown)."""

    def __init__(self, reason: str, line: int = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


def decode(raw: bytes) -> tuple[str, bool]:
    """Text of a whole CSV file and whether its encoding had to be guessed (see `decode_chunks`)."""
    decoder = _Decoder(raw[:_SNIFF_BYTES])
    text = decoder.decode(raw, final=True)
    return text, decoder.guessed


def decode_chunks(chunks: Iterable[bytes]) -> tuple[Iterator[str], _Decoder]:
    """Text pieces of a CSV file given as byte chunks, and the decoder (whose `guessed` is set when the
    encoding had to be guessed).

    A byte-order mark decides (UTF-8, UTF-16); many NUL bytes mean UTF-16
    without one; else UTF-8, and Windows-1252 (Excel's) from the first byte
    that is not UTF-8 on.
    """
    iterator = iter(chunks)
    head = b""
    for chunk in iterator:
        head += chunk
        if len(head) >= _SNIFF_BYTES:
            break
    decoder = _Decoder(head[:_SNIFF_BYTES])

    def pieces() -> Iterator[str]:
        yield decoder.decode(head)
        for chunk in iterator:
            yield decoder.decode(chunk)
        yield decoder.decode(b"", final=True)

    return pieces(), decoder


class _Decoder:
    """An incremental decoder chosen from a file's first bytes, falling back from UTF-8 to Windows-1252."""

    def __init__(self, head: bytes) -> None:
        self.guessed = False
        if head.startswith(codecs.BOM_UTF8):
            encoding = "utf-8-sig"
        elif head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
            encoding = "utf-16"
        elif head and head.count(0) * 4 > len(head):
            encoding = "utf-16-le" if head[1::2].count(0) > head[0::2].count(0) else "utf-16-be"
        else:
            encoding = "utf-8"
        self.strict = encoding.startswith("utf-8")
        self.decoder = codecs.getincrementaldecoder(encoding)("strict" if self.strict else "replace")

    def decode(self, data: bytes, final: bool = False) -> str:
        if not self.strict:
            return self.decoder.decode(data, final)
        buffered = self.decoder.getstate()[0]
        try:
            return self.decoder.decode(data, final)
        except UnicodeDecodeError:
            self.strict, self.guessed = False, True
            self.decoder = codecs.getincrementaldecoder("cp1252")("replace")
            return self.decoder.decode(buffered + data, final)


def lines_of(pieces: Iterable[str]) -> Iterator[tuple[int, str]]:
    """The numbered lines (from 1) of text given in pieces; CRLF, CR and LF end a line.

    FileUnusable for a line over the limit, or raised while reading, carries the line reached."""
    carry = ""
    number = 0
    try:
        for piece in pieces:
            if not piece:
                continue
            buffer = carry + piece
            held = buffer.endswith("\r")  # may be the first half of CRLF
            parts = _LINE_BREAK.split(buffer[:-1] if held else buffer)
            carry = parts.pop() + ("\r" if held else "")
            for part in parts:
                number += 1
                if len(part) > MAX_RECORD_CHARS:
                    raise FileUnusable(f"line {number} is longer than {MAX_RECORD_CHARS // 1024} KiB", number)
                yield number, part
            if len(carry) > MAX_RECORD_CHARS + 1:
                raise FileUnusable(f"line {number + 1} is longer than {MAX_RECORD_CHARS // 1024} KiB", number + 1)
    except FileUnusable as exc:
        exc.line = exc.line or number + 1
        raise
    carry = carry.removesuffix("\r")
    if carry:
        yield number + 1, carry


def read_rows(chunks: Iterable[bytes], spec: FileSpec, display: str, problems: list[Problem],
              latest: date | None = None) -> Iterator[Row]:
    """Every readable row of one file, dated; problems are appended as rows are read. `latest` is the last
    day the export can show (`dates.last_day`): a date that reads both ways is read the way that does not
    fall after it.

    Raises FileUnusable (with the line reached) when the file must not be used at all: it is empty,
    has no usable header, or breaks a limit.
    """
    pieces, decoder = decode_chunks(chunks)
    lines = _Lines(lines_of(pieces))
    head = lines.take(HEADER_SEARCH_LINES)
    found = _find_header([text for _, text in head], spec)
    if found is None:
        if any(text.strip() for _, text in head) or lines.more():
            raise FileUnusable(f"has no header with the columns {', '.join(spec.required or spec.columns[:2])}")
        raise FileUnusable("is empty")
    header_index, delimiter, header = found
    lines.push_back(head[header_index + 1:])
    reader = _RecordReader(spec, display, delimiter, header, problems)
    dater = _Dater(spec, reader.report, latest)
    yield from dater.dated(reader.rows(lines))
    if dater.ambiguous is not None:
        problems.append(dater.ambiguous_problem(display))
    if decoder.guessed:
        problems.append(_problem(GUESSED_ENCODING, f"{display} is not UTF-8 or UTF-16 text; it was read as Windows-1252", display))


class _Lines:
    """Numbered lines with push-back (for look-ahead), counted from 1 at the file start."""

    def __init__(self, source: Iterator[tuple[int, str]]) -> None:
        self.source = source
        self.pending: deque[tuple[int, str]] = deque()

    def next(self) -> tuple[int, str] | None:
        return self.pending.popleft() if self.pending else next(self.source, None)

    def take(self, count: int) -> list[tuple[int, str]]:
        taken = []
        while len(taken) < count and (item := self.next()) is not None:
            taken.append(item)
        return taken

    def push_back(self, items: list[tuple[int, str]]) -> None:
        self.pending.extendleft(reversed(items))

    def more(self) -> bool:
        item = self.next()
        if item is None:
            return False
        self.pending.appendleft(item)
        return True


def _find_header(lines: list[str], spec: FileSpec) -> tuple[int, str, list[str]] | None:
    """The index, delimiter and normalised columns of the header line, searched in the first lines."""
    wanted = set(spec.column_keys)
    required = {normalize(column) for column in spec.required}
    needed = min(2, len(wanted))
    for index, line in enumerate(lines[:HEADER_SEARCH_LINES]):
        if not line.strip():
            continue
        for delimiter in DELIMITERS:
            try:
                columns = [normalize(cell) for cell in next(csv.reader([line], delimiter=delimiter), [])]
            except csv.Error:
                continue
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
        self.problem_count = 0
        free = normalize(spec.free_text) if spec.free_text else None
        self.free_index = header.index(free) if free in header else None
        required = [header.index(normalize(column)) for column in spec.required]
        self.minimum = max(required, default=0) + 1
        self.recovered: set[int] = set()
        """First lines of the records `_anchored` recovered from irregular quoting, until they are read."""
        self.after = None if self.free_index is None else len(header) - self.free_index - 1
        """Columns after the free-text column (None: no free text, any number may follow a closing quote)."""

    def rows(self, lines: _Lines) -> Iterator[Row]:
        """Every readable record, as rows (undated)."""
        records = self._anchored(lines) if self.spec.anchored else self._quoted(lines)
        count = 0
        for line_number, text, parsed in self._parsed(records):
            recovered = bool(self.recovered) and line_number in self.recovered
            if recovered:
                self.recovered.discard(line_number)
            cells = self._cells(text, parsed)
            if cells is None:
                self.report(line_number, f"has a different number of fields than the header ({len(self.header)})")
                continue
            count += 1
            if count > MAX_ROWS:
                raise FileUnusable(f"has more than {MAX_ROWS:,} rows", line_number)
            yield Row(self.display, line_number, dict(zip(self.header, cells)), recovered=recovered)

    def report(self, line: int, what: str) -> None:
        """An unreadable row; FileUnusable once there are too many of them."""
        self.problem_count += 1
        if self.problem_count > MAX_ROW_PROBLEMS:
            raise FileUnusable(f"has more than {MAX_ROW_PROBLEMS} unreadable rows", line)
        self.problems.append(_row_problem(self.display, line, what))

    def _quoted(self, lines: _Lines) -> Iterator[tuple[int, str]]:
        """Records of a normally quoted file: a record ends where its quotes balance."""
        blank = self.delimiter + _WHITESPACE
        while (item := lines.next()) is not None:
            number, text = item
            quotes = text.count('"')
            if not quotes % 2:
                if text.strip(blank):
                    yield item
                continue
            taken = [text]
            size = len(text)
            while quotes % 2 and len(taken) <= MAX_RECORD_LINES and (following := lines.next()) is not None:
                taken.append(following[1])
                quotes += following[1].count('"')
                size += len(following[1]) + 1
                if size > MAX_RECORD_CHARS:
                    raise FileUnusable(f"the record at line {number} is longer than {MAX_RECORD_CHARS // 1024} KiB", number)
            if quotes % 2:
                self.report(number, "opens a quoted field that is never closed")
                lines.push_back([(number + offset, line) for offset, line in enumerate(taken[1:], 1)])
                continue
            yield number, "\n".join(taken)

    def _anchored(self, lines: _Lines) -> Iterator[tuple[int, str]]:
        """Records of a file whose rows start with a date (Shares, Comments, Reactions).

        A record runs up to the next line that starts with a date (`_starts_record`) *once its quotes
        balance*: a date line inside an open quoted field is text of the field (a post listing
        `2026-03-08, Lisbon`), never a new record. The anchoring is there for irregular quoting
        (DOMAIN.md: Comments.csv's Message is wrapped in quotes whose own quotes are not doubled), which
        leaves a record's quotes unbalanced, so that quote counting alone would swallow the records
        after it. Inside an open field, therefore, a date line still starts a record when:

        - the line before it ends the free text the way those files do: a quote closing it (not opening
          a field), followed by exactly the columns after the free-text column (`_closes_free_text`);
        - or, as a last resort, the field stays open for MAX_RECORD_LINES lines or MAX_RECORD_CHARS, or
          to the end of the file: the record is split at every such date line.

        Those records are *recovered* (their first line is in `self.recovered`): read and counted, but
        their date may be text, so it never moves the window (`Row.recovered`).
        """
        current: list[str] = []
        start = quotes = size = 0
        recovered = False
        inside: list[int] = []  # indexes in `current` of the date lines met inside its open quoted field
        while (item := lines.next()) is not None:
            number, text = item
            starts = self._starts_record(text)
            if not current:
                if starts:
                    current, start, recovered, quotes, size = [text], number, False, text.count('"'), len(text)
                elif _has_content(text, self.delimiter):
                    self.report(number, "does not start with a date")
                continue
            open_field = quotes % 2 == 1
            if starts and (not open_field or self._closes_free_text(current[-1])):
                yield self._record(start, current, recovered)
                current, start, recovered, quotes, size, inside = [text], number, open_field, text.count('"'), len(text), []
                continue
            if starts:
                inside.append(len(current))
            current.append(text)
            quotes += text.count('"')
            size += len(text) + 1
            if quotes % 2 and inside and (len(current) > MAX_RECORD_LINES or size > MAX_RECORD_CHARS):
                *done, (start, current) = self._pieces(start, current, inside)
                for index, (first, piece) in enumerate(done):
                    yield self._record(first, piece, recovered or index > 0)
                recovered, inside = True, []
                quotes, size = sum(line.count('"') for line in current), sum(len(line) + 1 for line in current) - 1
            if size > MAX_RECORD_CHARS:
                raise FileUnusable(f"the record at line {start} is longer than {MAX_RECORD_CHARS // 1024} KiB", start)
        if current and quotes % 2 and inside:  # a quoted field never closed: split it at its date lines
            for index, (first, piece) in enumerate(self._pieces(start, current, inside)):
                yield self._record(first, piece, recovered or index > 0)
        elif current:
            yield self._record(start, current, recovered)

    def _record(self, start: int, lines: list[str], recovered: bool) -> tuple[int, str]:
        """One record as `_parsed` takes it; a recovered one is remembered by its first line."""
        if recovered:
            self.recovered.add(start)
        return start, "\n".join(lines).rstrip("\n")

    @staticmethod
    def _pieces(start: int, lines: list[str], inside: list[int]) -> list[tuple[int, list[str]]]:
        """The lines split before each index of `inside`, each piece with its first line's number."""
        bounds = [0, *inside, len(lines)]
        return [(start + low, lines[low:high]) for low, high in zip(bounds, bounds[1:]) if high > low]

    def _starts_record(self, line: str) -> bool:
        """Whether a line starts with a full date (a year alone, `2025, what a year`, or a month and year,
        `Jan 2026, ...`, is text: no row of these files is dated so loosely)."""
        first = line.split(self.delimiter, 1)[0] if self.delimiter in line else ""
        if len(first) <= _PARTIAL_DATE_CHARS and _PARTIAL_DATE.fullmatch(first.strip().strip('"').strip()):
            return False
        try:
            return parse_date(first) is not None or parse_date(first, day_first=True) is not None
        except DateOutOfRange:
            return True  # a record; its date is refused when the row is dated

    def _closes_free_text(self, line: str) -> bool:
        """Whether a line ends an irregularly quoted free text: an odd run of quotes that does not open a
        field (it follows text, not a delimiter), then exactly the columns after the free-text column."""
        line = line.rstrip(_WHITESPACE)
        end = line.rfind('"')
        if end < 0:
            return False
        rest = line[end + 1:]
        if rest and not rest.startswith(self.delimiter):
            return False
        if self.after is not None and rest.count(self.delimiter) != self.after:
            return False
        first = end
        while first and line[first - 1] == '"':
            first -= 1
        return (end - first) % 2 == 0 and (first == 0 or line[first - 1] != self.delimiter)

    def _parsed(self, records: Iterator[tuple[int, str]]) -> Iterator[tuple[int, str, list[str] | None]]:
        """Each record with its cells as csv parses the record on its own (None when it cannot).

        One reader parses the records in turn (building one per record costs more than the
        parsing). A record that ends inside a quoted field makes the reader read on into the
        next ones; those records are then parsed again, each on its own.
        """
        fed: deque[tuple[int, str]] = deque()

        def feed() -> Iterator[str]:
            for item in records:
                fed.append(item)
                yield item[1]

        reader = csv.reader(feed(), delimiter=self.delimiter, strict=False)
        consumed = 0
        while True:
            try:
                cells: list[str] | None = next(reader)
            except StopIteration:
                return
            except csv.Error:
                cells = None
            used, consumed = reader.line_num - consumed, reader.line_num
            if used == 1:
                number, text = fed.popleft()
                yield number, text, cells
                continue
            if used < 1:
                return
            for _ in range(used):
                number, text = fed.popleft()
                yield number, text, _parse_alone(text, self.delimiter)

    def _cells(self, text: str, cells: list[str] | None) -> list[str] | None:
        """The record's cells in header order, repairing stray delimiters in the free-text column."""
        width = len(self.header)
        if cells is not None and len(cells) == width:
            return cells
        if cells is not None and len(cells) > width and not any(cell.strip() for cell in cells[width:]):
            return cells[:width]
        if self.free_index is not None and (cells is None or len(cells) > width):  # a stray delimiter only adds cells
            repaired = self._split_around_free_text(text, width)
            if repaired is not None:
                return repaired
        if cells is not None and self.minimum <= len(cells) < width:
            return cells + [""] * (width - len(cells))
        return None

    def _split_around_free_text(self, text: str, width: int) -> list[str] | None:
        """Cells before the free-text column split from the left, cells after it from the right."""
        assert self.free_index is not None
        after = width - self.free_index - 1
        left = text.split(self.delimiter, self.free_index)
        if len(left) <= self.free_index:
            return None
        rest = left.pop()
        right = rest.rsplit(self.delimiter, after) if after else [rest]
        if len(right) <= after:
            return None
        return [_unquote(cell) for cell in left] + [_unquote(right[0])] + [_unquote(cell) for cell in right[1:]]


class _Dater:
    """Parses each row's date; rows whose required date is missing or unreadable are reported and dropped.

    Whether `a/b/yy` dates are day first is decided on the first DAY_ORDER_SAMPLE rows (see
    `dates.day_order`); a later date that only reads one way is read that way. When nothing decides
    (every date reads both ways), the column is read the way that makes the account busiest
    (`dates.busier_reading`), `ambiguous` keeps what to report, and a date that reads both ways is
    read the other way when the column's way puts it after `latest`, the last day the export can show.
    A column whose order was decided is never re-read so: a row it dates after `latest` is such a row
    (EXP008, not counted), not a row of the other order.
    """

    def __init__(self, spec: FileSpec, report: Callable[[int, str], None], latest: date | None = None) -> None:
        self.spec = spec
        self.report = report
        self.latest = latest
        self.column = normalize(spec.date) if spec.date else ""
        self.first = False
        self.decided = True
        """Whether the sample decided the day order; only an undecided column's dates may be read the other way."""
        self.ambiguous: tuple[Row, int, int] | None = None
        """When the sample's day order was undecided: its first row, and the busiest 7 days' rows read day first and month first."""

    def dated(self, rows: Iterator[Row]) -> Iterator[Row]:
        if self.spec.date is None:
            yield from rows
            return
        sample: list[Row] = []
        for row in rows:
            sample.append(row)
            if len(sample) >= DAY_ORDER_SAMPLE:
                break
        values = [row.get(self.column) for row in sample]
        self.first, self.decided = day_order(values, self.latest)
        if not self.decided:
            self.first, day_busiest, month_busiest = busier_reading(values)
            self.ambiguous = (sample[0], day_busiest, month_busiest)
        for row in sample:
            if (dated := self._date(row)) is not None:
                yield dated
        sample.clear()
        for row in rows:
            if (dated := self._date(row)) is not None:
                yield dated

    def ambiguous_problem(self, display: str) -> Problem:
        """The EXP010 problem of a column whose every date reads both ways, at its first row."""
        assert self.ambiguous is not None
        row, day_busiest, month_busiest = self.ambiguous
        example = row.get(self.column)
        chosen, other = ("day first", "month first") if self.first else ("month first", "day first")
        most, fewer = (day_busiest, month_busiest) if self.first else (month_busiest, day_busiest)
        why = (
            f"the reading that makes the account busiest ({most:,} rows in its busiest 7 days, against {fewer:,} read {other})"
            if most != fewer else
            f"as busy either way ({most:,} rows in its busiest 7 days), the reading that makes the account newest, else LinkedIn's own"
        )
        message = (
            f"every `{self.spec.date}` date of {display} reads both day first and month first (`{example}`), and neither"
            f" its dates nor the date in the archive's name tell which: they are read {chosen}, {why}, so that its pace"
            " and age are judged at their most"
        )
        return Problem(AMBIGUOUS_DATES, message, Position(row.line, 1), (), display)

    def _date(self, row: Row) -> Row | None:
        text = row.get(self.column)
        try:
            when = (parse_date(text, self.first) or parse_date(text, not self.first)) if text else None
            if not self.decided and self.latest is not None and when is not None and later_than(when, self.latest):
                other = parse_date(text, not self.first)
                when = other if other is not None and not later_than(other, self.latest) else when
        except DateOutOfRange as exc:
            raise FileUnusable(f"has {exc} in row {row.line}", row.line) from None
        if text and when is None:
            self.report(row.line, f"has a `{self.spec.date}` that is not a date in a known format")
            return None
        if when is None and self.spec.required_date:
            self.report(row.line, f"has no `{self.spec.date}`")
            return None
        row.when = when
        return row


def _parse_alone(text: str, delimiter: str) -> list[str] | None:
    """The cells of one record parsed on its own, None when csv cannot read it as one row."""
    try:
        parsed = list(csv.reader([text], delimiter=delimiter, strict=False))
    except csv.Error:
        return None
    return parsed[0] if len(parsed) == 1 else None


def _has_content(line: str, delimiter: str) -> bool:
    """False for blank lines and lines of bare delimiters (`,,,,`), which are skipped silently."""
    return bool(line.strip(delimiter + _WHITESPACE))


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
