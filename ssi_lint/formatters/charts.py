"""Geometry of the HTML report's SVG charts: pillar bars, the band gauge, pending invitations by week.

Each function turns numbers into positions in SVG user units; the template
draws them. Every chart also carries its numbers as text, so that no value
is told by length or colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from msgspec import Struct

from ssi_lint.ssi import BANDS as BAND_NAMES
from ssi_lint.formatters.overview import number
from ssi_lint.ssi import LAGGARD, PILLAR_POINTS, PILLARS, SsiLevels, entry_levels, pillar_weak_level
from ssi_lint.ssi_model import WEAK_PILLAR, ssi_levels

TRACK = 240.0
"""Length of a pillar bar at 25 points."""
PILLAR_FIGURES_X = 360.0
"""Where the figures beside the pillar bars start (the track starts at 110)."""
PILLAR_CHART_WIDTH = 560.0
"""The pillar chart's width (its viewBox) when the figures fit in it; longer figures widen it (`pillar_chart_width`)."""
FIGURE_CHARACTER = 8.4
"""The most a character of the figures takes in the chart's units: 15px text in DejaVu Sans, the widest font the page
names, averages 7.8 (chromium), the others less."""
GAUGE = 400.0
"""Length of the band gauge from 0 to 100."""
PLOT_HEIGHT = 160.0
"""Height of the pending-invitations plot."""


class PillarBar(Struct, frozen=True):
    """One pillar: its estimated points, the bar's length and the declared value's mark, if any."""

    name: str
    points: float
    width: float
    declared: float | None
    declared_x: float | None
    weak: bool
    unknown: bool = False
    """The plan states nothing about the pillar: its points have no basis and are drawn as unknown, not as 0."""
    most: float | None = None
    """The most the estimate can be with the inputs the plan does not state at their best; None when it states them all."""
    open_width: float = 0.0
    """The bar's length from `points` to `most`: what the unstated inputs could add, drawn apart from what is earned."""
    may_be_weak: bool = False
    """Below half at `points` but not at `most`: whether the pillar is weak depends on the inputs the plan does not state."""
    weak_level: float = WEAK_PILLAR
    """Below it the pillar is weak: its rule's `min` (SSI003-SSI006) as the run configures it (the entry's `weak_below`)."""
    weak_x: float = WEAK_PILLAR / PILLAR_POINTS * TRACK
    """Where `weak_level` falls on the bar's track (the dashed line)."""
    as_declared: bool = False
    """The plan declares the pillar but states too little to estimate it: drawn at its declared value, as the text chart
    draws it (`points` is the declared value, no estimate)."""

    @property
    def value_text(self) -> str:
        """The figures beside the bar, as the text chart writes them: `14 (declared 14) · weak`, `9.7 to 15.7`, `? unknown`."""
        if self.unknown:
            text = "? unknown"
        elif self.most is not None:
            text = f"{number(self.points)} to {number(self.most)}"
        else:
            text = number(self.points)
        if self.declared is not None:
            text += f" (declared {number(self.declared)})"
        return text + (" · weak" if self.weak else " · may be weak" if self.may_be_weak else "")


class Gauge(Struct, frozen=True):
    """The band gauge: the bands as segments, tick marks, and a marker per known total."""

    segments: tuple[tuple[str, float, float], ...]
    """(band, x, width)."""
    ticks: tuple[tuple[str, float], ...]
    """(label, x)."""
    markers: tuple[tuple[str, str, float], ...]
    """(kind, value as text, x): kind is `declared`, `counted` (a declared total the rules count as less, no more than
    its pillars allow: `counted 23.8 (declared 31)`, as the findings say it), `summed` (no total declared: the declared
    pillars and the estimated ones added up, as the rules count them) or `estimated`."""
    levels: SsiLevels
    """The floor, the optimal band's start and its end the bands are drawn by (the entry's: `ssi.entry_levels`)."""
    article: SsiLevels | None = None
    """The built-in levels (the article's) when the run configures `levels` otherwise (SSI001's levels, SSI008's `leader`), else None."""

    @property
    def bands_text(self) -> str:
        """Each band and the totals it spans, in words: `laggard below 30, below-floor below 50, ..., leader above 70`."""
        floor, optimal, leader = (number(value) for value in self.levels)
        return (f"laggard below {number(LAGGARD)}, below-floor below {floor}, below-optimal below {optimal}, "
                f"optimal {optimal} to {leader}, leader above {leader}")


class PendingChart(Struct, frozen=True):
    """Bars of pending invitations at the start and per week, with the thresholds drawn as lines."""

    bars: tuple[tuple[int, float, float, float, float], ...]
    """(week, pending, x, y, height); week 0 is the start (the backlog the projection starts from), as `simulate`'s `start` row."""
    bar_width: float
    width: float
    thresholds: tuple[tuple[str, float, float], ...]
    """(name, value, y): each band's least pending count (info 201: more than 200, as SIM001 and HYG001 say it)."""
    top: float
    """The value at the top of the plot."""

    @staticmethod
    def threshold_text(name: str, value: float) -> str:
        """A band's line label, short enough for the room beside the plot: `info >200` (more than 200, as `simulate`'s
        chart and SIM001 say it), `warning 500`, `error 700` (from there up)."""
        return f"{name} >{number(value - 1)}" if name == "info" else f"{name} {number(value)}"


def pillar_bars(entry: Mapping[str, Any]) -> tuple[PillarBar, ...]:
    """The four pillars of an SSI report entry (`{"estimate": ..., "declared": ...}`), drawn as the text chart
    (`ssi.chart`) draws them: a pillar the plan states nothing about is unknown, not 0; one it declares but states too
    little to estimate is drawn at its declared value."""
    estimated, stated = entry["estimate"], entry.get("declared") or {}
    highest = entry.get("estimate_at_most") or estimated
    undescribed = set(entry.get("undescribed", ()))
    judged = {name for name in PILLARS if name in stated or name not in undescribed}
    unstated = set(entry.get("unstated", ()))
    bars = []
    for name in PILLARS:
        declared = stated.get(name)
        declared_x = None if declared is None else _track_x(declared)
        level = pillar_weak_level(entry, name)
        weak = {"weak_level": level, "weak_x": _track_x(level)}
        if declared is not None and (name in undescribed or estimated[name] is None):  # no estimate to draw: its declared value
            points = float(declared)
            bars.append(PillarBar(name, points, _track_x(points), declared, declared_x,
                                  points < level, as_declared=True, **weak))
            continue
        if name in unstated or estimated[name] is None:  # nothing stated to estimate from: unknown, not 0
            bars.append(PillarBar(name, 0.0, 0.0, declared, declared_x, False, True, **weak))
            continue
        points = float(estimated[name])
        most = float(highest[name]) if highest.get(name) is not None and highest[name] > points else None
        width = _track_x(points)
        judged_by = declared if declared is not None else (most if most is not None else points)  # weak only if weak at its most
        bars.append(
            PillarBar(
                name=name,
                points=points,
                width=width,
                declared=declared,
                declared_x=declared_x,
                weak=name in judged and judged_by < level,
                most=most,
                open_width=0.0 if most is None else round(_clamp(most, PILLAR_POINTS) / PILLAR_POINTS * TRACK - width, 2),
                may_be_weak=name in judged and declared is None and points < level <= judged_by,
                **weak,
            )
        )
    return tuple(bars)


def pillar_chart_width(bars: tuple[PillarBar, ...]) -> float:
    """The pillar chart's width: `PILLAR_CHART_WIDTH`, or wider so that the longest figures beside a bar fit whole."""
    longest = max((len(bar.value_text) for bar in bars), default=0)
    return max(PILLAR_CHART_WIDTH, float(round(PILLAR_FIGURES_X + longest * FIGURE_CHARACTER + 10)))


def gauge(entry: Mapping[str, Any]) -> Gauge:
    """Where the bands lie on a 0-100 scale, and where the declared and estimated totals fall."""
    scale = GAUGE / 100.0
    levels = entry_levels(entry)
    segments = tuple((name, round(low * scale, 2), round((high - low) * scale, 2)) for name, low, high in bands(levels))
    ticks = tuple((f"{value:g}", round(value * scale, 2)) for value in (0.0, LAGGARD, *levels, 100.0))
    markers = []
    estimated = None if entry.get("unstated") else entry["estimate"]["total"]  # a sum counting pillars with nothing stated as 0 is no estimate
    most = (entry.get("estimate_at_most") or {}).get("total")
    declared = (entry.get("declared") or {}).get("total")
    counted = entry.get("counted")  # as the rules count it: a declared total, or declared pillars and estimated ones added up
    if declared is not None:
        counted = declared if counted is None else counted
    elif estimated is not None:
        counted = None  # the estimate's own marker says it
    counted_kind = "summed" if declared is None else "declared" if counted == declared else "counted"
    for kind, value in ((counted_kind, counted), ("estimated", estimated)):
        if value is not None:
            label = f"{value:g} to {most:g}" if kind == "estimated" and most is not None and most > value else f"{value:g}"
            label += f" (declared {declared:g})" if kind == "counted" and declared is not None else ""
            markers.append((kind, label, round(_clamp(value, 100.0) * scale, 2)))  # a range is marked at its least
    builtin = ssi_levels()
    return Gauge(segments, ticks, tuple(markers), levels, None if levels == builtin else builtin)


def bands(levels: SsiLevels) -> tuple[tuple[str, float, float], ...]:
    """Each band and the totals it spans, as `ssi_lint.ssi.band` draws the lines (`levels`: the entry's, `ssi.entry_levels`)."""
    lines = (0.0, LAGGARD, *levels, 100.0)
    return tuple(zip(BAND_NAMES, lines[:-1], lines[1:], strict=True))


def pending_chart(pending: Mapping[int, float], thresholds: Mapping[str, float], start: float | None = None, width: float = 480.0) -> PendingChart:
    """Bars for pending invitations at the `start` (when given, as week 0) and by week (weeks in order), scaled so every
    threshold fits."""
    values = dict(pending) if start is None else {**pending, 0: start}
    weeks = sorted(values)
    top = max([*values.values(), *thresholds.values(), 1.0]) * 1.1
    slot = width / max(len(weeks), 1)
    bar_width = round(slot * 0.7, 2)
    bars = []
    for index, week in enumerate(weeks):
        height = round(values[week] / top * PLOT_HEIGHT, 2)
        bars.append((week, values[week], round(index * slot + slot * 0.15, 2), round(PLOT_HEIGHT - height, 2), height))
    lines = tuple((name, value, round(PLOT_HEIGHT - value / top * PLOT_HEIGHT, 2)) for name, value in thresholds.items())
    return PendingChart(tuple(bars), bar_width, width, lines, round(top, 1))


def _clamp(value: float, maximum: float) -> float:
    return min(max(float(value), 0.0), maximum)


def _track_x(value: float) -> float:
    """Where a pillar value falls on the bar's track (0 to TRACK), rounded as the SVG writes it."""
    return round(_clamp(value, PILLAR_POINTS) / PILLAR_POINTS * TRACK, 2)
