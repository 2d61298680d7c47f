"""Evaluate compiled rules on one plan: facts first, then every rule's condition.

On a plan that passed schema validation, a failing fact or condition is a bug
in the rule or plugin and raises RuleEvaluationError. On a plan with schema
violations the schema findings already explain the problem, so such failures
only mean that the rule cannot judge this plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from itertools import repeat
from operator import is_, methodcaller
from typing import TYPE_CHECKING, Any, NamedTuple

from msgspec import Struct
from msgspec.structs import replace

from ssi_lint.engine.conditions import COMPARE, EvaluationError, boolean, failed, levels_of, missing_key, run, truth
from ssi_lint.engine.facts_table import DeferredFacts, FactTable
from ssi_lint.engine.selectors import EACH, UNSELECTED, Selector, select
from ssi_lint.engine.subjects import read_fields, states_subject, subject_path
from ssi_lint.engine.templates import Template
from ssi_lint.errors import RuleEvaluationError
from ssi_lint.model import AMONG_ITEM, CelFunction, Document, Finding, PlanPath, Rule, Severity, format_path

if TYPE_CHECKING:
    from ssi_lint.engine.bound import BoundProgram, BoundRules


class CompiledRule(Struct, frozen=True):
    """A rule ready to run: its selector, compiled condition, templates and effective settings."""

    rule: Rule
    selector: Selector
    program: Any
    message: Template | Mapping[str, Template]
    """One template, or one per level name."""
    fix: Template | None
    params: Mapping[str, Any]
    severity: Severity
    levels: tuple[str, ...] = ()
    """Level names in the order the program returns their thresholds (most severe first)."""
    fixed_severity: bool = False
    """Configuration set the severity: every level reports at it."""
    autofix: Any = None
    """The compiled machine fix (`ssi_lint.engine.autofix.Autofix`), or None."""
    unstated: Template | None = None
    """The message when the plan does not state the field the finding is about (`Rule.unstated`), or None."""
    witness: Any = None
    """In a rule with `among`, the program that lists the items its condition holds for (`conditions.witness_text`); else None."""
    reads: frozenset[str] | None = None
    """The facts its condition reads by name (`conditions.facts_read`), worked out when it is compiled; None: it may read any."""

    def judges(self, unknown: PlanPath, at: PlanPath) -> bool:
        """Whether a finding of this rule at `at` may be about the unknown path.

        True when the path is the node itself, or when a plan path the rule names
        (`self.a.b` under its node, `plan.a.b` in its condition, a relative `subject`) is the
        unknown path or lies under it. A word of a `facts.` path (`facts.simulation.pending`)
        names no plan path, and a `plan.a.b` subject only says where to point: the SSI rules
        point at `account.ssi`, which an export cannot show, but judge the estimate there.
        """
        if unknown == at:
            return True
        size = len(unknown)
        return any(path[:size] == unknown for path in named_paths(self.rule, at))


def named_paths(rule: Rule, at: PlanPath) -> tuple[PlanPath, ...]:
    """The plan paths a rule at node `at` names: `self.x` in its texts and its relative subjects under `at`, `plan.x` as they are."""
    relative, absolute = _named(rule.when, rule.measure, rule.among, *(value for value in rule.levels.values() if isinstance(value, str)),
                                subject=rule.subject)
    return (*((*at, *keys) for keys in relative), *absolute)


@lru_cache(maxsize=1024)
def _named(*texts: str | None, subject: tuple[str, ...] = ()) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
    """The key paths CEL texts and subject entries name: (under the rule's node, from the plan's root)."""
    relative = list(read_fields(*texts))
    absolute = [tuple(match.group(1)[1:].split(".")) for text in texts for match in re.finditer(_PLAN_REFERENCE, text or "")]
    for entry in subject:  # `plan.a.b` only says where to point (SSI001 at the declared total it may judge instead of the estimate)
        keys = tuple(entry.split("."))
        if keys[0] not in ("plan", "facts", AMONG_ITEM):
            relative.append(keys)
    return tuple(relative), tuple(absolute)


_PLAN_REFERENCE = r"(?<![\w.])plan((?:\.[A-Za-z_]\w*)+)"
"""`plan.a.b` in a CEL text (never `facts.plan...` nor `x.plan`); compiled when a rule's paths are first asked for."""


# gc=False: made by the thousand, and it holds nothing that could refer back to it, so the collector need not track it.
class Match(Struct, frozen=True, gc=False):
    """A rule whose condition held at one node."""

    compiled: CompiledRule
    path: PlanPath
    scope: Mapping[str, Any]
    severity: Severity
    level: str | None = None
    """The level crossed, in a rule with levels."""


class Evaluator:
    """Runs a fixed set of compiled rules on plans.

    With `functions` (the run's CEL functions), the evaluator switches to bound
    programs (see `ssi_lint.engine.bound`) from its BIND_AFTER-th plan on, or
    when `bind()` is called: they cost a compilation once and save a
    conversion of the plan per condition. Without, each rule runs its own program.
    """

    BIND_AFTER = 16
    """Plans after which binding pays: reading the batch program and its slow first run cost ~40 ms, against ~3 ms saved a plan."""
    BIND_ITEMS = 48
    """List items in the sections of one plan (`ads.campaigns`, `outreach.schedule`) from which binding pays at once:
    a rule's own program runs once per item and converts the facts it reads each time."""

    def __init__(self, rules: tuple[CompiledRule, ...], facts: FactTable, functions: Sequence[CelFunction] | None = None) -> None:
        self.rules = rules
        self.facts = facts
        self._functions = functions
        self._bound: BoundRules | None = None
        self._settles: tuple[Callable[[Any], bool], ...] = ()
        """Per rule, once bound: whether its batch value (other than `true` and `false`) is a settled no (`_no_test`)."""
        self._plans = 0
        self._prepared = tuple(_prepare(compiled) for compiled in rules)
        self._deferred = _unread(facts.deferrable, self._prepared)
        self._partners = _partners(rules)

    def bind(self) -> None:
        """Build the bound programs now (say, before forking workers); nothing when binding is off."""
        if self._bound is None and self._functions is not None:
            from ssi_lint.engine.bound import BoundRules

            self._bound = BoundRules(self.rules, self._functions)
            self._settles = tuple(_no_test(prepared) if held else _unsettled for prepared, held in zip(self._prepared, self._bound.batched, strict=True))

    def matches(self, plan: Mapping[str, Any], strict: bool, subjects: dict[int, PlanPath] | None = None) -> list[Match]:
        """Every (rule, node) whose condition holds (or whose measure crosses a level) on the plan.

        `subjects` receives the fields (`subject_path`) that settling supersession worked out, by the
        match's id, so that a caller placing the matches does not work them out again.
        """
        facts = self.facts.compute(plan, strict, self._deferred)
        shown = DeferredFacts(self.facts, plan, strict, dict(facts), self._deferred) if self._deferred else facts
        self._plans += 1
        if self._bound is None and self._functions is not None and (self._plans == self.BIND_AFTER or _list_items(plan) >= self.BIND_ITEMS):
            self.bind()
        bound = self._bound
        activation = bound.activation(plan, facts) if bound is not None else None
        batch = bound.batch_values(activation) if bound is not None else None
        found = []
        for index in self._open(batch):
            prepared = self._prepared[index]
            compiled = prepared.compiled
            selected = select(plan, compiled.selector)
            if not selected:
                continue
            if batch is not None and bound is not None and bound.batched[index]:
                plain, results = _spread(batch[index], prepared, len(selected)), None
            else:
                plain, results = None, _bound_results(bound.program(index), activation, len(selected)) if bound is not None else None
            for number, (path, node) in enumerate(selected):
                scope = {"self": node, "plan": plan, "facts": facts, "params": compiled.params}
                try:
                    if plain is not None:
                        match = _judge_plain(prepared, path, scope, plain[number])
                    else:
                        match = _judge(prepared, path, scope, results[number] if results else None)
                    if match is not None and compiled.witness is not None:  # a rule with `among` has no levels: its match holds this scope
                        scope[AMONG_ITEM] = _witness(compiled.witness, _read(prepared, scope))  # the facts it reads only
                except EvaluationError as exc:
                    if not strict:
                        continue
                    where = format_path(path) or "the plan"
                    raise RuleEvaluationError(f"the condition failed at {where}: {exc}", compiled.rule) from None
                if match is not None:
                    if shown is not facts:
                        match.scope["facts"] = shown
                    found.append(match)
        return _drop_superseded(found, self._partners, {} if subjects is None else subjects)

    def _open(self, batch: list[Any] | None) -> Sequence[int]:
        """The indexes of the rules left to judge: those whose batch value is no settled no (every rule without a batch)."""
        if batch is None:
            return range(len(self._prepared))
        settles = self._settles
        # `false` first: a plain rule's clean no, and most rules' value; `true` is a plain rule's yes, and a wrong shape for any other
        return [index for index, value in enumerate(batch) if value is True or (value is not False and not settles[index](value))]

    def findings(self, document: Document, strict: bool, invalid: frozenset[PlanPath] = frozenset()) -> list[Finding]:
        """The findings for a loaded plan, located through its position index.

        No rule speaks of a node among the `invalid` paths, whose values break
        the plan schema: its SCHEMA001 finding already says what is wrong, and
        `per_week: -5` read as a number makes a verdict of nonsense. A rule that
        only reads such a value (and judges a valid node) still speaks, as one
        whose fact falls back on another field does. Nor does a rule speak where
        it judges a field the document's loader names unknown (`Document.unknown`).
        """
        if document.data is None:
            return []
        subjects: dict[int, PlanPath] = {}
        try:
            matches = self.matches(document.data, strict, subjects)
        except RuleEvaluationError as exc:
            rule = f"rule {exc.rule.id} ({exc.rule.location}): " if exc.rule else ""
            raise RuleEvaluationError(f"{document.source}: {rule}{exc}", exc.rule) from None
        if invalid:
            matches = [match for match in matches if match.path not in invalid]
        if document.unknown:
            matches = [match for match in matches if not any(match.compiled.judges(path, match.path) for path in document.unknown)]
        return [to_finding(match, document, subjects.get(id(match))) for match in matches]


def _list_items(plan: Mapping[str, Any]) -> int:
    """How many items the lists of the plan's sections hold (`ads.campaigns`: one per campaign)."""
    count = 0
    for section in plan.values():
        for value in section.values() if type(section) is dict else (section,):
            if type(value) is list:
                count += len(value)
    return count


def _unread(deferrable: frozenset[str], prepared: Sequence[_Prepared]) -> frozenset[str]:
    """The deferrable facts no condition or autofix reads (all of them are read when one may read any: `facts[...]`)."""
    if not deferrable:
        return deferrable
    read: set[str] = set()
    for rule in prepared:
        autofix = rule.compiled.autofix
        for names in (rule.compiled.reads, autofix.reads if autofix is not None else frozenset()):
            if names is None:
                return frozenset()
            read |= names
    return deferrable - read


def _bound_results(program: BoundProgram | None, activation: Any, count: int) -> list[Any] | None:
    """The bound program's result for each selected node, or None when the rule's own program must decide."""
    if program is None:
        return None
    try:
        result = program.program.eval(activation)
    except RuntimeError:  # the runtime gave up (its iteration budget): the rule's own program words the error
        return None
    if not program.each:
        return [result]
    if failed(result):
        return None
    items = result.value()
    return items if isinstance(items, list) and len(items) == count else None


class _Prepared(NamedTuple):
    """A compiled rule with what judging it needs, worked out once per run."""

    compiled: CompiledRule
    each: bool
    """Its `given` path has a `[*]` step: the batch gives a list, one result per node."""
    levels: tuple[tuple[str, Callable[[Any, Any], bool], Severity], ...]
    """In a rule with levels, each level's name, test of the measure against it, and severity, most severe first."""


def _prepare(compiled: CompiledRule) -> _Prepared:
    """A rule ready to judge, its params already written into its templates."""
    compiled = _with_params(compiled)
    rule = compiled.rule
    levels = tuple(
        (name, COMPARE[rule.comparison(name)], compiled.severity if compiled.fixed_severity else Severity.parse(name)) for name in compiled.levels
    )
    return _Prepared(compiled, EACH in compiled.selector, levels)


def _with_params(compiled: CompiledRule) -> CompiledRule:
    """The rule with its params written into its message, fix and unstated templates: every match renders them alike."""
    params = compiled.params
    message = (
        compiled.message.fill("params", params)
        if isinstance(compiled.message, Template)
        else {name: template.fill("params", params) for name, template in compiled.message.items()}
    )
    fix = compiled.fix.fill("params", params) if compiled.fix is not None else None
    unstated = compiled.unstated.fill("params", params) if compiled.unstated is not None else None
    return replace(compiled, message=message, fix=fix, unstated=unstated)


def _partners(rules: Sequence[CompiledRule]) -> dict[str, frozenset[str]]:
    """The rules in a supersession, each with the ids of those it supersedes or is superseded by: only a match of one of
    these can silence or be silenced, and only by a match of one of its partners."""
    partners: dict[str, set[str]] = {}
    for compiled in rules:
        rule = compiled.rule
        for other in rule.supersedes:
            partners.setdefault(rule.id, set()).add(other)
            partners.setdefault(other, set()).add(rule.id)
    return {rule_id: frozenset(ids) for rule_id, ids in partners.items()}


def _no_test(prepared: _Prepared) -> Callable[[Any], bool]:
    """The test of whether a rule's batch value (neither `true` nor `false`) needs no look at the plan: the path is absent
    (UNSELECTED), or the rule clearly fires nowhere.

    A clean no is `false` (`[]` for a rule with levels: its guard failed); a
    `[*]` rule's value is a list of them, one per node its `given` selects
    (the batch filters the list as `select` does), so an empty list is a no too.
    """
    if prepared.each:
        return _each_level_no if prepared.levels else _each_no
    return _level_no if prepared.levels else _unselected


def _unselected(value: Any) -> bool:
    """A plain rule's batch value is a settled no when its path is absent (`false` is one too, tested before)."""
    return value == UNSELECTED


def _level_no(value: Any) -> bool:
    """A rule with levels: its guard failed (`[]`), or its path is absent."""
    return value == [] or value == UNSELECTED


def _each_no(value: Any) -> bool:
    """A `[*]` rule: `false` at every node (none selected included), or its list is absent."""
    if type(value) is list:
        return all(map(is_, value, repeat(False)))  # in C, without a Python frame per item
    return value == UNSELECTED


def _each_level_no(value: Any) -> bool:
    """A `[*]` rule with levels: `[]` at every node (none selected included), or its list is absent."""
    if type(value) is list:
        return value.count([]) == len(value)  # every item `[]`
    return value == UNSELECTED


def _unsettled(value: Any) -> bool:
    """A rule the batch does not hold (its value is UNSELECTED): its own program decides."""
    return False


def _spread(value: Any, prepared: _Prepared, count: int) -> list[Any] | None:
    """A rule's plain batch result, one per selected node (a `[*]` rule's is a list), or None when the counts differ."""
    if not prepared.each:
        return [value]
    return value if isinstance(value, list) and len(value) == count else None


_NUMBERS = frozenset((int, float))
"""The types of a plain measure and thresholds."""


def _judge_plain(prepared: _Prepared, path: PlanPath, scope: dict[str, Any], value: Any) -> Match | None:
    """The match of one rule at one node from the batch's plain value; the rule's own program decides a value of the wrong shape."""
    if not prepared.levels:
        if type(value) is bool:
            return Match(prepared.compiled, path, scope, prepared.compiled.severity) if value else None
    elif type(value) is list and _NUMBERS.issuperset(map(type, value)):  # numbers only (no bool), checked in C
        return _crossed(prepared, path, scope, value)
    return _judge(prepared, path, scope)


def _judge(prepared: _Prepared, path: PlanPath, scope: dict[str, Any], result: Any = None) -> Match | None:
    """The match of one rule at one node, if its condition holds or its measure crosses a level.

    `result` is the bound program's CEL result at this node; when absent, an
    error or of the wrong shape, the rule's own program decides (and words the error).
    """
    compiled = prepared.compiled
    if not prepared.levels:
        verdict = boolean(result) if result is not None else None
        if verdict is None:
            verdict = truth(run(compiled.program, _read(prepared, scope)))
        return Match(compiled, path, scope, compiled.severity) if verdict else None
    if result is None or failed(result):
        result = run(compiled.program, _read(prepared, scope))
    return _crossed(prepared, path, scope, levels_of(result))


def _read(prepared: _Prepared, scope: dict[str, Any]) -> dict[str, Any]:
    """The scope a rule's own program is run with: `facts` cut down to those it reads."""
    reads = prepared.compiled.reads  # its own program is handed only these: cel-expr-python converts a whole `facts` map on each call
    if reads is None:
        return scope
    facts = scope["facts"]
    return {**scope, "facts": {name: facts[name] for name in reads if name in facts}}


def _witness(program: Any, scope: Mapping[str, Any]) -> Any:
    """The first item of a rule's `among` list that its condition holds for, as plain values; None when a key it reads is absent.

    An item on which the condition fails (an error the `exists` of the rule's program passed over) fails the
    whole list: EvaluationError, as for a failing condition.
    """
    result = run(program, scope)
    if missing_key(result):
        return None
    items = result.plain_value()
    return items[0] if isinstance(items, list) and items else None


def _crossed(prepared: _Prepared, path: PlanPath, scope: dict[str, Any], values: list[Any] | None) -> Match | None:
    """The match at the most severe level the measure crosses; `values` is the measure then each level's threshold (empty or None: no verdict)."""
    if not values:
        return None
    measure = values[0]
    for (name, crosses, severity), level in zip(prepared.levels, values[1:], strict=True):
        if crosses(measure, level):
            return Match(prepared.compiled, path, {**scope, "measure": measure, "level": level}, severity, name)
    return None


def _drop_superseded(matches: list[Match], partners: Mapping[str, frozenset[str]], subjects: dict[int, PlanPath]) -> list[Match]:
    """Where a rule supersedes another and both fire on the same part of the plan, only the more severe speaks.

    The same part: one match's node contains the other's (a campaign's offer
    and its category, `outreach` and `outreach.invitations`), or both point at
    the same field, never two campaigns; or the superseding match reports the other's excess
    (`_reports_excess`) wherever each points. On a tie the superseding rule speaks. Matches are settled from
    the most severe down, so a match that is itself silenced silences nothing.
    Severity here is the rule's own (`own_severity`): a configured severity changes how a finding is
    reported, never which of two findings speaks.
    Only a match of a rule in `partners` (by rule id, the rules it supersedes or is superseded by) whose partner
    matched too can silence or be silenced, and only a partner's match is weighed against it.
    The fields compared (`subject_path`) are kept in `subjects`, by the match's id.
    """
    present = {match.compiled.rule.id for match in matches}
    contested = [match for match in matches if not partners.get(match.compiled.rule.id, _NONE).isdisjoint(present)]
    if not contested:
        return matches

    def rank(match: Match) -> tuple[int, bool, str]:
        rule = match.compiled.rule
        return (-own_severity(match), not present.intersection(rule.supersedes), rule.id)

    def subject(match: Match) -> PlanPath:  # each match's field, worked out once however many pairs ask
        found = subjects.get(id(match))
        if found is None:
            found = subjects[id(match)] = subject_path(match)
        return found

    kept: list[Match] = []
    for match in sorted(contested, key=rank):
        rivals = partners[match.compiled.rule.id]
        if not any(_supersede(match, other, subject) for other in kept if other.compiled.rule.id in rivals):
            kept.append(match)
    if len(kept) == len(contested):
        return matches
    dropped = {id(match) for match in contested}.difference(id(match) for match in kept)
    return [match for match in matches if id(match) not in dropped]


_NONE: frozenset[str] = frozenset()
"""The partners of a rule in no supersession."""


def own_severity(match: Match) -> Severity:
    """The severity the rule's pack gives a match (the level it crosses, in a rule with levels), whatever the configuration says."""
    return Severity.parse(match.level) if match.level is not None else match.compiled.rule.severity


def _supersede(match: Match, other: Match, subject: Callable[[Match], PlanPath] = subject_path) -> bool:
    """Whether two matches stand in a supersession (either way) about the same part of the plan.

    The same part: one contains the other, or both findings point at the same field (a new
    account's daily limit and the daily limit of any account, both about `per_day`); see `_part`.
    Or the superseding match reports the other's excess (`_reports_excess`), wherever each points.
    `subject` is `subject_path` (remembered by the caller).
    """
    first, second = match.compiled.rule, other.compiled.rule
    if second.id in first.supersedes:
        superseding, superseded = match, other
    elif first.id in second.supersedes:
        superseding, superseded = other, match
    else:
        return False
    one, two = _part(match, subject), _part(other, subject)
    shorter = min(len(one), len(two))
    return one[:shorter] == two[:shorter] or subject(match) == subject(other) or _reports_excess(superseding, superseded)


def _reports_excess(superseding: Match, superseded: Match) -> bool:
    """Whether a superseding match with levels reports the excess of one it supersedes: a level at least as severe
    (as the packs rate them), past a threshold at least as far, by a measure at least as far, both rules comparing alike.

    A schedule week sending no more than the steady weekly volume, projected over the limit (SIM004 at the
    schedule entry), is the excess OUT003 reports at `per_week`: one finding, though the two point at different fields.
    """
    ours, theirs = superseding.level, superseded.level
    if ours is None or theirs is None or own_severity(superseding) < own_severity(superseded):
        return False
    direction = superseding.compiled.rule.comparison(ours)[0]
    if direction != superseded.compiled.rule.comparison(theirs)[0]:
        return False
    sign = 1 if direction == ">" else -1
    first, second = superseding.scope, superseded.scope
    return sign * (first["level"] - second["level"]) >= 0 and sign * (first["measure"] - second["measure"]) >= 0


def _part(match: Match, subject: Callable[[Match], PlanPath] = subject_path) -> PlanPath:
    """The part of the plan a match is about: its node, or the field it works out where it judges one field of it.

    That is a rule with `among` (a finding per item) or with a `measure`, whose subjects are all worked out
    (`item.path`, `facts.x.path`): the day or week it measures, not the whole of `outreach`.
    """
    rule = match.compiled.rule
    if (rule.among or rule.measure) and rule.subject and all(map(methodcaller("startswith", _WORKED_OUT), rule.subject)):
        return subject(match)
    return match.path


_WORKED_OUT = ("item.", "facts.")
"""How a subject the condition works out (rather than a field under the node) starts."""


_path_text = lru_cache(maxsize=4096)(format_path)
"""format_path, remembered: plan after plan, findings point at the same few hundred paths."""


def to_finding(match: Match, document: Document, path: PlanPath | None = None) -> Finding:
    """Render a match's message and fix and place it in the document, at `path` (its `subject_path`, when known)."""
    compiled = match.compiled
    rule = compiled.rule
    if path is None:
        path = subject_path(match)
    file, position = document.locate(path)
    if compiled.unstated is not None and not document.observed and not states_subject(match):
        message = compiled.unstated
    else:
        message = compiled.message if isinstance(compiled.message, Template) else compiled.message[match.level or ""]
    return Finding(
        rule_id=rule.id,
        name=rule.name,
        severity=match.severity,
        category=rule.category,
        pillar=rule.pillar,
        message=document.phrase(message.render(match.scope)),
        file=file,
        line=position.line,
        column=position.column,
        path=_path_text(path),
        guidance=rule.guidance,
        fix=compiled.fix.render(match.scope) if compiled.fix else None,
    )
