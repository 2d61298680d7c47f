"""The projection's parameters (`model.yaml`): load, check and cache them.

Each parameter carries its value, unit, source and confidence grade; the
model reads only the values. The file is read on first use, never at import.

A parameter that a rule also judges with is not written here a second time:
it names the rule's param (`rule: OUT003.limit`), and its value is that
param's, the configured one where the run configures it (`Parameters.applying`),
else the built-in pack's default. One threshold, written and configured in one place.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from msgspec import Struct, field
from msgspec.structs import replace

from ssi_lint.errors import SsiLintError
from ssi_lint.memo import by_identity
from ssi_lint.model import Position, lookup

MODEL_FILE = Path(__file__).parent / "model.yaml"
MODEL_SCHEMA = Path(__file__).parent / "model.schema.json"


class SimulationModelError(SsiLintError):
    """The projection's model file is invalid; the message names the file and the problem."""


class Parameter(Struct, frozen=True):
    """One documented parameter: its value (or the rule param it reads) and where the value comes from."""

    name: str
    unit: str
    source: str
    confidence: str
    basis: str
    value: Any = None
    rule: str = ""
    """`RULE.param` (or `RULE.levels.NAME`, one level): the value is that rule param's (configuration applied); empty: `value`."""

    @property
    def rule_param(self) -> tuple[str, str]:
        """The rule id and param name a rule-backed parameter reads (`levels.error` for one level)."""
        rule_id, _, param = self.rule.partition(".")
        return rule_id, param


class Parameters(Struct, frozen=True, dict=True):
    """Every parameter of the projection, by name (`params["weekly_limit"].value`).

    (`dict=True` lets it cache what is derived from the values, such as the delay points.)
    """

    entries: Mapping[str, Parameter]
    rule_params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """The params of the rules parameters read, configuration applied, by rule id; a rule not here reads its built-in defaults."""

    def __getitem__(self, name: str) -> Any:
        """The value of a parameter (a rule-backed one's from the rule's params), worked out once per Parameters."""
        values = self._values
        if name not in values:  # read several times a plan, and the parameters never change
            value = self.stated(name)
            rule_id, param = self.entries[name].rule_param
            values[name] = least_counts(rule_id, value) if param == "levels" else value
        return values[name]

    @cached_property
    def _values(self) -> dict[str, Any]:
        """The values `__getitem__` has worked out, by name."""
        return {}

    def stated(self, name: str) -> Any:
        """A parameter's value as written: a rule-backed one's rule param as the rule states it (levels not turned into counts)."""
        entry = self.entries[name]
        if not entry.rule:
            return entry.value
        rule_id, param = entry.rule_param
        keys = tuple(param.split("."))
        given = lookup(self.rule_params.get(rule_id), keys)
        return given if given is not None else lookup(builtin_rule_params(rule_id), keys)

    def applying(self, rule_params: Mapping[str, Mapping[str, Any]] | None) -> Parameters:
        """These parameters with the rules' params of a run (`{rule id: params}`, configuration applied)."""
        if not rule_params:
            return self
        return by_identity(self._applied, rule_params, lambda: replace(self, rule_params=rule_params))

    @cached_property
    def _applied(self) -> dict[int, tuple[Any, Parameters]]:
        """The last few `applying` results, by the rule params given (`memo.by_identity`)."""
        return {}

    def rules(self) -> frozenset[str]:
        """The ids of the rules whose params some parameter reads."""
        return frozenset(entry.rule_param[0] for entry in self.entries.values() if entry.rule)

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


SNAPSHOT_KIND = "rule-defaults"


def builtin_rule_params(rule_id: str) -> Mapping[str, Any]:
    """A built-in rule's default params, for a projection made outside a lint run (which passes the configured ones)."""
    return _builtin_rule(rule_id)[0]


def least_counts(rule_id: str, levels: Mapping[str, float]) -> dict[str, int]:
    """A rule's numeric levels as the least whole count in each (`> 200` is 201, `>= 500` is 500), by the rule's comparisons."""
    compare = _builtin_rule(rule_id)[1]
    counts = {}
    for name, value in reversed(list(levels.items())):  # least severe first, as the bands rise
        comparison = compare if isinstance(compare, str) else compare.get(name, ">")
        if comparison not in (">", ">="):
            raise SimulationModelError(f"{MODEL_FILE.as_posix()}: {rule_id}'s {name} level is judged with {comparison}: a band needs > or >=")
        counts[name] = math.floor(value) + 1 if comparison == ">" else math.ceil(value)
    return counts


def _builtin_rule(rule_id: str) -> tuple[Mapping[str, Any], str | Mapping[str, str]]:
    """A built-in rule's default params (numeric levels in `params["levels"]`) and its `compare`, as its pack defines them."""
    try:
        return builtin_rule_defaults()[rule_id]
    except KeyError:
        raise SimulationModelError(f"{MODEL_FILE.as_posix()}: no built-in rule {rule_id} to read params from") from None


@cache
def builtin_rule_defaults() -> dict[str, tuple[Any, Any]]:
    """Every built-in rule's default params and `compare`, by id.

    Parsing the packs costs about 0.1 s, so the answer is kept as a snapshot
    (see `ssi_lint.snapshot`) keyed by the packs' bytes.
    """
    from ssi_lint import __version__, snapshot
    from ssi_lint.builtin import builtin_rules_dir

    paths = sorted(builtin_rules_dir().glob("*.yaml"))
    contents = [path.read_bytes() for path in paths]
    key = "\n".join([__version__, *(f"{path.name}|{snapshot.checksum(raw)}" for path, raw in zip(paths, contents, strict=True))])
    stored = snapshot.read(SNAPSHOT_KIND, key)
    if isinstance(stored, dict):
        return stored
    defaults = _parse_defaults(paths, contents)
    snapshot.write(SNAPSHOT_KIND, key, defaults)
    return defaults


def _parse_defaults(paths: list[Path], contents: list[bytes]) -> dict[str, tuple[Any, Any]]:
    import yaml

    from ssi_lint.engine.packs import pack_from_data

    defaults: dict[str, tuple[Any, Any]] = {}
    for path, raw in zip(paths, contents, strict=True):
        data = yaml.load(raw, Loader=yaml.CSafeLoader)
        items = data.get("rules", ())
        for rule in pack_from_data(path, data, [Position(1, 1)] * len(items)).rules:
            compare = rule.compare if isinstance(rule.compare, str) else dict(rule.compare)
            defaults[rule.id] = (_plain(rule.params), compare)
    return defaults


def _plain(value: Any) -> Any:
    """A params value with its mappings and sequences as dicts and lists (marshal keeps nothing else)."""
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _validate(data: Any, source: str) -> None:
    from ssi_lint.model_files import check_schema

    check_schema(data, MODEL_SCHEMA, source, SimulationModelError)


def _check_invariants(parameters: Parameters, source: str) -> None:
    """The delay distribution rises to 1 (the pending bands are HYG001's levels, kept in order where they are configured)."""
    points = parameters.delay_points()
    days = [day for day, _ in points]
    shares = [share for _, share in points]
    if len(set(days)) != len(days) or shares != sorted(shares) or shares[-1] != 1.0:
        raise SimulationModelError(f"{source}: acceptance_delay: days must be distinct and shares rise to 1.0")
