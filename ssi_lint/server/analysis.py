"""Lint an open document with the configuration that applies to its folder.

A Linter is built once per configuration file (and rebuilt when a
configuration file or rule pack changes), so that typing in a plan costs one
check, not a rule compilation.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct, field

from ssi_lint.errors import SsiLintError
from ssi_lint.loading import load_text
from ssi_lint.model import Document, FileResult

if TYPE_CHECKING:
    from ssi_lint.api import Linter
    from ssi_lint.config import Config
    from ssi_lint.engine.autofix import Edit


class Analysis(Struct, frozen=True):
    """One version of one document: its text, what was loaded, found and can be fixed."""

    text: str
    """The text analysed: positions are in it (the document keeps none when it does not load)."""
    document: Document
    result: FileResult
    linter: Linter | None = None
    error: str | None = None
    """A tool-level failure (a bad configuration, a broken rule pack), reported instead of findings."""
    skipped: bool = False
    """The configuration's include/exclude globs leave this file out."""
    fixes: tuple[Edit, ...] = field(default=())


class Linters:
    """The configuration of each folder, resolved as `check` resolves it, and a Linter for each configuration.

    They are kept until `forget` (a configuration file or rule pack changed: the
    client's file watcher says so), or until the nearest configuration of a
    document's folder is another file, or the same file changed on disk.
    """

    def __init__(self, fallback_folder: Path | None = None) -> None:
        self._fallback = fallback_folder
        self.forget()

    def forget(self) -> None:
        """Drop every configuration and Linter: the next analysis reads the configuration files and rule packs again."""
        from ssi_lint.config import Config
        from ssi_lint.per_file import ConfigResolver

        self._resolver = ConfigResolver(Config())
        self._linters: dict[tuple[int, tuple[str, ...]], tuple[Config, Linter]] = {}
        self._nearest: dict[str, tuple[str, int]] = {}

    def for_folder(self, folder: Path, file: Path | None = None) -> tuple[Config, Linter]:
        """The configuration that applies to `folder` (its nearest) and a Linter built with it, leaving out
        what its `per-file-ignores` ignore in `file` (one of the folder's files)."""
        from ssi_lint.api import Linter
        from ssi_lint.app import lint_options
        from ssi_lint.config import check_rule_ids

        self._notice_changes(folder)
        config = self._resolver.for_folder(os.path.abspath(folder))
        file_ignore = config.ignored_rules(file) if file is not None else ()
        entry = self._linters.get((id(config), file_ignore))
        if entry is None:
            linter = Linter(lint_options(config, file_ignore=file_ignore))
            check_rule_ids(config, linter.rules)
            entry = self._linters[id(config), file_ignore] = (config, linter)
        return entry

    def inputs(self) -> set[str]:
        """The real paths of the configuration files (and what they extend) and rule packs read so far."""
        return self._resolver.inputs()

    def _notice_changes(self, folder: Path) -> None:
        """Forget everything when the folder's nearest configuration file is another one, or has changed since it was read."""
        from ssi_lint.config import find_config

        path = find_config(folder)
        try:
            stamp = (path.as_posix(), path.stat().st_mtime_ns) if path is not None else ("", 0)
        except OSError:
            stamp = ("", -1)
        key = os.path.abspath(folder)
        if self._nearest.get(key, stamp) != stamp:
            self.forget()
        self._nearest[key] = stamp

    def analyse(self, path: Path | None, text: str, display: str) -> Analysis:
        """Lint a document's text; `path` is its file (None for an unsaved buffer).

        A file `check` would leave out (not included, excluded by a configuration that applies,
        or a configuration file or rule pack) is skipped: no findings.
        """
        document = load_text(text, display)
        empty = FileResult(display, ())
        folder = path.parent if path is not None else (self._fallback or Path.cwd())
        try:
            _, linter = self.for_folder(folder, path)
            if path is not None and (not self._resolver.checks(path, explicit=False) or self._resolver.reads(path)):
                return Analysis(text, document, empty, linter, skipped=True)
            result = linter.check_document(document)
            fixes = tuple(linter.fixes(document, result))
        except SsiLintError as exc:
            return Analysis(text, document, empty, error=str(exc))
        return Analysis(text, document, result, linter, fixes=fixes)
