"""The identity of a finding: what baselines and CI fingerprints recognise it by from one run to the next.

It never holds a line number, nor the position of a list item, so edits
elsewhere in a plan leave it alone and a different item never takes it over:

- a finding with a plan path is identified by that path, with each list
  index replaced by the item's key where the item has one: a mapping item's
  `name` (or else `week`) when it is a string or whole number that no sibling
  shares (`ads.campaigns[name="Q1 lead gen"].daily_budget`,
  `outreach.schedule[week=2].invitations`); other items keep their index;
- a finding without one (a suppression's SUP finding, a missing section) is
  identified by its message, standalone numbers replaced by `#`, and, when it
  points at a comment (a suppression directive), by that comment's text.

Findings of one file with the same rule id and identity are told apart by order only.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from ssi_lint.loading import YAML_LINE_BREAK
from ssi_lint.model import FileResult, Finding, format_path, is_mapping, parse_path

KEY_FIELDS = ("name", "week")
"""The fields that name a mapping item of a list, in order of preference."""
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)*\b")


class Identity(NamedTuple):
    """What a finding is about: its stable plan path, and for a finding without one, `about` (else empty)."""

    path: str
    about: str


def identity(finding: Finding, result: FileResult) -> Identity:
    """The identity of a finding of `result` (whose `stable_paths` and `text` it reads)."""
    if finding.path:
        return Identity(result.stable_paths.get(finding.path, finding.path), "")
    about = _NUMBER.sub("#", finding.message)
    comment = _comment_at(result.text, finding.line, finding.column)
    return Identity("", f"{about} {comment}" if comment else about)


def stable_paths(data: Mapping[str, Any] | None, findings: Iterable[Finding]) -> dict[str, str]:
    """The stable path of each finding path through a keyed list item (the others are their own)."""
    if data is None:
        return {}
    listed = {finding.path for finding in findings if "[" in finding.path}
    counts: _Counts = {}
    return {path: stable for path in sorted(listed) if (stable := stable_path(data, path, counts)) != path}


_Counts = dict[tuple[int, str], Counter[tuple[type, Any]]]
"""(id of a list, key field) -> how many of its mapping items have each key value (by type and value)."""


def stable_path(data: Mapping[str, Any], path: str, counts: _Counts | None = None) -> str:
    """`path` with each list index replaced by the item's key where it has one (see the module docstring).

    `counts`, shared by the paths of one document, keeps each list's key values
    counted once, however many of its items findings name.
    """
    parts: list[str] = []
    node: Any = data
    for part in parse_path(path):
        if isinstance(part, int):
            key = item_key(node, part, counts) if isinstance(node, list) else None
            parts.append(f"[{key}]" if key is not None else format_path((part,)))
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
        else:
            parts.append(f".{part}" if parts else part)
            node = node.get(part) if is_mapping(node) else None
    return "".join(parts)


def item_key(items: Sequence[Any], index: int, counts: _Counts | None = None) -> str | None:
    """`field=value` naming `items[index]` among its siblings, or None when it has no key of its own."""
    if not 0 <= index < len(items) or not is_mapping(items[index]):
        return None
    for field in KEY_FIELDS:
        value = items[index].get(field)
        if _is_key(value) and _sharing(items, field, counts)[type(value), value] == 1:
            return f"{field}={json.dumps(value, ensure_ascii=False)}"
    return None


def _sharing(items: Sequence[Any], field: str, counts: _Counts | None) -> Counter[tuple[type, Any]]:
    """How many mapping items of `items` have each key value of `field`, by type and value (`1` is not `"1"`, nor `true`)."""
    found = counts.get((id(items), field)) if counts is not None else None
    if found is None:
        found = Counter((type(value), value) for item in items if is_mapping(item) and _is_key(value := item.get(field)))
        if counts is not None:
            counts[id(items), field] = found
    return found


def _is_key(value: Any) -> bool:
    """Whether a value can name an item: a string or a whole number (not a boolean)."""
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


def _comment_at(text: str, line: int, column: int) -> str:
    """The comment starting at a 1-based line and column of the text, whitespace collapsed; empty when there is none."""
    lines = _lines(text)
    if not 1 <= line <= len(lines) or column < 1:
        return ""
    rest = lines[line - 1][column - 1 :]
    return " ".join(rest.split()) if rest.startswith("#") else ""


@lru_cache(maxsize=2)
def _lines(text: str) -> list[str]:
    """The lines of a text, numbered as the findings' lines are; split once for all the findings of a file."""
    return YAML_LINE_BREAK.split(text)
