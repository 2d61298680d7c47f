"""The prospecting pack's verdicts on searches the plan does not state, or states as nothing."""

from __future__ import annotations

from typing import Any

import pytest

from ssi_lint.api import Linter, LintOptions


def ppl001(plan: dict[str, Any]) -> list[tuple[str, str]]:
    """(path, message) of PPL001's findings on the plan."""
    return [(finding.path, finding.message) for finding in Linter(LintOptions(select=("PPL001",))).check_data(plan)]


@pytest.mark.parametrize(
    ("prospecting", "path", "says"),
    [
        ({"experts_list": 10}, "prospecting", "does not say whether it runs people searches"),
        ({"searches": [], "searches_per_week": 0}, "prospecting.searches", "lists no people searches"),
        ({"searches": [{"keywords": []}]}, "prospecting.searches", "lists no people searches with anything to search by"),
        ({"searches_per_week": 0}, "prospecting.searches_per_week", "lists no people searches"),
    ],
)
def test_unstated_searches_are_said_to_be_unstated_not_none(prospecting: dict[str, Any], path: str, says: str) -> None:
    (found,) = ppl001({"version": 1, "prospecting": prospecting})
    assert found[0] == path and says in found[1]
