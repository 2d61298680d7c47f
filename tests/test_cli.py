"""The command line through click's CliRunner: commands, options, exit codes, error lines."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ssi_lint import __version__
from ssi_lint.cli import main

ROOT = Path(__file__).parents[1]
PACK = """\
rules:
  - id: TST001
    name: weekly-over
    title: Weekly invitations above a limit
    pillar: relationships
    category: spam-risk
    severity: warning
    given: outreach.invitations.per_week
    when: self > params.limit
    params: {limit: 100}
    message: "{self} a week is above {params.limit}"
    examples:
      fail: [{outreach: {invitations: {per_week: 140}}}]
      pass: [{outreach: {invitations: {per_week: 80}}}]
"""


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    path = tmp_path / "team.yaml"
    path.write_text(PACK)
    return path


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "weekly.plan.yaml"
    path.write_text("version: 1\noutreach:\n  invitations:\n    per_week: 150\n")
    return path


def assert_one_error_line(result: Result, *fragments: str) -> None:
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ssi-lint: error: "), result.stderr
    assert "Traceback" not in result.output + result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


def test_lint_is_the_default_command(pack: Path, plan: Path) -> None:
    implicit = invoke("--rules", pack, "--select", "TST", plan)
    explicit = invoke("check", "--rules", pack, "--select", "TST", plan)
    assert implicit.output == explicit.output
    assert f"{plan.as_posix()}:4:5: TST001 warning 150 a week is above 100" in implicit.output
    assert implicit.output.endswith("Found 1 problem (0 errors, 1 warning, 0 info) in 1 file.\n")


@pytest.mark.parametrize(
    ("fail_on", "status"), [("error", 0), ("warning", 1), ("info", 1), ("never", 0)], ids=lambda value: str(value)
)
def test_fail_on_threshold(pack: Path, plan: Path, fail_on: str, status: int) -> None:
    assert invoke("--rules", pack, "--select", "TST", "--fail-on", fail_on, plan).exit_code == status


def test_clean_plan_exits_zero(pack: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean.plan.yaml"
    clean.write_text("version: 1\n")
    result = invoke("--rules", pack, "--select", "TST", clean)
    assert result.exit_code == 0
    assert result.output == "All checks passed: no problems in 1 file.\n"


def test_json_report(pack: Path, plan: Path) -> None:
    result = invoke("--rules", pack, "--select", "TST,SCHEMA", "--format", "json", plan)
    report = json.loads(result.output)
    assert report["version"] == __version__
    assert [{key: value for key, value in entry.items() if key != "ssi"} for entry in report["files"]] == [{"path": plan.as_posix(), "findings": 1}]
    assert all(entry["ssi"]["reason"] for entry in report["files"]), "every file carries its SSI entry, unknown with the reason here"
    assert report["summary"] == {"files": 1, "error": 0, "warning": 1, "info": 0}
    (finding,) = report["findings"]
    assert {"rule_id", "name", "severity", "category", "pillar", "message", "file", "line", "column", "path", "guidance", "fix"} <= set(finding)
    assert (finding["line"], finding["column"], finding["path"]) == (4, 5, "outreach.invitations.per_week")


def test_no_colour_when_not_a_terminal(pack: Path, plan: Path) -> None:
    assert "\033[" not in invoke("--rules", pack, plan).output


def test_directory_is_searched_for_plans(pack: Path, tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.plan.yml").write_text("version: 1\noutreach: {invitations: {per_week: 101}}\n")
    (tmp_path / "a.plan.yaml").write_text("version: 1\noutreach: {invitations: {per_week: 102}}\n")
    (tmp_path / "notes.yaml").write_text("not: a plan\n")
    result = invoke("--rules", pack, "--select", "TST", tmp_path)
    files = [line.split(":")[0] for line in result.output.splitlines()[:-1]]
    assert files == [(tmp_path / "a.plan.yaml").as_posix(), (tmp_path / "sub" / "b.plan.yml").as_posix()]


def test_input_files_are_never_modified(pack: Path, plan: Path) -> None:
    before = hashlib.sha256(plan.read_bytes()).hexdigest(), plan.stat().st_mtime_ns
    invoke("--rules", pack, "--format", "json", plan)
    assert (hashlib.sha256(plan.read_bytes()).hexdigest(), plan.stat().st_mtime_ns) == before


def test_missing_path(tmp_path: Path) -> None:
    assert_one_error_line(invoke(tmp_path / "nope.plan.yaml"), "nope.plan.yaml", "no such file")


def test_unknown_rule_id_in_select(plan: Path) -> None:
    assert_one_error_line(invoke("--select", "OUTT999", plan), "OUTT999")


def test_broken_rule_pack_is_named_with_its_location(tmp_path: Path, plan: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(PACK.replace("self > params.limit", "self >> params.limit"))
    assert_one_error_line(invoke("--rules", broken, plan), f"{broken.as_posix()}:9:17:", "TST001")


def test_broken_plugin_is_named(plan: Path) -> None:
    assert_one_error_line(invoke("--plugin", "no_such_plugin_module", plan), "no_such_plugin_module")


def test_unknown_format_is_a_usage_error(plan: Path) -> None:
    result = invoke("--format", "yaml", plan)
    assert result.exit_code == 2 and "unknown format 'yaml'" in result.stderr


def test_version() -> None:
    assert invoke("--version").output.strip().endswith(__version__)


def test_schema_commands_print_json() -> None:
    plan_schema = json.loads(invoke("schema").output)
    assert plan_schema["properties"]["version"]
    assert "rules" in json.loads(invoke("schema", "--rules").output)["properties"]


def test_rules_listing_and_explain(pack: Path) -> None:
    listing = json.loads(invoke("rules", "--rules", pack, "--format", "json").output)
    assert "TST001" in [rule["id"] for rule in listing["rules"]]
    assert "| [TST001](#tst001) |" in invoke("rules", "--rules", pack, "--format", "markdown").output
    text = invoke("explain", "tst001", "--rules", pack).output
    assert text.startswith("TST001 weekly-over") and "Defaults: limit=100" in text


def test_explain_unknown_rule_suggests(pack: Path) -> None:
    assert_one_error_line(invoke("explain", "TST01", "--rules", pack), "unknown rule id 'TST01'", "TST001")


def test_python_dash_m(plan: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "ssi_lint", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and __version__ in result.stdout


def test_a_lint_imports_only_the_check_command() -> None:
    code = (
        "import sys\n"
        "from ssi_lint.cli import main\n"
        "try:\n"
        "    main(['examples/healthy.plan.yaml'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(name for name in sys.modules if name.startswith('ssi_lint.commands.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.stdout.strip().splitlines()[-1] == "['ssi_lint.commands.check', 'ssi_lint.commands.options']"


def test_every_builtin_command_is_listed_and_loads() -> None:
    from ssi_lint.cli import BUILTIN_COMMANDS

    listing = invoke("--help").output
    for name in BUILTIN_COMMANDS:
        assert f"  {name} " in listing
        assert invoke(name, "--help").exit_code == 0


MULTI_PLAN = (
    "version: 1\naccount: {ssi: {total: 60}, age_days: 400}\n"
    "outreach: {invitations: {per_week: 90}, pending: {sent: 100, withdraw_after_days: 21}, acceptance_rate: 0.3}\n"
)


@pytest.fixture
def plan_with_own_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A plan in a folder holding its own configuration, run from the parent folder (which has none)."""
    (tmp_path / ".git").mkdir()  # the search stops here, not in the machine's folders above
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / ".ssi-lint.yaml").write_text("params: {OUT003: {limit: 80}, HYG001: {levels: {info: 50}}}\n")
    (folder / "p.plan.yaml").write_text(MULTI_PLAN)
    monkeypatch.chdir(tmp_path)
    return Path("a") / "p.plan.yaml"


def test_simulate_finds_the_configuration_from_the_plans_folder_as_check_does(plan_with_own_config: Path) -> None:
    checked = invoke("check", "a")
    assert "more than 80 a week" in checked.output and "more than 50" in checked.output
    result = invoke("simulate", plan_with_own_config, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert {line.split(",")[-1] for line in result.output.splitlines()[1:]} == {"80"}
    text = invoke("simulate", plan_with_own_config).output
    assert "bands: more than 50 info" in text


def test_simulate_config_option_still_wins_over_the_plans_folder(plan_with_own_config: Path, tmp_path: Path) -> None:
    given = tmp_path / "given.yaml"
    given.write_text("params: {OUT003: {limit: 120}}\n")
    result = invoke("simulate", plan_with_own_config, "--format", "csv", "--config", given)
    assert result.exit_code == 0, result.output
    assert {line.split(",")[-1] for line in result.output.splitlines()[1:]} == {"120"}


def test_advise_finds_the_configuration_from_the_plans_folder_as_check_does(plan_with_own_config: Path) -> None:
    result = invoke("advise", plan_with_own_config)
    assert result.exit_code == 0, result.output
    assert "OUT003 warning" in result.output and "more than 80 a week" in result.output


@pytest.mark.parametrize("command", ["check", "simulate", "advise"])
def test_an_unknown_parameter_in_the_plans_configuration_is_one_error_line(
    plan_with_own_config: Path, command: str
) -> None:
    (plan_with_own_config.parent / ".ssi-lint.yaml").write_text("params: {OUT003: {limt: 80}}\n")
    result = CliRunner().invoke(main, [command, str(plan_with_own_config)])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert "params.OUT003: unknown parameter `limt`: did you mean `limit`?" in lines[0]
    assert lines[0].startswith("ssi-lint: error: ")
    assert result.stdout == ""


@pytest.fixture
def locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`a.plan.yaml`, which cannot be read (chmod 000 does not stop root, so permission is denied here), beside a readable `b.plan.yaml`."""
    (tmp_path / "a.plan.yaml").write_text("version: 1\noutreach:\n  invitations: {per_day: 30}\n")
    (tmp_path / "b.plan.yaml").write_text("version: 1\naccount: {age_days: 400}\noutreach:\n  invitations: {per_day: 30}\n")
    real_open, real_access = os.open, os.access

    def denied(path: object) -> bool:
        return str(path).endswith("a.plan.yaml")

    def guarded_open(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if denied(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    def guarded_access(path: object, mode: int, *args: object, **kwargs: object) -> bool:
        return False if denied(path) and mode & os.R_OK else real_access(path, mode, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", guarded_open)
    monkeypatch.setattr(os, "access", guarded_access)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_named_plan_that_cannot_be_read_is_its_load009_and_the_others_are_checked(locked: Path) -> None:
    """As for a folder search: the batch completes, every report is written, one line on stderr, exit 2."""
    result = invoke("a.plan.yaml", "b.plan.yaml", "--format", "json", "--report", "concise:out.txt")
    assert result.exit_code == 2
    assert result.stderr == "ssi-lint: error: a.plan.yaml: cannot read: permission denied\n"
    report = json.loads(result.stdout)
    assert [entry["path"] for entry in report["files"]] == ["a.plan.yaml", "b.plan.yaml"]
    assert {(finding["file"], finding["rule_id"]) for finding in report["findings"]} >= {("a.plan.yaml", "LOAD009"), ("b.plan.yaml", "OUT001")}
    assert "a.plan.yaml:1:1: LOAD009" in (locked / "out.txt").read_text()


@pytest.mark.parametrize("command", ["advise", "simulate"])
def test_advise_and_simulate_name_a_plan_that_cannot_be_read_in_one_line(locked: Path, command: str) -> None:
    result = invoke(command, "a.plan.yaml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "ssi-lint: error: a.plan.yaml: cannot read: permission denied\n"
