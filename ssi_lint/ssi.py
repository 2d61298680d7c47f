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

from collections.abc import Mapping
from typing import Any

from msgspec import Struct

from ssi_lint.memo import per_plan
from ssi_lint.ssi_model import PILLAR_POINTS, PILLARS, Component, Plan, load_model

LAGGARD = 30.0
"""Below this total LinkedIn calls an account a "laggard" (DOMAIN.md, A)."""
FLOOR = 50.0
"""The article's floor: keep SSI at 50 or above (GUIDANCE.md S10)."""
OPTIMAL = (55.0, 70.0)
"""The article's optimal band (GUIDANCE.md S5); above it LinkedIn's "leaders" (DOMAIN.md, A)."""
WEAK_PILLAR = PILLAR_POINTS / 2
"""A pillar below half its points holds SSI back (DOMAIN.md)."""
BANDS = ("laggard", "below-floor", "below-optimal", "optimal", "leader")
"""Band names, lowest first: < 30, < 50, < 55, 55-70, > 70."""
_MOST = {**dict.fromkeys(PILLARS, PILLAR_POINTS), "total": PILLAR_POINTS * len(PILLARS)}
"""The highest declared score of each pillar and of the total (a higher one is not believed)."""


# gc=False: built by the dozen for every plan, and it refers to nothing that could refer back to it.
class ComponentScore(Struct, frozen=True, gc=False):
    """What one component of the model earns on a plan."""

    component: Component
    earned: float
    stated: bool
    """Whether the plan states the component's field(s) at all."""

    @property
    def gain(self) -> float:
        """Points still to win on this component."""
        return round(self.component.points - self.earned, 2)


class PillarScore(Struct, frozen=True):
    """A pillar's estimate: its points (0-25, one decimal) and its components."""

    name: str
    points: float
    components: tuple[ComponentScore, ...]
    described: bool
    """Whether the plan states enough of the pillar's inputs to judge it (the model's `coverage`)."""


class Estimate(Struct, frozen=True):
    """The four pillars and the total estimated from a plan."""

    pillars: Mapping[str, PillarScore]
    total: float

    @property
    def complete(self) -> bool:
        """Whether the plan describes every pillar."""
        return all(pillar.described for pillar in self.pillars.values())

    @property
    def stated(self) -> bool:
        """Whether the plan states any input of the model at all."""
        return any(score.stated for pillar in self.pillars.values() for score in pillar.components)

    @property
    def undescribed(self) -> tuple[str, ...]:
        """The pillars the plan describes too little of to judge."""
        return tuple(name for name, pillar in self.pillars.items() if not pillar.described)

    def as_dict(self) -> dict[str, float]:
        """`{brand, people, insights, relationships, total}`."""
        return {**{name: pillar.points for name, pillar in self.pillars.items()}, "total": self.total}


@per_plan
def estimate(plan: Plan) -> Estimate:
    """Score the plan on every component of the model; what the plan does not state earns nothing (kept for the latest plan)."""
    model = load_model()
    pillars = {name: _pillar(name, model.pillars[name], model.coverage, plan) for name in PILLARS}
    return Estimate(pillars, round(sum(pillar.points for pillar in pillars.values()), 1))


def _pillar(name: str, components: tuple[Component, ...], coverage: float, plan: Plan) -> PillarScore:
    scores = []
    earned_points = stated_points = 0.0
    for component in components:
        measure = component.measure(plan)
        earned = round(component.points * component.fraction(measure), 2)
        earned_points += earned
        if measure is not None:
            stated_points += component.points
        scores.append(ComponentScore(component, earned, measure is not None))
    points = round(min(earned_points, PILLAR_POINTS), 1)
    return PillarScore(name, points, tuple(scores), stated_points >= coverage * PILLAR_POINTS)


def band(total: float) -> str:
    """LinkedIn's and the article's band for a total: laggard, below-floor, below-optimal, optimal, leader."""
    if total < LAGGARD:
        return "laggard"
    if total < FLOOR:
        return "below-floor"
    if total < OPTIMAL[0]:
        return "below-optimal"
    return "optimal" if total <= OPTIMAL[1] else "leader"


@per_plan
def declared(plan: Plan) -> dict[str, float] | None:
    """The SSI the plan declares in `account.ssi`: the pillars given and the total (declared or summed), kept for the latest plan.

    A score outside its range (a pillar above 25, a total above 100) is left out, as one not given.
    """
    account = plan.get("account") if isinstance(plan, Mapping) else None
    given = account.get("ssi") if isinstance(account, Mapping) else None
    if not isinstance(given, Mapping):
        return None
    result: dict[str, float] = {key: given[key] for key, most in _MOST.items() if _is_score(given.get(key), most)}
    if "total" not in result and all(pillar in result for pillar in PILLARS):
        result["total"] = round(sum(result[pillar] for pillar in PILLARS), 4)
        result["total"] = int(result["total"]) if result["total"] == int(result["total"]) else result["total"]
    return result or None


def _is_score(value: Any, most: float) -> bool:
    """A number from 0 to `most`; anything else (the schema refuses it) is not a declared score: it is unknown."""
    return isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= most


def report(plan: Plan) -> dict[str, Any] | None:
    """The per-file JSON entry: `{estimate, declared, band, bands, undescribed, unstated}`, or None.

    None when the plan neither declares an SSI nor describes any pillar well
    enough to judge it (a fragment such as a team's volume limits). `bands`
    are those the total the rules judge (`facts.ssi_judged`) can be in: the
    declared total, capped by what its declared pillars allow, else the sum of
    the pillars when every one is declared or described, else anything from
    the sum of the known pillars to that sum plus 25 for each unknown one.
    `band` is the one band when only one is possible, else None (brand 6,
    people 5 and insights 4 make 15 to 40: laggard or below-floor). `unstated`
    are the pillars the plan states nothing about (neither declares nor describes).
    `estimate` gives None for a pillar the plan states none of the model's inputs
    of (it has no basis: unknown, not 0), and then None for the total too.
    """
    from ssi_lint.facts import ssi, ssi_judged

    result = estimate(plan)
    stated = declared(plan)
    if stated is None and len(result.undescribed) == len(PILLARS):
        return None
    judged = ssi_judged(plan)
    known = ssi(plan) or {}
    lowest = judged["total"] if judged["total"] is not None else sum(known.get(name, 0) for name in PILLARS)
    bands = list(BANDS[BANDS.index(band(lowest)) : BANDS.index(band(judged["at_most"])) + 1])
    return {
        "estimate": _estimated_figures(result),
        "declared": stated,
        "band": bands[0] if len(bands) == 1 else None,
        "bands": bands,
        "undescribed": list(result.undescribed),
        "unstated": [
            name for name, pillar in result.pillars.items()
            if name not in (stated or {}) and not any(score.stated for score in pillar.components)
        ],
    }


def _estimated_figures(result: Estimate) -> dict[str, float | None]:
    """The estimate's pillars and total, None where it has no basis (a pillar with none of its inputs stated, and the total then)."""
    figures: dict[str, float | None] = {
        name: pillar.points if any(score.stated for score in pillar.components) else None for name, pillar in result.pillars.items()
    }
    figures["total"] = None if None in figures.values() else result.total
    return figures


def chart(entry: Mapping[str, Any], source: str = "") -> str:
    """A compact ASCII chart of a `report()` entry: four pillar bars and the total against 50 and 55-70.

    A pillar the plan states nothing about is drawn as unknown (`?`), not as 0,
    and so is the estimated total then; a declared pillar or total the plan
    describes too little to estimate is drawn at its declared value.
    """
    estimated, stated = entry["estimate"], entry.get("declared") or {}
    unstated = set(entry.get("unstated", ()))
    lines = [f"{source + ': ' if source else ''}SSI estimated from the plan (LinkedIn's formula is not public)"]
    judged = {name for name in PILLARS if name in stated or name not in entry.get("undescribed", ())}
    undescribed = set(entry.get("undescribed", ()))
    for name in PILLARS:
        note = "  weak" if name in judged and stated.get(name, estimated[name]) < WEAK_PILLAR else ""
        value = stated[name] if name in stated and name in undescribed else None if name in unstated else estimated[name]
        lines.append(_bar_line(name, value, PILLAR_POINTS, 25, stated.get(name)) + note)
    if "total" in stated and undescribed:
        total = stated["total"]  # the estimate of a plan that describes too little is no figure to draw beside it
    else:
        total = None if unstated else estimated["total"]  # a sum that counts pillars with nothing stated as 0 is no estimate
    lines.append(_bar_line("total", total, 4 * PILLAR_POINTS, 50, stated.get("total")))
    lines.append(" " * 17 + _scale(50))
    lines.append(f"  band: {_band_summary(entry)}")
    partial = [name for name in entry.get("undescribed", ()) if name not in unstated and name not in stated]
    nothing = [name for name in PILLARS if name in unstated]
    if nothing or partial:
        said = [f"nothing about {', '.join(nothing)} (unknown, not 0)"] if nothing else []
        said += [f"too little about {', '.join(partial)} to judge {'it' if len(partial) == 1 else 'them'}"] if partial else []
        lines.append(f"  partial: the plan states {', and '.join(said)}")
    return "\n".join(lines) + "\n"


def _bar_line(label: str, value: float | None, maximum: float, width: int, stated: float | None) -> str:
    """One bar; an unknown value (None) is a bar of `?` and `?` for its figure."""
    suffix = f"  (declared {stated:g})" if stated is not None else ""
    if value is None:
        return f"  {label:<14} {'?' * width}     ?{suffix}"
    filled = min(width, int(value / maximum * width + 0.5))
    bar = "#" * filled + "." * (width - filled)
    return f"  {label:<14} {bar} {value:5.1f}{suffix}"


def _scale(width: int) -> str:
    """The marks under the total bar: `50|` at the floor, `[55--70]` around the optimal band, 0 and 100 at the ends."""
    marks = [" "] * (width + 1)
    floor = round(FLOOR / 100 * width)
    low, high = (round(value / 100 * width) for value in OPTIMAL)
    room = high - low - 1
    ends = (f"{OPTIMAL[0]:g}", f"{OPTIMAL[1]:g}")
    inside = (ends[0] + "-" * (room - len(ends[0]) - len(ends[1])) + ends[1]) if room > 4 else "-" * room
    marks[0], marks[floor - 2 : floor + 1] = "0", f"{FLOOR:g}|"
    marks[low : high + 1] = f"[{inside}]"
    marks[width - 2 :] = "100"
    return "".join(marks)


def _band_summary(entry: Mapping[str, Any]) -> str:
    """The band, where it comes from, and the estimate's band beside a declared total when the estimate is complete."""
    stated = entry.get("declared") or {}
    if "total" in stated:
        beyond = "" if band(stated["total"]) == entry["band"] else ", more than its declared pillars allow"
        complete = not entry.get("undescribed")  # an estimate of some pillars only counts the others as 0: no band to quote
        says = f"; the estimate says {band(entry['estimate']['total'])}" if complete else ""
        return f"{entry['band']} (declared {stated['total']:g}{beyond}{says})"
    if entry.get("band") is None:
        bands = entry.get("bands") or BANDS
        if len(bands) <= 3:  # a range that says something: below the floor, below the optimal band, or above the floor
            named = bands[0] if len(bands) == 1 else ", ".join(bands[:-1]) + " or " + bands[-1]
            return f"{named} (no total; the known pillars, with 25 for each other, allow no other band)"
        return "unknown (the plan declares no total, and not every pillar is declared or described)"
    return f"{entry['band']} ({'partly estimated' if stated else 'estimated'})"
