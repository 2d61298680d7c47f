"""Finding identities: list items named by their key, pathless findings by message and comment, never by position."""

from __future__ import annotations

from typing import Any

import pytest

from ssi_lint.identity import Identity, identity, item_key, stable_path, stable_paths
from ssi_lint.model import FileResult, Finding, Severity

PLAN: dict[str, Any] = {
    "ads": {"campaigns": [{"name": "new", "daily_budget": 1}, {"name": "old", "daily_budget": 50, "targeting": {"skills": ["a", "b"]}}]},
    "outreach": {"schedule": [{"week": 1, "invitations": 35}, {"week": 2, "invitations": 60}]},
    "prospecting": {"searches": [{"keywords": ["x"]}]},
}


def finding(path: str, message: str = "msg", line: int = 1, column: int = 1, rule_id: str = "ADS001") -> Finding:
    return Finding(rule_id, "name", Severity.ERROR, "ads-policy", "ads", message, "a.plan.yaml", line, column, path)


@pytest.mark.parametrize(
    ("path", "stable"),
    [
        ("ads.campaigns[1].daily_budget", 'ads.campaigns[name="old"].daily_budget'),
        ("ads.campaigns[0]", 'ads.campaigns[name="new"]'),
        ("ads.campaigns[1].targeting.skills[1]", 'ads.campaigns[name="old"].targeting.skills[1]'),
        ("outreach.schedule[1].invitations", "outreach.schedule[week=2].invitations"),
        ("prospecting.searches[0].keywords", "prospecting.searches[0].keywords"),
        ("ads.campaigns[5].daily_budget", "ads.campaigns[5].daily_budget"),
        ("outreach.invitations.per_week", "outreach.invitations.per_week"),
    ],
)
def test_list_items_are_named_by_their_key(path: str, stable: str) -> None:
    assert stable_path(PLAN, path) == stable


@pytest.mark.parametrize(
    ("items", "key"),
    [
        ([{"name": "a"}, {"name": "a"}], None),  # a shared name names neither
        ([{"name": "a", "week": 1}, {"name": "a", "week": 2}], "week=1"),  # then the next key field
        ([{"name": 3}, {"name": "3"}], "name=3"),  # 3 and "3" are different names
        ([{"name": True}], None),
        ([{"name": None}], None),
        (["a", "b"], None),  # scalar items keep their index
        ([{"name": 'a "quoted" ].name'}], 'name="a \\"quoted\\" ].name"'),
    ],
)
def test_item_key(items: list[Any], key: str | None) -> None:
    assert item_key(items, 0) == key


def test_duplicate_names_fall_back_to_the_index() -> None:
    plan = {"ads": {"campaigns": [{"name": "a"}, {"name": "a"}, {"name": "b"}]}}
    assert [stable_path(plan, f"ads.campaigns[{index}]") for index in range(3)] == ["ads.campaigns[0]", "ads.campaigns[1]", 'ads.campaigns[name="b"]']


def test_stable_paths_lists_only_the_paths_that_change() -> None:
    findings = [finding("ads.campaigns[1].daily_budget"), finding("prospecting.searches[0]"), finding("outreach"), finding("")]
    assert stable_paths(PLAN, findings) == {"ads.campaigns[1].daily_budget": 'ads.campaigns[name="old"].daily_budget'}
    assert stable_paths(None, findings) == {}


def test_identity_reads_the_results_stable_paths() -> None:
    result = FileResult("a.plan.yaml", (), stable_paths={"ads.campaigns[1].daily_budget": 'ads.campaigns[name="old"].daily_budget'})
    assert identity(finding("ads.campaigns[1].daily_budget"), result) == Identity('ads.campaigns[name="old"].daily_budget', "")
    assert identity(finding("ads.campaigns[0].daily_budget"), result) == Identity("ads.campaigns[0].daily_budget", "")


def test_a_finding_without_a_path_is_its_message_numbers_aside_and_the_comment_it_points_at() -> None:
    text = "version: 1\noutreach:\n  invitations:\n    per_day: 10   # ssi-lint:   ignore[OUT001] -- warm\n"
    result = FileResult("a.plan.yaml", (), text=text)
    sup = finding("", "suppression of OUT001 suppressed nothing: no OUT001 finding on this line", 4, 19, "SUP002")
    assert identity(sup, result) == Identity(
        "", "suppression of OUT001 suppressed nothing: no OUT001 finding on this line # ssi-lint: ignore[OUT001] -- warm"
    )
    load = finding("", "duplicate key `per_day` (first at line 3, column 12)", 4, 5, "LOAD003")
    assert identity(load, result) == Identity("", "duplicate key `per_day` (first at line #, column #)")
    assert identity(finding("", "No profile section", 1, 1, "COV001"), result).about == "No profile section"
    assert identity(finding("", "x", 99, 1), result).about == "x"


def test_stable_paths_count_each_lists_keys_once() -> None:
    """Findings about every item of a long list: each list's names are counted once, not once per item."""
    campaigns = [{"name": f"c{n}"} for n in range(3000)] + [{"name": "twice"}, {"name": "twice"}, {"name": 7}, {"name": "7"}]
    plan = {"ads": {"campaigns": campaigns}}
    findings = [finding(f"ads.campaigns[{n}].objective") for n in range(len(campaigns))]
    paths = stable_paths(plan, findings)
    assert paths["ads.campaigns[2999].objective"] == 'ads.campaigns[name="c2999"].objective'
    assert "ads.campaigns[3000].objective" not in paths and "ads.campaigns[3001].objective" not in paths
    assert paths["ads.campaigns[3002].objective"] == "ads.campaigns[name=7].objective"
    assert paths["ads.campaigns[3003].objective"] == 'ads.campaigns[name="7"].objective'
    assert len(paths) == 3002
