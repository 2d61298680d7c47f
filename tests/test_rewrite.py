"""In-place scalar rewriting: only the value's characters change, quoting is kept."""

from __future__ import annotations

import pytest

from ssi_lint.loading import load_text
from ssi_lint.rewrite import RewriteError, render_scalar, rewrite


def change(text: str, path: tuple[str | int, ...], value: object) -> str:
    return rewrite(load_text(text, "p.yaml"), [(path, value)])


@pytest.mark.parametrize(
    ("text", "path", "value", "expected"),
    [
        ("a:\n  b: 30  # c\n", ("a", "b"), 20, "a:\n  b: 20  # c\n"),
        ("a: {b: 30, c: 1}\n", ("a", "b"), 20, "a: {b: 20, c: 1}\n"),
        ("a:\n  - 5\n  - 6\n", ("a", 1), 10, "a:\n  - 5\n  - 10\n"),
        ("a: 'x y'\n", ("a",), "it's", "a: 'it''s'\n"),
        ('a: "x"\n', ("a",), "y", 'a: "y"\n'),
        ("a: x\n", ("a",), "yes", 'a: "yes"\n'),
        ("a: x\n", ("a",), "fine", "a: fine\n"),
        ("a: 1.5\n", ("a",), 0.25, "a: 0.25\n"),
        ("a: false\n", ("a",), True, "a: true\n"),
        ("a: 1\r\nb: 2 # n\r\n", ("b",), 3, "a: 1\r\nb: 3 # n\r\n"),
        ("a: 300\nb: 4\n", ("a",), 2, "a: 2\nb: 4\n"),
    ],
)
def test_only_the_value_changes(text: str, path: tuple[str | int, ...], value: object, expected: str) -> None:
    assert change(text, path, value) == expected


def test_several_values_in_one_line() -> None:
    document = load_text("a: {b: 100, c: 200}\n", "p.yaml")
    assert rewrite(document, [(("a", "b"), 1), (("a", "c"), 2)]) == "a: {b: 1, c: 2}\n"


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("a: &x 30\nb: *x\n", ("a",)),
        ("a: &x 30\nb: *x\n", ("b",)),
        ("a: |\n  text\n", ("a",)),
        ("base: &b {n: 1}\nc:\n  <<: *b\n", ("c", "n")),
        ("a: &x {n: 1}\nb: *x\n", ("a", "n")),
    ],
)
def test_values_not_written_plainly_are_refused(text: str, path: tuple[str | int, ...]) -> None:
    with pytest.raises(RewriteError):
        change(text, path, 1)


def test_only_finite_scalars_render() -> None:
    with pytest.raises(RewriteError):
        render_scalar(float("inf"))
    with pytest.raises(RewriteError):
        render_scalar([1])
