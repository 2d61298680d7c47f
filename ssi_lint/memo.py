"""`per_plan`: remember a function's result for the plan it was asked about last (`per_plan_keyed`: and the same key of a
run's params); `by_identity`: the few last objects' results."""

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


def per_plan_keyed(key: Callable[[Any], Any]) -> Callable[[Callable[[Any, Any], Result]], Callable[[Any, Any], Result]]:
    """`per_plan` for a function of a plan and a run's rule params (None: the defaults): the answer is reused for the
    same plan object and the same `key(rule_params)`, compared by equality.

    The key is what the function reads of the params (the SSI model's quotas), so that facts handed different
    params objects with the same values share one answer.
    """

    def decorate(function: Callable[[Any, Any], Result]) -> Callable[[Any, Any], Result]:
        last: list[tuple[Any, Any, Any]] = [(_NOTHING, None, None)]

        @wraps(function)
        def remembered(plan: Any, rule_params: Any = None) -> Result:
            seen, known, answer = last[0]
            read = key(rule_params)
            if seen is plan and known == read:
                return answer  # type: ignore[no-any-return]
            answer = function(plan, rule_params)
            last[0] = (plan, read, answer)
            return answer  # type: ignore[no-any-return]

        return remembered

    return decorate


def by_identity(cache: dict[int, tuple[Any, Any]], key: Any, make: Callable[[], Result], keep: int = 32) -> Result:
    """The value made for `key` (compared by identity) if `cache` still holds it, else `make()`, kept with the last `keep`.

    A run passes the same params objects for every plan: one per fact that judges with rules' params (a dozen
    built-in ones, and plugins'), one per command. `keep` holds them all, so that no plan works a value out again.
    The cache is a dict by `id(key)` that holds the key too, so that an id is never reused while it is stored.
    """
    held = cache.get(id(key))
    if held is not None and held[0] is key:
        return held[1]  # type: ignore[no-any-return]
    value = make()
    if len(cache) >= keep:
        del cache[next(iter(cache))]  # the oldest
    cache[id(key)] = (key, value)
    return value
