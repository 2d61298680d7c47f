"""Suggestions for unknown rule ids: a typo's closest id, or the rule that holds a retired id's level now."""

from __future__ import annotations

from ssi_lint.rule_ids import FOLDED, RETIRED, suggest

KNOWN = ("OUT001", "OUT003", "OUT012", "HYG001", "PRF001", "CNT003")


def test_a_retired_id_points_at_the_rule_with_its_level() -> None:
    assert suggest("OUT002", KNOWN) == "OUT001 (OUT002 is now its error level)"
    assert suggest("hyg003", KNOWN, "`") == "`HYG001` (HYG003 is now its error level)"


def test_a_folded_id_points_at_the_rule_that_holds_its_guidance() -> None:
    assert suggest("cnt006", KNOWN) == 'CNT003 (CNT006, publications in bulk, is folded into it: the article\'s "not in bulk" (I2) is about reposts)'


def test_a_typo_gets_the_closest_id_and_nonsense_nothing() -> None:
    assert suggest("PRF01", KNOWN) == "PRF001"
    assert suggest("ZZZZZZ", KNOWN) is None


def test_every_retired_id_names_a_built_in_rule() -> None:
    from ssi_lint.api import Linter

    known = {rule.id for rule in Linter().rules}
    assert not (set(RETIRED) | set(FOLDED)) & known
    assert {successor for successor, _ in (*RETIRED.values(), *FOLDED.values())} <= known
