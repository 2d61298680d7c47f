"""`ssi-lint simulate` on the command line: formats, options, and one clear line for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ssi_lint.cli import main

ROOT = Path(__file__).parents[2]
RISKY = str(ROOT / "examples" / "risky.plan.yaml")


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_text_is_the_default_and_has_no_colour_off_a_terminal() -> None:
    result = invoke("simulate", RISKY)
    assert result.exit_code == 0, result.output
    assert "12 weeks projected" in result.output and "Pending invitations at the end of each week" in result.output
    assert "Assumptions:" in result.output and "OUT003 error 300 invitations a week" in result.output
    assert "\033[" not in result.output


def test_weeks_option() -> None:
    result = invoke("simulate", RISKY, "--weeks", "3", "--format", "csv")
    assert result.exit_code == 0
    assert result.output.splitlines()[0] == "week,sent,accepted,withdrawn,pending,connections,notes_used_30d,weekly_limit"
    assert len(result.output.splitlines()) == 4


def test_json_lists_the_simulation_findings_and_says_the_rules_horizon() -> None:
    result = invoke("simulate", RISKY, "--format", "json", "--weeks", "20")
    document = json.loads(result.output)
    assert len(document["weeks"]) == 20
    # OUT003, OUT006 and OUT019 speak for SIM004 and SIM003; HYG001 for the pending band the plan starts in; OUT007 for its flat
    # schedule; OUT001, which OUT006 supersedes, for the daily volume it outranks OUT006 on
    assert {finding["rule_id"] for finding in document["findings"]} == {"HYG001", "OUT001", "OUT003", "OUT006", "OUT007", "OUT019"}
    assert "first 12 weeks" in document["assumptions"]["findings"]


def test_config_and_select_apply_to_the_findings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path(".ssi-lint.yaml").write_text("ignore: [OUT]\n")
    document = json.loads(invoke("simulate", RISKY, "--format", "json").output)
    assert {finding["rule_id"] for finding in document["findings"]} == {"HYG001", "SIM003", "SIM004"}


def test_a_rule_that_outranks_a_drawn_one_on_the_start_is_listed_as_check_reports_it(tmp_path: Path) -> None:
    """499 pending with no withdraw horizon at 90 a week: HYG004's warning outranks HYG001's info (HYG001 supersedes it), so
    the backlog the chart shows in HYG001's info band at the start has HYG004's finding beside it, as `check` reports it."""
    path = tmp_path / "plan.yaml"
    path.write_text("version: 1\naccount: {age_days: 500, tier: premium, ssi: {total: 60}, connections: 1000}\n"
                    "outreach:\n  invitations: {per_week: 90}\n  pending: {sent: 499}\n  acceptance_rate: 0.3\n")
    checked = json.loads(invoke("check", str(path), "--format", "json", "--exit-zero").output)
    backlog = {finding["rule_id"] for finding in checked["findings"] if finding["rule_id"].startswith("HYG")}
    assert backlog == {"HYG004"}
    document = json.loads(invoke("simulate", str(path), "--format", "json").output)
    assert {finding["rule_id"] for finding in document["findings"]} == {"HYG004", "SIM001"}
    assert "499  info" in invoke("simulate", str(path)).output


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "no such file"),
        ("version: 1\noutreach: [unclosed\n", "fix the plan first"),
        ("version: 1\noutreach:\n  invitations: {per_week: lots}\n", ":3:"),
        ("version: 1\nprofile: {photo: true}\n", "states no invitation volume"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, content: str | None, expected: str) -> None:
    path = tmp_path / "plan.yaml"
    if content is not None:
        path.write_text(content)
    result = CliRunner().invoke(main, ["simulate", str(path)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ssi-lint: error:") and expected in lines[0], result.output
    if content is not None:
        assert path.read_text() == content  # never written back


def test_a_folder_no_loader_reads_is_one_line_saying_what_simulate_takes(tmp_path: Path) -> None:
    (tmp_path / "a.plan.yaml").write_text("version: 1\noutreach:\n  invitations: {per_week: 40}\n")
    result = CliRunner().invoke(main, ["simulate", str(tmp_path)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ssi-lint: error:"), result.output
    assert "no such file" not in lines[0] and "simulate projects one plan file" in lines[0]


@pytest.mark.parametrize("args", [["--weeks", "0"], ["--format", "html"]])
def test_bad_options_are_usage_errors(args: list[str]) -> None:
    result = CliRunner().invoke(main, ["simulate", RISKY, *args])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_against_needs_a_loader_that_reads_it(tmp_path: Path) -> None:
    other = tmp_path / "not-an-export.txt"
    other.write_text("hello")
    result = CliRunner().invoke(main, ["simulate", RISKY, "--against", str(other)])
    assert result.exit_code == 2 and "--against" in result.output
