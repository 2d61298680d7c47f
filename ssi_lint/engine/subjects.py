"""Which field a finding is about: the engine points every finding at it.

A rule may name its subject fields (`subject:`), relative to its node, as
`plan.a.b`, or as `facts.x.path`: a fact that names a plan path (for example
the schedule entry of the week a projection crosses a limit), or in a rule
with `among` as `item.path`: the plan path the first item its condition holds
for names (the schedule entry of the first week over a limit). Otherwise the
subject is the first field its condition reads under `self` that the plan
states as a value (not a mapping), else the first such field the plan holds
(a mapping, say `per_month: {}`, whose fields are absent). A finding about an absent field points at
the nearest present parent, and a rule may word it apart (`unstated:`): the
plan not stating a field is not the field being empty.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from ssi_lint.model import AMONG_ITEM, PlanPath, is_mapping, parse_path

if TYPE_CHECKING:
    from ssi_lint.engine.evaluation import Match

_SELF_REFERENCE = r"(?<![\w.])self((?:\.[A-Za-z_]\w*)+)"
_ABSENT = object()


@cache
def read_fields(*texts: str | None) -> tuple[tuple[str, ...], ...]:
    """The `self.a.b` paths the CEL texts read, in order of first appearance, as key tuples."""
    seen: dict[tuple[str, ...], None] = {}
    for text in texts:
        for match in re.finditer(_SELF_REFERENCE, text or ""):
            seen.setdefault(tuple(match.group(1)[1:].split(".")), None)
    return tuple(seen)


def subject_path(match: Match) -> PlanPath:
    """The plan path a finding of this match is about, always present in the plan."""
    rule = match.compiled.rule
    plan = match.scope["plan"]
    if rule.subject:
        first = None  # the first entry that names a path: where a finding points when the plan holds none of them
        for entry in rule.subject:
            candidate = _absolute(entry, match.path, match.scope)
            if candidate is not None:
                if _value(plan, candidate) is not _ABSENT:
                    return candidate
                first = candidate if first is None else first
        return match.path if first is None else _present_prefix(plan, first)
    nearest = match.path  # the first field read that the plan holds, a mapping: where a finding points when none is a value
    for keys in read_fields(rule.when, rule.measure):
        path = (*match.path, *keys)
        depth, node = _reach(plan, path)
        if depth > len(match.path):
            if not is_mapping(node):
                return path[:depth]
            nearest = path[:depth] if nearest == match.path else nearest
    return nearest


def states_subject(match: Match) -> bool:
    """Whether the plan states the field the rule is first about: its first subject entry, else the first field its condition reads under `self`.

    True for a rule that names no such field.
    """
    rule = match.compiled.rule
    if rule.subject:
        first = next((path for entry in rule.subject if (path := _absolute(entry, match.path, match.scope)) is not None), None)
    else:
        fields = read_fields(rule.when, rule.measure)
        first = (*match.path, *fields[0]) if fields else None
    return first is None or _value(match.scope["plan"], first) is not _ABSENT


_NAMING = ("facts", AMONG_ITEM)
"""Subject roots whose value names a plan path: a fact, the `among` item."""


def _absolute(entry: str, at: PlanPath, scope: Mapping[str, Any]) -> PlanPath | None:
    """A subject entry as a plan path: `plan.a.b` is absolute, `facts.x` and `item.x` name one, `a.b` (or `self.a.b`)
    is under the matched node, and `self` is the node itself."""
    keys = _keys(entry)
    if keys[0] in _NAMING:
        named = _value(scope.get(keys[0], {}), keys[1:])
        return parse_path(named) if isinstance(named, str) else None
    if keys[0] == "self":
        return (*at, *keys[1:])
    return keys[1:] if keys[0] == "plan" else (*at, *keys)


@cache
def _keys(entry: str) -> tuple[str, ...]:
    """A subject entry's dotted keys."""
    return tuple(entry.split("."))


def _present_prefix(plan: Any, path: PlanPath) -> PlanPath:
    """The longest prefix of the path that the plan holds."""
    return path[: _reach(plan, path)[0]]


def _reach(plan: Any, path: PlanPath) -> tuple[int, Any]:
    """How many steps of the path the plan holds, and the node the last of them reaches."""
    node = plan
    for depth, key in enumerate(path):
        child = node.get(key, _ABSENT) if type(node) is dict else _step(node, key)  # a dict, the common case, without the call
        if child is _ABSENT:
            return depth, node
        node = child
    return len(path), node


def _value(plan: Any, path: Sequence[str | int]) -> Any:
    node = plan
    for key in path:
        node = node.get(key, _ABSENT) if type(node) is dict else _step(node, key)  # a dict, the common case, without the call
        if node is _ABSENT:
            break
    return node


def _step(node: Any, key: str | int) -> Any:
    """The child of a node that is not a plain dict (`_reach` and `_value` step through those themselves), or _ABSENT."""
    if isinstance(node, list):  # before the abstract-class check: a list is no mapping
        return node[key] if isinstance(key, int) and 0 <= key < len(node) else _ABSENT
    if is_mapping(node):
        return node.get(key, _ABSENT) if key in node else _ABSENT
    return _ABSENT
