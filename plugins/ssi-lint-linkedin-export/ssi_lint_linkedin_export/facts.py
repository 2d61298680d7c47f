"""Facts for the drift rules: what the plan says measured against `plan.observed`.

A fact is None (absent, so rules reading it stay silent) unless the plan is
checked `--against` an export.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ssi_lint.model import Fact

DEFAULT_WITHDRAW_AFTER_DAYS = 21


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, Mapping) or key not in data:
            return None
        data = data[key]
    return data


def _pending_ages(plan: Mapping[str, Any]) -> list[tuple[int, int]] | None:
    """The observed export's pending invitations as (age in days, how many) pairs, None without them."""
    ages = _get(plan, "observed", "export", "pending_ages")
    if not isinstance(ages, list):
        return None
    pairs = []
    for entry in ages:
        days, count = _get(entry, "days"), _get(entry, "invitations")
        if isinstance(days, int) and isinstance(count, int) and not isinstance(days, bool) and not isinstance(count, bool):
            pairs.append((days, count))
    return pairs


def observed_stale_pending(plan: Mapping[str, Any]) -> int | None:
    """Sent invitations still pending beyond the plan's withdraw horizon, in the observed export."""
    ages = _pending_ages(plan)
    if ages is None:
        return None
    horizon = _get(plan, "outreach", "pending", "withdraw_after_days")
    if isinstance(horizon, bool) or not isinstance(horizon, int):
        horizon = DEFAULT_WITHDRAW_AFTER_DAYS
    return sum(count for days, count in ages if days > horizon)


def observed_pending_total(plan: Mapping[str, Any]) -> int | None:
    """Every sent invitation not (yet) a connection in the observed export, stale ones included."""
    ages = _pending_ages(plan)
    return sum(count for _, count in ages) if ages is not None else None


EXPORT_FACTS: tuple[Fact, ...] = tuple(
    Fact(function.__name__, (function.__doc__ or "").strip().splitlines()[0], function)
    for function in (observed_stale_pending, observed_pending_total)
)
