"""Invitations sent each week, and the plan field that decides it (the field a finding points at).

For week k: the schedule's entry for week k where there is one, else
`outreach.invitations.per_week`, else `per_day` times the days a week
invitations go out. Weeks after (or between) the schedule's entries with
neither steady volume stated hold the nearest earlier entry's volume, and say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from msgspec import Struct, field

from ssi_lint.engine.templates import counted
from ssi_lint.facts import listed, per_week_decides
from ssi_lint.memo import per_plan
from ssi_lint.model import is_mapping, lookup
from ssi_lint.simulation.counts import number, stated_count, whole

PER_WEEK = "per_week"
PER_DAY = "per_day"
SCHEDULE = "schedule"


class Driver(Struct, frozen=True):
    """The plan field a week's volume comes from: `per_week`, `per_day`, or a schedule entry."""

    kind: str
    index: int | None = None
    """The schedule entry's position in `outreach.schedule`."""
    entry: Mapping[str, Any] = field(default_factory=dict)
    """The schedule entry itself (rules recognise it by equality)."""

    @property
    def path(self) -> str:
        """The dotted plan path of the figure, as findings show it: a schedule entry's `invitations`, `per_week` or `per_day`."""
        if self.kind == SCHEDULE:
            return f"outreach.schedule[{self.index}].invitations"
        return f"outreach.invitations.{self.kind}"


def _count(value: Any) -> int | None:
    """A non-negative finite number as a whole count (rounded half up), else None."""
    stated = number(value)
    return None if stated is None else whole(stated)


@per_plan
def scheduled_entries(plan: Mapping[str, Any]) -> list[tuple[int, int, int, Mapping[str, Any]]]:
    """The schedule's entries that state a volume, as (week number, volume, position, entry); read-only.

    The week number is the entry's `week`, else its position + 1. Kept for the
    latest plan: the projection and the `schedule_repeat` fact both ask.
    """
    schedule = lookup(plan, ("outreach", "schedule"))
    found = []
    for index, entry in enumerate(schedule if isinstance(schedule, list) else ()):
        volume = _count(entry.get("invitations")) if is_mapping(entry) else None
        if volume is not None:
            week = stated_count(entry.get("week"))  # JSON Schema's integers include 1.0
            found.append((week if week is not None and week >= 1 else index + 1, volume, index, entry))
    return found


@per_plan
def schedule_weeks(plan: Mapping[str, Any]) -> dict[int, tuple[int, Driver]]:
    """The schedule's volumes by week number; of two entries for one week, the larger volume (the riskier reading) counts.

    Kept for the latest plan (read-only): the projection and several facts ask.
    """
    found: dict[int, tuple[int, Driver]] = {}
    for number, volume, index, entry in scheduled_entries(plan):
        if number not in found or volume > found[number][0]:
            found[number] = (volume, Driver(SCHEDULE, index, dict(entry)))
    return found


def steady_volume(plan: Mapping[str, Any], active_days: int) -> tuple[int, Driver] | None:
    """The weekly volume outside the schedule: `per_week`, else `per_day` x active days (also when `per_week` is below `per_day`, which cannot be right)."""
    per_week = _count(lookup(plan, ("outreach", "invitations", "per_week")))
    per_day = _count(lookup(plan, ("outreach", "invitations", "per_day")))
    if per_week_decides(per_week, per_day):
        return per_week, Driver(PER_WEEK)
    return None if per_day is None else (per_day * active_days, Driver(PER_DAY))


def held_weeks(plan: Mapping[str, Any], weeks: int) -> dict[int, int]:
    """The weeks 1..weeks the schedule does not list, in a plan with neither `per_week` nor `per_day`, and the listed week
    whose volume each keeps: the nearest earlier one, else the first (`{1: 6, ..., 5: 6}` for a schedule of week 6 only).
    Their volume is assumed, and the projection and the messages built on it say so. Empty when no week is held."""
    scheduled = schedule_weeks(plan)
    if not scheduled or steady_volume(plan, 1) is not None:
        return {}
    held: dict[int, int] = {}
    for week in range(1, weeks + 1):
        if week not in scheduled:
            earlier = [number for number in scheduled if number < week]
            held[week] = max(earlier) if earlier else min(scheduled)
    return held


def held_caveat(held: Mapping[int, int]) -> str | None:
    """The assumption `held_weeks` makes, as a finding's caveat: `weeks 1-5 and 7-12, which the schedule does not list, at
    week 6's volume`; None when no week is held."""
    if not held:
        return None
    by_source: dict[int, list[int]] = {}
    for week, source in held.items():
        by_source.setdefault(source, []).append(week)
    parts = [f"{_week_span(weeks)}, which the schedule does not list, at week {source}'s volume" for source, weeks in sorted(by_source.items())]
    return "; ".join(parts)


def _week_span(weeks: list[int]) -> str:
    """`week 3`, `weeks 1-5`, or `weeks 1-2 and 4`: week numbers in runs."""
    runs: list[list[int]] = []
    for week in sorted(weeks):
        if runs and week == runs[-1][-1] + 1:
            runs[-1].append(week)
        else:
            runs.append([week])
    joined = listed([f"{run[0]}" if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs])
    return f"week {joined}" if len(weeks) == 1 else f"weeks {joined}"


def weekly_volumes(
    plan: Mapping[str, Any], weeks: int, active_days: int, notes: dict[str, str]
) -> tuple[tuple[int, Driver], ...] | None:
    """Invitations per week for weeks 1..weeks with their drivers; None when the plan states no volume.

    Adds the sentence `notes["volume"]` saying where the volumes come from.
    """
    scheduled = schedule_weeks(plan)
    steady = steady_volume(plan, active_days)
    if steady is None and not scheduled:
        return None
    held = held_weeks(plan, weeks)
    volumes = [steady if steady is not None and week not in scheduled else scheduled[held.get(week, week)] for week in range(1, weeks + 1)]
    sources = []
    if scheduled:
        sources.append("outreach.schedule for the weeks it lists")
    if steady is not None:
        kind = steady[1].kind
        detail = f" ({steady[0] // active_days} a day x {counted(active_days, 'day')})" if kind == PER_DAY else ""
        sources.append(f"outreach.invitations.{kind}{detail}" + (" for the other weeks" if scheduled else ""))
    if held:
        sources.append("weeks the schedule does not list keep the nearest listed week's volume (assumed: no per_week or per_day is stated)")
    notes["volume"] = "invitations sent: " + "; ".join(sources)
    return tuple(volumes)
