"""`per_plan`: one answer per plan object, only the latest kept."""

from __future__ import annotations

from typing import Any

from ssi_lint.memo import by_identity, per_plan, per_plan_keyed


def test_the_same_plan_object_is_answered_once_and_an_equal_new_one_again() -> None:
    calls: list[Any] = []

    @per_plan
    def size(plan: dict[str, Any]) -> int:
        calls.append(plan)
        return len(plan)

    plan = {"a": 1}
    assert size(plan) == size(plan) == 1
    assert len(calls) == 1
    assert size({"a": 1}) == 1, "an equal plan that is another object is computed again"
    assert len(calls) == 2
    assert size(plan) == 1 and len(calls) == 3, "only the latest plan is kept"
    assert size.__name__ == "size"



def test_a_keyed_answer_is_reused_for_the_same_plan_and_an_equal_key_of_the_params() -> None:
    calls: list[Any] = []

    @per_plan_keyed(lambda params: (params or {}).get("quota", 5))
    def share(plan: dict[str, Any], params: dict[str, Any] | None = None) -> float:
        calls.append(params)
        return (params or {}).get("quota", 5) / plan["sent"]

    plan = {"sent": 10}
    assert share(plan) == share(plan, {"quota": 5}) == share(plan, {"quota": 5, "other": 1}) == 0.5
    assert len(calls) == 1, "params objects with the same key share the answer"
    assert share(plan, {"quota": 50}) == 5.0 and len(calls) == 2, "another key is computed again"
    assert share(plan) == 0.5 and len(calls) == 3, "only the latest plan and key are kept"
    assert share.__name__ == "share"


def test_by_identity_answers_the_same_object_once_and_keeps_only_the_last_few() -> None:
    cache: dict[int, tuple[Any, Any]] = {}
    made: list[int] = []

    def make(value: int) -> Any:
        return lambda: made.append(value) or value

    first, second, third = {"a": 1}, {"a": 1}, {"b": 2}
    assert by_identity(cache, first, make(1), keep=2) == by_identity(cache, first, make(9), keep=2) == 1
    assert by_identity(cache, second, make(2), keep=2) == 2, "an equal object that is another one is made again"
    assert by_identity(cache, third, make(3), keep=2) == 3
    assert by_identity(cache, first, make(4), keep=2) == 4, "the oldest went when a third was kept"
    assert made == [1, 2, 3, 4] and len(cache) == 2
