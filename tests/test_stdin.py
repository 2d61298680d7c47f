"""`ssi-lint - --stdin-filename PATH`: a plan from standard input, reported and configured as PATH."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ssi_lint.cli import main

PLAN = b"version: 1\noutreach:\n  invitations:\n    per_day: 30\naccount: {age_days: 400}\n"


def run(args: list[str], data: bytes = PLAN) -> Result:
    return CliRunner().invoke(main, args, input=data, catch_exceptions=False)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose `team/` folder ignores OUT001; the working directory is elsewhere."""
    (tmp_path / ".git").mkdir()
    team = tmp_path / "team"
    team.mkdir()
    (team / ".ssi-lint.yaml").write_text("ignore: [OUT001]\nexclude: ['drafts/']\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    return tmp_path


def findings(result: Result) -> list[dict[str, object]]:
    return json.loads(result.stdout)["findings"]


def test_the_plan_is_reported_under_the_stdin_filename(project: Path) -> None:
    result = run(["-", "--stdin-filename", "plans/q1.plan.yaml", "--format", "concise"])
    assert result.exit_code == 1, result.output
    assert "plans/q1.plan.yaml:4:5: OUT001 30 invitations a day" in result.stdout


def test_without_a_name_it_is_reported_as_a_dash(project: Path) -> None:
    result = run(["-", "--format", "concise"])
    assert "-:4:5: OUT001" in result.stdout


def test_the_configuration_is_found_from_the_stdin_filename(project: Path) -> None:
    name = (project / "team" / "q1.plan.yaml").as_posix()
    result = run(["-", "--stdin-filename", name, "--format", "json"])
    assert "OUT001" not in {finding["rule_id"] for finding in findings(result)}
    assert json.loads(result.stdout)["files"][0]["path"] == name


def test_the_per_file_ignores_of_the_stdin_filename_apply(project: Path) -> None:
    (project / "team" / ".ssi-lint.yaml").write_text("per-file-ignores: {'keep/*.plan.yaml': [OUT001]}\n")
    kept = run(["-", "--stdin-filename", (project / "team" / "keep" / "q1.plan.yaml").as_posix(), "--format", "json"])
    other = run(["-", "--stdin-filename", (project / "team" / "q1.plan.yaml").as_posix(), "--format", "json"])
    assert "OUT001" not in {finding["rule_id"] for finding in findings(kept)}
    assert "OUT001" in {finding["rule_id"] for finding in findings(other)}


def test_an_excluded_stdin_filename_is_not_checked(project: Path) -> None:
    name = (project / "team" / "drafts" / "q1.plan.yaml").as_posix()
    result = run(["-", "--stdin-filename", name, "--format", "concise"])
    assert (result.exit_code, "OUT001" in result.stdout) == (0, False)
    assert "no files to check" in result.stderr


def test_standard_input_and_files_together(project: Path) -> None:
    other = project / "elsewhere" / "b.plan.yaml"
    other.write_bytes(PLAN.replace(b"30", b"10"))
    result = run(["-", str(other), "--stdin-filename", "a.plan.yaml", "--format", "json"])
    assert [entry["path"] for entry in json.loads(result.stdout)["files"]] == ["a.plan.yaml", other.as_posix()]


def test_bad_yaml_on_standard_input_is_a_located_finding(project: Path) -> None:
    result = run(["-", "--stdin-filename", "x.plan.yaml", "--format", "concise"], b"version: [1\n")
    assert result.exit_code == 1
    assert result.stdout.startswith("x.plan.yaml:2:1: LOAD001")


def test_the_size_limit_applies_to_standard_input(project: Path) -> None:
    result = run(["-", "--max-file-size", "10", "--format", "concise"])
    assert "LOAD007" in result.stdout


def test_a_stdin_filename_without_standard_input_is_an_error(project: Path) -> None:
    plan = project / "team" / "a.plan.yaml"
    plan.write_bytes(PLAN)
    result = run([str(plan), "--stdin-filename", "team/b.plan.yaml"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "ssi-lint: error: --stdin-filename names the plan read from standard input, but no path is `-`: "
        "`ssi-lint - --stdin-filename team/b.plan.yaml` reads one\n"
    )


@pytest.mark.parametrize("option", [
    ["-o", "team.plan.yaml"],
    ["--report", "json:team.plan.yaml"],
    ["--write-baseline", "team.plan.yaml"],
    ["-o", "./team.plan.yaml"],
], ids=["output-file", "report", "write-baseline", "another-spelling"])
def test_a_report_over_the_plan_the_stdin_filename_names_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, option: list[str],
) -> None:
    """The piped text stands for that file (an editor pipes its buffer): a report written there would replace the plan."""
    monkeypatch.chdir(tmp_path)
    Path("team.plan.yaml").write_bytes(PLAN)
    result = run(["-", "--stdin-filename", "team.plan.yaml", *option])
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line.startswith("ssi-lint: error: ") and line.endswith(
        "is the plan team.plan.yaml, which this run reads; refusing to overwrite it"), line
    assert Path("team.plan.yaml").read_bytes() == PLAN and result.stdout == ""


def test_a_report_may_be_written_where_the_stdin_filename_names_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(["-", "--stdin-filename", "new.plan.yaml", "-o", "new.plan.yaml", "--format", "concise"])
    assert result.exit_code == 1 and "new.plan.yaml:4:5: OUT001" in Path("new.plan.yaml").read_text()


def test_the_piped_plan_and_listed_files_under_the_same_ignores_share_one_linter(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ssi_lint import app

    (project / "team" / ".ssi-lint.yaml").write_text("per-file-ignores: {'keep/*.plan.yaml': [OUT001]}\n")
    (project / "team" / "keep").mkdir()
    listed = project / "team" / "keep" / "b.plan.yaml"
    listed.write_bytes(PLAN)
    built: list[tuple[str, ...]] = []
    build = app._linter_for
    monkeypatch.setattr(app, "_linter_for", lambda config, run, file_ignore=(): built.append(file_ignore) or build(config, run, file_ignore))
    result = run(["-", str(listed), "--stdin-filename", (project / "team" / "keep" / "a.plan.yaml").as_posix(), "--format", "json"])
    assert "OUT001" not in {finding["rule_id"] for finding in findings(result)}
    assert built == [(), ("OUT001",)], "the run's Linter, then one for the ignores both plans share"
