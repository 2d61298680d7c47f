"""`--color auto|always|never`: whether human formats use ANSI colour.

`always` and `never` decide. `auto` follows the conventions of
no-color.org and force-color.org: a non-empty `NO_COLOR` turns colour off,
else a non-empty `FORCE_COLOR` (other than `0` / `false`) turns it on, else
colour is used only when the output is a terminal.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TextIO

CHOICES = ("auto", "always", "never")


def use_color(choice: str, stream: TextIO | None, environ: Mapping[str, str]) -> bool:
    """Whether to colour output written to `stream` (None: a file, never a terminal)."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    if environ.get("NO_COLOR"):
        return False
    force = environ.get("FORCE_COLOR", "")
    if force and force.lower() not in ("0", "false"):
        return True
    return stream is not None and _is_terminal(stream)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False
