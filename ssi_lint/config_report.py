"""`ssi-lint config`: the effective configuration, and where each value came from.

The text form is valid TOML (settings as `key = value`, origins as trailing
comments), so it can be pasted into a `[tool.ssi-lint]` table.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ssi_lint.config import KEYS, Config


def render_config(config: Config) -> str:
    """The effective settings, one per line, each with its origin as a comment (unset ones, such as `extend`, left out)."""
    source = config.path.as_posix() if config.path is not None else "none found; defaults apply"
    lines = [f"# ssi-lint configuration file: {source}"]
    settings = [(key, _toml(_plain(config.value(key)))) for key in KEYS if config.value(key) is not None]
    width = max(len(f"{key} = {text}") for key, text in settings)
    for key, text in settings:
        lines.append(f"{key} = {text}".ljust(width) + f"  # {config.origin[key]}")
    return "\n".join(lines) + "\n"


def render_config_json(config: Config) -> str:
    """The same as JSON: `{"file": ..., "settings": {...}, "origin": {...}}`."""
    payload = {
        "file": config.path.as_posix() if config.path is not None else None,
        "settings": {key: _plain(config.value(key)) for key in KEYS},
        "origin": {key: config.origin[key] for key in KEYS},
    }
    from ssi_lint.formatters.finite import finite

    return json.dumps(finite(payload), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _plain(value: Any) -> Any:
    """Paths as forward-slash text, tuples as lists, mappings as dicts."""
    if isinstance(value, Path):
        return value.as_posix()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def _toml(value: Any) -> str:
    """A value as TOML inline syntax."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_toml_key(key)} = {_toml(item)}" for key, item in value.items()) + " }"
    if isinstance(value, int | float):
        return repr(value)
    return json.dumps(value if isinstance(value, str) else str(value), ensure_ascii=False)


def _toml_key(key: str) -> str:
    bare = key.replace("-", "").replace("_", "").isalnum() and key.isascii()
    return key if bare else json.dumps(key, ensure_ascii=False)
