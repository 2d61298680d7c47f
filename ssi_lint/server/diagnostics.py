"""Findings as LSP diagnostics: 0-based ranges over the field, mapped severities, a link per rule."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from lsprotocol import types
from pygls.workspace import PositionCodec, ServerTextPosition

from ssi_lint.loading import YAML_LINE_BREAK
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


CLIENT_LINE_BREAK = re.compile("\r\n|[\r\n]")
"""What an LSP client counts as a line break (the protocol's `\\n`, `\\r\\n` and `\\r`): not YAML's NEL, LS and PS."""


class Lines:
    """A text's lines as one kind of line break makes them: their texts, and the offsets they start and end at."""

    def __init__(self, text: str, line_break: re.Pattern[str]) -> None:
        self.texts = line_break.split(text)
        breaks = list(line_break.finditer(text))
        self.starts = [0, *(found.end() for found in breaks)]
        """Where each line starts; when a line break ends the text, its end starts one more (empty) line."""
        self.ends = [*(found.start() for found in breaks), len(text)]
        """Where each line's content ends (its line break, or the end of the text)."""

    def offset(self, line: int, column: int) -> int:
        """The character offset of a 0-based line and column, kept within the text and the line."""
        line = min(max(line, 0), len(self.starts) - 1)
        return min(self.starts[line] + max(column, 0), self.ends[line])

    def at(self, offset: int) -> tuple[int, int]:
        """The 0-based line and column of a character offset."""
        offset = max(offset, 0)
        line = bisect.bisect_right(self.starts, offset) - 1
        return line, offset - self.starts[line]


class Locator:
    """Turns ssi-lint's positions in one text into LSP positions in the client's position encoding.

    ssi-lint counts 1-based lines as YAML breaks them (NEL, LS and PS too, as `check`
    prints them) and code point columns; the client counts 0-based lines broken at
    LF, CR LF and CR only, and code units of the encoding agreed with it, which
    `codec` (the workspace's, from pygls) converts to. The text is the one analysed:
    a document that does not load keeps none, and its problems still have positions.
    """

    def __init__(self, document: Document, text: str, codec: PositionCodec) -> None:
        self.document = document
        self.codec = codec
        self.yaml_lines = Lines(text, YAML_LINE_BREAK)
        self.client_lines = Lines(text, CLIENT_LINE_BREAK)
        self.spans: dict[Position, Span] = scalar_spans(document.text) if document.text else {}

    def position(self, line: int, column: int) -> types.Position:
        """The LSP position of a 1-based (YAML) line and code point column."""
        return self.offset_position(self.yaml_lines.offset(line - 1, column - 1))

    def located(self, position: types.Position) -> tuple[int, int]:
        """The 1-based (YAML) line and code point column of an LSP position (the inverse of `position`)."""
        copy = types.Position(position.line, position.character)  # pygls clamps the position it is given in place
        server = self.codec.position_from_client_units(self.client_lines.texts, copy)
        line, column = self.yaml_lines.at(self.client_lines.offset(server.line, server.character))
        return line + 1, column + 1

    def offset_position(self, offset: int) -> types.Position:
        """An LSP position for a character offset into the text."""
        line, column = self.client_lines.at(offset)
        return self.codec.position_to_client_units(self.client_lines.texts, ServerTextPosition(line, column))

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
        lines = self.yaml_lines.texts
        text = lines[line - 1] if 0 < line <= len(lines) else ""
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
