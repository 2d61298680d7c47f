"""The projection as first written, one cohort per day visited every week: the oracle `project` must match exactly."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from ssi_lint.simulation.counts import whole
from ssi_lint.simulation.inputs import Inputs
from ssi_lint.simulation.parameters import Parameters
from ssi_lint.simulation.projection import DAYS_PER_WEEK, Week, daily_volumes, delay_table


class Cohort(NamedTuple):
    """Invitations whose acceptance clock starts on `start` (0 for the backlog, then `offset` days old, `passed` arrived)."""

    start: int
    size: int
    acceptors: int
    withdraw_day: int | None
    arrived: Sequence[float]
    offset: int = 0
    passed: float = 0.0


def cohorts(inputs: Inputs, table: Sequence[float]) -> Iterator[Cohort]:
    """The backlog's cohorts, then one per sending day."""
    rate = inputs.acceptance_rate
    horizon = inputs.withdraw_after_days
    expected = 0.0
    for age, size in inputs.backlog:
        passed = table[min(age, len(table) - 1)]
        chance = 0.0 if passed >= 1.0 else rate * (1 - passed) / (1 - rate * passed)
        before, expected = expected, expected + chance * size
        acceptors = whole(expected) - whole(before)
        yield Cohort(0, size, acceptors, None if horizon is None else max(horizon - age, 1), table, age, passed)
    sent = 0
    for week_index, (volume, _) in enumerate(inputs.volumes):
        for offset, size in enumerate(daily_volumes(volume, inputs.active_days)):
            if size:
                day = week_index * DAYS_PER_WEEK + offset + 1
                acceptors = whole(rate * (sent + size)) - whole(rate * sent)
                sent += size
                yield Cohort(day, size, acceptors, None if horizon is None else day + horizon, table)


def note_days(inputs: Inputs, days: int, window: int) -> tuple[dict[int, int], list[int]]:
    """Notes sent by day (the window before the start included), and notes refused on days 1..days."""
    wanted_per_day = [size for volume, _ in inputs.volumes for size in daily_volumes(volume, inputs.active_days)]
    first_week = daily_volumes(inputs.volumes[0][0], inputs.active_days)
    known = inputs.notes_before is not None
    sent: dict[int, int] = dict(inputs.notes_before or ())
    refused = [0] * (days + 1)
    quota = inputs.note_quota
    used = 0
    for day in range(1 - window, days + 1):
        if day <= 0 and known:
            allowed = sent.get(day, 0)
        else:
            wanted = first_week[(day - 1) % DAYS_PER_WEEK] if day <= 0 else wanted_per_day[day - 1]
            allowed = wanted if quota is None else max(0, min(wanted, quota - used))
            sent[day] = allowed
            if day > 0:
                refused[day] = wanted - allowed
        used += allowed - sent.get(day - window + 1, 0)
    return sent, refused


def acceptances(cohort: Cohort, day: int) -> int:
    """A cohort's acceptances by the end of `day`, were the network without a cap (frozen once it is withdrawn)."""
    if not cohort.acceptors or day < max(cohort.start, 1):
        return 0
    scale = cohort.acceptors / (1 - cohort.passed)
    base = cohort.offset - cohort.start
    if cohort.withdraw_day is not None and day >= cohort.withdraw_day:
        day = cohort.withdraw_day
    return math.floor(scale * (cohort.arrived[base + day] - cohort.passed) + 0.5)


def settle(all_cohorts: list[Cohort], ends: list[int], room: int | None) -> tuple[list[int], list[int]]:
    """Cumulative acceptances and withdrawals at each week's end, day by day and cohort by cohort.

    With `room` (the places left under LinkedIn's cap), each day's acceptances are
    taken oldest cohort first while places are left, and none once they are not:
    an invitation that is not accepted stays pending until its cohort is withdrawn.
    """
    oldest_first = sorted(all_cohorts, key=lambda cohort: cohort.start - cohort.offset)
    kept = [0] * len(oldest_first)
    accepted, withdrawn = [], []
    for day in range(1, ends[-1] + 1):
        for index, cohort in enumerate(oldest_first):
            due = acceptances(cohort, day) - acceptances(cohort, day - 1)
            taken = due if room is None else min(due, room)
            kept[index] += taken
            room = None if room is None else room - taken
        if day in ends:
            accepted.append(sum(kept))
            withdrawn.append(sum(
                cohort.size - count for cohort, count in zip(oldest_first, kept)
                if cohort.withdraw_day is not None and day >= cohort.withdraw_day
            ))
    return accepted, withdrawn


def project(inputs: Inputs, params: Parameters) -> tuple[Week, ...]:
    """Weeks 1..N, computed the slow, obvious way."""
    backlog = sum(size for _, size in inputs.backlog)
    window = int(params["note_window_days"])
    days = len(inputs.volumes) * DAYS_PER_WEEK
    oldest = max((age for age, _ in inputs.backlog), default=0)
    all_cohorts = list(cohorts(inputs, delay_table(params, days + oldest + 1)))
    history, refused = note_days(inputs, days, window) if inputs.notes else ({}, [])
    ends = [(index + 1) * DAYS_PER_WEEK for index in range(len(inputs.volumes))]
    room = None if inputs.connections is None else max(0, int(params["connection_cap"]) - inputs.connections)
    accepted_by, withdrawn_by = settle(all_cohorts, ends, room)
    weeks = []
    previous = (0, 0, 0)
    for index, (volume, driver) in enumerate(inputs.volumes):
        end = ends[index]
        sent = previous[0] + volume
        accepted, withdrawn = accepted_by[index], withdrawn_by[index]
        notes_used = None
        if inputs.notes is not None:
            notes_used = sum(history.get(day, 0) for day in range(end - window + 1, end + 1)) if inputs.notes else 0
        weeks.append(Week(
            week=index + 1, sent=volume, accepted=accepted - previous[1], withdrawn=withdrawn - previous[2],
            pending=backlog + sent - accepted - withdrawn,
            connections=None if inputs.connections is None else inputs.connections + accepted,
            notes_used_30d=notes_used, weekly_limit=inputs.limits[index],
            notes_refused=sum(refused[end - DAYS_PER_WEEK + 1 : end + 1]) if inputs.notes else 0, driver=driver,
        ))
        previous = (sent, accepted, withdrawn)
    return tuple(weeks)
