"""Validation of `outreach.inmail`, with the plugin (a known, typed section) and without (an unknown key)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from snav_helpers import PLUGIN

from ssi_lint.api import Linter
from ssi_lint.cli import main
from ssi_lint.model import Finding
from ssi_lint_sales_navigator.schema import INMAIL

VALID = """\
version: 1
account:
  tier: sales_navigator
outreach:
  inmail:
    per_month: 20
    premium_plan: career
    subject: "{first_name}, your post on pipeline coverage"
    body: |
      Hi {first_name}, I read your post on pipeline coverage at {company}.
      We benchmarked 40 SaaS teams on it. Would the report be useful?
"""


def lint(linter: Linter, tmp_path: Path, text: str) -> list[Finding]:
    source = tmp_path / "inmail.plan.yaml"
    source.write_text(text, encoding="utf-8")
    return list(linter.check_path(source, "inmail.plan.yaml").findings)


def schema_findings(findings: list[Finding]) -> list[tuple[str, int, int, str]]:
    return [(f.rule_id, f.line, f.column, f.message) for f in findings if f.rule_id.startswith("SCHEMA")]


def test_valid_section_passes_with_the_plugin(snav: Linter, tmp_path: Path) -> None:
    findings = lint(snav, tmp_path, VALID)
    assert schema_findings(findings) == []
    assert not [f for f in findings if f.rule_id.startswith("SNV")]


def test_section_is_an_unknown_key_without_the_plugin(core: Linter, tmp_path: Path) -> None:
    [(rule_id, line, column, message)] = schema_findings(lint(core, tmp_path, VALID))
    assert (rule_id, line, column) == ("SCHEMA002", 5, 3)
    assert message.startswith("unknown key `inmail` in `outreach`")


def test_misspelled_field_gets_a_suggestion_with_the_plugin(snav: Linter, tmp_path: Path) -> None:
    text = "version: 1\noutreach:\n  inmail:\n    per_mnth: 20\n"
    assert schema_findings(lint(snav, tmp_path, text)) == [
        ("SCHEMA002", 4, 5, "unknown key `per_mnth` in `outreach.inmail`: did you mean `per_month`?")
    ]


def test_misspelled_section_gets_a_suggestion_with_the_plugin(snav: Linter, tmp_path: Path) -> None:
    text = "version: 1\noutreach:\n  inmails:\n    per_month: 20\n"
    [(rule_id, _, _, message)] = schema_findings(lint(snav, tmp_path, text))
    assert rule_id == "SCHEMA002" and message.endswith("did you mean `inmail`?")


def test_without_the_plugin_the_section_is_not_looked_into(core: Linter, tmp_path: Path) -> None:
    """Only the unknown section is reported, not the fields inside it."""
    text = "version: 1\noutreach:\n  inmail:\n    per_mnth: many\n"
    [(rule_id, line, _, _)] = schema_findings(lint(core, tmp_path, text))
    assert (rule_id, line) == ("SCHEMA002", 3)


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("per_month", "many", "`outreach.inmail.per_month` must be a whole number"),
        ("per_month", -1, "`outreach.inmail.per_month` must be at least 0"),
        ("per_month", 2.5, "`outreach.inmail.per_month` must be a whole number"),
        ("premium_plan", "platinum", "`outreach.inmail.premium_plan` must be one of: career, business"),
        ("subject", 42, "`outreach.inmail.subject` must be a text"),
        ("body", ["Hi"], "`outreach.inmail.body` must be a text"),
    ],
)
def test_wrong_values_are_schema_errors_with_a_location(snav: Linter, tmp_path: Path, field: str, value: object, expected: str) -> None:
    volume = "" if field == "per_month" else "    per_month: 3\n"  # so that only the invalid field is in question
    text = f"version: 1\naccount: {{tier: premium}}\noutreach:\n  inmail:\n    {field}: {json.dumps(value)}\n{volume}"
    findings = lint(snav, tmp_path, text)
    [(rule_id, line, column, message)] = schema_findings(findings)
    assert (rule_id, line, column) == ("SCHEMA001", 5, 5)  # at the key, as ssi-lint locates violations
    meaning = INMAIL["properties"][field]["description"]
    assert message == f"{expected}. {meaning.rstrip('.')}.", "the violation, then what the plugin's schema says the field is"
    assert not [f for f in findings if f.rule_id.startswith("SNV")]  # rules do not guess on invalid data


def test_schema_command_shows_the_section_only_with_the_plugin(monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    with_plugin = json.loads(runner.invoke(main, ["schema", "--plugin", PLUGIN], catch_exceptions=False).output)
    without = json.loads(runner.invoke(main, ["schema"], catch_exceptions=False).output)
    inmail = with_plugin["properties"]["outreach"]["properties"]["inmail"]
    assert set(inmail["properties"]) == {"per_month", "premium_plan", "subject", "body"}
    assert "inmail" not in without["properties"]["outreach"]["properties"]


def test_readme_example_plan_is_valid_and_clean(snav: Linter, tmp_path: Path) -> None:
    from snav_helpers import PLUGIN_ROOT, doc_blocks

    [example] = [block for block in doc_blocks((PLUGIN_ROOT / "README.md").read_text(encoding="utf-8")) if block.language == "yaml"]
    assert lint(snav, tmp_path, example.text) == []
