"""Check data against a JSON Schema and explain each violation in plain words.

Used for plans (violations become located problems) and for rule packs (the
first violation stops the run). An unknown key is reported apart from other
violations, with the closest known key as a suggestion.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import jsonschema_rs

from ssi_lint.model import Document, PlanPath, Problem, format_path

MAX_SUGGESTIONS = 100
"""Unknown keys of one document that get a "did you mean" suggestion (each costs a fuzzy match)."""
_TYPE_WORDS = {
    "integer": "a whole number",
    "number": "a number",
    "string": "a text",
    "boolean": "true or false",
    "object": "a mapping of fields",
    "array": "a list",
    "null": "null",
}


class SchemaChecker:
    """A compiled JSON Schema that turns violations into located problems."""

    def __init__(self, schema: Mapping[str, Any], unknown_key_code: str, violation_code: str) -> None:
        self._schema = schema
        self._validator = jsonschema_rs.validator_for(schema)
        self._unknown_key_code = unknown_key_code
        self._violation_code = violation_code

    def problems(self, document: Document) -> list[Problem]:
        """Every violation in the document, located at the offending node (none, without collecting errors, for a valid one)."""
        if self._validator.is_valid(document.data):
            return []
        return list(self._iter_problems(document))

    def _iter_problems(self, document: Document) -> Iterator[Problem]:
        unknown = 0
        for error in self._validator.iter_errors(document.data):
            path: PlanPath = tuple(error.instance_path)
            details = error.kind.as_dict()
            kind = error.kind.name
            if kind == "additionalProperties":
                known = _known_keys(self._schema, list(error.schema_path)[:-1])
                for key in details.get("unexpected", ()):
                    key_path = (*path, key)
                    position = document.position(key_path)
                    unknown += 1
                    message = _unknown_key_message(key, path, known, suggest=unknown <= MAX_SUGGESTIONS)
                    yield Problem(self._unknown_key_code, message, position, key_path)
                continue
            message = describe(kind, details, path, error.message)
            meaning = _meaning(self._schema, path) if kind in _VALUE_KINDS else None
            yield Problem(self._violation_code, f"{message}. {meaning}" if meaning else message, document.position(path), path)


def describe(kind: str, details: Mapping[str, Any], path: PlanPath, fallback: str) -> str:
    """A violation in words a non-programmer understands."""
    where = f"`{format_path(path)}`" if path else "the plan"
    limit = details.get("limit")
    if kind == "required":
        return f"{where} is missing the required field `{details.get('property')}`"
    if kind == "type":
        wanted = " or ".join(_TYPE_WORDS.get(t, t) for t in details.get("types", ()))
        return f"{where} must be {wanted}"
    if kind == "enum":
        options = ", ".join(str(option) for option in details.get("options", ()))
        return f"{where} must be one of: {options}"
    if kind == "const":
        return f"{where} must be {details.get('expected_value')}"
    if kind in ("minimum", "exclusiveMinimum"):
        return f"{where} must be {'at least' if kind == 'minimum' else 'more than'} {limit}"
    if kind in ("maximum", "exclusiveMaximum"):
        return f"{where} must be {'at most' if kind == 'maximum' else 'less than'} {limit}"
    if kind == "minLength":
        return f"{where} must be at least {limit} characters long"
    if kind == "maxLength":
        return f"{where} must be at most {limit} characters long"
    if kind == "minItems":
        return f"{where} must list at least {limit} item(s)"
    if kind == "maxItems":
        return f"{where} must list at most {limit} item(s)"
    if kind == "minProperties":
        return f"{where} must have at least {limit} field(s)"
    if kind == "pattern":
        return f"{where} does not have the expected form ({fallback})"
    return f"{where}: {fallback}"


_VALUE_KINDS = frozenset((
    "type", "enum", "const", "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum", "minLength", "maxLength", "pattern",
))
"""Violations of one value, which the field's own description helps to mend (`0.34 means 34 %`)."""


def _meaning(schema: Mapping[str, Any], path: PlanPath) -> str | None:
    """The schema's description of the field at `path`, as one sentence."""
    from ssi_lint.schema import subschema

    node = subschema(dict(schema), path)
    description = node.get("description") if node else None
    return description.rstrip(".") + "." if isinstance(description, str) and description else None


def _known_keys(schema: Mapping[str, Any], schema_path: list[str | int]) -> list[str]:
    """The property names the (sub)schema at schema_path declares."""
    node: Any = schema
    for part in schema_path:
        node = node[part]
    return sorted(node.get("properties", {})) if isinstance(node, Mapping) else []


def _unknown_key_message(key: str, parent: PlanPath, known: list[str], suggest: bool = True) -> str:
    """`unknown key 'invitatons' in outreach: did you mean 'invitations'?` (no suggestion when `suggest` is false)."""
    where = f" in `{format_path(parent)}`" if parent else ""
    message = f"unknown key `{key}`{where}"
    import difflib

    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6) if suggest else []
    if close:
        return f"{message}: did you mean `{close[0]}`?"
    if known:
        return f"{message} (known keys: {', '.join(known)})"
    return message
