"""Turn the paths a user names into the files to check, in a stable order."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING

from ssi_lint.config import CONFIG_NAMES, PLAN_PATTERNS, Config
from ssi_lint.errors import InputError
from ssi_lint.per_file import ConfigResolver

if TYPE_CHECKING:
    from ssi_lint.gitignore import GitIgnore

__all__ = ["PLAN_PATTERNS", "SKIPPED_FOLDERS", "discover", "require_plan"]

SKIPPED_FOLDERS = ("node_modules",)
"""Folders a search never enters (besides hidden ones), unless a path names them."""


def discover(
    paths: Iterable[str | Path],
    config: Config | None = None,
    claims: Callable[[Path], bool] | None = None,
    *,
    resolver: ConfigResolver | None = None,
) -> list[tuple[Path, str]]:
    """Files as `(path, display name)`, sorted by name, each once.

    A directory is searched recursively for files the `include` globs match
    (plans, by default), skipping what `exclude` and `extend-exclude` match,
    what the work tree's `.gitignore` files ignore, hidden folders and
    `node_modules`, unless `claims(directory)` says a loader reads the
    directory itself. A path named explicitly is used even when hidden or
    ignored by git; a file named explicitly is checked unless an exclusion
    matches it. A configuration file (`.ssi-lint.yaml`, `pyproject.toml`, one
    a configuration extends) or a rule pack a configuration names is never
    taken for a plan. A missing path, an empty one, or a folder that cannot
    be read (unless an exclusion matches it) is an InputError. A name that is
    there but leads to no regular file (a broken symbolic link, a link loop,
    a FIFO) is kept, found or named alike: reading it is that file's LOAD009.

    A file reached by several names (itself, a symbolic link to it, a folder
    named through a link) is checked once, under the name with the fewest
    links on it (`_keep`): its own when the run finds it, so that
    `per-file-ignores`, baselines and nearest configurations see that one name.

    With `resolver`, each folder's files are judged by the configuration that
    applies to that folder (`ConfigResolver`: its nearest, or one fixed
    configuration); else `config` (default: the defaults) applies everywhere.
    """
    if resolver is None:
        resolver = ConfigResolver(config or Config(), fixed=True)
    found: dict[str, str] = {}  # the real path of each file -> the name it is shown by
    for given in paths:
        if isinstance(given, str) and given == "":
            raise InputError("an empty path was given (use `.` for the current folder)")
        path = Path(given)
        if path.is_dir() and claims is not None and claims(path):
            _keep(found, os.path.realpath(path), path.as_posix())
        elif path.is_dir():
            if not resolver.excludes(path, directory=True):
                for match, real in _walk(path, resolver):
                    _keep(found, real, match.as_posix())
        elif os.path.lexists(path):
            if resolver.checks(path, explicit=True):
                _keep(found, _identity(path), path.as_posix())
        else:
            raise InputError(f"{given}: {missing(path)}")
    inputs = resolver.inputs()
    return [(Path(display), display) for real, display in sorted(found.items(), key=itemgetter(1)) if real not in inputs]


def _keep(found: dict[str, str], real: str, name: str) -> None:
    """Record the file at `real` under `name`, unless it is recorded under a name with fewer symbolic links on it.

    Names are only compared for a file found twice, so an ordinary search
    pays nothing; between names with as many links, the first found stays.
    """
    kept = found.get(real)
    if kept is None or _links_on(name) < _links_on(kept):
        found[real] = name


def _links_on(name: str) -> int:
    """How many of the name and the folders it is spelled with are symbolic links."""
    path = Path(name)
    return sum(os.path.islink(part) for part in (path, *path.parents))


def missing(path: Path) -> str:
    """Why a path that does not exist cannot be read: a symbolic link loop, a broken link, or no such file."""
    import errno

    from ssi_lint.reading import why_unreadable

    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno not in (errno.ENOENT, errno.ENOTDIR) or os.path.islink(path):
            return why_unreadable(path, exc)
    return "no such file or directory"


def require_plan(path: Path, claims: Callable[[Path], bool], reading: str) -> None:
    """Refuse a path that is not one plan: missing, not a regular file, or a folder no loader plugin reads as one document.

    An extracted data export is such a folder, read as `discover` reads it.
    `reading` says what the command does with the plan (`simulate projects`).
    """
    if path.is_file() or (path.is_dir() and claims(path)):
        return
    if path.is_dir():
        raise InputError(
            f"{path.as_posix()}: a folder that no loader plugin reads as a plan; {reading} one plan file "
            "(or a data export, with its loader plugin installed)"
        )
    raise InputError(f"{path.as_posix()}: {'not a regular file' if path.exists() else missing(path)}")


def _walk(directory: Path, resolver: ConfigResolver) -> Iterable[tuple[Path, str]]:
    """Names below directory (anything but a folder: a file, a link, even a broken one) that their folder's
    configuration checks, and their real paths (`_identity`'s), pruning excluded, hidden and git-ignored folders.

    Each folder's configuration is resolved once, for all its files and subfolders.
    """
    from ssi_lint.gitignore import GitIgnore
    from ssi_lint.globs import Folder

    ignore = GitIgnore.around(directory)
    if ignore is not None and ignore.ignored(directory, directory=True):
        ignore = None  # a folder git ignores, named on purpose: search all of it

    def unreadable(error: OSError) -> None:
        where = Path(error.filename) if error.filename else directory
        if not resolver.excludes(where, directory=True):
            raise InputError(f"{where.as_posix()}: cannot read the folder: {(error.strerror or str(error)).lower()}")

    folders = [directory]
    while folders:  # depth first, each folder's subfolders in name order, as os.walk would go
        base = folders.pop()
        try:
            with os.scandir(base) as listing:
                entries = sorted(listing, key=_name)
        except OSError as error:
            unreadable(error)
            continue
        settings = resolver.for_folder(os.path.abspath(base))
        excluded, include, place = settings.excluded, settings.include, Folder(base, settings.root)
        git = ignore if settings.respect_gitignore else None
        real = os.path.realpath(base)  # once a folder: only a file that is a link needs its own
        subfolders = []
        for entry in entries:  # the directory entry knows its kind: no stat for most files
            if _is_folder(entry):
                name = entry.name
                if not entry.is_symlink() and not _skipped_folder(name) and not place.matches(excluded, name, directory=True) \
                        and not _ignored(git, base / name, directory=True):
                    subfolders.append(base / name)
            elif entry.name not in CONFIG_NAMES:
                candidate = base / entry.name
                if place.matches(include, entry.name) and not place.matches(excluded, entry.name) \
                        and not _ignored(git, candidate, directory=False):
                    yield candidate, os.path.realpath(candidate) if _is_link_to_file(entry) else os.path.join(real, entry.name)
        folders.extend(reversed(subfolders))


def _name(entry: os.DirEntry[str]) -> str:
    return entry.name


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """A folder, or a link to one (which is not searched: links to folders are not followed)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_link_to_file(entry: os.DirEntry[str]) -> bool:
    """A symbolic link that leads to a regular file (not one that is broken, loops, or leads to a FIFO or device)."""
    try:
        return entry.is_symlink() and entry.is_file()
    except OSError:
        return False


def _identity(path: Path) -> str:
    """What makes two names one file: the real path of the file a name leads to; for a name that leads to no
    file (a broken link, a loop), the real path of the name itself, so that each such link is reported."""
    if os.path.isfile(path):
        return os.path.realpath(path)
    return os.path.join(os.path.realpath(path.parent), path.name)


def _skipped_folder(name: str) -> bool:
    """Hidden folders and dependency folders are not searched."""
    return name.startswith(".") or name in SKIPPED_FOLDERS


def _ignored(ignore: GitIgnore | None, path: Path, *, directory: bool) -> bool:
    return ignore is not None and ignore.ignored(path, directory=directory)
