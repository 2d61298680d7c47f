"""Configuration: `.ssi-lint.yaml` or `[tool.ssi-lint]` in `pyproject.toml`.

Discovery walks from a start directory upwards and takes the nearest
directory holding either file, stopping at the repository root (the first
directory containing `.git`). When one directory holds both, `.ssi-lint.yaml`
wins: a file that exists only to configure ssi-lint is the more specific
intent (ruff makes the same choice for `ruff.toml` over `pyproject.toml`).
A `pyproject.toml` without a `[tool.ssi-lint]` table does not count.

Every file is validated against `schema/config.schema.json`; the first
violation is raised as a one-line ConfigError naming the file, the key
(`line:col` for YAML, the dotted key path for TOML) and a suggestion.

`extend: PATH` (relative to the file) inherits another configuration: the
file's own keys replace the inherited ones, except that `rules`, `plugins`
and `extend-exclude` are appended to and `severity`, `params` and
`per-file-ignores` are merged entry by entry.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Mapping
from datetime import date, time
from functools import cache
from pathlib import Path
from typing import Any

from msgspec import Struct, field
from msgspec.structs import replace

from ssi_lint.errors import ConfigError
from ssi_lint.model import Document, Problem, Rule, format_path, lookup, param_range_error, words_param

PLAN_PATTERNS = ("*.plan.yaml", "*.plan.yml")
"""The files a folder search checks by default."""
YAML_NAME = ".ssi-lint.yaml"
PYPROJECT = "pyproject.toml"
TOML_TABLE = "tool.ssi-lint"
CONFIG_NAMES = (YAML_NAME, PYPROJECT)
"""The names of the files a folder's configuration is read from: never linted as plans."""
KEYS = (
    "extend", "select", "ignore", "fail-on", "severity", "params", "rules", "plugins",
    "include", "exclude", "extend-exclude", "respect-gitignore", "per-file-ignores",
)
DEFAULT = "default"
COMMAND_LINE = "command line"
FAIL_ON = ("error", "warning", "info", "never")
GLOB_KEYS = ("include", "exclude", "extend-exclude")
_EXTEND = ("rules", "plugins", "extend-exclude")
_UPDATE = ("severity", "params", "per-file-ignores")
_RULE_ID_KEYED = ("severity", "params")
"""The settings whose keys are rule ids, read in any case (`per-file-ignores` is keyed by globs, and lists its ids)."""
MAX_EXTEND_DEPTH = 16


def _default_origin() -> dict[str, str]:
    return dict.fromkeys(KEYS, DEFAULT)


class Config(Struct, frozen=True):
    """The effective settings, and where each came from.

    `origin` maps every key (kebab-case, as written in files) to `default`, the
    configuration file's path, `command line`, or `<path> + command line` when
    both contributed. `rules` paths are already resolved against the file's
    directory; `include`, `exclude`, `extend-exclude` and `per-file-ignores`
    globs are relative to `root`.
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str = "error"
    severity: Mapping[str, str] = field(default_factory=dict)
    params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    rules: tuple[Path, ...] = ()
    plugins: tuple[str, ...] = ()
    include: tuple[str, ...] = PLAN_PATTERNS
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    respect_gitignore: bool = True
    """In a git work tree, folder searches skip what `.gitignore` files ignore."""
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Glob to rule ids or prefixes whose findings are dropped in the files it matches."""
    extend: Path | None = None
    """The configuration this one inherits from, if any."""
    path: Path | None = None
    """The configuration file, or None when only defaults (and the command line) apply."""
    root: Path | None = None
    """The directory `include` and `exclude` are relative to (the file's directory)."""
    files: tuple[Path, ...] = ()
    """Every configuration file read for it: `path`, then those it extends, nearest first."""
    origin: dict[str, str] = field(default_factory=_default_origin)

    def value(self, key: str) -> Any:
        """A setting by its configuration-file name (`fail-on`)."""
        return getattr(self, key.replace("-", "_"))

    @property
    def excluded(self) -> tuple[str, ...]:
        """Every exclusion glob: `exclude`, then `extend-exclude`."""
        return (*self.exclude, *self.extend_exclude)

    def checks_file(self, path: Path, *, explicit: bool = False) -> bool:
        """Whether to check a file: never when an exclusion glob matches it or a parent
        directory; when found by searching a directory, only when `include` matches.
        """
        from ssi_lint import globs

        if globs.is_excluded(self.excluded, path, self.root):
            return False
        return explicit or globs.is_included(self.include, path, self.root)

    def ignored_rules(self, path: Path) -> tuple[str, ...]:
        """The rule ids or prefixes `per-file-ignores` drops for this file."""
        if not self.per_file_ignores:
            return ()
        from ssi_lint import globs

        return tuple(
            rule for pattern, rules in self.per_file_ignores.items()
            if globs.matches((pattern,), path, self.root) for rule in rules
        )


def find_config(start: Path) -> Path | None:
    """The nearest configuration file from `start` (a directory or file) upwards.

    Stops after the first directory containing `.git`. Raises ConfigError when a
    `pyproject.toml` that mentions ssi-lint is not valid TOML.
    """
    directory = Path(os.path.abspath(start))
    if not directory.is_dir():
        directory = directory.parent
    for candidate in (directory, *directory.parents):
        found = config_in(candidate)
        if found is not None:
            return found
        if is_repository_root(candidate):
            return None
    return None


def config_in(folder: Path) -> Path | None:
    """The configuration file a folder holds itself (`.ssi-lint.yaml`, else a `pyproject.toml` with a `[tool.ssi-lint]` table), or None.

    A folder that cannot be looked into holds none. Raises ConfigError when a
    `pyproject.toml` that mentions ssi-lint is not valid TOML.
    """
    if os.path.isfile(os.path.join(folder, YAML_NAME)):
        return folder / YAML_NAME
    pyproject = folder / PYPROJECT
    if os.path.isfile(pyproject) and _has_table(pyproject):
        return pyproject
    return None


def is_repository_root(folder: Path | str) -> bool:
    """Whether the folder holds `.git`: configuration is not looked for above it."""
    return os.path.exists(os.path.join(folder, ".git"))


def load_config(path: Path, _chain: tuple[Path, ...] = ()) -> Config:
    """Read and validate one configuration file (YAML, `pyproject.toml`, or another TOML file), and what it extends."""
    display = path.as_posix()
    text = _read_text(path, display)
    if path.suffix == ".toml":
        data, document = _toml_settings(text, display, path.name == PYPROJECT)
    else:
        data, document = _yaml_settings(text, display)
    table = TOML_TABLE if path.name == PYPROJECT else ""
    _validate(data, document, display, table)
    _check_rule_id_keys(data, document, display, table)
    _check_globs(data, document, display, table)
    base = Config()
    if "extend" in data:
        base = _extended(path, str(data["extend"]), _key_where(display, document, table, ("extend",)), _chain)
    return _build(data, path, display, base)


def _extended(path: Path, target: str, where: str, chain: tuple[Path, ...]) -> Config:
    """The configuration `extend` names, relative to the file that names it."""
    base_path = Path(os.path.normpath(path.parent / target))
    resolved = Path(os.path.realpath(base_path))
    seen = (*chain, Path(os.path.realpath(path)))
    if resolved in seen:
        raise ConfigError(f"{where}: a cycle: {' -> '.join(item.name for item in (*seen, resolved))}")
    if len(seen) > MAX_EXTEND_DEPTH:
        raise ConfigError(f"{where}: chains more than {MAX_EXTEND_DEPTH} files")
    if not base_path.is_file():
        raise ConfigError(f"{where}: no configuration file {target!r} (relative to {path.parent.as_posix()})")
    return load_config(base_path, seen)


def merge(config: Config, cli_overrides: Mapping[str, Any]) -> Config:
    """Apply command-line values on top of a configuration.

    Keys are configuration names (`fail-on` or `fail_on`); None and empty values
    mean "not given". `select`, `ignore`, `fail-on`, `include` and `exclude`
    replace the file's value; `rules` and `plugins` are appended to it;
    `severity` and `params` are merged per rule (the command line wins).
    """
    changes: dict[str, Any] = {}
    origin = dict(config.origin)
    for raw_key, value in cli_overrides.items():
        key = raw_key.replace("_", "-")
        if key not in KEYS:
            raise ValueError(f"unknown configuration key {raw_key!r}")
        if value is None or (not isinstance(value, str) and not value):
            continue
        current = config.value(key)
        changes[key.replace("-", "_")] = _combine(key, current, value)
        before = origin[key]
        combined = (key in _EXTEND or key in _UPDATE) and before != DEFAULT and bool(current)
        origin[key] = f"{before} + {COMMAND_LINE}" if combined else COMMAND_LINE
    if changes.get("fail_on", config.fail_on) not in FAIL_ON:
        raise ConfigError(f"--fail-on must be one of {', '.join(FAIL_ON)}, not {changes['fail_on']!r}")
    return replace(config, origin=origin, **changes)


def check_rule_ids(config: Config, rules: Iterable[Rule]) -> None:
    """Raise ConfigError for a `severity`, `params` or `per-file-ignores` entry naming an unknown rule or parameter."""
    known = {rule.id: rule for rule in rules}
    for pattern, entries in config.per_file_ignores.items():
        for entry in entries:
            if not any(rule_id.startswith(entry) for rule_id in known):
                where = f"{config.origin['per-file-ignores']}: per-file-ignores.{pattern}"
                raise ConfigError(f"{where}: unknown rule id or prefix `{entry}`{_rule_hint(entry, known)}")
            from ssi_lint.selection import refuse_only_file_problems

            refuse_only_file_problems(entry, known, f"{config.origin['per-file-ignores']}: per-file-ignores.{pattern}: `{entry}`")
    for key in ("severity", "params"):
        for rule_id, value in config.value(key).items():
            where = f"{config.origin[key]}: {key}.{rule_id}"
            if rule_id not in known:
                raise ConfigError(f"{where}: unknown rule id `{rule_id}`{_rule_hint(rule_id, known)}")
            if key == "params":
                source = known.get(known[rule_id].params_from)
                for name in value:
                    if source is not None and name in source.params:  # a shared threshold is configured where it is written
                        raise ConfigError(
                            f"{where}.{name}: {rule_id} judges with the params of {source.id}: set it under params.{source.id}.{name}, for both"
                        )
                    if name not in known[rule_id].params:
                        taken = ", ".join(sorted(known[rule_id].params)) or "none"
                        hint = _hint(name, known[rule_id].params) or f" ({rule_id} takes: {taken})"
                        raise ConfigError(f"{where}: unknown parameter `{name}`{hint}")
                    _check_param_type(where, name, known[rule_id].params[name], value[name])
                    if words_param(known[rule_id], known[rule_id].params[name]):
                        _check_words(where, name, value[name])


def check_rule_packs_exist(config: Config) -> None:
    """Raise ConfigError naming where `rules` came from for a rule pack that does not exist.

    One that exists but is not a regular file (a FIFO, a device) is refused when it is read.
    """
    for path in config.rules:
        if not path.exists():
            origin = config.origin["rules"]
            where = "--rules" if origin == COMMAND_LINE else f"{origin}: rules"
            raise ConfigError(f"{where}: no rule pack file {path.as_posix()}")


def _check_param_type(where: str, name: str, default: Any, value: Any) -> None:
    """A parameter keeps the kind of its default: a number, true/false, a text, a list or a mapping, never null; the items
    of a list and the values of a mapping keep the kind their default's share (`min_daily_budget: {EUR: 10}`, not `{EUR: ten}`)."""
    if default is None:  # a plugin's param without a default kind: anything goes
        return
    if _kind(default) != _kind(value):
        raise ConfigError(f"{where}: parameter `{name}` must be {_kind(default)} (default {default!r}), not {'null' if value is None else repr(value)}")
    problem = param_range_error(default, value)
    if problem is not None:
        raise ConfigError(f"{where}: parameter `{name}` {problem}")
    if isinstance(default, Mapping):
        items, defaults = list(value.items()), list(default.values())
    elif isinstance(default, list | tuple):
        items, defaults = list(enumerate(value)), list(default)
    else:
        return
    kinds = {_kind(item) for item in defaults}
    if len(kinds) != 1:  # an empty default, or one of mixed kinds: nothing to hold the items to
        return
    for key, item in items:
        _check_param_type(where, f"{name}.{key}" if isinstance(default, Mapping) else f"{name}[{key}]", defaults[0], item)


def _check_words(where: str, name: str, value: list[Any]) -> None:
    """The items of a list of words and phrases (`words_param`) are texts, even where its default is empty (`unless: []`)."""
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise ConfigError(f"{where}: parameter `{name}[{index}]` must be a text (a word or phrase), not {'null' if item is None else repr(item)}")


def _kind(item: Any) -> str:
    """The kind of a parameter value, as a message names it."""
    if item is None:
        return "nothing (null)"
    if isinstance(item, bool):
        return "true or false"
    if isinstance(item, int | float):
        return "a number"
    return "a list" if isinstance(item, list | tuple) else "a mapping" if isinstance(item, Mapping) else "a text"


def _rule_hint(rule_id: str, known: Iterable[str]) -> str:
    from ssi_lint.rule_ids import suggest

    close = suggest(rule_id, known, "`")
    return f": did you mean {close}?" if close else ""


def _hint(word: str, choices: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f": did you mean `{close[0]}`?" if close else ""


def _combine(key: str, current: Any, value: Any) -> Any:
    if key == "fail-on":
        return str(value)
    if key == "respect-gitignore":
        return bool(value)
    if key in _UPDATE:
        if key == "params":
            return {**current, **{rid: {**current.get(rid, {}), **dict(ps)} for rid, ps in value.items()}}
        return {**current, **value}
    items = (value,) if isinstance(value, str | Path) else tuple(value)
    if key == "rules":
        return (*current, *(Path(item) for item in items))
    if key == "plugins":
        return (*current, *(item for item in items if item not in current))
    if key == "extend-exclude":
        return (*current, *(str(item) for item in items))
    return tuple(str(item) for item in items)


def _read_text(path: Path, display: str) -> str:
    from ssi_lint.reading import UnreadableInput, read_bytes

    try:
        return read_bytes(path).decode("utf-8-sig")
    except UnreadableInput as exc:
        raise ConfigError(f"{display}: cannot read configuration: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{display}: the configuration is not valid UTF-8 text") from None


_MAY_NAME_TABLE = r"""\[\s*tool\s*\.\s*["']?ssi-lint|ssi-lint["']?\s*[.\]=]"""
"""`ssi-lint` where TOML could make it a key (`[tool.ssi-lint`, `ssi-lint.select`, `"ssi-lint" =`).

Only a pyproject.toml with such a spot is parsed: one that names ssi-lint as a
dependency (`"ssi-lint>=0.1"`) or as the project's name is not, and importing
and running the TOML parser is a few percent of a one-plan run."""


def _has_table(pyproject: Path) -> bool:
    text = _read_text(pyproject, pyproject.as_posix())
    if "ssi-lint" not in text:
        return False
    import re

    if re.search(_MAY_NAME_TABLE, text) is None:
        return False
    tool = _parse_toml(text, pyproject.as_posix()).get("tool", {})
    return isinstance(tool, dict) and "ssi-lint" in tool


def _parse_toml(text: str, display: str) -> dict[str, Any]:
    """Parse TOML; dates and times become ISO text, as YAML timestamps do in plans."""
    import tomllib

    try:
        return _dates_as_text(tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{display}: invalid TOML: {exc}") from None


def _dates_as_text(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _dates_as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(item) for item in value]
    return value.isoformat() if isinstance(value, date | time) else value


def _toml_settings(text: str, display: str, pyproject: bool) -> tuple[dict[str, Any], None]:
    data = _parse_toml(text, display)
    if not pyproject:
        return data, None
    tool = data.get("tool", {})
    if not isinstance(tool, dict) or "ssi-lint" not in tool:
        raise ConfigError(f"{display}: no [{TOML_TABLE}] table")
    if not isinstance(tool["ssi-lint"], dict):
        raise ConfigError(f"{display}: {TOML_TABLE} must be a table of settings")
    return tool["ssi-lint"], None


def _yaml_settings(text: str, display: str) -> tuple[dict[str, Any], Document]:
    from ssi_lint.loading import load_text

    document = load_text(text, display)
    if document.problems:
        first = min(document.problems, key=_where)
        if first.code == "LOAD004":  # an empty file: every setting keeps its default
            return {}, Document(display, {})
        message = "the configuration must be a mapping of settings" if first.code == "LOAD003" else first.message
        raise ConfigError(f"{display}:{first.position.line}:{first.position.column}: {message}")
    return dict(document.data or {}), document


def _where(problem: Problem) -> tuple[int, int]:
    return (problem.position.line, problem.position.column)


@cache
def _checker() -> Any:
    from ssi_lint.schema import SCHEMA_DIR, load_schema
    from ssi_lint.validation import SchemaChecker

    return SchemaChecker(load_schema(SCHEMA_DIR / "config.schema.json"), "CONFIG", "CONFIG")


def _key_where(display: str, document: Document | None, table: str, path: tuple[str | int, ...]) -> str:
    """`file:line:col: key` for YAML, `file: table.key` for TOML."""
    key = ".".join(filter(None, (table, format_path(path))))
    if document is not None and path in document.keys:
        position = document.keys[path]
        return f"{display}:{position.line}:{position.column}: {key}"
    return f"{display}: {key}"


def _check_rule_id_keys(data: Mapping[str, Any], document: Document | None, display: str, table: str) -> None:
    """Raise a ConfigError for a rule id written twice in one mapping keyed by rule id (`severity`, `params`), in two cases.

    Rule ids are read in any case, so `OUT001` and `out001` are one key, as a key written twice is: the later would win.
    """
    for section in _RULE_ID_KEYED:
        first: dict[str, str] = {}
        for key in data.get(section, {}):
            seen = first.setdefault(key.upper(), key)
            if seen == key:
                continue
            earlier = _key_line(document, (section, seen))
            raise ConfigError(f"{_key_where(display, document, table, (section, key))}: duplicate key {key!r} "
                              f"(first{earlier} as {seen!r}: rule ids are read in any case)")


def _key_line(document: Document | None, path: tuple[str | int, ...]) -> str:
    """` at line N` for a key of a YAML configuration, empty for TOML."""
    if document is None or path not in document.keys:
        return ""
    return f" at line {document.keys[path].line}"


def _check_globs(data: Mapping[str, Any], document: Document | None, display: str, table: str) -> None:
    """Raise a ConfigError naming the key of the first pattern that is not a valid glob."""
    if not any(key in data for key in (*GLOB_KEYS, "per-file-ignores")):
        return
    from ssi_lint.globs import GlobError, check_globs

    places: list[tuple[tuple[str | int, ...], str]] = [
        ((key, index), pattern) for key in GLOB_KEYS for index, pattern in enumerate(data.get(key, ()))
    ]
    places += [(("per-file-ignores", pattern), pattern) for pattern in data.get("per-file-ignores", {})]
    for path, pattern in places:
        try:
            check_globs((pattern,))
        except GlobError as exc:
            raise ConfigError(f"{_key_where(display, document, table, path)}: {exc}") from None


def _validate(data: dict[str, Any], document: Document | None, display: str, table: str) -> None:
    """Raise the first schema violation: by position for YAML, naming the key path for TOML.

    A number that is not finite (`.nan`, `.inf`) is refused anywhere: as a threshold it would switch a rule off.
    """
    problems = _checker().problems(document or Document(display, data))
    if problems and document is not None:
        first = min(problems, key=_where)
        raise ConfigError(f"{display}:{first.position.line}:{first.position.column}: {first.message}")
    if problems:
        key = ".".join(filter(None, (table, format_path(problems[0].path))))
        raise ConfigError(f"{display}: {key}: {problems[0].message}")
    bad = _not_finite(data, ())
    if bad is not None:
        raise ConfigError(f"{_key_where(display, document, table, bad)}: must be a finite number, not {lookup(data, bad)}")


def _not_finite(value: Any, path: tuple[str | int, ...]) -> tuple[str | int, ...] | None:
    """The path of the first float in a setting that is not finite (NaN or infinite), or None."""
    if isinstance(value, float):
        return None if math.isfinite(value) else path
    items = value.items() if isinstance(value, Mapping) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        found = _not_finite(item, (*path, key))
        if found is not None:
            return found
    return None


def _build(data: Mapping[str, Any], path: Path, display: str, base: Config) -> Config:
    """The file's settings on top of what it extends (the defaults when it extends nothing)."""
    values: dict[str, Any] = {}
    origin = dict(base.origin)
    for key in KEYS:
        if key not in data:
            continue
        value = data[key]
        if key == "extend":
            value = path.parent / value
        elif key == "rules":
            value = tuple(path.parent / item for item in value)
        elif key == "per-file-ignores":
            value = {pattern: tuple(entry.upper() for entry in entries) for pattern, entries in value.items()}
        elif key in ("select", "ignore"):  # rule ids are read in any case, as on the command line and in suppressions
            value = tuple(entry.upper() for entry in value)
        elif key in ("severity", "params"):
            value = {rule_id.upper(): entry for rule_id, entry in value.items()}
        elif isinstance(value, list):
            value = tuple(value)
        current = base.value(key)
        if key in _EXTEND or key in _UPDATE:
            value = _combine(key, current, value) if key != "rules" else (*current, *value)
        inherited = (key in _EXTEND or key in _UPDATE) and origin[key] != DEFAULT and bool(current)
        values[key.replace("-", "_")] = value
        origin[key] = f"{origin[key]} + {display}" if inherited else display
    return replace(base, **values, path=path, root=path.parent, files=(path, *base.files), origin=origin)
