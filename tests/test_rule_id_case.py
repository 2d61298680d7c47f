"""Rule ids are read in any case everywhere: `out001` is OUT001 on the command line, in a configuration and in a suppression."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ssi_lint.cli import main

PLAN = "version: 1\naccount: {{tier: free, age_days: 400}}\noutreach:\n  invitations:\n    per_day: 60{comment}\n"


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()


def rule_ids(result: Result) -> set[str]:
    return {finding["rule_id"] for finding in json.loads(result.stdout)["findings"]}


def test_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "a.plan.yaml").write_text(PLAN.format(comment=""))
    assert rule_ids(invoke("--format", "json", "--select", "out001,Out003", "--ignore", "out003", "a.plan.yaml")) == {"OUT001"}


@pytest.mark.parametrize("config", [
    ".ssi-lint.yaml:select: [out]\nignore: [out003, Out016, out017]\nseverity: {out001: info}\n",
    "pyproject.toml:[tool.ssi-lint]\nselect = ['out']\nignore = ['out003', 'Out016', 'out017']\nseverity = {out001 = 'info'}\n",
])
def test_in_a_configuration(tmp_path: Path, config: str) -> None:
    name, _, text = config.partition(":")
    (tmp_path / name).write_text(text)
    (tmp_path / "a.plan.yaml").write_text(PLAN.format(comment=""))
    result = invoke("--format", "json", "a.plan.yaml")
    assert result.exit_code == 0, result.stderr
    assert [(f["rule_id"], f["severity"]) for f in json.loads(result.stdout)["findings"]] == [("OUT001", "info")]


def test_in_a_suppression(tmp_path: Path) -> None:
    (tmp_path / "a.plan.yaml").write_text(PLAN.format(comment="  # ssi-lint: ignore[out001, out003] -- warm account"))
    assert rule_ids(invoke("--format", "json", "--select", "OUT,SUP", "a.plan.yaml")) == {"OUT016", "OUT017"}


def test_explain() -> None:
    assert invoke("explain", "out001").stdout.startswith("OUT001 ")


def test_an_unknown_id_in_any_case_is_named_with_a_suggestion(tmp_path: Path) -> None:
    (tmp_path / "a.plan.yaml").write_text(PLAN.format(comment=""))
    result = invoke("--select", "out0001", "a.plan.yaml")
    assert result.exit_code == 2
    assert result.stderr == "ssi-lint: error: --select: unknown rule id or prefix 'OUT0001'; did you mean OUT001?\n"
