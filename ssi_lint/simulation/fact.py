"""The `simulation` fact: the weeks in which the projected plan crosses a limit, for the rules to report.

Rules (rules/simulation.yaml) read `facts.simulation`, a plain mapping:

    weeks      the horizon projected (12)
    basis      the assumptions that matter, in one line, for messages
    pending    {info|warning|error: event, crossings: "...", top: the highest
               band's event, bands: {info, warning, error} thresholds (the
               least count in each), levels: HYG001's levels they come from,
               held: "; the network is at LinkedIn's cap of 30,000, so none
               is accepted" when the cap, reached by the top event's week,
               keeps invitations pending, else "", moves: how the backlog
               comes to the top band, in words (`moves`)}: one event per band first
               crossed during the projection (a band a stated start already
               reaches is left to the hygiene rules; an assumed start's bands
               count from week 1)
    connections {warning|error: event, crossings: "...", top, bands, levels,
               cap: LinkedIn's cap, where the network stops}: as `pending`,
               for OUT010's levels (a level the network already reaches at the
               start is left to OUT010); no events when its size is unknown
    note_quota, weekly_limit: one event each, when it happens
               (note_quota also has `quota`: the quota applied, and why);
               weekly_limit also has `error_threshold`: the limit itself when
               the SSI is low or unknown, else the weekly error level (200),
               and `ssi_floor`: the SSI below which it is low (SSI001's error level);
               `why`, `limit` and `remedy` word the limit's reason (a new
               account's daily limit or the SSI's weekly one: `limit_reason`),
               and `basis` is `basis` with what that reason assumes (an
               account whose age the plan does not give counts as new)
    series     {pending: [...], sent: [...]}, week by week

An event is `{week, value, threshold, sent, driver, path, entry}`: `driver` is
`per_week`, `per_day` or `schedule` (then `entry` is the schedule entry) and
`path` the plan path of that field, so that a rule's `given` can point at it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from operator import attrgetter
from typing import Any

from ssi_lint.simulation.core import Projection, simulate
from ssi_lint.simulation.parameters import Parameters, load_parameters
from ssi_lint.simulation.projection import Week

BAND_LEVELS = ("info", "warning", "error")


def event(week: Week, value: int, threshold: int) -> dict[str, Any]:
    """What rules see of one crossing: when, how far, and the plan field behind that week."""
    return {
        "week": week.week,
        "value": value,
        "threshold": threshold,
        "sent": week.sent,
        "driver": week.driver.kind,
        "path": week.driver.path,
        "entry": dict(week.driver.entry),
    }


def first(weeks: tuple[Week, ...], measure: Callable[[Week], int | None], threshold: int, start: int | None = 0) -> dict[str, Any] | None:
    """The first week whose measure reaches the threshold, unless the start already did."""
    if start is not None and start >= threshold:
        return None
    for week in weeks:
        value = measure(week)
        if value is not None and value >= threshold:
            return event(week, value, threshold)
    return None


def pending_events(projection: Projection, bands: Mapping[str, int], levels: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The first crossing of each pending band during the projection, and a summary line of them all.

    `bands` are the least count in each band; `levels` HYG001's levels they come from (`> 200` is the band from 201), for messages.
    A band a stated backlog already reaches at the start is left to the hygiene rules (HYG001); an
    assumed backlog (the plan states none) is no count they can judge, so its bands count from week 1.
    """
    start = None if projection.backlog_assumed else projection.start.pending
    return level_events(projection.weeks, attrgetter("pending"), bands, levels, start, "band")


def connection_events(projection: Projection, bands: Mapping[str, int], levels: Mapping[str, Any], cap: int) -> dict[str, Any]:
    """The first week the network reaches each of OUT010's levels, and a summary line of them all; `cap` where it stops.

    `bands` are the least count in each level (OUT010 judges "at least", so the levels themselves).
    A level the network already reaches at the start is left to OUT010; an unknown network is
    not projected, so nothing is crossed.
    """
    start = projection.start.connections
    if start is None:
        return {"bands": dict(bands), "levels": dict(levels), "cap": cap}
    return {**level_events(projection.weeks, attrgetter("connections"), bands, levels, start, "level"), "cap": cap}


def level_events(
    weeks: tuple[Week, ...], measure: Callable[[Week], int | None], bands: Mapping[str, int], levels: Mapping[str, Any] | None,
    start: int | None, kind: str,
) -> dict[str, Any]:
    """The first week the measure reaches each band (info, warning, error: those `bands` has), the highest one (`top`) and a line naming each week."""
    found = {level: first(weeks, measure, bands[level], start) for level in BAND_LEVELS if level in bands}
    crossed: dict[str, Any] = {level: item for level, item in found.items() if item is not None}
    if crossed:
        highest = {item["week"]: level for level, item in crossed.items()}  # bands go up: the last per week wins
        crossed["crossings"] = ", ".join(
            f"{item['value']:,} in week {item['week']}, the {level} {kind}" for level, item in crossed.items() if highest[item["week"]] == level
        )
        crossed["top"] = next(crossed[level] for level in reversed(BAND_LEVELS) if level in crossed)
    return {**crossed, "bands": dict(bands), "levels": dict(levels if levels is not None else bands)}


def events(projection: Projection, params: Parameters | None = None) -> dict[str, Any]:
    """The fact's value for a projection made with `params` (the model's, rules' defaults applied, when None)."""
    params = params or load_parameters()
    weeks = projection.weeks
    value: dict[str, Any] = {
        "weeks": len(weeks),
        "basis": basis(projection),
        "pending": pending_events(projection, params["pending_bands"], params.stated("pending_bands")),
        "series": {"pending": [week.pending for week in weeks], "sent": [week.sent for week in weeks]},
    }
    cap = int(params["connection_cap"])
    value["connections"] = connection_events(projection, params["connection_levels"], params.stated("connection_levels"), cap)
    if "top" in value["pending"]:
        value["pending"]["held"] = held(projection, cap, value["pending"]["top"]["week"])
        value["pending"]["moves"] = moves(projection, value["pending"])
    refused = next((week for week in weeks if week.notes_refused), None)
    if refused is not None:
        value["note_quota"] = {
            **event(refused, refused.notes_refused, int(params["free_note_quota"])),
            "notes_used_30d": refused.notes_used_30d,
            "quota": projection.assumptions["note_quota"],
        }
    over = next((week for week in weeks if week.sent > week.weekly_limit), None)
    if over is not None:
        error_threshold = over.weekly_limit if projection.conservative or over.week <= projection.new_account_weeks else int(params["weekly_error_limit"])
        value["weekly_limit"] = {
            **event(over, over.sent, over.weekly_limit), "conservative": projection.conservative, "error_threshold": error_threshold,
            "ssi_floor": params["ssi_floor"], **limit_reason(projection, over, params),
        }
    return value


def limit_reason(projection: Projection, week: Week, params: Parameters) -> dict[str, str]:
    """Why a week's limit is what it is, in SIM004's words: `why` (a clause of its message, '' for the weekly limit
    itself), `limit` and `remedy` (its fix). A new account's week is held to OUT006's daily limit, not to the SSI's."""
    if week.week <= projection.new_account_weeks:
        per_day, days = params["new_account_per_day"], params["new_account_days"]
        assumed = projection.new_account_assumed  # an unstated age: new is an assumption, and the basis names it
        return {
            "why": f", a new account's {per_day:g} a day" if assumed else f", {per_day:g} a day while the account has fewer than {days:g} days of activity",
            "basis": basis(projection, (assumed,) if assumed else ()),
            "limit": f"{per_day:g} invitations a day until the account has {days:g} days of activity (a new or dormant account's limit, OUT006)",
            "remedy": "then raise the volume gradually over at least two weeks (`outreach.schedule`)",
        }
    trusted = int(params["trusted_weekly_limit"])
    if projection.conservative:
        remedy = f"raise the SSI to {params['ssi_floor']:g} or more (and declare it) before any higher volume"
    elif week.weekly_limit < trusted:
        remedy = (
            f"only a paid account at least {params['aged_days']:g} days old with a declared SSI of {params['trusted_ssi']:g}+ "
            f"may send up to {trusted}"
        )
    else:
        remedy = f"{trusted} is the most even a paid, aged account with a high SSI may send"
    return {"why": "", "limit": f"{week.weekly_limit} invitations a week", "remedy": remedy, "basis": basis(projection)}


def moves(projection: Projection, pending: Mapping[str, Any]) -> str:
    """How the backlog comes to its highest band, for messages: `grow to 202 by week 1` (info), `reach 520 in week 3`, or,
    when an assumed start is in that band already, `stay in the band from an assumed 239 at the start, at 237 in week 1`
    (it may fall: it does not grow)."""
    top = pending["top"]
    level = next(name for name in reversed(BAND_LEVELS) if name in pending)
    start = projection.start.pending
    if projection.backlog_assumed and start >= top["threshold"]:
        return f"stay in the band from an assumed {start:,} at the start, at {top['value']:,} in week {top['week']}"
    return f"grow to {top['value']:,} by week {top['week']}" if level == "info" else f"reach {top['value']:,} in week {top['week']}"


def held(projection: Projection, cap: int, week: int) -> str:
    """The clause saying that LinkedIn's cap, reached by `week`, keeps the invitations pending (no one can accept one); '' when it is not."""
    start = projection.start.connections
    if start is None:
        return ""
    if start >= cap:
        return f"; the network is at LinkedIn's cap of {cap:,}, so none is accepted"
    reached = next((each.week for each in projection.weeks[:week] if each.connections is not None and each.connections >= cap), None)
    return "" if reached is None else f"; the network reaches LinkedIn's cap of {cap:,} in week {reached}, and none is accepted after it"


def basis(projection: Projection, more: tuple[str, ...] = ()) -> str:
    """What the projection assumed rather than read, as one clause for messages; `more`: what one finding assumes besides."""
    caveats = (*projection.caveats, *more)
    return "assumed: " + ", ".join(caveats) if caveats else "from what the plan states"


def simulation(plan: Mapping[str, Any], rule_params: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any] | None:
    """The plan projected 12 weeks ahead: the week a pending band, a connection level, the note quota or the weekly limit is crossed.

    None when the plan states no invitation volume. `rule_params` are the run's
    params of the rules the model reads (`{"HYG001": {...}, "OUT003": {...}, "OUT010": {...}, "OUT019": {...}, "SSI001": {...}}`,
    configuration applied).
    """
    params = load_parameters().applying(rule_params)
    projection = simulate(plan, params=params)
    return None if projection is None else events(projection, params)

