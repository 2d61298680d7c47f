"""`project` gives exactly what the day-by-day formulation (`daily_projection`) gives, on random inputs and models."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ssi_lint.loading import read_document
from ssi_lint.simulation import projection
from ssi_lint.simulation.counts import whole
from ssi_lint.simulation.drivers import Driver
from ssi_lint.simulation.inputs import Inputs, read_inputs
from ssi_lint.simulation.parameters import load_parameters
from ssi_lint.simulation.projection import project
from tests.simulation import daily_projection
from tests.simulation.test_projection import model_with

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@st.composite
def delays(draw: st.DrawFn) -> list[list[float]]:
    """A delay distribution rising to 1.0: distinct days, rising shares."""
    days = sorted(draw(st.sets(st.integers(1, 90), min_size=1, max_size=7)))
    shares = sorted(draw(st.lists(st.floats(0.0, 1.0), min_size=len(days) - 1, max_size=len(days) - 1)))
    return [[day, share] for day, share in zip(days, [*shares, 1.0], strict=True)]


@st.composite
def inputs(draw: st.DrawFn) -> Inputs:
    """Any inputs `read_inputs` could produce, and some it could not (odd backlogs and note histories)."""
    weeks = draw(st.integers(1, 16))
    volumes = tuple((draw(st.integers(0, 400)), Driver("per_week")) for _ in range(weeks))
    notes = draw(st.sampled_from([None, True, False]))
    before = draw(st.none() | st.lists(st.tuples(st.integers(-70, 0), st.integers(0, 9)), max_size=8, unique_by=lambda item: item[0]))
    return Inputs(
        volumes=volumes,
        active_days=draw(st.integers(1, 7)),
        acceptance_rate=draw(st.floats(0.0, 1.0)),
        withdraw_after_days=draw(st.none() | st.integers(1, 150)),
        backlog=tuple(sorted(draw(st.dictionaries(st.integers(0, 120), st.integers(0, 60), max_size=40)).items())),
        connections=draw(st.none() | st.integers(0, 40000) | st.integers(29000, 30000)),  # the last: the cap is reached on the way
        notes=notes,
        note_quota=draw(st.none() | st.integers(0, 12)),
        notes_before=None if before is None else tuple(sorted(before)),
        limits=tuple(100 for _ in range(weeks)),
        conservative=False,
        assumptions={},
    )


@pytest.mark.slow  # a property or fuzz run: the full suite (CI) runs it
@settings(max_examples=80, deadline=None)
@given(inputs(), delays(), st.integers(1, 40))
def test_project_matches_the_daily_formulation(values: Inputs, delay: list[list[float]], window: int) -> None:
    params = model_with(acceptance_delay=delay, note_window_days=window)
    assert project(values, params) == daily_projection.project(values, params)


def test_project_matches_the_daily_formulation_on_the_examples() -> None:
    params = load_parameters()
    for path in sorted(EXAMPLES.rglob("*.yaml")):
        document = read_document(path)
        values = read_inputs(document.data, 12, params) if isinstance(document.data, dict) else None
        if values is not None:
            assert project(values, params) == daily_projection.project(values, params), path


@settings(max_examples=40, deadline=None)
@given(delay=delays(), days=st.integers(0, 200))
def test_the_cached_delay_table_interpolates_the_points_and_saturates_at_full(delay: list[list[float]], days: int) -> None:
    params = model_with(acceptance_delay=delay)
    points = ((0, 0.0), *params.delay_points())
    found = projection.delays(params.delay_points(), days)
    assert found is projection.delays(params.delay_points(), days)  # cached
    for day, share in enumerate(found.table):
        after = [(day0, share0, day1, share1) for (day0, share0), (day1, share1) in zip(points, points[1:]) if day0 <= day < day1]
        if after:
            day0, share0, day1, share1 = after[0]
            assert share == share0 + (share1 - share0) * (day - day0) / (day1 - day0)
        else:
            assert share == 1.0
    assert all(share == 1.0 for share in found.table[found.full :])
    assert found.full == 0 or found.table[found.full - 1] != 1.0
    assert projection.delay_table(params, days) == found.table


@settings(max_examples=40, deadline=None)
@given(delay=delays(), days=st.integers(0, 200), counts=st.lists(st.integers(0, 10**6), max_size=20))
def test_arrivals_rows_round_each_count_times_the_table_before_saturation(delay: list[list[float]], days: int, counts: list[int]) -> None:
    found = projection.delays(model_with(acceptance_delay=delay).delay_points(), days)
    for count in counts:
        row = found.arrivals[count]
        assert row == tuple(whole(float(count) * (share - 0.0)) for share in found.table[: found.full])
        assert found.arrivals[count] is row  # kept


def test_arrivals_start_over_past_their_limit() -> None:
    arrivals = projection.Arrivals((0.25, 0.5))
    for count in range(projection.Arrivals.LIMIT + 1):
        assert arrivals[count] == (whole(count * 0.25), whole(count * 0.5))
    assert len(arrivals) == 1
