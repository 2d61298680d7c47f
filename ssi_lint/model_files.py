"""Data files that ship with ssi-lint (the SSI model, the projection's parameters): read, then checked by a schema.

A file that passed its schema is kept as a snapshot (see `ssi_lint.snapshot`)
keyed by both files' bytes, so later runs skip parsing and checking it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ssi_lint import snapshot
from ssi_lint.errors import SsiLintError

KIND = "model"


def load_checked(path: Path, schema_path: Path, error: type[SsiLintError], what: str) -> Any:
    """A data file's content once it passed its JSON Schema: from its snapshot, else read, checked and kept."""
    try:
        key = "\n".join(f"{file}|{snapshot.checksum(file.read_bytes())}" for file in (path, schema_path))
    except OSError:
        key = None
    stored = snapshot.read(KIND, key) if key is not None else None
    if stored is not None:
        return stored
    data = read_yaml(path, error, what)
    check_schema(data, schema_path, str(path), error)
    if key is not None:
        snapshot.write(KIND, key, data)
    return data


def read_yaml(path: Path, error: type[SsiLintError], what: str) -> Any:
    """A YAML data file's content; `error` names the file when it cannot be read or parsed."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except (OSError, yaml.YAMLError) as exc:
        raise error(f"{path}: cannot read {what}: {exc}") from None


def check_schema(data: Any, schema_path: Path, source: str, error: type[SsiLintError]) -> None:
    """Raise `error` for the first place the data breaks its JSON Schema: `source: where: problem`."""
    import json

    import jsonschema_rs

    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    for problem in jsonschema_rs.validator_for(schema).iter_errors(data):
        where = "/".join(str(part) for part in problem.instance_path) or "(top level)"
        raise error(f"{source}: {where}: {problem.message}")
