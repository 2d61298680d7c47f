"""A cache of compiled rule packs, so that start-up skips parsing and compiling them.

Reading the built-in packs (YAML with positions, schema validation) and
compiling their CEL conditions is most of what a one-plan run does. The
result depends only on the packs' bytes, ssi-lint's version, the CEL
functions and the fact names, so it is kept in one file per combination:
`$SSI_LINT_CACHE_DIR`, else `$XDG_CACHE_HOME/ssi-lint`, else
`~/.cache/ssi-lint`. `SSI_LINT_NO_CACHE=1` turns it off. A cache that cannot
be read or written is ignored; ssi-lint then works as without one.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from ssi_lint import __version__
from ssi_lint.engine.evaluation import CompiledRule
from ssi_lint.engine.packs import Pack
from ssi_lint.model import CelFunction, Document
from ssi_lint.reading import UnreadableInput, read_bytes

CACHE_DIR_ENV = "SSI_LINT_CACHE_DIR"
NO_CACHE_ENV = "SSI_LINT_NO_CACHE"
_FORMAT = 1


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
        with (folder / f"{key}.pickle").open("rb") as handle:
            stored = pickle.load(handle)  # noqa: S301 - our own file, named by a digest of its inputs
        packs = [Pack(path, rules, informational, Document(path.as_posix(), None), ()) for path, rules, informational in stored["packs"]]
        compiled = {
            rule_id: replace(entry, program=environment.deserialize(program))
            for rule_id, (entry, program) in stored["compiled"].items()
        }
    except Exception:  # noqa: BLE001 - a missing, stale or damaged cache is simply not used
        return None
    return packs, compiled


def store(key: str | None, packs: Sequence[Pack], compiled: Mapping[str, CompiledRule]) -> None:
    """Write the packs and compiled rules for `key`, atomically; failures are ignored."""
    folder = cache_dir()
    if key is None or folder is None:
        return
    stored = {
        "packs": [(pack.path, pack.rules, dict(pack.informational)) for pack in packs],
        "compiled": {rule_id: (replace(entry, program=None), entry.program.serialize()) for rule_id, entry in compiled.items()},
    }
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{key}.{os.getpid()}.tmp"
        with temporary.open("wb") as handle:
            pickle.dump(stored, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, folder / f"{key}.pickle")
        _prune(folder)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return


def _prune(folder: Path, keep: int = 16) -> None:
    """Remove all but the `keep` most recently written cache files."""
    files = sorted(folder.glob("*.pickle"), key=lambda path: path.stat().st_mtime_ns, reverse=True)
    for stale in files[keep:]:
        stale.unlink(missing_ok=True)
