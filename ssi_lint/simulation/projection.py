"""The projection itself: invitations day by day, in whole numbers, summed up week by week.

Each day's invitations form a cohort. A share of each cohort (the acceptance
rate, rounded cumulatively so that no invitation is lost to rounding) is
eventually accepted, spread over the days after sending by the acceptance
delay distribution; what is still pending at the withdraw horizon is
withdrawn. Pending invitations at the start are cohorts too, whose remaining
chance of acceptance is conditioned on their age. All counts are integers and,
cumulatively from the start, `start pending + sent = accepted + withdrawn + pending`.
The network grows by the acceptances and stops at LinkedIn's connection cap:
from the day it is reached no invitation is accepted, and one that would have
been stays pending until its cohort is withdrawn (`_at_cap`).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from itertools import accumulate
from math import floor
from operator import getitem, itemgetter, sub

from msgspec import Struct

from ssi_lint.simulation.counts import whole
from ssi_lint.simulation.drivers import Driver
from ssi_lint.simulation.inputs import Inputs, pending_count, spread
from ssi_lint.simulation.parameters import Parameters

DAYS_PER_WEEK = 7
COLUMNS = ("week", "sent", "accepted", "withdrawn", "pending", "connections", "notes_used_30d", "weekly_limit")
"""The columns of a projected week, in the order every output format uses."""


# gc=False: made by the thousand, and it holds nothing that could refer back to it, so the collector need not track it.
class Week(Struct, frozen=True, gc=False):
    """One projected week: counts during the week, state at its end."""

    week: int
    sent: int
    accepted: int
    withdrawn: int
    pending: int
    connections: int | None
    """The network at the week's end: it grows by the acceptances and stops at LinkedIn's cap (`connection_cap`);
    None when the plan does not state the network's size."""
    notes_used_30d: int | None
    """Notes sent in the 30 days up to the week's end; None when the plan does not say whether it adds notes."""
    weekly_limit: int
    notes_refused: int
    """Invitations of the week that wanted a note the free quota did not allow."""
    driver: Driver

    def as_dict(self) -> dict[str, int | None]:
        """The week's public columns (`COLUMNS`)."""
        return {column: getattr(self, column) for column in COLUMNS}


class Cohorts(Struct, frozen=True, gc=False):
    """Every cohort of a projection as columns, oldest first: one per age of the backlog, then one per day 1..N.

    A cohort was sent on `days[i]` (`-age` for the backlog). By the end of day
    `e` it has had `round(scales[i] * (table[e - days[i]] - passed[i]))`
    acceptances, where `passed` is the share a backlog cohort had before the
    start (0 for the others) and `scales[i] = acceptors / (1 - passed)`; once
    `e - days[i]` reaches the withdraw horizon (or the day after the start, for
    a backlog cohort already past it), that count stays (`settled[i]`) and the
    rest is withdrawn. `finals[i]` is the count once the table reaches 1.0.
    A day that sends nothing has an empty cohort (all counts 0).
    """

    days: list[int]
    sizes: list[int]
    scales: list[float]
    passed: list[float]
    finals: list[int]
    settled: list[int]
    """Empty when nothing is withdrawn."""
    arrivals: list[tuple[int, ...]]
    """Each day's cohort (days 1..N) as `Arrivals` rows: its acceptances by lag, up to the table's saturation."""


class Arrivals(dict[int, tuple[int, ...]]):
    """`whole(count * shares[lag])` for every lag, by count: a cohort sent during the projection (nothing passed), made on first ask.

    A cohort's acceptances by the end of lag `lag` are then a lookup instead of
    a product and a rounding: every plan of a run shares its delay table.
    """

    LIMIT = 4096
    """Counts kept at most (a run of unusual volumes starts over rather than grow)."""

    def __init__(self, shares: tuple[float, ...]) -> None:
        super().__init__()
        self.shares = shares

    def __missing__(self, count: int) -> tuple[int, ...]:
        if len(self) >= self.LIMIT:
            self.clear()
        row = self[count] = tuple([floor(count * share + 0.5) for share in self.shares])  # whole(), written out
        return row


class Delays(Struct, frozen=True, gc=False):
    """The acceptance delay as a table by lag in days, the first lag from which it stays at 1.0, and the rows before it."""

    table: tuple[float, ...]
    full: int
    arrivals: Arrivals
    """The acceptances of a sent cohort by lag 0..full - 1, by its count of acceptors."""


def delay_table(params: Parameters, days: int) -> tuple[float, ...]:
    """The share of eventual acceptances arrived 0..days days after sending (linear between the model's points)."""
    return delays(params.delay_points(), days).table


@lru_cache(maxsize=512)
def delays(points: tuple[tuple[int, float], ...], days: int) -> Delays:
    """The delay table for lags 0..days and its saturation, cached: every plan of a run shares the model's points."""
    points = ((0, 0.0), *points)
    table = [1.0] * (days + 1)
    for (day0, share0), (day1, share1) in zip(points, points[1:], strict=False):
        for day in range(day0, min(day1, days + 1)):
            table[day] = share0 + (share1 - share0) * (day - day0) / (day1 - day0)
    full = len(table)
    while full > 0 and table[full - 1] == 1.0:
        full -= 1
    return Delays(tuple(table), full, Arrivals(tuple(table[:full])))


@lru_cache(maxsize=1024)
def daily_volumes(weekly: int, active_days: int) -> tuple[int, ...]:
    """A week's invitations over its 7 days: spread over the first `active_days`, none on the others."""
    return (*spread(weekly, active_days), *((0,) * (DAYS_PER_WEEK - active_days)))


def cohorts(inputs: Inputs, delay: Delays, planned: Sequence[int]) -> Cohorts:
    """The backlog's cohorts (their chance of acceptance conditioned on their age), then one per day 1..N.

    `planned` is the invitations of each day 1..N. Acceptors are rounded
    cumulatively over the backlog, and over the invitations sent. The delay
    table reaches past the oldest backlog age (as `project` makes it).
    """
    backlog = sorted(_backlog(inputs, delay.table), key=itemgetter(0))  # oldest first
    days, sizes, scales, passed, finals, settled = (list(column) for column in zip(*backlog)) if backlog else ([], [], [], [], [], [])
    rate = inputs.acceptance_rate
    accepted = [floor(rate * total + 0.5) for total in accumulate(planned)]  # whole(), written out
    acceptors = list(map(sub, accepted, [0, *accepted]))  # each day's: its running count less the day before's
    days += range(1, len(planned) + 1)
    sizes += planned
    scales += acceptors  # passed is 0: the scale is the whole number of acceptors
    passed += [0.0] * len(planned)
    finals += acceptors
    rows = list(map(delay.arrivals.__getitem__, acceptors))
    horizon = inputs.withdraw_after_days
    if horizon is None:
        settled = []
    else:
        lag = min(horizon, len(delay.table) - 1)
        # before the table is full, each count at the horizon is its `arrivals` row's (the same product, rounded the same)
        settled += list(map(itemgetter(lag), rows)) if lag < delay.full else [floor(count * delay.table[lag] + 0.5) for count in acceptors]
    return Cohorts(days, sizes, scales, passed, finals, settled, rows)


def _backlog(inputs: Inputs, table: Sequence[float]) -> list[tuple[int, int, float, float, int, int]]:
    """The backlog's cohorts as (day sent, size, scale, share passed, final count, settled count), in the order of `inputs.backlog`.

    The settled count is 0 when nothing is withdrawn; a cohort already past the
    horizon settles the day after the start. `table` reaches past the oldest
    age. One loop, whole() and max() written out: it runs for some 30 cohorts a plan.
    """
    rate = inputs.acceptance_rate
    withdrawn = inputs.withdraw_after_days is not None
    settle_at = min(inputs.withdraw_after_days or 0, len(table) - 1)
    found = []
    expected = 0.0
    earlier = 0
    for age, size in inputs.backlog:
        share = table[age]
        if share < 1.0:  # a cohort past the table's end adds no acceptor (0.0 to the expectation)
            expected += rate * (1 - share) / (1 - rate * share) * size
        count = floor(expected + 0.5)
        scale = (count - earlier) / (1 - share) if count - earlier else 0.0
        earlier = count
        final = floor(scale * (1.0 - share) + 0.5)
        settled = floor(scale * (table[settle_at if settle_at > age else 1 + age] - share) + 0.5) if withdrawn else 0
        found.append((-age, size, scale, share, final, settled))
    return found


def _note_days(inputs: Inputs, planned: Sequence[int], window: int) -> tuple[list[int], list[int]]:
    """Notes sent on each day from `1 - window` to `days` (list index 0 is day `1 - window`), and notes refused on days 1..days.

    `planned` is the notes wanted on each day 1..days (one per invitation).

    Without the export's count, the `window` days before the start are assumed
    to have sent notes at week 1's pace (under the same quota).
    """
    days = len(planned)
    first_week = planned[:DAYS_PER_WEEK]
    known = inputs.notes_before is not None
    before = dict(inputs.notes_before or ())
    quota = inputs.note_quota
    if quota is None:  # every note wanted is sent
        earlier = [before.get(day, 0) if known else first_week[(day - 1) % DAYS_PER_WEEK] for day in range(1 - window, 1)]
        return [*earlier, *planned], [0] * (days + 1)
    sent = [0] * (days + window)
    refused = [0] * (days + 1)
    used = 0  # notes of the window's other days: the window - 1 days before the current one
    for index in range(days + window):
        day = index + 1 - window
        if day <= 0 and known:
            allowed = before.get(day, 0)
        else:
            wanted = first_week[(day - 1) % DAYS_PER_WEEK] if day <= 0 else planned[day - 1]
            room = quota - used  # max(0, min(wanted, room)) without the calls (ten times dearer): this runs every day of a quota plan
            allowed = wanted if wanted < room else room  # noqa: FURB136
            allowed = allowed if allowed > 0 else 0  # noqa: FURB136
            if day > 0:
                refused[day] = wanted - allowed
        sent[index] = allowed
        leaving = index - window + 1
        used += allowed - (sent[leaving] if leaving >= 0 else before.get(day - window + 1, 0))
    return sent, refused


def _settle(cohorts: Cohorts, horizon: int | None, table: Sequence[float], full: int, ends: list[int]) -> tuple[list[int], list[int]]:
    """Cumulative acceptances and withdrawals of all cohorts at each day in `ends` (one a week), as `Cohorts` says.

    At the end of day `e`, the cohorts (oldest first) fall into four runs by
    `e - day`: withdrawn (the horizon reached), complete (the table's share
    reached its final 1.0 at lag `full`), still arriving, and not yet sent.
    Running sums give the first two; only the cohorts still arriving need the
    table, or for the days 1..N their `arrivals` rows (this is the hot loop of every lint run).
    """
    days, scales, passed, arrivals = cohorts.days, cohorts.scales, cohorts.passed, cohorts.arrivals
    first = len(days) - len(arrivals)  # day 1's cohort: those before it are the backlog's
    steps = full if horizon is None else min(full, horizon)
    sum_settled = list(accumulate(cohorts.settled, initial=0))
    sum_sizes = list(accumulate(cohorts.sizes, initial=0))
    sum_finals = list(accumulate(cohorts.finals, initial=0))
    accepted: list[int] = []
    withdrawn: list[int] = []
    for end in ends:
        gone = 0 if horizon is None else bisect_right(days, end - horizon)
        arriving = bisect_right(days, end - steps)
        arriving = arriving if arriving > gone else gone  # noqa: FURB136 - max() as a call costs ten times more
        sent = bisect_right(days, end)
        partial = sum([  # whole(), written out: the backlog's arriving cohorts, in the first weeks only
            floor(scale * (table[end - day] - share) + 0.5)
            for day, scale, share in zip(days[arriving:first], scales[arriving:first], passed[arriving:first])
        ]) if arriving < first else 0
        start = arriving - first if arriving > first else 0  # days start + 1 .. sent - first, at lags end - start - 1 down
        partial += sum(map(getitem, arrivals[start : sent - first], range(end - start - 1, end - sent + first - 1, -1)))
        accepted.append(sum_settled[gone] + sum_finals[arriving] - sum_finals[gone] + partial)
        withdrawn.append(sum_sizes[gone] - sum_settled[gone])
    return accepted, withdrawn


def _at_cap(
    cohorts: Cohorts, horizon: int | None, delay: Delays, ends: list[int], room: int, accepted: list[int], withdrawn: list[int],
) -> tuple[list[int], list[int]]:
    """`_settle`'s cumulative counts (`accepted`, `withdrawn`) when the network has room for only `room` more acceptances.

    The cap is reached on the first day the acceptances due pass `room`; that
    day's go to the oldest cohorts first while room is left, and none after it.
    An invitation that would have been accepted later stays pending until its
    cohort is withdrawn (or for good, without a horizon). So by each later day
    `room` are accepted, and a withdrawn cohort's withdrawals grow by the
    acceptances the cap held back (`settled` less those it had). Only plans
    whose projected network reaches the cap come here.
    """
    week = next(index for index, count in enumerate(accepted) if count > room)
    days = range(ends[week] - DAYS_PER_WEEK + 1, ends[week] + 1)
    daily, _ = _settle(cohorts, horizon, delay.table, delay.full, list(days))
    cap_day = next(day for day, count in zip(days, daily, strict=True) if count > room)
    before = _by_cohort(cohorts, horizon, delay, cap_day - 1)
    left = room - sum(before)
    kept = []  # each cohort's acceptances for good: those before the cap day, and its share of that day's room
    for had, due in zip(before, _by_cohort(cohorts, horizon, delay, cap_day), strict=True):
        taken = min(due - had, left)
        left -= taken
        kept.append(had + taken)
    accepted, withdrawn = accepted[:week] + [room] * (len(ends) - week), withdrawn[:]
    if horizon is not None:
        held = list(accumulate((settled - had for settled, had in zip(cohorts.settled, kept, strict=True)), initial=0))
        for index in range(week, len(ends)):
            withdrawn[index] += held[bisect_right(cohorts.days, ends[index] - horizon)]
    return accepted, withdrawn


def _by_cohort(cohorts: Cohorts, horizon: int | None, delay: Delays, end: int) -> list[int]:
    """Each cohort's acceptances by the end of day `end` (none by day 0), the counts `_settle` sums, cohort by cohort."""
    if end < 1:
        return [0] * len(cohorts.days)
    first = len(cohorts.days) - len(cohorts.arrivals)
    steps = delay.full if horizon is None else min(delay.full, horizon)
    counts = []
    for index, day in enumerate(cohorts.days):
        if horizon is not None and day <= end - horizon:
            counts.append(cohorts.settled[index])
        elif day <= end - steps:
            counts.append(cohorts.finals[index])
        elif day > end:
            counts.append(0)
        elif index < first:
            counts.append(whole(cohorts.scales[index] * (delay.table[end - day] - cohorts.passed[index])))
        else:
            counts.append(cohorts.arrivals[index - first][end - day])
    return counts


def project(inputs: Inputs, params: Parameters) -> tuple[Week, ...]:
    """Weeks 1..N of the projection (N = the number of weekly volumes in `inputs`)."""
    backlog = pending_count(inputs.backlog)
    window = int(params["note_window_days"])
    days = len(inputs.volumes) * DAYS_PER_WEEK
    oldest = max(map(itemgetter(0), inputs.backlog), default=0)
    delay = delays(params.delay_points(), days + oldest + 1)
    ends = [(index + 1) * DAYS_PER_WEEK for index in range(len(inputs.volumes))]
    planned = [size for index, (volume, _) in enumerate(inputs.volumes) for size in daily_volumes(volume, inputs.days_of(index))]
    made = cohorts(inputs, delay, planned)
    accepted_by, withdrawn_by = _settle(made, inputs.withdraw_after_days, delay.table, delay.full, ends)
    history, refused = _note_days(inputs, planned, window) if inputs.notes else ([], [])
    network = inputs.connections
    if network is not None and accepted_by and accepted_by[-1] > (room := max(0, int(params["connection_cap"]) - network)):
        accepted_by, withdrawn_by = _at_cap(made, inputs.withdraw_after_days, delay, ends, room, accepted_by, withdrawn_by)
    weeks = []
    previous = (0, 0, 0)
    for index, (volume, driver) in enumerate(inputs.volumes):
        end = ends[index]
        sent = previous[0] + volume
        accepted, withdrawn = accepted_by[index], withdrawn_by[index]
        notes_used = None
        if inputs.notes is not None:
            notes_used = sum(history[end : end + window]) if inputs.notes else 0  # days end - window + 1 .. end
        weeks.append(Week(
            week=index + 1,
            sent=volume,
            accepted=accepted - previous[1],
            withdrawn=withdrawn - previous[2],
            pending=backlog + sent - accepted - withdrawn,
            connections=None if network is None else network + accepted,  # at most the cap (a network past it does not shrink)
            notes_used_30d=notes_used,
            weekly_limit=inputs.limits[index],
            notes_refused=sum(refused[end - DAYS_PER_WEEK + 1 : end + 1]) if inputs.notes else 0,
            driver=driver,
        ))
        previous = (sent, accepted, withdrawn)
    return tuple(weeks)
