"""The SSI model (`ssi_model.yaml`): load it, check it, and score one component of a plan.

The model is data: for each of SSI's four pillars, components worth points
that add up to exactly 25, each reading plan fields and earning its points
`present`, `linear` up to a target, inside a `band`, or by `choice`. It is
read on first use and cached; nothing happens at import.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from ssi_lint.errors import SsiLintError

MODEL_FILE = Path(__file__).parent / "ssi_model.yaml"
MODEL_SCHEMA = Path(__file__).parent / "schema" / "ssi_model.schema.json"
PILLARS = ("brand", "people", "insights", "relationships")
"""The four SSI pillars, in LinkedIn's order (GUIDANCE.md S8)."""
PILLAR_POINTS = 25.0
"""Each pillar is worth 25 points, 100 in total (GUIDANCE.md S8)."""

Plan = Mapping[str, Any]
Measure = float | str


class SsiModelError(SsiLintError):
    """The SSI model file is invalid; the message names the file and the problem."""


class Component(Struct, frozen=True):
    """One scored input of a pillar: what it reads and how it earns its points."""

    id: str
    pillar: str
    points: float
    earn: str
    paths: tuple[tuple[str, ...], ...]
    description: str
    basis: str
    advice_template: str
    advice: str
    """The advice text, with the component's target, low and high filled in."""
    guidance: tuple[str, ...] = ()
    linkedin: str = ""
    target: float | None = None
    low: float | None = None
    high: float | None = None
    weights: Mapping[str, float] = field(default_factory=dict)
    caution: frozenset[str] = frozenset()
    """`volume`: never advised to a new account or one of unknown age; `paid-notes`: never advised to an account
    not stated to be paid; `not-alone`: advised after every other change."""

    @property
    def dotted_paths(self) -> tuple[str, ...]:
        """The plan paths read, as users write them."""
        return tuple(".".join(path) for path in self.paths)

    def measure(self, plan: Plan) -> Measure | None:
        """What the plan states for this component, or None when it states nothing usable."""
        if self.earn == "choice":
            value = _get(plan, self.paths[0])
            return value if isinstance(value, str) and value in self.weights else None
        if self.earn == "present":
            return _presence(_get(plan, self.paths[0]))
        total: float | None = None
        for path in self.paths:
            amount = _amount(_get(plan, path))
            if amount is not None:
                total = amount if total is None else total + amount
        return total

    def fraction(self, measure: Measure | None) -> float:
        """The share (0-1) of the component's points a measure earns; nothing stated earns 0."""
        if measure is None:
            return 0.0
        if isinstance(measure, str):
            return self.weights[measure]
        if self.earn == "present":
            return measure
        if self.earn == "linear":
            assert self.target is not None
            share = measure / self.target
            return 1.0 if share > 1.0 else share  # noqa: FURB136 - min(share, 1.0) without the call
        return _band_fraction(measure, self.low or 0.0, self.high or 0.0)

    def earned(self, plan: Plan) -> float:
        """The points this component earns on the plan."""
        return self.points * self.fraction(self.measure(plan))


class SsiModel(Struct, frozen=True):
    """The whole model: pillar titles, components per pillar, and the coverage share."""

    coverage: float
    titles: Mapping[str, str]
    pillars: Mapping[str, tuple[Component, ...]]

    @property
    def components(self) -> tuple[Component, ...]:
        """Every component, pillar by pillar, in file order."""
        return tuple(component for pillar in PILLARS for component in self.pillars[pillar])


def _get(plan: Plan, path: tuple[str, ...]) -> Any:
    """The value at a path of mapping keys, or None when a step is missing or not a mapping."""
    node: Any = plan
    for key in path:
        if type(node) is not dict and not isinstance(node, Mapping):
            return None
        node = node.get(key)
        if node is None:
            return None
    return node


def _presence(value: Any) -> float | None:
    """1.0 for a true / non-empty / positive value, 0.0 for its opposite, None when absent or odd."""
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        return float(bool(value.strip()))
    if isinstance(value, list | Mapping):
        return float(bool(value))
    amount = _amount(value)
    return None if amount is None else float(amount > 0)


def distinct_count(items: list[Any]) -> int:
    """How many different entries a list holds: texts compared without case and spacing, blank ones left out.

    `[Python, python, " python "]` is one skill, not three.
    """
    texts = {" ".join(item.split()).casefold() for item in items if isinstance(item, str)} - {""}
    return len(texts) + sum(1 for item in items if not isinstance(item, str))


def _amount(value: Any) -> float | None:
    """A count or rate: a finite non-negative number, or how many different entries a list holds; else None."""
    kind = type(value)
    if kind is not float and kind is not int:  # plain numbers first: isinstance() costs several times more
        if isinstance(value, list):
            return float(distinct_count(value))
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
    try:
        amount = float(value)
    except OverflowError:  # an integer beyond any float: no count a plan can mean
        return None
    if not math.isfinite(amount):
        return None
    return 0.0 if amount < 0.0 else amount  # noqa: FURB136 - max(amount, 0.0) without the call


def _band_fraction(value: float, low: float, high: float) -> float:
    """1 inside [low, high]; value / low below it; high / value above it."""
    if value < low:
        return value / low
    if value > high:
        return high / value
    return 1.0


def _tidy(value: float | None) -> float | int | None:
    return int(value) if value is not None and value == int(value) else value


@cache
def load_model(path: Path = MODEL_FILE) -> SsiModel:
    """Read, validate and cache the model file; raise SsiModelError naming what is wrong."""
    from ssi_lint.model_files import load_checked

    return _build(load_checked(path, MODEL_SCHEMA, SsiModelError, "the SSI model"), str(path))


def parse_model(data: Any, source: str = "<model>") -> SsiModel:
    """Check model data against its schema and its invariants, and build the model."""
    _validate(data, source)
    return _build(data, source)


def _build(data: Any, source: str) -> SsiModel:
    """The model from data that passed its schema; SsiModelError when it breaks an invariant."""
    pillars = {name: tuple(_component(name, item, source) for item in data["pillars"][name]["components"]) for name in PILLARS}
    _check_invariants(pillars, source)
    titles = {name: data["pillars"][name]["title"] for name in PILLARS}
    return SsiModel(float(data["coverage"]), titles, pillars)


def _validate(data: Any, source: str) -> None:
    from ssi_lint.model_files import check_schema

    check_schema(data, MODEL_SCHEMA, source, SsiModelError)


def _component(pillar: str, item: Mapping[str, Any], origin: str) -> Component:
    source = item["source"]
    limits = {key: _tidy(item.get(key)) for key in ("target", "low", "high")}
    try:
        advice = item["advice"].format(**limits)
    except (KeyError, IndexError, ValueError) as exc:
        raise SsiModelError(f"{origin}: {pillar}.{item['id']}: advice template: {exc!r}") from None
    return Component(
        id=item["id"],
        pillar=pillar,
        points=float(item["points"]),
        earn=item["earn"],
        paths=tuple(tuple(path.split(".")) for path in item["paths"]),
        description=item["description"],
        basis=item["basis"],
        advice_template=item["advice"],
        advice=advice,
        guidance=tuple(source.get("guidance", ())),
        linkedin=source.get("linkedin", ""),
        target=item.get("target"),
        low=item.get("low"),
        high=item.get("high"),
        weights=dict(item.get("weights", {})),
        caution=frozenset(item.get("caution", ())),
    )


def _check_invariants(pillars: Mapping[str, tuple[Component, ...]], source: str) -> None:
    """25 points per pillar, unique ids, each plan path read once, a sane band."""
    seen_ids: set[str] = set()
    seen_paths: dict[str, str] = {}
    for name, components in pillars.items():
        total = sum(component.points for component in components)
        if not math.isclose(total, PILLAR_POINTS):
            raise SsiModelError(f"{source}: pillar {name}: components add up to {total:g} points, not {PILLAR_POINTS:g}")
        for component in components:
            where = f"{source}: {name}.{component.id}"
            if component.id in seen_ids:
                raise SsiModelError(f"{where}: duplicate component id")
            seen_ids.add(component.id)
            for path in component.dotted_paths:
                if path in seen_paths:
                    raise SsiModelError(f"{where}: {path} is already read by {seen_paths[path]}")
                seen_paths[path] = component.id
            if component.earn == "band" and (component.low or 0) > (component.high or 0):
                raise SsiModelError(f"{where}: band low {component.low} is above high {component.high}")
