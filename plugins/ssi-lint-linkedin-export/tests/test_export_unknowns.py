"""What an export cannot tell is judged conservatively, alike in `check`, `--against` and `simulate`.

The reviewed defects: without Connections.csv the backlog was judged from the last 30 days' invitations only;
a `Sent At` column whose every date reads both ways was silently read month first; a plan checked against an
export lost the export's dormancy (OUT006) and its network size (OUT010).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from click.testing import CliRunner, Result

from ssi_lint.cli import main

PLUGIN = "ssi_lint_linkedin_export.plugin"
MADE = datetime(2026, 12, 1, 12, 0)
ARCHIVE = "Basic_LinkedInDataExport_12-01-2026"
OWNER_URL = "https://www.linkedin.com/in/jane-ownerton"


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [*map(str, args), "--plugin", PLUGIN, "--format", "json"], catch_exceptions=False)


def findings(result: Result) -> dict[str, dict]:
    return {finding["rule_id"]: finding for finding in json.loads(result.output)["findings"]}


def sent(kit, days_old: list[int], first: int = 5000, when=None) -> list[list[str]]:
    """One OUTGOING row per entry, sent that many days before the export was made (`when` writes the date)."""
    rows = []
    for index, age in enumerate(days_old):
        name_first, last, _, url = kit.person(first + index)
        moment = MADE - timedelta(days=age, hours=index % 5)
        rows.append(["Jane Ownerton", f"{name_first} {last}", (when or kit.us_time)(moment), "", "OUTGOING", OWNER_URL, url])
    return rows


def test_without_connections_every_invitation_sent_counts_towards_the_backlog(kit, tmp_path: Path) -> None:
    """900 invitations 40-129 days old and 5 a day lately, an empty Connections.csv: which were accepted is unknown,
    so the backlog is judged from all of them (at the typical rate, up to all if none was), not the last 30 days'."""
    ages = [40 + index % 90 for index in range(900)] + [index % 28 for index in range(140)]
    folder = kit.Export().table("Invitations.csv", sent(kit, ages)).put("Connections.csv", b"").folder(tmp_path, ARCHIVE)
    checked = invoke(folder)
    sim = findings(checked)["SIM001"]
    assert sim["severity"] == "error" and sim["file"].endswith("Invitations.csv")
    assert "of the 1,040 the export shows sent, all 1,040 if none was accepted" in sim["message"]
    projected = json.loads(invoke("simulate", folder).output)
    assert f"assumed {projected['start']['pending']:,} at the start" in sim["message"]
    assert projected["start"]["pending"] >= 700
    note = projected["assumptions"]["backlog"]
    assert "of any age" in note and "up to 1,040 if none was accepted, the error band (700 or more)" in note


DORMANT_PLAN = """\
version: 1
account: {tier: free, age_days: 2500, connections: 650}
outreach:
  invitations: {per_day: 14, per_week: 84, note: none}
  acceptance_rate: 0.5
"""


def test_a_plan_checked_against_a_dormant_export_keeps_its_new_account_limit(kit, tmp_path: Path) -> None:
    """The export shows 200 invitations two years ago, then 14 a day for 6 days: the plan's age of 2,500 days is not
    activity, so OUT006 judges the plan's 14 a day as the export alone judges its own, and simulate holds week 1 to it."""
    rows = sent(kit, [800 + index % 10 for index in range(200)]) + sent(kit, [index % 6 for index in range(84)], first=7000)
    folder = kit.Export().table("Invitations.csv", rows).folder(tmp_path, ARCHIVE)
    plan = tmp_path / "dormant.plan.yaml"
    plan.write_text(DORMANT_PLAN)
    alone = findings(invoke(folder))["OUT006"]
    against = findings(invoke(plan, "--against", folder))["OUT006"]
    assert alone["severity"] == against["severity"] == "error"
    assert against["file"] == str(plan) and against["path"].startswith("outreach.invitations.")
    assert "The export shows the account dormant" in against["message"] and "whatever the plan's `account.age_days: 2,500` (its age, not its activity)" in against["message"]
    projected = json.loads(invoke("simulate", plan, "--against", folder).output)
    assert projected["weeks"][0]["weekly_limit"] <= 70 and "resumed after a dormancy 5 days before the start" in projected["assumptions"]["weekly_limit"]


def test_a_plan_checked_against_an_export_is_judged_on_the_network_the_export_shows(kit, tmp_path: Path) -> None:
    """The export shows 28,100 connections, the plan says 27,500 (within EXD013's tolerance): OUT010 judges the
    export's number, the one simulate starts from, and says what the plan states."""
    rows = [[f"Zed{index}", "Member", f"https://www.linkedin.com/in/zed-member-{index}", "", "Acme", "Eng",
             kit.connected_on(MADE - timedelta(days=1 + index % 900))] for index in range(28_100)]
    folder = kit.Export().table("Connections.csv", rows, prefix=kit.PREAMBLE).table("Invitations.csv", sent(kit, [1, 2, 3])).folder(tmp_path, ARCHIVE)
    plan = tmp_path / "cap.plan.yaml"
    plan.write_text("version: 1\naccount: {tier: premium, age_days: 3000, connections: 27500}\noutreach: {invitations: {per_week: 70}}\n")
    assert "OUT010" not in findings(invoke(plan))
    out010 = findings(invoke(plan, "--against", folder))["OUT010"]
    assert out010["severity"] == "warning" and out010["path"] == "account.connections" and out010["file"] == str(plan)
    assert "The network has 28,100 connections (as the export shows; the plan states 27,500)" in out010["message"]
    projected = json.loads(invoke("simulate", plan, "--against", folder).output)
    assert projected["start"]["connections"] == 28_100


def test_a_sent_at_column_whose_every_date_reads_both_ways_is_judged_at_its_busiest_and_said(kit, tmp_path: Path) -> None:
    """15 invitations a day on 3-11 November, re-saved day first (`03/11/2026 09:00`): month first they would spread
    over March to November (an old, quiet account); nothing decides, so they are read the busier way, and EXP010
    names the file and column."""
    rows = sent(kit, [20 + index // 15 for index in range(135)], when=lambda moment: moment.strftime("%d/%m/%Y %H:%M"))
    folder = kit.Export().table("Invitations.csv", rows).folder(tmp_path, ARCHIVE)
    found = findings(invoke(folder))
    exp010 = found["EXP010"]
    assert exp010["severity"] == "warning" and exp010["file"].endswith("Invitations.csv") and exp010["line"] == 2
    assert "every `Sent At` date of" in exp010["message"] and "read day first, the reading that makes the account busiest" in exp010["message"]
    assert "(105 rows in its busiest 7 days, against 15 read month first)" in exp010["message"]
    assert found["OUT006"]["severity"] == "error" and "OUT008" not in found
    from ssi_lint_linkedin_export import draft_plan

    assert "  age_days: 28 " in draft_plan(folder)
