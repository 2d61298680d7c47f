"""Lint an open document with the configuration that applies to its folder.

A Linter is built once per configuration file (and rebuilt when the file
changes), so that typing in a plan costs one check, not a rule compilation.
"""

from __future__ import annotations

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
    """One version of one document: what was loaded, found and can be fixed."""

    document: Document
    result: FileResult
    linter: Linter | None = None
    error: str | None = None
    """A tool-level failure (a bad configuration, a broken rule pack), reported instead of findings."""
    skipped: bool = False
    """The configuration's include/exclude globs leave this file out."""
    fixes: tuple[Edit, ...] = field(default=())


class Linters:
    """The Linter (and configuration) for each folder, cached by configuration file."""

    def __init__(self, fallback_folder: Path | None = None) -> None:
        self._fallback = fallback_folder
        self._cache: dict[tuple[str, int], tuple[Config, Linter]] = {}

    def for_folder(self, folder: Path) -> tuple[Config, Linter]:
        """The configuration found from `folder` upwards and a Linter built with it."""
        from ssi_lint.api import Linter
        from ssi_lint.app import lint_options
        from ssi_lint.config import Config, check_rule_ids, find_config, load_config

        path = find_config(folder)
        key = (path.as_posix(), path.stat().st_mtime_ns) if path is not None else ("", 0)
        if key not in self._cache:
            config = load_config(path) if path is not None else Config()
            linter = Linter(lint_options(config))
            check_rule_ids(config, linter.rules)
            self._cache = {cached: value for cached, value in self._cache.items() if cached[0] != key[0]}
            self._cache[key] = (config, linter)
        return self._cache[key]

    def analyse(self, path: Path | None, text: str, display: str) -> Analysis:
        """Lint a document's text; `path` is its file (None for an unsaved buffer)."""
        document = load_text(text, display)
        empty = FileResult(display, ())
        folder = path.parent if path is not None else (self._fallback or Path.cwd())
        try:
            config, linter = self.for_folder(folder)
            if path is not None and not config.checks_file(path):
                return Analysis(document, empty, linter, skipped=True)
            result = linter.check_document(document)
            fixes = tuple(linter.fixes(document, result))
        except SsiLintError as exc:
            return Analysis(document, empty, error=str(exc))
        return Analysis(document, result, linter, fixes=fixes)
