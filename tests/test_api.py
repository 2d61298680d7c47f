"""The library's one-file check (`Linter.check_document`)."""

from __future__ import annotations

from ssi_lint.api import Linter
from ssi_lint.loading import load_text

ALIASED = """\
version: 1
ads:
  campaigns:
    - &spring {name: Spring, daily_budget: 5, bidding: {currency: USD}}
    - *spring
"""


def test_a_yaml_alias_repeats_no_finding() -> None:
    """Both campaigns are the anchor's node: its budget is below the minimum once, at the one place the text says so."""
    findings = Linter().check_document(load_text(ALIASED, "a.plan.yaml")).findings
    budget = [(finding.line, finding.column) for finding in findings if finding.rule_id == "ADS001"]
    assert budget == [(4, 30)]
    keys = [finding.sort_key() for finding in findings]
    assert len(keys) == len(set(keys))
