"""Read YAML into a Document: plain data plus the line and column of every node.

PyYAML composes the node tree (with the C parser when available); one walk over
it builds the data, and the Document keeps the tree to find a path's line and
column when asked (see `_Tree`). Problems of the file itself (bad bytes, syntax,
duplicate keys, more than one document, ...) are recorded as `Problem`s with a
location, never raised.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import Any

import yaml

from ssi_lint.errors import InputError
from ssi_lint.model import Document, PlanPath, Position, Problem
from ssi_lint.reading import UnreadableInput, describe_size, read_prefix

try:
    from yaml import CSafeLoader as _BaseLoader

    _OFFSETS_IN_BYTES = True  # libyaml counts a reader error's position in UTF-8 bytes
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

    _OFFSETS_IN_BYTES = False

_RESOLVED: dict[str, str] = {}
_RESOLVED_LIMIT = 4096
_ScalarNode, _SequenceNode, _MappingNode = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
_STR = yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG
"""`tag:yaml.org,2002:str`, the very string the resolver gives, so comparing with it is mostly an identity check."""
_SEQ = yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG
_MAP = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
_COLLECTION_TAGS = {_SequenceNode: _SEQ, _MappingNode: _MAP}


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
_FLOAT = "tag:yaml.org,2002:float"
_DECIMAL_CHARACTERS = "0123456789.eE+-"
"""What a float the resolver tags is made of when it is plain decimal (no `_`, `:`, `.inf` or `.nan`)."""
_BOOLS = yaml.constructor.SafeConstructor.bool_values
_READ: dict[tuple[str, str], Any] = {}
"""(tag, text) -> the value read from a scalar of that tag and text, for short texts whose value is a
number (not NaN), true/false or null: plans repeat the same small numbers, and these values are
immutable, so documents can share them."""
_READ_LIMIT = 4096
"""The most values `_READ` holds; it starts afresh when full."""
_READ_TEXT_LIMIT = 32
"""The longest text whose value `_READ` remembers."""
_SHARED_KINDS = frozenset((int, float, bool, type(None)))
_UNREAD = object()
"""What `_READ` gives for a text it does not hold (None is a value it holds: `null`)."""


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
    try:
        raw = read_prefix(path, max_bytes)
    except UnreadableInput as exc:
        raise InputError(f"{source}: cannot read: {exc}") from None
    return load_limited(raw, source, max_bytes)


def load_limited(raw: bytes, source: str, max_bytes: int = MAX_FILE_BYTES) -> Document:
    """Load bytes read with a limit (`max_bytes + 1` at most): more than the limit is a LOAD007 problem."""
    if len(raw) > max_bytes:
        message = f"the file is larger than {describe_size(max_bytes)}, the size limit; it was not checked"
        return Document(source, None, problems=(Problem("LOAD007", message, Position(1, 1)),))
    return load_bytes(raw, source)


_ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
"""How a ZIP archive (one with files, or an empty one) starts."""


def load_bytes(raw: bytes, source: str) -> Document:
    """Decode bytes (UTF-8, or UTF-16 with a byte-order mark) and load them; a ZIP archive is named as one."""
    if raw.startswith(_ZIP_SIGNATURES):
        message = (
            "the file is a ZIP archive, not YAML text; a LinkedIn data export is read by its loader plugin "
            "(ssi-lint-linkedin-export), which takes the archive or its extracted folder"
        )
        return Document(source, None, problems=(Problem("LOAD006", message, Position(1, 1)),))
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
        walker = _Walker(loader, text)
        data = walker.convert(root, (), 0)
    except yaml.MarkedYAMLError as exc:
        return Document(source, None, problems=(_syntax_problem(exc),))
    except yaml.reader.ReaderError as exc:
        position = _offset_position(text, _characters_before(text, exc.position) if _OFFSETS_IN_BYTES else exc.position)
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
    tree = _Tree(root, None if walker.merges or walker.duplicates else walker.collections)
    return Document(source, data, Positions(tree, 0), Positions(tree, 1), tuple(walker.problems), text=text)


class _Walker:
    """Turns a composed node tree into plain data (the positions stay in the tree: see `_Tree`)."""

    def __init__(self, loader: Any, text: str) -> None:
        self._loader = loader
        self._budget = MAX_NODES
        self.problems: list[Problem] = []
        self._reported: set[tuple[str, Position]] = set()
        self.merges = "<<" in text or "!" in text or bool(loader.yaml_path_resolvers)
        """Whether a key may be a `<<` merge: written `<<`, or tagged `!!merge` (a tag starts with `!`)."""
        self.duplicates = False
        """Whether a mapping has a key twice."""
        self._previous: dict[int, yaml.Node] = {}
        """id of a repeated key's node -> the node of its previous occurrence in its mapping (made at a mapping's first duplicate)."""
        self.collections: dict[PlanPath, yaml.Node] = {}
        """Path -> the mapping or list converted there (the last one, when several are)."""
        self._open: set[int] | None = set() if "*" in text else None
        """Nodes being converted (ids), when the text has aliases: meeting one again means a cycle."""
        self._unbounded = self._open is None and len(text) < MAX_NODES
        """Whether the walk cannot charge more than MAX_NODES nodes, so that its scalars need no charging.

        Without aliases, the walk meets each node once; each node it charges but the
        root is a list item or a mapping value, which a character of its own introduces
        (`-`, `:`, `?`, `[`, `{` or `,`). So it charges at most one node more than the
        text has characters.
        """

    def _report(self, problem: Problem) -> None:
        """Record a problem once, however often an alias makes the walk pass it."""
        key = (problem.code, problem.position)
        if key not in self._reported:
            self._reported.add(key)
            self.problems.append(problem)

    def convert(self, node: yaml.Node, path: PlanPath, depth: int) -> Any:
        """Convert one node (recursively), charging the node budget; `path` is the node's, for problems."""
        self._budget -= 1
        if self._budget < 0:
            raise _TooLarge(f"the file expands to more than {MAX_NODES} nodes (an alias bomb?)")
        if depth > MAX_DEPTH:
            raise _TooLarge(f"the file nests deeper than {MAX_DEPTH} levels")
        if node.__class__ is _ScalarNode:
            return self._scalar(node)
        open_nodes = self._open
        if open_nodes is None:
            return self._collection(node, path, depth)
        if id(node) in open_nodes:
            raise _NotLoadable("an alias or `<<` merge refers to the node that contains it", node)
        open_nodes.add(id(node))
        try:
            return self._collection(node, path, depth)
        finally:
            open_nodes.discard(id(node))

    def _collection(self, node: yaml.Node, path: PlanPath, depth: int) -> Any:
        """Note a mapping or list at its path and convert it; the caller has charged it and checked its depth and cycles."""
        self.collections[path] = node
        return self._mapping(node, path, depth) if node.__class__ is _MappingNode else self._sequence(node, path, depth)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        """A scalar's value; one PyYAML's constructors cannot read is a located problem."""
        tag, value = node.tag, node.value
        if tag == _STR or tag in _AS_TEXT:
            return value
        known = _READ.get((tag, value), _UNREAD)
        if known is not _UNREAD:
            return known
        result = self._read(node, tag, value)
        if result.__class__ in _SHARED_KINDS and len(value) <= _READ_TEXT_LIMIT and result == result:
            if len(_READ) >= _READ_LIMIT:
                _READ.clear()
            _READ[tag, value] = result
        return result

    def _read(self, node: yaml.ScalarNode, tag: str, value: str) -> Any:
        """The value of a scalar that is not text, read as PyYAML's safe constructors would."""
        if tag == _INT and value.isdigit() and value.isascii() and (value[0] != "0" or value == "0") and len(value) <= _MAX_DIGITS:
            return int(value)  # plain decimal: the constructor's answer, without its machinery
        if tag == _FLOAT and not value.strip(_DECIMAL_CHARACTERS):
            try:
                return float(value)  # plain decimal: the constructor's answer (its sign handling included), without its machinery
            except ValueError:
                pass  # made of those characters but no number (`!!float ""`, `.`, `1e`): the constructor's located problem below
        if tag == _BOOL and value.lower() in _BOOLS:
            return _BOOLS[value.lower()]
        if tag == _NULL:
            return None
        if tag == _INT and len(value) > _MAX_DIGITS:
            raise _NotLoadable(f"a number with more than {_MAX_DIGITS} digits cannot be read", node)
        try:
            return self._loader.construct_object(node, deep=True)
        except Exception as exc:  # noqa: BLE001 - PyYAML's constructors fail in many ways on hostile values (`!!int ` is an IndexError)
            raise _NotLoadable(f"the value `{_clip(value)}` cannot be read as {_tag_word(tag)}: {_first_line(exc)}", node) from None

    # The loops below take a child without calling `convert` when the walk is
    # unbounded (so without aliases) and not too deep, so that `convert` would
    # only read it: a scalar child (most of a plan's nodes) is read in place, its
    # value looked up in `_READ` first, and a collection child goes to
    # `_collection`. Otherwise `convert` charges the budget and checks the depth.

    def _sequence(self, node: yaml.SequenceNode, path: PlanPath, depth: int) -> list[Any]:
        if node.tag != _SEQ:
            _refuse_tag(node, "list")
        items = []
        depth += 1
        inline = self._unbounded and depth <= MAX_DEPTH
        for index, child in enumerate(node.value):
            if not inline:
                items.append(self.convert(child, (*path, index), depth))
            elif child.__class__ is _ScalarNode:
                value = child.value if child.tag == _STR else _READ.get((child.tag, child.value), _UNREAD)
                items.append(self._scalar(child) if value is _UNREAD else value)
            else:
                items.append(self._collection(child, (*path, index), depth))
        return items

    def _mapping(self, node: yaml.MappingNode, path: PlanPath, depth: int) -> dict[str, Any]:
        if node.tag != _MAP:
            _refuse_tag(node, "mapping")
        data: dict[str, Any] = {}
        merged: dict[str, Any] | None = None
        pairs = node.value
        if self.merges:
            for key_node, value_node in pairs:  # merged keys first, as `_entries` says
                if key_node.tag == _MERGE:
                    merged = {**self._merge_sources(value_node, path, depth), **(merged or {})}
        merges = self.merges
        depth += 1
        inline = self._unbounded and depth <= MAX_DEPTH
        for key_node, value_node in pairs:
            if key_node.__class__ is not _ScalarNode or (merges and key_node.tag == _MERGE):
                if key_node.tag != _MERGE:
                    self._report(Problem("LOAD008", "a key must be plain text", _position(key_node.start_mark), path))
                continue
            key = key_node.value
            if key in data:
                self._duplicate(pairs, key_node, path)
            if not inline:
                data[key] = self.convert(value_node, (*path, key), depth)
            elif value_node.__class__ is _ScalarNode:
                value = value_node.value if value_node.tag == _STR else _READ.get((value_node.tag, value_node.value), _UNREAD)
                data[key] = self._scalar(value_node) if value is _UNREAD else value
            else:
                data[key] = self._collection(value_node, (*path, key), depth)
        return {**merged, **data} if merged else data

    def _duplicate(self, pairs: list[tuple[yaml.Node, yaml.Node]], key_node: yaml.Node, path: PlanPath) -> None:
        """Report a key of `pairs`, met before in its mapping, naming the line of its previous occurrence."""
        self.duplicates = True
        key = key_node.value
        previous = self._previous.get(id(key_node))
        if previous is None:  # the mapping's first duplicate: note every repeated key's previous occurrence in one pass
            last: dict[str, yaml.Node] = {}
            for other_key, _ in pairs:
                if other_key.tag != _MERGE and other_key.__class__ is _ScalarNode:
                    earlier = last.get(other_key.value)
                    if earlier is not None:
                        self._previous[id(other_key)] = earlier
                    last[other_key.value] = other_key
            previous = self._previous[id(key_node)]  # `data` has the key, so an earlier pair has it
        message = f"duplicate key '{key}' (first at line {previous.start_mark.line + 1}); only the last value is used"
        self._report(Problem("LOAD002", message, _position(key_node.start_mark), (*path, key)))

    def _merge_sources(self, node: yaml.Node, path: PlanPath, depth: int) -> dict[str, Any]:
        """The mappings named by a `<<` merge key, earlier ones taking precedence."""
        if node.__class__ is _SequenceNode and node.tag != _SEQ:
            _refuse_tag(node, "list")
        sources = node.value if node.__class__ is _SequenceNode else [node]
        result: dict[str, Any] = {}
        for source in reversed(sources):
            value = self.convert(source, path, depth + 1)
            if not isinstance(value, dict):
                position = _position(source.start_mark)
                self._report(Problem("LOAD001", "a `<<` merge must name a mapping", position, path))
                continue
            result.update(value)
        return result


def _refuse_tag(node: yaml.Node, kind: str) -> None:
    """Refuse a mapping or list tagged other than as itself (`!!map`, `!!seq`, or no tag), as a scalar's unreadable tag is.

    A plan's data is plain mappings, lists and scalars: a tag that would make a
    collection something else (`!!set`, `!!omap`, `!!pairs`, `!!seq` on a
    mapping, `!!python/...`, a local `!tag`) is not silently dropped.
    """
    raise _NotLoadable(
        f"the {kind} cannot be read as {_tag_word(node.tag)}: a plan holds plain mappings (!!map) and lists (!!seq) only", node,
    )


class Positions(Mapping[PlanPath, Position]):
    """Plan paths to the positions of their keys (or of their values), found in the node tree when asked.

    Only the paths findings point at (a few dozen of a plan's hundreds) are ever
    looked up, so the walk that makes the data indexes nothing; see `_Tree`.
    """

    __slots__ = ("_tree", "_which")

    def __init__(self, tree: _Tree, which: int) -> None:
        self._tree = tree
        self._which = which
        """0 for the key's position, 1 for the value's."""

    def __getitem__(self, path: PlanPath) -> Position:
        nodes = self._tree.nodes(path)
        if nodes is None:
            raise KeyError(path)
        return _position(nodes[self._which].start_mark)

    def get(self, path: PlanPath, default: Any = None) -> Any:
        """The position of a path, or `default`."""
        nodes = self._tree.nodes(path)
        return default if nodes is None else _position(nodes[self._which].start_mark)

    def __contains__(self, path: object) -> bool:
        return self._tree.nodes(path) is not None

    def __iter__(self) -> Iterator[PlanPath]:
        return iter(self._tree.index())

    def __len__(self) -> int:
        return len(self._tree.index())

    def __eq__(self, other: object) -> bool:
        return dict(self.items()) == (dict(other.items()) if isinstance(other, Mapping) else other)

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as plain positions (PyYAML's nodes and C marks do not pickle)."""
        return dict, (dict(self.items()),)


_SCANNED_KEYS = 16
"""Largest mapping whose keys a position lookup scans (a plan's sections are smaller); a larger one's keys are indexed."""


class _Tree:
    """A loaded plan's composed node tree, answering which key and value nodes a plan path names.

    The answers are those of an index the data walk could build as it goes,
    writing `path -> (key node, value node)` for each key or list item it passes
    (an item is its own key node), a later write replacing an earlier one: for a
    duplicate key, the last occurrence; for `<<` merges, the merged mappings' keys
    are written under the merging mapping's path (the later of several `<<` keys,
    the earlier of one key's list of sources), then its own keys over them.

    Without duplicate keys and merges (most plans), a path names one node at
    most, found from its parent: the collection the walk noted at the parent's
    path (a mapping of more than `_SCANNED_KEYS` keys is indexed on its first
    lookup, so that findings about many keys of one mapping cost one pass over
    it, not one each; a smaller one is scanned). With them, the first lookup
    builds that index (`index()`).
    """

    __slots__ = ("_root", "_collections", "_index", "_keys")

    def __init__(self, root: yaml.Node, collections: dict[PlanPath, yaml.Node] | None) -> None:
        self._root = root
        self._collections = collections
        """The walk's collections by path, when no key is given twice and no key is a merge; else None."""
        self._index: dict[PlanPath, tuple[Any, ...]] | None = None
        self._keys: dict[int, dict[str, tuple[Any, ...]]] = {}
        """id of a mapping of more than `_SCANNED_KEYS` keys looked up in -> its plain-text keys' (key node, value node) pairs
        by key, made on its first lookup."""

    def nodes(self, path: object) -> tuple[Any, ...] | None:
        """The key node and value node of a path, or None when the path names nothing."""
        if self._index is not None or self._collections is None:
            return self.index().get(path)  # type: ignore[call-overload]
        hash(path)  # an unhashable path fails as a dict lookup would
        if not isinstance(path, tuple):
            return None
        if not path:
            return self._root, self._root
        parent = self._collections.get(path[:-1])
        if parent is None:
            return None
        step = path[-1]
        if parent.__class__ is _MappingNode:
            pairs = parent.value
            if len(pairs) > _SCANNED_KEYS:  # findings may name each of many keys: index them once, on the first lookup
                keys = self._keys.get(id(parent))
                if keys is None:
                    keys = self._keys[id(parent)] = {pair[0].value: pair for pair in pairs if pair[0].__class__ is _ScalarNode}
                return keys.get(step)
            for pair in pairs:
                key_node = pair[0]
                if key_node.value == step and key_node.__class__ is _ScalarNode:
                    return pair  # type: ignore[no-any-return]
            return None
        items = parent.value
        if step.__class__ is int:
            return (items[step], items[step]) if 0 <= step < len(items) else None
        for index, item in enumerate(items):  # True, 1.0, ...: whatever equals an index, as a dict would have it
            if index == step:
                return item, item
        return None

    def index(self) -> dict[PlanPath, tuple[Any, ...]]:
        """Every path's key and value nodes, in the order the data walk passes them (the root last)."""
        if self._index is None:
            index: dict[PlanPath, tuple[Any, ...]] = {}

            def visit(node: yaml.Node, path: PlanPath) -> None:
                for name, key_node, value_node in _entries(node):
                    child_path = (*path, name)
                    index[child_path] = (key_node, value_node)  # before the child's own children, as the walk does
                    visit(value_node, child_path)

            visit(self._root, ())
            index[()] = (self._root, self._root)
            self._index = index
        return self._index


def _entries(node: yaml.Node) -> Iterator[tuple[Any, yaml.Node, yaml.Node]]:
    """(name, key node, value node) for each child of a node, in the order the data walk passes them.

    A mapping's `<<` merges come first (each source as if its entries were the
    mapping's own), then its plain-text keys; a list's items are named by index,
    each its own key node.
    """
    kind = node.__class__
    if kind is _MappingNode:
        pairs = node.value
        for key_node, value_node in pairs:
            if key_node.tag == _MERGE:
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                for source in reversed(sources):
                    yield from _entries(source)
        for key_node, value_node in pairs:
            if key_node.tag != _MERGE and key_node.__class__ is _ScalarNode:
                yield key_node.value, key_node, value_node
    elif kind is _SequenceNode:
        for index, item in enumerate(node.value):
            yield index, item, item


YAML_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""What YAML, and so a finding's line number, counts as a line break: LF, CR, CR LF, NEL, LS and PS."""


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


_new_position = partial(tuple.__new__, Position)
"""`Position(line, column)` from a (line, column) pair, without the named tuple's Python-level `__new__` (as its `_make` does)."""


def _position(mark: Any) -> Position:
    """A PyYAML mark (0-based) as a 1-based Position (one for each finding placed)."""
    return _new_position((mark.line + 1, mark.column + 1))


def _characters_before(text: str, offset: int) -> int:
    """The characters of text in its first `offset` UTF-8 bytes (a character cut in two is not counted)."""
    return len(text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "ignore"))


def _offset_position(text: str, offset: int) -> Position:
    """The 1-based line and column of a character offset in text, with every line break YAML sees (`_line_breaks`)."""
    before = text[:offset]
    last = max(before.rfind(char) for char in "\n\r\x85\u2028\u2029")
    return Position(_line_breaks(before) + 1, offset - last)


def _clip(text: Any, limit: int = 40) -> str:
    """A value's text as a message shows it: at most `limit` characters."""
    text = str(text)
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _tag_word(tag: str) -> str:
    """`tag:yaml.org,2002:int` -> `!!int`, `tag:yaml.org,2002:python/object:os.system` -> `!!python/object:os.system`; others as written."""
    prefix = "tag:yaml.org,2002:"
    return f"!!{tag[len(prefix):]}" if tag.startswith(prefix) else tag


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
