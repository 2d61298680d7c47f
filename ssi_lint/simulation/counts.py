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


def stated_count(value: Any) -> int | None:
    """A count the plan states: an int, or a float that is whole (`21.0`: JSON Schema's integers include it, and the
    README reads it as the count); never a bool. Else None."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def whole(value: float) -> int:
    """A count rounded half up (never banker's rounding: 2.5 -> 3)."""
    return math.floor(value + 0.5)
