"""The projection's numbers: what counts as a stated number, and how counts are rounded."""

from __future__ import annotations

import math
from typing import Any


def number(value: Any) -> float | None:
    """A finite, non-negative int or float (never a bool), else None."""
    kind = type(value)
    if kind is not int and kind is not float and (isinstance(value, bool) or not isinstance(value, int | float)):
        return None  # (plain numbers skip the isinstance() checks: they cost several times more)
    if not math.isfinite(value) or value < 0:
        return None
    return value


def whole(value: float) -> int:
    """A count rounded half up (never banker's rounding: 2.5 -> 3)."""
    return math.floor(value + 0.5)
