"""Rule packs: every broken pack stops the run with `file:line:col:` at the offending place."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssi_lint.engine.ruleset import RuleOverrides, build_ruleset, read_packs
from ssi_lint.errors import RuleFileError
from ssi_lint.loading import load_text
from ssi_lint.model import Fact, Severity

FACTS = [Fact("double_week", "twice the weekly invitations", lambda plan: 2 * plan["outreach"]["per_week"])]


def rule(
    id: str = "OUT001",
    pillar: str = "relationships",
    category: str = "spam-risk",
    when: str = "self > params.limit",
    message: str = '"{self} is above {params.limit}"',
    fix: str = "'at most {params.limit} a week'",
    fail: str = "{outreach: {per_week: 140}}",
    passing: str = "{outreach: {per_week: 80}}",
    extra: str = "",
) -> str:
    """One rule as pack YAML (a list item under `rules:`)."""
    return (
        f"  - id: {id}\n    name: too-many\n    title: Too many\n    pillar: {pillar}\n    category: {category}\n"
        f"    severity: warning\n    given: outreach.per_week\n    when: {when}\n    params: {{limit: 100}}\n"
        f"    message: {message}\n    fix: {fix}\n    examples:\n      fail: [{fail}]\n      pass: [{passing}]\n{extra}"
    )


def write(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def where(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column of the nth occurrence of needle."""
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def build(*paths: Path, **kwargs):
    return build_ruleset(read_packs(list(paths)), facts=FACTS, **kwargs)


def assert_error_at(tmp_path: Path, text: str, at: tuple[int, int] | str, words: str) -> None:
    path = write(tmp_path, text)
    line, column = where(text, at) if isinstance(at, str) else at
    with pytest.raises(RuleFileError) as info:
        build(path)
    assert str(info.value).startswith(f"{path.as_posix()}:{line}:{column}: "), str(info.value)
    assert words in str(info.value)


BROKEN = [
    # id, pack text, where (needle or (line, col)), words in the message
    ("yaml-unclosed", "rules:\n  - id: [\n", (3, 1), "invalid YAML"),
    ("yaml-tab", "rules:\n\t- id: x\n", (2, 1), "invalid YAML"),
    ("yaml-duplicate-key", "rules:\n" + rule(extra="    title: again\n"), "title: again", "duplicate key 'title'"),
    ("empty-file", "", (1, 1), "the file is empty"),
    ("top-level-list", "- 1\n", (1, 1), "top level must be a mapping"),
    ("unknown-pillar", "rules:\n" + rule(pillar="sales"), "pillar: sales", "`rules[0].pillar` must be one of: brand"),
    ("unknown-category", "rules:\n" + rule(category="spam"), "category: spam", "`rules[0].category` must be one of: spam-risk"),
    ("bad-id", "rules:\n" + rule(id="out1"), "id: out1", "`rules[0].id` does not have the expected form"),
    ("unknown-field", "rules:\n" + rule(extra="    whenn: x\n"), "whenn", "did you mean `when`?"),
    ("missing-field", "rules:\n  - id: OUT001\n", "id", "`rules[0]` is missing the required field"),
    ("second-rule", "rules:\n" + rule() + rule(id="OUT002", pillar="nope"), "pillar: nope", "`rules[1].pillar`"),
    ("cel-plain", "rules:\n" + rule(when="self > > params.limit"), "> params.limit", "extraneous input '>'"),
    ("cel-double-quoted", "rules:\n" + rule(when='"self > > params.limit"'), "> params.limit", "extraneous input '>'"),
    ("cel-single-quoted", "rules:\n" + rule(when="'self > > params.limit'"), "> params.limit", "extraneous input '>'"),
    ("cel-literal-block", "rules:\n" + rule(when="|\n      self > > params.limit"), "> params.limit", "extraneous"),
    ("cel-literal-block-line-2", "rules:\n" + rule(when="|\n      self > 1 &&\n      > params.limit"), "> params", "extraneous"),
    ("cel-folded-block", "rules:\n" + rule(when=">-\n      self > > params.limit"), "> params.limit", "extraneous"),
    ("cel-undeclared", "rules:\n" + rule(when="selff > 1"), "selff", "undeclared reference to 'selff'"),
    ("template-unknown-param", "rules:\n" + rule(message='"{self} is above {params.limt}"'), "{params.limt}",
     "OUT001: message template: `params.limt` is not among the rule's params"),
    ("template-unknown-fact", "rules:\n" + rule(message='"{self} vs {facts.nope}"'), "{facts.nope}",
     "`facts.nope` is not a known fact"),
    ("template-bad-root", "rules:\n" + rule(message='"{self} vs {foo.bar}"'), "{foo.bar}", "must be a path under self"),
    ("template-apart-unknown-param", "rules:\n" + rule(message='"{self:.0f~params.limt} is above {params.limit}"'),
     "{self:.0f~params.limt}", "OUT001: message template: `params.limt` is not among the rule's params"),
    ("template-fallback-unknown-param", "rules:\n" + rule(message='"{self} {self.unit?=params.unti (assumed)}"'),
     "{self.unit?=params.unti (assumed)}", "OUT001: message template: `params.unti` is not among the rule's params"),
    ("fix-unknown-param-plain", "rules:\n" + rule(fix="at most {params.x}"), "{params.x}", "fix template: `params.x`"),
    ("unstated-unknown-param", "rules:\n" + rule(extra="    unstated: 'not said ({params.x})'\n"), "{params.x}",
     "OUT001: unstated template: `params.x`"),
    ("unstated-never-used", "rules:\n" + rule(when="facts.double_week > 1", extra="    unstated: 'not said'\n"), "'not said'",
     "OUT001: `unstated` is never used"),
    ("fail-example-silent", "rules:\n" + rule(fail="{outreach: {per_week: 10}}"), "{outreach: {per_week: 10}}",
     "OUT001: fail example 1 does not fire"),
    ("second-fail-example", "rules:\n" + rule(fail="{outreach: {per_week: 140}}, {outreach: {per_week: 1}}"),
     "{outreach: {per_week: 1}}", "OUT001: fail example 2 does not fire"),
    ("pass-example-fires", "rules:\n" + rule(passing="{outreach: {per_week: 800}}"), "{outreach: {per_week: 800}}",
     "OUT001: pass example 1 fires"),
    ("example-evaluation-error", "rules:\n" + rule(passing="{outreach: {per_week: x}}"), "{outreach: {per_week: x}}",
     "OUT001: pass example 1: "),
    ("example-division-by-zero", "rules:\n" + rule(when="self / 0 > 1"), "{outreach: {per_week: 140}}",
     "divide by zero"),
]


@pytest.mark.parametrize(("text", "at", "words"), [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN])
def test_broken_pack_is_located(tmp_path: Path, text: str, at: tuple[int, int] | str, words: str) -> None:
    assert_error_at(tmp_path, text, at, words)


MISPLACED = [
    ("cel-literal-block-deeper-continuation", rule(when="|\n      self > 1 &&\n        > params.limit"), "> params"),
    ("cel-plain-multi-line", rule(when="self > 1 &&\n      > params.limit"), "> params"),
]


@pytest.mark.parametrize(("text", "at"), [case[1:] for case in MISPLACED], ids=[case[0] for case in MISPLACED])
def test_multi_line_condition_error_is_located(tmp_path: Path, text: str, at: str) -> None:
    assert_error_at(tmp_path, "rules:\n" + text, at, "extraneous input '>'")


def test_duplicate_id_across_packs(tmp_path: Path) -> None:
    first = write(tmp_path, "rules:\n" + rule(), "a.yaml")
    text = "rules:\n" + rule(id="OUT002") + rule()
    second = write(tmp_path, text, "b.yaml")
    line, column = where(text, "id: OUT001")
    with pytest.raises(RuleFileError) as info:
        read_packs([first, second])
    assert str(info.value) == (
        f"{second.as_posix()}:{line}:{column}: duplicate rule id OUT001 (first at {first.as_posix()}:2:5)"
    )


def test_duplicate_id_within_pack(tmp_path: Path) -> None:
    text = "rules:\n" + rule() + rule()
    assert_error_at(tmp_path, text, (16, 5), "duplicate rule id OUT001 (first at")


def test_missing_pack_file(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="cannot read rule pack"):
        read_packs([tmp_path / "absent.yaml"])


def test_valid_pack_compiles(tmp_path: Path) -> None:
    text = "rules:\n" + rule() + rule(id="OUT002", when="facts.double_week > 250", message="'{facts.double_week}'",
                                      fail="{outreach: {per_week: 140}}", passing="{outreach: {per_week: 10}}")
    text += "informational:\n  - {guidance: S2, reason: not in a plan}\n"
    ruleset = build(write(tmp_path, text))
    assert [rule.id for rule in ruleset.rules] == ["OUT001", "OUT002"]
    assert [compiled.rule.id for compiled in ruleset.evaluator.rules] == ["OUT001", "OUT002"]
    assert ruleset.informational == {"S2": "not in a plan"}
    assert ruleset.rules[0].location.endswith("pack.yaml:2:5")


def test_unselected_rules_are_declared_but_not_compiled(tmp_path: Path) -> None:
    text = "rules:\n" + rule() + rule(id="OUT002", when="self > > 1", message="'{params.nope}'")
    ruleset = build(write(tmp_path, text), overrides=RuleOverrides(selected=lambda rule_id: rule_id != "OUT002"))
    assert [rule.id for rule in ruleset.rules] == ["OUT001", "OUT002"]
    assert [compiled.rule.id for compiled in ruleset.evaluator.rules] == ["OUT001"]


@pytest.mark.parametrize(("overrides", "per_week", "expected"), [
    (RuleOverrides(), 150, [(Severity.WARNING, "150 is above 100", "at most 100 a week")]),
    (RuleOverrides(params={"OUT001": {"limit": 200}}), 150, []),
    (RuleOverrides(params={"OUT001": {"limit": 200}}), 250, [(Severity.WARNING, "250 is above 200", "at most 200 a week")]),
    (RuleOverrides(severities={"OUT001": Severity.ERROR}), 150, [(Severity.ERROR, "150 is above 100", "at most 100 a week")]),
    (RuleOverrides(params={"OTHER": {"limit": 1}}, severities={"OTHER": Severity.INFO}), 150,
     [(Severity.WARNING, "150 is above 100", "at most 100 a week")]),
], ids=["defaults", "param-raised", "param-raised-fires", "severity", "other-rule"])
def test_overrides(tmp_path: Path, overrides: RuleOverrides, per_week: int, expected: list) -> None:
    ruleset = build(write(tmp_path, "rules:\n" + rule()), overrides=overrides)
    document = load_text(f"outreach:\n  per_week: {per_week}\n", "p.plan.yaml")
    findings = ruleset.evaluator.findings(document, strict=True)
    assert [(f.severity, f.message, f.fix) for f in findings] == expected


def test_configured_words_are_read_as_the_categories_are() -> None:
    """A configured word or phrase is compared as `facts.category_words` reads a category: `E-Cigarettes` is `e cigarettes`."""
    from ssi_lint.api import Linter, LintOptions

    plan = {"ads": {"campaigns": [{"offer": {"kind": "service", "category": "vote buying, e-cigarettes & more"}}]}}
    configured = Linter(LintOptions(select=("ADS011",), params={"ADS011": {"words": ["E-Cigarettes"], "unless": ["Vote Buying!"]}}))
    assert [finding.rule_id for finding in configured.check_data(plan)] == ["ADS011"]
    assert configured.effective_params()["ADS011"]["words"] == ["e cigarettes"]
    excused = Linter(LintOptions(select=("ADS011",), params={"ADS011": {"words": ["VOTE"], "unless": ["Vote-Buying"]}}))
    assert not excused.check_data(plan)


def test_configured_field_names_of_a_words_rule_are_kept_as_written() -> None:
    """ADS010 reads the category's words, but its `finance_fields` name targeting fields (`job_titles`): configuring the
    defaults again changes no verdict."""
    from ssi_lint.api import Linter, LintOptions

    plan = {"ads": {"campaigns": [{"offer": {"kind": "service", "category": "crypto", "authorized": True},
                                   "targeting": {"job_titles": ["CFO"]}}]}}
    fields = ["industries", "job_functions", "job_titles"]
    configured = Linter(LintOptions(select=("ADS010",), params={"ADS010": {"finance_fields": fields}}))
    assert configured.effective_params()["ADS010"]["finance_fields"] == fields
    assert not configured.check_data(plan)
