"""Make text safe to print: control characters and bidirectional overrides become visible escapes.

A key or a file name may hold an escape sequence that recolours or clears the
terminal, a line break that fakes a finding line, or a bidirectional override
that shows text in a different order than it is stored. Every human-readable
format passes plan-controlled text through `printable` first.
"""

from __future__ import annotations

import re
from functools import cache

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_UNSAFE = "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
"""Control, bidirectional-override and lone-surrogate characters (compiling it costs more than most runs print)."""


def printable(text: str, *, line_breaks: bool = False) -> str:
    """`text` with control, bidi-override and lone-surrogate characters written as `\\n`, `\\x1b`, `\\u202e`, ...

    With `line_breaks`, CR and LF are left as they are, for a format that writes them its own way (Markdown's `<br>`,
    GitHub's `%0A`).
    """
    if text.isascii() and text.isprintable():  # no control character: nothing to escape
        return text
    return _unsafe(line_breaks).sub(_escape, text)


@cache
def _unsafe(line_breaks: bool = False) -> re.Pattern[str]:
    return re.compile(_UNSAFE.replace("\x00-\x1f", "\x00-\x09\x0b\x0c\x0e-\x1f") if line_breaks else _UNSAFE)


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"
