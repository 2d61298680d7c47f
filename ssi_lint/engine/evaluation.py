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

from ssi_lint.engine.conditions import EvaluationError, holds
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
    message: Template
    fix: Template | None
    params: Mapping[str, Any]
    severity: Severity

    def judges(self, unknown: PlanPath, at: PlanPath) -> bool:
        """Whether a finding of this rule at `at` may be about the unknown path.

        True when the path is the node itself, or a child of it (or a plan path)
        that the condition names.
        """
        when = self.rule.when or ""
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
        """Every (rule, node) whose condition holds on the plan."""
        facts = self.facts.compute(plan, strict)
        found = []
        for compiled in self.rules:
            for path, node in select(plan, compiled.selector):
                scope = {"self": node, "plan": plan, "facts": facts, "params": compiled.params}
                try:
                    fired = holds(compiled.program, scope)
                except EvaluationError as exc:
                    if not strict:
                        continue
                    where = format_path(path) or "the plan"
                    raise RuleEvaluationError(f"the condition failed at {where}: {exc}", compiled.rule) from None
                if fired:
                    found.append(Match(compiled, path, scope))
        return found

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


def to_finding(match: Match, document: Document) -> Finding:
    """Render a match's message and fix and place it in the document."""
    compiled = match.compiled
    rule = compiled.rule
    file, position = document.locate(match.path)
    return Finding(
        rule_id=rule.id,
        name=rule.name,
        severity=compiled.severity,
        category=rule.category,
        pillar=rule.pillar,
        message=document.phrase(compiled.message.render(match.scope)),
        file=file,
        line=position.line,
        column=position.column,
        path=format_path(match.path),
        guidance=rule.guidance,
        fix=compiled.fix.render(match.scope) if compiled.fix else None,
    )
