"""Turn the paths a user names into the files to check, in a stable order."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ssi_lint.errors import InputError

PLAN_PATTERNS = ("*.plan.yaml", "*.plan.yml")


def discover(paths: Iterable[str | Path]) -> list[tuple[Path, str]]:
    """Files as `(path, display name)`, sorted by name: files as given, directories
    searched recursively for plans. A missing path is an InputError; each file appears once.
    """
    found: dict[Path, str] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            matches = sorted({match for pattern in PLAN_PATTERNS for match in path.rglob(pattern) if match.is_file()})
            for match in matches:
                found.setdefault(match.resolve(), match.as_posix())
        elif path.exists():
            found.setdefault(path.resolve(), path.as_posix())
        else:
            raise InputError(f"{given}: no such file or directory")
    return [(Path(display), display) for display in sorted(found.values())]
