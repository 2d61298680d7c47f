"""The command line with the plugin named by `--plugin` (entry-point autoload is off in these tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from snav_helpers import PLUGIN

from ssi_lint.cli import main

OVER_CREDITS = """\
version: 1
account:
  tier: sales_navigator
outreach:
  inmail:
    per_month: 80
"""


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


@pytest.fixture
def plan_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    (tmp_path / "sn.plan.yaml").write_text(OVER_CREDITS)
    monkeypatch.chdir(tmp_path)
    return "sn.plan.yaml"


def test_plugin_findings_and_exit_status(plan_file: str) -> None:
    result = invoke("--plugin", PLUGIN, "--select", "SNV,SCHEMA", plan_file)
    assert result.exit_code == 1
    assert result.output == (
        "sn.plan.yaml:6:5: SNV001 error 80 InMails a month need more than the 50 credits a month of Sales Navigator\n"
        "Found 1 problem (1 error, 0 warnings, 0 info) in 1 file.\n"
    )


def test_without_the_plugin_the_section_is_an_unknown_key(plan_file: str) -> None:
    result = invoke("--select", "SCHEMA", plan_file)
    assert result.exit_code == 1
    assert result.output.startswith("sn.plan.yaml:5:3: SCHEMA002 error unknown key `inmail` in `outreach`")


def test_disable_plugin_wins_over_plugin(plan_file: str) -> None:
    disabled = invoke("--plugin", PLUGIN, "--disable-plugin", PLUGIN, plan_file)
    assert disabled.output == invoke(plan_file).output
    assert "SNV" not in disabled.output and "SCHEMA002" in disabled.output


def test_json_report_carries_the_plugin_finding(plan_file: str) -> None:
    report = json.loads(invoke("--plugin", PLUGIN, "--format", "json", plan_file).output)
    [finding] = [item for item in report["findings"] if item["rule_id"] == "SNV001"]
    assert finding == {
        "rule_id": "SNV001",
        "name": "inmail-over-credits",
        "severity": "error",
        "category": "plan",
        "pillar": "relationships",
        "message": "80 InMails a month need more than the 50 credits a month of Sales Navigator",
        "file": "sn.plan.yaml",
        "line": 6,
        "column": 5,
        "path": "outreach.inmail.per_month",
        "guidance": [],
        "fix": "Send at most 50 InMails a month, to the people who matter most, and reach the others with invitations.",
        "url": None,
    }


def test_plugins_command_lists_the_plugin() -> None:
    result = invoke("plugins", "--plugin", PLUGIN)
    assert result.exit_code == 0
    block = result.output.split(f"{PLUGIN} (--plugin)\n", 1)[1]
    assert "inmail.yaml (8 rules)" in block
    assert "facts: inmail_body_length, inmail_credits, inmail_credits_left, inmail_subject_length, inmail_subscription" in block
    assert "CEL functions: snav.filled_length, snav.placeholders" in block
    assert "plan fields: outreach.inmail" in block
    assert PLUGIN not in invoke("plugins").output


def test_plugins_command_json() -> None:
    records = json.loads(invoke("plugins", "--plugin", PLUGIN, "--format", "json").output)["plugins"]
    assert [record["name"] for record in records] == ["ssi_lint.builtin", PLUGIN]
    assert records[1]["functions"] == ["snav.filled_length", "snav.placeholders"]


def test_rules_and_explain_know_the_plugin_rules() -> None:
    listed = invoke("rules", "--plugin", PLUGIN).output
    assert sum(line.startswith("SNV0") for line in listed.splitlines()) == 8
    explained = invoke("explain", "snv001", "--plugin", PLUGIN)
    assert explained.exit_code == 0
    assert "Sales Navigator 50" in explained.output and "inmail.yaml" in explained.output
    assert invoke("explain", "SNV001").exit_code == 2  # unknown without the plugin


@pytest.mark.parametrize(
    ("source", "fragments"),
    [
        ("raise ImportError('no module named snav_missing_dependency')\n", ("failed to load", "ImportError", "snav_missing_dependency")),
        (
            "from ssi_lint.hookspecs import hookimpl\n@hookimpl\ndef ssi_lint_facts():\n    raise RuntimeError('credits table missing')\n",
            ("failed in hook ssi_lint_facts", "RuntimeError: credits table missing"),
        ),
        ("from ssi_lint.hookspecs import hookimpl\n@hookimpl\ndef ssi_lint_fact():\n    return []\n", ("invalid hook", "ssi_lint_fact")),
    ],
    ids=["import-error", "hook-raises", "misspelled-hook"],
)
def test_broken_plugin_module_is_one_line_and_exit_2(
    plan_file: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str, fragments: tuple[str, ...]
) -> None:
    module = f"snav_broken_{abs(hash(source))}"  # a new module name per case: imports are cached
    (tmp_path / f"{module}.py").write_text(source)
    monkeypatch.syspath_prepend(str(tmp_path))
    result = invoke("--plugin", PLUGIN, "--plugin", module, plan_file)
    assert result.exit_code == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"ssi-lint: error: plugin '{module}' (--plugin)") and "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in line


def test_check_rules_runs_the_plugin_examples() -> None:
    from ssi_lint_sales_navigator.plugin import RULE_PACK

    result = invoke("check-rules", "--plugin", PLUGIN, RULE_PACK)
    assert (result.exit_code, result.output) == (0, "1 of 1 rule pack valid.\n")


def test_fact_failing_during_a_run_names_its_plugin(plan_file: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "snav_fact_fails.py").write_text(
        "from ssi_lint.hookspecs import hookimpl\n"
        "from ssi_lint.model import Fact\n"
        "def fails(plan):\n    raise ZeroDivisionError('no credits')\n"
        "ssi_lint_facts = hookimpl(lambda: [Fact('snav_failing_fact', 'fails', fails)])\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    result = invoke("--plugin", "snav_fact_fails", plan_file)
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert "snav_failing_fact" in line and "ZeroDivisionError" in line
    assert "snav_fact_fails" in line
