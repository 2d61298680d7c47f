"""Rules with levels: one threshold, several severities; configuration overrides a level without a gap."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ssi_lint.engine.ruleset import RuleOverrides, build_ruleset, read_packs
from ssi_lint.errors import ConfigError, RuleFileError
from ssi_lint.model import Severity

PACK = """\
rules:
  - id: OUT001
    name: daily
    title: Daily volume
    pillar: relationships
    category: spam-risk
    guidance: [S7]
    given: outreach.per_day
    levels: {warning: 20, error: 40}
    message: "{self|invitation} a day is above {level}"
    examples:
      warning: [{outreach: {per_day: 30}}]
      error: [{outreach: {per_day: 60}}]
      pass: [{outreach: {per_day: 20}}]
  - id: OUT002
    name: acceptance
    title: Acceptance
    pillar: relationships
    category: spam-risk
    guidance: [R1]
    given: outreach.rate
    compare: "<"
    levels: {warning: 0.3, error: 0.15}
    message: "{self:.0%} below {level:.0%}"
    examples:
      fail: [{outreach: {rate: 0.1}}]
      pass: [{outreach: {rate: 0.5}}]
  - id: OUT003
    name: backlog
    title: Backlog
    pillar: relationships
    category: hygiene
    guidance: [R2]
    given: outreach.pending
    compare: {info: ">", error: ">="}
    levels: {info: 200, error: 700}
    supersedes: [OUT004]
    message: "{self} pending"
    examples:
      info: [{outreach: {pending: 201}}]
      error: [{outreach: {pending: 700}}]
      pass: [{outreach: {pending: 200}}]
  - id: OUT004
    name: horizon
    title: Horizon
    pillar: relationships
    category: hygiene
    severity: warning
    guidance: [R2]
    given: outreach
    subject: [pending]
    when: "self.pending > params.max"
    params: {max: 100}
    message: "over the horizon"
    examples:
      fail: [{outreach: {pending: 150}}]
      pass: [{outreach: {pending: 50}}]
"""


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    path = tmp_path / "pack.yaml"
    path.write_text(PACK, encoding="utf-8")
    return path


def judge(pack: Path, plan: dict, params: dict | None = None, severities: dict | None = None) -> list[tuple[str, str, str, str]]:
    """(rule id, severity, path, message) of every match on the plan."""
    overrides = RuleOverrides(params=params or {}, severities=severities or {})
    ruleset = build_ruleset(read_packs([pack]), facts=(), overrides=overrides)
    from ssi_lint.engine.evaluation import to_finding
    from ssi_lint.loading import load_text

    import yaml

    document = load_text(yaml.safe_dump(plan), "plan.yaml")
    return [(m.compiled.rule.id, m.severity.label, f.path, f.message)
            for m in ruleset.evaluator.matches(plan, strict=True) for f in [to_finding(m, document)]]


@pytest.mark.parametrize(
    ("per_day", "expected"),
    [(20, []), (21, ["warning"]), (40, ["warning"]), (41, ["error"])],
)
def test_the_most_severe_crossed_level_sets_the_severity(pack: Path, per_day: int, expected: list[str]) -> None:
    found = [severity for rule_id, severity, _, _ in judge(pack, {"outreach": {"per_day": per_day}}) if rule_id == "OUT001"]
    assert found == expected


def test_overriding_one_level_leaves_no_gap(pack: Path) -> None:
    params = {"OUT001": {"levels": {"error": 70}}}
    assert judge(pack, {"outreach": {"per_day": 60}}, params) == [("OUT001", "warning", "outreach.per_day", "60 invitations a day is above 20")]
    assert judge(pack, {"outreach": {"per_day": 71}}, params)[0][1] == "error"


def test_levels_out_of_order_are_a_config_error(pack: Path) -> None:
    with pytest.raises(ConfigError, match="params.OUT001.levels"):
        judge(pack, {}, {"OUT001": {"levels": {"warning": 50}}})
    with pytest.raises(ConfigError, match="no numeric `info` level"):
        judge(pack, {}, {"OUT001": {"levels": {"info": 5}}})
    with pytest.raises(ConfigError, match="must be a number"):
        judge(pack, {}, {"OUT001": {"levels": {"error": "high"}}})


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"OUT002": {"levels": {"warning": 30, "error": 15}}}, r"params\.OUT002\.levels\.warning: is a share from 0 to 1 \(default 0\.3\), not 30"),
        ({"OUT001": {"levels": {"warning": -5}}}, r"params\.OUT001\.levels\.warning: must be 0 or more"),
    ],
    ids=["percent-for-a-share", "negative"],
)
def test_levels_outside_what_their_defaults_measure_are_a_config_error(pack: Path, params: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        judge(pack, {}, params)


def test_levels_below_and_per_level_comparisons(pack: Path) -> None:
    assert judge(pack, {"outreach": {"rate": 0.2}})[0][:2] == ("OUT002", "warning")
    assert judge(pack, {"outreach": {"rate": 0.15}})[0][:2] == ("OUT002", "warning")
    assert judge(pack, {"outreach": {"rate": 0.149}})[0][3] == "15% below 15%"


def test_configured_severity_applies_to_every_level(pack: Path) -> None:
    assert [s for _, s, _, _ in judge(pack, {"outreach": {"per_day": 60}}, severities={"OUT001": Severity.INFO})] == ["info"]


def test_only_the_more_severe_of_a_superseding_pair_speaks(pack: Path) -> None:
    # 150 pending: the backlog is below its info level; the horizon warning speaks alone.
    assert [r for r, *_ in judge(pack, {"outreach": {"pending": 150}})] == ["OUT004"]
    # 300 pending: backlog info and horizon warning; the warning is more severe.
    assert [r for r, *_ in judge(pack, {"outreach": {"pending": 300}})] == ["OUT004"]
    # 800 pending: the backlog error supersedes the horizon warning.
    assert [(r, s) for r, s, *_ in judge(pack, {"outreach": {"pending": 800}})] == [("OUT003", "error")]


def test_a_configured_severity_never_changes_which_of_a_superseding_pair_speaks(pack: Path) -> None:
    """The pair is settled at the severities the pack gives; the configuration then only rewords the winner's severity."""
    lowered = judge(pack, {"outreach": {"pending": 800}}, severities={"OUT003": Severity.INFO})
    assert [(r, s) for r, s, *_ in lowered] == [("OUT003", "info")], "asked for info, not the horizon warning instead"
    raised = judge(pack, {"outreach": {"pending": 300}}, severities={"OUT003": Severity.ERROR})
    assert [(r, s) for r, s, *_ in raised] == [("OUT004", "warning")]


def test_a_subject_points_at_the_field(pack: Path) -> None:
    assert judge(pack, {"outreach": {"pending": 150}})[0][2] == "outreach.pending"


def test_a_level_example_at_the_wrong_severity_is_a_pack_error(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(PACK.replace("error: [{outreach: {per_day: 60}}]", "error: [{outreach: {per_day: 30}}]"), encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"pack.yaml:\d+:\d+: OUT001: error example 1 fires at warning, not error"):
        build_ruleset(read_packs([path]), facts=())


def test_a_bad_level_expression_is_located_in_the_pack(tmp_path: Path) -> None:
    path = tmp_path / "pack.yaml"
    path.write_text(PACK.replace("levels: {warning: 20, error: 40}", "levels: {warning: 20, error: 'params.x +'}"), encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"pack.yaml:9:\d+: OUT001"):
        build_ruleset(read_packs([path]), facts=())


def test_a_silenced_rule_silences_nothing(tmp_path: Path) -> None:
    """A warns, B (which supersedes A) warns too, C (which supersedes A) only informs: B speaks for A, and C still speaks."""
    path = tmp_path / "pack.yaml"
    rules = [("TST001", "warning", []), ("TST002", "warning", ["TST001"]), ("TST003", "info", ["TST001"])]
    text = "rules:\n" + "".join(
        f"  - id: {rule_id}\n    name: r{rule_id[-1]}\n    title: R\n    pillar: plan\n    category: plan\n"
        f"    severity: {severity}\n    guidance: [S7]\n    given: v\n    when: 'self > 1'\n    message: m\n"
        f"    supersedes: {supersedes}\n    examples: {{fail: [{{v: 9}}], pass: [{{v: 0}}]}}\n"
        for rule_id, severity, supersedes in rules
    )
    path.write_text(text, encoding="utf-8")
    ruleset = build_ruleset(read_packs([path]), facts=())
    assert sorted(m.compiled.rule.id for m in ruleset.evaluator.matches({"v": 5}, strict=True)) == ["TST002", "TST003"]


def test_a_superseding_match_silences_the_excess_it_reports_wherever_each_points(tmp_path: Path) -> None:
    """TST002 (steady) supersedes TST001 (a ramp week): a week past the same threshold by no more is the steady excess, whatever field each names."""
    path = tmp_path / "pack.yaml"
    rules = [("TST001", "ramp", []), ("TST002", "steady", ["TST001"])]
    path.write_text("rules:\n" + "".join(
        f"  - id: {rule_id}\n    name: r{rule_id[-1]}\n    title: R\n    pillar: plan\n    category: plan\n    guidance: [S7]\n"
        f"    given: {given}\n    levels: {{warning: 100}}\n    message: m\n    supersedes: {supersedes}\n"
        f"    examples: {{warning: [{{{given}: 101}}], pass: [{{{given}: 100}}]}}\n"
        for rule_id, given, supersedes in rules
    ), encoding="utf-8")
    ruleset = build_ruleset(read_packs([path]), facts=())

    def speaking(plan: dict[str, int]) -> list[str]:
        return sorted(m.compiled.rule.id for m in ruleset.evaluator.matches(plan, strict=True))

    assert speaking({"ramp": 120, "steady": 140}) == ["TST002"]
    assert speaking({"ramp": 140, "steady": 140}) == ["TST002"]
    assert speaking({"ramp": 160, "steady": 140}) == ["TST001", "TST002"], "a larger excess is its own"

    def configured(steady_level: int, plan: dict[str, int]) -> list[str]:
        overrides = RuleOverrides(params={"TST002": {"levels": {"warning": steady_level}}})
        evaluator = build_ruleset(read_packs([path]), facts=(), overrides=overrides).evaluator
        return sorted(m.compiled.rule.id for m in evaluator.matches(plan, strict=True))

    assert configured(110, {"ramp": 105, "steady": 130}) == ["TST002"], "past a higher threshold by more: it says as much"
    assert configured(80, {"ramp": 120, "steady": 130}) == ["TST001", "TST002"], "past 80 does not say past 100"
