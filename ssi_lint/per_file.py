"""The configuration each linted file gets, and its `per-file-ignores`.

Without `--config`, every file is linted with the configuration nearest to
it (searched from its folder upwards, stopping at the repository root), so a
folder per client can hold its own thresholds; a file with none above it
uses the run's configuration. Command-line options apply on top of each.
With `--config`, that one file applies everywhere.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from msgspec.structs import replace

from ssi_lint.config import Config, find_config, load_config, merge
from ssi_lint.model import FileResult


class ConfigResolver:
    """Finds, loads and caches the configuration of each file's folder."""

    def __init__(self, run_config: Config, overrides: Mapping[str, Any] | None = None, *, fixed: bool = False) -> None:
        self.run_config = run_config
        self._overrides = dict(overrides or {})
        self._fixed = fixed
        self._by_folder: dict[str, Config] = {}
        self._by_file: dict[Path, Config] = {}
        if run_config.path is not None:
            self._by_file[Path(os.path.abspath(run_config.path))] = run_config

    def for_file(self, path: Path) -> Config:
        """The configuration that applies to a file (or to a folder a loader reads whole)."""
        if self._fixed:
            return self.run_config
        folder = os.path.abspath(path if path.is_dir() else path.parent)
        if folder not in self._by_folder:
            found = find_config(Path(folder))
            self._by_folder[folder] = self.run_config if found is None else self._load(found)
        return self._by_folder[folder]

    def _load(self, found: Path) -> Config:
        key = Path(os.path.abspath(found))
        if key not in self._by_file:
            self._by_file[key] = merge(load_config(found), self._overrides)
        return self._by_file[key]


def apply_per_file_ignores(config: Config, path: Path, result: FileResult) -> FileResult:
    """The result without findings of the rules `per-file-ignores` drops for this file."""
    dropped = config.ignored_rules(path)
    if not dropped:
        return result
    return replace(result, findings=tuple(finding for finding in result.findings if not finding.rule_id.startswith(dropped)))
