"""The built-in facts: derived metrics that rules read as `facts.<name>`.

Each fact is a small function of the plan data. It returns a plain JSON-like
value, or None when the plan does not say enough (the fact is then left out
and rules that read it do not fire). Facts never trust the plan's types: a
value of the wrong type counts as absent, so a plan with schema violations
cannot make a fact fail.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from operator import le
from typing import Any

from ssi_lint import ssi as ssi_estimation
from ssi_lint.engine.templates import counted
from ssi_lint.memo import by_identity, per_plan, per_plan_keyed
from ssi_lint.model import Fact, as_words, is_mapping, lookup, tidy
from ssi_lint.ssi_model import SsiLevels, distinct_count, rule_limit, ssi_levels

Plan = Mapping[str, Any]

DAYS_PER_MONTH = 30
"""LinkedIn counts personal notes of free accounts per 30 days (DOMAIN.md)."""

PILLARS = ("brand", "people", "insights", "relationships")
"""The four SSI pillars, 0-25 points each (GUIDANCE.md S8)."""


def _get(plan: Plan, *keys: str) -> Any:
    """The value at a path of mapping keys, or None when any step is missing."""
    return lookup(plan, keys)


def _number(value: Any) -> int | float | None:
    """A finite int or float (never a bool), else None."""
    kind = type(value)
    if kind is not int and kind is not float and (isinstance(value, bool) or not isinstance(value, int | float)):
        return None  # (plain numbers skip the isinstance() checks: they cost several times more)
    if value != value:  # NaN (never an int)
        return None
    return value


def _count(plan: Plan, *keys: str) -> int | float | None:
    """A non-negative number at a path, else None."""
    value = _number(_get(plan, *keys))
    return value if value is not None and value >= 0 else None


DEFAULT_ACTIVE_DAYS = 5
"""Days a week outreach goes out when the plan does not say: the working week."""


ASSUMED_DAYS_SOURCES = ("default", "idle")
"""The `active_days_source` values for which the days a week are the assumed 5, not a stated count."""


@per_plan
def active_days_source(plan: Plan) -> str:
    """Where the days a week outreach goes out come from: `outreach`, `account` (its active days), `idle` or `default` (5).

    `idle`: the plan states the account is used 0 days a week (`account.active_days_per_week: 0`, which the
    plan format allows: it feeds the SSI estimate) and no outreach days. That leaves no day for the outreach the
    plan does state, so the 5-day working week is assumed, as for `default`, and messages say the plan stated 0.
    """
    for section in ("outreach", "account"):
        days = _number(_get(plan, section, "active_days_per_week"))
        if days is not None and 1 <= days <= 7:
            return section
    return "idle" if _number(_get(plan, "account", "active_days_per_week")) == 0 else "default"


@per_plan
def active_days_per_week(plan: Plan) -> int:
    """Days a week invitations and messages go out: `outreach.active_days_per_week` (1-7), else the days the
    account is used (`account.active_days_per_week`, 1-7), else 5 (also when the account is stated used 0 days)."""
    source = active_days_source(plan)
    return DEFAULT_ACTIVE_DAYS if source in ASSUMED_DAYS_SOURCES else int(_get(plan, source, "active_days_per_week"))


def active_days_stated(plan: Plan) -> bool:
    """Whether the plan states `outreach.active_days_per_week` (else the account's active days, or 5, are assumed)."""
    return active_days_source(plan) == "outreach"


DAYS_PER_WEEK = 7
"""The most days a week can hold."""


def stated_active_days(plan: Plan) -> int | None:
    """The days a week outreach is stated to go out on: `outreach.active_days_per_week`, else the days the account is used
    (`account.active_days_per_week`), 1-7; None when the plan states neither (the 5 the volume rules then assume are no statement)."""
    return None if active_days_source(plan) in ASSUMED_DAYS_SOURCES else active_days_per_week(plan)


def week_active_days(plan: Plan, volume: float) -> int:
    """The days a week's `volume` of invitations goes out: the one place a week's daily pace is read from.

    The stated days (`outreach.active_days_per_week`, else `account.active_days_per_week`) hold as
    stated. The assumed 5 yields to a stated `per_day`, the most a day: a week above 5 x per_day goes
    out on as many days as per_day needs (56 at 8 a day: 7 days). A week above 7 x per_day cannot fit
    (PLN001 says so), and per_day then bounds nothing: the assumed 5 days stand, the riskier reading.
    """
    days, per_day = _pace_basis(plan)
    if per_day is None or volume <= per_day * days:
        return days
    needed = math.ceil(volume / per_day - 1e-9)
    return needed if needed <= DAYS_PER_WEEK else days


@per_plan
def _pace_basis(plan: Plan) -> tuple[int, int | float | None]:
    """The days a week and the per_day cap `week_active_days` reads (no cap where the days are stated or per_day is not)."""
    days = active_days_per_week(plan)
    if active_days_source(plan) not in ASSUMED_DAYS_SOURCES:
        return days, None
    per_day = stated_volumes(plan)[1]
    return days, per_day if per_day is not None and per_day > 0 else None


def week_daily_pace(plan: Plan, volume: float) -> int | float:
    """A week's invitations a day: its `volume` over the days it goes out (`week_active_days`)."""
    return tidy(volume / week_active_days(plan, volume))


ACTIVE_DAYS_NOTES = {
    "outreach": "",
    "account": ", the days the account is active: set outreach.active_days_per_week",
    "default": ", assumed: set outreach.active_days_per_week",
    "idle": ", assumed: account.active_days_per_week is 0, which leaves no day to send on; set outreach.active_days_per_week",
}
"""How a message names where the days a week came from."""


@per_plan
def busiest_schedule_week(plan: Plan) -> int | float | None:
    """The most invitations any week of `outreach.schedule` plans; None without a schedule.

    Kept for the latest plan: several facts ask.
    """
    schedule = _get(plan, "outreach", "schedule")
    if not isinstance(schedule, list):
        return None
    volumes = [_count(week, "invitations") for week in schedule if is_mapping(week)]
    known = [volume for volume in volumes if volume is not None]
    return max(known) if known else None


def schedule_repeat(plan: Plan) -> dict[str, Any] | None:
    """The first `outreach.schedule` entry for a week an earlier entry already gives: `{week, path, first, again}`.

    `first` and `again` are the two volumes; the projection and the limits take
    the larger. None when every week is given once.
    """
    from ssi_lint.simulation.drivers import scheduled_entries

    seen: dict[int, int] = {}
    for number, volume, index, _ in scheduled_entries(plan):
        if number in seen:
            return {"week": number, "path": f"outreach.schedule[{index}]", "first": seen[number], "again": volume}
        seen[number] = volume
    return None


def schedule_ramp(plan: Plan) -> dict[str, Any] | None:
    """How `outreach.schedule` ramps up: `{weeks, rises, volumes}`; None when no entry states its invitations.

    `weeks` counts the distinct weeks; `rises` says the volume never falls from
    one week to the next and ends above where it starts (a flat or falling
    schedule is no ramp-up); `volumes` names each week's (the larger of two
    entries for one week, as the projection takes it).
    """
    from ssi_lint.simulation.drivers import schedule_weeks

    weeks = sorted(schedule_weeks(plan).items())
    if not weeks:
        return None
    volumes = [volume for _, (volume, _) in weeks]
    rises = len(volumes) > 1 and volumes[-1] > volumes[0] and all(map(le, volumes, volumes[1:]))
    return {"weeks": len(weeks), "rises": rises, "volumes": ", ".join(f"{volume} in week {number}" for number, (volume, _) in weeks)}


@per_plan
def stated_volumes(plan: Plan) -> tuple[int | float | None, int | float | None]:
    """`outreach.invitations.per_week` and `per_day` as the plan states them (non-negative numbers, else None)."""
    return _count(plan, "outreach", "invitations", "per_week"), _count(plan, "outreach", "invitations", "per_day")


def per_week_decides(per_week: float | None, per_day: float | None) -> bool:
    """Whether a stated `per_week` is the steady weekly volume: given, and not below `per_day` (a week holds the day).

    Otherwise `per_day` decides (times the active days), the riskier reading of the two.
    """
    return per_week is not None and (per_day is None or per_week >= per_day)


@per_plan
def invitations_per_week(plan: Plan) -> int | float | None:
    """The steady weekly invitation volume the plan states.

    The explicit `outreach.invitations.per_week`; else `per_day` times the days
    a week outreach goes out (`outreach.active_days_per_week`, 5 when not
    given). A `per_week` below `per_day` cannot be right (a week holds the day),
    so `per_day` decides then: the riskier reading (PLN002 names the clash).
    The ramp-up schedule is judged week by week by its own rules, so it
    is not folded in here (see `peak_invitations_per_week`). Kept for the
    latest plan: several facts ask.
    """
    per_week, per_day = stated_volumes(plan)
    if per_week_decides(per_week, per_day):
        return per_week
    return None if per_day is None else per_day * active_days_per_week(plan)


@per_plan
def peak_invitations_per_week(plan: Plan) -> int | float | None:
    """The largest weekly volume the plan implies: the steady volume or the busiest schedule week."""
    known = [value for value in (invitations_per_week(plan), busiest_schedule_week(plan)) if value is not None]
    return max(known) if known else None


def sends_no_invitations(plan: Plan) -> bool:
    """Whether the plan states that it sends no invitations: its weekly volume (see `invitations_per_week`) and every schedule week are 0.

    False when it states none (unknown is not zero): rules about how invitations
    are sent stay quiet only for a plan that says it sends none.
    """
    return peak_invitations_per_week(plan) == 0


def invitations_per_day(plan: Plan) -> int | float | None:
    """The daily invitation volume: `per_day`, else `per_week` spread over the active days."""
    per_week, per_day = stated_volumes(plan)
    if per_day is not None:
        return per_day
    return None if per_week is None else tidy(per_week / active_days_per_week(plan))


def starting_invitations_per_day(plan: Plan) -> int | float | None:
    """The daily volume in the plan's first week: the earliest schedule week over its days (`week_active_days`), else `invitations_per_day`.

    The schedule's weeks are read as the projection reads them (a week given twice counts its larger volume).
    """
    from ssi_lint.simulation.drivers import schedule_weeks

    weeks = schedule_weeks(plan)
    if weeks:
        return week_daily_pace(plan, weeks[min(weeks)][0])
    return invitations_per_day(plan)


def skills_listed(plan: Plan) -> int | None:
    """How many different skills `profile.skills` lists (`Python` and `python ` are one, a blank entry none); None without a list."""
    skills = _get(plan, "profile", "skills")
    return distinct_count(skills) if isinstance(skills, list) else None


def search_passes(plan: Plan) -> int | None:
    """How many passes `prospecting.searches` lists that state something to search by (`{keywords: []}` is none); None without a list."""
    searches = _get(plan, "prospecting", "searches")
    return distinct_count(searches) if isinstance(searches, list) else None


def search_keywords_added(plan: Plan) -> int | None:
    """How many keywords the later passes of `prospecting.searches` add to the first pass's, compared as words
    (`as_words`: case, spacing and hyphens in any script are no narrowing); None without two passes and a first keyword."""
    searches = _get(plan, "prospecting", "searches")
    if not isinstance(searches, list) or len(searches) < 2:
        return None
    first, *later = (_keywords(search) for search in searches)
    if not first:
        return None
    return len({word for words in later for word in words} - first)


def _keywords(search: Any) -> set[str]:
    """A search pass's keywords as words (blank ones left out)."""
    keywords = search.get("keywords") if is_mapping(search) else None
    if not isinstance(keywords, list):
        return set()
    return {words for keyword in keywords if isinstance(keyword, str) and (words := as_words(keyword))}


def searches_field(plan: Plan) -> str | None:
    """The field that states the plan's people searches, for a finding to point at: `prospecting.searches`, else
    `prospecting.searches_per_week`; None when it states neither (the search verdicts then say so)."""
    for key in ("searches", "searches_per_week"):
        if _get(plan, "prospecting", key) is not None:
            return f"prospecting.{key}"
    return None


def headline_skills(plan: Plan) -> list[str] | None:
    """The listed skills the headline names as whole words, compared without case, spacing or hyphens in any script; None without both.

    `AI` is not named by "retail", nor `Java` by "JavaScript"; `C++` is by "C++ developer", `demand generation` by "Demand-generation lead".
    """
    headline, skills = _get(plan, "profile", "headline"), _get(plan, "profile", "skills")
    named = [skill for skill in skills if isinstance(skill, str) and skill.strip()] if isinstance(skills, list) else []
    if not isinstance(headline, str) or not headline.strip() or not named:
        return None
    folded = _spaced(headline)
    keys = [(skill, _spaced(skill)) for skill in named]
    return [skill for skill, key in keys if key in folded and _whole_word(key).search(folded)]  # `in` first: most are not there


def _spaced(text: str) -> str:
    """A text without case, its hyphens and runs of spacing one space each: `Demand-generation  lead` reads `demand generation lead`."""
    return " ".join(_HYPHENS.sub(" ", text).split()).casefold()


_HYPHENS = re.compile(r"[-\u2010-\u2014]")
"""The hyphen-minus, the Unicode hyphens and the dashes: words they join are words apart."""


@lru_cache(maxsize=1024)
def _whole_word(key: str) -> re.Pattern[str]:
    """The pattern of a text as a whole word or phrase, remembered: plans list the same skills."""
    return re.compile(rf"(?<!\w){re.escape(key)}(?!\w)")


@per_plan  # `category_listed` reads it too
def category_words(plan: Plan) -> dict[str, str] | None:
    """Each offer category of the ad campaigns as the words the word-list rules read: `{"Casino, hotel": " casino hotel "}`.

    Lower case, every run of characters that are not letters or digits read as
    one space, and a space at each end, so that `text.contains(' ' + word + ' ')`
    finds whole words and phrases. None when no campaign names a category.
    """
    campaigns = _get(plan, "ads", "campaigns")
    found: dict[str, str] = {}
    for campaign in campaigns if isinstance(campaigns, list) else ():
        offer = campaign.get("offer") if is_mapping(campaign) else None
        category = offer.get("category") if is_mapping(offer) else None
        if isinstance(category, str) and category not in found:
            found[category] = f" {as_words(category)} "
    return found or None


def category_listed(plan: Plan, rule_params: RuleParams | None = None) -> dict[str, list[str]] | None:
    """Each offer category of the ad campaigns with the listed words and phrases it holds: `{"online casino": ["casino"]}`.

    A word or phrase of a list of the built-in word-list rules (`WORD_LIST_RULES`, configuration applied;
    `rule_params` None: their defaults) that the category holds as whole words, as `category_words` reads it. A rule
    asks which of them its own list holds (`word in params.words`): a few steps, where a search of the category takes
    one per listed word. A rule with a list of its own searches `category_words`. None when no campaign names a category.
    """
    categories = category_words(plan)
    if categories is None:
        return None
    listed = listed_words(rule_params)
    return {category: _held(text, listed) for category, text in categories.items()}


WORD_LIST_RULES = ("ADS009", "ADS011", "ADS013", "ADS014", "ADS015", "ADS016", "ADS017", "ADS018", "ADS019", "ADS020", "ADS021", "ADS023")
"""The rules whose lists of words and phrases `category_listed` looks for (ADS010 and ADS012 judge with ADS009's; a
test keeps the list equal to the rules that read it)."""


def listed_words(rule_params: RuleParams | None = None) -> dict[str, tuple[str, ...]]:
    """Every word and phrase of the word-list rules' lists, by its first word: `{"online": ("online slots", "online poker")}`
    (`rule_params`: the run's, configuration applied; None: the built-in defaults). Worked out once per params object."""
    if rule_params is None:
        return _builtin_listed()
    return by_identity(_LISTED, rule_params, lambda: _by_first_word(rule_params.values()))


_LISTED: dict[int, tuple[Any, dict[str, tuple[str, ...]]]] = {}
"""`listed_words` by the rule params given (`memo.by_identity`)."""


@lru_cache(maxsize=1)
def _builtin_listed() -> dict[str, tuple[str, ...]]:
    from ssi_lint.simulation.parameters import builtin_rule_params

    return _by_first_word(builtin_rule_params(rule_id) for rule_id in WORD_LIST_RULES)


def _by_first_word(rules_params: Iterable[Mapping[str, Any]]) -> dict[str, tuple[str, ...]]:
    """The texts of the params' lists, each once, by first word (a text of no words is left out: it names nothing)."""
    listed: dict[str, dict[str, None]] = {}
    for params in rules_params:
        for value in params.values():
            for item in value if isinstance(value, list) else ():
                words = item.split() if isinstance(item, str) else ()
                if words:
                    listed.setdefault(words[0], {})[" ".join(words)] = None
    return {first: tuple(phrases) for first, phrases in listed.items()}


def _held(text: str, listed: Mapping[str, tuple[str, ...]]) -> list[str]:
    """The listed phrases that the padded words `text` hold as whole words, each once: a lookup per distinct word, and
    a search of the text for each listed phrase that starts with one, however long the category or the phrases."""
    found: dict[str, None] = {}
    for word in dict.fromkeys(text.split()):
        for phrase in listed.get(word, ()):
            if phrase == word or f" {phrase} " in text:
                found[phrase] = None
    return list(found)


INVITATION_WEEKS = 12
"""Weeks `invitation_weeks` reads ahead: the projection's horizon."""


PER_DAY_PATH = "outreach.invitations.per_day"


@per_plan
def invitation_weeks(plan: Plan) -> list[dict[str, Any]] | None:
    """Invitations of weeks 1-12 as the projection reads them, as runs of weeks alike: `{week, per_day, days, path, invitations, peak, peak_path, how}`.

    Each run starts at `week` and holds the weeks after it with the same volume (`invitations`) from the same
    plan field (`path`); `per_day` is that volume over the `days` it goes out (`week_active_days`:
    the active days, or more where a stated per_day caps the day and the days are assumed). `peak` is the
    most a day of the run: outside a schedule week, the stated `per_day` where it is more (`stated_day_peaks`:
    a day may send it, and `peak_path` is then per_day's), else `per_day`, from the week's field (`busiest_invitation_day`
    names the same field, so that OUT001 and OUT006 judging one day point at one field).
    `how` words the week for messages after the peak: `, 125 invitations a week over 5 days`, or, where the stated
    per_day sets the peak, `, the most a day per_day allows, in a week of 11 invitations` (a week of 11 over 5 days
    has no day of 11); a week the schedule does not list names the week whose volume it is assumed to keep
    (`held_weeks`). None when the plan states no invitation volume.
    """
    from ssi_lint.simulation.drivers import held_weeks, weekly_volumes

    volumes = weekly_volumes(plan, INVITATION_WEEKS, active_days_per_week(plan), {})
    if volumes is None:
        return None
    runs = [(week, volume, driver) for week, (volume, driver) in enumerate(volumes, start=1)
            if week == 1 or (volume, driver) != volumes[week - 2]]
    stated = stated_volumes(plan)[1]
    held = held_weeks(plan, INVITATION_WEEKS)
    found = []
    for week, volume, driver in runs:
        days = week_active_days(plan, volume)
        pace = tidy(volume / days)
        run = {"week": week, "per_day": pace, "days": days, "path": driver.path, "invitations": tidy(volume), "peak": pace, "peak_path": driver.path,
               "how": f", {tidy(volume):,} invitations a week over {counted(days, 'day')}"}
        if volume > 0 and driver.kind != "schedule" and stated_day_peaks(stated, pace):  # the stated most a day: a day may send it
            run["peak"], run["peak_path"] = stated, PER_DAY_PATH
            run["how"] = f", the most a day per_day allows, in a week of {tidy(volume):,} invitation{'' if volume == 1 else 's'}"
        run["how"] += held_said(week, held)
        found.append(run)
    return found


def stated_day_peaks(stated: int | float | None, pace: float) -> bool:
    """Whether the stated `per_day` sets a week's busiest day rather than the week's own pace: it is more. Where the week's
    pace reaches it, the week's field sets the day (125 a week over 5 days is the 25 a day per_day states). The one test
    `invitation_weeks` (OUT006) and `busiest_invitation_day` (OUT001) share, so that both point at one field."""
    return stated is not None and stated > pace


def held_said(week: int, held: Mapping[int, int]) -> str:
    """`; assumed: the schedule does not list week 1, so it keeps week 6's volume` for a week the schedule leaves out
    (`held`: such weeks and the listed week whose volume each keeps), else ''."""
    listed_week = held.get(week)
    if listed_week is None:
        return ""
    return f"; assumed: the schedule does not list week {week}, so it keeps week {listed_week}'s volume"


@per_plan
def busiest_invitation_day(plan: Plan) -> dict[str, Any] | None:
    """The plan's largest daily invitation pace and the field behind it: `{per_day, path, how}`.

    The pace is the stated `per_day` or a week's invitations over the days they go out
    (`invitation_weeks`, then any schedule week after them), whichever is larger: 100 a week sent
    on 1 day a week is 100 a day, whatever per_day says. A week whose pace reaches the stated per_day
    is that day, and its field is named, as in `invitation_weeks` (`stated_day_peaks`), so that OUT001
    and OUT006 name the same field; a week per_day itself makes is per_day's. `how`
    says, for messages, how a worked-out pace was reached (empty for the stated per_day), and names
    the assumption of a week the schedule does not list (`held_said`). None without a volume.
    """
    from ssi_lint.simulation.drivers import held_weeks, scheduled_entries

    per_day = stated_volumes(plan)[1]
    busiest: dict[str, Any] | None = None if per_day is None else {"per_day": per_day, "path": PER_DAY_PATH, "how": ""}
    weeks = [(run["week"], run["invitations"], run["path"], run["days"], run["per_day"]) for run in invitation_weeks(plan) or ()]
    for week, volume, index, _ in scheduled_entries(plan):
        if week > INVITATION_WEEKS:
            days = week_active_days(plan, volume)
            weeks.append((week, volume, f"outreach.schedule[{index}].invitations", days, tidy(volume / days)))
    source = ACTIVE_DAYS_NOTES[active_days_source(plan)]
    held = held_weeks(plan, INVITATION_WEEKS)
    for week, volume, path, days, pace in weeks:
        if busiest is None or (pace > busiest["per_day"] if busiest["path"] != PER_DAY_PATH
                               else path != PER_DAY_PATH and not stated_day_peaks(per_day, pace)):
            when = f"week {week}: " if path.startswith("outreach.schedule") else ""
            how = f" ({when}{volume:,} invitations a week over {counted(days, 'day')}{source}{held_said(week, held)})"
            busiest = {"per_day": pace, "path": path, "how": how}
    return busiest


_IDLE = "the account is stated used 0 days a week (`account.active_days_per_week: 0`)"
"""Why an account counts as dormant, whatever its age (`account_age`'s `idle` basis)."""


@per_plan
def account_age(plan: Plan) -> dict[str, Any]:
    """The account's days of activity as the new-account rules judge them: `{days, basis, said}`.

    `basis` is `stated` (`account.age_days`); `resumed` when the export (the plan itself, or the
    one it is checked against) shows the account dormant, then active again (`export.resumed_on`):
    its `age_days` counts from then, and a plan's longer stated age is not activity (an export's own `age_days`, its
    days since its oldest dated row, is said as the lower bound it is); `idle` when
    the account is stated used 0 days a week (`account.active_days_per_week: 0`): a dormant
    account coming back has no recent activity, whatever its age; or `unstated`: unknown is not
    old, so the account counts as new (0 days). `said` names the basis for messages.
    """
    age = _count(plan, "account", "age_days")
    if _number(_get(plan, "account", "active_days_per_week")) == 0:
        return {"days": 0, "basis": "idle", "said": f"{_IDLE[0].upper()}{_IDLE[1:]}, so it counts as dormant, with no recent activity"}
    resumed = _resumed(plan, age)
    if resumed is not None:
        return resumed
    if age is None:
        return {"days": 0, "basis": "unstated", "said": "The plan does not give `account.age_days`, so the account counts as new"}
    days = tidy(age)
    if observed_state(plan) is plan:  # an export's age is its days of activity since its oldest dated row: a lower bound
        return {"days": days, "basis": "stated", "said": f"Only {counted(days, 'day')} of activity (a lower bound of the account's age)"}
    return {"days": days, "basis": "stated", "said": f"The account is {counted(days, 'day')} old"}


def _resumed(plan: Plan, age: int | float | None) -> dict[str, Any] | None:
    """`account_age` of an account the export shows dormant, then active again (`export.resumed_on`): its days of
    activity since then; for a plan checked against the export, only when the plan states no fewer. None otherwise."""
    observed = observed_state(plan)
    if observed is None:
        return None
    resumed, idle = _get(observed, "export", "resumed_on"), _count(observed, "export", "idle_days_before")
    active = _count(observed, "account", "age_days")
    if not isinstance(resumed, str) or idle is None or active is None:
        return None
    if observed is not plan and age is not None and age <= active:
        return None
    days = tidy(active)
    as_of = _get(observed, "export", "as_of")
    last = f"the export's last day ({as_of})" if isinstance(as_of, str) else "the last day the export shows"
    since = (f"dormant, with no activity for {tidy(idle):,} days, until it resumed on {resumed}, "
             f"{counted(days, 'day')} before {last}")
    if observed is plan:
        return {"days": days, "basis": "resumed", "said": f"The account was {since}"}
    stated = (
        "the plan not giving `account.age_days`" if age is None
        else f"whatever the plan's `account.age_days: {tidy(age):,}` (its age, not its activity)"
    )
    return {"days": days, "basis": "resumed", "said": f"The export shows the account {since}, {stated}"}


def weekly_invitation_figures(plan: Plan) -> list[dict[str, Any]] | None:
    """Every weekly invitation figure the plan states, in plan order: `{name, invitations, path}`.

    `per_week` first, then each `outreach.schedule` entry that states a volume (its
    `invitations` field), so that a rule over weeks can point at the figure it judges.
    None when the plan states none.
    """
    from ssi_lint.simulation.drivers import scheduled_entries

    found = []
    per_week = stated_volumes(plan)[0]
    if per_week is not None:
        found.append({"name": "per_week", "invitations": tidy(per_week), "path": "outreach.invitations.per_week"})
    for week, volume, index, _ in scheduled_entries(plan):
        found.append({"name": f"schedule week {week}", "invitations": volume, "path": f"outreach.schedule[{index}].invitations"})
    return found or None


def personal_notes_per_month(plan: Plan) -> int | None:
    """Invitations a month (30 days) that carry a note: every one when `note` is personalized or template.

    LinkedIn's free-account quota counts any note, written or templated. 0 when
    `note` is none; None when the note or the volume is not stated. An export
    that counts the notes of its last 30 days (`export.notes_last_30_days`) is
    judged on that count, not on a rate extrapolated from its busiest week.
    """
    counted = _observed_notes(plan)
    if counted is not None:
        return counted
    note = _get(plan, "outreach", "invitations", "note")
    if note == "none":
        return 0
    if note not in ("personalized", "template"):
        return None
    weekly = invitations_per_week(plan)
    return None if weekly is None else round(weekly * DAYS_PER_MONTH / 7)


def _observed_notes(plan: Plan) -> int | None:
    """The notes an export counts in its last 30 days, when the plan is that export; else None."""
    count = _count(plan, "export", "notes_last_30_days") if observed_state(plan) is plan else None
    return None if count is None else int(count)


def personal_notes_basis(plan: Plan) -> str | None:
    """How `personal_notes_per_month` was found, for messages: planned a month, or counted in an export's last 30 days."""
    notes = personal_notes_per_month(plan)
    if notes is None:
        return None
    if _observed_notes(plan) is None:
        return f"Notes planned a month: about {notes}"
    as_of = _get(plan, "export", "as_of")
    until = f" to {as_of}" if isinstance(as_of, str) else ""
    return f"{counted(notes, 'invitation')} with a note in the 30 days{until}"


def invitation_note_length(plan: Plan) -> int | None:
    """The length in characters of `outreach.invitations.note_template`."""
    note = _get(plan, "outreach", "invitations", "note_template")
    return len(note) if isinstance(note, str) else None


def publications_per_week(plan: Plan) -> int | float | None:
    """Posts, photos and reposts a week, added up; None when the plan states none of them."""
    counts = [_count(plan, "content", "per_week", key) for key in ("posts", "photos", "reposts")]
    known = [count for count in counts if count is not None]
    return tidy(sum(known)) if known else None


def repost_share(plan: Plan) -> float | None:
    """Reposts as a share (0-1) of weekly publications: reposts / (posts + photos + reposts), posts or photos not stated counted as 0.

    A LinkedIn export gives its exact weekly rates in `export.per_week`; they are used when they hold the
    reposts, since the whole counts of `content.per_week` read a post a month as one a week.
    """
    section = ("export", "per_week") if _count(plan, "export", "per_week", "reposts") is not None else ("content", "per_week")
    reposts = _count(plan, *section, "reposts")
    stated = [(_get(plan, *section, key), _count(plan, *section, key)) for key in ("posts", "photos")]
    if reposts is None or any(value is not None and count is None for value, count in stated):
        return None  # a posts or photos that is no count leaves the share unknown (SCHEMA001 names it)
    total = sum(count or 0 for _, count in stated) + reposts
    return None if total == 0 else round(reposts / total, 4)


def invitations_basis(plan: Plan) -> str | None:
    """How the weekly invitation volume was read: `per_week: 150`, or `20 a day x 5 days` with any assumption named."""
    per_week, per_day = stated_volumes(plan)
    if per_week_decides(per_week, per_day):
        return f"per_week: {tidy(per_week)}"
    if per_day is None:
        return None
    clash = "" if per_week is None else f"; per_week {tidy(per_week)} is less than a day's"
    return f"{tidy(per_day)} a day x {active_days_per_week(plan)} days{ACTIVE_DAYS_NOTES[active_days_source(plan)]}{clash}"


def assumed_days_week(plan: Plan, rule_params: RuleParams | None = None) -> dict[str, Any] | None:
    """The weekly volume `per_day` makes on days a week the plan does not state, and whether those days decide OUT003's
    verdict: `{days, week, every_day, said, level, threshold}` (the assumed days, the week they make, the week on all 7,
    OUT003's verdict on the assumed week in words, and the more severe level of OUT003 that all 7 days cross, with its
    threshold; `level` and `threshold` only when there is one). None when the days are stated or `per_day` does not decide.
    The levels are OUT003's (`weekly_levels`, its params with configuration applied)."""
    per_week, per_day = stated_volumes(plan)
    if per_day is None or per_week_decides(per_week, per_day) or active_days_source(plan) not in ASSUMED_DAYS_SOURCES:
        return None
    days = active_days_per_week(plan)
    week, every_day = tidy(per_day * days), tidy(per_day * DAYS_PER_WEEK)
    levels = weekly_levels(plan, rule_params)
    assumed, worst = _crossed_level(week, levels), _crossed_level(every_day, levels)
    said = (f"within {levels['info']:g}" if assumed is None else f"above {levels[assumed]:g}, allowed as a trusted account" if assumed == "info"
            else f"above {levels[assumed]:g}, OUT003's {assumed} level")
    found: dict[str, Any] = {"days": days, "week": week, "every_day": every_day, "said": said}
    if worst is not None and (assumed is None or LEVEL_ORDER.index(worst) < LEVEL_ORDER.index(assumed)):
        found.update(level=worst, threshold=tidy(levels[worst]))
    return found


LEVEL_ORDER = ("error", "warning", "info")
"""OUT003's levels, the most severe first."""


def weekly_levels(plan: Plan, rule_params: RuleParams | None = None) -> dict[str, float]:
    """OUT003's thresholds for this plan's account, its params with configuration applied: `info` its `limit`, `warning` the
    weekly limit (`trusted_limit` for a trusted account, `simulation.inputs.weekly_invitation_limit`), `error` the `limit`
    when the SSI is low or unknown (`ssi_judged.low`), else `error_limit`; OUT003 crosses one when a week is above it."""
    from ssi_lint.simulation.inputs import weekly_invitation_limit
    from ssi_lint.simulation.parameters import load_parameters

    params = load_parameters().applying(rule_params)
    limit = float(params["weekly_limit"])
    error = limit if ssi_judged(plan, rule_params)["low"] else float(params["weekly_error_limit"])
    return {"info": limit, "warning": float(weekly_invitation_limit(plan, params)), "error": error}


def _crossed_level(week: float, levels: Mapping[str, float]) -> str | None:
    """The most severe of OUT003's levels a week is above, else None."""
    return next((name for name in LEVEL_ORDER if week > levels[name]), None)


def invitations_field(plan: Plan) -> str | None:
    """The plan field the steady weekly invitation volume is read from: `outreach.invitations.per_week`, or `per_day` when it decides."""
    per_week, per_day = stated_volumes(plan)
    if per_week_decides(per_week, per_day):
        return "outreach.invitations.per_week"
    return None if per_day is None else "outreach.invitations.per_day"


def stated_acceptance_rate(section: Plan | None) -> float | None:
    """`outreach.acceptance_rate` of a plan (or an export's observed state) when it is a share from 0 to 1, else None."""
    rate = _number(_get(section, "outreach", "acceptance_rate")) if section is not None else None
    return float(rate) if rate is not None and 0 <= rate <= 1 else None


def typical_acceptance_rate() -> float:
    """The acceptance rate assumed when neither the plan nor an export gives one: the projection's
    `acceptance_rate_typical` (ssi_lint/simulation/model.yaml, with its source), the one default rules and projection share."""
    from ssi_lint.simulation.parameters import load_parameters

    return float(load_parameters()["acceptance_rate_typical"])


@per_plan
def observed_state(plan: Plan) -> Mapping[str, Any] | None:
    """The export's real state: `plan.observed` (from `--against`), or the plan itself when it is an export.

    Kept for the latest plan: facts and the projection ask some nine times a plan.
    """
    observed = plan.get("observed") if is_mapping(plan) else None
    if is_mapping(observed):
        return observed
    return plan if is_mapping(plan) and is_mapping(plan.get("export")) else None


def network_size(plan: Plan) -> dict[str, Any] | None:
    """The network's size that OUT010 and the projection judge: `{count, source, said}`.

    The export's count (`observed_state`) when it gives one, else `account.connections`: a plan checked
    against an export is judged on the network the export shows, as the projection starts from it.
    `source` is `observed` or `stated`; `said` words a plan's differing count for messages (''
    otherwise). None when neither gives a number.
    """
    observed = observed_state(plan)
    seen = _count(observed, "account", "connections") if observed is not None else None
    stated = _count(plan, "account", "connections")
    if seen is None:
        return None if stated is None else {"count": tidy(stated), "source": "stated", "said": ""}
    said = (
        "" if observed is plan or stated == seen
        else " (as the export shows; the plan does not state it)" if stated is None
        else f" (as the export shows; the plan states {tidy(stated):,})"
    )
    return {"count": tidy(seen), "source": "observed", "said": said}


def acceptance_rate_observed(plan: Plan) -> bool:
    """Whether the plan's `outreach.acceptance_rate` is observed, not planned: the plan is an export, whose rate is of invitations really sent.

    Such a rate is judged even when no invitation went out in the export's window
    (`sends_no_invitations`): the invitations it counts were sent before it.
    """
    return observed_state(plan) is plan and stated_acceptance_rate(plan) is not None


def invitation_burst(plan: Plan) -> str:
    """What a daily figure above half the weekly one shows (PLN002): a burst, or on a plan possibly a wrong figure.

    A plan's per_day and per_week are both written by hand, so either may be the mistake; an
    export's are both measured (its busiest day and 7 days), so neither can be wrong and only
    the burst is said.
    """
    if observed_state(plan) is plan:
        return "most of the busiest 7 days' invitations went out in one or two days"
    return "either most of the week's invitations go out in one or two days, or one of the two figures is wrong (a per_week below per_day gives way to per_day)"


ACCEPTANCE_SOURCES = ("observed", "stated", "assumed")
"""Where `acceptance_rate_used` took its rate from: the export, the plan, or the typical default."""


def acceptance_rate_used(plan: Plan, typical: float | None = None) -> tuple[float, str]:
    """The acceptance rate the projection and the rules use, and where it comes from (one of `ACCEPTANCE_SOURCES`).

    The export's observed rate (`observed_state`) when it gives one, else the plan's
    `outreach.acceptance_rate`, else `typical` (the projection passes its model file's;
    by default `typical_acceptance_rate`). The one decision the projection,
    `acceptance_basis` and `expected_new_connections_per_week` share.
    """
    seen = stated_acceptance_rate(observed_state(plan))
    if seen is not None:
        return seen, "observed"
    stated = stated_acceptance_rate(plan)
    if stated is not None:
        return stated, "stated"
    return (typical if typical is not None else typical_acceptance_rate()), "assumed"


def acceptance_basis(plan: Plan) -> str:
    """The acceptance rate per-week estimates use, and where it comes from, for messages: `40% accepted, as outreach.acceptance_rate says`."""
    rate, source = acceptance_rate_used(plan)
    if source == "observed":
        return f"{rate:.0%} accepted, observed in the export"
    if source == "stated":
        return f"{rate:.0%} accepted, as outreach.acceptance_rate says"
    return f"{rate:.0%} accepted, assumed: the plan states no acceptance_rate"


def assumed_acceptance_rate(plan: Plan) -> float | None:
    """The acceptance rate assumed because neither the plan nor the export it is checked against gives one; else None.

    `typical_acceptance_rate`, the rate the projection and `acceptance_basis` assume: COV014 names it.
    """
    rate, source = acceptance_rate_used(plan)
    return rate if source == "assumed" else None


def weekly_basis(plan: Plan) -> int | float | None:
    """Invitations a week that per-week judgements start from: the steady volume, else the busiest schedule week."""
    steady = invitations_per_week(plan)
    return steady if steady is not None else busiest_schedule_week(plan)


def expected_new_connections_per_week(plan: Plan) -> int | float | None:
    """New connections a week the invitations should bring: invitations a week (`weekly_basis`) x the acceptance rate
    (`acceptance_rate_used`: the export's, else the plan's, else the typical rate, as `acceptance_basis` says).
    Not rounded to a whole number: half a new connection a week is still more than no message."""
    weekly = weekly_basis(plan)
    if weekly is None:
        return None
    return tidy(weekly * acceptance_rate_used(plan)[0])


def messages_per_week(plan: Plan) -> int | float | None:
    """Messages a week: `outreach.messages.per_day` x the active days (0 when the plan says 0); None when not stated."""
    per_day = _count(plan, "outreach", "messages", "per_day")
    return None if per_day is None else tidy(per_day * active_days_per_week(plan))


RuleParams = Mapping[str, Mapping[str, Any]]
PILLAR_MOST = 25
"""The most a pillar can be worth (GUIDANCE.md S8): an unknown pillar counts this much in an upper bound."""
SSI_CEILING_TOLERANCE = 1
"""A declared total more than this above what its pillars allow is not believed (as SSI010's default)."""
SSI_CONTRADICTION = 15
"""A declared total this far above a complete estimate is not trusted to raise limits (as SSI009's default gap)."""


def trusted_ssi(rule_params: RuleParams | None = None) -> float | None:
    """The SSI from which the trusted weekly limit applies: OUT003's `trusted_ssi` (configuration applied; None: its default)."""
    return rule_limit("OUT003.trusted_ssi", rule_params, upper=False)


def trusted_account(plan: Plan, rule_params: RuleParams | None = None) -> bool:
    """Whether the account may send OUT003's `trusted_limit` a week: a declared SSI of `trusted_ssi` or more
    (`ssi_judged.trust_total`), a paid tier and `aged_days` of activity (`account_age`), OUT003's params with configuration
    applied: the projection's own test (`weekly_invitation_limit`), which `weekly_levels` (OUT003, PLN003, EXD019 and
    COV018) reads too. Kept for plugin rules and messages."""
    from ssi_lint.simulation.inputs import weekly_invitation_limit
    from ssi_lint.simulation.parameters import load_parameters

    params = load_parameters().applying(rule_params)
    return weekly_invitation_limit(plan, params) == params["trusted_weekly_limit"]


def daily_invitation_limit(plan: Plan, rule_params: RuleParams | None = None) -> float | None:
    """The most invitations a day OUT001 lets this plan's account send without a warning: its warning level, or its
    `trusted_per_day` where that is more, for an account trusted with OUT003's `trusted_limit` a week (`trusted_account`),
    so that a trusted week can be sent without a daily warning. Configuration applied (None: the built-in params)."""
    level = rule_limit("OUT001.levels.warning", rule_params, upper=True)
    trusted = rule_limit("OUT001.trusted_per_day", rule_params, upper=True) if trusted_account(plan, rule_params) else None
    return level if trusted is None or level is None else max(level, trusted)


def trusted_withheld(plan: Plan, rule_params: RuleParams | None = None) -> str:
    """Why an account whose SSI reaches OUT003's `trusted_ssi` does not get its `trusted_limit`, as a clause for messages
    (`; the 150 a week an SSI of 70+ allows is withheld: the tier is not stated, so it is judged free`); '' when the SSI
    (`ssi_judged.at_least`) does not reach it, or the account is trusted. The test is `trusted_account`'s (`trust_shortfall`)."""
    from ssi_lint.simulation.inputs import activity_days, ssi_total, weekly_limit_shortfall
    from ssi_lint.simulation.parameters import load_parameters

    params = load_parameters().applying(rule_params)
    least = _number(ssi_judged(plan, rule_params)["at_least"])
    if least is None or least < params["trusted_ssi"]:
        return ""
    missing = weekly_limit_shortfall(plan, params)
    if not missing:
        return ""
    words = {"ssi": _undeclared_ssi(ssi_total(plan, rule_params), _declared_total(plan)), "tier": _unpaid(_get(plan, "account", "tier")),
             "age": _too_young(plan, activity_days(plan), params["aged_days"])}
    return (f"; the {params['trusted_weekly_limit']:g} a week an SSI of {params['trusted_ssi']:g}+ allows is withheld: "
            f"{'; '.join(words[need] for need in missing)}")


def _undeclared_ssi(trust: float | None, declared_total: bool) -> str:
    """Why the SSI, high as judged, earns no trusted limit: only what the plan declares counts, and of a declared total
    only what the plan's own profile and activity support (`ssi_judged.trust_total`, which `trust` is)."""
    if trust is None:
        return "only a declared SSI earns it, and the plan declares none (`account.ssi`)"
    if declared_total:
        return f"of the declared total, only what the plan states of the profile and activity supports counts, {tidy(trust):g} here"
    return f"only what the plan declares counts, {tidy(trust):g} here"


def _declared_total(plan: Plan) -> bool:
    """Whether the plan declares the SSI total itself (`account.ssi.total`), not only pillars."""
    stated = _get(plan, "account", "ssi")
    return is_mapping(stated) and "total" in stated


def _unpaid(tier: Any) -> str:
    """Why the tier earns no trusted limit: not stated (judged free), or not a paid one."""
    return "the tier is not stated (`account.tier`), so it is judged free" if tier is None else f"the tier is {tier}, not a paid one"


def _too_young(plan: Plan, days: float | None, aged_days: float) -> str:
    """Why the account's days of activity earn no trusted limit: not stated, dormant, resumed lately, or too few."""
    basis = account_age(plan)["basis"]
    if days is None:
        return "the account's age is not stated (`account.age_days`), so it counts as new"
    if basis == "idle":
        return f"{_IDLE}, so it is dormant and has no days of activity"
    since = " since it resumed (`export.resumed_on`)" if basis == "resumed" else ""
    return f"it has {tidy(days):,g} day{'' if days == 1 else 's'} of activity{since}, fewer than {aged_days:g}"


def _judged_key(rule_params: RuleParams | None) -> tuple[Any, float | None, SsiLevels]:
    """What of a run's params `ssi_judged` reads: the estimate's quotas, OUT003's `trusted_ssi` (its texts name it) and
    the SSI's floor and optimal band (`ssi_levels`: SSI001's levels). Worked out once per params object: every fact
    that reads `ssi_judged` asks for it, plan after plan."""
    return by_identity(_JUDGED_KEYS, rule_params, lambda: (ssi_estimation.quotas(rule_params), trusted_ssi(rule_params), ssi_levels(rule_params)))


_JUDGED_KEYS: dict[int, tuple[Any, tuple[Any, float | None, SsiLevels]]] = {}
"""The last few `_judged_key` results, by the rule params given (`memo.by_identity`)."""


@per_plan_keyed(_judged_key)
def ssi_judged(plan: Plan, rule_params: RuleParams | None = None) -> dict[str, Any]:
    """The SSI total volume rules judge by, and how it was read.

    `total` is the declared total, or the estimated one when the plan states
    every input the estimate reads (an estimate with unstated inputs is a
    range, not a figure), else None; `low` is true when it is below the floor
    (SSI001's error level, 50 unless configured: `ssi_levels`) or unknown
    (unknown is judged conservatively). A declared total above what
    the declared pillars add up to (with 25 for each pillar not declared)
    cannot be right, and that sum is used instead. `at_least` is the least
    the SSI can be: the total; without one, the pillars at their least (a
    declared one, else what the inputs the plan states of it earn: `ssi_bounds`)
    when they reach the floor, and then the SSI is not low; else None. `at_most` is
    the most it can be: the total; without one, the pillars at their most
    (an estimated one with every input the plan leaves unstated at its best,
    25 for one it states nothing of; 100 when nothing is known). Below the optimal band (55) it
    settles SSI001's verdict although the total is unknown, and `text` says
    so: `an SSI of at most 40 (brand 6, people 5 and insights 4 declared;
    relationships unknown, at most 25)`; between the two, `text` gives the
    range and the conservative reading (`judged as below 50, which it may be`).

    `counted` is the figure every verdict counts the total as: the total,
    but for a declared total the model doubts (below) the most it allows,
    which decides `low` (`ssi.report`'s bands and `ssi-lint advise` start from
    it, so that no gain is added to a total the plan does not support); None
    without a total.

    `trust_total` is what may raise a limit (the trusted weekly volume), and
    only what the plan declares or states counts: unknown is not safe. A
    declared total, unless the pillars the plan describes suggest less
    (SSI010's ceiling with the inputs the plan does not state counted as 0:
    `ssi_ceiling.stated_max`) or a complete estimate contradicts a declared
    total without pillars by more than 15 points: then the lower figure,
    which also decides `low` (a doubted total is judged conservatively, and
    `text` says so). Without a declared total,
    the declared pillars' sum (a lower bound of the SSI), or None when none is
    declared: an estimated total or pillar never raises a limit. The model
    never lowers `total` itself: a declared SSI is LinkedIn's own number.
    `text` says which, for messages. `rule_params` are the run's (None: the
    defaults), for the estimate's quotas (`ESTIMATE_RULES`) and SSI001's levels.
    """
    known = ssi(plan, rule_params)
    total = known.get("total") if known else None
    if total is None or known is None or known["sources"].get("total", known["source"]) != "declared":
        return _judged_from_pillars(known, plan, rule_params)
    given, declared_sum = _declared_part(plan)
    most = round((declared_sum or 0) + 25.0 * (len(PILLARS) - len(given)), 1)
    used = most if given and total > most + SSI_CEILING_TOLERANCE else total
    reasons = [f"its declared pillars allow at most {most:g}, which is used"] if used != total else []
    trust_total, possible, doubt = _doubted(plan, used, given, rule_params)
    floor = ssi_levels(rule_params).floor
    low = used < floor or possible < floor  # a total the model cannot believe is judged by the most it allows
    if doubt and low and used >= floor:
        doubt += f" and counts as below {floor:g}"
    reasons += [doubt] if doubt else []
    text = f"an SSI of {tidy(total)} (declared{', though ' + ', and '.join(reasons) if reasons else ''})"
    return {"total": used, "at_least": used, "at_most": used, "counted": possible, "low": low, "trust_total": trust_total, "text": text}


def _doubted(plan: Plan, total: float, given: list[str], rule_params: RuleParams | None) -> tuple[float, float, str]:
    """What of a declared total may raise a limit, the most the SSI can be as the model judges it, and why the
    first is less than the total ("" when the model does not doubt it).

    Only what the plan states counts towards raising a limit (unknown is not safe): the total is doubted when it
    is above what the pillars allow with the inputs the plan does not state counted as 0 (`ssi_ceiling.stated_max`).
    Whether it is low is judged by the most the pillars allow with those inputs at their best (`ssi_ceiling.max`):
    a total they could reach is LinkedIn's own number, not counted as below the floor on zeros the plan never gave.
    """
    ceiling = ssi_ceiling(plan, rule_params)
    if ceiling is not None and total > ceiling["stated_max"] + SSI_CEILING_TOLERANCE:
        stated, most = ceiling["stated_max"], ceiling["max"]
        raises = _raises_no_limit(total, stated, rule_params)
        if total > most + SSI_CEILING_TOLERANCE:  # beyond them whatever the plan leaves unstated
            return stated, most, f"the pillars allow at most {most:g}{raises}"
        return stated, total, f"what the plan states supports {stated:g} of it (up to {most:g} with what it leaves unstated){raises}"
    result = ssi_estimation.estimate(plan, rule_params)
    if not given and result.complete and total - result.total > SSI_CONTRADICTION:
        raises = _raises_no_limit(total, result.total, rule_params)
        if result.exact:
            return result.total, result.total, f"the plan's estimate is {result.total:g}{raises}"
        return result.total, min(total, result.most), f"the plan's estimate is {result.total:g} to {result.most:g}{raises}"
    return total, total, ""


def _raises_no_limit(total: float, trusted: float, rule_params: RuleParams | None) -> str:
    """`, so it raises no limit` when the doubt takes a total high enough to raise one (the trusted weekly limit's SSI,
    OUT003's `trusted_ssi`, configuration applied) to a figure that is not (`trusted`, the total that may raise a limit)."""
    least = trusted_ssi(rule_params)
    return ", so it raises no limit" if least is not None and total >= least > trusted else ""


def _declared_part(plan: Plan) -> tuple[list[str], int | float | None]:
    """The pillars `account.ssi` declares and their sum (a lower bound of the SSI), or None for the sum when it declares none."""
    stated = ssi_estimation.declared(plan) or {}
    given = [name for name in PILLARS if name in stated]
    return given, (tidy(sum(map(stated.__getitem__, given))) if given else None)


PillarRange = tuple[float, float, str]
"""A pillar's least and most, and what they rest on: `declared`, `estimated` (described), `partial` (some inputs stated), `unknown`."""


@per_plan_keyed(ssi_estimation.quotas)
def pillar_ranges(plan: Plan, rule_params: RuleParams | None = None) -> dict[str, PillarRange]:
    """Each pillar's least and most, for the SSI's bounds (`ssi_bounds`): declared, else estimated from what the plan states.

    A declared pillar is its value; a pillar the plan states inputs of is what
    they earn up to that plus what the inputs it does not state could add at
    their best (`PillarScore.most`), whether it is described enough to judge
    it or not; a pillar it states nothing about is 0 to 25 (`rule_params`: the run's, for the estimate's quotas).
    """
    known = ssi(plan, rule_params) or {}
    result = ssi_estimation.estimate(plan, rule_params)
    ranges: dict[str, PillarRange] = {}
    for name in PILLARS:
        pillar = result.pillars[name]
        if name in known:
            ranges[name] = (known[name], known["at_most"][name], known["sources"][name])
        elif any(score.stated for score in pillar.components):
            ranges[name] = (pillar.points, pillar.most, "partial")
        else:
            ranges[name] = (0, PILLAR_MOST, "unknown")
    return ranges


def ssi_bounds(plan: Plan, rule_params: RuleParams | None = None) -> tuple[float, float]:
    """The least and the most the SSI can be without a declared total: the pillars' ranges (`pillar_ranges`) added up."""
    ranges = pillar_ranges(plan, rule_params).values()
    return round(sum(least for least, _, _ in ranges), 4), round(sum(most for _, most, _ in ranges), 4)


def _ranged(known: Mapping[str, Any], name: str) -> bool:
    """Whether an estimated pillar of the `ssi` fact is a range: the plan leaves some of its inputs unstated."""
    return name in known and known["at_most"][name] != known[name]


def _judged_from_pillars(known: Mapping[str, Any] | None, plan: Plan, rule_params: RuleParams | None) -> dict[str, Any]:
    """`ssi_judged` without a declared total: from the pillars, declared or estimated; low unless they reach the floor at their least.

    When every pillar is declared or estimated from all its inputs, their sum is the total (`estimated`, or
    `partly estimated`; only the declared pillars may raise a limit). Otherwise the pillars bound the SSI
    (`ssi_bounds`): below the optimal band at their most, the SSI is known to be below it (below the floor under the
    floor), and the text gives the bound and what it is made of; at the floor or more at their least it is not low
    (the floor and the optimal band: SSI001's levels, `ssi_levels`).
    """
    floor, optimal, _ = ssi_levels(rule_params)
    ranges = pillar_ranges(plan, rule_params)
    at_least, at_most = ssi_bounds(plan, rule_params)
    given, declared_sum = _declared_part(plan)
    if known is not None and all(kind in ("declared", "estimated") and least == most for least, most, kind in ranges.values()):
        total, source = known["total"], known["sources"]["total"]  # every pillar declared or estimated from all its inputs
        part = f"; the declared {listed(given)} {_pillars(given)} alone give {declared_sum:g}" if given and total >= floor else ""
        text = f"an SSI of {tidy(total)} ({source}{part})"
        return {"total": total, "at_least": total, "at_most": total, "counted": total, "low": total < floor, "trust_total": declared_sum,
                "text": text}
    result = {"total": None, "at_least": None, "at_most": tidy(at_most), "counted": None, "low": True, "trust_total": declared_sum}
    if at_least >= floor:
        return {**result, "at_least": tidy(at_least), "low": False, "text": f"an SSI of at least {tidy(at_least)} ({_bounded_by(ranges)})"}
    if at_most < optimal:
        below = "" if at_most < floor else f"; judged as below {floor:g}, which it may be"
        return {**result, "text": f"an SSI of at most {tidy(at_most)} ({_bounded_by(ranges)}{below})"}
    if any(kind == "estimated" and least != most for least, most, kind in ranges.values()):  # a described pillar's range says something
        text = f"an SSI of {tidy(at_least)} to {tidy(at_most)} ({_bounded_by(ranges)}; judged as below {floor:g}, which it may be)"
        return {**result, "text": text}
    return {**result, "text": f"the SSI unknown ({_unknown_ssi(known, floor)})"}


UNSTATED_RANGE = "counting the inputs it does not state from 0 to their best"
"""How a range estimated from the plan is read, for messages: the inputs it leaves unstated are unknown, not 0."""


def _bounded_by(ranges: Mapping[str, PillarRange]) -> str:
    """What bounds of the SSI are made of: `brand 6 declared; people 4 to 9 estimated from the plan, counting ...; relationships unknown, at most 25`."""
    parts = []
    declared = [name for name in PILLARS if ranges[name][2] == "declared"]
    if declared:
        parts.append(f"{listed([f'{name} {tidy(ranges[name][0])}' for name in declared])} declared")
    estimated = [name for name in PILLARS if ranges[name][2] in ("estimated", "partial")]
    if estimated:
        figures = [f"{name} {_range(*ranges[name][:2])}" for name in estimated]
        ranged = any(ranges[name][0] != ranges[name][1] for name in estimated)
        parts.append(f"{listed(figures)} estimated from the plan{', ' + UNSTATED_RANGE if ranged else ''}")
    missing = [name for name in PILLARS if ranges[name][2] == "unknown"]
    if missing:
        parts.append(f"{listed(missing)} unknown, at most {PILLAR_MOST:g}{' each' if len(missing) > 1 else ''}")
    return "; ".join(parts)


def _range(least: float, most: float) -> str:
    """`8.7`, or `8.7 to 20.7` for a figure the plan's unstated inputs leave open."""
    return f"{tidy(least)}" if least == most else f"{tidy(least)} to {tidy(most)}"


def _unknown_ssi(known: Mapping[str, Any] | None, below: float) -> str:
    """Why the SSI total is unknown (judged as below the floor, `below`) and what would make it known, for messages."""
    floor = f"judged as below {below:g}"
    declared = [name for name in PILLARS if known and known["sources"].get(name) == "declared"]
    if not declared:
        return f"{floor}; declare account.ssi or describe the profile"
    missing = [name for name in PILLARS if not known or name not in known]
    return (f"{floor}; account.ssi gives the {listed(declared)} {_pillars(declared)} and the plan describes too little of "
            f"{listed(missing)} to estimate {'it' if len(missing) == 1 else 'them'}: declare account.ssi.total or every pillar")


def listed(names: list[str]) -> str:
    """`brand`, `brand and people`, `brand, people and insights`."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _pillars(names: list[str]) -> str:
    """`pillar` or `pillars`, as many as named."""
    return "pillar" if len(names) == 1 else "pillars"


@per_plan_keyed(ssi_estimation.quotas)
def ssi_ceiling(plan: Plan, rule_params: RuleParams | None = None) -> dict[str, Any] | None:
    """The highest total the pillars allow: declared pillars, estimates of described ones at their most, 25 for the rest.

    `max` is that total and `text` names the declared and estimated pillars
    that cap it. An estimated pillar counts at its most: every input the plan
    leaves unstated at its best (a ceiling resting on zeros the plan never
    gave would be no ceiling; SSI010 judges by it). `stated_max` counts them as
    0 instead: what the plan states allows no more, and only that may raise a
    limit (`ssi_judged.trust_total`). None unless the plan declares a total
    and at least one pillar, or describes one well enough to estimate it
    (`rule_params`: the run's, for the estimate's quotas).
    """
    stated = ssi_estimation.declared(plan) or {}
    if "total" not in stated:
        return None
    result = ssi_estimation.estimate(plan, rule_params)
    given = [name for name in PILLARS if name in stated]
    capped = [name for name in PILLARS if name not in stated and result.pillars[name].described]
    if not given and not capped:
        return None
    most = {name: stated.get(name, result.pillars[name].most if name in capped else 25.0) for name in PILLARS}
    least = {name: stated.get(name, result.pillars[name].points if name in capped else 25.0) for name in PILLARS}
    parts = [f"{listed([f'{name} {tidy(stated[name])}' for name in given])} declared"] if given else []
    if capped:
        open_inputs = any(not result.pillars[name].exact for name in capped)
        estimated = listed([f"{name} {result.pillars[name].most:g}" for name in capped])
        parts.append(f"{estimated} estimated from the plan{', with the inputs it does not state at their best' if open_inputs else ''}")
    others = [name for name in PILLARS if name not in capped and name not in stated]
    if others:
        parts.append(f"{', '.join(others)} counted at the full 25")
    return {"max": round(sum(most.values()), 1), "text": "; ".join(parts), "stated_max": round(sum(least.values()), 1)}


def pending_to_weekly_ratio(plan: Plan) -> float | None:
    """Pending sent invitations as weeks of sending: `pending.sent` / invitations a week (`weekly_basis`)."""
    pending = _count(plan, "outreach", "pending", "sent")
    weekly = weekly_basis(plan)
    if pending is None or not weekly:
        return None
    return round(pending / weekly, 2)


HORIZON_PARAMS = {"recommended": ("HYG004", "withdraw_after_days"), "least": ("PLN006", "min_days"), "most": ("PLN005", "max_days")}
"""Where `withdraw_horizon` reads the recommended horizon and the accepted range it is kept in."""


def withdraw_horizon(plan: Plan, rule_params: Mapping[str, Mapping[str, Any]] | None = None) -> int | float | None:
    """The recommended withdraw horizon in days, the one every fix names: HYG004's `withdraw_after_days`, kept within the range
    PLN006 and PLN005 accept (`min_days` to `max_days`), so that no fix names a horizon another rule calls too short or too long.

    `rule_params` are the run's params of those rules (configuration applied); None without HYG004's.
    """
    params = rule_params or {}
    recommended, least, most = (_number(lookup(params, path)) for path in HORIZON_PARAMS.values())
    if recommended is None:
        return None
    days = recommended if least is None else max(recommended, least)
    return days if most is None else min(days, most)


def horizon_accepted(days: int | float, rule_params: Mapping[str, Mapping[str, Any]] | None = None) -> bool:
    """Whether a withdraw horizon is one neither PLN006 calls too short nor PLN005 too long (their params, configuration applied)."""
    params = rule_params or {}
    least, most = (_number(lookup(params, HORIZON_PARAMS[bound])) for bound in ("least", "most"))
    return (least is None or days >= least) and (most is None or days <= most)


def horizon_range_problem(rule_params: Mapping[str, Mapping[str, Any]]) -> str | None:
    """The withdraw horizon's accepted range is empty: PLN006's `min_days` above PLN005's `max_days` (`withdraw_horizon`)."""
    (least_rule, least_name), (most_rule, most_name) = HORIZON_PARAMS["least"], HORIZON_PARAMS["most"]
    least, most = _number(lookup(rule_params, (least_rule, least_name))), _number(lookup(rule_params, (most_rule, most_name)))
    if least is None or most is None or least <= most:
        return None
    return (f"{least_rule}.{least_name} ({least}) is above {most_rule}.{most_name} ({most}): every withdraw horizon "
            f"would be too short for one rule or too long for the other")


CURRENCY_TABLES = {"budgets": ("ADS001", "min_daily_budget"), "bids": ("ADS002", "min_cpc")}
"""The minimum tables `checked_currencies` reads: ADS001's daily budgets and ADS002's CPC bids, by currency."""


def checked_currencies(plan: Plan, rule_params: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, list[str]] | None:
    """The currencies whose minimums are checked: `{budgets, bids}`, the currencies of ADS001's and ADS002's tables.

    `rule_params` are the run's params of those rules (configuration applied), so that a currency
    configured there is one ssi-lint knows (ADS022). None when the plan has no `ads`.
    """
    if _get(plan, "ads") is None:
        return None
    params = rule_params or {}
    return {name: list(_table(params.get(rule_id), table)) for name, (rule_id, table) in CURRENCY_TABLES.items()}


def default_currency_problem(rule_params: Mapping[str, Mapping[str, Any]]) -> str | None:
    """The `default_currency` (ADS001's, which ADS002 judges with too: a campaign that states none is judged in it) lacks a
    minimum in the table of ADS001 or ADS002, of those that run (`rule_params` holds theirs only): such a campaign would
    go unchecked, and nothing would say so (ADS022 speaks of a stated currency)."""
    source = "ADS001" if "ADS001" in rule_params else "ADS002"  # ADS002 holds ADS001's through `params_from`
    currency = lookup(rule_params, (source, "default_currency"))
    missing = [f"{rule_id}.{table}" for rule_id, table in CURRENCY_TABLES.values()
               if rule_id in rule_params and currency not in _table(rule_params.get(rule_id), table)]
    if not isinstance(currency, str) or not missing:
        return None
    return (f"ADS001.default_currency ({currency}) has no minimum in {' or '.join(missing)}: a campaign that states no "
            f"currency would go unchecked; add {currency} there")


def _table(params: Mapping[str, Any] | None, name: str) -> Mapping[str, Any]:
    """A rule's param that maps currencies to minimums; empty when it has none."""
    value = lookup(params, (name,))
    return value if is_mapping(value) else {}


@per_plan_keyed(ssi_estimation.quotas)
def ssi(plan: Plan, rule_params: RuleParams | None = None) -> dict[str, Any] | None:
    """The SSI the rules judge: declared values from `account.ssi`, estimated ones where it is silent.

    Pillars and total come from `account.ssi` when declared (the total is the
    declared one, else the sum of four declared pillars). A pillar not declared
    is taken from the estimate (`ssi_estimate`) when the plan describes it
    well enough: what the inputs the plan states earn, the least the pillar
    can be. Without a declared total, the total is the sum of the four
    pillars when each is declared or described: `estimated` when none is
    declared, `partly estimated` when some are (declaring a pillar never makes
    the total less known than describing it). `source` says where the total
    (or, without one, the values) came from; `sources` says it per key. None
    when the plan neither declares an SSI nor describes any pillar.

    `at_most` gives, per key, the most it can be: a declared value itself; an
    estimated pillar with every input the plan leaves unstated at its best
    (its `unstated_inputs`, those worth most first); a total, the pillars'
    `at_most` added up. A value equal to its `at_most` is known; one below it
    is a floor, and a verdict on it (SSI003-SSI006 on a weak pillar) rests on
    `at_most`. `texts` words each pillar for messages: `9 of 25 (declared)`,
    `11.4 of 25 (estimated)`, or for a floor `at most 11.4 of 25 (estimated:
    8.4 from what the plan states, and up to 3 more from ... which it does not state)`.
    `rule_params` are the run's (None: the defaults), for the estimate's quotas.
    """
    stated = ssi_estimation.declared(plan)
    result = ssi_estimation.estimate(plan, rule_params)
    values: dict[str, Any] = dict(stated or {})
    sources = {key: "declared" for key in values}
    derived = ssi_estimation.derived_pillar(plan)
    if derived is not None:
        sources[derived] = "the declared total less the other pillars"
    at_most = dict(values)
    unstated: dict[str, list[str]] = {}
    for name, pillar in result.pillars.items():
        if name not in values and pillar.described:
            values[name], sources[name], at_most[name] = pillar.points, "estimated", pillar.most
            if not pillar.exact:
                unstated[name] = list(pillar.unstated)
    if not values:
        return None
    if "total" not in values and all(name in values for name in PILLARS):
        values["total"] = round(sum(values[name] for name in PILLARS), 4)  # the pillars' own precision: 49.96 stays below 50
        at_most["total"] = round(sum(at_most[name] for name in PILLARS), 4)
        sources["total"] = "partly estimated" if stated else "estimated"
    texts = {name: _pillar_text(values[name], at_most[name], sources[name], unstated.get(name, [])) for name in PILLARS if name in values}
    return {**values, "source": sources.get("total", "declared" if stated else "estimated"), "sources": sources,
            "at_most": at_most, "unstated_inputs": unstated, "texts": texts}


def _pillar_text(value: float, most: float, source: str, unstated: list[str]) -> str:
    """A pillar for messages: `9 of 25 (declared)`, or the most an estimate with unstated inputs can be and why."""
    if value == most:
        return f"{tidy(value)} of {PILLAR_MOST} ({source})"
    return (f"at most {tidy(most)} of {PILLAR_MOST} ({source}: {tidy(value)} from what the plan states, and up to "
            f"{tidy(round(most - value, 1))} more from {listed(unstated)}, which it does not state)")


def ssi_estimate(plan: Plan, rule_params: RuleParams | None = None) -> dict[str, Any] | None:
    """The SSI estimated from the plan, whatever it declares: four pillars, total, and whether it is complete.

    The pillars and total are what the inputs the plan states earn: the least
    they can be. `at_most` gives the most each can be, every input the plan
    leaves unstated at its best; `exact` is true when the plan states every
    input (the two are then equal), and `unstated_inputs` lists, per pillar,
    those it does not state, worth most first. `text` words the total for
    messages: `about 45.2`, or `45.2 to 60.1`. `complete` is true when the plan
    describes every pillar well enough to judge it (see docs/ssi-model.md).
    None when the plan states no input of the model. `rule_params` are the
    run's (None: the defaults), for the estimate's quotas (`Component.quota`).
    """
    result = ssi_estimation.estimate(plan, rule_params)
    if not result.stated:
        return None
    most = {**{name: pillar.most for name, pillar in result.pillars.items()}, "total": result.most}
    unstated = {name: list(pillar.unstated) for name, pillar in result.pillars.items() if pillar.unstated}
    text = f"about {result.total:g}" if result.exact else f"{result.total:g} to {result.most:g}"
    return {**result.as_dict(), "source": "estimated", "complete": result.complete,
            "at_most": most, "exact": result.exact, "unstated_inputs": unstated, "text": text}


SHOWN_INPUTS = 6
"""How many unstated inputs `ssi_open` names, those worth most first, before it counts the rest."""
SSI_OPEN_RULES = {"SSI001": "total", "SSI003": "brand", "SSI004": "people", "SSI005": "insights", "SSI006": "relationships"}
"""The rules whose verdicts `ssi_open` asks about, with their levels (`params_from`: configured levels move both alike)."""


def ssi_open(plan: Plan, rule_params: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any] | None:
    """What the SSI estimate cannot tell because the plan leaves some of its inputs unstated (unknown, not 0); None when nothing.

    The questions SSI001 and SSI003-SSI006 would answer, at their levels
    (`rule_params`, configuration applied; their defaults without), that the
    plan leaves open: without a declared total, whether the SSI reaches the
    floor (or, at the floor or more, the optimal band; SSI001's levels, 50 and 55 unless configured: `ssi_levels`) when the least
    and the most it can be (`ssi_bounds`) lie on both sides and SSI001 is
    silent (its most is in the optimal band or above); and whether a described pillar reaches
    12.5 when what its stated inputs earn is below it and its most is not. `questions` words them with their ranges; `inputs` are the
    unstated inputs that leave them open, worth most first (`{paths, points}`
    per component: the most it could add), and `needs` says what to state
    (the first few inputs, with the points each could add), which pillars
    are unknown, and that `account.ssi` settles it. A verdict that holds whatever the unstated
    inputs are is no question: SSI001 and SSI003-SSI006 give it.
    """
    known = ssi(plan, rule_params)
    if known is None:
        return None
    result = ssi_estimation.estimate(plan, rule_params)
    questions: list[str] = []
    involved: list[str] = []
    unknown: list[str] = []
    floor, optimal, _ = ssi_levels(rule_params)
    total_open = ssi_judged(plan, rule_params)["total"] is None
    if total_open:
        least, most = ssi_bounds(plan, rule_params)
        if least < optimal <= most:
            level = f"the floor of {floor:g}" if least < floor else f"the optimal band at {optimal:g}"
            questions.append(f"whether the SSI reaches {level} ({_range(least, most)})")
            ranges = pillar_ranges(plan, rule_params)
            involved = [name for name in PILLARS if ranges[name][2] in ("estimated", "partial") and ranges[name][0] != ranges[name][1]]
            unknown = [name for name in PILLARS if ranges[name][2] == "unknown"]
    weak = ssi_estimation.weak_levels(rule_params)
    open_pillars = [name for name in PILLARS if _ranged(known, name) and known[name] < weak[name] <= known["at_most"][name]]
    for level in sorted({weak[name] for name in open_pillars}):  # one question per level: 12.5 unless configured otherwise
        named = [name for name in open_pillars if weak[name] == level]
        pillars = listed([f"the {name} pillar ({_range(known[name], known['at_most'][name])})" for name in named])
        questions.append(f"whether {pillars} {'reaches' if len(named) == 1 else 'reach'} {level:g}")
    involved += [name for name in open_pillars if name not in involved]
    if not questions:
        return None
    inputs = sorted(  # one entry per component: own posts and photos could add their points once, not twice
        ({"paths": list(score.unstated), "points": tidy(round(score.open_gain, 1))}
         for name in PILLARS if name in involved for score in result.pillars[name].components if score.unstated),
        key=lambda item: -item["points"],
    )
    declared = any(source == "declared" for source in known["sources"].values())
    undeclared = [name for name in PILLARS if name in involved or name in unknown]
    needs = _needs(inputs, unknown, undeclared if declared else None, total_open=total_open)
    return {"questions": " or ".join(questions), "inputs": inputs, "needs": needs}


def _needs(inputs: list[dict[str, Any]], unknown: list[str], undeclared: list[str] | None, total_open: bool) -> str:
    """What would settle `ssi_open`'s questions: the unstated inputs (the first few, with the most each could add), the pillars
    the plan states nothing of, or declaring the SSI (`undeclared`: the pillars to add to an `account.ssi` the plan has, else None)."""
    parts = []
    if inputs:
        first, *others = [(" or ".join(item["paths"]), item["points"]) for item in inputs[:SHOWN_INPUTS]]
        shown = [f"{first[0]} (up to {first[1]:g} points)", *(f"{paths} ({points:g})" for paths, points in others)]
        rest = inputs[SHOWN_INPUTS:]
        if rest:
            worth = tidy(round(sum(item["points"] for item in rest), 1))
            shown.append(f"{len(rest)} more input{'s' if len(rest) > 1 else ''} worth up to {worth:g}")
        parts.append(f"state {listed(shown)}, which the lower figure counts as 0")
    if unknown and undeclared is None:
        parts.append(f"describe {listed(unknown)} (the plan states nothing of {'it' if len(unknown) == 1 else 'them'})")
    if undeclared is None:
        declare = "declare account.ssi"
    else:
        declare = f"declare the {listed(undeclared)} {_pillars(undeclared)} in account.ssi{', or its total' if total_open else ''}"
    return f"{', and '.join(parts)}; or {declare}" if parts else declare


SSI_MODEL_RULES = ("CNT002", "CNT003", "CNT004", "CNT007", "HYG001", "HYG005", "HYG006", "OUT006", "OUT008", "OUT010", "OUT012", "OUT014",
                   "PLN005", "PLN006", "PPL005", "PPL006", "PRF005", "PRF007", "PRF009", "PRF010", "PRF011", "PRF012")
"""The rules whose params limit the SSI model's advice (`cap`, `floor` and `share` in ssi_lint/ssi_model.yaml; a test keeps them equal)."""


def ssi_advice(plan: Plan, rule_params: Mapping[str, Mapping[str, Any]] | None = None) -> Mapping[str, str] | None:
    """Per pillar, the top safe changes that would raise its estimate, with the points each adds.

    For example `{brand: "+3.0 write LinkedIn articles, 4 a month (X1); +2.0 ..."}`;
    the same changes `ssi-lint advise` ranks (ssi_lint/advice.py), their bands
    capped by the run's params of SSI_MODEL_RULES, and those held back for the
    account left out (a pillar with none safe says which are held back, and why:
    raising the acceptance rate near the connection cap, with the projection's
    params, SIMULATION_RULES). None when there is no `ssi`
    fact (nothing declared, nothing described).
    """
    from ssi_lint.advice import pillar_advice

    result = ssi_estimation.estimate(plan, rule_params or None)
    if ssi_estimation.declared(plan) is None and len(result.undescribed) == len(PILLARS):
        return None
    return pillar_advice(plan, rule_params=rule_params or None)


ESTIMATE_RULES = ("OUT019",)
"""The rules whose params the SSI estimate itself reads (`quota` in ssi_lint/ssi_model.yaml; a test keeps them equal):
every SSI fact applies them, so that a configured free-account note quota moves the estimate everywhere alike."""
JUDGED_RULES = (*ESTIMATE_RULES, "OUT003", "SSI001")
"""The rules whose params `ssi_judged` reads: the estimate's, OUT003's `trusted_ssi` and SSI001's levels (the floor and the
optimal band, `ssi_levels`); every fact that reads it applies them, so that a configured floor moves every verdict alike."""
SSI_ADVICE_RULES = (*SSI_MODEL_RULES, "OUT003", "SSI001", *ESTIMATE_RULES)
"""The rules whose params `ssi_advice` judges with: those that cap the model's advice, and the rest of the projection's
(`builtin.SIMULATION_RULES`; a test keeps them in), by which advice that adds accepted invitations is held back near
the connection cap (`advice.network_hold`)."""
FACT_PARAMS_FROM = {
    **dict.fromkeys(("ssi", "ssi_ceiling", "ssi_estimate"), ESTIMATE_RULES),
    **dict.fromkeys(("ssi_judged", "trusted_account", "trusted_withheld", "assumed_days_week", "weekly_levels"), JUDGED_RULES),
    "daily_invitation_limit": ("OUT001", *JUDGED_RULES),
    "ssi_open": (*SSI_OPEN_RULES, *ESTIMATE_RULES), "ssi_advice": SSI_ADVICE_RULES,
    "checked_currencies": tuple(rule_id for rule_id, _ in CURRENCY_TABLES.values()),
    "withdraw_horizon": tuple(rule_id for rule_id, _ in HORIZON_PARAMS.values()),
    "category_listed": WORD_LIST_RULES,
}
"""The built-in facts that judge with rules' params (`Fact.params_from`)."""
FACT_PARAM_CHECKS = {"withdraw_horizon": horizon_range_problem, "checked_currencies": default_currency_problem}
"""The built-in facts that refuse params no plan could satisfy (`Fact.check_params`)."""

BUILTIN_FACTS: tuple[Fact, ...] = tuple(
    Fact(function.__name__, (function.__doc__ or "").strip().splitlines()[0], function, params_from=FACT_PARAMS_FROM.get(function.__name__, ()),
         check_params=FACT_PARAM_CHECKS.get(function.__name__))
    for function in (
        active_days_per_week,
        active_days_stated,
        stated_active_days,
        invitations_per_week,
        invitations_basis,
        invitations_field,
        assumed_days_week,
        weekly_levels,
        expected_new_connections_per_week,
        acceptance_basis,
        assumed_acceptance_rate,
        messages_per_week,
        busiest_schedule_week,
        schedule_repeat,
        schedule_ramp,
        peak_invitations_per_week,
        sends_no_invitations,
        acceptance_rate_observed,
        invitation_burst,
        invitations_per_day,
        starting_invitations_per_day,
        invitation_weeks,
        busiest_invitation_day,
        account_age,
        network_size,
        weekly_invitation_figures,
        weekly_basis,
        skills_listed,
        search_passes,
        search_keywords_added,
        searches_field,
        headline_skills,
        category_words,
        category_listed,
        personal_notes_per_month,
        personal_notes_basis,
        invitation_note_length,
        publications_per_week,
        repost_share,
        pending_to_weekly_ratio,
        checked_currencies,
        withdraw_horizon,
        ssi,
        ssi_judged,
        trusted_account,
        daily_invitation_limit,
        trusted_withheld,
        ssi_ceiling,
        ssi_estimate,
        ssi_open,
        ssi_advice,
    )
)
"""Every built-in fact, named after its function; the description is the docstring's first line."""
