"""One assumed acceptance rate: the rules and the projection read the same parameter and name the same number."""

from __future__ import annotations

import re

from ssi_lint.api import Linter
from ssi_lint.facts import expected_new_connections_per_week
from ssi_lint.model import Severity
from ssi_lint.simulation import simulate
from ssi_lint.simulation.parameters import load_parameters

UNSTATED = {"outreach": {"invitations": {"per_week": 150}, "messages": {"per_day": 1}}}


def percent(text: str) -> str:
    """The one percentage a text names."""
    [found] = re.findall(r"\d+(?:\.\d+)?%", text)
    return found


def test_the_rules_and_the_projection_assume_the_same_acceptance_rate() -> None:
    typical = load_parameters()["acceptance_rate_typical"]
    assert expected_new_connections_per_week(UNSTATED) == round(150 * typical)
    assert percent(simulate(UNSTATED).assumptions["acceptance_rate"].split("(")[0]) == f"{typical:.0%}"


def test_the_conversation_rule_names_the_assumed_rate_as_the_projection_does() -> None:
    [finding] = [f for f in Linter().check_data(UNSTATED) if f.rule_id == "OUT016"]
    assumed = simulate(UNSTATED).assumptions["acceptance_rate"].split("(")[0]
    assert f"{round(150 * load_parameters()['acceptance_rate_typical'])} new connections" in finding.message
    assert "assumed" in finding.message and percent(finding.message) == percent(assumed)


def test_a_stated_rate_is_read_alike_by_both() -> None:
    plan = {"outreach": {**UNSTATED["outreach"], "acceptance_rate": 0.4}}
    assert expected_new_connections_per_week(plan) == 60
    [finding] = [f for f in Linter().check_data(plan) if f.rule_id == "OUT016"]
    assert "40%" in finding.message and "40%" in simulate(plan).assumptions["acceptance_rate"]


def test_an_unstated_rate_is_named_with_the_rate_the_projection_assumes() -> None:
    plan = {"version": 1, "account": {"tier": "premium", "age_days": 900, "connections": 3000, "ssi": {"total": 62}},
            "outreach": {"invitations": {"per_week": 60, "per_day": 12, "note": "personalized"}, "messages": {"per_day": 20},
                         "pending": {"sent": 120, "withdraw_after_days": 21}}}
    [finding] = [f for f in Linter().check_data(plan) if f.rule_id == "COV014"]
    assert (finding.severity, finding.path) == (Severity.INFO, "outreach")
    assert "does not say" in finding.message and "`outreach.acceptance_rate`" in finding.message
    assumed = simulate(plan).assumptions["acceptance_rate"].split("(")[0]
    assert percent(finding.message) == percent(assumed) == f"{load_parameters()['acceptance_rate_typical']:.0%}"


def test_no_coverage_finding_when_a_rate_is_known_or_nothing_is_sent() -> None:
    sends = {"invitations": {"per_week": 60}}
    for plan in ({"outreach": {**sends, "acceptance_rate": 0.3}},
                 {"outreach": sends, "observed": {"outreach": {"acceptance_rate": 0.3}}},  # --against: the export's rate
                 {"outreach": {"invitations": {"per_week": 0, "per_day": 0}}},
                 {"outreach": {"messages": {"per_day": 5}}}):
        assert not [f for f in Linter().check_data(plan) if f.rule_id == "COV014"], plan
    assert [f.rule_id for f in Linter().check_data({"outreach": sends}) if f.rule_id == "COV014"] == ["COV014"]


def test_an_observed_rate_is_read_alike_by_the_projection_and_the_conversation_rule() -> None:
    """With `--against` an export, OUT016 names the export's rate, as the projection uses it, and says it is observed."""
    for plan in ({**UNSTATED, "observed": {"outreach": {"acceptance_rate": 0.18}}},
                 {"outreach": {**UNSTATED["outreach"], "acceptance_rate": 0.4}, "observed": {"outreach": {"acceptance_rate": 0.18}}}):
        assert expected_new_connections_per_week(plan) == 27, plan
        [finding] = [f for f in Linter().check_data(plan) if f.rule_id == "OUT016"]
        assert "27 new connections" in finding.message and "18% accepted, observed in the export" in finding.message
        assert "assumed" not in finding.message
        assert "18%" in simulate(plan).assumptions["acceptance_rate"] and "export" in simulate(plan).assumptions["acceptance_rate"]
