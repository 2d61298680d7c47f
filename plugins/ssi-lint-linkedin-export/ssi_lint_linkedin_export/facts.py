"""Facts for the drift rules: what the plan says measured against `plan.observed`.

A fact is None (absent, so rules reading it stay silent) unless the plan is
checked `--against` an export.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ssi_lint.facts import HORIZON_PARAMS, horizon_accepted, withdraw_horizon
from ssi_lint.model import Fact

HORIZON_RULES = tuple(rule_id for rule_id, _ in HORIZON_PARAMS.values())
"""The rules whose params make the recommended withdraw horizon (`ssi_lint.facts.withdraw_horizon`: HYG004's 21 days,
within PLN006's and PLN005's range), used when the plan states none."""


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, Mapping) or key not in data:
            return None
        data = data[key]
    return data


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _days(value: Any) -> int | float | None:
    """A number of days as the configuration gives it (21.0 read as 21); None for anything else."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return int(value) if value == int(value) else value


def _pending_ages(plan: Mapping[str, Any]) -> list[tuple[int, int]] | None:
    """The observed export's pending invitations as (age in days, how many) pairs, None without them."""
    ages = _get(plan, "observed", "export", "pending_ages")
    if not isinstance(ages, list):
        return None
    pairs = []
    for entry in ages:
        days, count = _whole(_get(entry, "days")), _whole(_get(entry, "invitations"))
        if days is not None and count is not None:
            pairs.append((days, count))
    return pairs


def observed_pending(plan: Mapping[str, Any], rule_params: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any] | None:
    """The observed export's pending sent invitations, judged by the plan's withdraw horizon.

    The export does not show withdrawals: an invitation not (yet) a connection may be pending or
    withdrawn. Unknown is not withdrawn, so every one counts (`sent` is `total`) unless the plan
    states a withdraw horizon (`outreach.pending.withdraw_after_days`); then those older than it are
    assumed withdrawn, and `basis` says so. Those of unknown age (`export.undated_pending`) are never older than
    anything: kept pending, and `basis` says so apart, never as "none is older". `stale` counts those older than the plan's horizon, else
    than the recommended one (`horizon`, `stated`; `ssi_lint.facts.withdraw_horizon`, None without HYG004). `advised` is the
    horizon a fix names: the plan's own when PLN005 and PLN006 accept it, else the recommended one. None without an export.
    """
    ages = _pending_ages(plan)
    undated = _whole(_get(plan, "observed", "export", "undated_pending")) or 0  # of unknown age: never assumed withdrawn
    total = sum(count for _, count in ages) + undated if ages is not None else _whole(_get(plan, "observed", "outreach", "pending", "sent"))
    if total is None:
        return None
    stated = _whole(_get(plan, "outreach", "pending", "withdraw_after_days"))
    stated = stated if stated is not None and stated >= 1 else None
    recommended = _days(withdraw_horizon(plan, rule_params))
    horizon = stated if stated is not None else recommended
    stale = sum(count for days, count in ages if days > horizon) if ages is not None and horizon is not None else 0
    sent = total - stale if stated is not None else total
    kept = f"{undated:,} of unknown age, with no Sent At, kept pending" if undated else ""
    if stated is None:
        basis = "every invitation not yet a connection counts, as the export does not show withdrawals"
    elif stale:
        basis = (f"assumed: the {stale:,} older than the plan's withdraw_after_days ({stated} days) were withdrawn, "
                 "which the export does not show" + (f"; {kept}" if kept else ""))
    elif undated and total == undated:
        basis = f"{kept}: the export does not show whether any is older than the plan's withdraw_after_days ({stated} days)"
    elif undated:
        basis = f"none of those with a date is older than the plan's withdraw_after_days ({stated} days); {kept}"
    else:
        basis = f"none is older than the plan's withdraw_after_days ({stated} days)"
    advised = stated if stated is not None and (recommended is None or horizon_accepted(stated, rule_params)) else recommended
    return {"sent": sent, "total": total, "stale": stale, "horizon": horizon, "stated": stated is not None, "advised": advised, "basis": basis}


EXPORT_FACTS: tuple[Fact, ...] = (
    Fact(observed_pending.__name__, (observed_pending.__doc__ or "").strip().splitlines()[0], observed_pending, params_from=HORIZON_RULES),
)
