"""Rule documentation URLs: from the package metadata, to the rule's anchor in docs/rules.md."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from ssi_lint.api import Linter
from ssi_lint.cli import main
from ssi_lint.model import Rule, Severity
from ssi_lint.rule_urls import repository_url, rule_url, rules_page

ROOT = Path(__file__).resolve().parents[1]
RISKY = str(ROOT / "examples" / "risky.plan.yaml")


def test_the_repository_url_comes_from_pyproject() -> None:
    import tomllib

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["urls"]["Repository"]
    assert repository_url() == declared.rstrip("/")
    assert rules_page() == f"{declared.rstrip('/')}/blob/main/docs/rules.md"


def test_every_built_in_rule_links_to_an_anchor_that_exists() -> None:
    anchors = set(re.findall(r"\]\(#([a-z0-9]+)\)", (ROOT / "docs" / "rules.md").read_text()))
    rules = Linter().rules
    urls = {rule.id: rule_url(rule) for rule in rules}
    assert all(urls.values())
    assert {url.rsplit("#", 1)[1] for url in urls.values() if url} <= anchors


def test_rules_of_other_packs_have_no_url() -> None:
    rule = Rule("ACME001", "x", "t", "plan", "plan", Severity.INFO, "m", file="/srv/acme/rules.yaml")
    assert rule_url(rule) is None
    assert rule_url(Rule("X1", "x", "t", "plan", "plan", Severity.INFO, "m")) is None


@pytest.fixture(autouse=True)
def _quiet_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.chdir(tmp_path)


def _run(*args: str) -> str:
    return CliRunner().invoke(main, list(args), catch_exceptions=False).output


def test_json_sarif_and_gitlab_carry_the_url() -> None:
    page = rules_page()
    findings = json.loads(_run("--format", "json", RISKY))["findings"]
    assert findings and all(finding["url"] == f"{page}#{finding['rule_id'].lower()}" for finding in findings)
    driver = json.loads(_run("--format", "sarif", RISKY))["runs"][0]["tool"]["driver"]
    assert all(rule["helpUri"] == f"{page}#{rule['id'].lower()}" for rule in driver["rules"])
    issues = json.loads(_run("--format", "gitlab", RISKY))
    assert issues and all(issue["url"] == f"{page}#{issue['check_name'].lower()}" for issue in issues)


def test_the_rules_listing_carries_the_url() -> None:
    listed = json.loads(_run("rules", "--format", "json"))["rules"]
    assert all(rule["url"] == f"{rules_page()}#{rule['id'].lower()}" for rule in listed)
