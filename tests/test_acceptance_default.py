"""One assumed acceptance rate: the rules and the projection read the same parameter and name the same number."""

from __future__ import annotations

import re

from ssi_lint.api import Linter
from ssi_lint.facts import expected_new_connections_per_week
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
