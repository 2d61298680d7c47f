"""The compiled rule packs, kept as a snapshot (see `ssi_lint.snapshot`) so that start-up skips parsing and compiling them.

Reading the built-in packs (YAML with positions, schema validation) and
compiling their CEL conditions is most of what a one-plan run does. The
result depends only on the packs' bytes, ssi-lint's version, the CEL
functions and the fact names, which together make the snapshot's key.

The snapshot holds each pack's rules (their fields as plain values) and, for
each rule, its CEL expression (serialized bytes, unchecked: the check ran
when the pack was compiled, and unchecked programs read back twice as fast),
its parsed message, `unstated` and fix templates, its machine fix and (in a
rule with `among`) its witness program. A rule's examples stay marshal bytes
until something reads them (`PackedExamples`): a check never does, and
reading them back was most of the snapshot's read.

What a process read back is also kept in memory for its environment
(`_THAWED`), so that each further `Linter` of the process (the language
server's, a test suite's, a library user's) skips the snapshot's read too.
"""

from __future__ import annotations

import marshal
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from msgspec.structs import astuple

from ssi_lint import __version__, snapshot
from ssi_lint.engine.conditions import condition_text, signatures, witness_text
from ssi_lint.engine.evaluation import CompiledRule
from ssi_lint.engine.packs import Pack
from ssi_lint.engine.templates import Template
from ssi_lint.model import CelFunction, Document, Position, Rule, Severity
from ssi_lint.reading import UnreadableInput, read_bytes

KIND = "rules"
_FORMAT = 15
_SEVERITY_FIELD = Rule.__struct_fields__.index("severity")
_POSITION_FIELD = Rule.__struct_fields__.index("position")
_EXAMPLES_FIELD = Rule.__struct_fields__.index("examples")
_SEVERITIES = {int(severity): severity for severity in Severity}
_THAWED: dict[tuple[Path, str], tuple[Any, list[Pack], dict[str, CompiledRule]]] = {}
"""What `load` read back this process, by cache folder and key: the environment its programs belong to, the packs and the compiled rules."""
_THAWED_KEPT = 8


def cache_key(paths: Mapping[Path, Path], functions: Iterable[CelFunction], fact_names: Iterable[str]) -> str | None:
    """Everything compiled packs depend on, as text; None when a pack cannot be read. `paths`: each pack's path and its resolved form."""
    parts = [f"{_FORMAT}|{__version__}|{sys.version}|{Rule.__struct_fields__}"]
    for path, resolved in paths.items():
        try:
            parts.append(f"{path.as_posix()}|{resolved}|{snapshot.checksum(read_bytes(path))}")
        except (OSError, UnreadableInput):  # read_pack reports it
            return None
    parts.append(signatures(functions))
    parts.append(repr(sorted(fact_names)))
    return "\n".join(parts)


def load(key: str | None, environment: Any) -> tuple[list[Pack], dict[str, CompiledRule]] | None:
    """Packs (without their source positions) and compiled rules from the snapshot, or None.

    Read back once a process for each cache folder, key and environment: packs, rules and programs are immutable, so
    later calls share them (in lists and dicts of their own)."""
    folder = snapshot.cache_dir()
    if key is None or folder is None:
        return None
    held = _THAWED.get((folder, key))
    if held is not None and held[0] is environment:
        return list(held[1]), dict(held[2])
    stored = snapshot.read(KIND, key)
    if stored is None:
        return None
    try:
        packs = [
            Pack(Path(path), tuple(_rule_thawed(values) for values in rules), informational, Document(path, None), ())
            for path, informational, rules in stored["packs"]
        ]
        compiled = {rule.id: _thawed(rule, stored["rules"][rule.id], environment) for pack in packs for rule in pack.rules if rule.id in stored["rules"]}
    except Exception:  # noqa: BLE001 - a snapshot of another shape is simply not used
        return None
    if len(_THAWED) >= _THAWED_KEPT:
        del _THAWED[next(iter(_THAWED))]
    _THAWED[folder, key] = (environment, packs, compiled)
    return list(packs), dict(compiled)


def store(key: str | None, packs: Sequence[Pack], compiled: Mapping[str, CompiledRule], environment: Any) -> None:
    """Keep the packs and compiled rules for `key`; failures are ignored."""
    if key is None:
        return
    try:
        value = {
            "packs": [(pack.path.as_posix(), dict(pack.informational), [_rule_plain(rule) for rule in pack.rules]) for pack in packs],
            "rules": {rule_id: _plain(entry, environment) for rule_id, entry in compiled.items()},
        }
    except (AttributeError, TypeError, ValueError):
        return
    snapshot.write(KIND, key, value)


class PackedExamples(Mapping[str, tuple[Mapping[str, Any], ...]]):
    """A cached rule's examples (`Rule.examples`), read back from their marshal bytes when first read."""

    __slots__ = ("_packed", "_examples")

    def __init__(self, packed: bytes) -> None:
        self._packed = packed
        self._examples: dict[str, tuple[Mapping[str, Any], ...]] | None = None

    def _read(self) -> dict[str, tuple[Mapping[str, Any], ...]]:
        if self._examples is None:
            self._examples = marshal.loads(self._packed)
        return self._examples

    def __getitem__(self, kind: str) -> tuple[Mapping[str, Any], ...]:
        return self._read()[kind]

    def __iter__(self) -> Iterator[str]:
        return iter(self._read())

    def __len__(self) -> int:
        return len(self._read())

    def __repr__(self) -> str:
        return repr(self._read())


def _rule_plain(rule: Rule) -> tuple[Any, ...]:
    """A rule's fields as plain values, its examples as marshal bytes (see `PackedExamples`)."""
    fields = list(astuple(rule))
    fields[_SEVERITY_FIELD] = int(fields[_SEVERITY_FIELD])
    fields[_POSITION_FIELD] = tuple(fields[_POSITION_FIELD])
    fields[_EXAMPLES_FIELD] = marshal.dumps(dict(fields[_EXAMPLES_FIELD]))
    return tuple(fields)


def _rule_thawed(values: tuple[Any, ...]) -> Rule:
    """The rule `_rule_plain` stood for (built from its fields in order: no dict per rule)."""
    if len(values) != len(Rule.__struct_fields__):
        raise ValueError("a rule of another layout")
    fields = list(values)
    fields[_SEVERITY_FIELD] = _SEVERITIES[fields[_SEVERITY_FIELD]]
    fields[_POSITION_FIELD] = Position(*fields[_POSITION_FIELD])
    fields[_EXAMPLES_FIELD] = PackedExamples(fields[_EXAMPLES_FIELD])
    return Rule(*fields)


def _plain(compiled: CompiledRule, environment: Any) -> tuple[Any, ...]:
    """What a compiled rule adds to its rule, as plain values: program, message, fix, machine fix, unstated message, witness
    and the facts its condition reads."""
    message = compiled.message.plain() if isinstance(compiled.message, Template) else {name: item.plain() for name, item in compiled.message.items()}
    return (
        environment.compile(condition_text(compiled.rule), disable_check=True).serialize(), message,
        compiled.fix.plain() if compiled.fix else None, compiled.autofix.plain() if compiled.autofix else None,
        compiled.unstated.plain() if compiled.unstated else None,
        environment.compile(witness_text(compiled.rule), disable_check=True).serialize() if compiled.witness is not None else None,
        compiled.reads,
    )


def _thawed(rule: Rule, plain: tuple[Any, ...], environment: Any) -> CompiledRule:
    """The compiled rule `_plain` stood for, its programs read back in `environment`."""
    from ssi_lint.engine.autofix import Autofix
    from ssi_lint.engine.ruleset import assemble

    program, message, fix, autofix, unstated, witness, reads = plain
    return assemble(
        rule, environment.deserialize(program),
        {name: Template.from_plain(item) for name, item in message.items()} if isinstance(message, dict) else Template.from_plain(message),
        Template.from_plain(fix) if fix is not None else None,
        Autofix.from_plain(autofix, environment) if autofix is not None else None,
        Template.from_plain(unstated) if unstated is not None else None,
        environment.deserialize(witness) if witness is not None else None,
        reads,
    )
