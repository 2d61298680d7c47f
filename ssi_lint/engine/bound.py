"""Bound programs: rule conditions that read one CEL activation per plan.

A rule's own program gets its variables as Python values on every call, and
cel-expr-python converts `plan` and `facts` again for each call that reads
them. A bound program instead reads `plan` and `facts` from an activation
built once per plan (which converts each once) and binds the rest itself:

    cel.bind(params, {"limit": 100}, cel.bind(self, plan["outreach"]["invitations"]["per_week"], WHEN))

A `[*]` step maps the condition over the list (`plan["ads"]["campaigns"].map(self, WHEN)`).
Only a clean result is used: an error, a result of the wrong shape or a rule
whose program cannot be built sends the engine back to the rule's own
program, so findings and error messages are the same either way.

The batch program runs every rule in one call. It is compiled unchecked
(each rule's condition was type-checked on its own), so it leaves out the
`dyn()` calls the type checker needs and that cost a call each at run time,
and it works out each distinct `given` guard once, in a list bound ahead of
the rules. It binds `plan` and `facts` to themselves first: every later
mention then reads a local slot instead of asking the activation again. The rules whose conditions use `cel.bind` run before the others
(see `batch_text`). It takes long to compile, so it is kept as a snapshot (see
`ssi_lint.snapshot`) keyed by its text and the CEL functions' signatures.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping, Sequence
from contextlib import suppress
from functools import cache
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from ssi_lint.engine.conditions import build_environment, condition_text, crossed_expression, failed, signatures
from ssi_lint.engine.selectors import EACH, UNSELECTED, UNSETTLED, Selector
from ssi_lint.model import CelFunction

if TYPE_CHECKING:
    from ssi_lint.engine.evaluation import CompiledRule

BOUND_VARIABLES = ("plan", "facts")
SNAPSHOT_KIND = "batch"
_ITEM = "ssi_item"
"""The comprehension variable that walks a `[*]` list (rule conditions cannot name it)."""
_GUARDS = "ssi_guards"
"""The batch's list of distinct `given` guards (rule conditions cannot name it)."""
_FIRST = "ssi_first"
"""The batch's results of the rules whose conditions use `cel.bind`, worked out before the others (see `batch_text`)."""
_NODES = "ssi_nodes"
"""The batch's list of the distinct node lists `[*]` rules walk, each selected once (rule conditions cannot name it)."""


class BoundProgram(Struct, frozen=True):
    """A rule's condition bound to its params and `given` node; `each` when it returns one result per list item."""

    program: Any
    each: bool


class BoundRules:
    """Every rule's bound program, and one batch program that runs them all in a single call.

    The batch is a list with one element per rule: UNSELECTED where the rule's
    `given` path is absent (or the rule has no bound program), UNSETTLED where
    a fact the rule names is absent, else its bound program's result. Any error in any rule fails the whole batch; the
    engine then runs the rules one at a time. Each rule's own bound program
    (`program(index)`) is compiled on first use.
    """

    def __init__(self, rules: Sequence[CompiledRule], functions: Sequence[CelFunction] = ()) -> None:
        self.environment = build_environment(functions, BOUND_VARIABLES)
        self._signatures = signatures(functions)
        self._rules = tuple(rules)
        self._programs: dict[int, BoundProgram | None] = {}
        self.batched, self.batch = self._compile_batch()

    def program(self, index: int) -> BoundProgram | None:
        """The bound program of the index-th rule (compiled on first use), None where the rule keeps its own program."""
        if index not in self._programs:
            self._programs[index] = self._bind(self._rules[index])
        return self._programs[index]

    def activation(self, plan: Mapping[str, Any], facts: Mapping[str, Any]) -> Any:
        """The activation every bound program of one plan reads."""
        return self.environment.Activation(data={"plan": plan, "facts": facts})

    def batch_values(self, activation: Any) -> list[Any] | None:
        """Each rule's result as plain Python values (UNSELECTED: not selected or not batched), or None when the batch fails."""
        if self.batch is None:
            return None
        try:
            result = self.batch.eval(activation)
        except RuntimeError:  # the runtime gave up (its iteration budget): each rule runs on its own
            return None
        return None if failed(result) else result.plain_value()  # type: ignore[no-any-return]

    def _bind(self, compiled: CompiledRule) -> BoundProgram | None:
        text = bound_text(compiled)
        if text is None:
            return None
        try:
            program = self.environment.compile(text)
        except RuntimeError:  # a rule this form cannot express keeps its own program
            return None
        return BoundProgram(program, EACH in compiled.selector)

    def _compile_batch(self) -> tuple[tuple[bool, ...], Any]:
        """Which rules the batch holds, and the batch program (None when it does not compile)."""
        text, batched = _batch(self._rules)
        program = self._batch_program(text)
        if program is None:
            return tuple(False for _ in batched), None
        with suppress(RuntimeError):  # its first run plans it: forked workers then share the plan
            program.eval(self.activation({}, {}))
        return batched, program

    def _batch_program(self, text: str) -> Any:
        """The batch program from its snapshot, else compiled and kept; None when it does not compile.

        It is compiled unchecked: every rule's condition was type-checked on its own.
        """
        from ssi_lint import __version__, snapshot

        key = "\n".join((__version__, sys.version, self._signatures, text))
        stored = snapshot.read(SNAPSHOT_KIND, key)
        if isinstance(stored, bytes):
            try:
                return self.environment.deserialize(stored)
            except RuntimeError:
                pass
        try:
            program = self.environment.compile(text, disable_check=True)
        except RuntimeError:
            return None
        snapshot.write(SNAPSHOT_KIND, key, program.serialize())
        return program


def batch_text(rules: Sequence[CompiledRule]) -> str:
    """The unchecked batch program: each distinct guard once, then one item per rule (UNSELECTED for a rule it cannot hold)."""
    return _batch(rules)[0]


def _batch(rules: Sequence[CompiledRule]) -> tuple[str, tuple[bool, ...]]:
    """The batch program's text (see `batch_text`), and which rules it holds.

    Each distinct list of nodes that `[*]` rules walk (`ads.campaigns[*].offer`)
    is selected once, ahead of the rules. The items of rules whose conditions
    use `cel.bind` are worked out next, before any other rule runs:
    cel-expr-python (0.1.3) can give a `cel.bind`
    name the value an earlier, sibling comprehension left behind when it
    stopped early (an `exists` or `all`), so `self.skills.exists(s, ...)` in
    one rule could become `h` in the next one's `cel.bind(h, self.headline, ...)`.
    """
    guards = [selected_guard(compiled.selector) for compiled in rules]
    walked = [node_list(compiled.selector, typed=False) if compiled.selector.count(EACH) == 1 else None for compiled in rules]
    lists = {walk: position for position, walk in enumerate(dict.fromkeys(walk for walk in walked if walk is not None))}
    texts = [bound_text(compiled, typed=False, nodes=None if walk is None else f"{_NODES}[{lists[walk]}]")
             for compiled, walk in zip(rules, walked, strict=True)]
    number = {guard: index for index, guard in enumerate(dict.fromkeys(guard for guard, text in zip(guards, texts, strict=True) if text is not None))}
    items = [
        f"({_GUARDS}[{number[guard]}] ? {_with_facts(compiled, text)} : '{UNSELECTED}')" if text is not None else f"'{UNSELECTED}'"
        for compiled, guard, text in zip(rules, guards, texts, strict=True)
    ]
    binding = [index for index, (compiled, text) in enumerate(zip(rules, texts, strict=True)) if text is not None and _binds(compiled)]
    listed = f"[{', '.join(items)}]"
    if binding:
        first = {index: position for position, index in enumerate(binding)}
        listed = f"[{', '.join(f'{_FIRST}[{first[index]}]' if index in first else item for index, item in enumerate(items))}]"
        listed = _ahead(_FIRST, [items[index] for index in binding], listed)
    if lists:  # each list of nodes selected once, before any rule walks it (`[]` for one only a rule the batch cannot hold walks)
        guard_of = {walk: guard for guard, walk, text in zip(guards, walked, texts, strict=True) if walk is not None and text is not None}
        listed = _ahead(_NODES, [f"({_GUARDS}[{number[guard_of[walk]]}] ? {walk} : [])" if walk in guard_of else "[]" for walk in lists], listed)
    program = f"cel.bind({_GUARDS}, [{', '.join(number)}], {listed})"
    for variable in reversed(BOUND_VARIABLES):
        program = f"cel.bind({variable}, {variable}, {program})"
    return program, tuple(text is not None for text in texts)


def _ahead(name: str, values: Sequence[str], then: str) -> str:
    """`then` with `name` bound to the list of `values`, worked out before `then` runs.

    `size() >= 0` makes it so: a cel.bind value is otherwise worked out on its
    first use, wherever that falls (see `batch_text`).
    """
    return f"cel.bind({name}, [{', '.join(values)}], size({name}) >= 0 ? {then} : [])"


def _binds(compiled: CompiledRule) -> bool:
    """Whether the rule's condition names values with `cel.bind`."""
    return "cel.bind(" in condition_text(compiled.rule)


_LEADING_GUARD = re.compile(r"\s*(?:has\(facts\.([A-Za-z_]\w*)\)|'([A-Za-z_]\w*)'\s+in\s+facts)\s*(?:&&|$)")
"""`has(facts.x) &&` or `'x' in facts &&` at the start of a condition."""


def _with_facts(compiled: CompiledRule, text: str) -> str:
    """The rule's batch item: its bound program when every fact it names is present, else UNSETTLED.

    A fact the plan does not say enough about is absent, and reading it is an
    error that would fail the whole batch; the rule's own program judges such a plan.
    A fact the condition itself tests first (`has(facts.x) && ...`) needs no
    such guard: without it the condition is false before it reads it.
    """
    condition = condition_text(compiled.rule)
    guarded = _guarded(condition if compiled.rule.among else compiled.rule.when or "")  # an `among` list's own guard leads its program
    names = sorted(set(re.findall(r"\bfacts\.([A-Za-z_]\w*)", condition)) - guarded)
    if not names:
        return text
    present = " && ".join(f"has(facts.{name})" for name in names)
    return f"(({present}) ? {text} : '{UNSETTLED}')"


def _guarded(when: str) -> set[str]:
    """The facts a condition tests for presence before anything else (its leading `has(facts.x) &&` conjuncts).

    None in a condition with `||` or `?`, which bind more loosely than `&&`:
    `has(facts.x) && a || facts.x > 0` reads the fact whether or not it is there.
    """
    if "||" in when or "?" in when:
        return set()
    names: set[str] = set()
    position = 0
    while (match := _LEADING_GUARD.match(when, position)) and match.end() > position:
        names.add(match.group(1) or match.group(2))
        position = match.end()
    return names


def selected_guard(selector: Selector) -> str:
    """CEL that is true when `select` would reach the path (for `[*]`, the list itself), as the engine's selectors do."""
    steps = selector[: selector.index(EACH)] if EACH in selector else selector
    parts = [f"type({_index('plan', steps[:depth])}) == map && {_quoted(step)} in {_index('plan', steps[:depth])}"
             for depth, step in enumerate(steps)]
    if EACH in selector:
        parts.append(f"type({_index('plan', steps)}) == list")
    return " && ".join(parts) or "true"


def bound_text(compiled: CompiledRule, typed: bool = True, nodes: str | None = None) -> str | None:
    """The bound program's CEL text, or None when the params or the `given` path cannot be written in it.

    `typed` wraps values in the `dyn()` the type checker needs; an unchecked
    program (the batch) goes without, since at run time `dyn` only costs a call,
    and gives a rule with levels `[]` when its measure crosses none (most plans),
    which the engine skips without a look at the plan. `nodes` is CEL that
    holds a `[*]` rule's `node_list` already (the batch selects each list once).
    """
    params = cel_literal(compiled.params, typed)
    selector = compiled.selector
    if params is None or selector.count(EACH) > 1:
        return None
    condition = f"({condition_text(compiled.rule) if typed or not compiled.rule.levels else crossed_expression(compiled.rule)})"
    if EACH not in selector:
        body = f"cel.bind(self, {_dyn(_index('plan', selector), typed)}, {condition})"
    else:
        body = f"{nodes or node_list(selector, typed)}.map(self, {condition})"
    return f"cel.bind(params, {_dyn(params, typed)}, {body})"


def node_list(selector: Selector, typed: bool = True) -> str:
    """CEL for the nodes a `[*]` selector (with one `[*]`) reaches, in order, as `select` finds them.

    An item is selected only when it is a mapping holding the next key, and
    so on down (the `given` guard has checked the path up to the list).
    """
    split = selector.index(EACH)
    items = _dyn(_index("plan", selector[:split]), typed)
    rest = selector[split + 1 :]
    if not rest:
        return items
    present = " && ".join(
        f"type({_index(_ITEM, rest[:depth])}) == map && {_quoted(key)} in {_index(_ITEM, rest[:depth])}"
        for depth, key in enumerate(rest)
    )
    return f"{items}.filter({_ITEM}, {present}).map({_ITEM}, {_dyn(_index(_ITEM, rest), typed)})"


@cache
def _quoted(text: str) -> str:
    """A string as a CEL string literal (JSON's escapes are CEL's); the same keys are quoted again and again."""
    return json.dumps(text, ensure_ascii=False)


def _dyn(text: str, typed: bool) -> str:
    return f"dyn({text})" if typed else f"({text})"


def _index(root: str, steps: Selector) -> str:
    return root + "".join(f"[{_quoted(step)}]" for step in steps)


def cel_literal(value: Any, typed: bool = True) -> str | None:
    """A JSON-like value as a CEL literal of the same CEL value, or None when it has no exact one (`typed`: see `bound_text`)."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int):
        return str(value) if -(2**63) <= value < 2**63 else None
    if isinstance(value, float):
        return repr(value) if value == value and value not in (float("inf"), float("-inf")) else None
    if isinstance(value, str):
        return _quoted(value)
    if isinstance(value, list | tuple):
        items = [cel_literal(item, typed) for item in value]
        return None if None in items else f"[{', '.join(_dyn(item, typed) for item in items if item is not None)}]"
    if isinstance(value, Mapping):
        if not all(isinstance(key, str) for key in value):
            return None
        entries = {_quoted(key): cel_literal(item, typed) for key, item in value.items()}
        if None in entries.values():
            return None
        return "{" + ", ".join(f"{key}: {_dyn(item, typed)}" for key, item in entries.items() if item is not None) + "}"
    return None
