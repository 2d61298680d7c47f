"""`per_plan`: one answer per plan object, only the latest kept."""

from __future__ import annotations

from typing import Any

from ssi_lint.memo import per_plan


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

