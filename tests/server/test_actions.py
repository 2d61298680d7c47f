"""Suppression code actions: none that the suppression would refuse, and their edits in the client's position encoding."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from lsprotocol import types
from pygls.workspace import PositionCodec

from ssi_lint.loading import load_text
from ssi_lint.server.actions import suppression_edit
from ssi_lint.server.diagnostics import Locator

PLAN = "version: 1\nextra: 1\noutreach:\n  invitations:\n    per_day: 30\n"


@pytest.mark.parametrize("rule_id", ["SCHEMA002", "LOAD002", "SUP001"])
def test_no_suppression_is_offered_for_what_cannot_be_suppressed(rule_id: str) -> None:
    analysis = SimpleNamespace(document=load_text(PLAN, "p.plan.yaml"))
    assert suppression_edit(analysis, Locator(analysis.document, PLAN, PositionCodec()), rule_id, 2) is None  # type: ignore[arg-type]


def test_a_rule_finding_gets_one() -> None:
    analysis = SimpleNamespace(document=load_text(PLAN, "p.plan.yaml"))
    edit = suppression_edit(analysis, Locator(analysis.document, PLAN, PositionCodec()), "OUT001", 5)  # type: ignore[arg-type]
    assert edit is not None and edit.new_text == "  # ssi-lint: ignore[OUT001] -- reason"


def test_a_rule_joins_the_line_directive_at_its_bracket_in_the_client_encoding() -> None:
    plan = 'version: 1\nprofile:\n  headline: "🚀 Founder"  # ssi-lint: ignore[PRF008] -- launch\n'
    analysis = SimpleNamespace(document=load_text(plan, "p.plan.yaml"))
    edit = suppression_edit(analysis, Locator(analysis.document, plan, PositionCodec("utf-16")), "PRF001", 3)  # type: ignore[arg-type]
    line = plan.splitlines()[2]
    bracket = len(line[: line.index("]")].encode("utf-16-le")) // 2
    assert edit == types.TextEdit(types.Range(types.Position(2, bracket), types.Position(2, bracket)), ",PRF001")


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\r"])
def test_a_suppression_after_a_yaml_line_break_the_editor_does_not_count_lands_on_the_finding(separator: str) -> None:
    """A headline holding LS (YAML breaks the line there; the editor does not): the edit goes on the finding's line, as text."""
    from ssi_lint.api import Linter

    plan = f'version: 1\nprofile: {{headline: "Founder{separator}at Acme"}}\noutreach:\n  invitations:\n    per_week: 300\n'
    analysis = SimpleNamespace(document=load_text(plan, "p.plan.yaml"))
    [finding] = [item for item in Linter().check_document(analysis.document).findings if item.rule_id == "OUT003"]
    locator = Locator(analysis.document, plan, PositionCodec())
    edit = suppression_edit(analysis, locator, "OUT003", finding.line)  # type: ignore[arg-type]
    client_line = plan.count("\n", 0, plan.index("per_week")) if separator != "\r" else 5
    end = len("    per_week: 300")
    assert edit == types.TextEdit(types.Range(types.Position(client_line, end), types.Position(client_line, end)), "  # ssi-lint: ignore[OUT003] -- reason")
    edited = plan.replace("per_week: 300", "per_week: 300" + edit.new_text)
    assert [item.rule_id for item in Linter().check_document(load_text(edited, "p.plan.yaml")).suppressed] == ["OUT003"]
    again = SimpleNamespace(document=load_text(edited, "p.plan.yaml"))
    joined = suppression_edit(again, Locator(again.document, edited, PositionCodec()), "OUT001", finding.line)  # type: ignore[arg-type]
    assert joined is not None and joined.new_text == ",OUT001"  # the line's directive is found where the check finds it
