"""The built-in rules' supersessions: one finding per excess, at the severity the configuration asks for."""

from __future__ import annotations

from typing import Any

from ssi_lint.api import Linter, LintOptions

DORMANT = {
    "version": 1,
    "account": {"tier": "premium", "age_days": 2400, "active_days_per_week": 0, "connections": 1200, "ssi": {"total": 38}},
    "outreach": {
        "invitations": {"per_day": 15, "per_week": 75, "note": "personalized"}, "pending": {"sent": 40, "withdraw_after_days": 21},
        "acceptance_rate": 0.3, "schedule": [{"week": 1, "invitations": 20}, {"week": 2, "invitations": 35}, {"week": 3, "invitations": 50}],
    },
}
"""A dormant account whose steady 75 a week (week 4) is over the new account's 50: OUT006's finding, projected by SIM004 too."""


def volume(plan: dict[str, Any], **options: Any) -> list[tuple[str, str, str]]:
    """(rule id, severity, path) of the weekly-volume findings (OUT003, OUT006, PLN003, SIM004) on the plan."""
    findings = Linter(LintOptions(select=("OUT003", "OUT006", "PLN003", "SIM004"), **options)).check_data(plan)
    return [(finding.rule_id, finding.severity.label, finding.path) for finding in findings]


def test_a_lowered_severity_lowers_the_finding_and_nothing_speaks_instead() -> None:
    assert volume(DORMANT) == [("OUT006", "error", "outreach.invitations.per_week")]
    assert volume(DORMANT, severities={"OUT006": "warning"}) == [("OUT006", "warning", "outreach.invitations.per_week")]
