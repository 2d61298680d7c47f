"""Evaluating compiled rules on plans: one finding per selected node, strict and lenient modes."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pytest

from ssi_lint.engine.conditions import build_environment, compile_condition, facts_read
from ssi_lint.engine.evaluation import CompiledRule, Evaluator, FactTable
from ssi_lint.engine.selectors import compile_selector
from ssi_lint.engine.templates import parse_template
from ssi_lint.errors import RuleEvaluationError
from ssi_lint.loading import load_text
from ssi_lint.model import Fact, Rule, Severity

ENV = build_environment()


def compiled(given: str, when: str, message: str = "{self}", fix: str | None = None, **params: Any) -> CompiledRule:
    rule = Rule(id="TST001", name="test-rule", title="Test", pillar="ads", category="ads-policy",
                severity=Severity.WARNING, message=message, when=when, given=given, params=params,
                guidance=("A1",), file="pack.yaml")
    return CompiledRule(rule, compile_selector(given), compile_condition(ENV, when), parse_template(message),
                        parse_template(fix) if fix else None, params, rule.severity, reads=facts_read(when))


def evaluator(rule: CompiledRule, *facts: Fact) -> Evaluator:
    return Evaluator((rule,), FactTable(facts))


def fact(name: str, compute: Callable[[Any], Any]) -> Fact:
    return Fact(name, f"the {name}", compute)


PLAN = """\
ads:
  campaigns:
    - name: a
      bid: 9
    - name: b
      bid: 1
    - {name: c, bid: 12}
    - name: d
"""


def test_each_element_gives_its_own_finding_at_its_position() -> None:
    rule = compiled("ads.campaigns[*].bid", "self > params.max", message="{self} over {params.max}", fix="cap at {params.max}", max=5)
    findings = evaluator(rule).findings(load_text(PLAN, "p.plan.yaml"), strict=True)
    assert [(f.path, f.line, f.column, f.message, f.fix) for f in findings] == [
        ("ads.campaigns[0].bid", 4, 7, "9 over 5", "cap at 5"),
        ("ads.campaigns[2].bid", 7, 17, "12 over 5", "cap at 5"),
    ]
    first = findings[0]
    assert (first.rule_id, first.name, first.severity, first.category, first.pillar, first.file, first.guidance) == (
        "TST001", "test-rule", Severity.WARNING, "ads-policy", "ads", "p.plan.yaml", ("A1",))


def test_each_element_itself_points_at_the_list_item() -> None:
    rule = compiled("ads.campaigns[*]", "!has(self.bid)", message="{self.name} has no bid")
    findings = evaluator(rule).findings(load_text(PLAN, "p"), strict=True)
    assert [(f.path, f.line, f.column, f.message) for f in findings] == [("ads.campaigns[3]", 8, 7, "d has no bid")]


@pytest.mark.parametrize(("given", "when"), [
    ("ads.budget", "true"),
    ("ads.campaigns[*].budget", "true"),
    ("outreach.invitations.per_week", "self > 0"),
    ("ads.campaigns[0]", "true"),
], ids=["absent-key", "absent-in-each", "absent-section", "index-is-not-a-key"])
def test_absent_given_path_gives_no_finding(given: str, when: str) -> None:
    assert evaluator(compiled(given, when)).findings(load_text(PLAN, "p"), strict=True) == []


def test_empty_given_selects_the_plan() -> None:
    rule = compiled("", "has(plan.ads) && !has(plan.version)", message="no version")
    findings = evaluator(rule).findings(load_text(PLAN, "p"), strict=True)
    assert [(f.path, f.line, f.column) for f in findings] == [("", 1, 1)]


def test_missing_key_in_condition_means_rule_does_not_apply() -> None:
    rule = compiled("ads", "plan.outreach.per_week > 1")
    assert evaluator(rule).findings(load_text(PLAN, "p"), strict=True) == []


def test_unloadable_document_gives_no_finding() -> None:
    assert evaluator(compiled("", "true")).findings(load_text("- 1\n", "p"), strict=True) == []


def test_evaluation_error_strict_raises_with_rule_and_path() -> None:
    rule = compiled("ads.campaigns[*].name", "self > 1")
    with pytest.raises(RuleEvaluationError, match=r"^p: rule TST001 \(pack.yaml:1:1\): the condition failed at ads.campaigns\[0\].name: .*No matching"):
        evaluator(rule).findings(load_text(PLAN, "p"), strict=True)


def test_evaluation_error_lenient_skips_only_failing_nodes() -> None:
    rule = compiled("ads.campaigns[*]", "10 / (self.bid - 1) >= 0")
    findings = evaluator(rule).findings(load_text(PLAN, "p"), strict=False)
    assert [f.path for f in findings] == ["ads.campaigns[0].bid", "ads.campaigns[2].bid"]


def test_no_rule_speaks_of_a_node_whose_value_breaks_the_schema() -> None:
    document = load_text("outreach: {per_day: 20, per_week: -5}\n", "p")
    about_the_week = compiled("outreach.per_week", "double(self) < double(plan.outreach.per_day) * 2.0")
    from_the_week = compiled("outreach", "self.per_day > 10 && self.per_week < 100")
    invalid = frozenset({("outreach", "per_week")})
    assert evaluator(about_the_week).findings(document, strict=False, invalid=invalid) == []
    assert len(evaluator(about_the_week).findings(document, strict=False)) == 1
    assert [f.path for f in evaluator(from_the_week).findings(document, strict=False, invalid=invalid)] == ["outreach.per_day"]


def test_non_bool_condition_strict_raises() -> None:
    with pytest.raises(RuleEvaluationError, match="not true or false"):
        evaluator(compiled("ads", "1")).matches({"ads": {}}, strict=True)


def _boom(plan: Any) -> Any:
    raise KeyError("campaigns")


def test_failing_fact_strict_raises_naming_it() -> None:
    rule = compiled("", "true")
    with pytest.raises(RuleEvaluationError, match=r"fact `broken` failed: KeyError: 'campaigns'"):
        evaluator(rule, fact("broken", _boom)).matches({}, strict=True)


def test_failing_fact_lenient_is_absent() -> None:
    rule = compiled("", "has(facts.broken)")
    table = FactTable((fact("broken", _boom), fact("fine", lambda plan: 1)))
    assert table.compute({}, strict=False) == {"fine": 1}
    assert Evaluator((rule,), table).matches({}, strict=False) == []


@pytest.mark.parametrize(("value", "fires"), [(None, False), (0, True), (False, True), ([], True)],
                         ids=["none-absent", "zero", "false", "empty-list"])
def test_fact_returning_none_is_absent(value: Any, fires: bool) -> None:
    rule = compiled("", "has(facts.maybe)")
    assert bool(evaluator(rule, fact("maybe", lambda plan: value)).matches({}, strict=True)) is fires


def test_condition_reading_absent_fact_does_not_fire() -> None:
    rule = compiled("", "facts.maybe > 1")
    assert evaluator(rule, fact("maybe", lambda plan: None)).matches({}, strict=True) == []


def test_facts_are_computed_once_per_plan() -> None:
    calls: list[int] = []
    rules = (compiled("ads.campaigns[*]", "facts.n > 0"), compiled("ads", "facts.n > 0"))
    table = FactTable((fact("n", lambda plan: calls.append(1) or 3),))
    matches = Evaluator(rules, table).matches(load_text(PLAN, "p").data, strict=True)
    assert (len(matches), len(calls)) == (5, 1)


def test_message_renders_facts_and_plan() -> None:
    rule = compiled("ads.campaigns[*].bid", "self > facts.avg", message="{self} > {facts.avg:.1f} in {plan.ads.currency}")
    average = fact("avg", lambda plan: 7.0)
    assert evaluator(rule, average).findings(load_text("ads:\n  campaigns: [9]\n", "p"), strict=True) == []
    findings = evaluator(rule, average).findings(load_text("ads:\n  campaigns: [{bid: 9}]\n", "p"), strict=True)
    assert findings[0].message == "9 > 7.0 in (not set)"


def test_deferrable_fact_no_condition_reads_is_computed_only_for_a_message() -> None:
    calls: list[str] = []
    table = FactTable(
        (fact("read", lambda plan: calls.append("read") or 1), fact("shown", lambda plan: calls.append("shown") or "advice"),
         fact("unused", lambda plan: calls.append("unused") or 2)),
        deferrable=frozenset({"read", "shown", "unused"}),
    )
    quiet = compiled("", "facts.read > 5", message="{facts.shown}")
    assert Evaluator((quiet,), table).findings(load_text("a: 1\n", "p"), strict=True) == []
    assert calls == ["read"]  # read by the condition; the others never computed
    calls.clear()
    loud = compiled("", "facts.read > 0", message="{facts.shown}")
    findings = Evaluator((loud,), table).findings(load_text("a: 1\n", "p"), strict=True)
    assert [finding.message for finding in findings] == ["advice"] and calls == ["read", "shown"]


class _Lazy(Mapping[str, int]):
    """A fact value that works its entries out when read (as `advice.PillarAdvice` does)."""

    def __getitem__(self, key: str) -> int:
        return {"a": 1, "b": 2}[key]

    def __iter__(self) -> Iterator[str]:
        return iter(("a", "b"))

    def __len__(self) -> int:
        return 2


def test_a_mapping_fact_reaches_conditions_as_a_dict_and_messages_as_itself() -> None:
    rule = compiled("", "facts.lazy.b == 2", message="{facts.lazy.a}")
    findings = evaluator(rule, fact("lazy", lambda plan: _Lazy())).findings(load_text("a: 1\n", "p"), strict=True)
    assert [finding.message for finding in findings] == ["1"]


def test_plugin_facts_are_always_computed_so_their_failures_show() -> None:
    rule = compiled("", "true")
    with pytest.raises(RuleEvaluationError, match="fact `broken`"):
        Evaluator((rule,), FactTable((fact("broken", _boom),))).matches({}, strict=True)


def _unstated(given: str, when: str, subject: tuple[str, ...] = ()) -> CompiledRule:
    rule = Rule(id="TST001", name="test-rule", title="Test", pillar="brand", category="profile", severity=Severity.WARNING,
                message="no photo (photo: {self.photo})", when=when, given=given, subject=subject,
                unstated="the plan does not say whether there is a photo")
    return CompiledRule(rule, compile_selector(given), compile_condition(ENV, when), parse_template(rule.message), None, {},
                        rule.severity, unstated=parse_template("the plan does not say whether there is a photo"), reads=facts_read(when))


@pytest.mark.parametrize(("text", "message"), [
    ("profile: {headline: x}\n", "the plan does not say whether there is a photo"),
    ("profile: {photo: false}\n", "no photo (photo: false)"),
    ("profile: {photo: null}\n", "no photo (photo: (not set))"),  # stated, as null: the schema speaks to it
])
def test_a_finding_about_a_field_the_plan_leaves_out_takes_the_unstated_message(text: str, message: str) -> None:
    rule = _unstated("profile", "!has(self.photo) || self.photo != true")
    assert [finding.message for finding in evaluator(rule).findings(load_text(text, "p"), strict=False)] == [message]


def test_the_unstated_message_follows_the_first_subject_when_the_rule_names_one() -> None:
    rule = _unstated("profile", "!has(self.photo) || self.photo != true", subject=("picture", "photo"))
    findings = evaluator(rule).findings(load_text("profile: {photo: false}\n", "p"), strict=False)
    assert [(finding.message, finding.path) for finding in findings] == [("the plan does not say whether there is a photo", "profile.photo")]


def test_a_rule_without_an_unstated_message_keeps_its_message() -> None:
    rule = compiled("profile", "!has(self.photo)", message="no photo")
    assert [finding.message for finding in evaluator(rule).findings(load_text("profile: {a: 1}\n", "p"), strict=True)] == ["no photo"]


def test_an_observed_document_words_an_absent_field_as_empty() -> None:
    from msgspec.structs import replace

    document = replace(load_text("profile: {headline: x}\n", "export"), observed="the export")
    findings = evaluator(_unstated("profile", "!has(self.photo) || self.photo != true")).findings(document, strict=False)
    assert [finding.message for finding in findings] == ["The export shows: no photo (photo: (not set))"]


def _unknown(text: str, *paths: tuple[str, ...]) -> Any:
    from msgspec.structs import replace

    return replace(load_text(text, "export"), unknown=frozenset(paths))


def _levelled(given: str, when: str, measure: str, subject: tuple[str, ...] = ()) -> CompiledRule:
    from msgspec.structs import replace

    rule = replace(compiled(given, when).rule, measure=measure, levels={"error": 10}, subject=subject)
    text = f"({when}) ? [double({measure}), double(10)] : []"
    return CompiledRule(rule, compile_selector(given), compile_condition(ENV, text), parse_template("over"), None, {}, Severity.ERROR,
                        ("error",), reads=facts_read(text))


@pytest.mark.parametrize("when", [
    "has(facts.simulation) && facts.simulation.pending.top > 0",  # the word `pending` of a facts path names no plan path
    "'pending' in facts && facts.pending > 0",
    "has(plan.outreach.pending_total) && plan.outreach.pending_total > 0",  # `pending_total` is not `pending`
])
def test_a_word_of_a_facts_path_does_not_silence_a_rule_about_an_unknown_path(when: str) -> None:
    rule = compiled("outreach", when, message="fires")
    plan = {"outreach": {"invitations": {"per_week": 50}, "pending_total": 3}}
    facts = (fact("simulation", lambda plan: {"pending": {"top": 900}}), fact("pending", lambda plan: 900))
    document = _unknown("outreach: {invitations: {per_week: 50}, pending_total: 3}\n", ("outreach", "pending"))
    assert evaluator(rule, *facts).matches(plan, strict=True)
    assert [finding.message for finding in evaluator(rule, *facts).findings(document, strict=True)] == ["fires"]


@pytest.mark.parametrize(("given", "when", "subject"), [
    ("outreach", "!has(self.pending) || self.pending.sent > 0", ()),  # `self.pending` under the rule's node
    ("outreach", "!has(self.pending) || !has(self.pending.sent)", ()),  # a field under the unknown path
    ("", "!has(plan.outreach.pending)", ()),  # an absolute plan path
    ("outreach", "true", ("pending.sent",)),  # a relative subject
    ("outreach.pending", "true", ()),  # the node itself
])
def test_a_rule_naming_a_plan_path_under_an_unknown_one_stays_quiet(given: str, when: str, subject: tuple[str, ...]) -> None:
    from msgspec.structs import replace

    rule = compiled(given, when, message="fires")
    rule = replace(rule, rule=replace(rule.rule, subject=subject))
    text = "outreach: {invitations: {per_week: 50}, pending: {}}\n" if given == "outreach.pending" else "outreach: {invitations: {per_week: 50}}\n"
    assert evaluator(rule).findings(load_text(text, "plan"), strict=True)
    assert evaluator(rule).findings(_unknown(text, ("outreach", "pending")), strict=True) == []


def test_an_absolute_subject_only_says_where_to_point() -> None:
    """SSI006's case on an export: it points at `account.ssi.relationships`, which the export cannot show, but judges
    the estimate (a fact), so an unknown `account.ssi` leaves it speaking, at the nearest field the export has."""
    from msgspec.structs import replace

    rule = compiled("", "has(facts.pending)", message="fires")
    rule = replace(rule, rule=replace(rule.rule, subject=("plan.outreach.pending.sent",)))
    document = _unknown("outreach: {invitations: {per_week: 50}}\n", ("outreach", "pending"))
    [finding] = evaluator(rule, fact("pending", lambda plan: 900)).findings(document, strict=True)
    assert finding.path == "outreach"


def test_a_levelled_rule_measuring_a_fact_is_judged_when_a_plan_path_of_the_same_word_is_unknown() -> None:
    """SIM001's case: `facts.simulation.pending.top` names no plan path, so an unknown `outreach.pending` leaves it speaking."""
    rule = _levelled("outreach", "has(facts.simulation.pending.top)", "facts.simulation.pending.top", ("facts.simulation.path",))
    facts = (fact("simulation", lambda plan: {"pending": {"top": 900}, "path": "outreach.invitations.per_week"}),)
    document = _unknown("outreach: {invitations: {per_week: 50}}\n", ("outreach", "pending"), ("outreach", "pending", "sent"))
    assert [(finding.severity, finding.path) for finding in evaluator(rule, *facts).findings(document, strict=True)] == [
        (Severity.ERROR, "outreach.invitations.per_week")]
