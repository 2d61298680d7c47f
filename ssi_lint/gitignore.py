"""`.gitignore` files of the git work tree a folder run searches, read with pathspec.

Like git, each folder's `.gitignore` applies to the paths below it, a deeper
file overrides a shallower one, `!pattern` re-includes, and
`.git/info/exclude` applies to the whole tree with the lowest precedence. A
path named on the command line is always checked; these rules only prune
what a folder search finds. The user's global excludes file
(`core.excludesFile`) is not read.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ssi_lint.errors import ConfigError
from ssi_lint.globs import matchable


def work_tree(start: Path) -> Path | None:
    """The top folder of the git work tree holding `start`, or None outside one."""
    folder = Path(os.path.abspath(start))
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


class GitIgnore:
    """Answers whether a path of one work tree is ignored; each `.gitignore` is read once."""

    def __init__(self, top: Path) -> None:
        self.top = top
        self._specs: dict[Path, Any] = {}

    @classmethod
    def around(cls, folder: Path) -> GitIgnore | None:
        """The rules for a folder's work tree, or None when the folder is not in one."""
        top = work_tree(folder)
        return cls(top) if top is not None else None

    def ignored(self, path: Path, *, directory: bool) -> bool:
        """Whether git would ignore the path (a file, or a directory with `directory`)."""
        absolute = Path(os.path.abspath(path))
        try:
            parts = absolute.relative_to(self.top).parts
        except ValueError:
            return False
        if not parts or parts[0] == ".git":
            return bool(parts)
        suffix = "/" if directory else ""
        verdict = self._verdict(self._spec(self.top / ".git" / "info" / "exclude"), "/".join(parts) + suffix, None)
        for depth in range(len(parts)):
            folder = self.top.joinpath(*parts[:depth])
            verdict = self._verdict(self._spec(folder / ".gitignore"), "/".join(parts[depth:]) + suffix, verdict)
        return bool(verdict)

    @staticmethod
    def _verdict(spec: Any, relative: str, current: bool | None) -> bool | None:
        if spec is None:
            return current
        result = spec.check_file(matchable(relative)).include
        return current if result is None else result

    def _spec(self, file: Path) -> Any:
        if file not in self._specs:
            self._specs[file] = _read(file)
        return self._specs[file]


def _read(file: Path) -> Any:
    """The compiled patterns of an ignore file, or None when there is none."""
    try:
        text = file.read_text(encoding="utf-8", errors="surrogateescape")
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None
    except OSError as exc:
        raise ConfigError(f"{file.as_posix()}: cannot read: {exc.strerror or exc}") from None
    from ssi_lint.globs import build_spec

    return build_spec(text.splitlines(), skip_invalid=True)
