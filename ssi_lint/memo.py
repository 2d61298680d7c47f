"""`per_plan`: remember a function's result for the plan it was asked about last."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

Result = TypeVar("Result")
_NOTHING = object()


def per_plan(function: Callable[[Any], Result]) -> Callable[[Any], Result]:
    """Wrap a function of one plan so that asking again about the same plan object reuses the answer.

    Plans never change once loaded, and several facts, the simulation and the
    report ask about the same plan in a row. Only the latest plan is kept
    (compared by identity, and stored with its answer as one tuple), so memory
    does not grow with the run. Callers must treat the shared result as read-only.
    """
    last: list[tuple[Any, Any]] = [(_NOTHING, None)]

    @wraps(function)
    def remembered(plan: Any) -> Result:
        seen, answer = last[0]
        if seen is plan:
            return answer  # type: ignore[no-any-return]
        answer = function(plan)
        last[0] = (plan, answer)
        return answer  # type: ignore[no-any-return]

    return remembered
