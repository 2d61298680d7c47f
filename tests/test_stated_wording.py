"""Probe mends: what a plan leaves unsaid is named (CNT005), and counts read as numbers and words (OUT010, SIM002)."""

from __future__ import annotations

from typing import Any

from ssi_lint.api import Linter


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
