"""Rewrite scalars of a YAML plan in place, keeping everything else byte for byte.

The loader's position index says where each value starts; the YAML scanner
says where that scalar's text ends and how it is quoted. Only that text is
replaced: comments, key order, quoting style, indentation and line endings
stay as they were, and the file is never re-dumped.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Container, Iterable, Mapping
from typing import Any

import yaml
from msgspec import Struct

from ssi_lint.model import Document, PlanPath, Position, format_path

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


class Span(Struct, frozen=True):
    """Where one scalar's text is in the source (character offsets, end exclusive) and its quoting."""

    start: int
    end: int
    style: str | None
    """None for a plain scalar, `'` or `"` when quoted, `|` or `>` for a block."""


class RewriteError(ValueError):
    """A value cannot be rewritten in place (an alias, a block scalar, a position the scanner does not know)."""


def scalar_spans(text: str) -> dict[Position, Span]:
    """Every scalar token of the text by its 1-based start position.

    Scanning stops quietly at a syntax error: later scalars are then unknown.
    """
    spans: dict[Position, Span] = {}
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.ScalarToken):
                mark = token.start_mark
                spans[Position(mark.line + 1, mark.column + 1)] = Span(mark.index, token.end_mark.index, token.style or None)
    except yaml.YAMLError:
        pass
    return spans


def render_scalar(value: Any, style: str | None = None) -> str:
    """A value as YAML scalar text, in the given quoting style when it is a text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise RewriteError(f"{value} cannot be written to a plan")
        return repr(value)
    if not isinstance(value, str):
        raise RewriteError(f"{value!r} is not a scalar")
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if style == '"' or yaml.safe_load(value) != value or value != value.strip() or not value:
        return json.dumps(value, ensure_ascii=False)
    return value


def rewrite(document: Document, changes: Iterable[tuple[PlanPath, Any]], spans: Mapping[Position, Span] | None = None) -> str:
    """The document's text with the scalar at each path replaced by its new value.

    Raises RewriteError when a path has no scalar written where the position
    index says (an alias, a value a loader plugin derived), shares it with
    other paths (an anchored mapping merged or aliased elsewhere) or holds a
    block scalar, whose layout a one-line value would break.
    """
    spans = scalar_spans(document.text) if spans is None else spans
    shared = {position for position, count in Counter(document.values.values()).items() if count > 1}
    replacements: list[tuple[Span, str]] = []
    for path, value in changes:
        span = locate(document, path, spans, shared)
        replacements.append((span, render_scalar(value, span.style)))
    text = document.text
    for span, new in sorted(replacements, key=lambda item: item[0].start, reverse=True):
        text = text[: span.start] + new + text[span.end :]
    return text


def locate(document: Document, path: PlanPath, spans: Mapping[Position, Span], shared: Container[Position] = ()) -> Span:
    """The span of the scalar written at a path; RewriteError when there is none to rewrite.

    A position in `shared` is reached through an alias or a merge key as well,
    so rewriting it would change other paths too.
    """
    position = document.values.get(path)
    span = spans.get(position) if position is not None and not document.files.get(path) else None
    if span is None:
        raise RewriteError(f"{format_path(path)} is not written as a plain value in {document.source}")
    if position in shared:
        raise RewriteError(f"{format_path(path)} is shared with other fields through an anchor")
    if span.style in ("|", ">"):
        raise RewriteError(f"{format_path(path)} is a block scalar")
    return span
