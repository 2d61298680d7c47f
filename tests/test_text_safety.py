"""printable: what a terminal would act on is shown as an escape, everything else is left alone."""

from __future__ import annotations

import pytest

from ssi_lint.text_safety import printable


@pytest.mark.parametrize(("text", "shown"), [
    ("plain text, café, 日本語 😀", "plain text, café, 日本語 😀"),
    ("a\nb\rc\td", "a\\nb\\rc\\td"),
    ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
    ("\x07\x00\x7f\x85\x9b", "\\x07\\x00\\x7f\\x85\\x9b"),
    ("abc\u202edef\u2066\u200f", "abc\\u202edef\\u2066\\u200f"),
    ("line\u2028sep\u2029para", "line\\u2028sep\\u2029para"),
    ("bad\udcffname", "bad\\udcffname"),
])
def test_printable(text: str, shown: str) -> None:
    assert printable(text) == shown


@pytest.mark.slow  # a long fixed workload: every Unicode character
def test_no_character_breaks_a_line() -> None:
    assert not [hex(code) for code in range(0x110000) if len(printable(f"a{chr(code)}b").splitlines()) != 1]
