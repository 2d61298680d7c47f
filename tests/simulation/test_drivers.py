"""Which plan field decides each week's invitations, and how a schedule's weeks are numbered."""

from __future__ import annotations

from ssi_lint.simulation.drivers import PER_DAY, PER_WEEK, SCHEDULE, held_caveat, held_weeks, schedule_weeks, scheduled_entries, steady_volume


def plan(*entries: object) -> dict[str, object]:
    return {"outreach": {"schedule": list(entries)}}


def test_an_entry_without_a_week_takes_its_position_and_one_without_a_volume_is_left_out() -> None:
    entries = scheduled_entries(plan({"invitations": 20}, {"week": 5}, {"week": 4, "invitations": 40}, "x", {"invitations": 60}))
    assert [(week, volume, index) for week, volume, index, _ in entries] == [(1, 20, 0), (4, 40, 2), (5, 60, 4)]


def test_of_two_entries_for_one_week_the_larger_volume_counts_whichever_comes_first() -> None:
    for first, second, kept in ((90, 130, 1), (130, 90, 0)):
        weeks = schedule_weeks(plan({"week": 3, "invitations": first}, {"week": 3, "invitations": second}))
        volume, driver = weeks[3]
        assert (volume, driver.kind, driver.index) == (130, SCHEDULE, kept)


def test_a_whole_float_week_is_that_week() -> None:
    entries = scheduled_entries(plan({"week": 2.0, "invitations": 5}, {"week": 1.5, "invitations": 7}))
    assert [(week, volume) for week, volume, _, _ in entries] == [(2, 5), (2, 7)]  # 1.5 is no week number: its position counts


def test_a_per_week_below_per_day_gives_way_to_per_day() -> None:
    def steady(**invitations: int) -> tuple[int, str] | None:
        found = steady_volume({"outreach": {"invitations": invitations}}, 5)
        return None if found is None else (found[0], found[1].kind)

    assert steady(per_day=30, per_week=0) == (150, PER_DAY)  # a week holds the day: 0 a week cannot be right
    assert steady(per_day=30, per_week=60) == (60, PER_WEEK)  # 30 on two days: per_week decides
    assert steady(per_week=0) == (0, PER_WEEK)


def test_weeks_a_schedule_leaves_out_keep_the_nearest_listed_weeks_volume_and_say_so() -> None:
    held = held_weeks(plan({"week": 3, "invitations": 50}, {"week": 6, "invitations": 150}), 8)
    assert held == {1: 3, 2: 3, 4: 3, 5: 3, 7: 6, 8: 6}
    assert held_caveat(held) == (
        "weeks 1-2 and 4-5, which the schedule does not list, at week 3's volume; weeks 7-8, which the schedule does not list, at week 6's volume"
    )
    assert held_caveat({2: 1}) == "week 2, which the schedule does not list, at week 1's volume"


def test_no_week_is_held_where_a_steady_volume_fills_the_others() -> None:
    assert held_weeks({"outreach": {"invitations": {"per_week": 50}, "schedule": [{"week": 6, "invitations": 150}]}}, 12) == {}
    assert held_weeks(plan({"week": 1, "invitations": 5}, {"week": 2, "invitations": 7}), 2) == {}
    assert held_caveat({}) is None
