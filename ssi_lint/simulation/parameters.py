"""The projection's parameters (`model.yaml`): load, check and cache them.

Each parameter carries its value, unit, source and confidence grade; the
model reads only the values. The file is read on first use, never at import.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from msgspec import Struct

from ssi_lint.errors import SsiLintError

MODEL_FILE = Path(__file__).parent / "model.yaml"
MODEL_SCHEMA = Path(__file__).parent / "model.schema.json"


class SimulationModelError(SsiLintError):
    """The projection's model file is invalid; the message names the file and the problem."""


class Parameter(Struct, frozen=True):
    """One documented parameter: its value and where the value comes from."""

    name: str
    value: Any
    unit: str
    source: str
    confidence: str
    basis: str


class Parameters(Struct, frozen=True, dict=True):
    """Every parameter of the projection, by name (`params["weekly_limit"].value`).

    (`dict=True` lets it cache what is derived from the values, such as the delay points.)
    """

    entries: Mapping[str, Parameter]

    def __getitem__(self, name: str) -> Any:
        """The value of a parameter."""
        return self.entries[name].value

    def delay_points(self) -> tuple[tuple[int, float], ...]:
        """The acceptance delay as (days after sending, share arrived) points, by day."""
        return self._delay_points

    @cached_property
    def _delay_points(self) -> tuple[tuple[int, float], ...]:
        """`delay_points()`, computed on first use: the parameters never change."""
        return tuple(sorted((int(day), float(share)) for day, share in self["acceptance_delay"]))


@cache
def load_parameters(path: Path = MODEL_FILE) -> Parameters:
    """Read, validate and cache the model file; SimulationModelError names what is wrong."""
    from ssi_lint.model_files import load_checked

    return _build(load_checked(path, MODEL_SCHEMA, SimulationModelError, "the projection model"), str(path))


def parse_parameters(data: Any, source: str = "<model>") -> Parameters:
    """Check model data against its schema and invariants, and build the parameters."""
    _validate(data, source)
    return _build(data, source)


def _build(data: Any, source: str) -> Parameters:
    """The parameters from data that passed its schema; SimulationModelError when it breaks an invariant."""
    entries = {name: Parameter(name=name, **fields) for name, fields in data["parameters"].items()}
    parameters = Parameters(entries)
    _check_invariants(parameters, source)
    return parameters


def _validate(data: Any, source: str) -> None:
    from ssi_lint.model_files import check_schema

    check_schema(data, MODEL_SCHEMA, source, SimulationModelError)


def _check_invariants(parameters: Parameters, source: str) -> None:
    """The delay distribution rises to 1, bands rise, the trusted limit is above the default one."""
    points = parameters.delay_points()
    days = [day for day, _ in points]
    shares = [share for _, share in points]
    if len(set(days)) != len(days) or shares != sorted(shares) or shares[-1] != 1.0:
        raise SimulationModelError(f"{source}: acceptance_delay: days must be distinct and shares rise to 1.0")
    bands = parameters["pending_bands"]
    if not bands["info"] < bands["warning"] < bands["error"]:
        raise SimulationModelError(f"{source}: pending_bands: info < warning < error expected")
    if parameters["trusted_weekly_limit"] < parameters["weekly_limit"]:
        raise SimulationModelError(f"{source}: trusted_weekly_limit is below weekly_limit")
