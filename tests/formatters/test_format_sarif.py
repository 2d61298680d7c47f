"""`--format sarif`: checked by a SARIF 2.1.0 model generated from the official schema.

pydantic-sarif's models are generated from sarif-schema-2.1.0.json and forbid
unknown properties, so a misspelt key, a wrong enum value or a 0-based line
fails here. GitHub code scanning's own requirements are checked by hand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec
import pytest
from pydantic_sarif.model import StaticAnalysisResultsFormatSarifVersion210JsonSchema as SarifLog

from ssi_lint.formatters.sarif import FINGERPRINT_KEY
from ssi_lint.model import FileResult


def load(text: str) -> dict[str, Any]:
    """Validate with the model, then return the plain data."""
    SarifLog.model_validate_json(text, strict=False)
    return json.loads(text)


def test_golden(render, kit) -> None:
    kit.golden("sample.sarif", render("sarif"))


def test_the_model_validates_the_log(render) -> None:
    log = SarifLog.model_validate_json(render("sarif"))
    assert log.version.value == "2.1.0"
    [run] = log.runs
    assert run.tool.driver.name == "ssi-lint" and run.tool.driver.version == "9.9.9"


def test_the_model_rejects_what_the_schema_rejects(render) -> None:
    log = json.loads(render("sarif"))
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    with pytest.raises(ValueError):
        SarifLog.model_validate(log)
    log = json.loads(render("sarif"))
    log["runs"][0]["results"][0]["suppression"] = {"kind": "inSource"}
    with pytest.raises(ValueError):
        SarifLog.model_validate(log)


def test_every_rule_is_described(render, kit) -> None:
    driver = load(render("sarif"))["runs"][0]["tool"]["driver"]
    ids = [rule["id"] for rule in driver["rules"]]
    assert ids == [rule.id for rule in kit.rules] + ["LOAD001"]
    out001 = driver["rules"][0]
    assert out001["name"] == "daily-invitations-high"
    assert out001["shortDescription"] == {"text": "Daily invitations above what outreach tools recommend"}
    assert out001["fullDescription"] == {"text": "LinkedIn restricts accounts that send many invitations."}
    assert out001["help"]["text"].startswith("Send at most 20 invitations a day.\nSource: ")
    assert out001["defaultConfiguration"] == {"level": "warning"}
    assert out001["properties"] == {"pillar": "relationships", "category": "spam-risk", "tags": ["spam-risk", "relationships", "S7", "R1"]}
    levels = {rule["id"]: rule["defaultConfiguration"]["level"] for rule in driver["rules"]}
    assert levels == {"OUT001": "warning", "PRO001": "error", "CNT001": "note", "ADS001": "warning", "LOAD001": "error"}


def test_results_point_at_their_rule_and_place(render, kit) -> None:
    run = load(render("sarif"))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    findings = [f for r in kit.results() for f in sorted((*r.findings, *r.suppressed), key=lambda f: f.sort_key())]
    assert len(run["results"]) == len(findings) == 8
    for result, finding in zip(run["results"], findings):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding.rule_id
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding.severity.label]
        assert result["message"]["text"] == finding.message
        [location] = result["locations"]
        assert location["physicalLocation"]["region"] == {"startLine": finding.line, "startColumn": finding.column}
    assert run["columnKind"] == "unicodeCodePoints"


def test_uris_are_relative_forward_slash_uris(render, kit) -> None:
    run = load(render("sarif"))["runs"][0]
    artifacts = [result["locations"][0]["physicalLocation"]["artifactLocation"] for result in run["results"]]
    assert {a["uri"] for a in artifacts} == {kit.risky, "plans/q3%20team,a%3Ab%20%252C.plan.yaml", "file:///srv/shared/ads.plan.yaml"}
    for artifact in artifacts:
        assert "\\" not in artifact["uri"]
        assert ("uriBaseId" in artifact) == (not artifact["uri"].startswith("file:"))
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///CWD/"}}


def test_absolute_paths_under_the_current_directory_become_relative(render, kit, tmp_path: Path) -> None:
    inside = str(tmp_path / "plans" / "a.plan.yaml")
    result = kit.results()[3]
    moved = FileResult(inside, tuple(msgspec.structs.replace(f, file=inside) for f in result.findings))
    run = load(render("sarif", [moved]))["runs"][0]
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "plans/a.plan.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    dotted = FileResult("./x/../plans/b.plan.yaml", tuple(msgspec.structs.replace(f, file="./x/../plans/b.plan.yaml") for f in result.findings))
    run = load(render("sarif", [dotted]))["runs"][0]
    assert run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "plans/b.plan.yaml"


def test_suppressed_findings_are_carried_with_their_reason(render) -> None:
    results = load(render("sarif"))["runs"][0]["results"]
    suppressed = {
        result["locations"][0]["physicalLocation"]["region"]["startLine"]: result["suppressions"]
        for result in results
        if "suppressions" in result
    }
    assert suppressed == {
        30: [{"kind": "inSource", "justification": "agreed with sales: ramp-up week"}],
        31: [{"kind": "inSource"}],
    }


def test_fingerprints_are_unique_and_survive_moved_lines(render, kit) -> None:
    def fingerprints(results: list[FileResult] | None = None) -> list[str]:
        return [r["partialFingerprints"][FINGERPRINT_KEY] for r in load(render("sarif", results))["runs"][0]["results"]]

    before = fingerprints()
    assert len(set(before)) == len(before)
    moved = [msgspec.structs.replace(r, findings=tuple(msgspec.structs.replace(f, line=f.line + 3) for f in r.findings)) for r in kit.results()]
    assert fingerprints(moved) == before


def test_github_code_scanning_requirements(render) -> None:
    """The properties GitHub's SARIF upload needs or uses (docs: "SARIF support for code scanning")."""
    log = load(render("sarif"))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-schema-2.1.0.json")
    assert 1 <= len(log["runs"]) <= 20
    run = log["runs"][0]
    assert len(run["results"]) <= 25_000
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"] and rule["help"]["text"]
        assert len(rule["properties"]["tags"]) <= 20
    for result in run["results"]:
        assert result["message"]["text"] and result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] and location["region"]["startLine"] >= 1
        assert all(isinstance(value, str) for value in result["partialFingerprints"].values())


def test_an_empty_run_still_describes_every_rule(render, kit) -> None:
    run = load(render("sarif", []))["runs"][0]
    assert run["results"] == []
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == [rule.id for rule in kit.rules]


def test_rule_help_fills_parameters_and_hides_plan_values(render, kit) -> None:
    rule = msgspec.structs.replace(kit.rules[0], fix="Withdraw; you have ~{self} pending ({facts.share:.0%}), keep {params.limit:.1f} {{max}}.")
    driver = load(render("sarif", [], rules=(rule,)))["runs"][0]["tool"]["driver"]
    assert driver["rules"][0]["help"]["text"].startswith("Withdraw; you have ~… pending (…), keep 20.0 {max}.\n")


def test_rule_help_fills_nested_parameters(render, kit) -> None:
    rule = msgspec.structs.replace(kit.rules[0], fix="Stay at {params.levels.error} or more, not {params.levels.other}.",
                                   params={"levels": {"error": 50}})
    driver = load(render("sarif", [], rules=(rule,)))["runs"][0]["tool"]["driver"]
    assert driver["rules"][0]["help"]["text"].startswith("Stay at 50 or more, not ….\n")


def test_partial_fingerprints_survive_an_item_added_above(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from ssi_lint.cli import main

    monkeypatch.chdir(tmp_path)

    def fingerprints(plan: str) -> list[str]:
        (tmp_path / "b.plan.yaml").write_text(plan)
        result = CliRunner().invoke(main, ["check", "--format", "sarif", "--select", "ADS001", "b.plan.yaml"], catch_exceptions=False)
        return [r["partialFingerprints"][FINGERPRINT_KEY] for r in load(result.stdout)["runs"][0]["results"]]

    head, old = "version: 1\nads:\n  campaigns:\n", "    - {name: old, daily_budget: 5}\n"
    before = fingerprints(head + old)
    assert len(before) == 1
    assert fingerprints(head + "    - {name: clean, daily_budget: 100}\n" + old) == before
    assert fingerprints(head + "    - {name: new, daily_budget: 1}\n" + old)[1:] == before
