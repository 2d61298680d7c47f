"""`include` / `exclude` globs from the configuration, matched the way ruff matches them.

A pattern without `/` matches a name at any depth (`drafts`, `*.plan.yaml`);
a pattern with `/` is anchored at the root directory (`plans/*.yaml`,
`archive/**`). `*` and `?` never cross `/`; `**` matches any number of
directories; `[abc]` / `[!abc]` are character classes. Paths are compared with
forward slashes, after making them absolute (without resolving symlinks).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=256)
def compile_glob(pattern: str) -> tuple[re.Pattern[str], bool]:
    """The regular expression of a glob, and whether it is anchored (contains `/`)."""
    text = pattern.strip().removeprefix("./").rstrip("/")
    anchored = "/" in text
    text = text.lstrip("/")
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if text.startswith("**/", index):
            out.append("(?:[^/]+/)*")
            index += 3
            continue
        if text.startswith("**", index):
            out.append(".*")
            index += 2
            continue
        if char == "[" and "]" in text[index + 2 :]:
            end = text.index("]", index + 2)
            body = text[index + 1 : end]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body).replace("\\", "\\\\") + "]")
            index = end + 1
            continue
        out.append({"*": "[^/]*", "?": "[^/]"}.get(char, re.escape(char)))
        index += 1
    return re.compile("".join(out) + r"\Z"), anchored


def relative_parts(path: Path, root: Path | None) -> tuple[str, ...] | None:
    """The path's parts relative to root, or None when it lies outside root."""
    base = os.path.abspath(root if root is not None else Path.cwd())
    relative = os.path.relpath(os.path.abspath(path), base) if _same_drive(path, base) else ".."
    if relative == ".." or relative.startswith(".." + os.sep):
        return None
    return tuple(part for part in Path(relative).parts if part != ".")


def matches(patterns: Iterable[str], path: Path, root: Path | None, *, ancestors: bool) -> bool:
    """Whether a pattern matches the path (with `ancestors`, or one of its directories under root)."""
    parts = relative_parts(path, root)
    for pattern in patterns:
        regex, anchored = compile_glob(pattern)
        if parts is None:
            if not anchored and regex.match(path.name):
                return True
            continue
        candidates = range(1, len(parts) + 1) if ancestors else (len(parts),)
        for size in candidates:
            subject = "/".join(parts[:size]) if anchored else parts[size - 1]
            if regex.match(subject):
                return True
    return False


def is_included(include: Iterable[str], path: Path, root: Path | None) -> bool:
    """Whether a file found while searching a directory is one to check."""
    return matches(include, path, root, ancestors=False)


def is_excluded(exclude: Iterable[str], path: Path, root: Path | None) -> bool:
    """Whether a file or directory, or one of its parent directories under root, is excluded."""
    return matches(exclude, path, root, ancestors=True)


def _same_drive(path: Path, base: str) -> bool:
    return os.path.splitdrive(os.path.abspath(path))[0].lower() == os.path.splitdrive(base)[0].lower()
