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


AGING = {
    "version": 1,
    "account": {"tier": "sales_navigator", "age_days": 352, "active_days_per_week": 7, "connections": 4000, "ssi": {"total": 74}},
    "outreach": {
        "invitations": {"per_day": 20, "per_week": 140, "note": "personalized"}, "pending": {"sent": 200, "withdraw_after_days": 21},
        "acceptance_rate": 0.4, "schedule": [{"week": 1, "invitations": 140}, {"week": 2, "invitations": 140}, {"week": 3, "invitations": 140}],
    },
}
"""An account 13 days short of the trusted limit: weeks 1-2 of its schedule send the steady 140 over 100, as OUT003 judges it today."""

SCHEDULE_AT_PER_WEEK = {
    "version": 1,
    "account": {"tier": "premium", "age_days": 900, "connections": 3000, "ssi": {"total": 58}},
    "outreach": {
        "active_days_per_week": 7, "invitations": {"per_week": 130, "per_day": 19}, "pending": {"sent": 100, "withdraw_after_days": 30},
        "acceptance_rate": 0.33, "schedule": [{"week": 1, "invitations": 130}, {"week": 2, "invitations": 130}],
    },
}
"""A schedule equal to per_week: PLN003 leaves its weeks to OUT003, which reports the volume at per_week."""

STEADY = [("OUT003", "warning", "outreach.invitations.per_week")]


def test_a_schedule_week_at_the_steady_volume_is_reported_once() -> None:
    assert volume(AGING) == STEADY
    assert volume(SCHEDULE_AT_PER_WEEK) == STEADY
    assert volume(SCHEDULE_AT_PER_WEEK, severities={"OUT003": "info"}) == [("OUT003", "info", "outreach.invitations.per_week")]


def test_a_ramp_week_below_the_steady_volume_is_the_steady_volumes_excess() -> None:
    ramp = {**SCHEDULE_AT_PER_WEEK, "outreach": {**SCHEDULE_AT_PER_WEEK["outreach"], "schedule": [{"week": 1, "invitations": 120}]}}
    assert volume(ramp) == STEADY


def test_a_ramp_week_above_the_steady_volume_is_pln003s() -> None:
    ramp = {**SCHEDULE_AT_PER_WEEK, "outreach": {**SCHEDULE_AT_PER_WEEK["outreach"], "schedule": [{"week": 1, "invitations": 160}]}}
    assert sorted(volume(ramp)) == [*STEADY, ("PLN003", "warning", "outreach.schedule[0].invitations")]


def test_ignoring_the_rule_that_reports_the_volume_lets_the_projection_report_it() -> None:
    """`ignore` drops a rule's findings, not the excess: nothing then reports it but SIM004."""
    assert volume(AGING, ignore=("OUT003",)) == [("SIM004", "warning", "outreach.schedule[0].invitations")]
    assert volume(DORMANT, ignore=("OUT006",)) == [("SIM004", "error", "outreach.invitations.per_week")]
    [projected] = Linter(LintOptions(select=("SIM004",))).check_data(DORMANT)
    assert "10 a day while the account has fewer than 30 days of activity" in projected.message
    assert projected.fix is not None and "SSI" not in projected.fix, "the 50 is the new account's limit, not the SSI's"


def test_an_inline_suppression_accepts_the_volume_and_the_projection_accepts_it_too() -> None:
    """`# ssi-lint: ignore[OUT003]` on the line accepts that week's volume: SIM004 does not report it in OUT003's place."""
    from ssi_lint.loading import load_text

    text = (
        "version: 1\naccount: {age_days: 400}\noutreach:\n  acceptance_rate: 0.3\n  pending: {withdraw_after_days: 21, sent: 10}\n"
        "  invitations:\n    per_week: 300"
    )
    linter = Linter(LintOptions(select=("OUT003", "SIM004", "SUP")))
    plain = linter.check_document(load_text(text + "\n", "p.plan.yaml"))
    assert [(finding.rule_id, finding.severity.label) for finding in plain.findings] == [("OUT003", "error")]
    suppressed = linter.check_document(load_text(text + "  # ssi-lint: ignore[OUT003] -- agreed with the client\n", "p.plan.yaml"))
    assert suppressed.findings == () and [finding.rule_id for finding in suppressed.suppressed] == ["OUT003"]
