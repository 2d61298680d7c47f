"""`per_plan`: remember a function's result for the plan it was asked about last."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

Result = TypeVar("Result")


def per_plan(function: Callable[[Any], Result]) -> Callable[[Any], Result]:
    """Wrap a function of one plan so that asking again about the same plan object reuses the answer.

    Plans never change once loaded, and several facts, the simulation and the
    report ask about the same plan in a row. Only the latest plan is kept
    (compared by identity), so memory does not grow with the run. Callers must
    treat the shared result as read-only.
    """
    last: list[Any] = []

    @wraps(function)
    def remembered(plan: Any) -> Result:
        if last and last[0] is plan:
            return last[1]  # type: ignore[no-any-return]
        result = function(plan)
        last[:] = (plan, result)
        return result

    return remembered
