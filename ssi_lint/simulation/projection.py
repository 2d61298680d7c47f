"""The projection itself: invitations day by day, in whole numbers, summed up week by week.

Each day's invitations form a cohort. A share of each cohort (the acceptance
rate, rounded cumulatively so that no invitation is lost to rounding) is
eventually accepted, spread over the days after sending by the acceptance
delay distribution; what is still pending at the withdraw horizon is
withdrawn. Pending invitations at the start are cohorts too, whose remaining
chance of acceptance is conditioned on their age. All counts are integers and,
cumulatively from the start, `start pending + sent = accepted + withdrawn + pending`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from functools import lru_cache

from msgspec import Struct

from ssi_lint.simulation.drivers import Driver
from ssi_lint.simulation.inputs import Inputs, spread, whole
from ssi_lint.simulation.parameters import Parameters

DAYS_PER_WEEK = 7
COLUMNS = ("week", "sent", "accepted", "withdrawn", "pending", "connections", "notes_used_30d", "weekly_limit")
"""The columns of a projected week, in the order every output format uses."""


class Week(Struct, frozen=True):
    """One projected week: counts during the week, state at its end."""

    week: int
    sent: int
    accepted: int
    withdrawn: int
    pending: int
    connections: int | None
    """None when the plan does not state the network's size."""
    notes_used_30d: int | None
    """Notes sent in the 30 days up to the week's end; None when the plan does not say whether it adds notes."""
    weekly_limit: int
    notes_refused: int
    """Invitations of the week that wanted a note the free quota did not allow."""
    driver: Driver

    def as_dict(self) -> dict[str, int | None]:
        """The week's public columns (`COLUMNS`)."""
        return {column: getattr(self, column) for column in COLUMNS}


class Cohort(Struct, frozen=True):
    """Invitations whose acceptance clock starts on `start` (a day number; 0 for the backlog).

    `arrived[offset + x]` is the share of all eventual acceptances of an
    invitation that has arrived `offset + x` days after sending; a backlog
    cohort already `offset` days old only has what is left after `passed`.
    By the end of day `d` (`d >= start`) a cohort has had
    `round(acceptors * (arrived[offset + min(d, withdraw_day) - start] - passed) / (1 - passed))`
    acceptances, and from `withdraw_day` on the rest of it is withdrawn.
    """

    start: int
    size: int
    acceptors: int
    withdraw_day: int | None
    arrived: Sequence[float]
    offset: int = 0
    passed: float = 0.0


def delay_table(params: Parameters, days: int) -> list[float]:
    """The share of eventual acceptances arrived 0..days days after sending (linear between the model's points)."""
    points = ((0, 0.0), *params.delay_points())
    table = [1.0] * (days + 1)
    for (day0, share0), (day1, share1) in zip(points, points[1:], strict=False):
        for day in range(day0, min(day1, days + 1)):
            table[day] = share0 + (share1 - share0) * (day - day0) / (day1 - day0)
    return table


@lru_cache(maxsize=1024)
def daily_volumes(weekly: int, active_days: int) -> tuple[int, ...]:
    """A week's invitations over its 7 days: spread over the first `active_days`, none on the others."""
    return (*spread(weekly, active_days), *((0,) * (DAYS_PER_WEEK - active_days)))


def _cohorts(inputs: Inputs, table: Sequence[float]) -> Iterator[Cohort]:
    """The backlog's cohorts, then one per sending day."""
    rate = inputs.acceptance_rate
    horizon = inputs.withdraw_after_days
    expected = 0.0
    for age, size in inputs.backlog:
        passed = table[min(age, len(table) - 1)]
        chance = 0.0 if passed >= 1.0 else rate * (1 - passed) / (1 - rate * passed)
        before, expected = expected, expected + chance * size
        acceptors = whole(expected) - whole(before)
        withdraw = None if horizon is None else max(horizon - age, 1)
        yield Cohort(0, size, acceptors, withdraw, table, age, passed)
    sent = 0
    for week_index, (volume, _) in enumerate(inputs.volumes):
        for offset, size in enumerate(daily_volumes(volume, inputs.active_days)):
            if size:
                day = week_index * DAYS_PER_WEEK + offset + 1
                acceptors = whole(rate * (sent + size)) - whole(rate * sent)
                sent += size
                yield Cohort(day, size, acceptors, None if horizon is None else day + horizon, table)


def _note_days(inputs: Inputs, days: int, window: int) -> tuple[dict[int, int], list[int]]:
    """Notes sent on days up to `days` (the window before the start included), and notes refused on days 1..days.

    Without the export's count, the `window` days before the start are assumed
    to have sent notes at week 1's pace (under the same quota).
    """
    wanted_per_day = [size for volume, _ in inputs.volumes for size in daily_volumes(volume, inputs.active_days)]
    first_week = daily_volumes(inputs.volumes[0][0], inputs.active_days)
    known = inputs.notes_before is not None
    sent: dict[int, int] = dict(inputs.notes_before or ())
    refused = [0] * (days + 1)
    quota = inputs.note_quota
    used = 0  # notes of the window's other days: the window - 1 days before the current one
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


def _settle(cohorts: list[Cohort], ends: list[int]) -> tuple[list[int], list[int]]:
    """Cumulative acceptances and withdrawals of all cohorts at each day in `ends` (one a week), as `Cohort` says.

    This is the hot loop of every lint run, so it is written with local variables.
    """
    count = len(ends)
    accepted = [0] * count
    withdrawn = [0] * count
    for cohort in cohorts:
        begin, acceptors, done, table = cohort.start, cohort.acceptors, cohort.withdraw_day, cohort.arrived
        base, passed = cohort.offset - begin, cohort.passed
        scale = acceptors / (1 - passed) if acceptors else 0.0
        for index in range(max(0, -(-begin // DAYS_PER_WEEK) - 1), count):
            end = ends[index]
            if done is not None and end >= done:
                settled = math.floor(scale * (table[base + done] - passed) + 0.5) if acceptors else 0
                for later in range(index, count):
                    accepted[later] += settled
                    withdrawn[later] += cohort.size - settled
                break
            if acceptors:
                accepted[index] += math.floor(scale * (table[base + end] - passed) + 0.5)
    return accepted, withdrawn


def project(inputs: Inputs, params: Parameters) -> tuple[Week, ...]:
    """Weeks 1..N of the projection (N = the number of weekly volumes in `inputs`)."""
    backlog = sum(size for _, size in inputs.backlog)
    window = int(params["note_window_days"])
    days = len(inputs.volumes) * DAYS_PER_WEEK
    oldest = max((age for age, _ in inputs.backlog), default=0)
    cohorts = list(_cohorts(inputs, delay_table(params, days + oldest + 1)))
    history, refused = _note_days(inputs, days, window) if inputs.notes else ({}, [])
    ends = [(index + 1) * DAYS_PER_WEEK for index in range(len(inputs.volumes))]
    accepted_by, withdrawn_by = _settle(cohorts, ends)
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
            week=index + 1,
            sent=volume,
            accepted=accepted - previous[1],
            withdrawn=withdrawn - previous[2],
            pending=backlog + sent - accepted - withdrawn,
            connections=None if inputs.connections is None else inputs.connections + accepted,
            notes_used_30d=notes_used,
            weekly_limit=inputs.limits[index],
            notes_refused=sum(refused[end - DAYS_PER_WEEK + 1 : end + 1]) if inputs.notes else 0,
            driver=driver,
        ))
        previous = (sent, accepted, withdrawn)
    return tuple(weeks)
