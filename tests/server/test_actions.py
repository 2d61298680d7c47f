"""Code actions offer no suppression that the suppression would refuse."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from ssi_lint.loading import load_text
from ssi_lint.server.actions import suppression_edit

PLAN = "version: 1\nextra: 1\noutreach:\n  invitations:\n    per_day: 30\n"


@pytest.mark.parametrize("rule_id", ["SCHEMA002", "LOAD002", "SUP001"])
def test_no_suppression_is_offered_for_what_cannot_be_suppressed(rule_id: str) -> None:
    analysis = SimpleNamespace(document=load_text(PLAN, "p.plan.yaml"))
    assert suppression_edit(analysis, rule_id, 2) is None  # type: ignore[arg-type]


def test_a_rule_finding_gets_one() -> None:
    analysis = SimpleNamespace(document=load_text(PLAN, "p.plan.yaml"))
    edit = suppression_edit(analysis, "OUT001", 5)  # type: ignore[arg-type]
    assert edit is not None and edit.new_text == "  # ssi-lint: ignore[OUT001] -- reason"
