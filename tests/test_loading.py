"""Loading YAML into a Document: every bad input is a located problem, never an exception."""

from __future__ import annotations

import time

import pytest
import yaml

from ssi_lint.errors import InputError
from ssi_lint.loading import MAX_DEPTH, load_bytes, load_text, read_document
from ssi_lint.model import Document, Position


def located(document: Document) -> list[tuple[str, int, int]]:
    """The problems as `(code, line, column)`."""
    return [(p.code, p.position.line, p.position.column) for p in document.problems]


BAD_TEXT = [
    # id, text, code, line, column, words in the message
    ("unclosed-flow-seq", "a: [1, 2\nb: 3\n", "LOAD001", 2, 2, "flow sequence"),
    ("unclosed-flow-map", "a: {x: 1\n", "LOAD001", 2, 1, "flow mapping"),
    ("unclosed-quote", 'a: "abc\nb: 1\n', "LOAD001", 3, 1, "quoted scalar"),
    ("bad-indentation", "a:\n  b: 1\n c: 2\n", "LOAD001", 3, 2, "expected key"),
    ("tab-indentation", "a:\n\tb: 1\n", "LOAD001", 2, 1, "cannot start any token"),
    ("duplicate-key", "a: 1\nb: 2\na: 3\n", "LOAD002", 3, 1, "duplicate key 'a' (first at line 1)"),
    ("duplicate-nested", "a:\n  x: 1\n  y: 2\n  x: 3\n", "LOAD002", 4, 3, "duplicate key 'x' (first at line 2)"),
    ("duplicate-flow", "a: {x: 1, x: 2}\n", "LOAD002", 1, 11, "duplicate key 'x'"),
    ("top-level-list", "- 1\n- 2\n", "LOAD003", 1, 1, "not a list"),
    ("top-level-scalar", "hello\n", "LOAD003", 1, 1, "not a text"),
    ("top-level-number", "\n42\n", "LOAD003", 2, 1, "not a number"),
    ("top-level-null", "~\n", "LOAD003", 1, 1, "not null"),
    ("empty", "", "LOAD004", 1, 1, "empty"),
    ("whitespace-only", "  \n\n   \n", "LOAD004", 1, 1, "empty"),
    ("comment-only", "# nothing yet\n", "LOAD004", 1, 1, "empty"),
    ("two-documents", "a: 1\n---\nb: 2\n", "LOAD005", 3, 1, "more than one YAML document"),
    ("control-char", "a: 1\nb: x\x01y\n", "LOAD001", 2, 5, "U+0001"),
    ("bell-char", "a: \x07\n", "LOAD001", 1, 4, "U+0007"),
    ("unknown-tag", "a: 1\nb: !foo bar\n", "LOAD001", 2, 4, "'!foo'"),
    ("self-alias-seq", "a: &x [*x]\n", "LOAD001", 1, 4, "refers to the node that contains it"),
    ("self-alias-map", "a: &x {b: *x}\n", "LOAD001", 1, 4, "refers to the node that contains it"),
    ("complex-key-flow", "{a: 1}: 2\nb: 3\n", "LOAD008", 1, 1, "plain text"),
    ("complex-key-explicit", "b: 3\n? [a, b]\n: 1\n", "LOAD008", 2, 3, "plain text"),
    ("merge-not-mapping", "a:\n  <<: 1\n", "LOAD001", 2, 7, "merge must name a mapping"),
    # a mapping or list tagged other than as itself is refused, as a scalar with an unreadable tag is
    ("unknown-tag-mapping", "version: 1\noutreach: !foo {invitations: {per_day: 1}}\n", "LOAD001", 2, 11, "mapping cannot be read as !foo"),
    ("unknown-tag-block-mapping", "a:\n  b: !foo\n    c: 1\n", "LOAD001", 2, 6, "mapping cannot be read as !foo"),
    ("unknown-tag-list", "a: !foo [1, 2]\n", "LOAD001", 1, 4, "list cannot be read as !foo"),
    ("unknown-tag-block-list", "a: !foo\n- 1\n", "LOAD001", 1, 4, "list cannot be read as !foo"),
    ("python-tag-mapping", "version: !!python/object:os.system {}\n", "LOAD001", 1, 10, "cannot be read as !!python/object:os.system"),
    ("python-tag-list", "a: !!python/tuple [1]\n", "LOAD001", 1, 4, "cannot be read as !!python/tuple"),
    ("omap-tag", "a: !!omap [b: 1]\n", "LOAD001", 1, 4, "list cannot be read as !!omap"),
    ("pairs-tag", "a: !!pairs [b: 1]\n", "LOAD001", 1, 4, "list cannot be read as !!pairs"),
    ("set-tag", "a: !!set {b}\n", "LOAD001", 1, 4, "mapping cannot be read as !!set"),
    ("seq-tag-on-mapping", "a: !!seq {b: 1}\n", "LOAD001", 1, 4, "mapping cannot be read as !!seq"),
    ("map-tag-on-list", "a: !!map [1]\n", "LOAD001", 1, 4, "list cannot be read as !!map"),
    ("merge-tag-on-value", "a: !!merge {b: 1}\n", "LOAD001", 1, 4, "mapping cannot be read as !!merge"),
    ("tagged-root", "--- !foo\na: 1\n", "LOAD001", 1, 5, "mapping cannot be read as !foo"),
    ("tagged-merge-source", "a: &x {b: 1}\nc:\n  <<: !foo {d: 1}\n", "LOAD001", 3, 7, "mapping cannot be read as !foo"),
    ("tagged-merge-list", "a: &x {b: 1}\nc:\n  <<: !foo [*x]\n", "LOAD001", 3, 7, "list cannot be read as !foo"),
    ("tagged-alias-target", "a: &x !foo {b: 1}\nc: *x\n", "LOAD001", 1, 4, "mapping cannot be read as !foo"),
]


@pytest.mark.parametrize(("text", "code", "line", "column", "words"),
                         [case[1:] for case in BAD_TEXT], ids=[case[0] for case in BAD_TEXT])
def test_bad_text_is_one_located_problem(text: str, code: str, line: int, column: int, words: str) -> None:
    document = load_text(text, "p.plan.yaml")
    assert located(document) == [(code, line, column)]
    assert words in document.problems[0].message
    assert document.source == "p.plan.yaml"


@pytest.mark.parametrize("text", ["- 1\n", "a: [\n", "", "a: 1\n---\nb: 2\n"], ids=["list", "syntax", "empty", "two-docs"])
def test_unreadable_plans_have_no_data(text: str) -> None:
    assert load_text(text, "p").data is None


def test_duplicate_key_keeps_last_value_and_points_at_second_key() -> None:
    document = load_text("a:\n  x: 1\n  x: 2\n", "p")
    assert document.data == {"a": {"x": 2}}
    assert document.problems[0].path == ("a", "x")
    assert document.keys[("a", "x")] == Position(3, 3)


@pytest.mark.parametrize("text", [
    "a: !!map {b: 1}\nc: !!seq [1]\n",  # the standard tags, written out
    "a: ! {b: 1}\nc: ! [1]\n",  # the non-specific tag: the default one
    "a: !<tag:yaml.org,2002:map> {b: 1}\nc: !<tag:yaml.org,2002:seq> [1]\n",
])
def test_collections_tagged_as_themselves_load(text: str) -> None:
    document = load_text(text, "p")
    assert document.problems == ()
    assert document.data == {"a": {"b": 1}, "c": [1]}


def test_many_duplicate_keys_each_name_the_previous_occurrence() -> None:
    text = "a: 0\n" + "".join(f"{key}: {n}\n" for n, key in enumerate("abcabca", 1))
    document = load_text(text, "p")
    assert document.data == {"a": 7, "b": 5, "c": 6}
    assert [(p.position.line, p.message.split(" (")[1].split(")")[0]) for p in document.problems] == [
        (2, "first at line 1"), (5, "first at line 2"), (6, "first at line 3"), (7, "first at line 4"), (8, "first at line 5"),
    ]


def test_complex_key_is_skipped_but_rest_kept() -> None:
    document = load_text("{a: 1}: 2\nb: 3\n", "p")
    assert document.data == {"b": 3}


BAD_BYTES = [
    ("bad-byte-line-2", b"a: 1\nb: x\xff\n", "LOAD006", 2, 5, "byte 0xff"),
    ("bad-byte-first", b"\xfe: 1\n", "LOAD006", 1, 1, "byte 0xfe"),
    ("truncated-sequence", b"a: 1\nb: \xc3\n", "LOAD006", 2, 4, "byte 0xc3"),
]


@pytest.mark.parametrize(("raw", "code", "line", "column", "words"),
                         [case[1:] for case in BAD_BYTES], ids=[case[0] for case in BAD_BYTES])
def test_undecodable_bytes_are_located(raw: bytes, code: str, line: int, column: int, words: str) -> None:
    document = load_bytes(raw, "p")
    assert located(document) == [(code, line, column)]
    assert "not valid UTF-8 text" in document.problems[0].message and words in document.problems[0].message


@pytest.mark.parametrize("raw", [b"PK\x03\x04\x14\x00garbage", b"PK\x05\x06" + b"\x00" * 18], ids=["archive", "empty-archive"])
def test_a_zip_archive_is_named_as_one_not_read_as_text(raw: bytes) -> None:
    document = load_bytes(raw, "export.zip")
    assert located(document) == [("LOAD006", 1, 1)]
    assert "ZIP archive" in document.problems[0].message and "loader plugin" in document.problems[0].message


def test_undecodable_byte_after_utf8_bom_is_located() -> None:
    document = load_bytes(b"\xef\xbb\xbfa: 1\nb: \xff\n", "p")
    assert located(document) == [("LOAD006", 2, 4)]
    assert "byte 0xff" in document.problems[0].message


def test_undecodable_utf16_is_named_and_located() -> None:
    raw = b"\xff\xfe" + "a: 1\nb: \ud800x\n".encode("utf-16-le", "surrogatepass")
    document = load_bytes(raw, "p")
    assert located(document) == [("LOAD006", 2, 4)]
    assert "UTF-16" in document.problems[0].message


@pytest.mark.parametrize("raw", [
    "\ufeffa: 1\nb: [x]\n".encode(),
    "\ufeffa: 1\nb: [x]\n".encode("utf-16-le"),
    "\ufeffa: 1\nb: [x]\n".encode("utf-16-be"),
], ids=["utf8-bom", "utf16-le-bom", "utf16-be-bom"])
def test_byte_order_marks_load(raw: bytes) -> None:
    document = load_bytes(raw, "p")
    assert document.problems == ()
    assert document.data == {"a": 1, "b": ["x"]}
    assert document.keys[("b", 0)] == Position(2, 5)


def test_read_document_missing_file_raises(tmp_path) -> None:
    with pytest.raises(InputError, match="missing.plan.yaml: cannot read"):
        read_document(tmp_path / "missing.plan.yaml", "missing.plan.yaml")


def test_read_document_uses_display_name(tmp_path) -> None:
    path = tmp_path / "x.plan.yaml"
    path.write_bytes(b"a: 1\n")
    assert read_document(path, "shown.yaml").source == "shown.yaml"


BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]\n" for prev, name in zip("abcdefgh", "bcdefghi")
)


def test_alias_bomb_is_stopped_quickly() -> None:
    started = time.perf_counter()
    document = load_text(BILLION_LAUGHS, "p")
    assert time.perf_counter() - started < 5
    assert located(document) == [("LOAD007", 1, 1)]
    assert "alias bomb" in document.problems[0].message


def test_deep_nesting_is_stopped() -> None:
    text = "a: " + "[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2) + "\n"
    assert [code for code, *_ in located(load_text(text, "p"))] == ["LOAD007"]


def test_aliases_within_budget_expand() -> None:
    document = load_text("a: &x {n: 1}\nb: *x\n", "p")
    assert document.data == {"a": {"n": 1}, "b": {"n": 1}}
    assert document.keys[("b", "n")] == Position(1, 8)


MERGES = [
    ("single", "base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\n",
     {"x": 1, "y": 3}, {"x": Position(1, 11), "y": Position(4, 3)}),
    ("list-first-wins", "a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]\n  z: 0\n",
     {"x": 1, "y": 2, "z": 0}, {"x": Position(1, 8), "y": Position(2, 14), "z": Position(5, 3)}),
    ("flow", "base: &b {x: 1}\nc: {<<: *b, z: 0}\n",
     {"x": 1, "z": 0}, {"x": Position(1, 11), "z": Position(2, 13)}),
]


@pytest.mark.parametrize(("text", "merged", "positions"), [case[1:] for case in MERGES], ids=[case[0] for case in MERGES])
def test_merge_keys(text: str, merged: dict, positions: dict) -> None:
    document = load_text(text, "p")
    assert document.problems == ()
    section = next(key for key in document.data if key in ("other", "c"))
    assert document.data[section] == merged
    assert {key: document.keys[(section, key)] for key in merged} == positions


def test_merge_after_explicit_key_keeps_its_position() -> None:
    document = load_text("base: &b {x: 1, y: 2}\nother:\n  y: 3\n  <<: *b\n", "p")
    assert document.data["other"] == {"x": 1, "y": 3}
    assert document.keys[("other", "y")] == Position(3, 3)


def test_duplicate_key_in_merged_anchor_is_reported_once() -> None:
    document = load_text("base: &b {x: 1, x: 2}\nother: {<<: *b}\n", "p")
    assert located(document) == [("LOAD002", 1, 17)]


@pytest.mark.parametrize(("text", "expected"), [
    ("a: 2024-01-01\n", "2024-01-01"),
    ("a: 2024-01-01 10:00:00\n", "2024-01-01 10:00:00"),
    ("a: 2024-01-01T10:00:00Z\n", "2024-01-01T10:00:00Z"),
], ids=["date", "datetime", "iso"])
def test_timestamps_are_kept_as_text(text: str, expected: str) -> None:
    assert load_text(text, "p").data == {"a": expected}


def test_scalars_and_keys_are_plain_values() -> None:
    data = load_text("1: a\nn: ~\nb: true\nf: 0.5\nx: 0x10\n", "p").data
    assert data == {"1": "a", "n": None, "b": True, "f": 0.5, "x": 16}


FLOATS = ["0.3", "-0.0", "+1.0E+2", "1.5e+3", "1.e-3", "0.", "-1_000.5", ".inf", "-.Inf", ".NaN", "1:30.5", "685.230_15e+03"]


@pytest.mark.parametrize("text", FLOATS)
def test_floats_read_as_pyyaml_reads_them(text: str) -> None:
    """Plain decimals take a shortcut past PyYAML's constructor; the value (sign of zero and NaN included) is its own."""
    expected = yaml.load(f"a: {text}", Loader=yaml.SafeLoader)["a"]
    value = load_text(f"a: {text}\n", "p").data["a"]
    assert type(value) is float
    assert repr(value) == repr(expected)


POSITIONS_TEXT = """\
l: [1, {k: v}]
m:
  - a
  -   b
  - k: 1
    j: 2
q:  "quoted"
"""

POSITIONS = [
    # path, key position, value position
    ((), (1, 1), (1, 1)),
    (("l",), (1, 1), (1, 4)),
    (("l", 0), (1, 5), (1, 5)),
    (("l", 1), (1, 8), (1, 8)),
    (("l", 1, "k"), (1, 9), (1, 12)),
    (("m",), (2, 1), (3, 3)),
    (("m", 0), (3, 5), (3, 5)),
    (("m", 1), (4, 7), (4, 7)),
    (("m", 2), (5, 5), (5, 5)),
    (("m", 2, "k"), (5, 5), (5, 8)),
    (("m", 2, "j"), (6, 5), (6, 8)),
    (("q",), (7, 1), (7, 5)),
]


@pytest.mark.parametrize(("path", "key", "value"), POSITIONS, ids=[repr(case[0]) for case in POSITIONS])
def test_positions_of_keys_values_and_items(path: tuple, key: tuple, value: tuple) -> None:
    document = load_text(POSITIONS_TEXT, "p")
    assert document.keys[path] == Position(*key)
    assert document.values[path] == Position(*value)


@pytest.mark.parametrize(("path", "expected"), [
    (("m", 2, "k"), (5, 5)),
    (("m", 2, "absent"), (5, 5)),
    (("m", 7), (2, 1)),
    (("l", 1, "k", "deeper"), (1, 9)),
    (("absent", "x"), (1, 1)),
    ((), (1, 1)),
], ids=["present", "missing-key", "missing-index", "below-scalar", "missing-section", "root"])
def test_position_falls_back_to_nearest_ancestor(path: tuple, expected: tuple) -> None:
    assert load_text(POSITIONS_TEXT, "p").position(path) == Position(*expected)


def test_position_of_root_when_plan_starts_later() -> None:
    assert load_text("# comment\n\na: 1\n", "p").position(("zz",)) == Position(3, 1)


def test_positions_are_made_from_marks_when_looked_up() -> None:
    import pickle

    document = load_text("a:\n  b: [1, 2]\n", "p")
    assert document.keys.get(("a", "b", 1)) == Position(2, 10)
    assert document.keys.get(("a", "zz")) is None and document.keys.get(("a", "zz"), Position(9, 9)) == Position(9, 9)
    assert ("a", "b") in document.keys and ("zz",) not in document.keys
    assert dict(document.values) == {(): Position(1, 1), ("a",): Position(2, 3), ("a", "b"): Position(2, 6),
                                     ("a", "b", 0): Position(2, 7), ("a", "b", 1): Position(2, 10)}
    assert pickle.loads(pickle.dumps(document.values)) == document.values


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r", "\u2028"])
def test_a_character_yaml_does_not_allow_is_located_whatever_the_line_breaks(newline: str) -> None:
    """YAML breaks lines at CR, LF, CR LF, NEL, LS and PS: the error names the line and column it sees (2:8)."""
    document = load_text(f"version: 1{newline}name: a\x07b{newline}", "p.plan.yaml")
    (problem,) = document.problems
    assert problem.code == "LOAD001" and "U+0007" in problem.message
    assert problem.position == Position(2, 8)


@pytest.mark.parametrize("text", ["version: 1\nname: é\x07b\n", "versión: 1\nname: a\x07b\n", "version: 1\nname: 🚀\x07\n"])
def test_a_character_yaml_does_not_allow_is_located_in_characters_not_bytes(text: str) -> None:
    """libyaml counts the error's offset in UTF-8 bytes; a non-ASCII character before it does not move the column."""
    (problem,) = load_text(text, "p.plan.yaml").problems
    assert problem.position == Position(2, text.splitlines()[1].index("\x07") + 1)


def _nested(kind: str, depth: int, alias: bool) -> str:
    """`a:` holding `depth` nested lists or mappings, the innermost holding a scalar; with an alias elsewhere when `alias`."""
    opening, closing = ("[", "]") if kind == "list" else ("{k: ", "}")
    return "a: " + opening * depth + "7" + closing * depth + ("\nb: &x 1\nc: *x\n" if alias else "\n")


@pytest.mark.parametrize("alias", [False, True], ids=["plain", "with-alias"])
@pytest.mark.parametrize("kind", ["list", "mapping"])
def test_nesting_limit_is_exact(kind: str, alias: bool) -> None:
    """A collection at MAX_DEPTH loads, its scalar one level deeper included; one level more is LOAD007,
    whether the walk takes children directly (no aliases) or through its budgeted path (aliases)."""
    deepest = load_text(_nested(kind, MAX_DEPTH - 1, alias), "p")
    assert deepest.problems == ()
    path: tuple[str | int, ...] = ("a", *([0 if kind == "list" else "k"] * (MAX_DEPTH - 1)))
    inner = deepest.data
    for step in path:
        inner = inner[step]
    assert inner == 7
    assert deepest.values[path] == Position(1, 4 + (MAX_DEPTH - 1) * (1 if kind == "list" else 4))
    assert [code for code, *_ in located(load_text(_nested(kind, MAX_DEPTH, alias), "p"))] == ["LOAD007"]
