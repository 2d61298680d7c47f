"""The projection against hand-computed cases, and its invariants as properties."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ssi_lint.simulation import simulate
from ssi_lint.simulation.parameters import MODEL_FILE, Parameters, parse_parameters


def model_with(**values: Any) -> Parameters:
    """The shipped model with some parameter values replaced."""
    data = yaml.load(MODEL_FILE.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    for name, value in values.items():
        data["parameters"][name]["value"] = value
    return parse_parameters(data)


def test_withdrawn_after_21_days_pending_settles_at_three_weeks_of_non_acceptors() -> None:
    # 100 a week, 30 % accepted, all of them on the day after sending, withdrawn after 21 days:
    # at each week's end the last 21 days' invitations are pending, less the accepted: 100 x 0.7 x 3.
    plan = {"outreach": {"invitations": {"per_week": 100}, "acceptance_rate": 0.3, "pending": {"sent": 0, "withdraw_after_days": 21}}}
    weeks = simulate(plan, weeks=8, params=model_with(acceptance_delay=[[1, 1.0]])).weeks
    assert [week.pending for week in weeks[:3]] == [70, 140, 210]
    assert {week.pending for week in weeks[3:]} == {210}
    assert {week.withdrawn for week in weeks[3:]} == {70}
    assert {week.accepted for week in weeks} == {30}


def test_acceptances_spread_over_the_first_week_keep_pending_near_three_weeks() -> None:
    # All acceptances within 7 days (spread evenly): the week's latest acceptors are still pending.
    plan = {"outreach": {"invitations": {"per_week": 100}, "acceptance_rate": 0.3, "pending": {"withdraw_after_days": 21}}}
    weeks = simulate(plan, weeks=10, params=model_with(acceptance_delay=[[7, 1.0]])).weeks
    steady = {week.pending for week in weeks[3:]}
    assert len(steady) == 1 and abs(steady.pop() - 100 * 0.7 * 3) <= 15


def test_never_withdrawn_pending_crosses_700_in_week_6() -> None:
    plan = {"outreach": {"invitations": {"per_week": 150}, "acceptance_rate": 0.2, "pending": {"sent": 0}}}
    weeks = simulate(plan).weeks
    first = next(week.week for week in weeks if week.pending >= 700)
    assert first == 6
    assert weeks[4].pending < 700 <= weeks[5].pending


def test_acceptances_follow_the_sourced_delay_99_percent_within_30_days() -> None:
    # One week of sending, then nothing: by week 5 (>= 30 days after the last invitation) 99 % of the acceptances are in.
    plan = {"outreach": {"schedule": [{"week": 1, "invitations": 1000}, {"week": 2, "invitations": 0}], "invitations": {"per_week": 0}, "acceptance_rate": 0.5,
                        "pending": {"sent": 0}}}
    weeks = simulate(plan, weeks=12).weeks
    accepted = [sum(week.accepted for week in weeks[:count]) for count in range(1, 13)]
    assert accepted[0] >= 0.5 * 500  # most in the first week
    assert accepted[5] >= 0.99 * 500
    assert accepted[-1] == 500


def test_a_daily_volume_goes_out_on_the_active_days() -> None:
    five = simulate({"outreach": {"invitations": {"per_day": 20}}}, weeks=1).weeks[0]
    seven = simulate({"outreach": {"invitations": {"per_day": 20}, "active_days_per_week": 7}}, weeks=1).weeks[0]
    assert (five.sent, seven.sent) == (100, 140)


def test_the_schedule_drives_its_weeks_and_the_steady_volume_the_others() -> None:
    plan = {"outreach": {"invitations": {"per_week": 80, "per_day": 30}, "schedule": [{"week": 1, "invitations": 20}, {"week": 3, "invitations": 50}]}}
    weeks = simulate(plan, weeks=4).weeks
    assert [week.sent for week in weeks] == [20, 80, 50, 80]
    assert [week.driver.path for week in weeks] == [
        "outreach.schedule[0].invitations", "outreach.invitations.per_week", "outreach.schedule[1].invitations", "outreach.invitations.per_week",
    ]


def test_without_a_steady_volume_the_last_schedule_week_is_held_and_said() -> None:
    projection = simulate({"outreach": {"schedule": [{"invitations": 20}, {"invitations": 40}]}}, weeks=4)
    assert [week.sent for week in projection.weeks] == [20, 40, 40, 40]
    assert "assumed" in projection.assumptions["volume"]


def test_free_notes_are_capped_in_a_rolling_30_days() -> None:
    plan = {"account": {"tier": "free"}, "outreach": {"invitations": {"per_week": 10, "note": "personalized"}}}
    weeks = simulate(plan, weeks=8).weeks
    assert all(week.notes_used_30d is not None and week.notes_used_30d <= 5 for week in weeks)
    assert weeks[0].notes_refused > 0
    premium = simulate({**plan, "account": {"tier": "premium"}}, weeks=8).weeks
    assert premium[-1].notes_used_30d > 5 and not any(week.notes_refused for week in premium)


def test_connections_grow_by_the_acceptances() -> None:
    projection = simulate({"account": {"connections": 1000}, "outreach": {"invitations": {"per_week": 100}, "acceptance_rate": 0.3}}, weeks=6)
    assert projection.weeks[-1].connections == 1000 + sum(week.accepted for week in projection.weeks)


def test_connections_stop_at_linkedins_cap() -> None:
    # LinkedIn allows 30,000 first-degree connections: the projection never shows more
    outreach = {"invitations": {"per_week": 75}, "acceptance_rate": 0.45, "pending": {"sent": 150, "withdraw_after_days": 21}}
    plan = {"account": {"connections": 29600}, "outreach": outreach}
    weeks = simulate(plan).weeks
    assert max(week.connections for week in weeks) == 30000 == weeks[-1].connections
    uncapped = simulate({**plan, "account": {}}).weeks
    assert 29600 + sum(week.accepted for week in uncapped) > 30000, "the plan's acceptances would go past the cap"
    assert 29600 + sum(week.accepted for week in weeks) == 30000, "no acceptance past the cap"
    assert weeks[-1].pending > uncapped[-1].pending, "an invitation the cap keeps from being accepted stays pending"
    already = simulate({**plan, "account": {"connections": 30500}}).weeks
    assert {week.connections for week in already} == {30500}, "a network the plan states past the cap neither grows nor shrinks"
    assert {week.accepted for week in already} == {0}


def test_at_the_cap_nothing_is_accepted_and_what_would_have_been_stays_pending_until_withdrawn() -> None:
    # 100 a week on 5 days (20 a day), 30 % accepted the day after sending, withdrawn after 21 days, 10 places left:
    # day 2 takes day 1's 6 acceptances, day 3 the last 4 places; then nothing is accepted, and each week's
    # 100 invitations are withdrawn whole 3 weeks on, so pending settles at 3 weeks' invitations (not 3 x 70)
    plan = {"account": {"connections": 29990}, "outreach": {
        "invitations": {"per_week": 100}, "acceptance_rate": 0.3, "pending": {"sent": 0, "withdraw_after_days": 21}, "active_days_per_week": 5,
    }}
    weeks = simulate(plan, weeks=6, params=model_with(acceptance_delay=[[1, 1.0]])).weeks
    assert [(week.accepted, week.withdrawn, week.pending, week.connections) for week in weeks] == [
        (10, 0, 90, 30000), (0, 0, 190, 30000), (0, 0, 290, 30000), (0, 90, 300, 30000), (0, 100, 300, 30000), (0, 100, 300, 30000),
    ]
    forever = simulate({**plan, "outreach": {**plan["outreach"], "pending": {"sent": 0}}}, weeks=6, params=model_with(acceptance_delay=[[1, 1.0]]))
    assert [week.pending for week in forever.weeks] == [90, 190, 290, 390, 490, 590], "without a horizon they stay pending for good"


def test_a_plan_without_any_volume_is_not_projected() -> None:
    assert simulate({"outreach": {"pending": {"sent": 300}}}) is None
    assert simulate({}) is None


# Properties: whatever the plan, counts balance, none is negative, and the output is deterministic.

counts = st.integers(min_value=0, max_value=5000)
plans = st.fixed_dictionaries(
    {},
    optional={
        "account": st.fixed_dictionaries(
            {},
            optional={
                "tier": st.sampled_from(["free", "premium", "sales_navigator", "recruiter"]),
                "age_days": st.integers(0, 3000),
                "connections": st.integers(0, 31000),
                "ssi": st.fixed_dictionaries({"total": st.integers(0, 100)}),
            },
        ),
        "outreach": st.fixed_dictionaries(
            {},
            optional={
                "invitations": st.fixed_dictionaries(
                    {}, optional={"per_week": counts, "per_day": st.integers(0, 500), "note": st.sampled_from(["personalized", "template", "none"])}
                ),
                "pending": st.fixed_dictionaries({}, optional={"sent": counts, "withdraw_after_days": st.integers(1, 120)}),
                "acceptance_rate": st.floats(0, 1),
                "active_days_per_week": st.integers(1, 7),
                "schedule": st.lists(st.fixed_dictionaries({"invitations": counts}, optional={"week": st.integers(1, 20)}), max_size=5),
            },
        ),
        "observed": st.fixed_dictionaries(
            {},
            optional={
                "export": st.fixed_dictionaries({}, optional={"pending_age_days": st.lists(st.integers(0, 400), max_size=60), "notes_last_30_days": st.integers(0, 40)}),
                "outreach": st.fixed_dictionaries({}, optional={"acceptance_rate": st.floats(0, 1)}),
                "account": st.fixed_dictionaries({}, optional={"connections": st.integers(0, 31000)}),
            },
        ),
    },
)


@settings(max_examples=150, deadline=None)
@given(plan=plans, weeks=st.integers(1, 30))
def test_counts_balance_and_are_never_negative(plan: dict[str, Any], weeks: int) -> None:
    projection = simulate(plan, weeks=weeks)
    if projection is None:
        return
    sent = accepted = withdrawn = 0
    for number, week in enumerate(projection.weeks, start=1):
        assert week.week == number
        sent, accepted, withdrawn = sent + week.sent, accepted + week.accepted, withdrawn + week.withdrawn
        assert projection.start.pending + sent == accepted + withdrawn + week.pending
        row = week.as_dict()
        assert all(value is None or (isinstance(value, int) and value >= 0) for value in row.values()), row
        start = projection.start.connections
        assert week.connections is None or start is not None and start <= week.connections <= max(start, 30000)
    assert len(projection.weeks) == weeks


@settings(max_examples=50, deadline=None)
@given(plan=plans)
def test_the_same_plan_always_gives_the_same_projection(plan: dict[str, Any]) -> None:
    assert simulate(plan) == simulate(plan)


@settings(max_examples=100, deadline=None)
@given(plan=plans)
def test_a_free_account_never_uses_more_than_its_note_quota(plan: dict[str, Any]) -> None:
    projection = simulate(plan)
    tier = plan.get("account", {}).get("tier")
    real_history = "notes_last_30_days" in plan.get("observed", {}).get("export", {})  # an export may show more, sent earlier
    if projection is None or tier not in (None, "free") or real_history:
        return
    assert all(week.notes_used_30d is None or week.notes_used_30d <= 5 for week in projection.weeks)


def test_an_unstated_backlog_is_week_ones_steady_backlog_never_none() -> None:
    # 100 a week, 30 % accepted the day after sending, withdrawn after 21 days: 3 weeks of non-acceptors, 210
    plan = {"outreach": {"invitations": {"per_week": 100}, "acceptance_rate": 0.3, "pending": {"withdraw_after_days": 21}}}
    model = model_with(acceptance_delay=[[1, 1.0]])
    projection = simulate(plan, weeks=4, params=model)
    assert projection.start.pending == 210 and projection.backlog_assumed
    assert {week.pending for week in projection.weeks} == {210}  # it starts where the plan's own volume settles
    assert "assumed" in projection.assumptions["backlog"] and "withdraw horizon of 21 days" in projection.assumptions["backlog"]
    # an account cannot have sent before it was active: 10 days old, 10 days of week 1's pace at most
    young = simulate({**plan, "account": {"age_days": 10}}, weeks=1, params=model)
    assert young.start.pending < 210 and "account's 10 days" in young.assumptions["backlog"]
    # a stated backlog is read as stated
    stated = simulate({"outreach": {**plan["outreach"], "pending": {"sent": 0, "withdraw_after_days": 21}}}, weeks=1, params=model)
    assert stated.start.pending == 0 and not stated.backlog_assumed
