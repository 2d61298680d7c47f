"""The entry points of the `ssi_lint` group, remembered between runs.

Scanning every installed distribution's metadata costs more than the rest of
plugin loading. The result depends only on what is installed where Python
looks, so it is kept as a snapshot (see `ssi_lint.snapshot`) under a key made
of each `sys.path` entry and the metadata folders (`*.dist-info`,
`*.egg-info`) it holds, with their modification times (a zip file or a missing
entry: its own): installing, upgrading or removing a distribution changes the
key, and the next run scans again. A folder's own modification time is left
out: `python -m ssi_lint` puts the working folder on `sys.path`, and a file
saved there says nothing about what is installed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from typing import Any, NamedTuple

from ssi_lint import snapshot

KIND = "entry-points"
_METADATA = (".dist-info", ".egg-info")


class EntryPoint(NamedTuple):
    """A plugin's entry point: its name, `module:attribute` and the distribution that declares it."""

    name: str
    value: str
    origin: str
    """`distribution version`, or the value when the distribution is unknown."""

    def load(self) -> Any:
        """Import the module and return the attribute, as importlib.metadata does (extras `[x]` are ignored).

        An error raised while importing the module (a missing dependency) reaches the caller as it is.
        """
        import importlib
        from functools import reduce

        module, _, attribute = self.value.partition("[")[0].strip().partition(":")
        loaded = importlib.import_module(module.strip())
        return reduce(getattr, filter(None, attribute.strip().split(".")), loaded)


def entry_points(group: str) -> list[EntryPoint]:
    """The group's entry points sorted by name, from the snapshot when nothing installed has changed."""
    key = installation_key(group, sys.path)
    stored = snapshot.read(KIND, key)
    if isinstance(stored, list):
        try:
            return [EntryPoint(*entry) for entry in stored]
        except TypeError:
            pass
    found = scan(group)
    snapshot.write(KIND, key, [tuple(entry) for entry in found])
    return found


def scan(group: str) -> list[EntryPoint]:
    """The group's entry points as importlib.metadata finds them, sorted by name."""
    from importlib.metadata import entry_points as installed

    found = []
    for entry in installed(group=group):
        dist = entry.dist
        found.append(EntryPoint(entry.name, entry.value, f"{dist.name} {dist.version}" if dist is not None else entry.value))
    return sorted(found, key=lambda entry: entry.name)


def installation_key(group: str, paths: Iterable[str]) -> str:
    """Where Python looks for distributions and which ones each place holds, as text."""
    parts = [f"{group}|{sys.version}"]
    for entry in paths:
        place = entry or os.getcwd()
        if not os.path.isdir(place):
            try:
                stamp = os.stat(place).st_mtime_ns
            except OSError:
                stamp = -1
            parts.append(f"{place}|{stamp}")
            continue
        parts.append(f"{place}|folder")
        try:
            names = sorted(name for name in os.listdir(place) if name.endswith(_METADATA))
        except OSError:
            names = []
        for name in names:
            try:
                inner = os.stat(os.path.join(place, name)).st_mtime_ns
            except OSError:
                inner = -1
            parts.append(f"|{name}:{inner}")
    return "\n".join(parts)
