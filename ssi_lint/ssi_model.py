"""The SSI model (`ssi_model.yaml`): load it, check it, and score one component of a plan.

The model is data: for each of SSI's four pillars, components worth points
that add up to exactly 25, each reading plan fields and earning its points
`present`, `linear` up to a target, inside a `band`, or by `choice`. It is
read on first use and cached; nothing happens at import.

A band or target that a rule limits names that rule's param (`cap`, `floor`:
`OUT014.levels.warning`): advice never asks for more than the param allows,
with the run's configuration applied (`SsiModel.advising`), so the threshold
lives in one place, the rule's. Points are earned on the model's own band.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import cache, cached_property
from pathlib import Path
from typing import Any, NamedTuple

from msgspec import Struct, field

from ssi_lint.errors import SsiLintError
from ssi_lint.memo import by_identity

MODEL_FILE = Path(__file__).parent / "ssi_model.yaml"
MODEL_SCHEMA = Path(__file__).parent / "schema" / "ssi_model.schema.json"
PILLARS = ("brand", "people", "insights", "relationships")
"""The four SSI pillars, in LinkedIn's order (GUIDANCE.md S8)."""
PILLAR_POINTS = 25.0
"""Each pillar is worth 25 points, 100 in total (GUIDANCE.md S8)."""
WEAK_PILLAR = PILLAR_POINTS / 2
"""A pillar below half its points holds SSI back (DOMAIN.md): SSI003-SSI006's default `min` (`weak_levels` reads the run's)."""
WEAK_RULES = {"brand": "SSI003", "people": "SSI004", "insights": "SSI005", "relationships": "SSI006"}
"""The rule that calls each pillar weak: its `min` is the one place the pillar's weak level is set."""

SSI_LEVEL_PARAMS = {"floor": "SSI001.levels.error", "optimal": "SSI001.levels.warning", "leader": "SSI008.leader"}
"""The rule params that set the SSI's floor, the optimal band's start and its top (`ssi_levels`): each is written there only."""

Plan = Mapping[str, Any]
Measure = float | str


class SsiLevels(NamedTuple):
    """The SSI's floor, where the optimal band starts and where it ends: SSI001's error and warning levels and SSI008's `leader`."""

    floor: float
    """Below it the SSI is low: volume is judged an error, SSI001 an error (SSI001's `levels.error`, 50)."""
    optimal: float
    """The optimal band starts here: SSI001 warns below it (its `levels.warning`, 55)."""
    leader: float
    """The optimal band ends here; above it LinkedIn's "leaders" (SSI008's `leader`, 70)."""


class SsiModelError(SsiLintError):
    """The SSI model file is invalid; the message names the file and the problem."""


class Keep(Struct, frozen=True):
    """A plan field advice holds at the value in force (`fact`'s) when the change alone would make `check` report more."""

    path: tuple[str, ...]
    fact: str
    why: str
    """Why, as `so that ...`."""


class Share(Struct, frozen=True):
    """A share a rule limits a band's field to: at most `cap` (`RULE.param`) of the field and the plan's `of` fields added up."""

    cap: str
    of: tuple[tuple[str, ...], ...]
    why: str
    """Why advice is held back when the `of` fields allow less than the band's low: `{cap}`, `{of}` and `{rule}` filled in."""


class Advised(Struct, frozen=True):
    """What a component's advice asks for in a run: its band or target with the rules' limits applied, and its text."""

    text: str
    low: float | None = None
    high: float | None = None
    target: float | None = None


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
    cap: str = ""
    """`RULE.param` whose value (configuration applied) a band's high or a linear target is advised at most; empty: none."""
    floor: str = ""
    """`RULE.param` whose value (configuration applied) a band's low or a linear target is advised at least; empty: none."""
    at_least: tuple[tuple[str, ...], ...] = ()
    """Plan paths whose stated value the component's own is at least, read when `paths` are unstated (`floor_measure`)."""
    quota: str = ""
    """`RULE.param` (`OUT019.max_per_month`): on an account not stated to be paid (`account.tier` absent or `free`), the
    most invitations a month the chosen value may go on, so that its weight is earned on that share of the invitations
    the plan sends a month only (`facts.personal_notes_per_month`); empty: none."""
    keep: tuple[Keep, ...] = ()
    share: Share | None = None
    """The share of itself and other plan fields a rule limits a band's field to (reposts: CNT003); None when none does."""

    def advised(self, rule_params: Mapping[str, Mapping[str, Any]] | None = None) -> Advised:
        """The band or target the advice asks for, capped by the rules it names (`rule_params`: a run's, by rule id;
        a rule not given reads its built-in defaults), and the advice text with them."""
        low, high, target = self.low, self.high, self.target
        most = rule_limit(self.cap, rule_params, upper=True) if self.cap else None
        least = rule_limit(self.floor, rule_params, upper=False) if self.floor else None
        if self.earn == "linear" and target is not None:
            target = target if least is None else max(target, least)
            target = target if most is None else min(target, most)
        if self.earn == "band" and low is not None and high is not None:
            low = low if least is None else max(low, least)
            high = max(high, low) if most is None else min(max(high, low), most)
            low = min(low, high)
        return Advised(render_advice(self.advice_template, low, high, target), low, high, target)

    def share_most(self, plan: Plan, rule_params: Mapping[str, Mapping[str, Any]] | None = None) -> int | None:
        """The most (a whole count) the field may be within its `share` of the plan (the rule's param, configuration applied):
        `cap` of itself and the `of` fields, an unstated one counted as 0 as the rule counts it. None without a limit."""
        cap = rule_limit(self.share.cap, rule_params, upper=True) if self.share else None
        if self.share is None or cap is None or cap >= 1:
            return None
        others = sum(amount for path in self.share.of if (amount := _amount(_get(plan, path))) is not None)
        return math.floor(round(cap * others / (1 - cap), 6))

    def within_share(self, advised: Advised, plan: Plan, rule_params: Mapping[str, Mapping[str, Any]] | None = None) -> Advised:
        """A band's advice with its high lowered to what its `share` of the plan allows (`share_most`); as it is when the
        share allows the whole band, or not even its low (the advice is then held back: `share_hold`)."""
        most = self.share_most(plan, rule_params)
        if most is None or advised.low is None or advised.high is None or not advised.low <= most < advised.high:
            return advised
        return Advised(render_advice(self.advice_template, advised.low, most, advised.target), advised.low, most, advised.target)

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

    def floor_measure(self, plan: Plan) -> float | None:
        """The least the component's value can be when the plan does not state it: the largest stated `at_least` value; None without one."""
        amounts = [amount for path in self.at_least if (amount := _amount(_get(plan, path))) is not None]
        return max(amounts) if amounts else None

    def unstated(self, plan: Plan, measure: Measure | None) -> tuple[str, ...]:
        """The dotted paths of this component the plan states nothing usable at (`measure` is `self.measure(plan)`).

        A component of several paths (own posts and photos) is open while any of them is unstated: what the
        plan leaves out is unknown, not 0, and could still earn the component's points.
        """
        if measure is None:
            return self.dotted_paths
        if len(self.paths) == 1:
            return ()
        return tuple(dotted for path, dotted in zip(self.paths, self.dotted_paths, strict=True) if _amount(_get(plan, path)) is None)

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

    def gain_at(self, value: Measure, earned: float) -> float:
        """The points a value of this component adds over `earned` (two decimals)."""
        return round(self.points * self.fraction(value) - earned, 2)


class SsiModel(Struct, frozen=True, dict=True):
    """The whole model: pillar titles, components per pillar, and the coverage share.

    (`dict=True` lets it keep what it works out once: `components`, and the advice of the latest runs' params, `advising`.)
    """

    coverage: float
    titles: Mapping[str, str]
    pillars: Mapping[str, tuple[Component, ...]]

    @cached_property
    def components(self) -> tuple[Component, ...]:
        """Every component, pillar by pillar, in file order (worked out once: advice reads it for every plan)."""
        return tuple(component for pillar in PILLARS for component in self.pillars[pillar])

    @cached_property
    def by_id(self) -> Mapping[str, Component]:
        """Every component by its id (worked out once)."""
        return {component.id: component for component in self.components}

    def advising(self, rule_params: Mapping[str, Mapping[str, Any]] | None = None) -> Mapping[str, Advised]:
        """Each component's advice, by id, with the caps of a run's rule params (None: the built-in defaults).

        Worked out once per params object (`memo.by_identity`): a run passes the same few for every plan.
        """
        return by_identity(self._advising, rule_params, lambda: {component.id: component.advised(rule_params) for component in self.components})

    @cached_property
    def _advising(self) -> dict[int, tuple[Any, Mapping[str, Advised]]]:
        """The last few `advising` results, by the rule params given (`memo.by_identity`)."""
        return {}

    def quotas(self, rule_params: Mapping[str, Mapping[str, Any]] | None = None) -> Mapping[str, float | None]:
        """The most invitations a month each component with a `quota` may be earned on, by id, with a run's rule params
        (None: the built-in defaults); None for one whose param is not a number. Worked out once per params object."""
        return by_identity(self._quotas, rule_params, lambda: {
            component.id: rule_limit(component.quota, rule_params, upper=True) for component in self.components if component.quota
        })

    def weak_levels(self, rule_params: Mapping[str, Mapping[str, Any]] | None = None) -> Mapping[str, float]:
        """Each pillar's weak level, by name: the `min` of the rule that calls it weak (`WEAK_RULES`), with a run's rule
        params (None: the built-in defaults); half the pillar's points where the param is not a number. Worked out once
        per params object."""
        return by_identity(self._weak_levels, rule_params, lambda: {
            name: _or(rule_limit(f"{rule_id}.min", rule_params, upper=False), WEAK_PILLAR) for name, rule_id in WEAK_RULES.items()
        })

    @cached_property
    def _weak_levels(self) -> dict[int, tuple[Any, Mapping[str, float]]]:
        """The last few `weak_levels` results, by the rule params given."""
        return {}

    @cached_property
    def _quotas(self) -> dict[int, tuple[Any, Mapping[str, float | None]]]:
        """The last few `quotas` results, by the rule params given (each SSI fact is handed its own params object)."""
        return {}


def ssi_levels(rule_params: Mapping[str, Mapping[str, Any]] | None = None) -> SsiLevels:
    """The SSI's floor, optimal band start and leader line (`SSI_LEVEL_PARAMS`) with a run's rule params (None: the built-in
    defaults); a param that is not a number reads its built-in default. Worked out once per params object."""
    return by_identity(_SSI_LEVELS, rule_params, lambda: SsiLevels(**{
        name: _or(rule_limit(reference, rule_params, upper=False), rule_limit(reference, None, upper=False) or 0.0)
        for name, reference in SSI_LEVEL_PARAMS.items()
    }))


_SSI_LEVELS: dict[int, tuple[Any, SsiLevels]] = {}
"""The last few `ssi_levels` results, by the rule params given (`memo.by_identity`)."""


def rule_limit(reference: str, rule_params: Mapping[str, Mapping[str, Any]] | None, upper: bool) -> float | None:
    """The most (`upper`) or least count a rule param allows: `OUT014.levels.warning` with the rule's comparison
    (`> 80` allows 80, `>= 500` allows 499, `< 14` allows 14), any other param as it is. None when the param is
    not a number (a configuration that leaves it out, say). Params of a rule not in `rule_params` are its built-in defaults.

    Worked out once per reference and params object: facts ask for the same few limits for every plan.
    """
    known = by_identity(_LIMITS, rule_params, dict)
    key = (reference, upper)
    if key not in known:
        known[key] = _rule_limit(reference, rule_params, upper)
    return known[key]  # type: ignore[no-any-return]


_LIMITS: dict[int, tuple[Any, dict[tuple[str, bool], float | None]]] = {}
"""The `rule_limit` answers worked out so far, by the rule params given (`memo.by_identity`)."""


def _rule_limit(reference: str, rule_params: Mapping[str, Mapping[str, Any]] | None, upper: bool) -> float | None:
    from ssi_lint.simulation.parameters import builtin_rule_defaults

    rule_id, _, name = reference.partition(".")
    given = rule_params.get(rule_id) if rule_params else None
    try:
        params, compare = builtin_rule_defaults()[rule_id]
    except KeyError:
        raise SsiModelError(f"{MODEL_FILE.as_posix()}: {reference}: no built-in rule {rule_id} to read a limit from") from None
    value: Any = given if given is not None else params
    keys = name.split(".")
    for key in keys:
        value = value.get(key) if isinstance(value, Mapping) else None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    if keys[0] != "levels" or len(keys) != 2:
        return value
    comparison = compare if isinstance(compare, str) else compare.get(keys[1], ">")
    allowed = {(True, ">"): value, (True, ">="): math.ceil(value) - 1, (False, "<"): value, (False, "<="): math.floor(value) + 1}
    if (upper, comparison) not in allowed:
        raise SsiModelError(f"{MODEL_FILE.as_posix()}: {reference}: {rule_id} judges that level with {comparison}, which sets no {'most' if upper else 'least'} count")
    return allowed[upper, comparison]


def _or(value: float | None, default: float) -> float:
    """The value, or the default when it is None."""
    return default if value is None else value


class _Limit(float):
    """A limit in an advice template: `{high:most}` is `at most 5`, or `none` for 0; other specs as a number's."""

    def __format__(self, spec: str) -> str:
        if spec == "most":
            return "none" if self == 0 else f"at most {_tidy(float(self))}"
        return format(_tidy(float(self)), spec)


def render_advice(template: str, low: float | None, high: float | None, target: float | None) -> str:
    """An advice template with its band or target: `{low}`, `{high}`, `{target}`, `{range}` (`60-80`, or `40` when they meet)."""
    limits = {key: None if value is None else _Limit(value) for key, value in (("low", low), ("high", high), ("target", target))}
    span = None if low is None or high is None else f"{_tidy(low)}" if low == high else f"{_tidy(low)}-{_tidy(high)}"
    return template.format(**limits, range=span)


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

    `[Python, python, " python "]` is one skill, not three; a search pass `{keywords: []}` states nothing and is none.
    """
    texts: set[str] = set()
    others = 0
    for item in items:  # one loop, no comprehension (a call of its own): it runs for a few lists a plan
        if isinstance(item, str):
            texts.add(" ".join(item.split()).casefold())
        elif not blank(item):
            others += 1
    texts.discard("")
    return len(texts) + others


def blank(value: Any) -> bool:
    """Whether a value states nothing: null, blank text, or a list or mapping of blanks only (`{keywords: []}`)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list):
        return all(map(blank, value))
    if isinstance(value, dict):
        return all(map(blank, value.values()))
    return False


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
    try:
        advice = render_advice(item["advice"], item.get("low"), item.get("high"), item.get("target"))
    except (KeyError, IndexError, ValueError, TypeError) as exc:
        raise SsiModelError(f"{origin}: {pillar}.{item['id']}: advice template: {exc!r}") from None
    if "{range" in item["advice"] and item["earn"] != "band":
        raise SsiModelError(f"{origin}: {pillar}.{item['id']}: advice template: {{range}} needs a band")
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
        cap=item.get("cap", ""),
        floor=item.get("floor", ""),
        quota=item.get("quota", ""),
        at_least=tuple(tuple(path.split(".")) for path in item.get("at_least", ())),
        keep=tuple(Keep(tuple(keep["path"].split(".")), keep["fact"], keep["why"]) for keep in item.get("keep", ())),
        share=_share(item["share"]) if "share" in item else None,
    )


def _share(item: Mapping[str, Any]) -> Share:
    return Share(item["cap"], tuple(tuple(path.split(".")) for path in item["of"]), item["why"])


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
