"""CEL conditions: compile errors with line and column, evaluation errors as values, plugin functions."""

from __future__ import annotations

from typing import Any

import pytest

from ssi_lint.engine.conditions import (
    ConditionError,
    EvaluationError,
    build_environment,
    cel_type,
    compile_condition,
    holds,
)
from ssi_lint.model import CelFunction, CelOverload


@pytest.fixture(scope="module")
def env() -> Any:
    return build_environment()


def run(env: Any, expr: str, **scope: Any) -> bool | None:
    return holds(compile_condition(env, expr), {"self": None, "plan": {}, "facts": {}, "params": {}, **scope})


COMPILE_ERRORS = [
    ("dangling-operator", "self >", 1, 7, "Syntax error"),
    ("dangling-and", "self > params.limit &&", 1, 23, "Syntax error"),
    ("extra-operator", "self > > 1", 1, 8, "extraneous input '>'"),
    ("bad-member", "self.(x)", 1, 6, "no viable alternative"),
    ("unterminated-string", "'abc", 1, 1, "token recognition error"),
    ("second-line", "self > 1\n && )", 2, 5, "mismatched input ')'"),
    ("second-line-eof", "self >\n  1 +", 2, 6, "Syntax error"),
    ("undeclared-function", "foo(1)", 1, 4, "undeclared reference to 'foo'"),
    ("undeclared-variable", "selff > 1", 1, 1, "undeclared reference to 'selff'"),
    ("empty", "", 1, 1, "Syntax error"),
]


@pytest.mark.parametrize(("expr", "line", "column", "words"), [case[1:] for case in COMPILE_ERRORS],
                         ids=[case[0] for case in COMPILE_ERRORS])
def test_compile_error_has_line_and_column(env: Any, expr: str, line: int, column: int, words: str) -> None:
    with pytest.raises(ConditionError) as info:
        compile_condition(env, expr)
    assert (info.value.line, info.value.column) == (line, column)
    assert words in str(info.value)
    assert "<input>" not in str(info.value)


RESULTS = [
    ("int-gt", "self > 3", {"self": 4}, True),
    ("int-not-gt", "self > 3", {"self": 2}, False),
    ("int-vs-double", "self > 3.5", {"self": 4}, True),
    ("double-vs-int", "self > 3", {"self": 3.5}, True),
    ("params", "self > params.limit", {"self": 5, "params": {"limit": 4}}, True),
    ("has-absent", "has(plan.a)", {}, False),
    ("has-present", "has(plan.a)", {"plan": {"a": 1}}, True),
    ("size", "size(self) > 1", {"self": [1, 2]}, True),
    ("in", "'x' in self", {"self": ["x"]}, True),
    ("exists", "self.exists(i, i > 2)", {"self": [1, 3]}, True),
    ("matches", "self.matches('^a')", {"self": "abc"}, True),
    ("strings-extension", "self.lowerAscii() == 'abc'", {"self": "ABC"}, True),
    ("math-extension", "math.greatest(self, 2) == 5", {"self": 5}, True),
    ("missing-plan-key", "plan.a.b > 1", {}, None),
    ("missing-fact", "facts.x > 1", {}, None),
    ("missing-param", "params.limit > 1", {}, None),
    ("missing-map-index", "self['k'] > 1", {"self": {}}, None),
]


@pytest.mark.parametrize(("expr", "scope", "expected"), [case[1:] for case in RESULTS], ids=[case[0] for case in RESULTS])
def test_holds(env: Any, expr: str, scope: dict, expected: bool | None) -> None:
    assert run(env, expr, **scope) is expected


EVAL_ERRORS = [
    ("divide-by-zero", "self / 0 > 1", {"self": 1}, "divide by zero"),
    ("no-overload", "self > 1", {"self": "x"}, "No matching overloads"),
    ("list-index", "self[3] > 1", {"self": [1]}, "index"),
    ("bad-conversion", "int(self) > 1", {"self": "zz"}, "cannot convert"),
    ("int-overflow", "self > 1", {"self": 2**70}, "out of range"),
    ("non-bool-int", "self", {"self": 3}, "the condition gave 3, not true or false"),
    ("non-bool-arith", "self + 1", {"self": 3}, "the condition gave 4, not true or false"),
    ("non-bool-null", "self", {"self": None}, "the condition gave null, not true or false"),
    ("non-bool-string", "'yes'", {}, "not true or false"),
]


@pytest.mark.parametrize(("expr", "scope", "words"), [case[1:] for case in EVAL_ERRORS], ids=[case[0] for case in EVAL_ERRORS])
def test_evaluation_error_raises(env: Any, expr: str, scope: dict, words: str) -> None:
    with pytest.raises(EvaluationError, match="(?i)" + words.replace("(", r"\(")):
        run(env, expr, **scope)


TWICE = CelFunction("twice", (
    CelOverload("twice_int", ("int",), "int", lambda x: 2 * x),
    CelOverload("twice_double", ("double",), "double", lambda x: 2.0 * x),
    CelOverload("string_twice", ("string",), "string", lambda s: s + s, member=True),
    CelOverload("twice_list", ("list",), "int", lambda items: 2 * len(items)),
    CelOverload("twice_map", ("map",), "int", lambda mapping: 2 * len(mapping)),
))


@pytest.mark.parametrize(("expr", "value"), [
    ("twice(self) == 6", 3),
    ("twice(self) == 3.0", 1.5),
    ("self.twice() == 'abab'", "ab"),
    ("twice(self) == 4", [1, 2]),
    ("twice(self) == 2", {"k": 1}),
], ids=["int", "double", "member-string", "list", "map"])
def test_plugin_function_overloads(expr: str, value: Any) -> None:
    assert run(build_environment([TWICE]), expr, self=value) is True


def test_plugin_function_without_matching_overload_is_an_evaluation_error() -> None:
    with pytest.raises(EvaluationError, match="No matching overloads"):
        run(build_environment([TWICE]), "twice(self) > 1", self=True)


def test_plugin_function_is_unknown_without_plugin(env: Any) -> None:
    with pytest.raises(ConditionError, match="twice"):
        compile_condition(env, "twice(self) > 1")


def test_unknown_type_name() -> None:
    with pytest.raises(ValueError, match="unknown CEL type `float`"):
        cel_type("float")


def test_plugin_function_with_unknown_type_fails_to_build() -> None:
    bad = CelFunction("f", (CelOverload("f_float", ("float",), "bool", lambda x: True),))
    with pytest.raises(ValueError, match="unknown CEL type `float`"):
        build_environment([bad])


def test_no_cel_null_is_handed_to_python_uncounted() -> None:
    """cel-expr-python returns a CEL null as Python's None without counting the reference; ssi-lint never converts one."""
    import sys

    from ssi_lint.engine.conditions import describe, levels_of

    scope = {"self": 1, "plan": {}, "facts": {}, "params": {}}
    program = compile_condition(build_environment(), "dyn(null)")
    results = [program.eval(data=scope) for _ in range(2000)]
    before = sys.getrefcount(None)
    assert {describe(result) for result in results} == {"null"}
    assert sys.getrefcount(None) - before > -50  # converting them would take 2,000 references away
    with pytest.raises(EvaluationError, match="not null"):
        levels_of(compile_condition(build_environment(), "[dyn(1), dyn(null)]").eval(data=scope))
