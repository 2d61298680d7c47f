"""The JSON Schemas that ship with ssi-lint: the plan format and the rule-pack format."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import msgspec

SCHEMA_DIR = Path(__file__).parent
PLAN_SCHEMA = SCHEMA_DIR / "plan.schema.json"
RULES_SCHEMA = SCHEMA_DIR / "rules.schema.json"


@cache
def load_schema(path: Path) -> dict[str, Any]:
    """Parse a schema file once per process."""
    return msgspec.json.decode(path.read_bytes())  # type: ignore[no-any-return]


def extend_schema(base: Mapping[str, Any], extensions: Iterable[tuple[str, str, Mapping[str, Any]]]) -> dict[str, Any]:
    """A copy of `base` with fields added: `(owner, object path, {field: schema})` each.

    Raises ValueError naming the owner when the path is not an object of the
    schema or a field already exists.
    """
    import copy

    schema = copy.deepcopy(dict(base))
    added: dict[tuple[str, str], str] = {}
    for owner, parent, fields in extensions:
        node = _object_at(schema, parent, owner)
        properties = node.setdefault("properties", {})
        for name, subschema in fields.items():
            if name in properties:
                first = added.get((parent, name), "the plan format")
                raise ValueError(f"{owner} adds `{'.'.join(filter(None, (parent, name)))}`, which {first} already defines")
            properties[name] = copy.deepcopy(dict(subschema))
            added[(parent, name)] = owner
    return schema


def _object_at(schema: dict[str, Any], dotted: str, owner: str) -> dict[str, Any]:
    """The object schema at a dotted plan path, following local `$ref`s."""
    node = _resolve(schema, schema)
    for part in filter(None, dotted.split(".")):
        child = node.get("properties", {}).get(part)
        if child is None:
            raise ValueError(f"{owner} extends `{dotted}`, which is not an object of the plan format")
        node = _resolve(schema, child)
    return node


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node and node["$ref"].startswith("#/"):
        target: Any = schema
        for part in node["$ref"][2:].split("/"):
            target = target[part]
        node = target
    return node


def subschema(schema: dict[str, Any], path: Iterable[str | int]) -> dict[str, Any] | None:
    """The schema of the field at a plan path (list indexes step into `items`), or None when it has none.

    A field that refers to a shared definition keeps its own keywords (its description) over the definition's.
    """
    node = _resolve(schema, schema)
    for part in path:
        child = node.get("items") if isinstance(part, int) else node.get("properties", {}).get(part)
        if not isinstance(child, dict):
            return None
        node = {**_resolve(schema, child), **{key: value for key, value in child.items() if key != "$ref"}}
    return node
