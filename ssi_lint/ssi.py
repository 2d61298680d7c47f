"""The SSI estimate: four pillars from the plan, LinkedIn's bands, ranked advice and an ASCII chart.

    from ssi_lint.ssi import estimate, band
    result = estimate(plan)            # Estimate: pillars, total, per-component points
    band(result.total)                 # "optimal"

The advice built on it (`ssi-lint advise`) lives in ssi_lint/advice.py.

LinkedIn does not publish its formula; the model (`ssi_model.yaml`,
explained in docs/ssi-model.md) is an estimate built from the SSI article
and LinkedIn's list of SSI inputs.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from itertools import chain
from operator import attrgetter
from typing import Any

from msgspec import Struct

from ssi_lint.memo import per_plan, per_plan_keyed
from ssi_lint.model import is_mapping, lookup, tidy
from ssi_lint.ssi_model import PILLAR_POINTS, PILLARS, WEAK_PILLAR, Component, Plan, SsiLevels, load_model, ssi_levels

LAGGARD = 30.0
"""Below this total LinkedIn calls an account a "laggard" (DOMAIN.md, A)."""
BANDS = ("laggard", "below-floor", "below-optimal", "optimal", "leader")
"""Band names, lowest first: < 30, below the floor (< 50), below the optimal band (< 55), the optimal band (55-70), > 70;
the floor and the optimal band are SSI001's levels and SSI008's `leader`, configuration applied (`ssi_model.ssi_levels`)."""
_MOST = {**dict.fromkeys(PILLARS, PILLAR_POINTS), "total": PILLAR_POINTS * len(PILLARS)}
"""The highest declared score of each pillar and of the total (a higher one is not believed)."""


# gc=False: built by the dozen for every plan, and it refers to nothing that could refer back to it.
class ComponentScore(Struct, frozen=True, gc=False):
    """What one component of the model earns on a plan."""

    component: Component
    earned: float
    stated: bool
    """Whether the plan states the component's field(s) at all."""
    unstated: tuple[str, ...] = ()
    """The component's plan paths the plan does not state: unknown, not 0."""
    ceiling: float | None = None
    """The most the component can earn with its unstated paths at their best; None: all its points."""

    @property
    def gain(self) -> float:
        """Points still to win on this component."""
        return round(self.component.points - self.earned, 2)

    @property
    def most(self) -> float:
        """The most the component can earn: what it earns, or its ceiling while a path it reads is unstated."""
        if not self.unstated:
            return self.earned
        return self.component.points if self.ceiling is None else self.ceiling

    @property
    def open_gain(self) -> float:
        """The most stating its unstated paths could add to what the component earns (`most` - `earned`)."""
        return round(self.most - self.earned, 2)


_UNSTATED = attrgetter("unstated")
"""A ComponentScore's unstated paths (in map(): no Python frame per score)."""
_POINTS = attrgetter("component.points")
"""What a ComponentScore's component is worth."""
_STATED = attrgetter("stated")
"""Whether the plan states a ComponentScore's field(s)."""
_COMPONENTS = attrgetter("components")
"""A PillarScore's component scores."""


class PillarScore(Struct, frozen=True):
    """A pillar's estimate: its points (0-25, one decimal) and its components."""

    name: str
    points: float
    """What the inputs the plan states earn: the least the pillar can be, the unstated ones counted as 0."""
    components: tuple[ComponentScore, ...]
    described: bool
    """Whether the plan states enough of the pillar's inputs to judge it (the model's `coverage`)."""
    most: float = 0.0
    """The most the pillar can be: `points` plus all the points of the inputs the plan leaves unstated (at most 25)."""

    @property
    def unstated(self) -> tuple[str, ...]:
        """The pillar's inputs (plan paths) the plan does not state, those worth most first."""
        ranked = sorted(filter(_UNSTATED, self.components), key=_POINTS, reverse=True)  # stable: ties keep the model's order
        return tuple(chain.from_iterable(map(_UNSTATED, ranked)))

    @property
    def exact(self) -> bool:
        """Whether the plan states every input of the pillar, so that `points` is the estimate, not a floor."""
        return not any(map(_UNSTATED, self.components))


class Estimate(Struct, frozen=True):
    """The four pillars and the total estimated from a plan."""

    pillars: Mapping[str, PillarScore]
    total: float
    """The pillars' points added up: the least the total can be."""
    most: float = 0.0
    """The pillars' `most` added up: the most the total can be, every unstated input at its best."""

    @property
    def exact(self) -> bool:
        """Whether the plan states every input of the model, so that the total is the estimate, not a floor."""
        return all(map(attrgetter("exact"), self.pillars.values()))

    @property
    def complete(self) -> bool:
        """Whether the plan describes every pillar."""
        return all(map(attrgetter("described"), self.pillars.values()))

    @property
    def stated(self) -> bool:
        """Whether the plan states any input of the model at all."""
        return any(map(_STATED, chain.from_iterable(map(_COMPONENTS, self.pillars.values()))))

    @property
    def undescribed(self) -> tuple[str, ...]:
        """The pillars the plan describes too little of to judge."""
        return tuple(name for name, pillar in self.pillars.items() if not pillar.described)

    def as_dict(self) -> dict[str, float]:
        """`{brand, people, insights, relationships, total}`."""
        return {**{name: pillar.points for name, pillar in self.pillars.items()}, "total": self.total}


RuleParams = Mapping[str, Mapping[str, Any]]
TIER = ("account", "tier")
"""Where the plan states the account's tier: a quota (`Component.quota`) binds an account not stated to be paid."""
TIER_PATH = "account.tier"
QUOTA_VOLUME = "outreach.invitations.per_week"
"""The field to state when a quota binds and the invitations a month are unknown (`facts.personal_notes_per_month`)."""


def quotas(rule_params: RuleParams | None = None) -> Mapping[str, float | None]:
    """The model's quotas by component id (`SsiModel.quotas`), with a run's rule params (None: the built-in defaults)."""
    return load_model().quotas(rule_params)


def weak_levels(rule_params: RuleParams | None = None) -> Mapping[str, float]:
    """Each pillar's weak level, by name: SSI003-SSI006's `min` with a run's rule params (None: the built-in defaults)."""
    return load_model().weak_levels(rule_params)


@per_plan_keyed(quotas)
def estimate(plan: Plan, rule_params: RuleParams | None = None) -> Estimate:
    """Score the plan on every component of the model (kept for the latest plan and quotas).

    What the plan does not state earns nothing in `points` and `total`, which are
    therefore floors, and everything in `most`: the estimate of a plan that leaves
    inputs unstated is a range, never a figure resting on zeros the plan never gave.
    `rule_params` are a run's, by rule id (None: the built-in defaults): a quota
    (`Component.quota`) reads its rule's param with the configuration applied.
    """
    model = load_model()
    limits = quotas(rule_params)
    pillars = {name: _pillar(name, model.pillars[name], model.coverage, plan, limits) for name in PILLARS}
    values = pillars.values()
    return Estimate(pillars, round(sum(map(attrgetter("points"), values)), 1), round(sum(map(attrgetter("most"), values)), 1))


def _pillar(name: str, components: tuple[Component, ...], coverage: float, plan: Plan, limits: Mapping[str, float | None]) -> PillarScore:
    scores = []
    earned_points = stated_points = most_points = 0.0
    for component in components:
        measure = component.measure(plan)
        fraction = component.fraction(measure)
        if component.quota and fraction > 0:
            score = _within_quota(component, fraction, plan, limits[component.id])
        elif measure is None and component.at_least and (least := component.floor_measure(plan)) is not None:
            score = _at_least(component, least, plan)
        else:
            score = ComponentScore(component, round(component.points * fraction, 2), measure is not None, component.unstated(plan, measure))
        earned_points += score.earned
        if measure is not None:
            stated_points += component.points
        most_points += score.most
        scores.append(score)
    points = round(min(earned_points, PILLAR_POINTS), 1)
    most = round(min(most_points, PILLAR_POINTS), 1)
    return PillarScore(name, points, tuple(scores), stated_points >= coverage * PILLAR_POINTS, most)


def _within_quota(component: Component, fraction: float, plan: Plan, quota: float | None) -> ComponentScore:
    """A stated choice a quota limits (`Component.quota`): its points x weight on a paid account; on one not stated to be
    paid, on the share of the invitations a month (`facts.personal_notes_per_month`) the quota allows.

    A free account whose invitations a month are unknown earns 0 to the full weight; an account whose tier is not stated
    earns the free share to the paid weight (`account.tier` is then among the unstated paths).
    """
    full = component.points * fraction
    tier = lookup(plan, TIER)
    if tier is not None and tier != "free":
        return ComponentScore(component, round(full, 2), True)
    from ssi_lint.facts import personal_notes_per_month

    notes = personal_notes_per_month(plan)
    unstated = () if tier is not None else (TIER_PATH,)
    if notes is None:
        return ComponentScore(component, 0.0, True, (QUOTA_VOLUME, *unstated), round(full, 2))
    share = 1.0 if quota is None or notes <= quota else quota / notes
    return ComponentScore(component, round(full * share, 2), True, unstated, round(full, 2))


def _at_least(component: Component, least: float, plan: Plan) -> ComponentScore:
    """A component the plan does not state but bounds from below (`Component.at_least`): it earns on that bound, and stays
    open up to all its points unless the bound already earns them (7 days of outreach are 7 days the account is used)."""
    fraction = component.fraction(least)
    unstated = () if fraction >= 1 else component.unstated(plan, None)
    return ComponentScore(component, round(component.points * fraction, 2), True, unstated)


def band(total: float, levels: SsiLevels | None = None) -> str:
    """LinkedIn's and the article's band for a total: laggard, below-floor, below-optimal, optimal, leader (`levels`: a run's
    `ssi_levels`; None: the built-in ones)."""
    floor, optimal, leader = levels or ssi_levels()
    if total < LAGGARD:
        return "laggard"
    if total < floor:
        return "below-floor"
    if total < optimal:
        return "below-optimal"
    return "optimal" if total <= leader else "leader"


def entry_levels(entry: Mapping[str, Any]) -> SsiLevels:
    """The SSI levels a `report()` entry's bands were judged by: its `levels`, else the built-in ones."""
    given = entry.get("levels")
    return SsiLevels(**given) if given else ssi_levels()


@per_plan
def declared(plan: Plan) -> dict[str, float] | None:
    """The SSI the plan declares in `account.ssi`: the pillars given and the total, kept for the latest plan.

    The SSI is the sum of its four pillars, so what the plan declares can fix
    one more figure: four pillars give the total, and a total with three
    pillars gives the fourth (`derived_pillar`), when it is a pillar's score. A
    score outside its range (a pillar above 25, a total above 100) is left
    out, as one not given.
    """
    given = _given_scores(plan)
    if given is None:
        return None
    result: dict[str, float] = dict(given)
    missing = [name for name in PILLARS if name not in result]
    if "total" not in result and not missing:
        result["total"] = tidy(sum(map(result.__getitem__, PILLARS)))
    elif "total" in result and len(missing) == 1:
        rest = tidy(result["total"] - sum(result[name] for name in PILLARS if name != missing[0]))
        if _is_score(rest, PILLAR_POINTS):
            result[missing[0]] = rest
    return result or None


def derived_pillar(plan: Plan) -> str | None:
    """The pillar `declared` works out as the declared total less the three pillars declared, if any."""
    given = _given_scores(plan) or {}
    return next((name for name in PILLARS if name in (declared(plan) or {}) and name not in given), None)


def _given_scores(plan: Plan) -> dict[str, float] | None:
    """The scores `account.ssi` gives in their ranges (None when it is no mapping)."""
    account = plan.get("account") if is_mapping(plan) else None
    given = account.get("ssi") if is_mapping(account) else None
    if not is_mapping(given):
        return None
    return {key: given[key] for key, most in _MOST.items() if _is_score(given.get(key), most)}


def _is_score(value: Any, most: float) -> bool:
    """A number from 0 to `most`; anything else (the schema refuses it) is not a declared score: it is unknown."""
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= most


def report(plan: Plan, rule_params: RuleParams | None = None) -> dict[str, Any]:
    """The per-file JSON entry: `{estimate, estimate_at_most, unstated_inputs, declared, counted, band, bands, undescribed, unstated, reason,
    weak_below, levels}`.

    Every plan has one, a fragment such as a team's volume limits too (with
    nulls, and the `reason`). `estimate` gives what the inputs the plan
    states earn: the least each pillar and the total can be, each input it
    does not state counted as 0; `estimate_at_most` the most, each such input
    at its best; the two are equal when the plan states every input, and
    `unstated_inputs` lists, per pillar, those it does not state (worth most
    first). Both give None for a pillar the plan states none of the model's
    inputs of (it has no basis: unknown, not 0), and then None for the total
    too. `counted` is the total as every verdict counts it (`facts.ssi_judged.counted`: a declared
    total, lowered to what its pillars allow when the plan doubts it; None without a total). `bands` are those the total the rules judge (`facts.ssi_judged`)
    can be in: the declared total, capped by what its declared pillars allow
    (from the band the rules count it as when the plan doubts it: a declared
    60 the pillars allow at most 26.5 of is laggard to optimal); else anything from the least the pillars can be to the most (a declared
    pillar counts as itself, an estimated one from its least to its most, an
    unknown one from 0 to 25). `band` is the one band when only one is
    possible, else None, and `reason` then says why (brand 6, people 5 and
    insights 4 make 15 to 40: laggard or below-floor). `undescribed` are the
    pillars the plan describes too little to judge; `unstated` those it states
    nothing about (neither declares nor describes); `weak_below` each pillar's weak level (SSI003-SSI006's `min`,
    `weak_levels`). The bands' lines are the floor and the optimal band of
    SSI001's levels and SSI008's `leader` (`ssi_levels`); `levels`
    (`{floor, optimal, leader}`) gives them only when the run configures them
    otherwise than the built-in 50, 55 and 70. `rule_params` are the run's, by rule id (None: the built-in
    defaults), as the facts the rules read apply them (a quota: `Component.quota`).
    """
    from ssi_lint.facts import ssi_bounds, ssi_judged

    result = estimate(plan, rule_params)
    stated = declared(plan)
    judged = ssi_judged(plan, rule_params)
    lowest = judged["counted"] if judged["counted"] is not None else ssi_bounds(plan, rule_params)[0]
    levels = ssi_levels(rule_params)
    bands = list(BANDS[BANDS.index(band(lowest, levels)) : BANDS.index(band(judged["at_most"], levels)) + 1])
    figures = _estimated_figures(result)
    if len(bands) == 1:
        reason = None
    elif stated is None and figures["total"] is None and all(value is None for value in figures.values()):
        reason = "the plan neither declares account.ssi nor states any input of the SSI estimate"
    else:
        reason = f"the rules judge {judged['text']}"
    return {
        "estimate": figures,
        "estimate_at_most": _estimated_figures(result, most=True),
        "unstated_inputs": {name: list(pillar.unstated) for name, pillar in result.pillars.items()},
        "declared": stated,
        "counted": judged["counted"],
        "band": bands[0] if len(bands) == 1 else None,
        "bands": bands,
        "undescribed": list(result.undescribed),
        "unstated": [
            name for name, pillar in result.pillars.items()
            if name not in (stated or {}) and not any(score.stated for score in pillar.components)
        ],
        "reason": reason,
        "weak_below": dict(weak_levels(rule_params)),
        **({"levels": levels._asdict()} if levels != ssi_levels() else {}),
    }


def unknown_report(reason: str) -> dict[str, Any]:
    """The JSON entry of a file with no plan to estimate (it could not be read or checked): every figure null, and why."""
    nothing = dict.fromkeys((*PILLARS, "total"))
    model = load_model()
    return {
        "estimate": nothing,
        "estimate_at_most": dict(nothing),
        "unstated_inputs": {  # as `PillarScore.unstated` orders them: those worth most first
            name: [path for component in sorted(model.pillars[name], key=lambda component: -component.points) for path in component.dotted_paths]
            for name in PILLARS
        },
        "declared": None,
        "counted": None,
        "band": None,
        "bands": list(BANDS),
        "undescribed": list(PILLARS),
        "unstated": list(PILLARS),
        "reason": reason,
        "weak_below": dict(weak_levels()),
    }


def _estimated_figures(result: Estimate, *, most: bool = False) -> dict[str, float | None]:
    """The estimate's pillars and total (at their least, or their most), None where it has no basis (a pillar with none of
    its inputs stated, and the total then)."""
    figures: dict[str, float | None] = {
        name: (pillar.most if most else pillar.points) if any(score.stated for score in pillar.components) else None
        for name, pillar in result.pillars.items()
    }
    figures["total"] = None if None in figures.values() else (result.most if most else result.total)
    return figures


def unknown_reason(entry: Mapping[str, Any]) -> str | None:
    """Why a file's SSI report (`report`) has nothing to draw (no declared SSI, no input of the estimate), else None."""
    if entry.get("declared") or any(value is not None for value in (entry.get("estimate") or {}).values()):
        return None
    return str(entry.get("reason") or "nothing to estimate it from")


def chart(entry: Mapping[str, Any], source: str = "") -> str:
    """A compact ASCII chart of a `report()` entry: four pillar bars and the total against the floor and the optimal band
    (50 and 55-70, or the entry's `levels`).

    A pillar the plan states nothing about is drawn as unknown (`?`), not as
    0, and so is the estimated total then; a declared pillar or total the plan
    describes too little to estimate is drawn at its declared value, and a
    total that is not declared then as the rules count it (`counted`). An
    estimate with inputs the plan does not state is a range: `#` up to what
    the stated inputs earn, `?` up to the most the others could add, and
    both figures; the inputs it does not state are listed under the chart.
    A plan with nothing to draw (no declared SSI, no input of the estimate)
    gets one line saying so.
    """
    estimated, stated = entry["estimate"], entry.get("declared") or {}
    most = entry.get("estimate_at_most") or estimated
    prefix = f"{source + ': ' if source else ''}"
    unknown = unknown_reason(entry)
    if unknown is not None:
        return f"{prefix}SSI unknown: {unknown}\n"
    unstated = set(entry.get("unstated", ()))
    lines = [f"{prefix}SSI estimated from the plan (LinkedIn's formula is not public)"]
    undescribed = set(entry.get("undescribed", ()))
    judged = {name for name in PILLARS if name in stated or name not in undescribed}
    for name in PILLARS:
        if name in stated and name in undescribed:
            value, top = stated[name], stated[name]
        elif name in unstated:
            value = top = None
        else:
            value, top = estimated[name], most[name]
        weak = pillar_weak_level(entry, name)
        lines.append(_bar_line(name, value, top, PILLAR_POINTS, 25, stated.get(name)) + _weak_note(name in judged, stated.get(name), estimated[name], most[name], weak))
    if estimated["total"] is None or "total" in stated and undescribed:
        # no estimate (a pillar with nothing stated), or one of a plan that describes too little beside a declared total:
        # the total as the rules count it (declared pillars and estimated ones add up), unknown when they have none
        total = top = entry["counted"] if entry.get("counted") is not None else stated.get("total")
    else:
        total, top = estimated["total"], most["total"]
    lines.append(_bar_line("total", total, top, 4 * PILLAR_POINTS, 50, stated.get("total")))
    lines.append(" " * 17 + _scale(50, entry_levels(entry)))
    lines.extend(textwrap.wrap(f"band: {_band_summary(entry)}", 100, initial_indent="  ", subsequent_indent=" " * 8, break_on_hyphens=False))
    partial = [name for name in entry.get("undescribed", ()) if name not in unstated and name not in stated]
    nothing = [name for name in PILLARS if name in unstated]
    if nothing or partial:
        said = [f"nothing about {', '.join(nothing)} (unknown, not 0)"] if nothing else []
        said += [f"too little about {', '.join(partial)} to judge {'it' if len(partial) == 1 else 'them'}"] if partial else []
        lines.extend(textwrap.wrap(f"partial: the plan states {', and '.join(said)}", 100, initial_indent="  ", subsequent_indent=" " * 11))
    inputs = entry.get("unstated_inputs") or {}
    listed = [(name, inputs[name]) for name in PILLARS if inputs.get(name) and name not in unstated and not (name in stated and name in undescribed)]
    if listed:
        lines.append("  not stated (the lower figure counts them as 0, the higher at their best):")
        for name, paths in listed:  # wrapped at 100 columns, as the rest of the chart
            lines.extend(textwrap.wrap(", ".join(paths), 100, initial_indent=f"    {name:<13} ", subsequent_indent=" " * 18, break_on_hyphens=False))
    return "\n".join(lines) + "\n"


def pillar_weak_level(entry: Mapping[str, Any], name: str) -> float:
    """A pillar's weak level in a `report()` entry (`weak_below`: SSI003-SSI006's `min` as the run configures it)."""
    return float((entry.get("weak_below") or {}).get(name, WEAK_PILLAR))


def _weak_note(judged: bool, declared_value: float | None, least: float | None, most: float | None, level: float = WEAK_PILLAR) -> str:
    """`  weak` for a pillar below its weak `level`, `  may be weak` for an estimate whose unstated inputs decide it."""
    if not judged:
        return ""
    if declared_value is not None:
        return "  weak" if declared_value < level else ""
    if least is None or least >= level:
        return ""
    return "  weak" if (most if most is not None else least) < level else "  may be weak"


def _bar_line(label: str, value: float | None, most: float | None, maximum: float, width: int, stated: float | None) -> str:
    """One bar; an unknown value (None) is a bar of `?` and `?` for its figure; a range is `#` then `?` up to `most`."""
    suffix = f"  (declared {stated:g})" if stated is not None else ""
    if value is None:
        return f"  {label:<14} {'?' * width}     ?{suffix}"
    top = value if most is None or most <= value else most
    filled = min(width, int(value / maximum * width + 0.5))
    reach = max(filled, min(width, int(top / maximum * width + 0.5)))
    bar = "#" * filled + "?" * (reach - filled) + "." * (width - reach)
    figure = f"{value:5.1f}" if top == value else f"{value:5.1f} to {top:.1f}"
    return f"  {label:<14} {bar} {figure}{suffix}"


def _scale(width: int, levels: SsiLevels) -> str:
    """The marks under the total bar (`levels`: the entry's): `50|` at the floor, `[55--70]` around the optimal band, 0
    and 100 at the ends."""
    marks = [" "] * (width + 1)
    floor, optimal, leader = levels
    low, high = (round(value / 100 * width) for value in (optimal, leader))
    room = high - low - 1
    ends = (f"{optimal:g}", f"{leader:g}")
    inside = (ends[0] + "-" * (room - len(ends[0]) - len(ends[1])) + ends[1]) if room > 4 else "-" * room
    label = f"{floor:g}|"
    _mark(marks, 0, "0")
    _mark(marks, round(floor / 100 * width) - len(label) + 1, label)  # the `|` at the floor
    _mark(marks, low, f"[{inside}]")
    _mark(marks, width - 2, "100")
    return "".join(marks)


def _mark(marks: list[str], at: int, text: str) -> None:
    """Write `text` over the scale's `marks` from position `at`, leaving out what falls past either end."""
    for index, character in enumerate(text, start=at):
        if 0 <= index < len(marks):
            marks[index] = character


def band_label(entry: Mapping[str, Any]) -> str:
    """A file's band in a few words, for the text chart and the HTML report alike: its band; for a declared total the
    plan doubts, the bands from the one the rules count it as (`below-floor to optimal`); without a total, the bands
    the pillars allow when they say something (`laggard or below-floor`: three at most); else `unknown`."""
    if entry.get("band"):
        return str(entry["band"])
    bands = entry.get("bands") or BANDS
    if "total" in (entry.get("declared") or {}):
        return _bands_between_names(bands)
    if len(bands) <= 3:  # a range that says something: below the floor, below the optimal band, or above the floor
        return bands[0] if len(bands) == 1 else ", ".join(bands[:-1]) + " or " + bands[-1]
    return "unknown"


def _band_summary(entry: Mapping[str, Any]) -> str:
    """The band and where it comes from: `band_label` then `band_detail`."""
    return band_label(entry) + band_detail(entry)


def band_detail(entry: Mapping[str, Any]) -> str:
    """What follows the band in the text chart and the HTML report alike: where it comes from, and the estimate's band
    beside a declared total when the estimate is complete (`: the rules judge ...`, ` (declared 62; ...)`)."""
    stated = entry.get("declared") or {}
    estimated, most = entry["estimate"], entry.get("estimate_at_most") or entry["estimate"]
    if "total" in stated and entry.get("band") is None:  # a declared total the plan doubts: from the band the rules count it as
        return f": {entry.get('reason')}"
    if "total" in stated:
        beyond = "" if band(stated["total"], entry_levels(entry)) == entry["band"] else ", more than its declared pillars allow"
        complete = not entry.get("undescribed")  # an estimate of some pillars only counts the others as 0: no band to quote
        says = f"; the estimate says {_bands_between(estimated['total'], most['total'], entry_levels(entry))}" if complete else ""
        return f" (declared {stated['total']:g}{beyond}{says})"
    if entry.get("band") is None:
        bands = entry.get("bands") or BANDS
        if band_label(entry) != "unknown":
            return " (no total; the pillars, from their least to their most, allow no other band)"
        return f" (no total; the pillars, from their least to their most, allow {bands[0]} to {bands[-1]})"
    whatever = "" if estimated.get("total") is None or estimated["total"] == most.get("total") else ", whatever the inputs the plan does not state are"
    return f" ({'partly estimated' if stated else 'estimated'}{whatever})"


def _bands_between(least: float, most: float, levels: SsiLevels) -> str:
    """`optimal`, `optimal or leader`, or `below-floor to leader`: the bands from one total to another (`levels`: `ssi_levels`)."""
    return _bands_between_names(BANDS[BANDS.index(band(least, levels)) : BANDS.index(band(most, levels)) + 1])


def _bands_between_names(bands: Sequence[str]) -> str:
    """`optimal`, `optimal or leader`, or `below-floor to leader`: a run of bands, lowest first."""
    if len(bands) == 1:
        return bands[0]
    return " or ".join(bands) if len(bands) == 2 else f"{bands[0]} to {bands[-1]}"
