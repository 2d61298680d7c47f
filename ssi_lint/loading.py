"""Read YAML into a Document: plain data plus the line and column of every node.

PyYAML composes the node tree (with the C parser when available); one walk over
it builds the data and the position index together. Problems of the file itself
(bad bytes, syntax, duplicate keys, more than one document, ...) are recorded as
`Problem`s with a location, never raised.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from ssi_lint.errors import InputError
from ssi_lint.model import Document, PlanPath, Position, Problem

try:
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

_RESOLVED: dict[str, str] = {}
_RESOLVED_LIMIT = 4096
_ScalarNode, _SequenceNode, _MappingNode = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
_STR = yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG
"""`tag:yaml.org,2002:str`, the very string the resolver gives, so comparing with it is mostly an identity check."""
_COLLECTION_TAGS = {_SequenceNode: yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _MappingNode: yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG}


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """The safe loader, remembering the implicit tag of each plain scalar it has seen.

    The parser calls three resolver methods in Python for every node it composes.
    Tag resolution runs a regular expression per plain scalar; plans and rule
    packs repeat the same keys and values, so a small cache pays off. The other
    two follow the path from the root for path resolvers, which PyYAML's loaders
    have none of: then they do nothing, and a C function that ignores its
    arguments does nothing for less than a Python one.
    """

    descend_resolver = staticmethod(operator.is_)  # called with (parent node, index)
    ascend_resolver = staticmethod(tuple)  # called with nothing

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        if self.yaml_path_resolvers:  # pragma: no cover - only if someone adds path resolvers to PyYAML's loaders
            self.descend_resolver = super().descend_resolver
            self.ascend_resolver = super().ascend_resolver
            self.resolve = super().resolve

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        """The tag of a node: cached for plain scalars, the default one for quoted scalars and collections."""
        if kind is not _ScalarNode:
            return _COLLECTION_TAGS[kind]
        if not implicit[0]:
            return _STR
        tag = _RESOLVED.get(value)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(_RESOLVED) >= _RESOLVED_LIMIT:
                _RESOLVED.clear()
            _RESOLVED[value] = tag
        return tag


MAX_FILE_BYTES = 5 * 1024 * 1024
"""Largest file read (5 MB); a larger one is a LOAD007 finding, not a load."""
MAX_NODES = 100_000
"""Nodes one file may hold or expand to (aliases included): stops huge lists and alias bombs."""
MAX_DEPTH = 64
"""Deepest nesting accepted."""

_MERGE = "tag:yaml.org,2002:merge"
_AS_TEXT = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary"}
_INT = "tag:yaml.org,2002:int"
_MAX_DIGITS = 4300
"""Python's limit on converting text to an integer."""
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_BOOLS = yaml.constructor.SafeConstructor.bool_values


class _TooLarge(Exception):
    """The node tree exceeds MAX_NODES or MAX_DEPTH."""


class _NotLoadable(Exception):
    """A node cannot become data (a cycle, a tagged value that does not parse); located at the node."""

    def __init__(self, message: str, node: yaml.Node) -> None:
        super().__init__(message)
        self.position = _position(node.start_mark)


def read_document(path: Path, display: str | None = None, max_bytes: int = MAX_FILE_BYTES) -> Document:
    """Load a YAML file; raise InputError only when it cannot be read at all.

    A file over `max_bytes` is not parsed: it gets a LOAD007 problem.
    """
    source = display or path.as_posix()
    from ssi_lint.reading import UnreadableInput, read_prefix

    try:
        raw = read_prefix(path, max_bytes)
    except UnreadableInput as exc:
        raise InputError(f"{source}: cannot read: {exc}") from None
    return load_limited(raw, source, max_bytes)


def load_limited(raw: bytes, source: str, max_bytes: int = MAX_FILE_BYTES) -> Document:
    """Load bytes read with a limit (`max_bytes + 1` at most): more than the limit is a LOAD007 problem."""
    from ssi_lint.reading import describe_size

    if len(raw) > max_bytes:
        message = f"the file is larger than {describe_size(max_bytes)}, the size limit; it was not checked"
        return Document(source, None, problems=(Problem("LOAD007", message, Position(1, 1)),))
    return load_bytes(raw, source)


def load_bytes(raw: bytes, source: str) -> Document:
    """Decode bytes (UTF-8, or UTF-16 with a byte-order mark) and load them."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encoding, body = "utf-16", raw
    else:
        encoding, body = "utf-8", raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as exc:
        before = body[: exc.start].decode(encoding, errors="replace")
        position = _offset_position(before, len(before))
        message = f"the file is not valid {encoding.upper()} text (byte 0x{body[exc.start:exc.start + 1].hex()} cannot be decoded)"
        return Document(source, None, problems=(Problem("LOAD006", message, position),))
    return load_text(text, source)


def load_text(text: str, source: str) -> Document:
    """Compose YAML text into a Document, turning every failure into a Problem."""
    # Every collection item needs a comma or a line break, and each takes a character at least: refuse before parsing.
    if len(text) > MAX_NODES and text.count(",") + _line_breaks(text) > MAX_NODES:
        message = f"the file holds more than {MAX_NODES} items; it was not checked"
        return Document(source, None, problems=(Problem("LOAD007", message, Position(1, 1)),))
    loader = _Loader(text)
    try:
        root = loader.get_node() if loader.check_node() else None
        if root is not None and loader.check_node():
            extra = loader.get_node()
            mark = _position(extra.start_mark) if extra is not None else Position(1, 1)
            message = "the file holds more than one YAML document; a plan is a single document"
            return Document(source, None, problems=(Problem("LOAD005", message, mark),))
        if root is None:
            return Document(source, None, problems=(Problem("LOAD004", "the file is empty", Position(1, 1)),))
        walker = _Walker(loader)
        data = walker.convert(root, (), 0)
    except yaml.MarkedYAMLError as exc:
        return Document(source, None, problems=(_syntax_problem(exc),))
    except yaml.reader.ReaderError as exc:
        position = _offset_position(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"the file contains a character YAML does not allow (U+{code:04X})"
        return Document(source, None, problems=(Problem("LOAD001", message, position),))
    except _TooLarge as exc:
        return Document(source, None, problems=(Problem("LOAD007", str(exc), Position(1, 1)),))
    except _NotLoadable as exc:
        return Document(source, None, problems=(Problem("LOAD001", str(exc), exc.position),))
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        message = f"the top level must be a mapping of sections, not {_kind(data)}"
        return Document(source, None, problems=(Problem("LOAD003", message, _position(root.start_mark)),))
    walker.keys[()] = walker.values[()] = root.start_mark
    return Document(source, data, Positions(walker.keys), Positions(walker.values), tuple(walker.problems), text=text)


class Positions(Mapping[PlanPath, Position]):
    """Plan paths to positions, made from PyYAML's marks only when a path is looked up.

    Most nodes never need a position (only those findings point at), so the
    walk records each node's mark as it is and leaves the arithmetic for later.
    """

    __slots__ = ("_marks",)

    def __init__(self, marks: dict[PlanPath, Any]) -> None:
        self._marks = marks

    def __getitem__(self, path: PlanPath) -> Position:
        return _position(self._marks[path])

    def get(self, path: PlanPath, default: Any = None) -> Any:
        """The position of a path, or `default`."""
        mark = self._marks.get(path)
        return default if mark is None else _position(mark)

    def __contains__(self, path: object) -> bool:
        return path in self._marks

    def __iter__(self) -> Iterator[PlanPath]:
        return iter(self._marks)

    def __len__(self) -> int:
        return len(self._marks)

    def __eq__(self, other: object) -> bool:
        return dict(self.items()) == (dict(other.items()) if isinstance(other, Mapping) else other)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as plain positions (PyYAML's C marks do not pickle)."""
        return dict, (dict(self.items()),)


class _Walker:
    """Turns a composed node tree into plain data while indexing positions."""

    def __init__(self, loader: Any) -> None:
        self._loader = loader
        self._budget = MAX_NODES
        self.keys: dict[PlanPath, Any] = {}
        """Plan path -> PyYAML mark of the key (or list item); see Positions."""
        self.values: dict[PlanPath, Any] = {}
        self.problems: list[Problem] = []
        self._reported: set[tuple[str, Position]] = set()
        self._open: set[int] = set()
        """Nodes being converted (ids): meeting one again means a cycle."""

    def _report(self, problem: Problem) -> None:
        """Record a problem once, however often an alias makes the walk pass it."""
        key = (problem.code, problem.position)
        if key not in self._reported:
            self._reported.add(key)
            self.problems.append(problem)

    def convert(self, node: yaml.Node, path: PlanPath, depth: int) -> Any:
        """Convert one node (recursively), charging the node budget."""
        self._budget -= 1
        if self._budget < 0:
            raise _TooLarge(f"the file expands to more than {MAX_NODES} nodes (an alias bomb?)")
        if depth > MAX_DEPTH:
            raise _TooLarge(f"the file nests deeper than {MAX_DEPTH} levels")
        kind = node.__class__
        if kind is yaml.ScalarNode:
            tag, value = node.tag, node.value
            if tag == _STR or tag in _AS_TEXT:
                return value
            if tag == _INT and value.isdigit() and value.isascii() and (value[0] != "0" or value == "0") and len(value) <= _MAX_DIGITS:
                return int(value)  # plain decimal: the constructor's answer, without its machinery
            if tag == _BOOL and value.lower() in _BOOLS:
                return _BOOLS[value.lower()]
            if tag == _NULL:
                return None
            return self._scalar(node)
        if id(node) in self._open:
            raise _NotLoadable("an alias or `<<` merge refers to the node that contains it", node)
        self._open.add(id(node))
        try:
            return self._mapping(node, path, depth) if kind is yaml.MappingNode else self._sequence(node, path, depth)
        finally:
            self._open.discard(id(node))

    def _scalar(self, node: yaml.Node) -> Any:
        """A scalar through PyYAML's constructors; a value they cannot read is a located problem."""
        if node.tag == _INT and len(node.value) > _MAX_DIGITS:
            raise _NotLoadable(f"a number with more than {_MAX_DIGITS} digits cannot be read", node)
        try:
            return self._loader.construct_object(node, deep=True)
        except Exception as exc:  # noqa: BLE001 - PyYAML's constructors fail in many ways on hostile values (`!!int ` is an IndexError)
            raise _NotLoadable(f"the value `{_clip(node.value)}` cannot be read as {_tag_word(node.tag)}: {_first_line(exc)}", node) from None

    def _sequence(self, node: yaml.SequenceNode, path: PlanPath, depth: int) -> list[Any]:
        items = []
        for index, child in enumerate(node.value):
            child_path = (*path, index)
            self.keys[child_path] = self.values[child_path] = child.start_mark
            items.append(self.convert(child, child_path, depth + 1))
        return items

    def _mapping(self, node: yaml.MappingNode, path: PlanPath, depth: int) -> dict[str, Any]:
        data: dict[str, Any] = {}
        merged: dict[str, Any] = {}
        first_seen: dict[str, Any] = {}
        for key_node, value_node in node.value:  # merged keys first, so explicit keys index last
            if key_node.tag == _MERGE:
                merged = {**self._merge_sources(value_node, path, depth), **merged}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                continue
            key_mark = key_node.start_mark
            if not isinstance(key_node, yaml.ScalarNode):
                self._report(Problem("LOAD008", "a key must be plain text", _position(key_mark), path))
                continue
            key = key_node.value
            if key in first_seen:
                message = f"duplicate key '{key}' (first at line {first_seen[key].line + 1}); only the last value is used"
                self._report(Problem("LOAD002", message, _position(key_mark), (*path, key)))
            first_seen[key] = key_mark
            child_path = (*path, key)
            self.keys[child_path] = key_mark
            self.values[child_path] = value_node.start_mark
            data[key] = self.convert(value_node, child_path, depth + 1)
        return {**merged, **data} if merged else data

    def _merge_sources(self, node: yaml.Node, path: PlanPath, depth: int) -> dict[str, Any]:
        """The mappings named by a `<<` merge key, earlier ones taking precedence."""
        sources = node.value if isinstance(node, yaml.SequenceNode) else [node]
        result: dict[str, Any] = {}
        for source in reversed(sources):
            value = self.convert(source, path, depth + 1)
            if not isinstance(value, dict):
                position = _position(source.start_mark)
                self._report(Problem("LOAD001", "a `<<` merge must name a mapping", position, path))
                continue
            result.update(value)
        return result


def _line_breaks(text: str) -> int:
    """How many line breaks YAML sees: LF, CR, CR LF (counted once), NEL, LS and PS."""
    crlf = text.count("\r\n")
    return text.count("\n") + text.count("\r") - crlf + sum(text.count(char) for char in "\x85\u2028\u2029")


def _syntax_problem(exc: yaml.MarkedYAMLError) -> Problem:
    """A YAML syntax error located at its problem mark (or context mark)."""
    mark = exc.problem_mark or exc.context_mark
    position = _position(mark) if mark is not None else Position(1, 1)
    detail = exc.problem or exc.context or "invalid YAML"
    if exc.context and exc.problem:
        detail = f"{detail} ({exc.context})"
    return Problem("LOAD001", f"invalid YAML: {detail}", position)


def _position(mark: Any) -> Position:
    """A PyYAML mark (0-based) as a 1-based Position."""
    return Position(mark.line + 1, mark.column + 1)


def _offset_position(text: str, offset: int) -> Position:
    """The 1-based line and column of a character offset in text."""
    line = text.count("\n", 0, offset) + 1
    return Position(line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def _clip(text: Any, limit: int = 40) -> str:
    """A value's text as a message shows it: at most `limit` characters."""
    text = str(text)
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _tag_word(tag: str) -> str:
    """`tag:yaml.org,2002:int` -> `an int (!!int)`."""
    name = tag.rsplit(":", 1)[-1]
    return f"!!{name}" if tag.startswith("tag:yaml.org,2002:") else tag


def _kind(value: Any) -> str:
    """How a value reads to a user: a list, a text, a number, ..."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return "null" if value is None else type(value).__name__
