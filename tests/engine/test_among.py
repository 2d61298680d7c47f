"""`among`: a rule judged over a list an item at a time, whose finding is about the first item it fires for."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from ssi_lint.engine import cache
from ssi_lint.engine.bound import BoundRules
from ssi_lint.engine.conditions import build_environment
from ssi_lint.engine.ruleset import build_ruleset, compile_all, read_packs
from ssi_lint.errors import RuleFileError
from ssi_lint.loading import load_text
from ssi_lint.model import Fact, Finding


def _weeks(plan: Mapping[str, Any]) -> list[dict[str, Any]] | None:
    """Each schedule entry as `{week, volume, path}`; None without a schedule."""
    schedule = plan.get("outreach", {}).get("schedule")
    if not isinstance(schedule, list):
        return None
    return [{"week": index + 1, "volume": entry["invitations"], "path": f"outreach.schedule[{index}]"} for index, entry in enumerate(schedule)]


FACTS = [Fact("weeks", "the schedule's weeks", _weeks)]
RULE = """\
rules:
  - id: TST001
    name: week-over
    title: A week above the limit
    pillar: relationships
    category: spam-risk
    severity: warning
    given: account.age_days
    among: facts.weeks
    subject: [item.path]
    when: self + 7 * (item.week - 1) < params.new_days && item.volume > params.limit
    params: {new_days: 30, limit: 50}
    message: "Week {item.week} sends {item.volume|invitation}, above {params.limit}"
    fix: "Keep week {item.week} at {params.limit}"
    examples:
      fail: [{account: {age_days: 1}, outreach: {schedule: [{invitations: 20}, {invitations: 80}]}}]
      pass: [{account: {age_days: 25}, outreach: {schedule: [{invitations: 20}, {invitations: 80}]}}]
"""
PLAN = """\
account: {age_days: 5}
outreach:
  schedule:
    - invitations: 20
    - invitations: 60
    - invitations: 90
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def findings(ruleset: Any, text: str = PLAN) -> list[Finding]:
    return ruleset.evaluator.findings(load_text(text, "p.plan.yaml"), strict=True)


@pytest.mark.parametrize("bound", [False, True], ids=["own-program", "bound"])
def test_the_finding_is_about_the_first_item_the_condition_holds_for(tmp_path: Path, bound: bool) -> None:
    ruleset = build_ruleset(read_packs([write(tmp_path, RULE)]), FACTS)
    if bound:
        ruleset.evaluator.bind()
    assert [(f.path, f.line, f.column, f.message, f.fix) for f in findings(ruleset)] == [
        ("outreach.schedule[1]", 5, 7, "Week 2 sends 60 invitations, above 50", "Keep week 2 at 50"),
    ]


@pytest.mark.parametrize("text", [
    "account: {age_days: 5}\noutreach: {schedule: [{invitations: 20}, {invitations: 40}]}\n",
    "account: {age_days: 5}\n",
    "account: {age_days: 25}\noutreach: {schedule: [{invitations: 20}, {invitations: 90}]}\n",
    "outreach: {schedule: [{invitations: 90}]}\n",
], ids=["no-item-over", "no-list", "only-later-items-over", "no-given-node"])
def test_no_item_the_condition_holds_for_means_no_finding(tmp_path: Path, text: str) -> None:
    assert findings(build_ruleset(read_packs([write(tmp_path, RULE)]), FACTS), text) == []


def test_an_absent_list_is_a_clean_no_in_the_batch(tmp_path: Path) -> None:
    """The rule's program tests that its `among` field is there: a plan without it needs no second look."""
    evaluator = build_ruleset(read_packs([write(tmp_path, RULE)]), FACTS).evaluator
    bound = BoundRules(evaluator.rules)
    for plan, value in (({"account": {"age_days": 5}}, False), ({"account": {"age_days": 5}, "outreach": {"schedule": [{"invitations": 90}]}}, True)):
        assert bound.batch_values(bound.activation(plan, evaluator.facts.compute(plan, strict=True))) == [value]


def test_the_first_item_survives_the_rules_cache(tmp_path: Path) -> None:
    packs = read_packs([write(tmp_path, RULE)])
    key = f"among test {tmp_path}"
    environment = build_environment()
    cache.store(key, packs, compile_all(packs, environment, frozenset({"weeks"})), environment)
    loaded = cache.load(key, environment)
    assert loaded is not None
    cached_packs, precompiled = loaded
    assert precompiled["TST001"].witness is not None
    ruleset = build_ruleset(cached_packs, FACTS, environment=environment, precompiled=precompiled)
    assert [(f.path, f.message) for f in findings(ruleset)] == [("outreach.schedule[1]", "Week 2 sends 60 invitations, above 50")]


def _where(text: str, needle: str) -> tuple[int, int]:
    offset = text.index(needle)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


BROKEN = [
    ("when-error", RULE.replace("item.volume > params.limit", "item.volume > > params.limit"), "> params.limit", "extraneous input '>'"),
    ("among-error", RULE.replace("among: facts.weeks", "among: facts.weeks + > 1"), "> 1", "extraneous input '>'"),
    ("with-levels", RULE.replace("    severity: warning\n", "    levels: {warning: 1}\n"), "facts.weeks", "a rule with `levels` cannot have it"),
    ("item-without-among", RULE.replace("    among: facts.weeks\n", "").replace("    subject: [item.path]\n", ""), ".week - 1",
     "undeclared reference to 'item"),
    ("item-template-without-among", RULE.replace("    among: facts.weeks\n", "").replace("    subject: [item.path]\n", "").replace(
        "self + 7 * (item.week - 1) < params.new_days && item.volume > params.limit", "self > 100"), "{item.week}",
     "`item` is an item of the rule's `among` list, only in a rule with `among`"),
    ("item-subject-without-among", RULE.replace("    among: facts.weeks\n", "").replace(
        "self + 7 * (item.week - 1) < params.new_days && item.volume > params.limit", "self > 100").replace(
        "Week {item.week} sends {item.volume|invitation}", "Sends").replace("week {item.week}", "every week"), "[item.path]",
     "names an item of the rule's `among` list, and the rule has none"),
]


@pytest.mark.parametrize(("text", "at", "words"), [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN])
def test_a_broken_among_rule_is_located(tmp_path: Path, text: str, at: str, words: str) -> None:
    path = write(tmp_path, text)
    line, column = _where(text, at)
    with pytest.raises(RuleFileError) as info:
        build_ruleset(read_packs([path]), FACTS)
    assert str(info.value).startswith(f"{path.as_posix()}:{line}:{column}: "), str(info.value)
    assert words in str(info.value)
