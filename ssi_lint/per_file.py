"""The configuration each linted file gets, which files it leaves out, and its `per-file-ignores`.

Without `--config`, every file is linted with the configuration nearest to
it (searched from its folder upwards, stopping at the repository root), so a
folder per client can hold its own thresholds; a file with none above it
uses the run's configuration. Command-line options apply on top of each.
With `--config`, that one file applies everywhere.

The same configuration decides which files of its folder are linted:
`include` (for files a folder search finds), `exclude` and `extend-exclude`,
relative to the configuration's folder. An enclosing configuration's
exclusions still apply to a folder that holds its own configuration (so an
excluded folder stays out whatever it holds), up to the repository root.
Whether a file is linted is thus the same however it is named: on its own,
through a folder above it, or as `--stdin-filename`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any


from ssi_lint.config import CONFIG_NAMES, Config, config_in, is_repository_root, load_config, merge
from ssi_lint.globs import is_excluded, is_included, relative_parts


class ConfigResolver:
    """Finds, loads and caches the configuration of each folder (each folder is looked into once)."""

    def __init__(self, run_config: Config, overrides: Mapping[str, Any] | None = None, *, fixed: bool = False) -> None:
        self.run_config = run_config
        self.fixed = fixed
        """One configuration for every file (`--config`): no folder's own is looked for."""
        self._overrides = dict(overrides or {})
        self._by_folder: dict[str, tuple[Config, bool]] = {}  # absolute folder -> its configuration, and whether it was found
        self._by_file: dict[str, Config] = {}
        if run_config.path is not None:
            self._by_file[os.path.abspath(run_config.path)] = run_config

    def for_file(self, path: Path) -> Config:
        """The configuration that applies to a file (or to a folder a loader reads whole)."""
        if self.fixed:
            return self.run_config
        name = os.fspath(path)
        return self.for_folder(os.path.abspath(name if os.path.isdir(name) else os.path.dirname(name) or os.curdir))

    def for_folder(self, folder: str) -> Config:
        """The configuration that applies to the files of a folder (an absolute path)."""
        return self.run_config if self.fixed else self._resolve(folder)[0]

    def configurations(self) -> list[Config]:
        """Every configuration resolved so far, the run's first, each once."""
        found = {id(self.run_config): self.run_config}
        for config in self._by_file.values():
            found.setdefault(id(config), config)
        return list(found.values())

    def excludes(self, path: Path, *, directory: bool = False) -> bool:
        """Whether an exclusion that applies leaves the path (a file, or a folder with `directory`) out.

        First those of the configuration of the path's folder (matching the
        path and its folders up to that configuration's folder), then those of
        each enclosing configuration for the folder the inner one is in, up to
        the repository root. With one fixed configuration, only its own.
        """
        if self.fixed:
            return _excluded_by(self.run_config, path, directory)
        current = os.path.abspath(path)
        while not (directory and (is_repository_root(current) or os.path.dirname(current) == current)):
            config, found = self._resolve(os.path.dirname(current))
            if _excluded_by(config, Path(current), directory):
                return True
            if not found or config.path is None:
                return False
            current, directory = os.path.dirname(os.path.abspath(config.path)), True
        return False

    def checks(self, path: Path, *, explicit: bool) -> bool:
        """Whether to lint a file: never a configuration file, nor one an exclusion leaves out;
        when found by searching a folder (not `explicit`), only one its configuration's `include` matches."""
        if path.name in CONFIG_NAMES:
            return False
        if not explicit:
            config = self.for_file(path)
            if not is_included(config.include, path, config.root):
                return False
        return not self.excludes(path)

    def inputs(self) -> set[str]:
        """The real paths of the configuration files and rule packs of every configuration resolved so far: never plans."""
        return {os.path.realpath(item) for config in self.configurations() for item in (*config.files, *config.rules)}

    def reads(self, path: Path) -> bool:
        """Whether the file is a configuration file or rule pack of a configuration resolved so far (of its folder's, after `for_file`)."""
        return os.path.realpath(path) in self.inputs()

    def _resolve(self, folder: str) -> tuple[Config, bool]:
        """A folder's configuration: its own, else its parent's, stopping at the repository root (then the run's)."""
        cached = self._by_folder.get(folder)
        if cached is not None:
            return cached
        pending = []
        current = folder
        while True:
            cached = self._by_folder.get(current)
            if cached is not None:
                break
            pending.append(current)
            found = config_in(Path(current))
            if found is not None:
                cached = (self._load(found), True)
                break
            parent = os.path.dirname(current)
            if parent == current or is_repository_root(current):
                cached = (self.run_config, False)
                break
            current = parent
        for item in pending:
            self._by_folder[item] = cached
        return cached

    def _load(self, found: Path) -> Config:
        key = os.path.abspath(found)
        if key not in self._by_file:
            self._by_file[key] = merge(load_config(found), self._overrides)
        return self._by_file[key]


def _excluded_by(config: Config, path: Path, directory: bool) -> bool:
    """Whether the configuration's exclusions match the path or a folder above it under the configuration's folder.

    A folder outside that folder is not matched by name: the files in it are
    matched by their own names only, whether the folder or the files are named.
    """
    if directory and relative_parts(path, config.root) is None:
        return False
    return is_excluded(config.excluded, path, config.root, directory=directory)
