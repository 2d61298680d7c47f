"""`ssi-lint simulate --against ARCHIVE`: the projection starts from the export's real state."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from click.testing import CliRunner

from ssi_lint.cli import main

PLUGIN = "ssi_lint_linkedin_export.plugin"
PLAN = """\
version: 1
account: {tier: free, connections: 850}
outreach:
  invitations: {per_week: 40, note: personalized}
  pending: {sent: 20, withdraw_after_days: 21}
  acceptance_rate: 0.5
"""


def simulate(*args: str | Path) -> dict:
    result = CliRunner().invoke(main, ["simulate", *map(str, args), "--plugin", PLUGIN, "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_the_projection_starts_from_the_exports_pending_connections_and_acceptance(archive: Path, kit, tmp_path: Path) -> None:
    plan = tmp_path / "my.plan.yaml"
    plan.write_text(PLAN)
    planned = simulate(plan)
    observed = simulate(plan, "--against", archive)
    expected = kit.EXPECTED
    assert planned["start"] == {"pending": 20, "connections": 850}
    assert observed["start"] == {"pending": expected["pending_sent"], "connections": expected["connections"]}
    assert f"{expected['acceptance_rate']:.0%}" in observed["assumptions"]["acceptance_rate"]
    assert "as the export shows" in observed["assumptions"]["acceptance_rate"]
    assert f"{expected['stale_pending']} older than the withdraw horizon" in observed["assumptions"]["backlog"]
    # the stale invitations go on the first day; the export's acceptance rate (40 %) is below the plan's (50 %)
    assert observed["weeks"][0]["withdrawn"] >= expected["stale_pending"]
    assert sum(week["accepted"] for week in observed["weeks"]) < sum(week["accepted"] for week in planned["weeks"])
    assert plan.read_text() == PLAN


def test_an_extracted_export_folder_is_projected_as_its_zip_is(archive: Path, kit, tmp_path: Path) -> None:
    folder = kit.standard_export().folder(tmp_path / "unzipped")
    from_folder, from_zip = simulate(folder), simulate(archive)
    assert from_folder["weeks"] == from_zip["weeks"] and from_folder["start"] == from_zip["start"]
    assert from_folder["plan"] == folder.as_posix()


def test_advise_reads_an_extracted_export_folder_as_its_zip(archive: Path, kit, tmp_path: Path) -> None:
    folder = kit.standard_export().folder(tmp_path / "unzipped")

    def advise(path: Path) -> str:
        result = CliRunner().invoke(main, ["advise", str(path), "--plugin", PLUGIN], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    assert advise(folder).replace(folder.as_posix(), "EXPORT") == advise(archive).replace(archive.as_posix(), "EXPORT")


def _undated_export(kit, tmp_path: Path, dated: int) -> Path:
    """`dated` pending invitations sent in the last days, 10 a day, and 60 more with a blank `Sent At`; 30 old connections."""
    rows = [["Jane Ownerton", f"P {i}", kit.us_time(datetime(2026, 2, 9 - i // 10, 9, i % 10)), "", "OUTGOING", "", f"https://x/p{i}"]
            for i in range(dated)]
    rows += [["Jane Ownerton", f"U {i}", "", "", "OUTGOING", "", f"https://x/u{i}"] for i in range(60)]
    connections = [["C", str(i), f"https://x/c{i}", "", "", "", "15 Jan 2026"] for i in range(30)]
    return kit.Export().table("Invitations.csv", rows).table("Connections.csv", connections).zip(tmp_path / str(dated))


def test_undated_pending_invitations_are_in_the_starting_backlog_as_its_oldest(kit, tmp_path: Path) -> None:
    unwithdrawn = tmp_path / "keeps.plan.yaml"  # a plan with a volume and no withdraw horizon, for an export none of whose invitations is dated
    unwithdrawn.write_text(PLAN.replace(", withdraw_after_days: 21", ""))
    for dated, args in ((20, ()), (0, (unwithdrawn, "--against"))):
        projection = simulate(*args, _undated_export(kit, tmp_path, dated))
        assert projection["start"]["pending"] == dated + 60  # as HYG001 and EXD016 count them: none is taken as withdrawn
        backlog = projection["assumptions"]["backlog"]
        assert "60 with no Sent At (export.undated_pending), never taken as withdrawn" in backlog
        assert "counted as the oldest (28 days old)" in backlog
        assert projection["weeks"][0]["withdrawn"] == 0 and projection["weeks"][0]["pending"] > 60
    plan = tmp_path / "my.plan.yaml"
    plan.write_text(PLAN)
    against = simulate(plan, "--against", _undated_export(kit, tmp_path / "again", 20))
    assert against["start"]["pending"] == 80
    assert "the 60 with no Sent At are older than the withdraw horizon (21 days)" in against["assumptions"]["backlog"]
    assert against["weeks"][0]["withdrawn"] >= 59  # the plan's own withdrawals retire that oldest cohort on the first day
