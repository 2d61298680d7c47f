"""CEL conditions: one environment per run, each `when` compiled once.

Evaluation errors come back as values, not exceptions: a missing key means
the rule does not apply; any other error is reported as a rule bug.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

from cel_expr_python import cel
from cel_expr_python.ext import ext_bindings, ext_math, ext_strings

from ssi_lint.model import AMONG_ITEM, CelFunction, Rule

VARIABLES = ("self", "plan", "facts", "params")
COMPARE = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le}
"""How a measure crosses a level, by the rule's `compare`."""
_BOOL = cel.Type.BOOL
_COMPILE_ERROR = r"<input>:(\d+):(\d+): ([^\n]*)"
_FIELD = r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+"
"""A field selection such as `facts.invitation_weeks`, which `has()` can test."""
_TYPES = {
    "int": cel.Type.INT,
    "uint": cel.Type.UINT,
    "double": cel.Type.DOUBLE,
    "bool": cel.Type.BOOL,
    "string": cel.Type.STRING,
    "bytes": cel.Type.BYTES,
    "list": cel.Type.List(cel.Type.DYN),
    "map": cel.Type.Map(cel.Type.STRING, cel.Type.DYN),
    "null": cel.Type.NULL,
}


class ConditionError(ValueError):
    """A condition does not compile; line and column are 1-based in its text."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


class EvaluationError(RuntimeError):
    """A condition failed for a reason other than a missing key."""


def cel_type(name: str) -> Any:
    """The CEL type for a plugin-facing type name; ValueError for unknown names."""
    try:
        return _TYPES[name]
    except KeyError:
        raise ValueError(f"unknown CEL type `{name}` (use one of {', '.join(_TYPES)})") from None


def build_environment(functions: Sequence[CelFunction] = (), variables: Sequence[str] = VARIABLES) -> Any:
    """A CEL environment with the rule variables, string and math helpers, `cel.bind` and plugin functions.

    `cel.bind(name, value, expression)` names a value computed once (a
    normalised text a list of words is matched against); the engine's bound
    programs (see `ssi_lint.engine.bound`) bind `self` and `params` with it.
    Without plugin functions the environment is built once a process and shared
    (it is immutable), so that programs read back for it can be shared too (`cache.load`).
    """
    return _new_environment(functions, variables) if functions else _shared_environment(tuple(variables))


@cache
def _shared_environment(variables: tuple[str, ...]) -> Any:
    """The environment without plugin functions, for these variables."""
    return _new_environment((), variables)


def _new_environment(functions: Sequence[CelFunction], variables: Sequence[str]) -> Any:
    """A new environment (see `build_environment`)."""
    declarations = [
        cel.FunctionDecl(
            function.name,
            [
                cel.Overload(
                    overload.id,
                    cel_type(overload.result),
                    [cel_type(name) for name in overload.params],
                    is_member=overload.member,
                    impl=overload.impl,
                )
                for overload in function.overloads
            ],
        )
        for function in functions
    ]
    extensions = [ext_strings.ExtStrings(), ext_math.ExtMath(), ext_bindings.ExtBindings()]
    return cel.NewEnv(
        variables={name: cel.Type.DYN for name in variables},
        extensions=extensions,
        functions=declarations,
    )


def signatures(functions: Iterable[CelFunction]) -> str:
    """The CEL functions' names and overloads as text: what compiled programs depend on (not the implementations)."""
    return repr([(function.name, [(o.id, o.params, o.result, o.member) for o in function.overloads])
                 for function in sorted(functions, key=lambda item: item.name)])


_NAMED_FACT = r"""\bfacts\s*\.\s*([A-Za-z_]\w*)|(?:'([A-Za-z_]\w*)'|"([A-Za-z_]\w*)")\s+in\s+facts\b"""
_ANY_FACT = r"\bfacts\b"
"""`facts_read`'s patterns, compiled when a rule is first compiled: a run that reads its rules from the snapshot never needs them."""


def facts_read(text: str) -> frozenset[str] | None:
    """The facts a CEL text reads by name (`facts.x`, `has(facts.x)`, `'x' in facts`); None when it may read any (`facts[...]`, `facts` whole).

    A mention in a string literal counts too: reading more is harmless.
    """
    named = ["".join(groups) for groups in re.findall(_NAMED_FACT, text)]
    return frozenset(named) if len(named) == len(re.findall(_ANY_FACT, text)) else None


def compile_condition(environment: Any, text: str) -> Any:
    """Compile a condition, raising ConditionError at the first problem."""
    try:
        return environment.compile(text)
    except RuntimeError as exc:
        match = re.search(_COMPILE_ERROR, str(exc))
        if match is None:
            raise ConditionError(str(exc).strip(), 1, 1) from None
        raise ConditionError(match.group(3).strip(), int(match.group(1)), int(match.group(2))) from None


def holds(program: Any, scope: Mapping[str, Any]) -> bool | None:
    """True or False as the condition says; None when a key it reads is absent.

    Failures the runtime raises instead of returning (its iteration budget
    exceeded, for one) are EvaluationErrors too.
    """
    return truth(run(program, scope))


def run(program: Any, scope: Mapping[str, Any]) -> Any:
    """A program's CEL result; failures the runtime raises instead of returning (its iteration budget) are EvaluationErrors."""
    try:
        return program.eval(data=scope)
    except RuntimeError as exc:
        raise EvaluationError(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__) from None


def boolean(result: Any) -> bool | None:
    """A CEL result that is true or false as a Python bool; None for anything else (an error included)."""
    return result.value() if result.type() == _BOOL else None  # type: ignore[no-any-return]


def failed(result: Any) -> bool:
    """Whether a CEL result is an error value (which Python would read as true)."""
    return bool(result.type() == cel.Type.ERROR)


def missing_key(result: Any) -> bool:
    """True for an error value that says a key is absent (the rule does not apply), False for any
    value that is not an error; EvaluationError for any other error (a rule bug)."""
    if result.type() != cel.Type.ERROR:
        return False
    message = str(result.value())
    if message.startswith("NOT_FOUND"):
        return True
    raise EvaluationError(message)


def truth(result: Any) -> bool | None:
    """A condition's CEL result as True or False; None for a missing key; EvaluationError otherwise."""
    if result.type() == cel.Type.BOOL:
        return bool(result.value())
    if missing_key(result):
        return None
    raise EvaluationError(f"the condition gave {describe(result)}, not true or false")


def describe(result: Any) -> str:
    """A CEL value for a message. A null is never converted: cel-expr-python hands it back
    as Python's None without counting the reference."""
    return "null" if result.type() == cel.Type.NULL else repr(result.value())


def levels_of(result: Any) -> list[Any] | None:
    """The measure and thresholds in a levelled rule's CEL result: `guard ? [measure, level, ...] : []` (see `levels_expression`)."""
    if missing_key(result):
        return None
    items = list(result.value())
    if not items:
        return None
    values = []
    for item in items:
        value = None if item.type() == cel.Type.NULL else item.value()
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise EvaluationError(f"the measure and levels must be numbers, not {'null' if value is None else repr(value)}")
        values.append(value)
    return values


def levels_expression(when: str | None, measure: str | None, levels: Sequence[str]) -> str:
    """One CEL program for a rule with levels: the guard, then the measure and every level's threshold."""
    items = ", ".join(f"dyn({text})" for text in (measure or "self", *levels))
    return f"({when or 'true'}) ? [{items}] : []"


def crossed_expression(rule: Rule) -> str:
    """A rule with levels as `levels_expression`, but `[]` also when its measure crosses no level (`[]` is a clean no).

    The measure and each level are written out again for the comparisons (a
    `cel.bind` of the list would do it once, but see `ssi_lint.engine.bound.batch_text`).
    """
    thresholds = _thresholds(rule)
    measure = rule.measure or "self"
    crossed = " || ".join(f"(({measure}) {rule.comparison(name)} ({threshold}))" for name, threshold in zip(rule.levels, thresholds, strict=True))
    return levels_expression(f"({rule.when or 'true'}) && ({crossed})", measure, thresholds)


def _thresholds(rule: Rule) -> list[str]:
    """The CEL text of each level's threshold, in the rule's order: its expression, or `params.levels.<name>`."""
    return [value if isinstance(value, str) else f"params.levels.{name}" for name, value in rule.levels.items()]


def condition_text(rule: Rule) -> str:
    """The CEL text of a rule's program: its `when` (over its `among` list: true for some item; false
    when the list is a field that is absent), or for a rule with levels the guard, measure and thresholds."""
    if rule.among:
        judged = f"({rule.among}).exists({AMONG_ITEM}, ({rule.when}))"
        return f"has({rule.among}) && {judged}" if re.fullmatch(_FIELD, rule.among.strip()) else judged
    if not rule.levels:
        return rule.when or ""
    return levels_expression(rule.when, rule.measure, _thresholds(rule))


def witness_text(rule: Rule) -> str:
    """In a rule with `among`, CEL for the items of its list its `when` holds for, in order (the first is the finding's `item`)."""
    return f"({rule.among}).filter({AMONG_ITEM}, ({rule.when}))"


def item_condition(when: str) -> tuple[str, int]:
    """A rule's `when` as CEL that declares `item` (to compile it apart, for errors), and how many columns of line 1 precede it."""
    prefix = f"dyn([]).exists({AMONG_ITEM}, "
    return f"{prefix}{when}\n)", len(prefix)
