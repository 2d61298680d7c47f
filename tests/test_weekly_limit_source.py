"""One weekly invitation limit: OUT003's params are the one source PLN003, SIM004 and the projection judge with.

A configuration that sets `params.OUT003.limit` moves every verdict at once;
without configuration every default stays as it was.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ssi_lint.api import Linter, LintOptions
from ssi_lint.builtin import SIMULATION_RULES
from ssi_lint.cli import main
from ssi_lint.errors import ConfigError
from ssi_lint.simulation import simulate, weekly_invitation_limit
from ssi_lint.simulation.parameters import load_parameters
from tests.json_check import check, write

STEADY = {"version": 1, "account": {"ssi": {"total": 60}, "age_days": 400}, "outreach": {"acceptance_rate": 0.3, "pending": {"withdraw_after_days": 21}, "invitations": {"per_week": 90}}}
"""90 a week: under the default 100, over a configured 80."""
RAMP = {
    "version": 1,
    "account": {"ssi": {"total": 60}, "age_days": 400},
    "outreach": {"invitations": {"per_week": 60}, "schedule": [{"week": 1, "invitations": 50}, {"week": 2, "invitations": 95}]},
}
"""A schedule week of 95 above the steady 60: PLN003's to judge."""



@pytest.fixture
def limit_80(tmp_path: Path) -> Path:
    return write(tmp_path, "limits.yaml", {"params": {"OUT003": {"limit": 80}}})


def test_a_configured_limit_moves_out003_and_pln003(tmp_path: Path, limit_80: Path) -> None:
    assert not [f for f in check(tmp_path, STEADY, "--select", "OUT003") if f["rule_id"] == "OUT003"]
    [steady] = check(tmp_path, STEADY, "--select", "OUT003", "--config", str(limit_80))
    assert steady["severity"] == "warning" and "more than 80 a week" in steady["message"]
    assert not check(tmp_path, RAMP, "--select", "PLN003")
    [week] = check(tmp_path, RAMP, "--select", "PLN003", "--config", str(limit_80))
    assert week["path"] == "outreach.schedule[1].invitations" and "more than 80 a week" in week["message"]


def test_a_configured_limit_moves_the_projection_and_its_findings(tmp_path: Path, limit_80: Path) -> None:
    assert not [f for f in check(tmp_path, STEADY, "--select", "SIM") if f["rule_id"] == "SIM004"]
    [over] = [f for f in check(tmp_path, STEADY, "--select", "SIM", "--config", str(limit_80)) if f["rule_id"] == "SIM004"]
    assert over["severity"] == "warning" and "Week 1 sends 90 invitations, over 80" in over["message"]
    assert over["path"] == "outreach.invitations.per_week"
    plan = write(tmp_path, "b.plan.yaml", STEADY)
    result = CliRunner().invoke(main, ["simulate", str(plan), "--format", "json", "--config", str(limit_80)], catch_exceptions=False)
    projected = json.loads(result.output)
    assert {week["weekly_limit"] for week in projected["weeks"]} == {80}
    assert projected["assumptions"]["weekly_limit"].startswith("80 invitations a week")
    assert "OUT003" in {f["rule_id"] for f in projected["findings"]}, "the simulate command's findings judge with the same 80"


def test_the_error_limit_and_trusted_limit_reach_the_projection(tmp_path: Path) -> None:
    config = write(tmp_path, "limits.yaml", {"params": {"OUT003": {"error_limit": 120, "trusted_limit": 110}}})
    plan = {**STEADY, "outreach": {**STEADY["outreach"], "invitations": {"per_week": 130}}}
    [over] = [f for f in check(tmp_path, plan, "--select", "SIM", "--config", str(config)) if f["rule_id"] == "SIM004"]
    assert over["severity"] == "error" and "over 120" in over["message"]
    linter = Linter(LintOptions(params={"OUT003": {"trusted_limit": 110}}))
    trusted = load_parameters().applying(linter.applied_params())
    account = {"account": {"ssi": {"total": 80}, "tier": "premium", "age_days": 900}}
    assert weekly_invitation_limit(account, trusted) == 110 and weekly_invitation_limit(account) == 150


def test_the_defaults_stay_as_they_were() -> None:
    params = load_parameters()
    assert (params["weekly_limit"], params["weekly_error_limit"], params["trusted_weekly_limit"]) == (100, 200, 150)
    assert (params["trusted_ssi"], params["aged_days"], params["trusted_tiers"]) == (70, 365, ["premium", "sales_navigator", "recruiter"])
    linter = Linter()
    assert linter.applied_params()["OUT003"] == linter.effective_params()["PLN003"] == linter.effective_params()["OUT003"]
    projection = simulate(STEADY)
    assert projection is not None and {week.weekly_limit for week in projection.weeks} == {100}


def test_pln003_takes_no_params_of_its_own() -> None:
    with pytest.raises(ConfigError, match=r"params\.PLN003\.limit: PLN003 judges with the params of OUT003: set it under params\.OUT003\.limit"):
        from ssi_lint.config import Config, check_rule_ids

        check_rule_ids(Config(params={"PLN003": {"limit": 80}}), Linter().rules)


def test_the_projection_reads_the_rules_the_fact_is_given() -> None:
    assert load_parameters().rules() == frozenset(SIMULATION_RULES)


def test_params_from_must_name_a_loaded_rule(tmp_path: Path) -> None:
    from ssi_lint.engine.ruleset import read_packs
    from ssi_lint.errors import RuleFileError

    rule = {
        "id": "OWN001", "name": "own", "title": "Own", "pillar": "plan", "category": "plan", "severity": "warning",
        "given": "outreach.invitations.per_week", "when": "self > params.limit", "params_from": "NOPE001",
        "message": "over {params.limit}", "examples": {"fail": [{"outreach": {"invitations": {"per_week": 200}}}], "pass": [{}]},
    }
    with pytest.raises(RuleFileError, match=r"OWN001: params_from: no rule NOPE001"):
        read_packs([write(tmp_path, "own.yaml", {"rules": [rule]})])


def test_check_rules_loads_the_installed_packs_for_a_pack_that_borrows_from_them(tmp_path: Path) -> None:
    from ssi_lint.app import check_rule_packs

    rule = {
        "id": "OWN001", "name": "own", "title": "Own", "pillar": "plan", "category": "plan", "severity": "warning",
        "given": "outreach.schedule[*].invitations", "when": "self > params.limit", "params_from": "OUT003",
        "message": "over {params.limit}",
        "examples": {"fail": [{"outreach": {"schedule": [{"week": 1, "invitations": 120}]}}], "pass": [{}]},
    }
    assert check_rule_packs((write(tmp_path, "own.yaml", {"rules": [rule]}),)) == []
    broken = {**rule, "examples": {"fail": [{"outreach": {"schedule": [{"week": 1, "invitations": 90}]}}], "pass": [{}]}}
    [problem] = check_rule_packs((write(tmp_path, "broken.yaml", {"rules": [broken]}),))
    assert "OWN001: fail example 1 does not fire" in problem
