"""`simulate(plan, weeks)`: the plan projected week by week, as plain data for any output."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from msgspec import Struct

from ssi_lint.simulation.inputs import pending_count, read_inputs
from ssi_lint.simulation.parameters import Parameters, load_parameters
from ssi_lint.simulation.projection import Week, project


class Start(Struct, frozen=True):
    """The state the projection starts from."""

    pending: int
    connections: int | None

    def as_dict(self) -> dict[str, int | None]:
        """The start as JSON data."""
        return {"pending": self.pending, "connections": self.connections}


class Projection(Struct, frozen=True):
    """A plan projected week by week: where it starts, what it assumes, and the weeks (numbered from 1)."""

    start: Start
    weeks: tuple[Week, ...]
    assumptions: Mapping[str, str]
    """One sentence per topic (volume, acceptance_rate, withdrawal, ...) saying where each input came from."""
    conservative: bool
    """True when the SSI is unknown or below the floor (SSI001's error level, `ssi_floor`): going over the weekly limit is judged an error."""
    caveats: tuple[str, ...] = ()
    """Short phrases for what was assumed rather than stated (named in finding messages)."""
    backlog_assumed: bool = False
    """True when the plan states no backlog and `start.pending` is the conservative assumption (not a stated count)."""
    new_account_weeks: int = 0
    """The first weeks whose limit is a new account's: going over it is an error, whatever the SSI."""
    new_account_assumed: str = ""
    """Why those weeks are a new account's when the plan does not give the account's age (OUT006's words); '' when it does."""

    def rows(self) -> list[dict[str, int | None]]:
        """The weeks as plain mappings of the public columns."""
        return [week.as_dict() for week in self.weeks]


def simulate(plan: Mapping[str, Any], weeks: int | None = None, params: Parameters | None = None) -> Projection | None:
    """Project a plan `weeks` weeks ahead (the model's 12 by default); None when it states no invitation volume.

    With `plan["observed"]` (a LinkedIn export loaded with `--against`) the
    projection starts from the export's real pending invitations, connections
    and acceptance rate.
    """
    params = params or load_parameters()
    horizon = int(weeks if weeks is not None else params["weeks"])
    if horizon < 1:
        raise ValueError(f"weeks must be 1 or more, not {horizon}")
    inputs = read_inputs(plan, horizon, params)
    if inputs is None:
        return None
    start = Start(pending_count(inputs.backlog), inputs.connections)
    return Projection(
        start, project(inputs, params), dict(inputs.assumptions), inputs.conservative, inputs.caveats, inputs.backlog_assumed,
        inputs.new_account_weeks, inputs.new_account_assumed,
    )


def pending_chart_data(plan: Mapping[str, Any], rule_params: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any] | None:
    """`{"start": 100, "pending_by_week": {1: 320, ...}, "thresholds": {"info": 201, "warning": 500, "error": 700}}` for a
    report's chart; None without a volume.

    As `ssi-lint simulate`'s chart: the backlog the projection starts from, and every pending band (HYG001's, as the
    least pending count of each: `pending_bands`), so that the info band SIM001 and HYG001 report is drawn too.
    `rule_params` are a run's params of the rules the model reads (`Linter.applied_params()`); None: the defaults.
    """
    params = load_parameters().applying(rule_params) if rule_params else None
    projection = simulate(plan, params=params)
    if projection is None:
        return None
    bands = pending_bands(params)
    return {
        "start": projection.start.pending,
        "pending_by_week": {week.week: week.pending for week in projection.weeks},
        "thresholds": {name: bands[name] for name in ("info", "warning", "error") if name in bands},
    }


def projected_chart(
    text: str, rule_params: Mapping[str, Mapping[str, Any]] | None = None, observed: Mapping[str, Any] | None = None,
) -> dict[str, Any] | None:
    """`pending_chart_data` of a plan's source text (and the export it is checked `--against`, as `plan.observed`);
    None when it has none, does not load cleanly or cannot be projected."""
    if not text:
        return None
    from ssi_lint.loading import load_text

    document = load_text(text, "<report>")
    if not isinstance(document.data, Mapping) or document.problems:
        return None
    plan = document.data if observed is None else {**document.data, "observed": observed}
    try:
        return pending_chart_data(plan, rule_params)
    except Exception:  # noqa: BLE001 - a report never depends on a projection
        return None


def pending_bands(params: Parameters | None = None) -> dict[str, int]:
    """The pending bands a chart draws, as the least pending count of each: `{"info": 201, "warning": 500, "error": 700}`.

    HYG001's levels: the defaults, or a run's configured ones in `params` (`Parameters.applying`).
    """
    return dict((params or load_parameters())["pending_bands"])
