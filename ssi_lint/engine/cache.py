"""A cache of compiled rule packs, so that start-up skips parsing and compiling them.

Reading the built-in packs (YAML with positions, schema validation) and
compiling their CEL conditions is most of what a one-plan run does. The
result depends only on the packs' bytes, ssi-lint's version, the CEL
functions and the fact names, so it is kept in one file per combination:
`$SSI_LINT_CACHE_DIR`, else `$XDG_CACHE_HOME/ssi-lint`, else
`~/.cache/ssi-lint`. `SSI_LINT_NO_CACHE=1` turns it off. A cache that cannot
be read or written is ignored; ssi-lint then works as without one.

Nothing in the cache can run code: it is JSON (each pack's validated data,
its rules' positions, and each condition's checked CEL expression as
base64), and rules are rebuilt from it by the same functions that read
packs. A cache file is used only when it is owned by the current user and
not writable by group or others, and when its recorded digest matches its
content; anything else is treated as no cache.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import stat
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ssi_lint import __version__
from ssi_lint.engine.evaluation import CompiledRule
from ssi_lint.engine.packs import Pack, pack_from_data
from ssi_lint.model import CelFunction, Position
from ssi_lint.reading import MAX_INPUT_BYTES, UnreadableInput, read_bytes

CACHE_DIR_ENV = "SSI_LINT_CACHE_DIR"
NO_CACHE_ENV = "SSI_LINT_NO_CACHE"
_FORMAT = 2
_SUFFIX = ".json"
_MAX_CACHE_BYTES = 8 * MAX_INPUT_BYTES


def cache_dir() -> Path | None:
    """Where cache files live, or None when caching is off."""
    if os.environ.get(NO_CACHE_ENV, "") not in ("", "0"):
        return None
    explicit = os.environ.get(CACHE_DIR_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ssi-lint"


def cache_key(paths: Sequence[Path], functions: Iterable[CelFunction], fact_names: Iterable[str]) -> str | None:
    """A digest of everything compiled packs depend on; None when a pack cannot be read."""
    digest = hashlib.sha256(f"{_FORMAT}|{__version__}|{sys.version}".encode())
    for path in paths:
        try:
            digest.update(f"{path.as_posix()}|{path.resolve()}".encode() + b"\0" + read_bytes(path))
        except (OSError, UnreadableInput):  # read_pack reports it
            return None
    for function in sorted(functions, key=lambda item: item.name):
        digest.update(repr((function.name, [(o.id, o.params, o.result, o.member) for o in function.overloads])).encode())
    digest.update(repr(sorted(fact_names)).encode())
    return digest.hexdigest()


def load(key: str | None, environment: Any) -> tuple[list[Pack], dict[str, CompiledRule]] | None:
    """Packs (without their source positions) and compiled rules from the cache, or None."""
    folder = cache_dir()
    if key is None or folder is None:
        return None
    try:
        stored = _read_trusted(folder / f"{key}{_SUFFIX}")
        if stored is None or stored.get("key") != key:
            return None
        packs = [
            pack_from_data(Path(entry["path"]), entry["data"], [Position(*where) for where in entry["positions"]])
            for entry in stored["packs"]
        ]
        programs = {rule_id: base64.b64decode(text) for rule_id, text in stored["programs"].items()}
        compiled = {
            rule.id: _rebuild(rule, environment.deserialize(programs[rule.id]), environment)
            for pack in packs for rule in pack.rules if rule.id in programs
        }
    except Exception:  # noqa: BLE001 - a missing, stale or damaged cache is simply not used
        return None
    return packs, compiled


def store(key: str | None, packs: Sequence[Pack], compiled: Mapping[str, CompiledRule]) -> None:
    """Write the packs and compiled rules for `key`, atomically; failures are ignored."""
    folder = cache_dir()
    if key is None or folder is None:
        return
    try:
        from ssi_lint.engine.packs import rule_positions

        body = {
            "key": key,
            "packs": [
                {"path": pack.path.as_posix(), "data": pack.document.data, "positions": [list(p) for p in rule_positions(pack.document)]}
                for pack in packs
            ],
            "programs": {rule_id: base64.b64encode(entry.program.serialize()).decode("ascii") for rule_id, entry in compiled.items()},
        }
        text = json.dumps(body, ensure_ascii=True)  # key order is part of the data (params are listed as written)
        payload = json.dumps({"sha256": hashlib.sha256(text.encode()).hexdigest(), "body": text}).encode()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = folder / f".{key}.{os.getpid()}.tmp"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
        os.replace(temporary, folder / f"{key}{_SUFFIX}")
        _prune(folder)
    except (OSError, TypeError, ValueError, AttributeError):
        return


def _read_trusted(path: Path) -> dict[str, Any] | None:
    """The cache body, if the file is ours, private to us and intact; else None."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return None
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return None
        raw = handle.read(_MAX_CACHE_BYTES + 1)
    if len(raw) > _MAX_CACHE_BYTES:
        return None
    envelope = json.loads(raw)
    text = envelope["body"]
    if hashlib.sha256(text.encode()).hexdigest() != envelope["sha256"]:
        return None
    body = json.loads(text)
    return body if isinstance(body, dict) else None


def _rebuild(rule: Any, program: Any, environment: Any) -> CompiledRule:
    """A compiled rule from its (already checked) rule and its deserialized CEL program; a machine fix is compiled again."""
    from ssi_lint.engine.autofix import compile_autofix
    from ssi_lint.engine.ruleset import assemble

    return assemble(rule, program, compile_autofix(environment, rule.autofix))


def _prune(folder: Path, keep: int = 16) -> None:
    """Remove all but the `keep` most recently written cache files (and any old pickle files)."""
    for old in folder.glob("*.pickle"):
        old.unlink(missing_ok=True)
    files = sorted(folder.glob(f"*{_SUFFIX}"), key=lambda path: path.stat().st_mtime_ns, reverse=True)
    for stale in files[keep:]:
        stale.unlink(missing_ok=True)
