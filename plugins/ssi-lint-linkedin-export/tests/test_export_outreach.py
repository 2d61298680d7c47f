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


def test_the_free_note_quota_is_judged_on_the_notes_counted_in_the_last_30_days(kit, tmp_path: Path) -> None:
    """5 notes from 1/15 to 1/31 are within the quota, whatever a weekly rate extrapolates to (about 9 a month)."""
    rows = [invitation(kit, i, datetime(2026, 1, 15) + timedelta(days=4 * i), f"Hi, note {i}") for i in range(5)]
    _, found = check(export_of(kit, tmp_path, rows))
    assert "OUT019" not in [finding["rule_id"] for finding in found]


def test_notes_over_the_quota_on_an_export_are_out019_and_not_ppl008(kit, tmp_path: Path) -> None:
    """10 notes within 10 days among 40 invitations: most go without a note, but the quota is spent twice over."""
    noted = [invitation(kit, i, datetime(2026, 1, 14) + timedelta(days=i), f"Hi, note {i}") for i in range(10)]
    plain = [invitation(kit, 50 + i, datetime(2026, 1, 14) + timedelta(days=i % 10)) for i in range(30)]
    _, found = check(export_of(kit, tmp_path, noted + plain))
    by_rule = {finding["rule_id"]: finding for finding in found}
    assert "PPL008" not in by_rule  # the account does add notes
    assert by_rule["OUT019"]["message"].startswith("The export shows: 10 invitations with a note in the 30 days to 2026-02-09;")


def test_an_exports_age_is_said_as_the_lower_bound_it_is(kit, tmp_path: Path) -> None:
    """Only a week of rows: judged new (OUT006), and said as days of activity the export shows, not the account's age."""
    rows = [invitation(kit, i, datetime(2026, 2, 2, 9) + timedelta(days=i // 20, minutes=i % 20)) for i in range(140)]
    connections = [[*kit.person(9000)[:2], kit.person(9000)[3], "", "Acme", "CTO", "03 Feb 2026"]]
    folder = kit.Export().table("Invitations.csv", rows).table("Connections.csv", connections, prefix=kit.PREAMBLE).folder(tmp_path, NAME)
    (out006,) = [finding for finding in check(folder)[1] if finding["rule_id"] == "OUT006"]
    assert out006["message"].startswith("The export shows: only 7 days of activity (a lower bound of the account's age), and")
    assert "days old" not in out006["message"]


def test_a_person_invited_again_is_one_pending_invitation_the_latest(kit, tmp_path: Path) -> None:
    """260 people invited twice are 260 pending invitations, not 520; ages are those of the latest invitations."""
    first = [invitation(kit, i, datetime(2025, 12, 1) + timedelta(days=i % 20)) for i in range(260)]
    again = [invitation(kit, i, datetime(2026, 1, 20) + timedelta(days=i % 15)) for i in range(260)]
    data = observed(export_of(kit, tmp_path, again + first))  # the order of the rows does not matter
    assert data["outreach"]["pending"]["sent"] == 260
    assert data["export"]["oldest_pending_days"] == 20 and data["export"]["stale_pending"] == 0


def test_an_undated_invitation_and_a_dated_one_to_the_same_person_are_one_pending(kit, tmp_path: Path) -> None:
    rows = [invitation(kit, 7, None), invitation(kit, 7, datetime(2026, 2, 1)), invitation(kit, 8, None)]
    data = observed(export_of(kit, tmp_path, rows))
    assert data["outreach"]["pending"]["sent"] == 2 and data["export"]["undated_pending"] == 1


def test_invitations_to_no_one_named_are_each_pending(kit, tmp_path: Path) -> None:
    """A row with neither the invitee's URL nor a name tells nothing of who it went to: three such rows are three."""
    rows = [["Jane Ownerton", "", kit.us_time(datetime(2026, 2, 1 + day)), "", "OUTGOING", OWNER_URL, ""] for day in range(3)]
    assert observed(export_of(kit, tmp_path, rows))["outreach"]["pending"]["sent"] == 3
