"""`facts.simulation` and the SIM rules: the week a limit is crossed, reported at the field that drives it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ssi_lint.api import Linter, LintOptions
from ssi_lint.cli import main
from ssi_lint.simulation import simulate
from ssi_lint.simulation.fact import simulation

PLAN = """\
version: 1
account:
  tier: free
  age_days: 400
  connections: 29700
outreach:
  invitations:
    per_week: 150
    note: personalized
  acceptance_rate: 0.2
  schedule:
    - {week: 1, invitations: 60}
    - {week: 2, invitations: 90}
"""


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(LintOptions())


def sim_findings(linter: Linter, path: Path) -> dict[str, tuple[str, int, int, str, str]]:
    result = linter.check_path(path)
    return {f.rule_id: (f.path, f.line, f.column, f.message, f.severity.label) for f in result.findings if f.rule_id.startswith("SIM")}


def test_fact_names_the_week_of_each_band_and_the_field_behind_it() -> None:
    value = simulation({"outreach": {"invitations": {"per_week": 150}, "acceptance_rate": 0.2, "pending": {"sent": 0}}})
    pending = value["pending"]
    assert [pending[level]["week"] for level in ("info", "warning", "error")] == [2, 5, 6]
    assert pending["error"]["path"] == "outreach.invitations.per_week"
    assert "in week 6, the error band" in pending["crossings"]
    assert value["weekly_limit"]["week"] == 1 and value["weekly_limit"]["conservative"] is True
    assert value["series"]["pending"][5] >= 700


def test_a_band_reached_at_the_start_is_not_a_crossing() -> None:
    value = simulation({"outreach": {"invitations": {"per_week": 150}, "acceptance_rate": 0.2, "pending": {"sent": 800}}})
    assert set(value["pending"]) == {"bands", "levels"}


def test_an_assumed_backlog_already_in_the_band_is_said_to_stay_there_not_to_grow(linter: Linter) -> None:
    """239 pending assumed at the start falls to 237 in week 1: still over 200, but no growth."""
    plan = {"version": 1, "account": {"connections": 5000},
            "outreach": {"invitations": {"per_week": 100}, "pending": {"withdraw_after_days": 21}, "messages": {"per_day": 30}}}
    value = simulation(plan)
    assert value["pending"]["moves"] == "stay in the band from an assumed 239 at the start, at 237 in week 1"
    [message] = [finding.message for finding in linter.check_data(plan) if finding.rule_id == "SIM001"]
    assert message.startswith("Pending invitations stay in the band from an assumed 239 at the start, at 237 in week 1, more than the usual 200")
    stated = simulation({**plan, "outreach": {**plan["outreach"], "pending": {"sent": 150, "withdraw_after_days": 21}}})
    assert stated["pending"]["moves"].startswith("grow to ")


NEAR_CAP = """\
version: 1
account: {tier: premium, age_days: 800, ssi: {total: 60}, connections: 27900}
outreach:
  invitations: {per_week: 100, note: personalized}
  pending: {sent: 100, withdraw_after_days: 21}
  messages: {per_day: 20}
  acceptance_rate: 0.4
"""


def test_the_week_the_network_nears_the_cap_is_a_warning(linter: Linter, tmp_path: Path) -> None:
    # 27,900 connections, 40 accepted a week: 28,006 in week 3, OUT010's warning level, long before the cap
    path = tmp_path / "near.plan.yaml"
    path.write_text(NEAR_CAP)
    found = sim_findings(linter, path)
    assert found["SIM002"][:3] == ("outreach.invitations.per_week", 4, 17) and found["SIM002"][4] == "warning"
    assert found["SIM002"][3] == (
        "Connections reach 28,006 in week 3, at or above 28,000, with 100 invitations that week: close to LinkedIn's cap of 30,000, "
        "every acceptance takes one of the last places (from what the plan states)"
    )
    assert not [f for f in linter.check_path(path).findings if f.rule_id == "OUT010"], "27,900 at the start: below OUT010's levels"


def test_each_connection_level_is_named_and_the_highest_reported(linter: Linter, tmp_path: Path) -> None:
    value = simulation({"account": {"connections": 27500}, "outreach": {"acceptance_rate": 0.8, "pending": {"withdraw_after_days": 21}, "invitations": {"per_week": 300}}})
    connections = value["connections"]
    assert (connections["warning"]["week"], connections["error"]["week"], connections["top"]["week"]) == (3, 11, 11)
    assert connections["crossings"] == "28,188 in week 3, the warning level, 30,000 in week 11, the error level"
    path = tmp_path / "both.plan.yaml"
    path.write_text("version: 1\naccount: {connections: 27500}\noutreach:\n  invitations: {per_week: 300}\n"
                    "  acceptance_rate: 0.8\n  pending: {withdraw_after_days: 21}\n")
    found = sim_findings(Linter(LintOptions(select=("SIM002",))), path)
    assert found["SIM002"][4] == "error" and found["SIM002"][3].startswith(
        "Connections reach 30,000 in week 11, at or above 30,000, with 300 invitations that week: LinkedIn's cap is 30,000, "
        "past which no invitation can be accepted (28,188 in week 3, the warning level, 30,000 in week 11, the error level; "
    )


def test_a_connection_level_reached_at_the_start_is_left_to_out010() -> None:
    plan = {"outreach": {"acceptance_rate": 0.3, "pending": {"withdraw_after_days": 21}, "invitations": {"per_week": 80}}}
    started = simulation({**plan, "account": {"connections": 28500}})
    assert set(started["connections"]) == {"bands", "levels", "cap"}, "in the warning level already: OUT010's finding"
    near = simulation({**plan, "account": {"connections": 29900}})
    assert set(near["connections"]) - {"bands", "levels", "cap"} == {"error", "crossings", "top"}, "the cap is still ahead"
    unknown = simulation(plan)
    assert set(unknown["connections"]) == {"bands", "levels", "cap"}
    assert "OUT010's levels 28,000 (warning), 30,000 (error) are not judged" in simulate(plan).assumptions["connections"]


def test_findings_point_at_the_field_that_drives_the_week(linter: Linter, tmp_path: Path) -> None:
    path = tmp_path / "growth.plan.yaml"
    path.write_text(PLAN)
    found = sim_findings(linter, path)
    # the schedule drives weeks 1-2, per_week the rest
    assert found["SIM001"][:3] == ("outreach.invitations.per_week", 8, 5)
    assert "in week 6" in found["SIM001"][3] and found["SIM001"][4] == "error"  # one band, the highest
    assert found["SIM002"][:3] == ("outreach.invitations.per_week", 8, 5)  # the cap, in a per_week week
    # the note quota runs out in week 1 and 150 > 100 a week with the SSI unknown: OUT019 and OUT003
    # already say so for the same fields, so SIM003 and SIM004 stay silent (no echoes)
    assert not {"SIM003", "SIM004"} & set(found)


def test_a_schedule_week_is_blamed_on_its_entry(tmp_path: Path) -> None:
    path = tmp_path / "ramp.plan.yaml"
    path.write_text(PLAN.replace("tier: free", "tier: premium").replace("per_week: 150", "per_week: 90").replace("90}", "140}"))
    found = sim_findings(Linter(LintOptions(select=("SIM",))), path)  # PLN003 would speak for SIM004
    assert found["SIM004"][:3] == ("outreach.schedule[1].invitations", 13, 17) and "Week 2 sends 140 invitations" in found["SIM004"][3]


def test_a_daily_volume_is_blamed_on_per_day(linter: Linter, tmp_path: Path) -> None:
    path = tmp_path / "daily.plan.yaml"
    path.write_text("version: 1\naccount: {ssi: {total: 60}}\noutreach:\n  invitations: {per_day: 30}\n  acceptance_rate: 0.2\n")
    found = sim_findings(linter, path)
    assert set(found) == {"SIM001"} and found["SIM001"][:3] == ("outreach.invitations.per_day", 4, 17)


def test_findings_say_what_was_assumed(linter: Linter) -> None:
    findings = linter.check_data({"outreach": {"invitations": {"per_week": 150}}})
    message = next(f.message for f in findings if f.rule_id == "SIM001")
    assert "assumed: " in message
    assert all(part in message for part in ("a 26% acceptance rate", "no withdrawal, as none is planned", "pending at the start at week 1's pace"))


def test_a_volume_kept_from_the_nearest_listed_week_is_named_not_called_stated(linter: Linter) -> None:
    """A schedule of week 6 alone: weeks 1-5 and 7-12 keep its volume, an assumption every SIM finding names."""
    plan = {"account": {"tier": "premium", "age_days": 900, "ssi": {"total": 62}, "active_days_per_week": 5},
            "outreach": {"schedule": [{"week": 6, "invitations": 150}], "acceptance_rate": 0.3, "pending": {"sent": 150, "withdraw_after_days": 21}}}
    message = next(f.message for f in linter.check_data(plan) if f.rule_id == "SIM001")
    assert "from what the plan states" not in message
    assert "(assumed: weeks 1-5 and 7-12, which the schedule does not list, at week 6's volume)" in message


def test_an_assumed_backlog_is_judged_from_week_1_not_left_to_the_hygiene_rules() -> None:
    # no pending.sent: the start is week 1's steady backlog, not none, and a band it reaches counts in week 1
    # (HYG001 reads only a stated count); a stated start in a band is still left to HYG001
    assumed = simulation({"outreach": {"invitations": {"per_week": 150}, "acceptance_rate": 0.2}})
    assert assumed["pending"]["info"]["week"] == 1 and assumed["pending"]["warning"]["week"] == 1
    assert "pending at the start at week 1's pace" in assumed["basis"]
    stated = simulation({"outreach": {"invitations": {"per_week": 150}, "acceptance_rate": 0.2, "pending": {"sent": 0}}})
    assert stated["pending"]["info"]["week"] == 2 and "pending at the start" not in stated["basis"]


def test_the_healthy_example_crosses_nothing(linter: Linter) -> None:
    findings = linter.check_path(Path(__file__).parents[2] / "examples" / "healthy.plan.yaml").findings
    assert not [f for f in findings if f.rule_id.startswith("SIM")]


@pytest.mark.parametrize("output_format", ["text", "concise", "json", "json-lines", "sarif", "junit", "github", "gitlab"])
def test_simulation_findings_appear_in_every_format(output_format: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("growth.plan.yaml").write_text(PLAN)
    result = CliRunner().invoke(main, ["--format", output_format, "growth.plan.yaml"], catch_exceptions=False)
    assert result.exit_code == 1
    assert "SIM001" in result.output and "week 6" in result.output


def test_the_registered_fact_describes_itself_as_the_function_does() -> None:
    from ssi_lint.builtin import SIMULATION_DESCRIPTION

    assert SIMULATION_DESCRIPTION == (simulation.__doc__ or "").strip().splitlines()[0]


def test_at_linkedins_cap_the_backlog_grows_and_sim001_says_why(linter: Linter) -> None:
    # 30,000 connections: no one can accept, so 120 a week withdrawn after 30 days keep 4 weeks' invitations pending
    at_cap = {"version": 1, "account": {"connections": 30000}, "outreach": {
        "invitations": {"per_week": 120}, "acceptance_rate": 0.3, "pending": {"sent": 100, "withdraw_after_days": 30},
    }}
    projection = simulate(at_cap)
    assert {week.accepted for week in projection.weeks} == {0} and projection.weeks[-1].pending == 480
    message = next(f.message for f in linter.check_data(at_cap) if f.rule_id == "SIM001")
    assert message == (
        "Pending invitations grow to 293 by week 2, more than the usual 200, with 120 invitations that week; "
        "the network is at LinkedIn's cap of 30,000, so none is accepted (from what the plan states)"
    )
    # reached on the way: SIM001 names the week as SIM002 does
    on_the_way = {**at_cap, "account": {"connections": 29900}, "outreach": {**at_cap["outreach"], "pending": {"sent": 0, "withdraw_after_days": 35}}}
    found = {f.rule_id: f.message for f in linter.check_data(on_the_way) if f.rule_id.startswith("SIM")}
    assert "in week 5, in the warning band (500 or more), with 120 invitations that week; the network reaches LinkedIn's cap of 30,000 " \
        "in week 4, and none is accepted after it (274 in week 3" in found["SIM001"]
    assert found["SIM002"].startswith("Connections reach 30,000 in week 4,")
    # a band reached before the cap is not put down to it
    early = simulation({**on_the_way, "account": {"connections": 29800}})
    assert early["pending"]["info"]["week"] == 3 and early["pending"]["held"].endswith("in week 7, and none is accepted after it")
    assert simulation({**on_the_way, "account": {"connections": 28000}})["pending"]["held"] == "", "the cap is not reached"
    assert simulation({**on_the_way, "account": {}})["pending"]["held"] == "", "an unknown network is not projected"


@pytest.mark.parametrize(
    ("account", "limit", "remedy"),
    [
        ({"age_days": 400}, "100 invitations a week", "raise the SSI to 50 or more (and declare it) before any higher volume"),
        ({"age_days": 400, "ssi": {"total": 60}}, "100 invitations a week",
         "only a paid account at least 365 days old with a declared SSI of 70+ may send up to 150"),
        ({"age_days": 400, "ssi": {"total": 75}, "tier": "premium"}, "150 invitations a week",
         "150 is the most even a paid, aged account with a high SSI may send"),
        ({"ssi": {"total": 75}, "tier": "premium"}, "10 invitations a day until the account has 30 days of activity (a new or dormant account's limit, OUT006)",
         "then raise the volume gradually over at least two weeks (`outreach.schedule`)"),
    ],
    ids=["ssi-unknown", "ssi-60", "trusted", "new-account"],
)
def test_the_weekly_limit_event_words_the_reason_of_its_limit(account: dict, limit: str, remedy: str) -> None:
    value = simulation({"account": account, "outreach": {"invitations": {"per_week": 160}}})
    assert value is not None
    assert (value["weekly_limit"]["limit"], value["weekly_limit"]["remedy"]) == (limit, remedy)
    assert bool(value["weekly_limit"]["why"]) is ("age_days" not in account), "only a new account's limit needs its reason in the message"


def test_the_weekly_limit_event_carries_ssi001s_configured_floor() -> None:
    """`weekly_limit.ssi_floor` and SIM004's remedy name the floor as SSI001 is configured."""
    plan = {"account": {"ssi": {"total": 40}, "age_days": 400}, "outreach": {"invitations": {"per_week": 150}}}
    default = simulation(plan)
    moved = simulation(plan, {"SSI001": {"levels": {"error": 45, "warning": 52}}})
    assert default is not None and moved is not None
    assert default["weekly_limit"]["ssi_floor"] == 50 and "raise the SSI to 50 or more" in default["weekly_limit"]["remedy"]
    assert moved["weekly_limit"]["ssi_floor"] == 45 and "raise the SSI to 45 or more" in moved["weekly_limit"]["remedy"]


def test_sim004_says_an_unstated_age_is_assumed_in_out006s_words(linter: Linter) -> None:
    """An account whose age the plan does not give counts as new by assumption: SIM004 names the assumption as OUT006
    does, and does not state the account's days of activity as a fact."""
    from ssi_lint.facts import account_age

    plan = {"version": 1, "outreach": {"invitations": {"per_day": 30}}}
    value = simulation(plan)
    assert value is not None
    said = account_age(plan)["said"]
    assert said.startswith("The plan does not give `account.age_days`")
    assert value["weekly_limit"]["basis"].endswith(", " + said[:1].lower() + said[1:])
    assert "fewer than" not in value["weekly_limit"]["why"]
    sim004 = [f for f in linter.check_data(plan) if f.rule_id == "SIM004"]
    assert sim004 == []  # OUT006 reports the week
    found = Linter(LintOptions(ignore=("OUT003", "OUT006"))).check_data(plan)
    message = next(f.message for f in found if f.rule_id == "SIM004")
    assert "fewer than 30 days of activity" not in message and "so the account counts as new)" in message
    stated = simulation({**plan, "account": {"age_days": 5}})
    assert stated is not None and "fewer than 30 days of activity" in stated["weekly_limit"]["why"]
    assert "account.age_days" not in stated["weekly_limit"]["basis"]
