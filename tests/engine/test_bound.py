"""Bound programs: the same findings and errors as each rule's own program, on many plans."""

from __future__ import annotations

import copy
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from msgspec.structs import replace

from ssi_lint.api import Linter
from ssi_lint.engine.bound import (
    BoundRules,
    _guarded,
    bound_text,
    cel_literal,
    node_list,
)
from ssi_lint.engine.conditions import (
    build_environment,
    compile_condition,
    condition_text,
    facts_read,
)
from ssi_lint.engine.evaluation import CompiledRule, Evaluator, FactTable
from ssi_lint.engine.selectors import UNSETTLED, compile_selector
from ssi_lint.engine.templates import parse_template
from ssi_lint.errors import RuleEvaluationError
from ssi_lint.loading import read_document
from ssi_lint.model import Document, Rule, Severity

CORPUS = Path(__file__).parents[1] / "corpus"
EXAMPLES = Path(__file__).parents[2] / "examples"
ENVIRONMENT = build_environment()
ODD_VALUES: tuple[Any, ...] = (None, 0, -3, 2.5, 10**6, "", "text", True, [], [1, "a"], {}, {"x": 1})


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def _plans() -> list[dict[str, Any]]:
    paths = sorted(CORPUS.glob("*.plan.yaml")) + sorted(EXAMPLES.glob("*.plan.yaml"))
    return [dict(document.data) for document in map(read_document, paths) if document.data is not None]


def _paths(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path in a plan, parents before children."""
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in children:
        yield (*path, key)
        yield from _paths(child, (*path, key))


def _mutate(plan: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A copy with a few fields dropped or given values of other types."""
    plan = copy.deepcopy(plan)
    for _ in range(rng.randint(1, 6)):
        paths = list(_paths(plan))
        if not paths:
            break
        *parents, last = rng.choice(paths)
        parent: Any = plan
        for key in parents:
            parent = parent[key]
        if rng.random() < 0.4:
            del parent[last]
        else:
            parent[last] = copy.deepcopy(rng.choice(ODD_VALUES))
    return plan


def _outcome(evaluator: Evaluator, plan: dict[str, Any], strict: bool) -> Any:
    try:
        return [finding.as_dict() for finding in evaluator.findings(Document("p", plan), strict)]
    except RuleEvaluationError as exc:
        return f"error: {exc}"


MUTATIONS = 40
"""Mutated plans checked besides the examples."""


@pytest.mark.slow  # a long fixed workload: every built-in rule over many plans, both ways
@pytest.mark.parametrize("batched", [True, False], ids=["batch", "one-at-a-time"])
def test_bound_and_own_programs_agree_on_many_plans(linter: Linter, batched: bool) -> None:
    own = linter.ruleset.evaluator
    bound = Evaluator(own.rules, own.facts, functions=())
    bound.bind()
    assert bound._bound is not None and bound._bound.batch is not None
    if not batched:
        bound._bound.batch = None
    rng = random.Random(17)
    plans = _plans()
    checked = 0
    for plan in plans + [_mutate(rng.choice(plans), rng) for _ in range(MUTATIONS)]:
        for strict in (True, False):
            assert _outcome(bound, plan, strict) == _outcome(Evaluator(own.rules, own.facts), plan, strict), plan
            checked += 1
    assert checked == 2 * (len(plans) + MUTATIONS)


def test_bound_results_are_used(linter: Linter) -> None:
    """A rule's own program runs only when its bound program errs."""

    class Untouchable:
        def eval(self, **_: Any) -> Any:
            raise AssertionError("the rule's own program ran")

    own = linter.ruleset.evaluator
    rules = tuple(replace(compiled, program=Untouchable()) for compiled in own.rules)
    evaluator = Evaluator(rules, own.facts, functions=())
    evaluator.bind()
    plan = read_document(CORPUS / "plan00.plan.yaml").data
    assert plan is not None
    assert evaluator.matches(plan, strict=True)


def test_evaluator_binds_after_some_plans(linter: Linter) -> None:
    own = linter.ruleset.evaluator
    evaluator = Evaluator(own.rules, own.facts, functions=())
    for _ in range(Evaluator.BIND_AFTER - 1):
        evaluator.matches({}, strict=True)
    assert evaluator._bound is None
    evaluator.matches({}, strict=True)
    assert evaluator._bound is not None
    never = Evaluator(own.rules, own.facts)  # without the run's functions it never binds
    never.bind()
    assert never._bound is None


def test_a_plan_of_many_list_items_binds_at_once_and_is_judged_alike(linter: Linter) -> None:
    """A rule's own program runs once per item and converts its facts each time: a plan of many campaigns binds first."""
    own = linter.ruleset.evaluator
    campaign = {"objective": "website_visits", "daily_budget": 5, "offer": {"kind": "service", "category": "online casino"}}
    plan = {"version": 1, "ads": {"campaigns": [{**campaign, "name": f"C{index}"} for index in range(Evaluator.BIND_ITEMS)]}}
    unbound = Evaluator(own.rules, own.facts)  # without the run's functions it never binds
    evaluator = Evaluator(own.rules, own.facts, functions=())
    small = evaluator.matches({"version": 1, "ads": {"campaigns": [campaign]}}, strict=True)
    assert evaluator._bound is None and small
    found = evaluator.matches(plan, strict=True)
    assert evaluator._bound is not None
    assert [(match.compiled.rule.id, match.path) for match in found] == [
        (match.compiled.rule.id, match.path) for match in unbound.matches(plan, strict=True)
    ]


def test_every_builtin_rule_is_bound_and_batched(linter: Linter) -> None:
    bound = BoundRules(linter.ruleset.evaluator.rules)
    assert [compiled.rule.id for index, compiled in enumerate(linter.ruleset.evaluator.rules) if bound.program(index) is None] == []
    assert all(bound.batched) and bound.batch is not None


@pytest.mark.parametrize(
    ("selector", "plan", "selected"),
    [
        ((), {}, True),
        (("a", "b"), {"a": {"b": 0}}, True),
        (("a", "b"), {"a": {"c": 0}}, False),
        (("a", "b"), {"a": [1]}, False),
        (("a", None, "b"), {"a": [{"b": 1}]}, True),
        (("a", None), {"a": {"b": 1}}, False),
        (("a", None), {"b": []}, False),
    ],
)
def test_selected_guard_agrees_with_select(selector: tuple[Any, ...], plan: dict[str, Any], selected: bool) -> None:
    from ssi_lint.engine.bound import BOUND_VARIABLES, selected_guard
    from ssi_lint.engine.conditions import build_environment

    environment = build_environment((), BOUND_VARIABLES)
    assert environment.compile(selected_guard(selector)).eval(data={"plan": plan}).value() is selected


@pytest.mark.parametrize(
    ("value", "literal"),
    [
        (None, "null"),
        (True, "true"),
        (3, "3"),
        (2.0, "2.0"),
        (1e-05, "1e-05"),
        ("a \"b\"\n", '"a \\"b\\"\\n"'),
        ([1, "x"], '[dyn(1), dyn("x")]'),
        ({"k": [2.5]}, '{"k": dyn([dyn(2.5)])}'),
        (2**64, None),
        (float("nan"), None),
        ({1: "a"}, None),
        (object(), None),
    ],
)
def test_cel_literal(value: Any, literal: str | None) -> None:
    assert cel_literal(value) == literal


def test_literals_evaluate_to_the_same_values() -> None:
    from ssi_lint.engine.conditions import build_environment

    environment = build_environment()
    value = {"n": 1, "f": 0.1, "s": "é ✓ 😀", "l": [1, 2.5, "x", None, True], "m": {"deep": {"x": []}}}
    literal = cel_literal(value)
    assert literal is not None
    assert environment.compile(f"{literal} == params").eval(data={"params": value}).value() is True


@pytest.mark.parametrize("typed", [True, False], ids=["typed", "unchecked"])
def test_literals_evaluate_to_the_same_values_typed_or_not(typed: bool) -> None:
    from ssi_lint.engine.conditions import build_environment

    environment = build_environment()
    value = {"n": 1, "l": [1, 2.5, "x", None, [True]], "m": {"deep": {"x": []}}}
    literal = cel_literal(value, typed)
    assert literal is not None and ("dyn(" in literal) is typed
    assert environment.compile(f"{literal} == params", disable_check=not typed).eval(data={"params": value}).value() is True


def test_the_batch_works_out_each_guard_once_and_calls_no_dyn_of_its_own(linter: Linter) -> None:
    from ssi_lint.engine.bound import batch_text, selected_guard

    rules = linter.ruleset.evaluator.rules
    text = batch_text(rules)
    guards = list(dict.fromkeys(selected_guard(compiled.selector) for compiled in rules))
    assert len(guards) < len(rules)
    head = (  # `plan` and `facts` read from the activation once; the `[*]` rules' node lists selected once
        f"cel.bind(plan, plan, cel.bind(facts, facts, cel.bind(ssi_guards, [{', '.join(guards)}], cel.bind(ssi_nodes, ["
    )
    assert text.startswith(head) and "type(plan" not in text[len(head) :]
    assert "cel.bind(ssi_first, [" in text  # the rules that use cel.bind come first
    walked = {node_list(compiled.selector, typed=False) for compiled in rules if None in compiled.selector}
    filtered = [nodes for nodes in walked if ".filter(" in nodes]
    assert len(filtered) > 1 and all(text.count(nodes) == 1 for nodes in filtered)
    assert text.count("dyn(") == sum(condition_text(compiled.rule).count("dyn(") for compiled in rules)


def test_two_list_steps_keep_the_own_program(linter: Linter) -> None:
    compiled = replace(linter.ruleset.evaluator.rules[0], selector=("a", None, "b", None))
    assert bound_text(compiled) is None


def test_the_batch_program_is_read_back_from_its_snapshot(linter: Linter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ssi_lint import snapshot

    monkeypatch.setenv("SSI_LINT_CACHE_DIR", str(tmp_path))
    rules, functions = linter.ruleset.evaluator.rules, linter.ruleset.evaluator._functions or ()
    plan = _plans()[0]
    facts = linter.ruleset.evaluator.facts.compute(plan, strict=True)  # loads (and keeps) the SSI model first
    first = BoundRules(rules, functions)
    assert list(tmp_path.glob("batch-*.marshal"))
    monkeypatch.setattr(snapshot, "write", lambda *args: pytest.fail("compiled again"))
    second = BoundRules(rules, functions)
    assert second.batch_values(second.activation(plan, facts)) == first.batch_values(first.activation(plan, facts))


def test_a_rule_reading_an_absent_fact_leaves_the_batch_whole(linter: Linter) -> None:
    """`reposts: 0` with no posts leaves `repost_share` absent: that rule is judged on its own, the rest by the batch."""
    plan = {"version": 1, "content": {"per_week": {"reposts": 0}}}
    evaluator = linter.ruleset.evaluator
    bound = BoundRules(evaluator.rules, evaluator._functions or ())
    facts = evaluator.facts.compute(plan, strict=True)
    assert "repost_share" not in facts
    values = bound.batch_values(bound.activation(plan, facts))
    assert values is not None
    index = next(index for index, compiled in enumerate(evaluator.rules) if "facts.repost_share" in (compiled.rule.when or ""))
    assert values[index] == UNSETTLED
    batched = Evaluator(evaluator.rules, evaluator.facts, evaluator._functions)
    batched.bind()
    unbound = Evaluator(evaluator.rules, evaluator.facts)
    assert [(m.compiled.rule.id, m.path) for m in batched.matches(plan, True)] == [(m.compiled.rule.id, m.path) for m in unbound.matches(plan, True)]


@pytest.mark.parametrize(("when", "names"), [
    ("has(facts.repeat)", {"repeat"}),
    ("'simulation' in facts && has(facts.simulation.pending.top)", {"simulation"}),
    ("has(facts.a) && 'b' in facts && facts.a > facts.b", {"a", "b"}),
    ("has(facts.a) || facts.b > 1", set()),  # an alternative, not a guard
    ("has(facts.a) && self > 1 || facts.a > 0", set()),  # `||` binds more loosely: the right side reads it anyway
    ("has(facts.a) && self > 1 ? facts.a : 0", set()),
    ("self > 1 && has(facts.a)", set()),  # a guard after a read is too late
    ("", set()),
])
def test_a_fact_the_condition_tests_first_needs_no_guard_in_the_batch(when: str, names: set[str]) -> None:
    assert _guarded(when) == names


def _rule(rule_id: str, given: str, when: str) -> CompiledRule:
    rule = Rule(id=rule_id, name=rule_id.lower(), title="Test", pillar="brand", category="weak-pillar", severity=Severity.INFO,
                message="{self}", when=when, given=given, guidance=("B1",), file="pack.yaml")
    return CompiledRule(rule, compile_selector(given), compile_condition(ENVIRONMENT, when), parse_template("{self}"), None, {}, rule.severity,
                        reads=facts_read(when))


@pytest.mark.parametrize(("given", "value", "expected"), [("profile", "self.headline", "Founder"), ("profile.skills[*]", "self", "a")])
def test_a_cel_bind_is_not_handed_what_a_sibling_rule_left_behind(given: str, value: str, expected: str) -> None:
    """cel-expr-python can give a `cel.bind` name the item an earlier `exists` stopped at; the batch works such rules out first."""
    stopping = _rule("TST001", "profile", "self.skills.exists(skill, true)")
    binding = _rule("TST002", given, f"cel.bind(text, {value}, text == '{expected}')")
    plan = {"profile": {"headline": "Founder", "skills": ["a", "b", "c"]}}
    own = Evaluator((stopping, binding), FactTable(()))
    batched = Evaluator((stopping, binding), FactTable(()), functions=())
    batched.bind()
    assert batched._bound is not None and all(batched._bound.batched)
    found = [finding.as_dict() for finding in own.findings(Document("p", plan), strict=True)]
    assert [finding.as_dict() for finding in batched.findings(Document("p", plan), strict=True)] == found
    assert {finding["rule_id"] for finding in found} == {"TST001", "TST002"}


@pytest.mark.parametrize(("per_day", "crossed"), [(10, False), (20, False), (21, True), (40, True)])
def test_a_rule_with_levels_is_a_clean_no_in_the_batch_unless_a_level_is_crossed(linter: Linter, per_day: int, crossed: bool) -> None:
    rules = linter.ruleset.evaluator.rules
    index = next(number for number, compiled in enumerate(rules) if compiled.rule.id == "OUT001")
    bound = BoundRules(rules)
    plan = copy.deepcopy(read_document(EXAMPLES / "healthy.plan.yaml").data)
    plan["outreach"]["invitations"]["per_day"] = per_day
    values = bound.batch_values(bound.activation(plan, linter.ruleset.evaluator.facts.compute(plan, True)))
    assert values is not None
    assert (values[index] != []) == crossed


def _sections_left_out(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The plan without each of its sections in turn, and with only each one."""
    for section in plan:
        if section != "version":
            yield {key: value for key, value in plan.items() if key != section}
            yield {"version": plan.get("version", 1), section: plan[section]}


def test_the_batch_holds_on_plans_that_leave_sections_out(linter: Linter) -> None:
    """A built-in condition tests a field with `has()` before it reads it: one missing key would fail the whole batch."""
    evaluator = linter.ruleset.evaluator
    bound = BoundRules(evaluator.rules)
    examples = [dict(read_document(path).data or {}) for path in sorted(EXAMPLES.glob("*.plan.yaml"))]
    plans = [variant for plan in examples for variant in _sections_left_out(plan)]
    failing = [plan for plan in plans if bound.batch_values(bound.activation(plan, evaluator.facts.compute(plan, True))) is None]
    assert len(plans) > 20 and failing == []
