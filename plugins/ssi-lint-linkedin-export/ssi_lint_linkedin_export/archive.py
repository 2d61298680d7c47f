"""Find and read the CSV files of an export: a ZIP as LinkedIn sends it, or the extracted folder.

The CSV files sit at the root or one folder down (an archive extracted into
a folder of its own name). A file is recognised by its name (see
`formats.file_key`); numbered parts of one file (`Shares_1.csv`,
`Shares_2.csv`) are read in order and merged. A known file that is absent
means its section is empty.
"""

from __future__ import annotations

import fnmatch
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ssi_lint.discovery import PLAN_PATTERNS
from ssi_lint.model import Position, Problem
from ssi_lint_linkedin_export.csvread import UNREADABLE_FILE, Table, read_table
from ssi_lint_linkedin_export.formats import SPECS, SPECS_BY_KEY, file_key

ARCHIVE_NAME = re.compile(r"(Basic|Complete)_LinkedInDataExport_(\d{2})-(\d{2})-(\d{4})", re.IGNORECASE)
"""`Basic_LinkedInDataExport_MM-DD-YYYY.zip` or `Complete_...`: the kind and the date LinkedIn made it."""
MAX_MEMBER_BYTES = 512 * 1024 * 1024
"""A CSV larger than this (uncompressed) is not read: a defence against ZIP bombs."""
UNREADABLE_ARCHIVE = "EXP003"
MIN_CLAIMED_FILES = 2
"""Known CSVs a folder not named like an export must hold at its root for `ssi-lint FOLDER` to lint it as one."""
_NATURAL = re.compile(r"(\d+)")


@dataclass(slots=True)
class Archive:
    """The readable content of one export, with what went wrong reading it."""

    source: str
    kind: str
    made_on: date | None
    tables: dict[str, Table] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True

    def table(self, key: str) -> Table | None:
        """The table of a file key (`invitations`), or None when the file is absent or unusable."""
        return self.tables.get(key)

    def origin(self, key: str) -> dict[str, str]:
        """Where values derived from a file come from: `file` (its display name, '' when absent)
        and `missing` (its documented name when absent, else '')."""
        table = self.tables.get(key)
        return {"file": table.file, "missing": ""} if table else {"file": "", "missing": SPECS_BY_KEY[key].name}

    @property
    def missing(self) -> list[str]:
        """Documented files this archive does not hold (or holds unusable), by their documented name."""
        return [spec.name for spec in SPECS if spec.key not in self.tables]


def looks_like_export(path: Path) -> bool:
    """Whether a path is an export this plugin should load (cheap: names only, no CSV parsing)."""
    try:
        if path.is_dir():
            return bool(_folder_members(path))
        if path.suffix.lower() != ".zip" or not path.is_file():
            return False
        if ARCHIVE_NAME.search(path.name):
            return True
        with zipfile.ZipFile(path) as archive:
            return bool(_known(archive.namelist()))
    except (OSError, zipfile.BadZipFile):
        return False


def claims(path: Path) -> bool:
    """Whether `ssi-lint PATH` should lint this path as one export instead of searching it for plans.

    Stricter than `looks_like_export`, because a folder named on the command line is otherwise searched
    for plans: a folder is claimed when it holds no plan file at its root and either holds at least
    two known export CSVs at its root, or is named like an export (`Basic_LinkedInDataExport_...`) and
    holds known CSVs at its root or one folder down. A ZIP is claimed when it looks like an export.
    """
    try:
        if not path.is_dir():
            return looks_like_export(path)
        names = sorted(child.name for child in path.iterdir() if child.is_file())
        if any(fnmatch.fnmatch(name, pattern) for name in names for pattern in PLAN_PATTERNS):
            return False
        if len(_known(names)) >= MIN_CLAIMED_FILES:
            return True
        return bool(ARCHIVE_NAME.search(path.name)) and bool(_folder_members(path))
    except OSError:
        return False


def read_archive(path: Path, display: str) -> Archive:
    """Every known CSV of a ZIP or folder, read tolerantly; problems are collected, never raised."""
    kind, made_on = _name_facts(path.name)
    result = Archive(display, kind, made_on)
    if path.is_dir():
        for key, members in _folder_members(path).items():
            for member in members:
                _read_member(result, key, f"{display.rstrip('/')}/{member}", lambda m=member: (path / m).read_bytes(), None)
        return result
    try:
        with zipfile.ZipFile(path) as archive:
            infos = {info.filename: info for info in archive.infolist()}
            for key, members in _known(list(infos)).items():
                for member in members:
                    size = infos[member].file_size
                    _read_member(result, key, f"{display}/{member}", lambda m=member: archive.read(m), size)
    except (OSError, zipfile.BadZipFile, EOFError) as exc:
        result.readable = False
        message = f"{display} cannot be read as a ZIP archive ({type(exc).__name__}); download the export again"
        result.problems.append(Problem(UNREADABLE_ARCHIVE, message, Position(1, 1)))
    return result


def _read_member(result: Archive, key: str, display: str, read: Callable[[], bytes], size: int | None) -> None:
    """Read one CSV into the archive's table for its key."""
    spec = SPECS_BY_KEY[key]
    if size is not None and size > MAX_MEMBER_BYTES:
        message = f"{display} is larger than {MAX_MEMBER_BYTES // (1024 * 1024)} MiB uncompressed; the file is not used"
        result.problems.append(Problem(UNREADABLE_FILE, message, Position(1, 1), (), display))
        return
    try:
        raw = read()
    except (OSError, zipfile.BadZipFile, EOFError, RuntimeError) as exc:
        message = f"{display} cannot be read ({type(exc).__name__}); the file is not used"
        result.problems.append(Problem(UNREADABLE_FILE, message, Position(1, 1), (), display))
        return
    table = result.tables.get(key) or Table(spec)
    read_table(raw, spec, display, table, result.problems)
    if table.files:
        result.tables[key] = table


def _known(names: list[str]) -> dict[str, list[str]]:
    """Known CSV members at depth 0 or 1, per file key; the shallowest depth wins, parts in natural order."""
    found: dict[str, list[tuple[int, str]]] = {}
    for name in names:
        depth = name.strip("/").count("/")
        key = file_key(name)
        if depth <= 1 and key in SPECS_BY_KEY and not name.endswith("/"):
            found.setdefault(key, []).append((depth, name))
    result = {}
    for key, members in found.items():
        shallowest = min(depth for depth, _ in members)
        result[key] = sorted((name for depth, name in members if depth == shallowest), key=_natural)
    return result


def _folder_members(folder: Path) -> dict[str, list[str]]:
    """Known CSV files of an extracted folder (root or one level down), as relative POSIX paths."""
    names = []
    for child in sorted(folder.iterdir()):
        if child.is_file():
            names.append(child.name)
        elif child.is_dir():
            names.extend(f"{child.name}/{grandchild.name}" for grandchild in sorted(child.iterdir()) if grandchild.is_file())
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
