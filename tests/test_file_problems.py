"""The problems of the file itself (LOAD*, SCHEMA*) are always reported, like ruff's syntax errors.

`--select`, `--ignore`, `select`/`ignore` in a configuration, `per-file-ignores`,
inline suppressions and a baseline hide findings of rules; a plan that could not
be read, or breaks the format, was not checked (or not fully), so "All checks
passed" would be false. Only their severity can be changed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ssi_lint.cli import main

BOMB = (
    'version: 1\na: &a ["x","x","x","x","x","x","x","x","x"]\n'
    + "".join(f"{b}: &{b} [{', '.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefg", "bcdefgh", strict=True))
    + "outreach: {invitations: {per_day: *h}}\n"
)
PLANS = {
    "big.plan.yaml": "version: 1\n" + "# padding\n" * 40,
    "laughs.plan.yaml": BOMB,
    "invalid.plan.yaml": "version: 1\naccount: [\n",
    "schema.plan.yaml": "version: 1\naccount:\n  tier: gold\n  agee_days: 3\n",
    "dup.plan.yaml": "version: 1\nversion: 1\n",
}
EXPECTED = {
    ("big.plan.yaml", "LOAD007"), ("laughs.plan.yaml", "LOAD007"), ("invalid.plan.yaml", "LOAD001"),
    ("schema.plan.yaml", "SCHEMA001"), ("schema.plan.yaml", "SCHEMA002"), ("dup.plan.yaml", "LOAD002"),
}


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


@pytest.fixture
def plans(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()  # no configuration from above the test's folder
    for name, text in PLANS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return sorted(PLANS)


def reported(result: Result) -> set[tuple[str, str]]:
    return {(finding["file"], finding["rule_id"]) for finding in json.loads(result.stdout)["findings"]}


@pytest.mark.parametrize("options", [
    ("--select", "OUT001"),
    ("--select", "out001"),
    ("--ignore", "OUT,PRF,COV,SSI,PPL,CNT,HYG,PLN,SIM,ADS,SUP"),
    ("--select", "LOAD"),
    ("--select", "SCHEMA002"),
    ("--ignore", "S"),  # SSI and SUP; not SCHEMA
], ids=["select", "select-lower-case", "ignore-every-rule", "select-load", "select-other-file-problem", "ignore-a-shared-prefix"])
def test_select_and_ignore_never_hide_them(plans: list[str], options: tuple[str, str]) -> None:
    result = invoke("--format", "json", "--max-file-size", "300", *options, *plans)
    assert result.exit_code == 1, result.stderr
    assert EXPECTED <= reported(result)


def test_a_selected_run_of_broken_plans_does_not_pass(plans: list[str]) -> None:
    result = invoke("--max-file-size", "300", "--select", "OUT001", *plans)
    assert result.exit_code == 1
    assert "All checks passed" not in result.stdout
    assert "Found 6 problems (6 errors, 0 warnings, 0 info) in 5 files." in result.stdout


def test_the_configuration_select_does_not_hide_them(plans: list[str], tmp_path: Path) -> None:
    (tmp_path / ".ssi-lint.yaml").write_text("select: [OUT001]\n", encoding="utf-8")
    result = invoke("--format", "json", "--max-file-size", "300", *plans)
    assert result.exit_code == 1 and reported(result) == EXPECTED


@pytest.mark.parametrize(("options", "config", "where"), [
    (("--ignore", "LOAD"), None, "--ignore: 'LOAD' names only problems of the file itself (LOAD001-LOAD009)"),
    (("--ignore", "OUT001,schema002"), None, "--ignore: 'SCHEMA002' names only problems of the file itself (SCHEMA002)"),
    ((), "ignore: [SCHEMA]\n", ".ssi-lint.yaml: ignore: 'SCHEMA' names only problems of the file itself (SCHEMA001, SCHEMA002)"),
    ((), "per-file-ignores: {'*.plan.yaml': [PRF, LOAD002]}\n",
     ".ssi-lint.yaml: per-file-ignores.*.plan.yaml: `LOAD002` names only problems of the file itself (LOAD002)"),
])
def test_an_entry_that_could_only_hide_them_is_refused(
    plans: list[str], tmp_path: Path, options: tuple[str, ...], config: str | None, where: str
) -> None:
    if config is not None:
        (tmp_path / ".ssi-lint.yaml").write_text(config, encoding="utf-8")
    result = invoke(*options, *plans)
    assert result.exit_code == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("ssi-lint: error: ") and where in line
    assert line.endswith("which are always reported (the plan could not be read or breaks the format); lower their severity instead (`severity`)")


def test_per_file_ignores_keep_them(plans: list[str], tmp_path: Path) -> None:
    (tmp_path / ".ssi-lint.yaml").write_text("per-file-ignores: {'*.plan.yaml': [S, C, P, O, H]}\n", encoding="utf-8")
    result = invoke("--format", "json", "--max-file-size", "300", *plans)
    assert reported(result) == EXPECTED


def test_per_file_ignores_keep_them_for_standard_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".ssi-lint.yaml").write_text("per-file-ignores: {'*.plan.yaml': [S, C, P, O, H]}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--format", "json", "-", "--stdin-filename", "x.plan.yaml"], input=PLANS["schema.plan.yaml"])
    assert {finding["rule_id"] for finding in json.loads(result.stdout)["findings"]} == {"SCHEMA001", "SCHEMA002"}


def test_a_suppression_cannot_hide_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p.plan.yaml").write_text("version: 1\nextra: 1  # ssi-lint: ignore[SCHEMA002] -- our own key\n", encoding="utf-8")
    result = invoke("--format", "concise", "--select", "SUP", "p.plan.yaml")
    assert result.stdout.splitlines()[:2] == [
        "p.plan.yaml:2:1: SCHEMA002 unknown key `extra` (known keys: account, ads, content, outreach, profile, prospecting, version)",
        "p.plan.yaml:2:11: SUP003 `SCHEMA002` cannot be suppressed: a problem of the file itself (it could not be read or breaks "
        "the plan format) is always reported",
    ]


def test_a_baseline_neither_records_nor_hides_them(plans: list[str], tmp_path: Path) -> None:
    assert invoke("--max-file-size", "300", "--write-baseline", "base.json", *plans).exit_code == 1
    recorded = {entry["rule_id"] for entry in json.loads((tmp_path / "base.json").read_text())["entries"]}
    assert recorded and not recorded & {rule_id for _, rule_id in EXPECTED}
    result = invoke("--format", "json", "--max-file-size", "300", "--baseline", "base.json", *plans)
    assert result.exit_code == 1 and reported(result) == EXPECTED


def test_their_severity_can_still_be_lowered(plans: list[str], tmp_path: Path) -> None:
    (tmp_path / ".ssi-lint.yaml").write_text("select: [OUT001]\nseverity: {SCHEMA002: info}\n", encoding="utf-8")
    result = invoke("--format", "json", "schema.plan.yaml")
    assert {(f["rule_id"], f["severity"]) for f in json.loads(result.stdout)["findings"]} == {("SCHEMA001", "error"), ("SCHEMA002", "info")}


@pytest.mark.parametrize("rule_id", ["LOAD001", "LOAD009", "SCHEMA002"])
def test_explain_says_they_are_always_reported(rule_id: str) -> None:
    assert "Always reported: a problem of the file itself" in invoke("explain", rule_id).stdout
    assert "Always reported" not in invoke("explain", "OUT001").stdout
