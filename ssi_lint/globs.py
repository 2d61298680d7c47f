"""`include` / `exclude` globs from the configuration, matched with gitignore semantics by pathspec.

A pattern without `/` (a trailing one aside) matches a name at any depth
(`drafts`, `*.plan.yaml`); a pattern with `/` is anchored at the root
directory (`plans/*.yaml`, `archive/**`). `*` and `?` never cross `/`; `**`
matches any number of directories; `[abc]` / `[!abc]` are character
classes; a pattern that matches a directory matches everything under it.
Matching runs on RE2 (pathspec's `re2` backend), which never backtracks, so a
long file name cannot make a pattern slow. pathspec is imported only when a
pattern is matched or checked, and not at all for name-suffix patterns such
as the default `*.plan.yaml`: `*` followed by plain characters matches a file
or folder whose name ends with them, which `str.endswith` answers exactly.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from msgspec import Struct

BACKEND = "re2"
"""pathspec's linear-time matcher (google-re2)."""


class GlobError(ValueError):
    """A pattern that is not a valid glob (for example a bad character class)."""


class GlobSet(Struct, frozen=True):
    """Compiled patterns: all of them, and the unanchored ones (for paths outside the root)."""

    anywhere: Any
    names: Any


def build_spec(patterns: Iterable[str], *, skip_invalid: bool = False) -> Any:
    """A pathspec `GitIgnoreSpec` of the patterns.

    Raises GlobError naming the first bad pattern, or leaves bad ones out with
    `skip_invalid` (as git does with a `.gitignore` line it cannot read).
    """
    import pathspec

    lines = []
    for line in (pattern.strip() for pattern in patterns):
        if not line:
            continue
        try:
            pathspec.GitIgnoreSpec.from_lines([line], backend=BACKEND)
        except Exception as exc:  # noqa: BLE001 - pathspec raises re.error, ValueError or TypeError
            if skip_invalid:
                continue
            raise GlobError(f"bad glob {line!r}: {exc}") from None
        lines.append(line)
    return pathspec.GitIgnoreSpec.from_lines(lines, backend=BACKEND)


def check_globs(patterns: Iterable[str]) -> None:
    """Raise GlobError for the first pattern that is not a valid glob."""
    build_spec(patterns)


def _anchored(pattern: str) -> bool:
    return "/" in pattern.strip().rstrip("/")


@lru_cache(maxsize=256)
def compile_globs(patterns: tuple[str, ...]) -> GlobSet:
    """The compiled form of a tuple of patterns (cached)."""
    cleaned = tuple(pattern.strip().removeprefix("./") for pattern in patterns)
    return GlobSet(build_spec(cleaned), build_spec(pattern for pattern in cleaned if not _anchored(pattern)))


class Folder:
    """A folder's place under a root, worked out once for every name in it (a search asks for each file)."""

    def __init__(self, folder: Path | str, root: Path | None) -> None:
        self.base = os.path.abspath(root if root is not None else os.getcwd())
        self.path = os.path.abspath(folder)
        self.parts = _relative_parts(self.path, self.base)
        """The folder's parts relative to root; None when it lies outside root."""

    def parts_of(self, name: str) -> tuple[str, ...] | None:
        """The parts, relative to root, of the name in this folder; None when it lies outside root.

        A name in a folder outside root lies outside it too, unless it is root itself.
        """
        if name not in ("", ".", ".."):
            if self.parts is not None:
                return (*self.parts, name)
            if self.path != os.path.dirname(self.base):
                return None
        return _relative_parts(os.path.abspath(os.path.join(self.path, name)), self.base)

    def matches(self, patterns: tuple[str, ...], name: str, *, directory: bool = False) -> bool:
        """Whether the patterns match the name in this folder (a file, or a folder with `directory`), or a folder above it under root."""
        if not patterns:
            return False
        suffixes = name_suffixes(tuple(patterns))
        parts = self.parts_of(name)
        if suffixes is not None:
            names = (name,) if parts is None else parts
            return any(matchable(each).endswith(suffixes) for each in names)
        compiled = compile_globs(tuple(patterns))
        suffix = "/" if directory else ""
        if parts is None:
            return bool(compiled.names.match_file(matchable(name + suffix)))
        if not parts:
            return False
        return bool(compiled.anywhere.match_file(matchable("/".join(parts) + suffix)))


def relative_parts(path: Path, root: Path | None) -> tuple[str, ...] | None:
    """The path's parts relative to root, or None when it lies outside root."""
    return Folder(path.parent, root).parts_of(path.name)


@lru_cache(maxsize=1024)
def _relative_parts(path: str, base: str) -> tuple[str, ...] | None:
    """`relative_parts` of an absolute path."""
    relative = os.path.relpath(path, base) if _same_drive(path, base) else ".."
    if relative == ".." or relative.startswith(".." + os.sep):
        return None
    return tuple(part for part in Path(relative).parts if part != ".")


def matches(patterns: tuple[str, ...], path: Path, root: Path | None, *, directory: bool = False) -> bool:
    """Whether the patterns match the path (a file, or a directory with `directory`), or a directory above it under root."""
    return Folder(path.parent, root).matches(patterns, path.name, directory=directory)


@lru_cache(maxsize=256)
def name_suffixes(patterns: tuple[str, ...]) -> tuple[str, ...] | None:
    """The endings, when every pattern is `*` and plain characters (`*.plan.yaml`); else None."""
    cleaned = [pattern.strip().removeprefix("./") for pattern in patterns]
    if not all(len(pattern) > 1 and pattern[0] == "*" and not any(char in _SPECIAL for char in pattern[1:]) for pattern in cleaned):
        return None
    return tuple(pattern[1:] for pattern in cleaned)


_SPECIAL = frozenset("*?[]/\\!#")
"""Characters that make a pattern more than a name ending (glob syntax, anchoring, escapes, negation, comments)."""


def matchable(text: str) -> str:
    """A file name as the matcher can read it: bytes that are not UTF-8 (surrogate escapes) become U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def is_included(include: tuple[str, ...], path: Path, root: Path | None) -> bool:
    """Whether a file found while searching a directory is one to check."""
    return matches(include, path, root)


def is_excluded(exclude: tuple[str, ...], path: Path, root: Path | None, *, directory: bool = False) -> bool:
    """Whether a file or directory, or one of its parent directories under root, is excluded."""
    return matches(exclude, path, root, directory=directory)


def _same_drive(path: str, base: str) -> bool:
    return os.path.splitdrive(os.path.abspath(path))[0].lower() == os.path.splitdrive(base)[0].lower()
