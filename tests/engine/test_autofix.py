"""Machine fixes in rule packs: compiled with the condition, checked on the fail examples, safe by construction."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ssi_lint.api import Linter, LintOptions
from ssi_lint.engine.autofix import declines, edits
from ssi_lint.engine.ruleset import build_ruleset, read_packs
from ssi_lint.errors import RuleFileError
from ssi_lint.loading import load_text

HEAD = """\
rules:
  - id: TST001
    name: daily-over
    title: Daily invitations above a limit
    pillar: relationships
    category: spam-risk
    severity: warning
    given: outreach.invitations
    when: self.per_day > params.limit
    params: {limit: 20}
    message: "{self.per_day} a day"
"""
EXAMPLES = """\
    examples:
      fail: [{outreach: {invitations: {per_day: 30}}}]
      pass: [{outreach: {invitations: {per_day: 10}}}]
"""


def pack(tmp_path: Path, autofix: str, examples: str = EXAMPLES, when: str = "") -> Path:
    path = tmp_path / "team.yaml"
    head = HEAD.replace("when: self.per_day > params.limit", f"when: {when}") if when else HEAD
    path.write_text(head + autofix + examples)
    return path


def fixes(path: Path, plan: dict[str, Any]) -> list[tuple[tuple[str | int, ...], Any, Any]]:
    ruleset = build_ruleset(read_packs([path]), facts=())
    return [(edit.path, edit.old, edit.new) for edit in edits(ruleset.evaluator.matches(plan, strict=True), plan)]


def test_relative_field_is_rewritten(tmp_path: Path) -> None:
    path = pack(tmp_path, '    autofix: {field: per_day, value: "math.least(self.per_day, params.limit)"}\n')
    assert fixes(path, {"outreach": {"invitations": {"per_day": 33}}}) == [(("outreach", "invitations", "per_day"), 33, 20)]


def test_absolute_field_and_the_plan_in_scope(tmp_path: Path) -> None:
    path = pack(tmp_path, '    autofix: {field: plan.outreach.invitations.per_day, value: "params.limit"}\n')
    assert fixes(path, {"outreach": {"invitations": {"per_day": 33}}}) == [(("outreach", "invitations", "per_day"), 33, 20)]


def test_a_fix_never_adds_a_field(tmp_path: Path) -> None:
    when = '"(has(self.per_day) ? self.per_day : 30) > params.limit"'  # an absent daily volume is judged as 30
    path = pack(tmp_path, '    autofix: {field: per_day, value: "params.limit"}\n', when=when)
    assert fixes(path, {"outreach": {"invitations": {"per_week": 150}}}) == []


def test_a_number_replaces_a_number(tmp_path: Path) -> None:
    path = pack(tmp_path, '    autofix: {field: per_day, value: "params.limit"}\n')
    assert fixes(path, {"outreach": {"invitations": {"per_day": 30.5}}})[0][2] == 20


def test_a_whole_number_double_stays_an_integer(tmp_path: Path) -> None:
    path = pack(tmp_path, '    autofix: {field: per_day, value: "double(params.limit)"}\n')
    new = fixes(path, {"outreach": {"invitations": {"per_day": 30}}})[0][2]
    assert (new, type(new)) == (20, int)


def test_an_autofix_that_does_not_compile_is_located(tmp_path: Path) -> None:
    path = pack(tmp_path, '    autofix: {field: per_day, value: "self.per_day +"}\n')
    with pytest.raises(RuleFileError) as info:
        read = read_packs([path])
        build_ruleset(read, facts=())
    text = path.read_text()
    line = text[: text.index("self.per_day +")].count("\n") + 1
    assert str(info.value).startswith(f"{path.as_posix()}:{line}:"), str(info.value)
    assert "TST001: autofix value:" in str(info.value)


@pytest.mark.parametrize(
    ("autofix", "problem"),
    [
        ('    autofix: {field: per_day, value: "params.limit + 1"}\n', "still fires after its autofix"),
        ('    autofix: {field: per_day, value: "self.per_day"}\n', "its autofix changes nothing"),
        ('    autofix: {field: per_day, value: "\'twenty\'"}\n', "its autofix changes nothing"),
    ],
)
def test_the_fail_examples_prove_the_fix(tmp_path: Path, autofix: str, problem: str) -> None:
    path = pack(tmp_path, autofix)
    with pytest.raises(RuleFileError, match=f"TST001: fail example 1 {problem}"):
        build_ruleset(read_packs([path]), facts=())


def test_the_rule_pack_schema_rejects_unknown_autofix_keys(tmp_path: Path) -> None:
    path = pack(tmp_path, '    autofix: {field: per_day, value: "1", when: "true"}\n')
    with pytest.raises(RuleFileError, match="invalid rule pack"):
        read_packs([path])


def test_autofix_survives_the_rule_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSI_LINT_CACHE_DIR", str(tmp_path / "cache"))
    path = pack(tmp_path, '    autofix: {field: per_day, value: "params.limit"}\n')
    document = load_text("version: 1\noutreach:\n  invitations:\n    per_day: 30\n", "p.plan.yaml")
    for _ in range(2):  # the second Linter reads the cache written by the first
        linter = Linter(LintOptions(select=("TST",), rule_packs=(path,)))
        found = linter.fixes(document, linter.check_document(document))
        assert [(edit.rule_id, edit.new) for edit in found] == [("TST001", 20)]
    assert list((tmp_path / "cache").glob("rules-*.marshal"))


# Every built-in machine fix, reviewed: "lower" may only lower a volume or a horizon,
# "minimum" may only raise spend to exactly the rule's minimum.
BUILTIN_FIXES = {"OUT001": "lower", "OUT006": "lower", "PLN005": "lower", "ADS001": "minimum"}


def test_builtin_fixes_are_reviewed_and_safe_on_their_examples() -> None:
    linter = Linter(LintOptions(check_examples=True))
    with_fix = {compiled.rule.id: compiled for compiled in linter.ruleset.evaluator.rules if compiled.autofix is not None}
    assert set(with_fix) == set(BUILTIN_FIXES), "a new built-in autofix needs a review entry here"
    for rule_id, compiled in with_fix.items():
        firing = [example for kind, examples in compiled.rule.examples.items() if kind != "pass" for example in examples]
        for example in firing:
            matches = linter.ruleset.evaluator.matches(example, strict=True)
            found = [edit for edit in edits(matches, example) if edit.rule_id == rule_id]
            assert found or all(declines(compiled.autofix, match) for match in matches if match.compiled.rule.id == rule_id), (rule_id, example)
            for edit in found:
                if BUILTIN_FIXES[rule_id] == "lower":
                    assert edit.new < edit.old, (rule_id, edit)
                else:
                    currency = (example["ads"]["campaigns"][edit.path[2]].get("bidding") or {}).get("currency", "USD")
                    assert edit.new == compiled.params["min_daily_budget"][currency] > edit.old, (rule_id, edit)


DECLINES = '    autofix: {field: per_day, value: "self.per_day > 100 ? null : params.limit"}\n'


def test_a_null_value_declines_and_a_declined_fail_example_is_no_problem(tmp_path: Path) -> None:
    examples = EXAMPLES.replace("fail: [{outreach: {invitations: {per_day: 30}}}]",
                                "fail: [{outreach: {invitations: {per_day: 30}}}, {outreach: {invitations: {per_day: 300}}}]")
    path = pack(tmp_path, DECLINES, examples)
    assert fixes(path, {"outreach": {"invitations": {"per_day": 300}}}) == []
    assert fixes(path, {"outreach": {"invitations": {"per_day": 30}}}) == [(("outreach", "invitations", "per_day"), 30, 20)]


def test_an_autofix_that_mends_no_fail_example_is_a_rule_file_error(tmp_path: Path) -> None:
    path = pack(tmp_path, DECLINES, EXAMPLES.replace("per_day: 30", "per_day: 300"))
    with pytest.raises(RuleFileError, match="TST001: its autofix mends none of its fail examples"):
        build_ruleset(read_packs([path]), facts=())


def test_explain_shows_the_machine_fix() -> None:
    from ssi_lint.rule_docs import explain

    text = explain(Linter().rules, "ADS001")
    assert "Machine fix (--fix): daily_budget becomes params.min_daily_budget" in text


def test_an_autofix_reads_facts_no_condition_reads(tmp_path: Path) -> None:
    # a fact no condition reads is computed only when a message asks, unless an autofix reads it
    path = pack(tmp_path, '    autofix: {field: per_day, value: "facts.active_days_per_week > 0 ? params.limit : null"}\n')
    document = load_text("version: 1\noutreach:\n  invitations: {per_day: 30}\n", "p.plan.yaml")
    linter = Linter(LintOptions(select=("TST",), rule_packs=(path,), plugin_packs=False))
    assert [(edit.rule_id, edit.new) for edit in linter.fixes(document, linter.check_document(document))] == [("TST001", 20)]
