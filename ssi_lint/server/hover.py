"""Hover text: a finding's rule (why, source, fix, effective params), or a key's schema description."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ssi_lint.model import Document, Finding, PlanPath, Rule, format_path
from ssi_lint.schema import subschema

if TYPE_CHECKING:
    from ssi_lint.api import Linter


def effective_params(linter: Linter, rule: Rule) -> Mapping[str, Any]:
    """The rule's params as this run uses them: defaults with the configuration's values on top."""
    for compiled in linter.ruleset.evaluator.rules:
        if compiled.rule.id == rule.id:
            return compiled.params
    return rule.params


def finding_hover(linter: Linter, finding: Finding, link: str) -> str:
    """Markdown about one finding and the rule behind it."""
    rule = next((item for item in linter.rules if item.id == finding.rule_id), None)
    out = [f"**[{finding.rule_id}]({link})** `{finding.name}` ({finding.severity.label}, {finding.pillar}, {finding.category})", "", finding.message]
    if rule is not None:
        out[0] += f": {rule.title}"
        if rule.rationale:
            out += ["", f"*Why:* {rule.rationale.strip()}"]
        if rule.source:
            out += ["", f"*Source:* {rule.source}"]
    if finding.fix:
        out += ["", f"*Fix:* {finding.fix}"]
    params = effective_params(linter, rule) if rule is not None else {}
    if params:
        out += ["", "*Params:* " + ", ".join(f"`{key}={_value(value)}`" for key, value in params.items())]
    if finding.guidance:
        out += ["", "*Guidance:* " + ", ".join(finding.guidance)]
    return "\n".join(out)


def key_at(document: Document, line: int, column: int) -> PlanPath | None:
    """The path of the mapping key written at a 1-based line and column, if any."""
    for path, position in document.keys.items():
        key = path[-1] if path else None
        if isinstance(key, str) and position.line == line and position.column <= column <= position.column + len(key):
            return path
    return None


def key_hover(schema: dict[str, Any], path: PlanPath) -> str | None:
    """Markdown from the plan schema for the field at a path, or None when the schema says nothing."""
    node = subschema(schema, path)
    if node is None or not node.get("description"):
        return None
    out = [f"**{format_path(path)}**", "", str(node["description"])]
    facts = []
    if "type" in node:
        facts.append(f"type: {' | '.join(node['type']) if isinstance(node['type'], list) else node['type']}")
    for word in ("enum", "default", "minimum", "maximum"):
        if word in node:
            facts.append(f"{word}: {_value(node[word])}")
    if facts:
        out += ["", " · ".join(facts)]
    return "\n".join(out)


def _value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
