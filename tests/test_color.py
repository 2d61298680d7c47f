"""`--color`: always, never, and auto with NO_COLOR / FORCE_COLOR and the terminal."""

from __future__ import annotations

import io

import pytest

from ssi_lint.color import use_color


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("choice", "environ", "terminal", "expected"), [
    ("always", {"NO_COLOR": "1"}, False, True),
    ("never", {"FORCE_COLOR": "1"}, True, False),
    ("auto", {}, True, True),
    ("auto", {}, False, False),
    ("auto", {"NO_COLOR": "1"}, True, False),
    ("auto", {"NO_COLOR": ""}, True, True),
    ("auto", {"FORCE_COLOR": "1"}, False, True),
    ("auto", {"FORCE_COLOR": "0"}, False, False),
    ("auto", {"FORCE_COLOR": "1", "NO_COLOR": "1"}, True, False),
])
def test_use_color(choice: str, environ: dict[str, str], terminal: bool, expected: bool) -> None:
    stream = Terminal() if terminal else io.StringIO()
    assert use_color(choice, stream, environ) is expected


def test_a_file_is_never_a_terminal() -> None:
    assert use_color("auto", None, {}) is False
