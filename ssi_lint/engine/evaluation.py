"""Evaluate compiled rules on one plan: facts first, then every rule's condition.

On a plan that passed schema validation, a failing fact or condition is a bug
in the rule or plugin and raises RuleEvaluationError. On a plan with schema
violations the schema findings already explain the problem, so such failures
only mean that the rule cannot judge this plan.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from ssi_lint.engine.conditions import COMPARE, EvaluationError, boolean, condition_text, failed, levels_of, run, truth
from ssi_lint.engine.facts_table import DeferredFacts, FactTable
from ssi_lint.engine.selectors import EACH, UNSELECTED, Selector, select
from ssi_lint.engine.subjects import states_subject, subject_path
from ssi_lint.engine.templates import Template
from ssi_lint.errors import RuleEvaluationError
from ssi_lint.model import CelFunction, Document, Finding, PlanPath, Rule, Severity, format_path

if TYPE_CHECKING:
    from ssi_lint.engine.bound import BoundProgram, BoundRules


class CompiledRule(Struct, frozen=True):
    """A rule ready to run: its selector, compiled condition, templates and effective settings."""

    rule: Rule
    selector: Selector
    program: Any
    message: Template | Mapping[str, Template]
    """One template, or one per level name."""
    fix: Template | None
    params: Mapping[str, Any]
    severity: Severity
    levels: tuple[str, ...] = ()
    """Level names in the order the program returns their thresholds (most severe first)."""
    fixed_severity: bool = False
    """Configuration set the severity: every level reports at it."""
    autofix: Any = None
    """The compiled machine fix (`ssi_lint.engine.autofix.Autofix`), or None."""
    unstated: Template | None = None
    """The message when the plan does not state the field the finding is about (`Rule.unstated`), or None."""

    def judges(self, unknown: PlanPath, at: PlanPath) -> bool:
        """Whether a finding of this rule at `at` may be about the unknown path.

        True when the path is the node itself, or a child of it (or a plan path)
        that the condition names.
        """
        when = " ".join(text for text in (self.rule.when, self.rule.measure, *self.rule.subject) if text)
        when += " " + " ".join(value for value in self.rule.levels.values() if isinstance(value, str))
        if unknown == at:
            return True
        if unknown[:-1] == at and re.search(rf"\b{re.escape(str(unknown[-1]))}\b", when):
            return True
        return f"plan.{format_path(unknown)}" in when


# gc=False: made by the thousand, and it holds nothing that could refer back to it, so the collector need not track it.
class Match(Struct, frozen=True, gc=False):
    """A rule whose condition held at one node."""

    compiled: CompiledRule
    path: PlanPath
    scope: Mapping[str, Any]
    severity: Severity
    level: str | None = None
    """The level crossed, in a rule with levels."""


class Evaluator:
    """Runs a fixed set of compiled rules on plans.

    With `functions` (the run's CEL functions), the evaluator switches to bound
    programs (see `ssi_lint.engine.bound`) from its BIND_AFTER-th plan on, or
    when `bind()` is called: they cost a compilation once and save a
    conversion of the plan per condition. Without, each rule runs its own program.
    """

    BIND_AFTER = 16
    """Plans after which binding pays: reading the batch program and its slow first run cost ~40 ms, against ~3 ms saved a plan."""

    def __init__(self, rules: tuple[CompiledRule, ...], facts: FactTable, functions: Sequence[CelFunction] | None = None) -> None:
        self.rules = rules
        self.facts = facts
        self._functions = functions
        self._bound: BoundRules | None = None
        self._plans = 0
        self._deferred = _unread(facts.deferrable, rules)

    def bind(self) -> None:
        """Build the bound programs now (say, before forking workers); nothing when binding is off."""
        if self._bound is None and self._functions is not None:
            from ssi_lint.engine.bound import BoundRules

            self._bound = BoundRules(self.rules, self._functions)

    def matches(self, plan: Mapping[str, Any], strict: bool) -> list[Match]:
        """Every (rule, node) whose condition holds (or whose measure crosses a level) on the plan."""
        facts = self.facts.compute(plan, strict, self._deferred)
        shown = DeferredFacts(self.facts, plan, strict, dict(facts), self._deferred) if self._deferred else facts
        self._plans += 1
        if self._plans == self.BIND_AFTER:
            self.bind()
        bound = self._bound
        activation = bound.activation(plan, facts) if bound is not None else None
        batch = bound.batch_values(activation) if bound is not None else None
        found = []
        batched = bound.batched if batch is not None and bound is not None else None
        for index, compiled in enumerate(self.rules):
            in_batch = batched is not None and batched[index]
            # the batch found the `given` path absent, or a clean no at every node (`false`: only a plain rule gives a bool)
            if in_batch and (batch[index] is False or _settled_no(batch[index], compiled)):  # type: ignore[index]
                continue
            selected = list(select(plan, compiled.selector))
            if not selected:
                continue
            if in_batch:
                results = _spread(batch[index], compiled, len(selected))  # type: ignore[index]
            elif bound is not None:
                results = _bound_results(bound.program(index), activation, len(selected))
            else:
                results = None
            for number, (path, node) in enumerate(selected):
                scope = {"self": node, "plan": plan, "facts": facts, "params": compiled.params}
                try:
                    match = _judge(compiled, path, scope, results[number] if results else None)
                except EvaluationError as exc:
                    if not strict:
                        continue
                    where = format_path(path) or "the plan"
                    raise RuleEvaluationError(f"the condition failed at {where}: {exc}", compiled.rule) from None
                if match is not None:
                    if shown is not facts:
                        match.scope["facts"] = shown
                    found.append(match)
        return _drop_superseded(found)

    def findings(self, document: Document, strict: bool, invalid: frozenset[PlanPath] = frozenset()) -> list[Finding]:
        """The findings for a loaded plan, located through its position index.

        No rule speaks of a node among the `invalid` paths, whose values break
        the plan schema: its SCHEMA001 finding already says what is wrong, and
        `per_week: -5` read as a number makes a verdict of nonsense. A rule that
        only reads such a value (and judges a valid node) still speaks, as one
        whose fact falls back on another field does. Nor does a rule speak where
        it judges a field the document's loader names unknown (`Document.unknown`).
        """
        if document.data is None:
            return []
        try:
            matches = self.matches(document.data, strict)
        except RuleEvaluationError as exc:
            rule = f"rule {exc.rule.id} ({exc.rule.location}): " if exc.rule else ""
            raise RuleEvaluationError(f"{document.source}: {rule}{exc}", exc.rule) from None
        if invalid:
            matches = [match for match in matches if match.path not in invalid]
        if document.unknown:
            matches = [match for match in matches if not any(match.compiled.judges(path, match.path) for path in document.unknown)]
        return [to_finding(match, document) for match in matches]


def _unread(deferrable: frozenset[str], rules: Sequence[CompiledRule]) -> frozenset[str]:
    """The deferrable facts no condition reads (all of them are read when a condition indexes `facts[...]`)."""
    if not deferrable:
        return deferrable
    texts = " ".join(condition_text(compiled.rule) for compiled in rules)
    if re.search(r"\bfacts\s*\[", texts):
        return frozenset()
    return deferrable - frozenset(re.findall(r"\w+", texts))


def _bound_results(program: BoundProgram | None, activation: Any, count: int) -> list[Any] | None:
    """The bound program's result for each selected node, or None when the rule's own program must decide."""
    if program is None:
        return None
    try:
        result = program.program.eval(activation)
    except RuntimeError:  # the runtime gave up (its iteration budget): the rule's own program words the error
        return None
    if not program.each:
        return [result]
    if failed(result):
        return None
    items = result.value()
    return items if isinstance(items, list) and len(items) == count else None


def _settled_no(value: Any, compiled: CompiledRule) -> bool:
    """Whether a batch value needs no look at the plan: the path is absent, or the rule clearly fires nowhere.

    A clean no is `false` (`[]` for a rule with levels: its guard failed); a
    `[*]` rule's value is a list of them, one per node its `given` selects
    (the batch filters the list as `select` does), so an empty list is a no too.
    """
    if type(value) is str:
        return value == UNSELECTED
    if EACH in compiled.selector:
        if type(value) is not list:
            return False
        if compiled.levels:
            return all(item == [] for item in value)
        return all(item is False for item in value)
    return value == [] if compiled.levels else value is False


def _spread(value: Any, compiled: CompiledRule, count: int) -> list[Any] | None:
    """A rule's plain batch result, one per selected node (a `[*]` rule's is a list), or None when the counts differ."""
    if EACH not in compiled.selector:
        return [_Plain(value)]
    return [_Plain(item) for item in value] if isinstance(value, list) and len(value) == count else None


class _Plain:
    """A result of the batch program, already plain Python."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


def _judge(compiled: CompiledRule, path: PlanPath, scope: dict[str, Any], result: Any = None) -> Match | None:
    """The match of one rule at one node, if its condition holds or its measure crosses a level.

    `result` is the bound program's CEL result at this node (or the batch's
    plain value); when absent, an error or of the wrong shape, the rule's own
    program decides (and words the error).
    """
    if not compiled.levels:
        verdict = _plain_verdict(result) if isinstance(result, _Plain) else boolean(result) if result is not None else None
        if verdict is None:
            verdict = truth(run(compiled.program, scope))
        return Match(compiled, path, scope, compiled.severity) if verdict else None
    values = _plain_levels(result) if isinstance(result, _Plain) else None
    if values is None:
        if result is None or isinstance(result, _Plain) or failed(result):
            result = run(compiled.program, scope)
        values = levels_of(result)
    if not values:
        return None
    measure = values[0]
    for name, level in zip(compiled.levels, values[1:], strict=True):
        if COMPARE[compiled.rule.comparison(name)](measure, level):
            severity = compiled.severity if compiled.fixed_severity else Severity.parse(name)
            return Match(compiled, path, {**scope, "measure": measure, "level": level}, severity, name)
    return None


def _plain_verdict(result: _Plain) -> bool | None:
    return result.value if isinstance(result.value, bool) else None


def _plain_levels(result: _Plain) -> list[Any] | None:
    """A levelled rule's plain result when it is a list of numbers (empty: the guard failed); None otherwise."""
    values = result.value
    if isinstance(values, list) and all(isinstance(value, int | float) and not isinstance(value, bool) for value in values):
        return values
    return None


def _drop_superseded(matches: list[Match]) -> list[Match]:
    """Where a rule supersedes another and both fire on the same part of the plan, only the more severe speaks.

    The same part: one match's node contains the other's (a campaign's offer
    and its category, `outreach` and `outreach.invitations`), or both point at
    the same field, never two campaigns. On a tie the superseding rule speaks. Matches are settled from
    the most severe down, so a match that is itself silenced silences nothing.
    """
    named = {rule_id for match in matches for rule_id in match.compiled.rule.supersedes}
    if not named:
        return matches
    present = {match.compiled.rule.id for match in matches}
    # Only a match whose rule supersedes, or is superseded by, another can silence or be silenced.
    contested = [match for match in matches if match.compiled.rule.supersedes or match.compiled.rule.id in named]

    def rank(match: Match) -> tuple[int, bool, str]:
        rule = match.compiled.rule
        return (-match.severity, not present.intersection(rule.supersedes), rule.id)

    kept: list[Match] = []
    for match in sorted(contested, key=rank):
        if not any(_supersede(match, other) for other in kept):
            kept.append(match)
    dropped = {id(match) for match in contested}.difference(id(match) for match in kept)
    return [match for match in matches if id(match) not in dropped]


def _supersede(match: Match, other: Match) -> bool:
    """Whether two matches stand in a supersession (either way) about the same part of the plan.

    The same part: one node contains the other, or both findings point at the same field (a new
    account's daily limit and the daily limit of any account, both about `per_day`).
    """
    first, second = match.compiled.rule, other.compiled.rule
    if second.id not in first.supersedes and first.id not in second.supersedes:
        return False
    shorter = min(len(match.path), len(other.path))
    return match.path[:shorter] == other.path[:shorter] or subject_path(match) == subject_path(other)


def to_finding(match: Match, document: Document) -> Finding:
    """Render a match's message and fix and place it in the document."""
    compiled = match.compiled
    rule = compiled.rule
    path = subject_path(match)
    file, position = document.locate(path)
    if compiled.unstated is not None and not document.observed and not states_subject(match):
        message = compiled.unstated
    else:
        message = compiled.message if isinstance(compiled.message, Template) else compiled.message[match.level or ""]
    return Finding(
        rule_id=rule.id,
        name=rule.name,
        severity=match.severity,
        category=rule.category,
        pillar=rule.pillar,
        message=document.phrase(message.render(match.scope)),
        file=file,
        line=position.line,
        column=position.column,
        path=format_path(path),
        guidance=rule.guidance,
        fix=compiled.fix.render(match.scope) if compiled.fix else None,
    )
