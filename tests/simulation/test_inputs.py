"""Reading the plan: the weekly limit, the active days, and every gap stated as an assumption."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ssi_lint.simulation import active_days_per_week, judged_conservatively, simulate, weekly_invitation_limit
from ssi_lint.simulation.counts import whole
from ssi_lint.simulation.inputs import _weekly_limits, limit_for, reachable_network, read_inputs, spread
from ssi_lint.simulation.parameters import load_parameters

TRUSTED = {"ssi": {"total": 72}, "tier": "premium", "age_days": 400}


@pytest.mark.parametrize(
    ("account", "limit"),
    [
        ({}, 100),
        (TRUSTED, 150),
        ({**TRUSTED, "ssi": {"total": 69}}, 100),
        ({**TRUSTED, "tier": "free"}, 100),
        ({**TRUSTED, "age_days": 364}, 100),
        ({"ssi": {"total": 72}, "tier": "sales_navigator"}, 100),  # age unknown: never the trusted limit
        ({"ssi": {"brand": 20, "people": 18, "insights": 17, "relationships": 18}, "tier": "recruiter", "age_days": 365}, 150),
    ],
)
def test_weekly_invitation_limit(account: dict, limit: int) -> None:
    assert weekly_invitation_limit({"account": account}) == limit


@pytest.mark.parametrize(("account", "conservative"), [({}, True), ({"ssi": {"total": 49}}, True), ({"ssi": {"total": 50}}, False)])
def test_an_unknown_or_low_ssi_is_judged_conservatively(account: dict, conservative: bool) -> None:
    assert judged_conservatively({"account": account}) is conservative


def test_the_limit_rises_in_the_week_the_account_turns_one_year_old() -> None:
    plan = {"account": {**TRUSTED, "age_days": 355}, "outreach": {"invitations": {"per_week": 120}}}
    assert [week.weekly_limit for week in simulate(plan, weeks=3).weeks] == [100, 100, 150]


@pytest.mark.parametrize(("outreach", "days"), [({}, 5), ({"active_days_per_week": 6}, 6), ({"active_days_per_week": 0}, 5), ({"active_days_per_week": True}, 5)])
def test_active_days_per_week(outreach: dict, days: int) -> None:
    assert active_days_per_week({"outreach": outreach}) == days


def test_every_gap_is_an_assumption_never_a_zero() -> None:
    projection = simulate({"outreach": {"invitations": {"per_week": 50}}})
    notes = projection.assumptions
    assert "26%" in notes["acceptance_rate"] and "assumed" in notes["acceptance_rate"]
    assert "no invitation is ever withdrawn" in notes["withdrawal"] and "assumed" in notes["withdrawal"]
    assert "assumed" in notes["backlog"] and "week 1's pace" in notes["backlog"] and projection.start.pending > 0
    assert "unknown" in notes["connections"] and projection.weeks[0].connections is None
    assert "not projected" in notes["notes"] and projection.weeks[0].notes_used_30d is None
    assert "assumed" in notes["note_quota"]
    assert "unknown" in notes["weekly_limit"] and projection.conservative
    assert "assumed" in notes["active_days"]
    assert projection.caveats  # findings name them


def test_stated_values_are_credited_to_their_field() -> None:
    plan = {
        "account": {"tier": "premium", "connections": 900, "ssi": {"total": 60}, "age_days": 500},
        "outreach": {"invitations": {"per_week": 50, "note": "none"}, "acceptance_rate": 0.4,
                     "pending": {"sent": 100, "withdraw_after_days": 21}, "active_days_per_week": 5},
    }
    projection = simulate(plan)
    assumed = [topic for topic, text in projection.assumptions.items() if "assumed" in text]
    assert assumed == ["backlog"]  # the export alone knows the ages of pending invitations
    assert projection.caveats == () and not projection.conservative
    assert projection.start.pending == 100 and projection.start.connections == 900


def test_the_export_state_replaces_the_plans_when_observed() -> None:
    plan = {
        "account": {"connections": 900},
        "outreach": {"invitations": {"per_week": 50}, "acceptance_rate": 0.4, "pending": {"sent": 100, "withdraw_after_days": 21}},
        "observed": {
            "account": {"connections": 65},
            "outreach": {"acceptance_rate": 0.1},
            "export": {"pending_ages": [{"days": 40, "invitations": 1}, {"days": 30, "invitations": 1}, {"days": 20, "invitations": 1},
                                        {"days": 10, "invitations": 1}, {"days": 3, "invitations": 2}, {"days": 1, "invitations": 1}]},
        },
    }
    projection = simulate(plan, weeks=2)
    assert projection.start.pending == 7 and projection.start.connections == 65
    assert "export" in projection.assumptions["acceptance_rate"] and "10%" in projection.assumptions["acceptance_rate"]
    assert "real ages" in projection.assumptions["backlog"] and "2 older than" in projection.assumptions["backlog"]
    # the two invitations older than the 21-day horizon are withdrawn on the first day
    assert projection.weeks[0].withdrawn >= 2


def test_the_exports_undated_pending_invitations_start_in_the_backlog_as_its_oldest() -> None:
    """Invitations with no Sent At are pending (never taken as withdrawn), of an unknown age: sent before the window, the
    backlog's oldest cohort, which a withdraw horizon retires as the plan's own withdrawals would."""
    observed = {"export": {"pending_ages": [{"days": 40, "invitations": 2}, {"days": 3, "invitations": 5}], "undated_pending": 30,
                           "window_days": 28}}
    plan = {"outreach": {"invitations": {"per_week": 20}}, "observed": observed}
    projection = simulate(plan, weeks=2)
    assert projection.start.pending == 37 and projection.weeks[0].withdrawn == 0
    assert "7 with their real ages from the export, and 30 with no Sent At" in projection.assumptions["backlog"]
    assert "counted as the oldest (40 days old)" in projection.assumptions["backlog"]
    held = simulate({**plan, "outreach": {"invitations": {"per_week": 20}, "pending": {"withdraw_after_days": 21}}}, weeks=2)
    assert held.start.pending == 37 and held.weeks[0].withdrawn >= 31
    assert held.assumptions["backlog"].endswith("the 30 with no Sent At are older than the withdraw horizon (21 days) at that age and are"
                                                " withdrawn on the first day, as the plan's own withdrawals would (the export does not show"
                                                " their age)")


@pytest.mark.parametrize("bad", ["lots", -5, True, float("nan"), None, [3]])
def test_values_of_the_wrong_type_count_as_absent(bad: object) -> None:
    plan = {"account": {"connections": bad, "age_days": bad, "ssi": {"total": bad}},
            "outreach": {"invitations": {"per_week": 50, "per_day": bad}, "acceptance_rate": bad,
                         "pending": {"sent": bad, "withdraw_after_days": bad}, "active_days_per_week": bad,
                         "schedule": [bad, {"week": bad, "invitations": bad}]}}
    projection = simulate(plan, weeks=2)
    assert [week.sent for week in projection.weeks] == [50, 50]


def test_a_whole_float_horizon_reads_as_the_count_as_hyg004_reads_it() -> None:
    from ssi_lint import api

    def plan(horizon: object) -> dict:
        return {"account": {"age_days": 800, "connections": 2500, "ssi": {"total": 62}, "tier": "premium"},
                "outreach": {"invitations": {"per_week": 90}, "acceptance_rate": 0.3, "pending": {"sent": 300, "withdraw_after_days": horizon}}}

    as_int, as_float = simulate(plan(21)), simulate(plan(21.0))
    assert as_float.weeks == as_int.weeks and as_float.assumptions == as_int.assumptions
    assert "no withdrawal, as none is planned" not in as_float.caveats
    findings = api.Linter(api.LintOptions()).check_data(plan(21.0))
    assert [f.rule_id for f in findings if f.rule_id == "SIM001"] == [] and any(f.rule_id == "HYG004" and "21" in f.message for f in findings)


def test_notes_before_the_start_come_from_the_export_or_week_1s_pace() -> None:
    plan = {"account": {"tier": "free"}, "outreach": {"invitations": {"per_week": 3, "note": "template"}}}
    assumed = simulate(plan, weeks=1)
    assert "week 1's pace" in assumed.assumptions["notes"]
    assert assumed.weeks[0].notes_refused > 0  # 3 a week for the 30 days before already used the quota
    fresh = simulate({**plan, "observed": {"export": {"notes_last_30_days": 0}}}, weeks=1)
    assert "0 notes in the 30 days before the start, as the export shows" in fresh.assumptions["notes"]
    assert fresh.weeks[0].notes_refused == 0 and fresh.weeks[0].notes_used_30d == 3


@settings(max_examples=200, deadline=None)
@given(total=st.integers(0, 5000), slots=st.integers(1, 120))
def test_spread_rounds_each_running_total_half_up(total: int, slots: int) -> None:
    shares = spread(total, slots)
    assert shares == [whole(total * (slot + 1) / slots) - whole(total * slot / slots) for slot in range(slots)]
    assert sum(shares) == total


@settings(max_examples=200, deadline=None)
@given(
    total=st.none() | st.floats(0, 100),
    tier=st.sampled_from([None, "free", "premium", "recruiter"]),
    age=st.none() | st.integers(0, 500) | st.floats(0, 500),
    weeks=st.integers(1, 30),
)
def test_the_weekly_limits_are_each_weeks_limit_as_the_account_ages(total: float | None, tier: str | None, age: float | None, weeks: int) -> None:
    params = load_parameters()
    expected = tuple(limit_for(total, tier, None if age is None else age + 7 * week, params) for week in range(weeks))
    assert _weekly_limits(total, tier, age, weeks, params) == expected


def test_a_stated_per_day_caps_a_weeks_daily_pace_while_the_days_are_assumed() -> None:
    # 56 in a week at no more than 8 a day: 7 days, as facts.invitation_weeks reads it; 40 fits the assumed 5
    plan = {"outreach": {"invitations": {"per_day": 8, "per_week": 40}, "schedule": [{"week": 2, "invitations": 56}]}}
    inputs = read_inputs(plan, 3)
    assert inputs.week_days == (5, 7, 5)
    assert "week 2: 7" in inputs.assumptions["active_days"]
    stated = read_inputs({"outreach": {**plan["outreach"], "active_days_per_week": 5}}, 3)
    assert stated.week_days == (5, 5, 5)  # stated days hold; PLN001 names a week per_day cannot fit



def test_the_weekly_limit_note_names_the_ssi_as_the_rules_do() -> None:
    """Known pillars that bound the SSI give its bound, not "unknown": the words of `ssi_judged.text` (SSI001, OUT003)."""
    from ssi_lint.facts import ssi_judged

    for account in ({"ssi": {"brand": 6, "people": 5, "insights": 4}}, {}):
        plan = {"account": account, "outreach": {"invitations": {"per_week": 100}}}
        projection = simulate(plan)
        assert ssi_judged(plan)["text"] in projection.assumptions["weekly_limit"] and projection.conservative
    bounded = simulate({"account": {"ssi": {"brand": 6, "people": 5, "insights": 4}}, "outreach": {"invitations": {"per_week": 100}}})
    assert "at most 40" in bounded.assumptions["weekly_limit"] and "SSI is unknown" not in bounded.assumptions["weekly_limit"]


def test_the_assumptions_write_counts_as_the_findings_do() -> None:
    """`29,600 connections`, as a finding's `{self:,}` writes it, not `29600`."""
    from ssi_lint.api import Linter

    plan = {"account": {"connections": 29600, "ssi": {"total": 60}}, "outreach": {"invitations": {"per_week": 1500}, "pending": {"sent": 2500}}}
    notes = simulate(plan).assumptions
    assert "29,600 connections" in notes["connections"] and "2,500 invitations are pending" in notes["backlog"]
    assert any("29,600" in finding.message for finding in Linter().check_data(plan))
    assumed = simulate({"account": {"connections": 29600}, "outreach": {"invitations": {"per_week": 1500}}})
    assert "1,500 a week" in assumed.assumptions["backlog"]


def test_a_declared_ssi_the_pillars_doubt_is_named_as_raising_no_limit() -> None:
    """The note never reads as if a doubted SSI 72 earned the trusted limit: OUT003 judges it raises none."""
    plan = {
        "account": {"tier": "premium", "age_days": 1500, "connections": 2000, "ssi": {"total": 72}},
        "profile": {"photo": True, "banner": True, "headline": "Head of Growth | B2B SaaS", "about": "I help SaaS teams price.",
                    "experience": 2, "skills": ["pricing", "growth", "b2b saas", "packaging", "negotiation"]},
        "prospecting": {"searches_per_week": 5, "companies_followed": 12, "experts_list": 10},
        "outreach": {"invitations": {"per_day": 10, "per_week": 50, "note": "personalized"}, "acceptance_rate": 0.4,
                     "messages": {"per_day": 10, "unread": 0}, "pending": {"sent": 100, "withdraw_after_days": 21, "received": 0}},
        "content": {"per_week": {"posts": 1, "comments": 2, "reactions": 5}},
    }
    projection = simulate(plan)
    assert projection is not None and {week.weekly_limit for week in projection.weeks} == {100}
    assert "declared, though what the plan states supports" in projection.assumptions["weekly_limit"]
    assert "SSI 72 is below" not in projection.assumptions["weekly_limit"]


def test_an_ssi_of_70_that_is_not_all_declared_is_said_not_to_count() -> None:
    """Three declared pillars of 22 and an estimated fourth make at least 84.6, yet the limit is 100: the note says why."""
    plan = {
        "account": {"tier": "premium", "age_days": 800, "connections": 6000, "ssi": {"brand": 22, "people": 22, "insights": 22}},
        "outreach": {"invitations": {"per_week": 145, "note": "personalized"}, "pending": {"sent": 150, "withdraw_after_days": 21},
                     "messages": {"per_day": 45}, "acceptance_rate": 0.35, "follow_instead_of_connect": True},
    }
    projection = simulate(plan)
    assert projection is not None and {week.weekly_limit for week in projection.weeks} == {100}
    note = projection.assumptions["weekly_limit"]
    assert "only what the plan declares counts towards it" in note and "comes to 66 here, below 70, so the limit is 100" in note


def test_an_assumed_backlog_is_never_more_than_the_invitations_an_export_shows_sent() -> None:
    """An export that cannot tell which invitations were accepted still shows how many were sent: week 1's pace
    (210 a week) would assume more pending at the start than the 270 it shows."""
    plan = {"outreach": {"invitations": {"per_week": 210}}}
    shown = {**plan, "observed": {"export": {"sent_ages": [{"days": age, "invitations": 30} for age in range(8, -1, -1)]}}}
    paced, capped = simulate(plan), simulate(shown)
    assert paced.start.pending > 270 and "week 1's pace" in paced.assumptions["backlog"]
    assert 0 < capped.start.pending <= 270 and capped.backlog_assumed
    assert f"{capped.start.pending} invitations are pending at the start (assumed: the export shows" in capped.assumptions["backlog"]
    assert "of the 270 it shows sent" in capped.assumptions["backlog"]


@given(
    connections=st.none() | st.integers(0, 40_000),
    per_week=st.integers(0, 2_000),
    pending=st.none() | st.integers(0, 3_000),
    rate=st.none() | st.floats(0, 1),
    horizon=st.none() | st.integers(1, 60),
)
@settings(max_examples=60, deadline=None)
def test_no_projection_takes_the_network_past_its_reachable_bound(
    connections: int | None, per_week: int, pending: int | None, rate: float | None, horizon: int | None,
) -> None:
    """`reachable_network` bounds every week's network at any acceptance rate (advice skips projecting below it)."""
    outreach: dict = {"invitations": {"per_week": per_week}, "pending": {}}
    if rate is not None:
        outreach["acceptance_rate"] = rate
    if pending is not None:
        outreach["pending"]["sent"] = pending
    if horizon is not None:
        outreach["pending"]["withdraw_after_days"] = horizon
    plan = {"account": {} if connections is None else {"connections": connections}, "outreach": outreach}
    params = load_parameters()
    most = reachable_network(plan, 12, params)
    projection = simulate(plan, params=params)
    assert projection is not None
    if connections is None:
        assert most is None
        return
    assert most is not None and all(week.connections <= most for week in projection.weeks)
    everyone = simulate({**plan, "outreach": {**outreach, "acceptance_rate": 1.0}}, params=params)
    assert max(week.connections for week in everyone.weeks) <= most


def test_the_backlog_withdrawn_on_the_first_day_is_counted_as_the_export_counts_its_stale_invitations() -> None:
    """An export's stale count is of invitations older than the horizon (EXD003, `export.stale_pending`): the note
    names those, and apart the ones exactly at the horizon, which reach it on the first day."""
    ages = [{"days": 40, "invitations": 5}, {"days": 21, "invitations": 3}, {"days": 10, "invitations": 2}]
    plan = {"outreach": {"invitations": {"per_week": 20}, "pending": {"withdraw_after_days": 21}},
            "observed": {"export": {"pending_ages": ages}}}
    note = simulate(plan).assumptions["backlog"]
    assert note.endswith("; 5 older than the withdraw horizon (21 days) are withdrawn on the first day, with the 3 that reach it then")
    only_due = {**plan, "observed": {"export": {"pending_ages": ages[1:]}}}
    assert simulate(only_due).assumptions["backlog"].endswith("; 3 that reach the withdraw horizon (21 days) on the first day are withdrawn then")


@pytest.mark.parametrize(("account", "said"), [
    ({**TRUSTED, "age_days": 2400, "active_days_per_week": 0}, "the account is stated 2,400 days old, but it is the days of activity that count, 0 here"
                                                              " (it is stated used 0 days a week: dormant), so the 150 limit waits until 365 days of activity"),
    (TRUSTED, None),  # old and active: the limit is granted, nothing is withheld
    ({**TRUSTED, "tier": "free", "active_days_per_week": 0}, None),  # no trusted limit to withhold
])
def test_the_note_says_why_an_old_dormant_account_waits_for_the_trusted_limit(account: dict, said: str | None) -> None:
    projection = simulate({"account": account, "outreach": {"invitations": {"per_week": 140}}})
    assert projection is not None
    note = projection.assumptions["weekly_limit"]
    assert (said in note) if said is not None else ("days of activity that count" not in note)


def test_the_ssi_floor_is_ssi001s_configured_error_level() -> None:
    """The projection judges a low SSI by SSI001's error level, configuration applied, and its note says so."""
    from ssi_lint.simulation.parameters import load_parameters

    plan = {"account": {"ssi": {"total": 47}, "age_days": 400}, "outreach": {"invitations": {"per_week": 90}}}
    configured = {"SSI001": {"levels": {"error": 45, "warning": 52}}}
    params = load_parameters().applying(configured)
    assert load_parameters()["ssi_floor"] == 50 and params["ssi_floor"] == 45
    assert judged_conservatively(plan) and not judged_conservatively(plan, configured)
    default, moved = simulate(plan), simulate(plan, params=params)
    assert default is not None and moved is not None
    assert default.conservative and "SSI 47 is below 50: going over is an error" in default.assumptions["weekly_limit"]
    assert not moved.conservative and "(SSI 47)" in moved.assumptions["weekly_limit"]


@pytest.mark.parametrize(("age", "days"), [(5, 5), (0, 1), (29, 29), (30, None), (400, None)])
def test_a_stated_backlog_is_never_spread_over_more_days_than_the_account_is_old(age: int, days: int | None) -> None:
    """45 pending on an account 5 days old were sent in those 5 days, not over the 30-day horizon: none reaches the
    horizon in week 1, and the note names the account's days, as an unstated backlog's does."""
    plan = {"account": {"age_days": age}, "outreach": {"invitations": {"per_day": 10}, "acceptance_rate": 0.3,
                                                       "pending": {"sent": 45, "withdraw_after_days": 30}}}
    inputs = read_inputs(plan, 1)
    assert inputs is not None and sum(count for _, count in inputs.backlog) == 45
    oldest = max(days_old for days_old, _ in inputs.backlog)
    note = inputs.assumptions["backlog"]
    if days is None:
        assert oldest == 29 and "over the last 30 days" in note
    else:
        assert oldest == days - 1 and f"over the account's {days} day{'' if days == 1 else 's'} (account.age_days" in note
        assert simulate(plan, weeks=1).weeks[0].withdrawn == 0 or days > 30 - 7  # only the oldest may reach the horizon in week 1


def test_one_day_is_worded_in_the_singular() -> None:
    """`after 1 day`, `on 1 day a week`: the assumptions count days with the messages' plural (`templates.counted`)."""
    plan = {"account": {"age_days": 400, "connections": 100},
            "outreach": {"active_days_per_week": 1, "invitations": {"per_day": 10}, "pending": {"sent": 5, "withdraw_after_days": 1}}}
    unstated = {**plan, "outreach": {**plan["outreach"], "pending": {"withdraw_after_days": 1}}}
    for projection in (simulate(plan, weeks=1), simulate(unstated, weeks=1)):
        assert projection is not None
        notes = projection.assumptions
        assert not any("1 days" in note for note in notes.values()), notes
        assert "after 1 day are withdrawn" in notes["withdrawal"] and "on 1 day a week" in notes["active_days"]
    assert "(10 a day x 1 day)" in simulate(plan, weeks=1).assumptions["volume"]
    assert "over the withdraw horizon of 1 day " in simulate(unstated, weeks=1).assumptions["backlog"]
