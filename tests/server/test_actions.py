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
