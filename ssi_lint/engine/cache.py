"""The compiled rule packs, kept as a snapshot (see `ssi_lint.snapshot`) so that start-up skips parsing and compiling them.

Reading the built-in packs (YAML with positions, schema validation) and
compiling their CEL conditions is most of what a one-plan run does. The
result depends only on the packs' bytes, ssi-lint's version, the CEL
functions and the fact names, which together make the snapshot's key.

The snapshot holds each pack's validated data, its rules' positions and each
condition's checked CEL expression (serialized bytes); rules are rebuilt
from it by the same functions that read packs.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ssi_lint import __version__, snapshot
from ssi_lint.engine.evaluation import CompiledRule
from ssi_lint.engine.packs import Pack, pack_from_data
from ssi_lint.model import CelFunction, Position
from ssi_lint.reading import UnreadableInput, read_bytes

KIND = "rules"
_FORMAT = 3


def cache_key(paths: Sequence[Path], functions: Iterable[CelFunction], fact_names: Iterable[str]) -> str | None:
    """Everything compiled packs depend on, as text; None when a pack cannot be read."""
    parts = [f"{_FORMAT}|{__version__}|{sys.version}"]
    for path in paths:
        try:
            parts.append(f"{path.as_posix()}|{path.resolve()}|{snapshot.checksum(read_bytes(path))}")
        except (OSError, UnreadableInput):  # read_pack reports it
            return None
    parts += [repr((function.name, [(o.id, o.params, o.result, o.member) for o in function.overloads]))
              for function in sorted(functions, key=lambda item: item.name)]
    parts.append(repr(sorted(fact_names)))
    return "\n".join(parts)


def load(key: str | None, environment: Any) -> tuple[list[Pack], dict[str, CompiledRule]] | None:
    """Packs (without their source positions) and compiled rules from the snapshot, or None."""
    stored = snapshot.read(KIND, key) if key is not None else None
    if stored is None:
        return None
    try:
        packs = [pack_from_data(Path(path), data, [Position(*where) for where in positions]) for path, data, positions in stored["packs"]]
        programs = stored["programs"]
        compiled = {
            rule.id: _rebuild(rule, environment.deserialize(programs[rule.id]), environment)
            for pack in packs for rule in pack.rules if rule.id in programs
        }
    except Exception:  # noqa: BLE001 - a snapshot of another shape is simply not used
        return None
    return packs, compiled


def store(key: str | None, packs: Sequence[Pack], compiled: Mapping[str, CompiledRule]) -> None:
    """Keep the packs and compiled rules for `key`; failures are ignored."""
    if key is None:
        return
    from ssi_lint.engine.packs import rule_positions

    try:
        value = {
            "packs": [(pack.path.as_posix(), pack.document.data, [tuple(where) for where in rule_positions(pack.document)]) for pack in packs],
            "programs": {rule_id: entry.program.serialize() for rule_id, entry in compiled.items()},
        }
    except (AttributeError, TypeError, ValueError):
        return
    snapshot.write(KIND, key, value)


def _rebuild(rule: Any, program: Any, environment: Any) -> CompiledRule:
    """A compiled rule from its (already checked) rule and its deserialized CEL program; a machine fix is compiled again."""
    from ssi_lint.engine.autofix import compile_autofix
    from ssi_lint.engine.ruleset import assemble

    return assemble(rule, program, compile_autofix(environment, rule.autofix))
