"""Observed outreach judged from what the export really counts (outreach.py, and the verdicts built on it).

The reviewed defects: invitations with a blank `Sent At` were skipped, so 150 sent invitations vanished from the
pending count and an all-undated export read as an idle one with rates of 0.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from ssi_lint.cli import main
from ssi_lint_linkedin_export import draft_plan

PLUGIN = "ssi_lint_linkedin_export.plugin"
OWNER_URL = "https://www.linkedin.com/in/jane-ownerton"
NAME = "Basic_LinkedInDataExport_02-09-2026"


def invitation(kit, index: int, sent: datetime | None, note: str = "") -> list[str]:
    """One OUTGOING row to made-up person `index`; `sent` None leaves `Sent At` blank."""
    first, last, _, url = kit.person(index)
    return ["Jane Ownerton", f"{first} {last}", kit.us_time(sent) if sent else "", note, "OUTGOING", OWNER_URL, url]


def export_of(kit, tmp_path: Path, rows: list[list[str]]) -> Path:
    """An export of these invitations and five old connections (none of the invitees)."""
    connections = [[*kit.person(9000 + i)[:2], kit.person(9000 + i)[3], "", "Acme", "CTO", "01 Jan 2025"] for i in range(5)]
    export = kit.Export().table("Invitations.csv", rows).table("Connections.csv", connections, prefix=kit.PREAMBLE)
    return export.folder(tmp_path, NAME)


def check(folder: Path) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, ["check", str(folder), "--format", "json", "--plugin", PLUGIN], catch_exceptions=False)
    return result.exit_code, json.loads(result.output)["findings"]


def observed(folder: Path) -> dict:
    from ssi_lint.api import Linter, LintOptions
    from ssi_lint.plugins import PluginSettings

    document = Linter(LintOptions(plugins=PluginSettings((PLUGIN,), autoload=False))).load(folder, folder.name)
    assert document.data is not None
    return document.data


def test_undated_outgoing_invitations_count_as_pending_and_bound_the_volume_from_below(kit, tmp_path: Path) -> None:
    rows = [invitation(kit, i, datetime(2026, 2, 5, 10)) for i in range(3)] + [invitation(kit, 100 + i, None) for i in range(150)]
    folder = export_of(kit, tmp_path, rows)
    data = observed(folder)
    assert data["outreach"]["pending"]["sent"] == 153  # pending needs no date: OUTGOING, not a connection
    assert data["export"]["undated_invitations"] == 150 and data["export"]["undated_pending"] == 150
    assert data["outreach"]["invitations"]["per_week"] == 3  # what the dated rows show: a lower bound, said so
    _, found = check(folder)
    codes = [finding["rule_id"] for finding in found]
    assert "EXP001" not in codes  # one finding for the undated rows, not one per row
    (exp011,) = [finding for finding in found if finding["rule_id"] == "EXP011"]
    assert exp011["severity"] == "warning" and exp011["line"] == 5 and exp011["file"].endswith("/Invitations.csv")
    assert "150 OUTGOING invitations with no `Sent At`" in exp011["message"]
    assert "at least what the dated rows show (3 on the busiest day, 3 in the busiest 7 days) and may be higher" in exp011["message"]
    draft = draft_plan(folder)
    assert "sent: 153" in draft and "a lower bound: 150 more OUTGOING rows have no Sent At" in draft


def test_an_export_whose_invitations_are_all_undated_is_not_idle(kit, tmp_path: Path) -> None:
    folder = export_of(kit, tmp_path, [invitation(kit, 100 + i, None) for i in range(150)])
    data = observed(folder)
    assert data["outreach"]["pending"]["sent"] == 150
    assert "per_week" not in data["outreach"].get("invitations", {}) and "active_days_per_week" not in data["account"]
    _, found = check(folder)
    (exp004,) = [finding for finding in found if finding["rule_id"] == "EXP004"]
    assert "rates are 0" not in exp004["message"].split("(EXP011)")[0]
    assert "150 invitations have no `Sent At` (EXP011): the invitation volume and the days of activity are unknown, not 0" in exp004["message"]
    draft = draft_plan(folder)
    assert "\n    per_week: 0" not in draft and "\n    per_day: 0" not in draft and "sent: 150" in draft
    assert "#   outreach.invitations.per_week: not measured, 150 OUTGOING rows have no Sent At" in draft


def test_an_undated_invitation_to_a_later_connection_is_not_pending(kit, tmp_path: Path) -> None:
    rows = [invitation(kit, 9000, None), invitation(kit, 100, None)]  # person 9000 is among the connections
    assert observed(export_of(kit, tmp_path, rows))["outreach"]["pending"]["sent"] == 1


def test_a_plan_against_an_export_counts_its_undated_pending_invitations(kit, tmp_path: Path) -> None:
    folder = export_of(kit, tmp_path, [invitation(kit, 100 + i, None) for i in range(30)] + [invitation(kit, 1, datetime(2026, 2, 1))])
    plan = tmp_path / "p.plan.yaml"
    plan.write_text("version: 1\noutreach:\n  invitations: {per_week: 20}\n  pending: {sent: 1}\n")
    result = CliRunner().invoke(main, ["check", str(plan), "--against", str(folder), "--format", "json", "--plugin", PLUGIN],
                                catch_exceptions=False)
    exd004 = [finding for finding in json.loads(result.output)["findings"] if finding["rule_id"] == "EXD004"]
    assert exd004 and "31" in exd004[0]["message"]


def old(days: int) -> datetime:
    return datetime(2026, 2, 9, 9) - timedelta(days=days)
