"""Probe mends: what a plan leaves unsaid is named (CNT005), counts read as numbers and words (OUT010, SIM002), and a stated
0 active days is named, not passed off as unstated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ssi_lint.api import Linter
from ssi_lint.simulation import simulate


def findings(plan: dict[str, Any], rule_id: str) -> list[Any]:
    return [finding for finding in Linter().check_data(plan) if finding.rule_id == rule_id]


def test_articles_and_polls_unstated_are_named_at_the_content_section() -> None:
    plan = {"version": 1, "content": {"per_week": {"posts": 2, "reposts": 3, "comments": 12, "reactions": 30}, "groups": 1}}
    [finding] = findings(plan, "CNT005")
    assert finding.path == "content"
    assert finding.message == "The plan does not say how many articles it writes or polls it creates a month (`content.per_month`; at least 1 expected)"


def test_articles_and_polls_stated_are_counted_in_words() -> None:
    [finding] = findings({"content": {"per_month": {"articles": 0}}}, "CNT005")
    assert finding.path == "content.per_month.articles"
    assert finding.message.startswith("Articles and polls a month: 0 articles, an unstated number of polls")
    [finding] = findings({"content": {"per_month": {"polls": 0}}}, "CNT005")
    assert (finding.path, finding.message) == ("content.per_month.polls", "Articles and polls a month: an unstated number of articles, 0 polls (at least 1 expected)")
    assert not findings({"content": {"per_month": {"polls": 1}}}, "CNT005")
    assert not findings({"profile": {"photo": True}}, "CNT005"), "no content section: COV003 names it"


def test_connection_counts_have_thousands_separators() -> None:
    [finding] = findings({"account": {"connections": 29600}}, "OUT010")
    assert finding.message == "The network has 29,600 connections, at or above 28,000; LinkedIn's cap is 30,000"


def test_the_projection_reaches_the_cap_and_never_passes_it() -> None:
    plan = {"account": {"tier": "sales_navigator", "age_days": 3000, "connections": 29600, "ssi": {"total": 78}},
            "outreach": {"invitations": {"per_day": 15, "per_week": 75, "note": "personalized"}, "messages": {"per_day": 40},
                         "pending": {"sent": 150, "withdraw_after_days": 21}, "acceptance_rate": 0.45}}
    [finding] = findings(plan, "SIM002")
    assert finding.message.startswith("Connections reach 30,000 in week 12, at or above 30,000, with 75 invitations that week: LinkedIn's cap is 30,000"), finding.message
    assert "30005" not in finding.message and "30,005" not in finding.message


ZERO_DAYS = {"version": 1, "account": {"active_days_per_week": 0}, "outreach": {"invitations": {"per_day": 30}}}
"""The plan format allows an account used 0 days a week (it feeds the SSI estimate); it leaves no day for the invitations."""


def checked(tmp_path: Path, plan: dict[str, Any]) -> list[Any]:
    """Every finding of a plan file, the schema's included."""
    path = tmp_path / "days.plan.yaml"
    path.write_text(yaml.safe_dump(plan), encoding="utf-8")
    return list(Linter().check_path(path).findings)


def test_an_account_used_0_days_a_week_is_named_where_5_days_are_assumed(tmp_path: Path) -> None:
    everything = checked(tmp_path, ZERO_DAYS)
    assert not [f for f in everything if f.rule_id.startswith("SCHEMA")], "0 is a valid account.active_days_per_week"
    [finding] = [f for f in everything if f.rule_id == "OUT003"]
    assert finding.message.startswith(
        "150 invitations a week (30 a day x 5 days, assumed: account.active_days_per_week is 0, which leaves no day to send on; "
        "set outreach.active_days_per_week)"
    ), finding.message
    [projected] = [f for f in everything if f.rule_id == "SIM001"]
    assert "assumed: invitations on 5 days a week (account.active_days_per_week is 0)" in projected.message
    projection = simulate(ZERO_DAYS)
    assert projection is not None and "account.active_days_per_week is 0" in projection.assumptions["active_days"]


def test_outreach_sent_on_0_days_a_week_is_a_located_schema_finding(tmp_path: Path) -> None:
    plan = {**ZERO_DAYS, "account": {"tier": "free"}, "outreach": {**ZERO_DAYS["outreach"], "active_days_per_week": 0}}
    [finding] = [f for f in checked(tmp_path, plan) if f.rule_id == "SCHEMA001"]
    lines = (tmp_path / "days.plan.yaml").read_text(encoding="utf-8").splitlines()
    assert finding.path == "outreach.active_days_per_week" and lines[finding.line - 1].strip() == "active_days_per_week: 0"


def test_a_repost_share_over_unstated_photos_says_it_may_be_lower() -> None:
    # photos are one's own publications too (I1, I2): unstated, they count as 0 and the message says so
    [finding] = findings({"content": {"per_week": {"posts": 2, "reposts": 3}}}, "CNT003")
    assert finding.message == (
        "Reposts are 60% of publications (3 a week; posts: 2; photos: not stated, so counted as 0 and the share may be lower); at most 50% expected"
    )
    [finding] = findings({"content": {"per_week": {"posts": 2, "photos": 0, "reposts": 3}}}, "CNT003")
    assert finding.message == "Reposts are 60% of publications (3 a week; posts: 2; photos: 0); at most 50% expected"


def test_a_campaign_without_targeting_is_not_said_to_be_untargeted() -> None:
    [finding] = findings({"ads": {"campaigns": [{"name": "a"}]}}, "ADS012")
    assert (finding.path, finding.message) == ("ads.campaigns[0]", (
        "Campaign \"a\" does not say how it is targeted (`targeting` is not set), so it is not taken to use job title, seniority, "
        "employer, industry, skill or job function targeting"
    ))
    [finding] = findings({"ads": {"campaigns": [{"name": "a", "targeting": {"locations": ["Germany"]}}]}}, "ADS012")
    assert finding.message == "Campaign \"a\" is not targeted by job title, seniority, employer, industry, skill or job function"
