"""Message and fix templates: `{self}`, `{params.limit}`, `{facts.x:.0%}`, `{self|message}`.

A placeholder is a plain path lookup into `self`, `plan`, `facts`, `params`,
(in rules with levels) `level` and `measure`, or (in rules with `among`) `item`, with an optional format spec
for numbers, or a noun to count: `{self|message}` reads "1 message" or
"3 messages", `{self|person/people}` names both forms. `{self.currency?USD,
as none is set}` shows the text after `?` when the plan does not state the
value (never `(not set)`); the text holds no `:`, `{` or `}`.
`{self.currency?=params.default_currency (none is set)}` shows another value
instead, the one the rule falls back on, then the text after its path: a
configured default reads as configured.
`{self:.0%~level}` names a number it must never read as: it takes more
decimals where the spec's rounding would show it equal to `level` (0.2999
against 0.30 reads `29.99%`, not `30%`), so a value said to be below or above
a threshold never reads as the threshold. No attribute access, no indexing
tricks: only mapping keys are followed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from msgspec import Struct
from msgspec.structs import astuple

from ssi_lint.model import AMONG_ITEM, lookup

ROOTS = ("self", "plan", "facts", "params", "level", "measure", AMONG_ITEM)
_TOKEN = r"\{\{|\}\}|\{([^{}:]*)(?::([^{}]*))?\}|[{}]"
_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_MISSING = object()
MAX_SPEC_NUMBER = 100
"""The largest width or precision a format spec may ask for (`{x:>1000000000}` would need a gigabyte)."""
_SPEC = r"(?:.?[<>=^])?[-+ ]?z?#?0?(?P<width>\d*)[_,]?(?:\.(?P<precision>\d+))?(?P<type>[bcdeEfFgGnosxX%]?)"
_APART = rf"(?s)(?P<spec>.*?)~(?P<path>{_NAME}(?:\.{_NAME})*)"
"""A spec that names the number its value must not read as: `.0%~level` (compiled when a template is first parsed)."""
_ROUNDING = frozenset("eEfFgG%")
"""Format types that round a number to their precision (6 when the spec gives none)."""


class Placeholder(Struct, frozen=True):
    """One `{root.a.b:spec}` in a template."""

    root: str
    keys: tuple[str, ...]
    spec: str
    column: int
    noun: str = ""
    """`message` or `person/people`: the value is shown as a count of it."""
    unstated: str = ""
    """The text shown when the plan does not state the value (`{path?text}`), after `otherwise`'s value if any; empty: `(not set)`."""
    apart: tuple[str, ...] = ()
    """`{self:.0%~level}`: the path (root first) of the number the value must not read as; empty: none."""
    otherwise: tuple[str, ...] = ()
    """`{self.currency?=params.default_currency}`: the path (root first) of the value shown when the plan does not state this one."""

    def text(self, scope: Mapping[str, Any]) -> str:
        """The placeholder filled from scope."""
        value = scope.get(self.root, _MISSING)
        if self.keys:
            value = lookup(value, self.keys, _MISSING)
        if value is _MISSING or value is None:
            if self.otherwise:
                fallback = lookup(scope, self.otherwise)
                if fallback is not None:
                    return _render_value(fallback, "") + self.unstated
                return self.unstated.strip() or _render_value(None, "")
            if self.unstated:
                return self.unstated
        elif type(value) in _AS_STR and not self.spec and not self.noun:  # most placeholders: `_render_value` without the calls
            text = str(value)
            return text if len(text) <= MAX_RENDERED else _cut(text)
        if self.noun:
            return counted(value, self.noun)
        spec = _apart_spec(value, lookup(scope, self.apart, _MISSING), self.spec) if self.apart else self.spec
        return _render_value(value, spec)


class Template(Struct, frozen=True):
    """A parsed template: literal text and placeholders, alternating."""

    parts: tuple[str | Placeholder, ...]

    def plain(self) -> tuple[str | tuple[Any, ...], ...]:
        """The template as plain values (placeholders as tuples of their fields), for snapshots."""
        return tuple(part if isinstance(part, str) else astuple(part) for part in self.parts)

    @classmethod
    def from_plain(cls, parts: tuple[str | tuple[Any, ...], ...]) -> Template:
        """The template `plain()` stood for."""
        return cls(tuple(part if isinstance(part, str) else Placeholder(*part) for part in parts))

    def placeholders(self) -> tuple[Placeholder, ...]:
        """The placeholders, in order."""
        return tuple(part for part in self.parts if isinstance(part, Placeholder))

    def fill(self, root: str, value: Any) -> Template:
        """The template with the placeholders under `root` filled from `value` and merged into the text around them.

        For a root that is the same wherever the template renders (a rule's `params`), so that it is read once;
        a placeholder kept apart from a number under another root is left to render.
        """
        parts: list[str | Placeholder] = []
        for part in self.parts:
            if type(part) is not str and part.root == root and part.apart[:1] in ((), (root,)) and part.otherwise[:1] in ((), (root,)):
                part = part.text({root: value})
            if type(part) is not str:
                parts.append(part)
            elif parts and type(parts[-1]) is str:
                parts[-1] += part
            elif part:
                parts.append(part)
        return Template(tuple(parts))

    def render(self, scope: Mapping[str, Any]) -> str:
        """Fill every placeholder from scope (`self`, `plan`, `facts`, `params`)."""
        if len(self.parts) == 1 and type(self.parts[0]) is str:  # no placeholder left (most fixes, once their params are filled)
            return self.parts[0]
        texts: list[str] = []  # a loop, not a list comprehension: a template has a few parts, and a comprehension costs a call of its own
        for part in self.parts:
            texts.append(part if type(part) is str else part.text(scope))
        return "".join(texts)


class TemplateError(ValueError):
    """A template is malformed; `column` is 1-based within the template text."""

    def __init__(self, message: str, column: int) -> None:
        super().__init__(message)
        self.column = column


def parse_template(text: str) -> Template:
    """Parse a template; `{{` and `}}` stand for literal braces."""
    parts: list[str | Placeholder] = []
    literal: list[str] = []
    position = 0
    for match in re.finditer(_TOKEN, text):
        literal.append(text[position : match.start()])
        position = match.end()
        if match.group(0) in ("{{", "}}"):
            literal.append(match.group(0)[0])
            continue
        if match.group(0) in ("{", "}"):
            raise TemplateError(f"unmatched `{match.group(0)}`; write `{match.group(0) * 2}` for a literal brace", match.start() + 1)
        path, question, unstated = match.group(1).partition("?")
        path, _, noun = path.partition("|")
        names = path.strip().split(".")
        column = match.start() + 1
        if (noun and (match.group(2) or not noun.strip())) or "|" in (match.group(2) or ""):
            raise TemplateError(f"placeholder `{match.group(0)}`: write a count as `{{path|noun}}` with no format spec", column)
        if question and (noun or match.group(2) or not unstated.strip()):
            raise TemplateError(f"placeholder `{match.group(0)}`: write `{{path?text}}`, text for an unstated value, with no noun or spec", column)
        otherwise: tuple[str, ...] = ()
        if unstated.lstrip().startswith("="):
            fallback = re.match(rf"\s*=\s*({_NAME}(?:\.{_NAME})*)(?=\s|$)", unstated)
            otherwise = tuple(fallback.group(1).split(".")) if fallback else ()
            if not otherwise or otherwise[0] not in ROOTS or otherwise == tuple(names):
                raise TemplateError(f"placeholder `{match.group(0)}`: the path after `?=` must be another path under {', '.join(ROOTS)}", column)
            unstated = unstated[fallback.end():].rstrip()  # type: ignore[union-attr]
        if names[0] not in ROOTS or not all(re.fullmatch(_NAME, name) for name in names):
            raise TemplateError(f"placeholder `{match.group(0)}` must be a path under {', '.join(ROOTS)}", column)
        spec, apart = _split_apart(match.group(2) or "")
        if apart and apart[0] not in ROOTS:
            raise TemplateError(f"placeholder `{match.group(0)}`: the path after `~` must be under {', '.join(ROOTS)}", column)
        problem = spec_problem(spec)
        if problem:
            raise TemplateError(f"placeholder `{match.group(0)}`: {problem}", column)
        text_after = unstated if otherwise else unstated.strip()
        parts.extend(("".join(literal), Placeholder(names[0], tuple(names[1:]), spec, column, noun.strip(), text_after, apart, otherwise)))
        literal = []
    parts.append("".join(literal) + text[position:])
    return Template(tuple(part for part in parts if part != ""))


def _split_apart(spec: str) -> tuple[str, tuple[str, ...]]:
    """A spec and the path after its `~` (`.0%~level` is `.0%` and `("level",)`); no `~path`: the spec and ()."""
    match = re.fullmatch(_APART, spec)
    if match is None:
        return spec, ()
    return match.group("spec"), tuple(match.group("path").split("."))


@lru_cache(maxsize=256)
def spec_problem(spec: str) -> str | None:
    """Why a format spec is refused (not Python's format mini-language, or too wide), or None."""
    match = re.fullmatch(_SPEC, spec, re.DOTALL)
    if match is None:
        return f"`{spec}` is not a format spec such as `.0%`, `.1f` or `>5`"
    for part in ("width", "precision"):
        number = match.group(part)
        if number and (len(number) > 3 or int(number) > MAX_SPEC_NUMBER):
            return f"the {part} in `{spec}` is above {MAX_SPEC_NUMBER}"
    return None


def safe_format(value: Any, spec: str) -> str | None:
    """`format(value, spec)` for an accepted spec, else None (also when the value does not take it)."""
    if spec_problem(spec) is not None:
        return None
    try:
        return format(value, spec)
    except (TypeError, ValueError, OverflowError):
        return None


def _apart_spec(value: Any, other: Any, spec: str) -> str:
    """`spec`, with as much more precision as it takes for `value` not to read as `other` (a different number).

    Unchanged when either is not a number, they are equal, or the spec does not round (no precision, not `eEfFgG%`).
    """
    rounding = _rounding(spec)
    if rounding is None or not (_is_number(value) and _is_number(other)) or value == other:
        return spec
    head, precision, tail = rounding
    finer = spec
    while precision < MAX_SPEC_NUMBER and (shown := safe_format(value, finer)) is not None and shown == safe_format(other, finer):
        precision += 1
        finer = f"{head}.{precision}{tail}"
    return finer


@lru_cache(maxsize=256)
def _rounding(spec: str) -> tuple[str, int, str] | None:
    """A rounding spec split around its precision (`.0%` is `("", 0, "%")`; 6 when it gives none), else None."""
    match = re.fullmatch(_SPEC, spec, re.DOTALL)
    if match is None or not (match.group("precision") or match.group("type") in _ROUNDING):
        return None
    head = spec[: match.start("precision") - 1] if match.group("precision") else spec[: match.start("type")]
    return head, int(match.group("precision") or 6), spec[match.start("type") :]


def _is_number(value: Any) -> bool:
    """An int or float, not a bool."""
    return isinstance(value, (int, float)) and not isinstance(value, bool)


MAX_RENDERED = 500
"""Characters of one value shown in a message; longer values are cut with an ellipsis."""


_AS_STR = frozenset((str, int))
"""Types whose text is `str(value)` when no format spec applies (exact types: not bool, not subclasses)."""


def _render_value(value: Any, spec: str) -> str:
    """A value as a user reads it (`true`, `0.34`, `a, b`, `(not set)`), at most MAX_RENDERED characters."""
    text = str(value) if not spec and type(value) in _AS_STR else _plain_text(value, spec)  # the common case, without the call
    return text if len(text) <= MAX_RENDERED else _cut(text)


def _cut(text: str) -> str:
    """A value's text longer than MAX_RENDERED characters, cut to them with an ellipsis."""
    return text[: MAX_RENDERED - 1] + "…"


def counted(value: Any, noun: str) -> str:
    """`1 message`, `3 messages`, `1,500 messages`, `2 people` (for `person/people`); `an unstated number of messages` when not set.
    The `{value|noun}` of messages, and the one plural of code that words a count (the projection's assumptions).

    A value the plan does not give is unknown, not zero: the text never says `no messages` for it.
    """
    singular, _, plural = noun.partition("/")
    plural = plural or singular + "s"
    if value is _MISSING or value is None:
        return f"an unstated number of {plural}"
    if type(value) is float and value.is_integer() and abs(value) < 1e15:  # 49999.0, a whole count YAML wrote as a float
        value = int(value)
    return f"{_render_value(value, ',' if type(value) is int else '')} {singular if value == 1 else plural}"  # 1,500 messages


def _plain_text(value: Any, spec: str) -> str:
    if value is _MISSING or value is None:
        return "(not set)"
    if spec and not isinstance(value, bool):
        formatted = safe_format(value, spec)
        if formatted is not None:
            return formatted
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.10g}"
    if isinstance(value, list):
        return ", ".join(_plain_text(item, "") for item in value[:MAX_RENDERED])
    if isinstance(value, Mapping):
        return ", ".join(f"{key}: {_plain_text(item, '')}" for key, item in list(value.items())[:MAX_RENDERED])
    return str(value)
