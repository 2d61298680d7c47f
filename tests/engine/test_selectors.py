"""`given` selectors: dotted paths with `[*]`; absent keys select nothing."""

from __future__ import annotations

import pytest

from ssi_lint.engine.selectors import EACH, compile_selector, select


@pytest.mark.parametrize(("given", "steps"), [
    ("", ()),
    ("a", ("a",)),
    ("a.b.c", ("a", "b", "c")),
    ("a[*]", ("a", EACH)),
    ("a.b[*].c", ("a", "b", EACH, "c")),
    ("a[*].b[*]", ("a", EACH, "b", EACH)),
], ids=["empty", "one", "dotted", "each", "each-middle", "each-twice"])
def test_compile_selector(given: str, steps: tuple) -> None:
    assert compile_selector(given) == steps


DATA = {
    "a": {"b": [{"c": 1}, {"d": 2}, {"c": 3}]},
    "n": None,
    "s": "text",
    "grid": [{"row": [1, 2]}, {"row": []}, {"row": [3]}],
    "empty": [],
}

SELECTIONS = [
    ("", [((), DATA)]),
    ("a.b", [(("a", "b"), DATA["a"]["b"])]),
    ("a.b[*]", [(("a", "b", 0), {"c": 1}), (("a", "b", 1), {"d": 2}), (("a", "b", 2), {"c": 3})]),
    ("a.b[*].c", [(("a", "b", 0, "c"), 1), (("a", "b", 2, "c"), 3)]),
    ("grid[*].row[*]", [(("grid", 0, "row", 0), 1), (("grid", 0, "row", 1), 2), (("grid", 2, "row", 0), 3)]),
    ("n", [(("n",), None)]),
    ("empty[*]", []),
    ("absent", []),
    ("a.absent.deeper", []),
    ("n.x", []),
    ("s.x", []),
    ("a[*]", []),
    ("a.b.c", []),
    ("s[*]", []),
]


@pytest.mark.parametrize(("given", "expected"), SELECTIONS, ids=[case[0] or "root" for case in SELECTIONS])
def test_select(given: str, expected: list) -> None:
    assert list(select(DATA, compile_selector(given))) == expected


@pytest.mark.parametrize("given", ["", "a", "a.b", "a.b[*]", "a.b[*].c", "grid[*].row", "grid[*].row[*]", "n[*]", "s.x", "empty[*].x", "a[*]"])
def test_select_follows_paths_as_the_walk_does(given: str) -> None:
    from ssi_lint.engine.selectors import _walk

    selector = compile_selector(given)
    assert list(select(DATA, selector)) == list(_walk(DATA, selector, ()))
