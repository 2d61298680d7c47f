"""The coverage pack's findings point at the nearest present parent of what the plan leaves out."""

from __future__ import annotations

from ssi_lint.api import Linter, LintOptions


def test_a_campaign_that_leaves_out_its_charge_is_pointed_at_not_its_stated_objective() -> None:
    plan = {"version": 1, "ads": {"campaigns": [
        {"name": "Video push", "objective": "video_views", "format": "video", "bidding": {"strategy": "manual"}},
        {"name": "Lead", "objective": "lead_generation", "bidding": {"charge": "cpm"}},
    ]}}
    findings = Linter(LintOptions(select=("COV016",))).check_data(plan)
    assert [finding.path for finding in findings] == ["ads.campaigns[0]", "ads.campaigns[1]"]
