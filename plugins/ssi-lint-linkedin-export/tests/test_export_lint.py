"""End to end: from a ZIP to findings, with the Linter API and the `ssi-lint` command line."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ssi_lint.api import Linter, LintOptions
from ssi_lint.cli import main
from ssi_lint.plugins import PluginSettings

PLUGIN = "ssi_lint_linkedin_export.plugin"
PLAN = """\
version: 1
account: {tier: free, connections: 850}
outreach:
  invitations: {per_day: 15, per_week: 40, note: personalized}
  pending: {sent: 20, withdraw_after_days: 21, received: 0}
  messages: {per_day: 5}
  acceptance_rate: 0.5
content:
  per_week: {posts: 3, reposts: 1, comments: 2, reactions: 10}
  groups: 3
"""


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(LintOptions(plugins=PluginSettings((PLUGIN,), autoload=False)))


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "my.plan.yaml"
    path.write_text(PLAN)
    return path


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


def test_export_is_a_valid_observed_plan_and_builtin_rules_point_into_csvs(linter: Linter, archive: Path) -> None:
    document = linter.load(archive, "Basic_LinkedInDataExport_02-09-2026.zip")
    result = linter.check_document(document)
    assert not [finding for finding in result.findings if finding.rule_id.startswith(("SCHEMA", "LOAD", "EXP"))]
    by_rule = {finding.rule_id: finding for finding in result.findings}
    assert by_rule["OUT001"].file == "Basic_LinkedInDataExport_02-09-2026.zip/Invitations.csv"
    assert "30 invitations a day" in by_rule["OUT001"].message
    assert (by_rule["OUT001"].line, by_rule["OUT001"].column) == (32, 1)  # the first invitation of the busiest day
    assert not any(finding.rule_id.startswith("EXD") for finding in result.findings)


def test_unreadable_rows_become_info_findings_at_the_csv_row(kit, linter: Linter, tmp_path: Path) -> None:
    export = kit.standard_export()
    text = export.files["Invitations.csv"].decode().splitlines()
    text.insert(3, "Jane Ownerton,Zorbina9 Quuxley9,someday,,OUTGOING,,")
    export.put("Invitations.csv", "\n".join(text) + "\n")
    result = linter.check_document(linter.load(export.zip(tmp_path), "e.zip"))
    rows = [finding for finding in result.findings if finding.rule_id == "EXP001"]
    assert [(finding.file, finding.line, finding.severity.label) for finding in rows] == [("e.zip/Invitations.csv", 4, "info")]
    assert "line 4 of e.zip/Invitations.csv" in rows[0].message


def test_drift_rules_through_check_document(linter: Linter, plan: Path, archive: Path) -> None:
    observed = linter.load(archive, "export.zip")
    result = linter.check_document(linter.load(plan), against=observed)
    drift = {finding.rule_id: finding for finding in result.findings if finding.rule_id.startswith("EXD")}
    # EXD018: the busiest day (30) is above OUT001's warning level, and the plan states a smaller day
    assert set(drift) == {"EXD001", "EXD002", "EXD003", "EXD004", "EXD005", "EXD006", "EXD010", "EXD011", "EXD013", "EXD018"}
    assert drift["EXD001"].message == ("The plan says 40 invitations a week; the export shows 60 in the busiest 7 days "
                                       "(2026-01-30 to 2026-02-05)")
    assert "12 sent invitations older than that" in drift["EXD003"].message
    assert all(finding.file == plan.as_posix() for finding in drift.values())
    assert (drift["EXD001"].line, drift["EXD001"].path) == (4, "outreach.invitations.per_week")


def test_an_observed_rate_next_to_the_plans_never_reads_as_the_plans() -> None:
    linter = Linter(LintOptions(plugins=PluginSettings((PLUGIN,), autoload=False), params={"EXD005": {"tolerance": 0.001}}))
    plan = {"outreach": {"acceptance_rate": 0.30}, "observed": {"outreach": {"acceptance_rate": 0.2951}}}
    found = {finding.rule_id: finding for finding in linter.check_data(plan)}
    assert found["EXD005"].message.startswith("The plan assumes 30% of invitations are accepted; the export shows 29.5% (of ")


def test_plan_matching_the_export_has_no_drift(linter: Linter, tmp_path: Path, archive: Path) -> None:
    path = tmp_path / "same.plan.yaml"
    path.write_text(
        "version: 1\naccount: {connections: 65}\n"
        "outreach:\n  invitations: {per_day: 30, per_week: 60, note: template}\n"
        "  pending: {sent: 77, withdraw_after_days: 100, received: 3}\n  acceptance_rate: 0.4\n  messages: {per_day: 5}\n"
        "content:\n  per_week: {posts: 1, reposts: 1, comments: 2, reactions: 10}\n"
    )
    result = linter.check_document(linter.load(path), against=linter.load(archive))
    assert [finding.rule_id for finding in result.findings if finding.rule_id.startswith("EXD")] == ["EXD011"]


def test_cli_against_archive_with_plugin_option(plan: Path, archive: Path) -> None:
    result = invoke(plan, "--against", archive, "--plugin", PLUGIN, "--format", "json", "--fail-on", "warning")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    ids = {finding["rule_id"] for finding in report["findings"]}
    assert {"EXD001", "EXD003", "EXD005", "EXD006"} <= ids


def test_cli_against_extracted_folder(kit, plan: Path, tmp_path: Path) -> None:
    folder = kit.standard_export().folder(tmp_path / "unzipped")
    result = invoke(plan, "--against", folder, "--plugin", PLUGIN)
    assert "EXD001 warning The plan says 40 invitations a week" in result.stdout


def test_cli_lints_the_archive_itself(archive: Path) -> None:
    result = invoke(archive, "--plugin", PLUGIN, "--fail-on", "never")
    assert result.exit_code == 0
    assert f"{archive.as_posix()}/Invitations.csv:32:1: OUT001 warning" in result.stdout


def test_cli_window_options(archive: Path) -> None:
    result = invoke(archive, "--plugin", PLUGIN, "--as-of", "2026-01-25", "--window", "14", "--format", "json")
    assert "OUT001" not in result.stdout  # the busy days are after 2026-01-25
    assert "OUT001" in invoke(archive, "--plugin", PLUGIN, "--window", "14").stdout


@pytest.mark.parametrize(("args", "message"), [
    (("--window", "-3"), "--window must be a number of days from 7 to 3660 (the weekly figures need a whole week), not '-3'"),
    (("--window", "6"), "--window must be a number of days from 7 to 3660 (the weekly figures need a whole week), not '6'"),
    (("--as-of", "yesterday"), "--as-of must be a day written YYYY-MM-DD, not 'yesterday'"),
    (("-L", "tier=gold"), "--loader-option tier must be one of free, premium, sales_navigator, recruiter, not 'gold'"),
])
def test_cli_bad_loader_options_are_one_line_errors(archive: Path, args: tuple[str, ...], message: str) -> None:
    result = invoke(archive, "--plugin", PLUGIN, *args)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"ssi-lint: error: {message}\n"


def test_cli_lints_an_extracted_folder(kit, tmp_path: Path) -> None:
    folder = kit.standard_export().folder(tmp_path / "unzipped")
    result = invoke(f"{folder.as_posix()}/", "--plugin", PLUGIN, "--fail-on", "never", "--window", "14")
    assert result.exit_code == 0, result.output
    assert f"{folder.as_posix()}/Invitations.csv:32:1: OUT001 warning" in result.stdout
    assert "in 1 file" in result.stdout


def test_cli_folder_with_plans_is_still_searched(kit, tmp_path: Path) -> None:
    project = tmp_path / "project"
    kit.standard_export().folder(project)  # an extracted export inside a folder of plans
    (project / "my.plan.yaml").write_text(PLAN)
    (project / "Connections.csv").write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n")
    (project / "Skills.csv").write_text("Name\n")
    result = invoke(project, "--plugin", PLUGIN, "--format", "json", "--fail-on", "never")
    assert [entry["path"] for entry in json.loads(result.stdout)["files"]] == [(project / "my.plan.yaml").as_posix()]


def test_claims_only_export_folders_and_zips(kit, tmp_path: Path, archive: Path) -> None:
    from ssi_lint_linkedin_export.plugin import ssi_lint_claims_path

    named = kit.standard_export().folder(tmp_path / "a")
    plain = kit.standard_export().folder(tmp_path / "b", name="my export")
    single = kit.Export().table("Invitations.csv", []).folder(tmp_path / "c", name="stuff")
    assert ssi_lint_claims_path(named) is True and ssi_lint_claims_path(plain) is True and ssi_lint_claims_path(archive) is True
    assert ssi_lint_claims_path(tmp_path / "a") is None  # the parent of an export is searched, not linted
    assert ssi_lint_claims_path(single) is None  # one CSV in a folder not named like an export
    (plain / "x.plan.yaml").write_text("version: 1\n")
    assert ssi_lint_claims_path(plain) is None
    assert ssi_lint_claims_path(tmp_path / "a" / "nothing.yaml") is None


def test_fields_the_export_cannot_show_raise_no_findings(linter: Linter, archive: Path) -> None:
    document = linter.load(archive, "e.zip")
    assert {("account", "ssi"), ("profile", "featured"), ("content", "groups"), ("prospecting", "experts_list")} <= document.unknown
    fired = {finding.rule_id for finding in linter.check_document(document).findings}
    assert not fired & {"SSI007", "PRF012", "CNT004", "PPL006", "PRF001", "PRF002"}
    # what the export does show is still judged (an unknown tier counts as free: its 10 notes in 30 days are over the quota)
    assert {"OUT001", "HYG005", "OUT019"} <= fired and "PPL008" not in fired


def test_the_ssi_rules_judge_the_estimate_of_an_export(linter: Linter, archive: Path) -> None:
    """The export cannot show `account.ssi`, the field the SSI rules point at, but they judge its estimate's range."""
    findings = {finding.rule_id: finding for finding in linter.check_document(linter.load(archive, "e.zip")).findings}
    assert "SSI007" not in findings  # no "the plan does not record the SSI" on an export
    assert "from what the export shows, it cannot be told whether the SSI reaches the floor of 50" in findings["SSI011"].message


def test_photo_and_banner_are_unknown_without_rich_media(kit, linter: Linter, tmp_path: Path) -> None:
    export = kit.standard_export().drop("Rich_Media.csv")
    document = linter.load(export.zip(tmp_path), "e.zip")
    assert {("profile", "photo"), ("profile", "banner")} <= document.unknown
    fired = {finding.rule_id for finding in linter.check_document(document).findings}
    assert not fired & {"PRF001", "PRF002"}
    export.table("Rich_Media.csv", [])  # the file, without an upload: no photo is a finding
    fired = {finding.rule_id for finding in linter.check_document(linter.load(export.zip(tmp_path / "2"), "e.zip")).findings}
    assert {"PRF001", "PRF002"} <= fired


def test_a_photo_uploaded_after_the_last_activity_is_there_whatever_the_window(kit, linter: Linter, tmp_path: Path) -> None:
    """Photo and banner are the profile's state when the export was made, not activity in the window."""
    invitations = [["Jane Ownerton", f"P {i}", kit.us_time(datetime(2026, 1, 10 + i % 5, 14, 37)), "", "OUTGOING", "", f"https://x/{i}"]
                   for i in range(12)]
    export = kit.Export().table("Invitations.csv", invitations).table("Rich_Media.csv", [
        ["You uploaded a profile photo on February 5, 2026 at 1:00 PM", "", "https://media.example/1"],
        ["You uploaded a background photo on February 6, 2026 at 1:00 PM", "", "https://media.example/2"]])
    archive = export.zip(tmp_path, "Complete_LinkedInDataExport_02-10-2026")
    for options in ({}, {"as_of": "2026-01-14"}):
        document = Linter(LintOptions(plugins=PluginSettings((PLUGIN,), autoload=False), loader_options=options)).load(archive, "e.zip")
        assert (document.data["profile"]["photo"], document.data["profile"]["banner"]) == (True, True), options
        assert not {finding.rule_id for finding in linter.check_document(document).findings} & {"PRF001", "PRF002"}


def test_tier_option_says_which_note_rule_applies(archive: Path) -> None:
    """The export does not show the tier: it counts as free (OUT019, its notes over the quota) unless `-L tier=` names a paid one (PPL003)."""
    unknown = invoke(archive, "--plugin", PLUGIN, "--select", "PPL", "--select", "OUT019").stdout
    assert "OUT019" in unknown and "PPL003" not in unknown and "judged as free" in unknown
    assert "PPL003" not in invoke(archive, "--plugin", PLUGIN, "--select", "PPL", "-L", "tier=free").stdout
    assert "PPL003" in invoke(archive, "--plugin", PLUGIN, "--select", "PPL", "-L", "tier=premium").stdout


def test_against_uses_the_loader_options(plan: Path, archive: Path) -> None:
    result = invoke(plan, "--against", archive, "--plugin", PLUGIN, "--select", "EXD003", "-L", "withdraw_after_days=100")
    assert "EXD003" in result.stdout  # the plan's own 21 days decide what is stale in EXD003, not the option
    result = invoke(plan, "--against", archive, "--plugin", PLUGIN, "--select", "EXD001", "--as-of", "2026-01-25")
    assert "EXD001" not in result.stdout


def test_cli_corrupt_archive_is_an_error_finding(tmp_path: Path) -> None:
    path = tmp_path / "Complete_LinkedInDataExport_02-09-2026.zip"
    path.write_bytes(b"not a zip at all")
    result = invoke(path, "--plugin", PLUGIN)
    assert result.exit_code == 1 and "EXP003 error" in result.stdout


@pytest.mark.parametrize(("name", "content"), [("my-export.zip", b"PK\x03\x04 cut short"), ("linkedin.ZIP", b"garbage\xff\xfe"), ("empty.zip", b"")])
def test_a_corrupt_zip_of_any_name_is_a_located_archive_error_not_a_yaml_finding(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = invoke(path, "--plugin", PLUGIN)
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{path.as_posix()}:1:1: EXP003 error {path.as_posix()} cannot be read as a ZIP archive"), result.stdout
    assert "LOAD" not in result.stdout
    simulated = CliRunner().invoke(main, ["simulate", str(path), "--plugin", PLUGIN])
    assert simulated.exit_code == 2 and simulated.output.count("\n") == 1 and "cannot be read as a ZIP archive" in simulated.output
    assert path.read_bytes() == content


def test_schema_has_the_export_section(linter: Linter) -> None:
    export = linter.plan_schema["properties"]["export"]
    assert export["additionalProperties"] is False
    assert all("description" in field for field in export["properties"].values())


def test_yaml_plans_still_go_to_the_yaml_loader(linter: Linter, plan: Path) -> None:
    result = linter.check_document(linter.load(plan))
    assert not any(finding.rule_id.startswith(("LOAD", "SCHEMA", "EXP", "EXD")) for finding in result.findings)


def test_profile_findings_point_at_the_profile_row(kit, linter: Linter, tmp_path: Path) -> None:
    export = kit.standard_export()
    export.table("Profile.csv", [["Jane", "Ownerton", "", "", "", "", "", "", "", "", "", "", ""]], prefix=kit.PREAMBLE.replace("Notes:", "Intro:"))
    result = linter.check_document(linter.load(export.zip(tmp_path), "e.zip"))
    headline = [finding for finding in result.findings if finding.rule_id == "PRF003"]
    assert [(finding.file, finding.line, finding.path) for finding in headline] == [("e.zip/Profile.csv", 5, "profile")]


def test_drift_rules_leave_the_batch_whole_on_a_plan_without_an_export() -> None:
    """A drift rule tests `has(plan.observed)` first: reading it on a plain plan would fail every rule's batch."""
    linter = Linter(LintOptions(plugins=PluginSettings((PLUGIN,), autoload=False)))
    evaluator = linter.ruleset.evaluator
    assert any(compiled.rule.id.startswith("EXD") for compiled in evaluator.rules)
    evaluator.bind()  # with the plugin's CEL functions
    bound = evaluator._bound
    assert bound is not None
    plan = {"version": 1, "account": {"tier": "free", "connections": 900}, "content": {"per_week": {"posts": 2, "comments": 5}},
            "outreach": {"invitations": {"per_day": 10, "per_week": 50, "note": "none"}, "pending": {"sent": 100, "received": 3},
                         "acceptance_rate": 0.3, "messages": {"per_day": 5}}}
    assert bound.batch_values(bound.activation(plan, evaluator.facts.compute(plan, True))) is not None


def test_the_repost_share_of_an_export_comes_from_its_exact_weekly_rates(linter: Linter, kit, tmp_path: Path) -> None:
    shares = [["2026-02-02 09:00:00", "https://www.linkedin.com/feed/update/urn:li:share:1", "My lesson from 40 demos", "", "", "MEMBER_NETWORK"]]
    shares += [[f"2026-02-0{day} 09:00:00", f"https://www.linkedin.com/feed/update/urn:li:share:{day}", "", f"https://example.com/{day}", "",
                "MEMBER_NETWORK"] for day in range(3, 8)]
    archive = kit.standard_export().table("Shares.csv", shares).zip(tmp_path)
    result = linter.check_document(linter.load(archive, "export.zip"))
    share = [finding for finding in result.findings if finding.rule_id == "CNT003"]
    assert share and share[0].message.startswith("The export shows: reposts are 83% of publications")  # 5 of 6, not 1 of 2



def _invitations_on_days(kit, counts: list[int]) -> object:
    """The standard export whose only invitations are outgoing ones: `counts[i]` of them on 2026-02-0(3 + i)."""
    owner = "https://www.linkedin.com/in/jane-ownerton"
    rows = []
    for offset, count in enumerate(counts):
        for number in range(count):
            first, last, _, url = kit.person(200 + 10 * offset + number)
            rows.append([" ".join(kit.OWNER), f"{first} {last}", kit.us_time(datetime(2026, 2, 3 + offset, 9)), "", "OUTGOING", owner, url])
    return kit.standard_export().table("Invitations.csv", rows)


@pytest.mark.parametrize("counts", [[3, 1], [1], [9, 1], [10, 0, 2]])
def test_a_quiet_week_sent_in_a_day_or_two_is_no_burst(linter: Linter, kit, tmp_path: Path, counts: list[int]) -> None:
    document = linter.load(_invitations_on_days(kit, counts).zip(tmp_path), "export.zip")
    assert document.data["outreach"]["invitations"]["per_day"] == max(counts)
    assert "PLN002" not in {finding.rule_id for finding in linter.check_document(document).findings}


def test_a_busy_day_above_the_warm_up_pace_is_a_burst_in_an_export(linter: Linter, kit, tmp_path: Path) -> None:
    document = linter.load(_invitations_on_days(kit, [12, 2]).zip(tmp_path), "export.zip")
    [burst] = [finding for finding in linter.check_document(document).findings if finding.rule_id == "PLN002"]
    assert burst.message.startswith("The export shows: per_day 12 is more than half of per_week 14")
    assert (burst.file, burst.path) == ("export.zip/Invitations.csv", "outreach.invitations.per_week")
