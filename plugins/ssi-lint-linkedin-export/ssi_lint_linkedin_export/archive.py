"""Find and read the CSV files of an export: a ZIP as LinkedIn sends it, or the extracted folder.

The CSV files sit at the root, one folder down (an archive extracted into
a folder of its own name) or deeper (a ZIP of `Users/ana/Downloads/...`):
the export's folder is where the shallowest known CSV is, see `_known`.
macOS's metadata files (`._Connections.csv`, `__MACOSX/`) are never export
files. A file is recognised by its name (see
`formats.file_key`); numbered parts of one file (`Shares_1.csv`,
`Shares_2.csv`) are read in order and merged. Each file is streamed, in
chunks, into its collector (see `collectors`), so memory stays flat however
many rows it has. A ZIP member and a file of a folder have the same limits:
at most `MAX_MEMBER_BYTES` uncompressed and what `csvread` allows. A file
that breaks a limit, cannot be decompressed or has a name that is not UTF-8
is left out as a whole, with a located EXP002 problem, and the rest of the
archive is still read. A `.zip` that is not a readable ZIP at all, whatever
its name, is one EXP003 problem (never read as a YAML plan). An archive named
like an export that holds no usable export file at all is one EXP007 problem:
it is not an account without activity. A known file that is absent or left
out is unknown: nothing it would show is assumed.
"""

from __future__ import annotations

import fnmatch
import lzma
import os
import re
import struct
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, BinaryIO

from ssi_lint.discovery import PLAN_PATTERNS
from ssi_lint.model import Position, Problem
from ssi_lint_linkedin_export.collectors import READ_FIRST, new_collector
from ssi_lint_linkedin_export.csvread import UNREADABLE_FILE, FileUnusable, read_rows
from ssi_lint_linkedin_export.dates import last_day
from ssi_lint_linkedin_export.formats import APPLE_FOLDER, SPECS, SPECS_BY_KEY, file_key
from ssi_lint_linkedin_export.observation import Settings

ARCHIVE_NAME = re.compile(r"(Basic|Complete)_LinkedInDataExport_(\d{2})-(\d{2})-(\d{4})", re.IGNORECASE)
"""`Basic_LinkedInDataExport_MM-DD-YYYY.zip` or `Complete_...`: the kind and the date LinkedIn made it."""
MAX_MEMBER_BYTES = 256 * 1024 * 1024
"""A CSV larger than this (uncompressed) is not used: a defence against ZIP bombs and runaway files."""
CHUNK_BYTES = 1024 * 1024
MAX_DIRECTORY_BYTES = 16 * 1024 * 1024
"""The largest ZIP central directory re-read when member names are flagged UTF-8 but are not."""
UNREADABLE_ARCHIVE = "EXP003"
NO_EXPORT_FILES = "EXP007"
MAX_FOLDER_DEPTH = 8
"""How deep an extracted folder is searched for the export's files (a ZIP's names are all read anyway)."""
MAX_FOLDER_ENTRIES = 20_000
"""Entries of a folder looked at while searching it for the export's files."""
MIN_CLAIMED_FILES = 2
"""Known CSVs a folder not named like an export must hold at its root for `ssi-lint FOLDER` to lint it as one."""
_NATURAL = re.compile(r"(\d+)")
_READ_ERRORS = (OSError, EOFError, RuntimeError, NotImplementedError, ValueError, zipfile.BadZipFile, zlib.error, lzma.LZMAError)
"""What reading a damaged member raises: bad CRC or header (BadZipFile), corrupt deflate data (zlib.error),
unsupported or encrypted members (NotImplementedError, RuntimeError), a name that is not UTF-8 (ValueError)."""


@dataclass(slots=True)
class Archive:
    """What one export shows: a collector per usable file, and what went wrong reading it."""

    source: str
    kind: str
    made_on: date | None
    """The date in the archive's name: the day LinkedIn made it (None when the name does not say)."""
    logs: dict[str, object] = field(default_factory=dict)
    files: dict[str, list[str]] = field(default_factory=dict)
    """The display names each usable file's rows came from (several for numbered parts)."""
    unusable: dict[str, str] = field(default_factory=dict)
    """Files present but left out as a whole: file key -> display name."""
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True

    def log(self, key: str) -> object | None:
        """The collector of a file key (`invitations`), or None when the file is absent or unusable."""
        return self.logs.get(key)

    def file(self, key: str) -> str:
        """The display name of the (first) file of a key, '' when it is absent or unusable."""
        return self.files[key][0] if key in self.files else ""

    @property
    def first_files(self) -> dict[str, str]:
        """The (first) display name of every usable file, by key."""
        return {key: names[0] for key, names in self.files.items()}

    @property
    def latest(self) -> date | None:
        """The last day the export can show (`dates.last_day`), None when its name gives no date."""
        return last_day(self.made_on)

    @property
    def missing(self) -> list[str]:
        """Documented files this archive does not hold, or holds unusable, by their documented name."""
        return [spec.name for spec in SPECS if spec.key not in self.logs]


def looks_like_export(path: Path) -> bool:
    """Whether a path is an export this plugin should load (cheap: names only, no CSV parsing).

    A `.zip` file that is not a readable ZIP at all is one too, so that loading it reports the damaged
    archive (EXP003) rather than the YAML loader reading its bytes as a plan; so is a ZIP or folder named
    like an export (`Basic_LinkedInDataExport_...`) that holds no export file, so that loading it says so
    (EXP007) rather than reading it as an account without activity.
    """
    try:
        if path.is_dir():
            return bool(ARCHIVE_NAME.search(path.name)) or bool(_folder_members(path))
        if path.suffix.lower() != ".zip" or not path.is_file():
            return False
        if ARCHIVE_NAME.search(path.name):
            return True
        with path.open("rb") as file:
            return _zip_looks_like_export(file)
    except _READ_ERRORS:
        return False


def _zip_looks_like_export(file: BinaryIO) -> bool:
    """Whether an open `.zip` file holds known export CSVs, or cannot be read as a ZIP at all (damaged, truncated)."""
    try:
        with open_zip(file) as archive:
            return bool(_known(archive.namelist()))
    except _READ_ERRORS:
        return True


def claims(path: Path) -> bool:
    """Whether `ssi-lint PATH` should lint this path as one export instead of searching it for plans.

    Stricter than `looks_like_export`, because a folder named on the command line is otherwise searched
    for plans: a folder is claimed when it holds no plan file at its root and either holds at least
    two known export CSVs at its root, or is named like an export (`Basic_LinkedInDataExport_...`), whatever
    it holds (an export folder without export files is EXP007). A ZIP is claimed when it looks like an export.
    """
    try:
        if not path.is_dir():
            return looks_like_export(path)
        names = sorted(child.name for child in path.iterdir() if child.is_file())
        if any(fnmatch.fnmatch(name, pattern) for name in names for pattern in PLAN_PATTERNS):
            return False
        return bool(ARCHIVE_NAME.search(path.name)) or len(_known(names)) >= MIN_CLAIMED_FILES
    except OSError:
        return False


def read_archive(path: Path, display: str, settings: Settings | None = None) -> Archive:
    """Every known CSV of a ZIP or folder, streamed into its collector; problems are collected, never raised."""
    settings = settings or Settings()
    kind, made_on = _name_facts(path.name)
    result = Archive(display, kind, made_on)
    if path.is_dir():
        try:
            members = _folder_members(path)
        except OSError as exc:
            return _unreadable(result, f"{display} cannot be listed ({type(exc).__name__})")
        for key in _in_order(members):
            _read_file(result, key, [(f"{display.rstrip('/')}/{member}", _opener(path / member)) for member in members[key]], settings)
        return _without_files(result, bool(members))
    try:
        with path.open("rb") as file, open_zip(file) as archive:
            infos = {info.filename: info for info in archive.infolist()}
            members = _known(list(infos))
            for key in _in_order(members):
                parts = [(f"{display}/{member}", _zip_opener(archive, infos[member])) for member in members[key]]
                _read_file(result, key, parts, settings)
    except _READ_ERRORS as exc:  # a damaged central directory (bad offsets, an unknown ZIP version, ...)
        return _unreadable(result, f"{display} cannot be read as a ZIP archive ({type(exc).__name__}); download the export again")
    return _without_files(result, bool(members))


def open_zip(file: BinaryIO) -> zipfile.ZipFile:
    """A ZipFile over an open file; when names flagged UTF-8 are not, they are read as CP437 instead,
    so that the other members stay readable (the bad one fails when opened)."""
    try:
        return zipfile.ZipFile(file)
    except UnicodeDecodeError:
        return zipfile.ZipFile(_LegacyNames(file))  # type: ignore[arg-type]


class _LegacyNames:
    """A ZIP file seen with the UTF-8 flag of its central directory's names cleared."""

    def __init__(self, file: BinaryIO) -> None:
        self.file = file
        self.start, self.directory = _cleared_directory(file)

    def seek(self, offset: int, whence: int = 0) -> int:
        return self.file.seek(offset, whence)

    def tell(self) -> int:
        return self.file.tell()

    def seekable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        position = self.file.tell()
        data = self.file.read(size)
        low, high = max(position, self.start), min(position + len(data), self.start + len(self.directory))
        if low < high:
            data = data[: low - position] + self.directory[low - self.start : high - self.start] + data[high - position :]
        return data


def _cleared_directory(file: BinaryIO) -> tuple[int, bytes]:
    """Where the central directory starts, and its bytes with every entry's UTF-8 name flag cleared."""
    size = file.seek(0, 2)
    tail_start = max(0, size - (22 + 65535))
    file.seek(tail_start)
    tail = file.read()
    end = tail.rfind(b"PK\x05\x06")
    if end < 0 or len(tail) - end < 22:
        raise zipfile.BadZipFile("no end of central directory")
    directory_size, directory_offset = struct.unpack("<LL", tail[end + 12 : end + 20])
    start = tail_start + end - directory_size
    if directory_offset == 0xFFFFFFFF or directory_size > MAX_DIRECTORY_BYTES or start < 0:
        raise zipfile.BadZipFile("unsupported central directory")
    file.seek(start)
    directory = bytearray(file.read(directory_size))
    index = 0
    while index + 46 <= len(directory) and directory[index : index + 4] == b"PK\x01\x02":
        directory[index + 9] &= 0xF7  # bit 11 of the little-endian flags at 8: the name is UTF-8
        names, extra, comment = struct.unpack("<HHH", directory[index + 28 : index + 34])
        index += 46 + names + extra + comment
    return start, bytes(directory)


def _read_file(result: Archive, key: str, parts: list[tuple[str, Callable[[], IO[bytes]]]], settings: Settings) -> None:
    """Stream every part of one file into a new collector; keep it only when every part was read."""
    spec = SPECS_BY_KEY[key]
    problems: list[Problem] = []
    latest = result.latest
    collector = new_collector(key, result.logs, settings, problems, result.made_on)
    for display, opener in parts:
        shown = _printable(display)
        if shown != display:
            return _left_out(result, key, shown, "has a name that is not UTF-8", 1)
        try:
            for row in read_rows(_chunks(opener), spec, display, problems, latest):
                collector.add(row)
        except FileUnusable as exc:
            return _left_out(result, key, display, exc.reason, exc.line)
        except UnicodeDecodeError:
            return _left_out(result, key, display, "has a name that is not UTF-8", 1)
        except _READ_ERRORS as exc:
            return _left_out(result, key, display, f"cannot be read ({type(exc).__name__}: damaged or unsupported data)", 1)
    result.problems.extend(problems)
    result.logs[key] = collector
    result.files[key] = [display for display, _ in parts]


def _left_out(result: Archive, key: str, display: str, reason: str, line: int) -> None:
    """Record a file left out as a whole, with one problem at the line reading stopped (its row problems
    no longer matter)."""
    result.unusable[key] = display
    message = f"{display} {reason}; the file is not used"
    result.problems.append(Problem(UNREADABLE_FILE, message, Position(max(line, 1), 1), (), display))


def _chunks(opener: Callable[[], IO[bytes]]) -> Iterator[bytes]:
    """The file's bytes in chunks; FileUnusable past MAX_MEMBER_BYTES."""
    total = 0
    with opener() as stream:
        while chunk := stream.read(CHUNK_BYTES):
            total += len(chunk)
            if total > MAX_MEMBER_BYTES:
                raise FileUnusable(f"is larger than {MAX_MEMBER_BYTES // (1024 * 1024)} MiB")
            yield chunk


def _opener(path: Path) -> Callable[[], IO[bytes]]:
    def opener() -> IO[bytes]:
        stream = path.open("rb")
        if os.fstat(stream.fileno()).st_size > MAX_MEMBER_BYTES:
            stream.close()
            raise FileUnusable(f"is larger than {MAX_MEMBER_BYTES // (1024 * 1024)} MiB")
        return stream

    return opener


def _zip_opener(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[], IO[bytes]]:
    def opener() -> IO[bytes]:
        if info.file_size > MAX_MEMBER_BYTES:
            raise FileUnusable(f"is larger than {MAX_MEMBER_BYTES // (1024 * 1024)} MiB uncompressed")
        return archive.open(info)

    return opener


def _printable(name: str) -> str:
    """A file name as it can be shown: bytes that are not UTF-8 (surrogate escapes) as `\\xNN`."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _unreadable(result: Archive, message: str, code: str = UNREADABLE_ARCHIVE) -> Archive:
    result.readable = False
    result.problems.append(Problem(code, message, Position(1, 1)))
    return result


def _without_files(result: Archive, present: bool) -> Archive:
    """The archive as read; unreadable (EXP007) when it holds no export file, or none that could be used:
    an archive of nothing is not an account without activity."""
    if result.logs:
        return result
    if present:
        message = f"{result.source} holds no usable file of a LinkedIn export (each is left out, see EXP002): nothing could be checked"
    else:
        names = ", ".join(spec.name for spec in SPECS[:4])
        message = (f"{result.source} holds no file of a LinkedIn export ({names}, ... at any depth): nothing could be"
                   " checked; name the export's ZIP or the folder it was extracted to")
    return _unreadable(result, message, NO_EXPORT_FILES)


def _in_order(members: dict[str, list[str]]) -> list[str]:
    """File keys in reading order: the files other collectors use first, then as documented."""
    order = {key: index for index, key in enumerate((*READ_FIRST, *(spec.key for spec in SPECS)))}
    return sorted(members, key=lambda key: order.get(key, len(order)))


def _known(names: list[str]) -> dict[str, list[str]]:
    """Known CSV members of the export, per file key, parts in natural order.

    The export's folder is where the shallowest known CSVs are (of several such folders, the one holding
    the most): the ZIP's root, one folder down, or deeper (`Users/ana/Downloads/Basic_.../`, a ZIP of a
    whole path). Known CSVs in that folder or one folder below it count, so two exports side by side are
    never merged; for each key the shallowest wins. macOS metadata (`._X.csv`, anything under
    `__MACOSX/`) is never an export file.
    """
    found: list[tuple[str, tuple[str, ...], str]] = []
    for name in names:
        parts = tuple(name.strip("/").split("/"))
        key = file_key(name)
        if key in SPECS_BY_KEY and not name.endswith("/") and APPLE_FOLDER not in parts[:-1]:
            found.append((key, parts, name))
    if not found:
        return {}
    base = min(len(parts) for _, parts, _ in found)
    folders = Counter(parts[:-1] for _, parts, _ in found if len(parts) == base)
    root = min(folders, key=lambda folder: (-folders[folder], folder))
    by_key: dict[str, list[tuple[int, str]]] = {}
    for key, parts, name in found:
        depth = len(parts) - 1 - len(root)
        if parts[: len(root)] == root and depth <= 1:
            by_key.setdefault(key, []).append((depth, name))
    result = {}
    for key, members in by_key.items():
        shallowest = min(depth for depth, _ in members)
        result[key] = sorted((name for depth, name in members if depth == shallowest), key=_natural)
    return result


def _folder_members(folder: Path) -> dict[str, list[str]]:
    """Known CSV files of an extracted folder (see `_known`), as relative POSIX paths.

    The folder is walked a level at a time, down to the level below the first that holds a known CSV,
    at most MAX_FOLDER_DEPTH levels and MAX_FOLDER_ENTRIES entries (a folder that is not an export may be
    large); macOS's `__MACOSX` folders are not entered.
    """
    names: list[str] = []
    level: list[tuple[Path, str]] = [(folder, "")]
    seen = 0
    found_at: int | None = None
    for depth in range(MAX_FOLDER_DEPTH + 1):
        following: list[tuple[Path, str]] = []
        for directory, prefix in level:
            try:
                children = sorted(directory.iterdir())
            except OSError:
                if directory == folder:
                    raise
                continue  # a subfolder that cannot be listed holds nothing we can read
            for child in children:
                seen += 1
                if seen > MAX_FOLDER_ENTRIES:
                    return _known(names)
                relative = f"{prefix}{child.name}"
                if child.is_file():
                    names.append(relative)
                    if found_at is None and file_key(child.name) in SPECS_BY_KEY:
                        found_at = depth
                elif child.is_dir() and child.name != APPLE_FOLDER:
                    following.append((child, f"{relative}/"))
        if not following or (found_at is not None and depth > found_at):
            break
        level = following
    return _known(names)


def _name_facts(name: str) -> tuple[str, date | None]:
    """The archive kind (`basic`, `complete`, `unknown`) and the date in its name."""
    match = ARCHIVE_NAME.search(name)
    if match is None:
        return "unknown", None
    month, day, year = (int(part) for part in match.group(2, 3, 4))
    try:
        made_on = date(year, month, day)
    except ValueError:
        made_on = None
    return match.group(1).lower(), made_on


def _natural(name: str) -> list[object]:
    """Sort key that puts `Shares_2.csv` before `Shares_10.csv`."""
    return [int(part) if part.isdigit() else part.lower() for part in _NATURAL.split(name)]
