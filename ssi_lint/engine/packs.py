"""Read rule packs: YAML files validated against the rule-pack schema.

Every problem in a pack (bad YAML, a schema violation) raises RuleFileError
with `file:line:col`, so a broken pack can never silently weaken a check.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from msgspec import Struct

from ssi_lint.errors import RuleFileError
from ssi_lint.loading import load_bytes
from ssi_lint.model import Document, PlanPath, Position, Rule, Severity
from ssi_lint.reading import UnreadableInput, read_bytes
from ssi_lint.schema import RULES_SCHEMA, load_schema
from ssi_lint.validation import SchemaChecker


class Pack(Struct, frozen=True):
    """The rules of one pack file, the guidance it lists as informational, and its positions."""

    path: Path
    rules: tuple[Rule, ...]
    informational: Mapping[str, str]
    document: Document
    lines: tuple[str, ...]

    def field_position(self, index: int, *keys: str | int, value: bool = True) -> Position:
        """Where a field of the index-th rule is (its value by default, else its key)."""
        path: PlanPath = ("rules", index, *keys)
        index_map = self.document.values if value else self.document.keys
        return index_map.get(path) or self.document.position(path)

    def locate(self, position: Position) -> str:
        """`file:line:col` for a position in this pack."""
        return f"{self.path.as_posix()}:{position.line}:{position.column}"


@cache
def _checker() -> SchemaChecker:
    return SchemaChecker(load_schema(RULES_SCHEMA), "RULEPACK", "RULEPACK")


def read_pack(path: Path) -> Pack:
    """Load and validate one rule pack file."""
    display = path.as_posix()
    try:
        raw = read_bytes(path)
    except UnreadableInput as exc:
        raise RuleFileError(f"{display}: cannot read rule pack: {exc}") from None
    document = load_bytes(raw, display)
    problems = list(document.problems)
    if document.data is not None:
        problems.extend(_checker().problems(document))
    if problems:
        first = min(problems, key=lambda problem: (problem.position.line, problem.position.column))
        where = f"{display}:{first.position.line}:{first.position.column}"
        raise RuleFileError(f"{where}: invalid rule pack: {first.message}")
    if document.data is None:  # pragma: no cover - a None document always has a problem
        raise RuleFileError(f"{display}: invalid rule pack")
    return pack_from_data(path, document.data, rule_positions(document), document, tuple(raw.decode("utf-8", "replace").splitlines()))


def rule_positions(document: Document) -> list[Position]:
    """Where each rule of a pack document starts."""
    rules = document.data.get("rules", ()) if isinstance(document.data, Mapping) else ()
    return [document.keys.get(("rules", index), Position(1, 1)) for index in range(len(rules))]


def pack_from_data(
    path: Path, data: Mapping[str, Any], positions: list[Position], document: Document | None = None, lines: tuple[str, ...] = ()
) -> Pack:
    """A Pack from a validated pack's data and its rules' positions (the cache keeps only these)."""
    display = path.as_posix()
    rules = tuple(_rule(item, display, positions[index]) for index, item in enumerate(data.get("rules", ())))
    informational = {entry["guidance"]: entry["reason"] for entry in data.get("informational", ())}
    return Pack(path, rules, informational, document or Document(display, None), lines)


SEVERITIES = ("error", "warning", "info")
"""Level names, most severe first: the order levels are judged in."""


def _rule(item: Mapping[str, Any], file: str, position: Position) -> Rule:
    examples = item["examples"]
    levels = {name: item["levels"][name] for name in SEVERITIES if name in item.get("levels", {})}
    numeric = {name: value for name, value in levels.items() if not isinstance(value, str)}
    params = dict(item.get("params", {}))
    if numeric:
        params["levels"] = numeric
    severity = item.get("severity") or next(iter(levels))
    return Rule(
        id=item["id"],
        name=item["name"],
        title=item["title"],
        pillar=item["pillar"],
        category=item["category"],
        severity=Severity.parse(severity),
        message=item["message"],
        when=item.get("when"),
        given=item.get("given", ""),
        params=params,
        guidance=tuple(item.get("guidance", ())),
        source=item.get("source", ""),
        rationale=item.get("rationale", ""),
        fix=item.get("fix"),
        unstated=item.get("unstated"),
        examples={kind: tuple(examples[kind]) for kind in ("fail", "pass", *SEVERITIES) if kind in examples},
        file=file,
        position=position,
        levels=levels,
        measure=item.get("measure"),
        compare=item.get("compare", ">"),
        subject=tuple(item.get("subject", ())),
        supersedes=tuple(item.get("supersedes", ())),
        autofix=item.get("autofix"),
        among=item.get("among"),
        params_from=item.get("params_from", ""),
        risk=item.get("risk", ""),
    )
