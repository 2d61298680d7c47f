"""The projection's numbers: stated numbers, and counts rounded half up."""

from __future__ import annotations

import math

import pytest

from ssi_lint.simulation.counts import number, stated_count, whole


@pytest.mark.parametrize("value", [True, False, -1, -0.5, math.nan, math.inf, "3", None, [1]])
def test_what_is_not_a_stated_number(value: object) -> None:
    assert number(value) is None


@pytest.mark.parametrize("value", [0, 0.0, 3, 2.5, 1e9])
def test_a_stated_number_is_itself(value: float) -> None:
    assert number(value) == value


@pytest.mark.parametrize(("value", "rounded"), [(0.0, 0), (0.49, 0), (0.5, 1), (1.5, 2), (2.5, 3), (2.49999, 2)])
def test_counts_round_half_up_not_to_even(value: float, rounded: int) -> None:
    assert whole(value) == rounded


@pytest.mark.parametrize(("value", "count"), [(21, 21), (21.0, 21), (0.0, 0), (21.5, None), (math.inf, None), (math.nan, None), (True, None), ("21", None)])
def test_a_stated_count_is_an_int_or_a_whole_float(value: object, count: int | None) -> None:
    assert stated_count(value) == count and (count is None or type(stated_count(value)) is int)
