"""Findings as LSP diagnostics: 0-based ranges over the field, mapped severities, a link per rule."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from itertools import accumulate
from pathlib import Path

from lsprotocol import types
from pygls.workspace import PositionCodec, ServerTextPosition

from ssi_lint.model import Document, Finding, PlanPath, Position, Severity
from ssi_lint.rewrite import Span, scalar_spans

SOURCE = "ssi-lint"
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def rules_doc_url() -> str:
    """The rule reference, docs/rules.md: shipped in the package, or beside it in a source tree."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "_docs" / "rules.md"
    return (installed if installed.is_file() else package.parent / "docs" / "rules.md").as_uri()


def rule_url(base: str, rule_id: str) -> str:
    """The link to one rule's section of the reference."""
    return f"{base}#{rule_id.lower()}"


def parse_path(dotted: str) -> PlanPath:
    """`ads.campaigns[0].bid` as `('ads', 'campaigns', 0, 'bid')` (the inverse of format_path)."""
    return tuple(int(index) if index else key for key, index in _STEP.findall(dotted))


def line_starts(text: str) -> list[int]:
    """The offset each line of text starts at; when a line break ends the text, its end starts one more (empty) line."""
    lines = text.splitlines(keepends=True)
    starts = list(accumulate(map(len, lines), initial=0))
    unterminated = bool(lines) and lines[-1].splitlines() == [lines[-1]]
    return starts[:-1] if unterminated else starts


class Locator:
    """Turns ssi-lint's positions in one text into LSP positions in the client's position encoding.

    ssi-lint counts 1-based lines and code point columns (as `check` prints them); the
    client counts 0-based lines and code units of the encoding agreed with it, which
    `codec` (the workspace's, from pygls) converts to. The text is the one analysed:
    a document that does not load keeps none, and its problems still have positions.
    """

    def __init__(self, document: Document, text: str, codec: PositionCodec) -> None:
        self.document = document
        self.codec = codec
        self.lines = text.splitlines()
        self.spans: dict[Position, Span] = scalar_spans(document.text) if document.text else {}
        self._starts = line_starts(text)

    def position(self, line: int, column: int) -> types.Position:
        """The LSP position of a 1-based line and code point column."""
        return self.codec.position_to_client_units(self.lines, ServerTextPosition(line - 1, column - 1))

    def column(self, position: types.Position) -> int:
        """The 1-based code point column of an LSP position (the inverse of `position`)."""
        copy = types.Position(position.line, position.character)  # pygls clamps the position it is given in place
        return self.codec.position_from_client_units(self.lines, copy).character + 1

    def offset_position(self, offset: int) -> types.Position:
        """An LSP position for a character offset into the text."""
        line = bisect.bisect_right(self._starts, offset)
        return self.position(line, offset - self._starts[line - 1] + 1)

    def field_range(self, finding: Finding) -> types.Range:
        """From the field's key to the end of its value when that is a scalar, else to the end of the key."""
        path = self._present(parse_path(finding.path), Position(finding.line, finding.column))
        start = self.position(finding.line, finding.column)
        if path is None:
            return types.Range(start, self._line_end(finding.line, start))
        value = self.document.values.get(path)
        span = self.spans.get(value) if value is not None else None
        if span is not None:
            return types.Range(start, self.offset_position(span.end))
        key = path[-1] if path else None
        if isinstance(key, str):
            return types.Range(start, self.position(finding.line, finding.column + len(key)))
        return types.Range(start, self._line_end(finding.line, start))

    def _present(self, path: PlanPath, at: Position) -> PlanPath | None:
        """The path, or its nearest ancestor, whose key is where the finding is."""
        while path:
            if self.document.keys.get(path) == at:
                return path
            path = path[:-1]
        return None

    def _line_end(self, line: int, start: types.Position) -> types.Position:
        """The end of the line's content (before a comment), at least one character after start."""
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        content = re.sub(r"\s+#.*$", "", text).rstrip()
        end = self.position(line, len(content) + 1)
        return end if end.character > start.character else types.Position(start.line, start.character + 1)


def to_diagnostics(findings: Iterable[Finding], locator: Locator, source: str, docs_url: str) -> list[types.Diagnostic]:
    """The findings of `source` (not those located in other files) as diagnostics."""
    return [
        types.Diagnostic(
            range=locator.field_range(finding),
            message=finding.message + (f"\nFix: {finding.fix}" if finding.fix else ""),
            severity=SEVERITIES[finding.severity],
            code=finding.rule_id,
            code_description=types.CodeDescription(href=rule_url(docs_url, finding.rule_id)),
            source=SOURCE,
            data={"rule_id": finding.rule_id, "path": finding.path, "line": finding.line},
        )
        for finding in findings
        if finding.file == source
    ]


def error_diagnostic(message: str) -> types.Diagnostic:
    """A tool-level failure (bad configuration, broken rule pack) shown at the top of the file (an empty range: valid in
    every position encoding, even before an emoji)."""
    return types.Diagnostic(
        range=types.Range(types.Position(0, 0), types.Position(0, 0)),
        message=f"ssi-lint could not check this file: {message}",
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )


def findings_at(findings: Sequence[Finding], locator: Locator, position: types.Position) -> list[Finding]:
    """The findings whose range covers a position."""
    hits = []
    for finding in findings:
        found = locator.field_range(finding)
        if (found.start.line, found.start.character) <= (position.line, position.character) <= (found.end.line, found.end.character):
            hits.append(finding)
    return hits
