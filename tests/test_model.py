"""The plan model's helpers that rules and configuration share."""

from __future__ import annotations

import pytest

from ssi_lint.model import Rule, Severity, as_words, words_param

READS_WORDS = "facts.category_listed[self.category].exists(word, word in params.words && !(word in params.unless))"


def rule(when: str) -> Rule:
    return Rule("ADS099", "listed", "t", "brand", "ads-policy", Severity.ERROR, "m", when)


def test_as_words_reads_any_run_of_other_characters_as_one_space() -> None:
    assert as_words("  E-Cigarettes & VAPES_2 ") == "e cigarettes vapes 2"


@pytest.mark.parametrize(
    ("when", "default", "expected"),
    [
        (READS_WORDS, ["crypto", "visa lottery"], True),
        (READS_WORDS, [], True),  # `unless: []`: words, once configured
        (READS_WORDS, ["job_titles"], False),  # names a condition looks up as written
        (READS_WORDS, "crypto", False),
        ("self.category in params.words", ["crypto"], False),  # reads no words fact: compared as written
    ],
)
def test_words_param(when: str, default: object, expected: bool) -> None:
    assert words_param(rule(when), default) is expected
