"""What the projection starts from: the plan's volumes, rates and state, read defensively.

Every value is taken from the plan (or, with `--against`, the export's real
state under `plan.observed`), and every gap is filled with a stated,
conservative assumption: each `Inputs` carries one sentence per topic saying
where its value came from. A value of the wrong type counts as absent, so a
plan with schema violations cannot make the projection fail.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from operator import itemgetter, sub
from typing import Any

from msgspec import Struct

from ssi_lint.engine import templates
from ssi_lint.facts import (
    ACTIVE_DAYS_NOTES,
    ASSUMED_DAYS_SOURCES,
    active_days_per_week,
    active_days_source,
    acceptance_rate_used,
    account_age,
    network_size,
    observed_state,
    ssi_judged,
    week_active_days,
)
from ssi_lint.model import lookup
from ssi_lint.simulation.counts import number, stated_count, whole
from ssi_lint.simulation.drivers import PER_DAY, Driver, held_caveat, held_weeks, weekly_volumes
from ssi_lint.simulation.parameters import Parameters, load_parameters

Plan = Mapping[str, Any]
TOPICS = ("volume", "active_days", "acceptance_rate", "withdrawal", "backlog", "connections", "notes", "note_quota", "weekly_limit")
"""The assumptions' topics, in the order every output lists them."""
ACCEPTANCE_WINDOW_DAYS = 30
"""Days over which a backlog is assumed sent when nothing is withdrawn: 99 % of acceptances arrive within them (model.yaml)."""
MAX_BACKLOG_DAYS = 365
"""The longest span a stated backlog is assumed spread over (a withdraw horizon of a billion days would cost a billion cohorts)."""
NOTE_STYLES = ("personalized", "template")
"""Note styles that put a note on every invitation (LinkedIn's quota counts both)."""


class Inputs(Struct, frozen=True):
    """Everything the projection needs, resolved from the plan and the parameters."""

    volumes: tuple[tuple[int, Driver], ...]
    """Invitations to send in weeks 1..N, and the plan field each volume comes from."""
    active_days: int
    """The days a week invitations go out, stated or assumed (5)."""
    acceptance_rate: float
    withdraw_after_days: int | None
    """None: the plan withdraws nothing, so pending only shrinks by acceptances."""
    backlog: tuple[tuple[int, int], ...]
    """Pending invitations at the start, as (age in days, how many)."""
    connections: int | None
    notes: bool | None
    """Whether every invitation carries a note; None when the plan does not say."""
    note_quota: int | None
    """Notes allowed per window on this tier; None: unlimited (paid tiers)."""
    notes_before: tuple[tuple[int, int], ...] | None
    """Notes sent before the start, as (day <= 0, how many), for the rolling window; None when unknown."""
    limits: tuple[int, ...]
    """The weekly invitation limit of each week (the account ages as weeks pass)."""
    conservative: bool
    """True when the SSI is unknown or below the floor: going over the limit is an error."""
    assumptions: Mapping[str, str]
    """One sentence per topic saying where each input came from."""
    caveats: tuple[str, ...] = ()
    """Short phrases for what was assumed rather than stated, for finding messages."""
    week_days: tuple[int, ...] = ()
    """The days each week's volume goes out (`facts.week_active_days`); empty: `active_days` every week."""
    backlog_assumed: bool = False
    """True when the plan does not state the backlog and `backlog` is the conservative assumption."""
    new_account_weeks: int = 0
    """The first weeks whose limit is a new account's (`new_account_per_day` on each day they send): going over is an error."""
    new_account_assumed: str = ""
    """Why those weeks are a new account's when the plan does not say how old it is, in OUT006's words (`facts.account_age`:
    `the plan does not give ...`); '' when it does."""

    def days_of(self, index: int) -> int:
        """The days week `index + 1` sends on."""
        return self.week_days[index] if self.week_days else self.active_days


def ssi_total(plan: Plan, rule_params: Mapping[str, Mapping[str, Any]] | None = None) -> float | None:
    """The SSI total that may raise the weekly limit, as the rules judge it (`facts.ssi_judged.trust_total`, with the run's
    `rule_params`).

    Only what the plan declares: the declared total (lower where the model
    doubts it), else the declared pillars' sum; an estimate never counts. None when nothing is declared.
    """
    return number(ssi_judged(plan, rule_params)["trust_total"])


TRUST_NEEDS = ("ssi", "tier", "age")
"""What the trusted weekly limit needs: a declared SSI of `trusted_ssi`+, a paid tier, `aged_days` of activity."""


def trust_shortfall(total: float | None, tier: Any, age_days: float | None, params: Parameters | None = None) -> tuple[str, ...]:
    """Which of `TRUST_NEEDS` an account lacks for the trusted weekly limit (empty: it earns it); OUT003's params.
    The one test of the trusted limit: `limit_for`, `facts.trusted_account` and `facts.trusted_withheld` read it."""
    params = params or load_parameters()
    met = {
        "ssi": total is not None and total >= params["trusted_ssi"],
        "tier": tier in params["trusted_tiers"],
        "age": age_days is not None and age_days >= params["aged_days"],
    }
    return tuple(need for need in TRUST_NEEDS if not met[need])


def limit_for(total: float | None, tier: Any, age_days: float | None, params: Parameters | None = None) -> int:
    """The weekly limit: trusted (150) for SSI >= 70 on a paid account at least a year old, else 100 (OUT003's params)."""
    params = params or load_parameters()
    trusted = not trust_shortfall(total, tier, age_days, params)
    return int(params["trusted_weekly_limit"] if trusted else params["weekly_limit"])


def weekly_limit_shortfall(plan: Plan, params: Parameters | None = None) -> tuple[str, ...]:
    """`trust_shortfall` of this plan's account, as `weekly_invitation_limit` reads it (the declared SSI, tier, days of activity)."""
    return trust_shortfall(ssi_total(plan, params.rule_params if params else None), lookup(plan, ("account", "tier")), activity_days(plan), params)


def activity_days(plan: Plan) -> float | None:
    """The account's days of activity the trusted limit reads (`facts.account_age`: a dormant account has none, however
    old it is; one the export shows resumed counts from then); None when the plan does not give the account's age."""
    age = account_age(plan)
    return None if age["basis"] == "unstated" else number(age["days"])


def weekly_invitation_limit(plan: Plan, params: Parameters | None = None) -> int:
    """Invitations a week this plan's account may send: 100, or 150 for SSI >= 70, paid and aged >= 365 days.

    The SSI is what the plan declares (`ssi_total`); an estimated or unknown
    SSI, tier or age never earns the higher limit, nor does an age without the activity (`activity_days`). The
    numbers are OUT003's params.
    """
    return limit_for(ssi_total(plan, params.rule_params if params else None), lookup(plan, ("account", "tier")), activity_days(plan), params)


def judged_conservatively(plan: Plan, rule_params: Mapping[str, Mapping[str, Any]] | None = None) -> bool:
    """True when the SSI is unknown or below the floor (SSI001's error level, with a run's `rule_params`; None: 50), as the
    rules judge it: exceeding the weekly limit is then an error."""
    return judged_ssi(plan, rule_params)[1]


def read_inputs(plan: Plan, weeks: int, params: Parameters | None = None) -> Inputs | None:
    """The projection's inputs, or None when the plan states no invitation volume at all."""
    params = params or load_parameters()
    notes: dict[str, str] = {}
    caveats: list[str] = []
    days = active_days_per_week(plan)
    notes["active_days"] = f"invitations go out on {templates.counted(days, 'day')} a week{ACTIVE_DAYS_NOTES[active_days_source(plan)]}"
    volumes = weekly_volumes(plan, weeks, days, notes)
    if volumes is None:
        return None
    week_days = tuple(week_active_days(plan, volume) for volume, _ in volumes)
    widened = [(index + 1, count) for index, count in enumerate(week_days) if count != days]
    if widened:
        shown = ", ".join(f"week {week}: {count}" for week, count in widened[:3]) + (", ..." if len(widened) > 3 else "")
        notes["active_days"] += (
            f"; a week above {days} x outreach.invitations.per_day goes out on as many days as per_day allows it ({shown})"
        )
    held = held_caveat(held_weeks(plan, weeks))
    if held is not None:
        caveats.append(held)
    source = active_days_source(plan)
    if source in ASSUMED_DAYS_SOURCES and any(driver.kind == PER_DAY for _, driver in volumes):
        caveats.append(f"invitations on {templates.counted(days, 'day')} a week" + (" (account.active_days_per_week is 0)" if source == "idle" else ""))
    observed = observed_state(plan)
    horizon = _withdraw_horizon(plan, notes, caveats)
    rate = _acceptance_rate(plan, params, notes, caveats)
    connections = _connections(plan, params, notes)
    backlog = _backlog(plan, observed, horizon, notes)
    assumed = backlog is None
    if backlog is None:
        at_cap = connections is not None and connections >= int(params["connection_cap"])
        backlog = _assumed_backlog(plan, (volumes[0][0], week_days[0]), None if at_cap else rate, horizon, params, (notes, caveats))
    tier = lookup(plan, ("account", "tier"))
    age = activity_days(plan)
    total = ssi_total(plan, params.rule_params)
    wants_notes = _notes(plan, notes)
    quota = _note_quota(tier, params, notes)
    before = _notes_before(observed, params)
    if wants_notes and quota is not None:
        window = params["note_window_days"]
        notes["notes"] += (
            f"; {sum(count for _, count in before):,} notes in the {window} days before the start, as the export shows"
            if observed is not None and before is not None
            else f"; the {window} days before the start are assumed to have sent notes at week 1's pace"
        )
    declared_total = number(lookup(plan, ("account", "ssi", "total"))) is not None
    conservative = _limit_assumption(judged_ssi(plan, params.rule_params), (total, declared_total), tier, age, params, notes)
    notes["weekly_limit"] += _activity_withheld(plan, total, tier, age, params)
    age_read = account_age(plan)
    young = _new_account_weeks(age_read, weeks, params, notes)
    return Inputs(
        volumes=volumes,
        active_days=days,
        acceptance_rate=rate,
        withdraw_after_days=horizon,
        backlog=backlog,
        connections=connections,
        notes=wants_notes,
        note_quota=quota,
        notes_before=before,
        limits=_new_account_limits(_weekly_limits(total, tier, age, weeks, params), young, week_days or (days,) * weeks, params),
        conservative=conservative,
        new_account_weeks=young,
        new_account_assumed=unstated_age(age_read) if young else "",
        assumptions={topic: notes[topic] for topic in TOPICS},
        caveats=tuple(caveats),
        week_days=week_days,
        backlog_assumed=assumed,
    )


def _weekly_limits(total: float | None, tier: Any, age: float | None, weeks: int, params: Parameters) -> tuple[int, ...]:
    """`limit_for` of each week 0..weeks-1, the account `age + 7 x week` days old (only the age changes)."""
    base = limit_for(total, tier, None, params)
    if age is None or limit_for(total, tier, math.inf, params) == base:  # no age, or it would not raise the limit
        return (base,) * weeks
    return tuple(limit_for(total, tier, age + 7 * week, params) for week in range(weeks))


def _new_account_weeks(age: Mapping[str, Any], weeks: int, params: Parameters, notes: dict[str, str]) -> int:
    """How many weeks start before the account has `new_account_days` of activity (`facts.account_age`: an unstated
    age counts as new, a dormant account as none), noted."""
    new_days = params["new_account_days"]
    young = min(weeks, max(0, math.ceil((new_days - age["days"]) / 7)))  # the weeks starting at age, age + 7, ... below new_days
    if young:
        reason = (
            f"the account is under {new_days:g} days old" if age["basis"] == "stated"
            else unstated_age(age) if age["basis"] == "unstated"
            else f"the account resumed after a dormancy {templates.counted(age['days'], 'day')} before the start (export.resumed_on)"
            if age["basis"] == "resumed"
            else "the account is stated used 0 days a week (dormant), so it counts as new"
        )
        notes["weekly_limit"] += (
            f"; week{'s 1-' if young > 1 else ' '}{young}: {reason}, "
            f"so at most {params['new_account_per_day']:g} a day on each day it sends, and going over is an error (OUT006)"
        )
    return young


def unstated_age(age: Mapping[str, Any]) -> str:
    """`facts.account_age`'s words for an age the plan does not give (OUT006's: `the plan does not give
    `account.age_days`, so the account counts as new`), as a clause; '' when the age is not unstated."""
    said = str(age["said"])
    return said[:1].lower() + said[1:] if age["basis"] == "unstated" else ""


def _new_account_limits(limits: tuple[int, ...], young: int, days: tuple[int, ...], params: Parameters) -> tuple[int, ...]:
    """The weekly limits, the first `young` weeks (a new account's) capped at `new_account_per_day` on each of their sending days."""
    if not young:
        return limits
    per_day = params["new_account_per_day"]
    return tuple(min(limit, int(per_day * days[week])) if week < young else limit for week, limit in enumerate(limits))


def _acceptance_rate(plan: Plan, params: Parameters, notes: dict[str, str], caveats: list[str]) -> float:
    """The rate `facts.acceptance_rate_used` decides (the typical one of the model file in use), with its note."""
    rate, source = acceptance_rate_used(plan, float(params["acceptance_rate_typical"]))
    if source == "observed":
        notes["acceptance_rate"] = f"{rate:.0%} of invitations are accepted, as the export shows"
    elif source == "stated":
        notes["acceptance_rate"] = f"{rate:.0%} of invitations are accepted (outreach.acceptance_rate)"
    else:
        notes["acceptance_rate"] = f"{rate:.0%} of invitations are accepted (assumed: the plan states no acceptance_rate; the low end of the typical 26-37 %)"
        caveats.append(f"a {rate:.0%} acceptance rate")
    return rate


def reachable_network(plan: Plan, weeks: int, params: Parameters) -> int | None:
    """The largest network a projection of `plan` can reach: the start plus every invitation pending at the start
    or sent, all accepted (an unstated backlog with none accepted before the start: its most). None when the
    network's size is unknown or the plan states no volume. A level above it cannot be crossed, whatever the rate;
    this reads only what it needs, so it costs a fraction of `read_inputs`."""
    said: tuple[dict[str, str], list[str]] = ({}, [])
    connections = _connections(plan, params, said[0])
    days = active_days_per_week(plan)
    volumes = None if connections is None else weekly_volumes(plan, weeks, days, said[0])
    if connections is None or volumes is None:
        return None
    horizon = _withdraw_horizon(plan, *said)
    backlog = _backlog(plan, observed_state(plan), horizon, said[0])
    if backlog is None:
        backlog = _assumed_backlog(plan, (volumes[0][0], week_active_days(plan, volumes[0][0])), None, horizon, params, said)
    return connections + pending_count(backlog) + sum(map(itemgetter(0), volumes))


def _withdraw_horizon(plan: Plan, notes: dict[str, str], caveats: list[str]) -> int | None:
    value = stated_count(lookup(plan, ("outreach", "pending", "withdraw_after_days")))  # 21.0 reads as 21, as HYG004 reads it
    if value is not None and value >= 1:
        notes["withdrawal"] = f"invitations still pending after {templates.counted(value, 'day')} are withdrawn (outreach.pending.withdraw_after_days)"
        return value
    notes["withdrawal"] = "no invitation is ever withdrawn (assumed: outreach.pending.withdraw_after_days is not stated), so pending keeps growing"
    caveats.append("no withdrawal, as none is planned")
    return None


def _backlog(plan: Plan, observed: Mapping[str, Any] | None, horizon: int | None, notes: dict[str, str]) -> tuple[tuple[int, int], ...] | None:
    """The pending invitations at the start that the export or the plan states, as (age, how many); None when neither does."""
    counted = _pending_ages(observed)
    if counted is not None:
        undated = _undated_pending(observed)
        if not undated:
            notes["backlog"] = f"{sum(counted.values()):,} invitations are pending at the start, with their real ages from the export" + (
                _overdue(counted, horizon)
            )
            return tuple(sorted(counted.items()))
        age, dated = _undated_age(observed, counted), sum(counted.values())
        notes["backlog"] = (
            f"{dated + undated:,} invitations are pending at the start: "
            + (f"{dated:,} with their real ages from the export, and {undated:,}" if dated else f"all {undated:,}")
            + f" with no Sent At (export.undated_pending), never taken as withdrawn: pending since before the window, so counted"
            f" as the oldest ({age} days old)" + _overdue(counted, horizon) + _undated_overdue(undated, age, horizon)
        )
        return tuple(sorted((counted | {age: counted.get(age, 0) + undated}).items()))
    pending = number(lookup(plan, ("outreach", "pending", "sent")))
    if pending is None:
        return None
    span = min(horizon or ACCEPTANCE_WINDOW_DAYS, MAX_BACKLOG_DAYS)
    count = int(pending)
    notes["backlog"] = (
        f"{count:,} invitations are pending at the start (outreach.pending.sent), assumed sent evenly over the last {templates.counted(span, 'day')}"
        + ("" if horizon else " (no withdraw horizon: the acceptance window)")
        + (f" (the withdraw horizon, at most {MAX_BACKLOG_DAYS} days)" if horizon and horizon > MAX_BACKLOG_DAYS else "")
    )
    span = _young_backlog(plan, count, span, notes)
    return tuple(filter(itemgetter(1), enumerate(spread(count, span))))  # (age, count) of the ages that send any


def _overdue(counted: Mapping[int, int], horizon: int | None) -> str:
    """The clause naming the backlog withdrawn on the first day: those older than the horizon, as the export counts them
    (`export.stale_pending`), and those that reach it then; '' for none."""
    if horizon is None:
        return ""
    older = sum(count for age, count in counted.items() if age > horizon)
    due = counted.get(horizon, 0)
    if not older:
        return f"; {due:,} that reach the withdraw horizon ({templates.counted(horizon, 'day')}) on the first day are withdrawn then" if due else ""
    return (f"; {older:,} older than the withdraw horizon ({templates.counted(horizon, 'day')}) are withdrawn on the first day"
            + (f", with the {due:,} that reach it then" if due else ""))


def _undated_pending(observed: Mapping[str, Any] | None) -> int:
    """The export's pending invitations with no `Sent At` (`export.undated_pending`), 0 without them."""
    count = number(lookup(observed, ("export", "undated_pending"))) if observed is not None else None
    return int(count) if count is not None and count > 0 else 0


def _undated_age(observed: Mapping[str, Any] | None, counted: Mapping[int, int]) -> int:
    """The age the backlog gives pending invitations of unknown age: sent before the window (`export.window_days`;
    without it the acceptance window), and no younger than the oldest dated one, so they are the backlog's oldest:
    none is accepted by a delay it might not have had, and a withdraw horizon retires them as the plan's own
    withdrawals would that oldest cohort."""
    window = number(lookup(observed, ("export", "window_days"))) if observed is not None else None
    before = int(window) if window is not None and window >= 1 else ACCEPTANCE_WINDOW_DAYS
    return max(before, max(counted, default=0))


def _undated_overdue(undated: int, age: int, horizon: int | None) -> str:
    """The clause saying what a withdraw horizon does to the backlog's invitations of unknown age on the first day."""
    if horizon is None or age < horizon:
        return ""
    return (f"; the {undated:,} with no Sent At {'reach' if age == horizon else 'are older than'} the withdraw horizon ({templates.counted(horizon, 'day')})"
            f" at that age and are withdrawn on the first day, as the plan's own withdrawals would (the export does not show"
            " their age)")


def _assumed_backlog(
    plan: Plan, week_one: tuple[int, int], rate: float | None, horizon: int | None, params: Parameters,
    said: tuple[dict[str, str], list[str]],
) -> tuple[tuple[int, int], ...]:
    """The backlog when neither the plan nor an export states it: what the days before the start leave pending.

    Unknown is not none: each day before the start, over the withdraw horizon (without one,
    the 30-day acceptance window), is taken to have sent invitations still pending but for
    the share the model's delay distribution has accepted by then. An export that shows the
    invitations sent but not which were accepted (`export.sent_ages`) gives each day's real
    count instead, of every invitation still within reach (`_shown_backlog`); else the days
    are assumed to have sent at week 1's pace (`week_one`: its volume and the days it goes
    out, as the projection spreads it), never over more days than the account is old: the
    steady backlog of the plan's own volume, the one the projection settles at. The sentence
    and caveat say which. `rate` is None when the network is at LinkedIn's cap at the start: none was accepted.
    """
    notes, caveats = said
    shown = _sent_ages(observed_state(plan), horizon)
    if shown is not None:
        return _shown_backlog(shown, rate, horizon, params, said)
    span = min(horizon or ACCEPTANCE_WINDOW_DAYS, MAX_BACKLOG_DAYS)
    sent, window = _week_one_days(plan, week_one, span, horizon)
    found = _still_pending(sent, rate, params)
    count = sum(share for _, share in found)
    weekly = week_one[0]
    notes["backlog"] = (
        f"{count:,} invitations are pending at the start (assumed: outreach.pending.sent is not stated, and unknown is not none): "
        f"what week 1's pace of {weekly:,} a week leaves pending over {window} {_accepted(rate, params)}"
    )
    caveats.append(f"{count:,} pending at the start at week 1's pace")
    return found


def _shown_backlog(
    shown: list[int], rate: float | None, horizon: int | None, params: Parameters, said: tuple[dict[str, str], list[str]],
) -> tuple[tuple[int, int], ...]:
    """The backlog of an export that shows the invitations sent but not which were accepted: every one still within
    reach (younger than the withdraw horizon; without one, of any age, as none is withdrawn) is pending but for the
    share accepted at `rate`, never more than it shows; the sentence and caveat name the most it can be (none
    accepted) and the band that puts it in, since unknown acceptance is not acceptance."""
    notes, caveats = said
    found = _still_pending(shown, rate, params)
    count, most = sum(share for _, share in found), sum(shown)
    within = (
        f"younger than the withdraw horizon of {templates.counted(horizon, 'day')}" if horizon
        else "of any age (no withdraw horizon, so none is taken as withdrawn)"
    )
    upto = f"up to {most:,} if none was accepted{_pending_band(most, params)}"
    notes["backlog"] = (
        f"{count:,} invitations are pending at the start (assumed: the export shows the invitations sent but not which were "
        f"accepted, and unknown is not none): what is still pending of the {most:,} it shows sent {within} "
        f"{_accepted(rate, params)}; {upto}"
    )
    caveats.append(f"{count:,} pending at the start of the {most:,} the export shows sent, all {most:,} if none was accepted")
    return found


def _pending_band(count: int, params: Parameters) -> str:
    """`, the error band (700 or more)`: the highest of HYG001's bands a pending count is in, '' for none."""
    bands = params["pending_bands"]
    level = next((name for name in ("error", "warning", "info") if name in bands and count >= bands[name]), None)
    return "" if level is None else f", the {level} band ({bands[level]:,} or more)"


def _accepted(rate: float | None, params: Parameters) -> str:
    """The acceptance an assumed backlog is worked out at, in words."""
    if rate is None:
        return f"with none accepted, the network being at LinkedIn's cap of {int(params['connection_cap']):,}"
    return f"at {rate:.0%} accepted"


def _backlog_window(span: int, horizon: int | None) -> str:
    """The days an assumed backlog is spread over, in words."""
    return (
        f"the withdraw horizon of {templates.counted(span, 'day')}" if horizon
        else f"the {span}-day acceptance window (no withdraw horizon, so older invitations may be pending too)"
    )


def _account_days(plan: Plan, span: int) -> int | None:
    """The whole days the account is stated old (`account.age_days`) when they are fewer than `span`, the days a
    backlog would be spread over: an account sends nothing before it is active. None when they are not fewer or not stated."""
    age = number(lookup(plan, ("account", "age_days")))
    return int(age) if age is not None and age < span else None


def _young_backlog(plan: Plan, count: int, span: int, notes: dict[str, str]) -> int:
    """The days a stated backlog of `count` is spread over: `span`, or the account's days when fewer (at least the day of
    the start: the backlog exists), noted then."""
    young = _account_days(plan, span)
    if young is None:
        return span
    days = max(1, young)
    notes["backlog"] = (f"{count:,} invitations are pending at the start (outreach.pending.sent), assumed sent evenly over the "
                        f"account's {templates.counted(days, 'day')} (account.age_days: none was sent before it was active)")
    return days


def _week_one_days(plan: Plan, week_one: tuple[int, int], span: int, horizon: int | None) -> tuple[list[int], str]:
    """Invitations sent each day before the start (index: days old) at week 1's pace, over `span` days
    (never more than the account is old: `_account_days`), and those days in words."""
    from ssi_lint.simulation.projection import DAYS_PER_WEEK, daily_volumes

    weekly, days = week_one
    active = _account_days(plan, span)
    young = active is not None
    span = active if active is not None else span  # an account sends nothing before it is active
    pattern = daily_volumes(weekly, days)
    sent = [pattern[(-days_old - 1) % DAYS_PER_WEEK] for days_old in range(span)]
    return sent, (f"the account's {templates.counted(span, 'day')} (account.age_days)" if young else _backlog_window(span, horizon))


def _still_pending(sent: list[int], rate: float | None, params: Parameters) -> tuple[tuple[int, int], ...]:
    """(age, how many) still pending at the start of each day's `sent` (index: days old), but for the
    share the delay distribution has accepted by then at `rate` (None: none accepted; rounded cumulatively)."""
    from ssi_lint.simulation.projection import delays

    table = delays(params.delay_points(), len(sent) + 1).table
    found = []
    expected = 0.0
    earlier = 0
    for days_old, count in enumerate(sent):
        expected += count * (1 - (rate or 0.0) * table[days_old])
        total = whole(expected)
        if total > earlier:
            found.append((days_old, total - earlier))
        earlier = total
    return tuple(found)


def _sent_ages(observed: Mapping[str, Any] | None, horizon: int | None) -> list[int] | None:
    """Invitations the export shows sent each day (index: days old) that are still within reach: younger than the
    withdraw horizon, or of any age without one; from `export.sent_ages` ([{days, invitations}], written when it
    cannot tell which are pending). None without it."""
    counted = _age_rows(observed, "sent_ages")
    if counted is None:
        return None
    oldest = max(counted, default=-1) + 1
    return [counted.get(days_old, 0) for days_old in range(oldest if horizon is None else min(horizon, oldest))]


def _pending_ages(observed: Mapping[str, Any] | None) -> dict[int, int] | None:
    """Pending invitations by age in days, from the export's `export.pending_ages` ([{days, invitations}]); None without it."""
    return _age_rows(observed, "pending_ages")


def _age_rows(observed: Mapping[str, Any] | None, name: str) -> dict[int, int] | None:
    """Invitations by age in days from the export's `export.<name>` ([{days, invitations}]); None without it or when malformed."""
    rows = lookup(observed, ("export", name)) if observed is not None else None
    if not isinstance(rows, list):
        return None
    counted: dict[int, int] = {}
    for row in rows:
        days = number(row.get("days")) if isinstance(row, Mapping) else None
        count = number(row.get("invitations")) if isinstance(row, Mapping) else None
        if days is None or count is None or days < 0 or count < 0:
            return None
        counted[int(days)] = counted.get(int(days), 0) + int(count)
    return counted


def spread(total: int, slots: int) -> list[int]:
    """`total` split over `slots` as evenly as whole numbers allow (cumulative rounding)."""
    cuts = [whole(total * slot / slots) for slot in range(slots + 1)]  # each running total, rounded once
    return list(map(sub, cuts[1:], cuts))


def pending_count(backlog: Sequence[tuple[int, int]]) -> int:
    """The invitations a backlog of (age, count) cohorts holds."""
    return sum(map(itemgetter(1), backlog))


def _connections(plan: Plan, params: Parameters, notes: dict[str, str]) -> int | None:
    """The network at the start (`facts.network_size`: the export's, else the plan's); the sentence names the cap and
    OUT010's levels it is judged by."""
    levels = params["connection_levels"]
    judged = "OUT010's levels " + ", ".join(f"{levels[name]:,} ({name})" for name in ("info", "warning", "error") if name in levels)
    size = network_size(plan)
    if size is None:
        notes["connections"] = f"the network's size is unknown (account.connections is not stated): connections are not projected and {judged} are not judged"
        return None
    start = int(size["count"])
    source = "as the export shows" if size["source"] == "observed" else "(account.connections)"
    notes["connections"] = (
        f"{start:,} connections at the start {source}; the network stops at LinkedIn's cap of {int(params['connection_cap']):,}, "
        f"where no invitation can be accepted (one that would have been stays pending until withdrawn), and is judged by {judged}"
    )
    return start


def _notes(plan: Plan, notes: dict[str, str]) -> bool | None:
    style = lookup(plan, ("outreach", "invitations", "note"))
    if style in NOTE_STYLES:
        notes["notes"] = f"every invitation carries a note (note: {style})"
        return True
    if style == "none":
        notes["notes"] = "no invitation carries a note (note: none)"
        return False
    notes["notes"] = "notes are not projected (outreach.invitations.note is not stated)"
    return None


def _note_quota(tier: Any, params: Parameters, notes: dict[str, str]) -> int | None:
    quota = int(params["free_note_quota"])
    window = params["note_window_days"]
    if tier in params["paid_tiers"]:
        notes["note_quota"] = f"a {tier} account may add a note to every invitation"
        return None
    assumed = "" if tier == "free" else " (assumed: account.tier is not stated, so the free quota applies)"
    notes["note_quota"] = f"a free account may add a note to {quota} invitations in any {window} days{assumed}"
    return quota


def _notes_before(observed: Mapping[str, Any] | None, params: Parameters) -> tuple[tuple[int, int], ...] | None:
    """Notes of the window before the start: the export's, spread evenly; None when no export counts them."""
    count = number(lookup(observed, ("export", "notes_last_30_days"))) if observed is not None else None
    if count is None:
        return None
    window = int(params["note_window_days"])
    return tuple((day, share) for day, share in zip(range(1 - window, 1), spread(int(count), window), strict=True) if share)


def judged_ssi(plan: Plan, rule_params: Mapping[str, Mapping[str, Any]] | None = None) -> tuple[float | None, bool, str]:
    """The SSI total the rules judge (or its lower bound), whether they judge it low, and their words for it (`facts.ssi_judged`,
    with the run's `rule_params`)."""
    judged = ssi_judged(plan, rule_params)
    return number(judged["at_least"]), bool(judged["low"]), str(judged["text"])


def _limit_assumption(
    judged: tuple[float | None, bool, str], trust: tuple[float | None, bool], tier: Any, age: float | None, params: Parameters,
    notes: dict[str, str],
) -> bool:
    """Whether going over the weekly limit is judged an error (the SSI low or unknown, as the rules judge it), with its note.

    `trust` is the SSI that may raise the limit (`ssi_total`) and whether the plan declares a total: a declared total the
    pillars doubt is named as not raising it (its text says so); an SSI of 70+ that is not all declared, as not counting.
    """
    floor = params["ssi_floor"]  # the floor `facts.ssi_judged.low` judges by: SSI001's error level
    base, trusted = params["weekly_limit"], params["trusted_weekly_limit"]
    total, low, text = judged
    if total is None:  # unknown, or only bounded from above: in the words SSI001 and OUT003 use (`ssi_judged.text`)
        notes["weekly_limit"] = f"{base} invitations a week, with {text}: going over is an error"
        return True
    missing = [name for name, value in (("account.tier", tier), ("account.age_days", age)) if value is None]
    unknown = f"; {' and '.join(missing)} not stated, so the {trusted} limit of aged paid accounts is not granted" if missing else ""
    if low:  # below the floor, or a declared total the pillars doubt below it (`text` says so)
        judged_as = f"SSI {total:g} is below {floor:g}" if total < floor else text
        notes["weekly_limit"] = f"{base} invitations a week ({judged_as}: going over is an error){unknown}"
        return True
    counted, declared_total = trust
    doubted = total >= params["trusted_ssi"] and (counted is None or counted < params["trusted_ssi"])  # high, but not as declared
    here = f"(SSI {total:g})" if not doubted else f"(here {text})" if declared_total else _undeclared_trust(text, counted, base, params)
    notes["weekly_limit"] = (
        f"{base} invitations a week, {trusted} for a paid account at least {params['aged_days']} days old "
        f"with SSI {params['trusted_ssi']:g}+ {here}{unknown}"
    )
    return False


def _activity_withheld(plan: Plan, total: float | None, tier: Any, activity: float | None, params: Parameters) -> str:
    """Why an account stated old enough for the trusted limit does not get it yet: its days of activity (`activity`,
    `facts.account_age`) are fewer, as a dormant account's are; empty when they make no difference to the limit."""
    stated = number(lookup(plan, ("account", "age_days")))
    if stated is None or activity is None or limit_for(total, tier, stated, params) == limit_for(total, tier, activity, params):
        return ""
    why = _INACTIVE.get(account_age(plan)["basis"], "")
    return (f"; the account is stated {stated:,g} days old, but it is the days of activity that count, {activity:,g} here{why}, "
            f"so the {params['trusted_weekly_limit']} limit waits until {params['aged_days']} days of activity")


_INACTIVE = {"idle": " (it is stated used 0 days a week: dormant)", "resumed": " (active again since the export's `resumed_on`)"}
"""Why an account has fewer days of activity than its age, by `facts.account_age`'s basis."""


def _undeclared_trust(text: str, trust: float | None, base: int, params: Parameters) -> str:
    """Why an SSI judged at 70 or more does not earn the trusted limit: only what the plan declares counts (`ssi_total`)."""
    counted = "the plan declares none" if trust is None else f"that comes to {trust:g} here, below {params['trusted_ssi']:g}"
    return (
        f"(here {text}; but only what the plan declares counts towards it, a declared total, else the declared pillars' sum, "
        f"and {counted}, so the limit is {base})"
    )
