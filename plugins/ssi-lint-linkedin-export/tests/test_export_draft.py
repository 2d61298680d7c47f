"""`draft_plan` and `ssi-lint draft-plan`: a valid plan, each number commented with its source file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from ssi_lint.api import Linter, LintOptions
from ssi_lint.cli import main
from ssi_lint.errors import InputError
from ssi_lint.loading import load_text
from ssi_lint.plugins import PluginSettings
from ssi_lint_linkedin_export import draft_plan
from ssi_lint_linkedin_export.draft import DraftError, command
from ssi_lint_linkedin_export.observation import Settings


def ssi_lint(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args])


def test_draft_is_valid_against_the_core_plan_schema(archive: Path) -> None:
    text = draft_plan(archive)
    core = Linter(LintOptions(plugins=PluginSettings(autoload=False)))  # without the plugin: no `export` section allowed
    result = core.check_document(load_text(text, "draft.plan.yaml"))
    assert not [finding for finding in result.findings if finding.rule_id.startswith(("LOAD", "SCHEMA"))], result.findings
    data = yaml.safe_load(text)
    assert "export" not in data
    assert data["outreach"]["invitations"] == {"per_day": 30, "per_week": 60, "note": "none"}
    assert data["content"]["per_week"]["posts"] == 1


def test_every_number_says_where_it_came_from(archive: Path) -> None:
    lines = draft_plan(archive).splitlines()
    values = [line for line in lines[1:] if not line.lstrip().startswith("#") and not line.endswith(":") and line != "version: 1"]
    assert len(values) == 27 and all("  # " in line for line in values), values
    by_key = {line.split(":")[0].strip(): line for line in values}
    assert "# Invitations.csv:32: OUTGOING rows, the busiest 7 days" in by_key["per_week"]
    assert "days with OUTGOING rows in the busiest 7 days" in by_key["active_days_per_week"]
    assert ": rows connected on or before 2026-02-09" in by_key["connections"] and "# Connections.csv:" in by_key["connections"]
    assert "# Profile.csv:2: the Headline column" in by_key["headline"]
    assert "28 days 2026-01-13 to 2026-02-09" in lines[1]


def test_draft_names_missing_files_and_honours_settings(kit, tmp_path: Path) -> None:
    folder = kit.standard_export().drop("Shares.csv").folder(tmp_path)
    text = draft_plan(folder, Settings(as_of=date(2026, 2, 5), window_days=7))
    assert "posts:" not in text and "reposts:" not in text and "comments: " in text
    unknown = text.split("# Unknown because files are missing or unusable in the export (Shares.csv):\n")[1]
    assert unknown.splitlines()[:2] == ["#   content.per_week.posts", "#   content.per_week.reposts"]
    assert "7 days 2026-01-30 to 2026-02-05" in text


def test_hints_list_what_the_export_cannot_show(kit, archive: Path, tmp_path: Path) -> None:
    hints = draft_plan(archive).split("# Not in the export; fill in what applies:\n")[1]
    for field in ("account.tier", "account.ssi", "profile.featured", "prospecting.experts_list", "content.groups",
                  "outreach.pending.withdraw_after_days: 21", "outreach.profile_views.per_day", "outreach.messages.unread"):
        assert f"#   {field}" in hints, field
    assert "profile.photo" not in hints  # Rich_Media.csv shows it
    text = draft_plan(kit.standard_export().drop("Rich_Media.csv").zip(tmp_path), Settings(tier="premium", withdraw_after_days=30))
    hints = text.split("# Not in the export")[1]
    assert "#   profile.photo: true" in hints and "account.tier" not in hints and "withdraw_after_days: 30" in hints
    assert 'tier: "premium"' in text and "# not in the export: given with --loader-option tier" in text
    assert yaml.safe_load(text)["account"]["tier"] == "premium"


def test_subcommand_through_the_entry_point(entry_point: None, archive: Path) -> None:
    result = ssi_lint("draft-plan", archive, "--window", "14", "--as-of", "2026-02-08", "-L", "tier=free")
    assert result.exit_code == 0, result.output
    assert "14 days 2026-01-26 to 2026-02-08" in result.stdout and 'tier: "free"' in result.stdout
    assert "draft-plan" in ssi_lint("--help").stdout


def test_subcommand_writes_a_file_and_keeps_an_existing_one(entry_point: None, archive: Path, tmp_path: Path) -> None:
    target = tmp_path / "my.plan.yaml"
    result = ssi_lint("draft-plan", archive, "-o", target)
    assert result.exit_code == 0 and result.stdout == "" and target.read_text() == draft_plan(archive)
    target.write_text("# edited by hand\n")
    result = ssi_lint("draft-plan", archive, "-o", target)
    assert result.exit_code == 2 and "already exists; pass --force" in result.stderr
    assert target.read_text() == "# edited by hand\n"
    assert ssi_lint("draft-plan", archive, "-o", target, "--force").exit_code == 0
    assert target.read_text() == draft_plan(archive)
    assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".tmp")] == []


def test_drafted_file_lints_against_the_export(entry_point: None, archive: Path, tmp_path: Path) -> None:
    target = tmp_path / "my.plan.yaml"
    assert ssi_lint("draft-plan", archive, "-o", target).exit_code == 0
    result = ssi_lint(target, "--against", archive, "--format", "json", "--fail-on", "never")
    ids = {finding["rule_id"] for finding in json.loads(result.stdout)["findings"]}
    assert not {rule for rule in ids if rule.startswith(("LOAD", "SCHEMA", "EXP"))}
    # the draft matches the export; EXD003 says that 12 invitations older than 21 days were never withdrawn, which
    # a draft cannot mend (the export shows no withdraw horizon to write)
    assert not {rule for rule in ids if rule.startswith("EXD")} - {"EXD011", "EXD003"}, ids


@pytest.mark.parametrize(("args", "message"), [
    (["nothing-here.zip"], "nothing-here.zip: no such file or directory"),
    (["ARCHIVE", "--window", "zero"], "--window must be a number of days from 7 to 3660 (the weekly figures need a whole week), not 'zero'"),
    (["ARCHIVE", "--as-of", "yesterday"], "--as-of must be a day written YYYY-MM-DD, not 'yesterday'"),
    (["ARCHIVE", "--as-of", "2026-03-01"], "--as-of 2026-03-01 is after Basic_LinkedInDataExport_02-09-2026.zip was made (2026-02-09, the date in its name)"),
    (["ARCHIVE", "-L", "tier=gold"], "--loader-option tier must be one of free, premium, sales_navigator, recruiter, not 'gold'"),
    (["FOLDER"], "not a LinkedIn data export"),
])
def test_subcommand_errors_are_one_line(entry_point: None, archive: Path, tmp_path: Path, args: list[str], message: str) -> None:
    named = {"ARCHIVE": str(archive), "FOLDER": str(tmp_path / "empty")}
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(command(), [named.get(arg, arg) for arg in args])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("ssi-lint: error: ") and message in result.stderr and result.stderr.count("\n") == 1


def test_malformed_loader_option_is_a_usage_error(archive: Path) -> None:
    result = CliRunner().invoke(command(), [str(archive), "-L", "tier"])
    assert result.exit_code == 2 and "expected KEY=VALUE" in result.stderr


def test_draft_of_a_non_export_raises(tmp_path: Path) -> None:
    with pytest.raises(DraftError):
        draft_plan(tmp_path)
    assert issubclass(DraftError, InputError)


def quiet_export(kit) -> object:
    """The standard export with less than one a week of each activity: 2 own posts and a repost, 1 comment, 2 reactions
    and 1 search in the 28-day window (0.5, 0.25, 0.25, 0.5 and 0.25 a week)."""
    export = kit.standard_export()
    share = "https://www.linkedin.com/feed/update/urn:li:share:"
    export.table("Shares.csv", [["2026-01-20 09:00:00", f"{share}1", "My lesson", "", "", "MEMBER_NETWORK"],
                                ["2026-02-03 09:00:00", f"{share}2", "My case", "", "", "MEMBER_NETWORK"],
                                ["2026-02-04 09:00:00", f"{share}3", "", "https://www.linkedin.com/posts/someone-1", "", "MEMBER_NETWORK"]])
    export.table("Comments.csv", [["2026-01-20 08:00:00", "https://www.linkedin.com/feed/update/urn:li:activity:1", "Great point"]])
    export.table("Reactions.csv", [[f"2026-01-2{i} 07:00:00", "LIKE", f"https://www.linkedin.com/feed/update/urn:li:activity:{i}"] for i in range(2)])
    export.table("SearchQueries.csv", [["2026/01/20 10:00:00 UTC", "marketing"]])
    return export


def test_an_unedited_draft_of_rates_below_one_a_week_does_not_drift(entry_point: None, kit, tmp_path: Path) -> None:
    # the plan's rates are whole numbers (any activity is at least 1); the export's exact rates below 1 are what that 1 says
    archive = quiet_export(kit).zip(tmp_path)
    target = tmp_path / "my.plan.yaml"
    assert ssi_lint("draft-plan", archive, "-o", target).exit_code == 0
    data = yaml.safe_load(target.read_text())
    assert data["content"]["per_week"] == {"posts": 1, "reposts": 1, "comments": 1, "reactions": 1}
    assert data["prospecting"]["searches_per_week"] == 1
    result = ssi_lint(target, "--against", archive, "--format", "json", "--fail-on", "never")
    findings = json.loads(result.stdout)["findings"]
    assert not [f for f in findings if f["rule_id"] in ("EXD006", "EXD007", "EXD008", "EXD009", "EXD015")], findings


def test_a_plan_above_what_the_export_shows_drifts_in_whole_words(entry_point: None, kit, tmp_path: Path) -> None:
    archive = quiet_export(kit).drop("Shares.csv", "Comments.csv").table("Shares.csv", []).table("Comments.csv", []).zip(tmp_path)
    target = tmp_path / "my.plan.yaml"
    target.write_text("version: 1\ncontent:\n  per_week: {posts: 1, comments: 1, reactions: 3}\nprospecting:\n  searches_per_week: 1\n")
    result = ssi_lint(target, "--against", archive, "--format", "json", "--fail-on", "never")
    messages = {f["rule_id"]: f["message"] for f in json.loads(result.stdout)["findings"] if f["rule_id"].startswith("EXD")}
    assert messages["EXD006"].startswith("The plan publishes 1 post a week; the export shows 0 a week"), messages
    assert messages["EXD008"].startswith("The plan writes 1 comment a week;"), messages
    assert messages["EXD009"].startswith("The plan gives 3 reactions a week; the export shows 0.5 a week"), messages
    assert "EXD015" not in messages, "0.25 searches a week is the 1 a plan can say"


def test_an_acceptance_rate_too_recent_to_measure_is_named_not_blamed_on_missing_files(kit, tmp_path: Path) -> None:
    export = kit.standard_export()
    rows = [line for line in export.files["Invitations.csv"].decode().splitlines() if "/25, " not in line]  # no 2025 invitations
    export.put("Invitations.csv", "\n".join(rows) + "\n")
    text = draft_plan(export.zip(tmp_path))
    assert "acceptance_rate:" not in text.split("# Not in the export")[0]
    measured = text.split("# Too little in the export to measure; fill in what you know:\n")[1].splitlines()[0]
    assert measured.startswith("#   outreach.acceptance_rate: not measured, 0 invitations sent on or before 2026-01-10")
    assert "Unknown because files are missing" not in text
