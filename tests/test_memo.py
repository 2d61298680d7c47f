"""`per_plan`: one answer per plan object, only the latest kept."""

from __future__ import annotations

from typing import Any

from ssi_lint.memo import per_plan, per_plan_keyed


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
