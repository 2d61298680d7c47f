"""Positions looked up in the node tree give what an index built during the walk would.

The reference below is the eager index ssi-lint used to build: every key or list
item the data walk passes writes `path -> mark`, a later write replacing an
earlier one (duplicate keys, `<<` merges, aliases), and the root is written last.
"""

from __future__ import annotations

import pickle
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ssi_lint.loading import load_text
from ssi_lint.model import Position

_MERGE = "tag:yaml.org,2002:merge"


def eager_index(text: str) -> tuple[dict[Any, Position], dict[Any, Position]]:
    """(keys, values) as the walk indexed them, for a text that loads as a plan."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    keys: dict[Any, Position] = {}
    values: dict[Any, Position] = {}

    def at(mark: Any) -> Position:
        return Position(mark.line + 1, mark.column + 1)

    def walk(node: yaml.Node, path: tuple[Any, ...]) -> None:
        if isinstance(node, yaml.SequenceNode):
            for index, child in enumerate(node.value):
                keys[(*path, index)] = values[(*path, index)] = at(child.start_mark)
                walk(child, (*path, index))
        elif isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.tag == _MERGE:
                    sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                    for source in reversed(sources):
                        walk(source, path)
            for key_node, value_node in node.value:
                if key_node.tag == _MERGE or not isinstance(key_node, yaml.ScalarNode):
                    continue
                keys[(*path, key_node.value)] = at(key_node.start_mark)
                values[(*path, key_node.value)] = at(value_node.start_mark)
                walk(value_node, (*path, key_node.value))

    walk(root, ())
    keys[()] = values[()] = at(root.start_mark)
    return keys, values


def assert_same(text: str) -> None:
    document = load_text(text, "p.plan.yaml")
    if document.data is None:
        return
    keys, values = eager_index(text)
    probes = [*keys, *((*path, step) for path in keys for step in ("zz", 0, 1, 2, True, 1.0, -1, "0"))]
    # Looked up one by one, before anything lists the whole index ...
    fresh = load_text(text, "p.plan.yaml")
    for path in probes:
        assert fresh.keys.get(path) == keys.get(path), path
        assert fresh.values.get(path) == values.get(path), path
        assert (path in fresh.keys) == (path in keys)
    # ... and listed: the same paths in the same order.
    assert list(document.keys.items()) == list(keys.items())
    assert list(document.values.items()) == list(values.items())
    assert len(document.keys) == len(keys)
    assert document.keys == keys and document.values == values
    for path in probes:  # after listing, the answers come from the index
        assert document.keys.get(path) == keys.get(path)
        assert document.values.get(path) == values.get(path)


NAMES = st.sampled_from(["a", "b", "c", "<<"])
SCALARS = st.sampled_from(["1", "x", "'q'", "true", "~", "2.5"])


@st.composite
def plans(draw: st.DrawFn) -> str:
    """Block YAML with nested mappings and lists, duplicate keys, anchors, aliases and merges."""
    anchors: list[str] = []  # defined: aliases may name them
    reserved: list[str] = []  # being defined (an alias inside would be a cycle)

    def value(indent: int, depth: int) -> list[str]:
        choice = draw(st.integers(0, 5 if depth < 3 else 1))
        anchor = ""
        if draw(st.booleans()) and choice >= 2:
            anchor = f"&n{len(anchors) + len(reserved)} "
            reserved.append(anchor)
        if choice == 0:
            return [f" {draw(SCALARS)}"]
        if choice == 1 and anchors:
            return [f" *{draw(st.sampled_from(anchors))}"]
        if choice == 1:
            return [" 0"]
        if choice == 5 and anchors:
            names = draw(st.lists(st.sampled_from(anchors), min_size=1, max_size=2))
            return [f" [{', '.join('*' + name for name in names)}]"]
        body: list[str] = []
        if choice in (2, 5):
            body = mapping(indent + 2, depth + 1)
        else:
            for _ in range(draw(st.integers(1, 3))):
                item = mapping(indent + 4, depth + 1) if draw(st.booleans()) else [f"{' ' * (indent + 2)}- x{draw(st.integers(0, 9))}"]
                if item[0].lstrip().startswith("- "):
                    body += item
                else:
                    body += [f"{' ' * (indent + 2)}- {item[0].lstrip()}", *item[1:]]
        if anchor:
            reserved.remove(anchor)
            anchors.append(anchor[1:-1])
        return [f" {anchor}".rstrip(), *body] if anchor else ["", *body]

    distinct = draw(st.booleans())  # no duplicate keys, no merges: the short way to a path

    def mapping(indent: int, depth: int) -> list[str]:
        out: list[str] = []
        names = iter(draw(st.permutations(["a", "b", "c", "d"])))
        for _ in range(draw(st.integers(1, 4))):
            name = next(names) if distinct else draw(NAMES)
            head, *rest = value(indent, depth)
            if name == "<<" and not head.strip().startswith(("*", "[*")):
                name = "m"
            out += [f"{' ' * indent}{name}:{head}", *rest]
        return out

    return "\n".join(mapping(0, 0)) + "\n"


@pytest.mark.slow  # a property or fuzz run: the full suite (CI) runs it
@settings(max_examples=100, deadline=None)
@given(plans())
def test_lookups_match_the_eager_index(text: str) -> None:
    assert_same(text)


CASES = [
    "a: &x {b: 1, c: [1, 2]}\nd:\n  <<: *x\n  b: 2\n",
    "a: &x {b: 1}\nb: &y {b: 2, e: 3}\nc:\n  <<: [*x, *y]\n  f: 1\n",
    "a: &x {b: 1}\nb: &y {b: 2, e: {q: 1}}\nc:\n  <<: *x\n  <<: *y\n",
    "a:\n  x: 1\n  y: 2\na:\n  x: 3\n",
    "a: {x: {p: 1}}\na: {x: {q: 2}}\n",
    "a: &l [1, 2]\nb:\n  <<: *l\n",
    "a: &l [{x: 1}, 2]\nb:\n  <<: *l\n  c: 1\n",
    "a: &s 3\nb:\n  <<: *s\n",
    "a:\n  ? [1]\n  : 2\n  b: 3\n",
    "a: &x {b: {c: 1, d: 2}}\nz:\n  <<: *x\n  b: {c: 5}\n",
    "a: &a [1, &b {x: 2}]\nc: *a\nd: [*b, *b]\n",
    "{&k x: 1, *k : 2}\n",
    "a: {b: 1}\nc:\n  !!merge : {d: 1}\n",  # a `!!merge` value is refused (test_loading's tagged collections)
    "a: [1, [2, [3]]]\nb: {'q': 1, \"r\": 2}\n",
]


@pytest.mark.parametrize("text", CASES)
def test_subtle_cases_match_the_eager_index(text: str) -> None:
    assert load_text(text, "p").data is not None
    assert_same(text)


def test_positions_pickle_as_plain_positions() -> None:
    document = load_text("a:\n  b: [1, 2]\n", "p")
    keys = pickle.loads(pickle.dumps(document.keys))
    assert type(keys) is dict
    assert keys == {("a",): Position(1, 1), ("a", "b"): Position(2, 3), ("a", "b", 0): Position(2, 7),
                    ("a", "b", 1): Position(2, 10), (): Position(1, 1)}
    assert document.keys["a", "b"] == Position(2, 3) and document.values["a", "b"] == Position(2, 6)
    with pytest.raises(KeyError):
        document.keys["a", "c"]
    with pytest.raises(TypeError):
        document.keys.get(["a"])  # type: ignore[arg-type]
    assert document.keys.get("a") is None  # type: ignore[arg-type]


def test_many_lookups_in_one_mapping_find_each_key() -> None:
    """A mapping's keys are indexed on its first lookup: every key still found, a complex key or an absent one not."""
    text = "a:\n  ? [x]\n  : 0\n" + "".join(f"  k{n}: {n}\n" for n in range(500)) + "b: {k1: 1}\n"
    document = load_text(text, "p")
    assert [document.keys["a", f"k{n}"] for n in range(0, 500, 7)] == [Position(n + 4, 3) for n in range(0, 500, 7)]
    assert document.values["a", "k499"] == Position(503, 9)
    assert ("a", "k500") not in document.keys and ("a", "[x]") not in document.keys and ("a", 0) not in document.keys
    assert document.keys["b", "k1"] == Position(504, 5)
    assert_same(text)
