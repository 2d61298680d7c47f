"""The plugin's declarations: checks, drift pack (examples run at load), facts, entry point."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from ssi_lint.api import Linter, LintOptions
from ssi_lint.plugins import PluginSettings
from ssi_lint_linkedin_export.facts import observed_pending

PLUGIN = "ssi_lint_linkedin_export.plugin"


def test_checks_and_drift_rules_are_declared() -> None:
    linter = Linter(LintOptions(plugins=PluginSettings((PLUGIN,), autoload=False)))
    rules = {rule.id: rule for rule in linter.rules}
    for code, severity in (("EXP001", "info"), ("EXP002", "warning"), ("EXP003", "error"), ("EXP004", "info"), ("EXP005", "info")):
        assert rules[code].severity.label == severity and rules[code].when is None
        assert (rules[code].pillar, rules[code].category) == ("plan", "plan")
    drift = [rule for rule in rules.values() if rule.id.startswith("EXD")]
    assert len(drift) == 19
    for rule in drift:
        failing = [example for key, examples in rule.examples.items() if key != "pass" for example in examples]  # `fail`, or a level's name
        assert failing and rule.examples["pass"], rule.id
        assert all("observed" in example for example in failing), rule.id
        assert any("observed" not in example for example in rule.examples["pass"]), rule.id


def test_drift_rules_are_silent_without_an_observed_plan() -> None:
    linter = Linter(LintOptions(plugins=PluginSettings((PLUGIN,), autoload=False), select=("EXD",)))
    plan = {"version": 1, "account": {"tier": "free", "connections": 10}, "outreach": {"invitations": {"per_week": 1, "per_day": 1}}}
    assert linter.check_data(plan) == []


def test_pending_fact_counts_every_unconnected_invitation_unless_the_plan_states_a_horizon() -> None:
    """The export does not show withdrawals: all count, but for those older than a horizon the plan states (said to be assumed)."""
    observed = {"export": {"pending_ages": [{"days": days, "invitations": 1} for days in (40, 30, 22, 21)] + [{"days": 5, "invitations": 2}]}}
    params = {"HYG004": {"withdraw_after_days": 21}}
    unstated = observed_pending({"observed": observed}, params)
    assert unstated is not None
    assert (unstated["sent"], unstated["total"], unstated["stale"], unstated["horizon"], unstated["stated"]) == (6, 6, 3, 21, False)
    assert "does not show withdrawals" in unstated["basis"]
    stated = observed_pending({"observed": observed, "outreach": {"pending": {"withdraw_after_days": 30}}}, params)
    assert stated is not None
    assert (stated["sent"], stated["stale"], stated["horizon"], stated["stated"]) == (5, 1, 30, True)
    assert stated["basis"].startswith("assumed: the 1 older than the plan's withdraw_after_days (30 days) were withdrawn")
    assert observed_pending({"observed": observed}, {"HYG004": {"withdraw_after_days": 35}})["stale"] == 1  # HYG004's, configured
    assert observed_pending({"outreach": {"pending": {"withdraw_after_days": 30}}}, params) is None


def test_pending_of_unknown_age_is_never_said_to_be_younger_than_the_plans_horizon() -> None:
    """Invitations with no Sent At are kept pending whatever the horizon, and the basis says their age is unknown."""
    horizon = {"outreach": {"pending": {"withdraw_after_days": 21}}}
    params = {"HYG004": {"withdraw_after_days": 21}}
    alone = observed_pending({"observed": {"export": {"pending_ages": [], "undated_pending": 720}}, **horizon}, params)
    assert alone is not None and (alone["sent"], alone["stale"]) == (720, 0)
    assert "none is older" not in alone["basis"]
    assert alone["basis"] == ("720 of unknown age, with no Sent At, kept pending: the export does not show whether any is older than"
                              " the plan's withdraw_after_days (21 days)")
    mixed = observed_pending({"observed": {"export": {"pending_ages": [{"days": 5, "invitations": 150}], "undated_pending": 600}},
                              **horizon}, params)
    assert mixed is not None and mixed["sent"] == 750
    assert mixed["basis"] == ("none of those with a date is older than the plan's withdraw_after_days (21 days); 600 of unknown age,"
                              " with no Sent At, kept pending")
    stale = observed_pending({"observed": {"export": {"pending_ages": [{"days": 40, "invitations": 3}], "undated_pending": 6}},
                              **horizon}, params)
    assert stale is not None and stale["sent"] == 6
    assert stale["basis"].endswith("which the export does not show; 6 of unknown age, with no Sent At, kept pending")


@pytest.mark.parametrize(("stated", "advised"), [(None, 21), (14, 14), (30, 30), (40, 21), (7, 21)])
def test_the_advised_horizon_is_the_plans_own_only_when_pln005_and_pln006_accept_it(stated: int | None, advised: int) -> None:
    plan: dict[str, Any] = {"observed": {"export": {"pending_ages": [{"days": 90, "invitations": 6}]}}}
    if stated is not None:
        plan["outreach"] = {"pending": {"withdraw_after_days": stated}}
    params = {"HYG004": {"withdraw_after_days": 21}, "PLN006": {"min_days": 14}, "PLN005": {"max_days": 30}}
    fact = observed_pending(plan, params)
    assert fact is not None and fact["advised"] == advised
    assert fact["horizon"] == (stated or 21)  # the message still speaks of the plan's own horizon
    assert observed_pending(plan, {})["advised"] == stated  # type: ignore[index]  # no recommended horizon: the plan's own, if any


@pytest.mark.parametrize(("recommended", "least", "advised"), [(21.0, 14, 21), (21, 22.5, 22.5), (21.0, 14.0, 21)])
def test_a_horizon_configured_as_a_decimal_number_is_still_the_recommended_one(recommended: float, least: float, advised: float) -> None:
    """The configuration may give 21.0 (TOML) or 22.5: the recommended horizon is that number, not missing."""
    plan = {"observed": {"export": {"pending_ages": [{"days": 90, "invitations": 6}]}}, "outreach": {"pending": {"withdraw_after_days": 40}}}
    params = {"HYG004": {"withdraw_after_days": recommended}, "PLN006": {"min_days": least}, "PLN005": {"max_days": 30}}
    fact = observed_pending(plan, params)
    assert fact is not None and fact["advised"] == advised and type(fact["advised"]) is type(advised)
    unstated = observed_pending({"observed": plan["observed"]}, params)
    assert unstated is not None and unstated["horizon"] == advised and unstated["stale"] == 6


def test_entry_point_is_declared() -> None:
    """The distribution's entry point (read from pyproject.toml, so the test runs uninstalled too)."""
    project = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["entry-points"]["ssi_lint"] == {"linkedin_export": PLUGIN}
    assert "scripts" not in project  # `ssi-lint draft-plan` replaced the ssi-lint-draft-plan script


def test_subcommand_is_contributed_lazily() -> None:
    linter = Linter(LintOptions(plugins=PluginSettings((PLUGIN,), autoload=False)))
    commands = linter.plugins.unique("ssi_lint_commands", "command")
    assert list(commands) == ["draft-plan"]
    assert commands["draft-plan"]().name == "draft-plan"


def test_plugin_import_is_cheap() -> None:
    import os
    import subprocess
    import sys

    import ssi_lint_linkedin_export

    root = str(Path(ssi_lint_linkedin_export.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (root, os.environ.get("PYTHONPATH"))))}
    code = "import sys, ssi_lint_linkedin_export.plugin; print(sorted(m for m in sys.modules if m.startswith('ssi_lint_linkedin_export')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    assert loaded.strip() == "['ssi_lint_linkedin_export', 'ssi_lint_linkedin_export.plugin']"


def test_the_drift_packs_examples_hold_beside_the_rules_they_borrow_from() -> None:
    """`ssi-lint check-rules` runs the drift pack's examples with the built-in packs loaded: EXD016 and EXD017 judge with HYG001's and OUT008's levels."""
    from ssi_lint.app import check_rule_packs

    drift = Path(__file__).parents[1] / "ssi_lint_linkedin_export" / "rules" / "drift.yaml"
    assert check_rule_packs((drift,), (PLUGIN,)) == []
