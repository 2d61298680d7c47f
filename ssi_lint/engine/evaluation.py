"""Evaluate compiled rules on one plan: facts first, then every rule's condition.

On a plan that passed schema validation, a failing fact or condition is a bug
in the rule or plugin and raises RuleEvaluationError. On a plan with schema
violations the schema findings already explain the problem, so such failures
only mean that the rule cannot judge this plan.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ssi_lint.engine.conditions import COMPARE, EvaluationError, holds, judge_levels
from ssi_lint.engine.subjects import subject_path
from ssi_lint.engine.selectors import Selector, select
from ssi_lint.engine.templates import Template
from ssi_lint.errors import RuleEvaluationError
from ssi_lint.model import Document, Fact, Finding, PlanPath, Rule, Severity, format_path


@dataclass(frozen=True, slots=True)
class CompiledRule:
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


@dataclass(frozen=True, slots=True)
class Match:
    """A rule whose condition held at one node."""

    compiled: CompiledRule
    path: PlanPath
    scope: Mapping[str, Any]
    severity: Severity
    level: str | None = None
    """The level crossed, in a rule with levels."""


class FactTable:
    """The facts every rule can read, computed once per plan."""

    def __init__(self, facts: tuple[Fact, ...], owners: Mapping[str, str] | None = None) -> None:
        self.facts = facts
        self.names = frozenset(fact.name for fact in facts)
        self.owners = owners or {}
        """Who provides each fact (`plugin 'x' (dist 1.0)`), for error messages."""

    def compute(self, plan: Mapping[str, Any], strict: bool) -> dict[str, Any]:
        """Every fact the plan says enough about (None results are left out)."""
        values: dict[str, Any] = {}
        for fact in self.facts:
            try:
                value = fact.compute(plan)
            except Exception as exc:  # noqa: BLE001 - a fact is third-party code
                if strict:
                    owner = f" (from {self.owners[fact.name]})" if fact.name in self.owners else ""
                    raise RuleEvaluationError(f"fact `{fact.name}`{owner} failed: {type(exc).__name__}: {exc}") from None
                continue
            if value is not None:
                values[fact.name] = value
        return values


class Evaluator:
    """Runs a fixed set of compiled rules on plans."""

    def __init__(self, rules: tuple[CompiledRule, ...], facts: FactTable) -> None:
        self.rules = rules
        self.facts = facts

    def matches(self, plan: Mapping[str, Any], strict: bool) -> list[Match]:
        """Every (rule, node) whose condition holds (or whose measure crosses a level) on the plan."""
        facts = self.facts.compute(plan, strict)
        found = []
        for compiled in self.rules:
            for path, node in select(plan, compiled.selector):
                scope = {"self": node, "plan": plan, "facts": facts, "params": compiled.params}
                try:
                    match = _judge(compiled, path, scope)
                except EvaluationError as exc:
                    if not strict:
                        continue
                    where = format_path(path) or "the plan"
                    raise RuleEvaluationError(f"the condition failed at {where}: {exc}", compiled.rule) from None
                if match is not None:
                    found.append(match)
        return _drop_superseded(found)

    def findings(self, document: Document, strict: bool) -> list[Finding]:
        """The findings for a loaded plan, located through its position index."""
        if document.data is None:
            return []
        try:
            matches = self.matches(document.data, strict)
        except RuleEvaluationError as exc:
            rule = f"rule {exc.rule.id} ({exc.rule.location}): " if exc.rule else ""
            raise RuleEvaluationError(f"{document.source}: {rule}{exc}", exc.rule) from None
        if document.unknown:
            matches = [match for match in matches if not any(match.compiled.judges(path, match.path) for path in document.unknown)]
        return [to_finding(match, document) for match in matches]


def _judge(compiled: CompiledRule, path: PlanPath, scope: dict[str, Any]) -> Match | None:
    """The match of one rule at one node, if its condition holds or its measure crosses a level."""
    if not compiled.levels:
        return Match(compiled, path, scope, compiled.severity) if holds(compiled.program, scope) else None
    values = judge_levels(compiled.program, scope)
    if values is None:
        return None
    measure = values[0]
    for name, level in zip(compiled.levels, values[1:], strict=True):
        if COMPARE[compiled.rule.comparison(name)](measure, level):
            severity = compiled.severity if compiled.fixed_severity else Severity.parse(name)
            return Match(compiled, path, {**scope, "measure": measure, "level": level}, severity, name)
    return None


def _drop_superseded(matches: list[Match]) -> list[Match]:
    """Where a rule supersedes another and both fire, only the more severe speaks (the superseding one on a tie)."""
    pairs = {(match.compiled.rule.id, weaker) for match in matches for weaker in match.compiled.rule.supersedes}
    if not pairs:
        return matches
    worst: dict[str, Severity] = {}
    for match in matches:
        worst[match.compiled.rule.id] = max(worst.get(match.compiled.rule.id, match.severity), match.severity)
    silenced = {weaker if worst[weaker] <= worst[stronger] else stronger for stronger, weaker in pairs if weaker in worst}
    return [match for match in matches if match.compiled.rule.id not in silenced]


def to_finding(match: Match, document: Document) -> Finding:
    """Render a match's message and fix and place it in the document."""
    compiled = match.compiled
    rule = compiled.rule
    path = subject_path(match)
    file, position = document.locate(path)
    return Finding(
        rule_id=rule.id,
        name=rule.name,
        severity=match.severity,
        category=rule.category,
        pillar=rule.pillar,
        message=document.phrase(
            (compiled.message if isinstance(compiled.message, Template) else compiled.message[match.level or ""]).render(match.scope)
        ),
        file=file,
        line=position.line,
        column=position.column,
        path=format_path(path),
        guidance=rule.guidance,
        fix=compiled.fix.render(match.scope) if compiled.fix else None,
    )
