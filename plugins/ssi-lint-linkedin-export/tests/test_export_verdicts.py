"""What an export shows is judged alike alone, `--against` a plan, and in `simulate`: the levels, the backlog, the file named.

The reviewed defects: `--against` hid the export's error-level invitation pace, and every EXD rule about the export's
own figures went quiet for a plan without an `outreach` section; old invitations never answered were left out of the
pending count (the export does not show withdrawals) and 0 % acceptance passed when no invitation went out lately;
EXD010 copied OUT019's note quota; `advise` printed a finding's line:col without its file.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ssi_lint.api import Linter, LintOptions
from ssi_lint.cli import main
from ssi_lint.plugins import PluginSettings

PLUGIN = "ssi_lint_linkedin_export.plugin"
AS_OF = datetime(2026, 2, 8, 10, 0)
PROFILE_ONLY = "version: 1\naccount: {tier: premium, age_days: 1500, connections: 300, ssi: {total: 60}}\nprofile: {photo: true}\n"


def invoke(*args: str | Path, cwd: Path | None = None) -> Result:
    runner = CliRunner()
    command = [*map(str, args), "--plugin", PLUGIN]
    if cwd is None:
        return runner.invoke(main, command, catch_exceptions=False)
    import os

    here = Path.cwd()
    os.chdir(cwd)
    try:
        return runner.invoke(main, command, catch_exceptions=False)
    finally:
        os.chdir(here)


def findings(result: Result) -> dict[str, dict]:
    return {finding["rule_id"]: finding for finding in json.loads(result.output)["findings"]}


@pytest.fixture
def stale(kit, tmp_path: Path) -> Path:
    """750 invitations 35 to 64 days old, none accepted, none in the window: S1 of the review, smaller."""
    invitations = []
    for index in range(750):
        first, last, _, url = kit.person(1000 + index)
        sent = AS_OF - timedelta(days=35 + index % 30, hours=index % 9)
        invitations.append(["Jane Ownerton", f"{first} {last}", kit.us_time(sent), "", "OUTGOING", "https://www.linkedin.com/in/jane-ownerton", url])
    connections = []
    for index in range(300):
        first, last, email, url = kit.person(3000 + index)
        connections.append([first, last, url, email, "Acme", "CTO", kit.connected_on(AS_OF - timedelta(days=index))])  # as_of: the newest
    export = kit.Export().table("Invitations.csv", invitations).table("Connections.csv", connections, prefix=kit.PREAMBLE)
    return export.folder(tmp_path / "stale")


def test_old_unanswered_invitations_count_as_pending_and_check_and_simulate_agree(stale: Path) -> None:
    result = invoke(stale, "--format", "json")
    found = findings(result)
    assert result.exit_code == 1
    assert (found["HYG001"]["severity"], found["HYG001"]["file"]) == ("error", f"{stale.as_posix()}/Invitations.csv")
    assert found["HYG001"]["message"].startswith("The export shows: 750 sent invitations pending")
    # the invitations were sent before the window: the 0 % accepted of them is judged all the same
    assert found["OUT008"]["severity"] == "error" and "0% of invitations are accepted" in found["OUT008"]["message"]
    projected = json.loads(invoke("simulate", stale, "--format", "json").output)
    assert projected["start"]["pending"] == 750
    assert {finding["rule_id"]: finding["severity"] for finding in projected["findings"]} == {"HYG001": "error"}


def test_a_withdraw_horizon_the_plan_states_leaves_the_older_invitations_out_and_says_it_is_assumed(stale: Path, tmp_path: Path) -> None:
    plan = tmp_path / "p.plan.yaml"
    plan.write_text(PROFILE_ONLY)
    unstated = findings(invoke(plan, "--against", stale, "--format", "json"))
    assert unstated["EXD016"]["severity"] == "error"
    assert "every invitation not yet a connection counts, as the export does not show withdrawals" in unstated["EXD016"]["message"]
    assert unstated["EXD003"]["message"].startswith("The plan states no withdraw horizon; the export shows 750 sent invitations older than the recommended 21 days")
    assert unstated["EXD017"]["severity"] == "error"  # no outreach section: the export's 0 % is judged
    plan.write_text(PROFILE_ONLY + "outreach: {pending: {withdraw_after_days: 21}}\n")
    stated = findings(invoke(plan, "--against", stale, "--format", "json"))
    assert "EXD016" not in stated
    assert stated["EXD003"]["message"].startswith("The plan withdraws invitations after 21 days; the export shows 750 sent invitations older")
    plan.write_text(PROFILE_ONLY + "outreach: {pending: {withdraw_after_days: 40}}\n")
    too_long = findings(invoke(plan, "--against", stale, "--format", "json"))
    assert too_long["EXD003"]["message"].startswith("The plan withdraws invitations after 40 days;")
    assert too_long["EXD003"]["fix"].startswith("Withdraw the invitations older than 21 days")  # PLN005 calls 40 too long
    assert "PLN005" in too_long


def test_a_plan_against_an_export_at_an_error_pace_fails_as_the_export_alone_does(archive: Path, tmp_path: Path) -> None:
    """The standard export's busiest day (30) and 7 days (60), with OUT001's and OUT003's levels lowered: both errors."""
    (tmp_path / ".ssi-lint.yaml").write_text("params:\n  OUT001: {levels: {warning: 10, error: 25}}\n  OUT003: {limit: 40, error_limit: 50}\n")
    (tmp_path / "p.plan.yaml").write_text(PROFILE_ONLY)
    alone = invoke(archive, "--format", "json", cwd=tmp_path)
    assert alone.exit_code == 1 and {"OUT001", "OUT003"} <= set(findings(alone))
    against = invoke("p.plan.yaml", "--against", archive, "--format", "json", cwd=tmp_path)
    found = findings(against)
    assert against.exit_code == 1
    assert (found["EXD018"]["severity"], found["EXD019"]["severity"]) == ("error", "error")
    assert found["EXD018"]["message"].startswith("The export shows 30 invitations on its busiest day, 2026-")
    assert "(the plan's per_day: none): above 25 a day" in found["EXD018"]["message"]
    assert "60 invitations in its busiest 7 days (the plan's weekly volume: none)" in found["EXD019"]["message"]
    assert all(found[rule]["line"] == 1 for rule in ("EXD018", "EXD019"))  # the plan states no outreach: its top


def test_the_free_note_quota_of_the_export_drift_is_out019s() -> None:
    plan = {"account": {"tier": "free"}, "observed": {"export": {"notes_last_30_days": 8, "as_of": "2026-02-08"}}}

    def quota_findings(params: dict) -> list[str]:
        linter = Linter(LintOptions(plugins=PluginSettings((PLUGIN,), autoload=False), select=("EXD010",), params=params))
        return [finding.message for finding in linter.check_data(plan)]

    assert quota_findings({}) == ["The plan says the account is free, and the export shows 8 invitations with a note in the 30 days to "
                                  "2026-02-08; a free account may send 5"]
    assert quota_findings({"OUT019": {"max_per_month": 10}}) == []
    assert quota_findings({"OUT019": {"max_per_month": 6}})[0].endswith("a free account may send 6")


def test_advise_on_an_export_names_the_file_of_each_risk(archive: Path) -> None:
    result = invoke("advise", archive)
    risks = [line for line in result.output.splitlines() if line.startswith("  ") and not line.startswith("      ")]
    located = [line for line in risks if " OUT0" in line or " EXP0" in line]
    assert located
    assert all(line.startswith(f"  {archive.as_posix()}/") and ".csv:" in line.split(" ")[2] for line in located), located


def test_the_busiest_day_of_an_export_is_the_one_it_shows(archive: Path) -> None:
    """The week's pace is its invitations over the days they went out, so OUT001 never reads more a day than the export shows."""
    linter = Linter(LintOptions(plugins=PluginSettings((PLUGIN,), autoload=False)))
    document = linter.load(archive, "e.zip")
    assert document.data is not None
    outreach = document.data["outreach"]
    per_day, per_week, days = outreach["invitations"]["per_day"], outreach["invitations"]["per_week"], outreach["active_days_per_week"]
    assert per_week / days <= per_day
    from ssi_lint.facts import busiest_invitation_day

    assert busiest_invitation_day(document.data)["per_day"] == per_day


def outgoing(kit, count: int, first_day: datetime, per_day: int, start: int = 5000) -> list[list[str]]:
    """`count` OUTGOING invitations, `per_day` a day from `first_day`."""
    rows = []
    for index in range(count):
        first, last, _, url = kit.person(start + index)
        sent = first_day + timedelta(days=index // per_day, minutes=index % per_day)
        rows.append(["Jane Ownerton", f"{first} {last}", kit.us_time(sent), "", "OUTGOING", "https://www.linkedin.com/in/jane-ownerton", url])
    return rows


def test_the_assumed_backlog_of_an_export_never_exceeds_the_invitations_it_shows_sent(kit, tmp_path: Path) -> None:
    """Without Connections.csv, pending is unknown, but no more than the 270 invitations the export shows sent."""
    export = kit.Export().table("Invitations.csv", outgoing(kit, 270, datetime(2026, 1, 11, 9), 30))
    folder = export.folder(tmp_path, "Basic_LinkedInDataExport_01-20-2026")
    result = invoke("simulate", folder, "--format", "json")
    projected = json.loads(result.output)
    assert 0 < projected["start"]["pending"] <= 270
    backlog = projected["assumptions"]["backlog"]
    assert "of the 270 it shows sent of any age" in backlog and backlog.endswith("up to 270 if none was accepted, the info band (201 or more)")
    checked = findings(invoke("check", folder, "--format", "json"))
    assert f"{projected['start']['pending']:,} pending at the start of the 270 the export shows sent" in checked["SIM001"]["message"]


def resuming(kit, tmp_path: Path, dormant: bool) -> Path:
    """14 invitations a day for the 7 days to 2026-02-10; before them, connections and a post of 2021 (`dormant`), else one connection of 2026-02-02."""
    old = [["Old", "Friend", "https://www.linkedin.com/in/old-friend-0", "", "Acme", "Eng", "10 Mar 2021" if dormant else "02 Feb 2026"]]
    export = kit.Export().table("Invitations.csv", outgoing(kit, 98, datetime(2026, 2, 4, 9), 14)).table("Connections.csv", old, prefix=kit.PREAMBLE)
    if dormant:
        export.table("Shares.csv", [["2021-04-01 10:00:00", "https://www.linkedin.com/feed/update/urn:li:share:1", "Hello", "", "", "MEMBER_NETWORK"]])
    return export.folder(tmp_path / ("dormant" if dormant else "new"), "Basic_LinkedInDataExport_02-10-2026")


@pytest.mark.parametrize("dormant", [True, False])
def test_an_account_that_resumes_after_a_dormancy_counts_its_days_of_activity_from_then(kit, tmp_path: Path, dormant: bool) -> None:
    """Years without activity, then 14 invitations a day: OUT006 judges it as it judges an 8-day-old account."""
    out006 = findings(invoke("check", resuming(kit, tmp_path, dormant), "--format", "json"))["OUT006"]
    assert out006["severity"] == "error"
    if dormant:
        assert out006["message"].startswith("The export shows: the account was dormant, with no activity for 1,769 days, "
                                            "until it resumed on 2026-02-04, 6 days before the export's last day (2026-02-10)")
    else:
        assert out006["message"].startswith("The export shows: only 8 days of activity (a lower bound of the account's age), and the account sends"
                                            " more than 10 invitations a day")


@pytest.mark.parametrize("owner_known", [True, False])
def test_what_others_send_a_dormant_account_does_not_make_it_active(kit, tmp_path: Path, owner_known: bool) -> None:
    """A post in 2021, then nothing sent until 14 invitations a day from 2026-02-04; meanwhile others message and invite the
    account every 3 weeks. Activity is what the account sends (README): it is still dormant, then resumed."""
    owner, owner_url = " ".join(kit.OWNER), "https://www.linkedin.com/in/jane-ownerton"
    day, messages, invitations = datetime(2021, 5, 1, 10), [], outgoing(kit, 98, datetime(2026, 2, 4, 9), 14)
    for step in range(85):
        first, last, _, url = kit.person(600 + step)
        messages.append([f"c{step}", "", f"{first} {last}", url, owner, owner_url, f"{day:%Y-%m-%d %H:%M:%S} UTC", "", "Open role?", "INBOX"])
        invitations.append([f"{first} {last}", owner, kit.us_time(day), "", "INCOMING", url, owner_url])
        day += timedelta(days=21)
    export = (kit.Export().table("Invitations.csv", invitations).table("messages.csv", messages)
              .table("Connections.csv", [], prefix=kit.PREAMBLE)
              .table("Shares.csv", [["2021-04-01 10:00:00", "https://www.linkedin.com/feed/update/urn:li:share:1", "Hello", "", "", "MEMBER_NETWORK"]]))
    if owner_known:
        export.table("Profile.csv", [[*kit.OWNER, "", "", "", "Founder", "", "", "", "", "", "", ""]])
    out006 = findings(invoke("check", export.folder(tmp_path, "Basic_LinkedInDataExport_02-10-2026"), "--format", "json"))["OUT006"]
    assert out006["severity"] == "error"
    assert out006["message"].startswith("The export shows: the account was dormant, with no activity for 1,769 days, "
                                        "until it resumed on 2026-02-04, 6 days before the export's last day (2026-02-10)")


def test_an_account_active_throughout_keeps_its_calendar_age(archive: Path) -> None:
    linter = Linter(LintOptions(plugins=PluginSettings((PLUGIN,), autoload=False)))
    document = linter.load(archive, "e.zip")
    assert document.data is not None
    assert document.data["account"]["age_days"] == 727  # 2024-02-13 .. 2026-02-09: a reaction at least every 20 days
    assert "resumed_on" not in document.data["export"]


def test_a_burst_on_an_export_is_said_without_doubting_its_measured_figures(kit, tmp_path: Path) -> None:
    """24 invitations in one day are both the busiest day and the busiest 7 days: neither figure can be wrong."""
    connections = [["Old", "Friend", "https://www.linkedin.com/in/old-friend-0", "", "Acme", "Eng", "10 Mar 2021"]]
    reactions = [[f"{datetime(2021, 3, 10) + timedelta(days=20 * step):%Y-%m-%d} 07:00:00", "LIKE", f"https://www.linkedin.com/feed/update/urn:li:activity:{step}"]
                 for step in range(92)]  # active throughout, so the account is no new one (OUT006 would speak instead)
    export = (kit.Export().table("Invitations.csv", outgoing(kit, 24, datetime(2026, 2, 9, 9), 24))
              .table("Connections.csv", connections, prefix=kit.PREAMBLE).table("Reactions.csv", reactions))
    found = findings(invoke("check", export.folder(tmp_path), "--format", "json"))
    assert found["PLN002"]["message"] == ("The export shows: per_day 24 is more than half of per_week 24: "
                                          "most of the busiest 7 days' invitations went out in one or two days")
