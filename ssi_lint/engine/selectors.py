"""`given` paths: which nodes of a plan a rule looks at.

`outreach.invitations.per_week` selects one node; `ads.campaigns[*].bid`
selects one node per list element. An empty path selects the whole plan.
Absent keys select nothing, so the rule does not fire.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ssi_lint.model import PlanPath

EACH = None
"""Marks a `[*]` step in a compiled selector."""

Selector = tuple[str | None, ...]

UNSELECTED = "ssi-lint:unselected"
"""The batch's value for a rule whose `given` path is absent (or that is not batched).

Not CEL's null: cel-expr-python hands a null back as Python's None without
counting the reference, and thousands of them would free None itself."""
UNSETTLED = "ssi-lint:unsettled"
"""The batch's value for a rule it cannot judge (a fact the rule names is absent): the rule's own program decides."""


def compile_selector(given: str) -> Selector:
    """Split `a.b[*].c` into steps `('a', 'b', EACH, 'c')`."""
    steps: list[str | None] = []
    for part in given.split(".") if given else ():
        if part.endswith("[*]"):
            steps.extend((part[:-3], EACH))
        else:
            steps.append(part)
    return tuple(steps)


def select(data: Any, selector: Selector) -> list[tuple[PlanPath, Any]]:
    """Every `(path, node)` the selector reaches in data, in document order."""
    if EACH not in selector:  # one path: follow it
        node = _follow(data, selector)
        return [] if node is _ABSENT else [(selector, node)]
    split = selector.index(EACH)
    if EACH in selector[split + 1 :]:
        return list(_walk(data, selector, ()))
    prefix, rest = selector[:split], selector[split + 1 :]
    items = _follow(data, prefix)
    if not isinstance(items, list):
        return []
    found: list[tuple[PlanPath, Any]] = []  # a loop, not a comprehension (a call of its own): most lists hold a few items
    for index, item in enumerate(items):
        node = _follow(item, rest)
        if node is not _ABSENT:
            found.append(((*prefix, index, *rest), node))
    return found


_ABSENT = object()


def _follow(node: Any, steps: Selector) -> Any:
    """The node at the mapping keys `steps`, or _ABSENT."""
    for step in steps:
        if not isinstance(node, dict) or step not in node:
            return _ABSENT
        node = node[step]
    return node


def _walk(node: Any, steps: Selector, path: PlanPath) -> Iterator[tuple[PlanPath, Any]]:
    if not steps:
        yield path, node
        return
    step, rest = steps[0], steps[1:]
    if step is EACH:
        if isinstance(node, list):
            for index, item in enumerate(node):
                yield from _walk(item, rest, (*path, index))
    elif isinstance(node, dict) and step in node:
        yield from _walk(node[step], rest, (*path, step))
