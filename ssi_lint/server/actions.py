"""Code actions: suppress a finding with a reason, apply a rule's machine fix, or fix the whole plan.

Every edit is checked before it is offered: the edited text must load to the
same plan (a suppression comment) or to a plan that still loads (a fix).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from lsprotocol import types

from ssi_lint.loading import load_text
from ssi_lint.rewrite import RewriteError, locate, render_scalar
from ssi_lint.server.diagnostics import Locator

if TYPE_CHECKING:
    from ssi_lint.server.analysis import Analysis

REASON = "reason"
"""The placeholder reason a suppression is inserted with, for the user to replace."""
UNSUPPRESSIBLE = ("SUP",)
"""Findings about suppressions cannot be suppressed inline (nor the problems of the file itself, `core_checks.FILE_PROBLEMS`)."""


def suppression_edit(analysis: Analysis, locator: Locator, rule_id: str, line: int) -> types.TextEdit | None:
    """`# ssi-lint: ignore[ID] -- reason` at the end of a 1-based line, or ID added to the line's directive."""
    from ssi_lint.core_checks import is_file_problem
    from ssi_lint.suppressions import find_directives

    document = analysis.document
    lines = locator.yaml_lines  # the lines findings are numbered in
    if rule_id.startswith(UNSUPPRESSIBLE) or is_file_problem(rule_id) or not 0 < line <= len(lines.texts):
        return None
    text = lines.texts[line - 1]
    directives, _ = find_directives("\n".join(lines.texts), document.source)  # numbered as a check numbers them
    existing = next((item for item in directives if item.line == line and not item.file_wide), None)
    if existing is not None:
        if rule_id in existing.rule_ids:
            return None
        start = end = text.index("]", existing.column - 1)
        new_text = f",{rule_id}"
    else:
        start, end = len(text.rstrip()), len(text)
        new_text = f"  # ssi-lint: ignore[{rule_id}] -- {REASON}"
    at = lines.starts[line - 1]
    edited = document.text[: at + start] + new_text + document.text[at + end :]
    if load_text(edited, document.source).data != document.data:
        return None
    return types.TextEdit(types.Range(locator.position(line, start + 1), locator.position(line, end + 1)), new_text)


def fix_edits(analysis: Analysis, locator: Locator, rule_id: str, at: str) -> list[types.TextEdit]:
    """The text edits of the machine fix a finding (rule id, dotted path) offers; empty when it has none."""
    edits = []
    for edit in analysis.fixes:
        if (edit.rule_id, edit.at) != (rule_id, at):
            continue
        try:
            span = locate(analysis.document, edit.path, locator.spans)
            new_text = render_scalar(edit.new, span.style)
        except RewriteError:
            continue
        edits.append(types.TextEdit(types.Range(locator.offset_position(span.start), locator.offset_position(span.end)), new_text))
    return edits


def fix_all_edit(analysis: Analysis, locator: Locator) -> types.TextEdit | None:
    """One edit replacing the whole text with the plan after every machine fix, or None when nothing changes."""
    from ssi_lint.fixing import fix_document

    if analysis.linter is None or not analysis.fixes:
        return None
    fixed = fix_document(analysis.linter, analysis.document)
    if not fixed.changed:
        return None
    whole = types.Range(types.Position(0, 0), locator.offset_position(len(analysis.document.text)))
    return types.TextEdit(whole, fixed.text)
