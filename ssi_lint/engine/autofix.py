"""Machine fixes: a rule's `autofix` names a field and a CEL expression for its new value.

    autofix: {field: per_day, value: "math.least(self, params.limit)"}

`field` is a dotted path relative to the node the rule's `given` selects, or
an absolute plan path when it starts with `plan.`; without it the node itself
is rewritten. `value` is compiled with the rule's condition and evaluated in
the same scope (`self`, `plan`, `facts`, `params`) wherever the condition
holds. A fix only replaces a scalar that the plan already states, with a
value of the same kind (a number for a number, a text for a text): it never
adds a field, so it cannot invent a fact about the account. A value of `null`
declines: the rule offers no fix for that match (its field is not what makes
the rule fire there), and the finding is left for its author.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from cel_expr_python import cel
from msgspec import Struct

from ssi_lint.engine.conditions import ConditionError, EvaluationError, compile_condition, describe, facts_read, missing_key, run
from ssi_lint.engine.facts_table import DeferredFacts
from ssi_lint.engine.subjects import subject_path
from ssi_lint.model import PlanPath, format_path, lookup

if TYPE_CHECKING:
    from ssi_lint.engine.evaluation import CompiledRule, Evaluator, Match

ABSOLUTE = "plan."
_VALUE_TYPES = (cel.Type.INT, cel.Type.UINT, cel.Type.DOUBLE, cel.Type.BOOL, cel.Type.STRING)


class Autofix(Struct, frozen=True):
    """A compiled machine fix: where it writes and the program that computes the value."""

    field: tuple[str, ...]
    absolute: bool
    value: str
    program: Any
    reads: frozenset[str] | None = None
    """The facts its value reads by name (`conditions.facts_read`); None: it may read any."""

    def target(self, at: PlanPath) -> PlanPath:
        """The plan path the fix writes, for a match at `at`."""
        return self.field if self.absolute else (*at, *self.field)

    def plain(self) -> tuple[tuple[str, ...], bool, str, bytes, frozenset[str] | None]:
        """The fix as plain values (the program serialized), for snapshots."""
        return self.field, self.absolute, self.value, self.program.serialize(), self.reads

    @classmethod
    def from_plain(cls, plain: tuple[tuple[str, ...], bool, str, bytes, frozenset[str] | None], environment: Any) -> Autofix:
        """The fix `plain()` stood for, its program read back in `environment`."""
        field, absolute, value, program, reads = plain
        return cls(tuple(field), absolute, value, environment.deserialize(program), reads)


class Edit(Struct, frozen=True):
    """One scalar to rewrite: which rule asks for it, for the finding at `at`."""

    rule_id: str
    at: str
    """The dotted path of the finding the fix answers."""
    path: PlanPath
    old: Any
    new: Any


class AutofixError(ValueError):
    """An `autofix` entry does not compile; `key` says which of its keys, line and column are 1-based."""

    def __init__(self, message: str, key: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.key = key
        self.line = line
        self.column = column


def compile_autofix(environment: Any, declared: Mapping[str, str] | None) -> Autofix | None:
    """Compile a rule's `autofix` mapping, or None when the rule has none."""
    if not declared:
        return None
    text = declared.get("field", "")
    absolute = text.startswith(ABSOLUTE)
    field = tuple(filter(None, (text[len(ABSOLUTE):] if absolute else text).split(".")))
    if absolute and not field:
        raise AutofixError("`plan.` alone names no field", "field")
    try:
        program = compile_condition(environment, declared["value"])
    except ConditionError as exc:
        raise AutofixError(str(exc), "value", exc.line, exc.column) from None
    return Autofix(field, absolute, declared["value"], program, facts_read(declared["value"]))


def evaluate(autofix: Autofix, scope: Mapping[str, Any]) -> Any:
    """The fix's value in a match's scope; None when a key it reads is absent or the fix declines (`null`)."""
    result = _run(autofix, scope)
    if missing_key(result) or result.type() == cel.Type.NULL:
        return None
    if result.type() not in _VALUE_TYPES:
        raise EvaluationError(f"the autofix value is {describe(result)}, not a number, a text or true/false")
    return result.value()


def edit_for(match: Match, plan: Mapping[str, Any]) -> Edit | None:
    """The edit a match's rule proposes, or None when it has no fix or nothing to change."""
    autofix: Autofix | None = match.compiled.autofix
    if autofix is None:
        return None
    path = autofix.target(match.path)
    missing = object()
    old = lookup(plan, path, missing)
    new = evaluate(autofix, match.scope)
    if old is missing or new is None or not _same_kind(old, new):
        return None
    if isinstance(old, int) and isinstance(new, float) and new.is_integer():
        new = int(new)
    if new == old and type(new) is type(old):
        return None
    return Edit(match.compiled.rule.id, format_path(subject_path(match)), path, old, new)


def edits(matches: Iterable[Match], plan: Mapping[str, Any]) -> list[Edit]:
    """Every proposed edit, one per field: a rule's wins over the rules it supersedes, else the first rule (by id) that asks."""
    chosen: dict[PlanPath, Edit] = {}
    for match in sorted(matches, key=lambda item: (item.compiled.rule.id, item.path)):
        edit = edit_for(match, plan)
        held = chosen.get(edit.path) if edit is not None else None
        if edit is not None and (held is None or held.rule_id in match.compiled.rule.supersedes):
            chosen[edit.path] = edit
    return list(chosen.values())


def apply(plan: Mapping[str, Any], found: Iterable[Edit]) -> dict[str, Any]:
    """A copy of the plan data with the edits made (for checking fixes, not for writing files)."""
    import copy

    fixed = copy.deepcopy(dict(plan))
    for edit in found:
        parent = lookup(fixed, edit.path[:-1])
        parent[edit.path[-1]] = edit.new
    return fixed


def declines(autofix: Autofix, match: Match) -> bool:
    """Whether the fix's value is `null` at the match: the rule offers no fix there."""
    return bool(_run(autofix, match.scope).type() == cel.Type.NULL)


def _run(autofix: Autofix, scope: Mapping[str, Any]) -> Any:
    """The fix's CEL result; the facts as a plain dict (a match shows messages lazily computed ones)."""
    facts = scope.get("facts")
    return run(autofix.program, {**scope, "facts": facts.settled()} if isinstance(facts, DeferredFacts) else scope)


def check_example(compiled: CompiledRule, evaluator: Evaluator, example: Mapping[str, Any]) -> tuple[bool, str | None]:
    """On a fail example the fix must apply and silence the rule, unless it declines wherever the rule fires.

    Returns whether the fix mended the example, and the problem found (None when none).
    """
    matches = evaluator.matches(example, strict=True)
    found = [edit for edit in edits(matches, example) if edit.rule_id == compiled.rule.id]
    if not found:
        own = [match for match in matches if match.compiled.rule.id == compiled.rule.id]
        declined = bool(own) and all(declines(compiled.autofix, match) for match in own)
        return False, None if declined else "its autofix changes nothing"
    if evaluator.matches(apply(example, found), strict=True):
        return False, "still fires after its autofix"
    return True, None


def _same_kind(old: Any, new: Any) -> bool:
    """Numbers replace numbers, texts texts, booleans booleans."""
    if isinstance(old, bool) or isinstance(new, bool):
        return isinstance(old, bool) and isinstance(new, bool)
    if isinstance(old, int | float):
        return isinstance(new, int | float)
    return isinstance(old, str) and isinstance(new, str)
