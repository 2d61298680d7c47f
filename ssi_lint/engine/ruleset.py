"""Compile rule packs into a RuleSet: conditions, selectors, templates, checked examples."""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from msgspec import Struct, field
from msgspec.structs import replace

from ssi_lint.engine.conditions import ConditionError, build_environment, compile_condition, condition_text, facts_read, item_condition, witness_text
from ssi_lint.engine.subjects import read_fields
from ssi_lint.engine.evaluation import CompiledRule, Evaluator
from ssi_lint.engine.facts_table import FactTable
from ssi_lint.engine.packs import Pack, read_pack
from ssi_lint.engine.selectors import compile_selector
from ssi_lint.engine.templates import Template, TemplateError, parse_template
from ssi_lint.errors import ConfigError, PluginError, RuleEvaluationError, RuleFileError, plugin_failure
from ssi_lint.model import AMONG_ITEM, CelFunction, Fact, Position, Rule, Severity, as_words, lookup, param_range_error, words_param


class RuleOverrides(Struct, frozen=True):
    """What configuration changes about rules: which run, their params and severities."""

    selected: Callable[[str], bool] = lambda rule_id: True
    params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    severities: Mapping[str, Severity] = field(default_factory=dict)
    params_name: str = "params"
    """Where `params` were given (`.ssi-lint.yaml: params`), for errors."""


class RuleSet(Struct, frozen=True):
    """Every declared rule, the compiled ones that run, and the informational guidance."""

    rules: tuple[Rule, ...]
    evaluator: Evaluator
    informational: Mapping[str, str]


def read_packs(pack_paths: Sequence[Path], owners: Mapping[Path, str] | None = None) -> list[Pack]:
    """Read and validate every pack; rule ids must be unique across them.

    `owners` names who contributed each pack (a plugin, `--rules`), for errors.
    """
    packs = [read_pack(path) for path in pack_paths]
    _check_unique_ids(packs, owners or {})
    return _share_params(packs)


NOT_LOADED = "among the rule packs loaded"
"""How a `params_from` problem ends when the rule it names is in no pack loaded (`check-rules` then loads the installed ones)."""


def _share_params(packs: list[Pack]) -> list[Pack]:
    """Each rule with `params_from` given the params of the rule it names: one set of thresholds, for both to judge with."""
    by_id = {rule.id: rule for pack in packs for rule in pack.rules}

    def shared(pack: Pack, index: int, rule: Rule) -> Rule:
        source = by_id.get(rule.params_from)
        both = sorted(set(rule.params) & set(source.params)) if source is not None else []
        problem = (
            f"no rule {rule.params_from} {NOT_LOADED}" if source is None
            else f"{source.id} takes its params from {source.params_from} itself: name {source.params_from}" if source.params_from
            else "a rule with numeric levels has params of its own (`params.levels`)" if "levels" in rule.params
            else f"{', '.join(both)} {'is' if len(both) == 1 else 'are'} {source.id}'s: one threshold has one name" if both
            else ""
        )
        if problem:
            raise RuleFileError(f"{pack.locate(pack.field_position(index, 'params_from'))}: {rule.id}: params_from: {problem}")
        return replace(rule, params={**source.params, **rule.params})  # type: ignore[union-attr]

    return [
        replace(pack, rules=tuple(shared(pack, index, rule) if rule.params_from else rule for index, rule in enumerate(pack.rules)))
        if any(rule.params_from for rule in pack.rules) else pack
        for pack in packs
    ]


def rule_params(packs: Sequence[Pack], overrides: RuleOverrides, ids: Container[str]) -> dict[str, Mapping[str, Any]]:
    """The params of the named rules, configuration applied, whether they run or not (for the facts that apply them)."""
    return {
        rule.id: _effective(rule, rule.params, _configured(overrides, rule), overrides.params_name)
        for pack in packs for rule in pack.rules if rule.id in ids
    }


def build_ruleset(
    packs: Sequence[Pack],
    facts: Sequence[Fact],
    functions: Sequence[CelFunction] = (),
    overrides: RuleOverrides | None = None,
    run_examples: Container[Path] | None = None,
    fact_owners: Mapping[str, str] | None = None,
    environment: Any = None,
    precompiled: Mapping[str, CompiledRule] | None = None,
    deferrable_facts: frozenset[str] = frozenset(),
) -> RuleSet:
    """Compile the selected rules of every pack and run their examples.

    `run_examples` names the packs whose examples run, resolved (None: every pack).
    `precompiled` rules (by id, from the cache) are used instead of compiling.
    `deferrable_facts` never fail, so they may be computed only when read.
    Raises RuleFileError at the first problem.
    """
    overrides = overrides or RuleOverrides()
    environment = environment if environment is not None else build_environment(functions)
    applied = {rule_id for fact in facts for rule_id in fact.params_from}
    defaults = FactTable(tuple(facts), fact_owners, deferrable_facts, rule_params(packs, RuleOverrides(), applied))
    fact_table = FactTable(tuple(facts), fact_owners, deferrable_facts, rule_params(packs, overrides, applied)) if overrides.params else defaults
    if overrides.params:
        _check_fact_params(fact_table, overrides)
    precompiled = precompiled or {}
    compiled: list[CompiledRule] = []
    for pack in packs:
        examples = run_examples is None or (bool(run_examples) and pack.path.resolve() in run_examples)  # resolved only when packs are named
        for index, rule in enumerate(pack.rules):
            if not overrides.selected(rule.id):
                continue
            program = precompiled.get(rule.id) or _compile(environment, pack, index, rule, fact_table.names)
            if examples:
                _check_examples(program, defaults, pack, index)  # examples judge with the default params, facts too
            compiled.append(_configure(program, overrides))
    informational = {key: value for pack in packs for key, value in pack.informational.items()}
    rules = tuple(rule for pack in packs for rule in pack.rules)
    return RuleSet(rules, Evaluator(tuple(compiled), fact_table, tuple(functions)), informational)


def _check_fact_params(facts: FactTable, overrides: RuleOverrides) -> None:
    """Refuse configured params that a fact applying them finds impossible together (`Fact.check_params`), among
    the rules that run: a rule left out judges nothing with its params."""
    for fact in facts.facts:
        if fact.check_params is not None:
            applied = {rule_id: facts.rule_params[rule_id] for rule_id in fact.params_from if rule_id in facts.rule_params and overrides.selected(rule_id)}
            try:
                problem = fact.check_params(applied)
            except BaseException as exc:  # noqa: BLE001 - a fact is third-party code; sys.exit() included
                raise PluginError(f"{facts.describe(fact)} failed in check_params: {plugin_failure(exc)}") from None
            if problem is not None:
                raise ConfigError(f"{overrides.params_name}: {problem}")


def compile_all(packs: Sequence[Pack], environment: Any, fact_names: frozenset[str]) -> dict[str, CompiledRule]:
    """Every rule of every pack compiled (for the cache), by id."""
    return {rule.id: _compile(environment, pack, index, rule, fact_names) for pack in packs for index, rule in enumerate(pack.rules)}


def _check_unique_ids(packs: Iterable[Pack], owners: Mapping[Path, str]) -> None:
    seen: dict[str, tuple[Rule, Pack]] = {}
    for pack in packs:
        for rule in pack.rules:
            if rule.id in seen:
                first, first_pack = seen[rule.id]
                by = [f" from {owners[item.path]}" if item.path in owners else "" for item in (pack, first_pack)]
                raise RuleFileError(f"{rule.location}: duplicate rule id {rule.id}{by[0]} (first at {first.location}{by[1]})")
            seen[rule.id] = (rule, pack)


def _compile(environment: Any, pack: Pack, index: int, rule: Rule, fact_names: frozenset[str]) -> CompiledRule:
    """Compile one rule's condition (or guard, measure and levels), selector and templates."""
    witness = _compile_among(environment, pack, index, rule)
    if rule.levels:
        parts = {("when",): rule.when, ("measure",): rule.measure}
        parts.update({("levels", name): value for name, value in rule.levels.items() if isinstance(value, str)})
        for keys, text in parts.items():
            if text:
                _compile_part(environment, pack, index, rule, keys, text)
    condition = condition_text(rule)
    program = _compile_part(environment, pack, index, rule, ("when",), condition)
    message = _messages(pack, index, rule, fact_names)
    fix = _template(pack, index, rule, "fix", rule.fix, fact_names) if rule.fix else None
    unstated = _template(pack, index, rule, "unstated", rule.unstated, fact_names) if rule.unstated else None
    if unstated is not None and not rule.subject and not read_fields(rule.when, rule.measure):
        where = pack.locate(pack.field_position(index, "unstated"))
        raise RuleFileError(f"{where}: {rule.id}: `unstated` is never used: the rule names no field it is about (`subject`, or `self.x` in its condition)")
    from ssi_lint.engine.autofix import AutofixError, compile_autofix

    try:
        autofix = compile_autofix(environment, rule.autofix)
    except AutofixError as exc:
        start = pack.field_position(index, "autofix", exc.key)
        raise RuleFileError(f"{pack.locate(_shift(pack, start, exc.line, exc.column))}: {rule.id}: autofix {exc.key}: {exc}") from None
    return assemble(rule, program, message, fix, autofix, unstated, witness, facts_read(condition))


def assemble(
    rule: Rule, program: Any, message: Template | Mapping[str, Template], fix: Template | None, autofix: Any = None,
    unstated: Template | None = None, witness: Any = None, reads: frozenset[str] | None = None,
) -> CompiledRule:
    """A compiled rule from its programs, parsed templates and the facts its condition reads (compiled now, or read from a snapshot)."""
    return CompiledRule(
        rule, compile_selector(rule.given), program, message, fix, rule.params, rule.severity, tuple(rule.levels),
        autofix=autofix, unstated=unstated, witness=witness, reads=reads,
    )


def _compile_among(environment: Any, pack: Pack, index: int, rule: Rule) -> Any:
    """A rule's witness program, its `among` list and its `when` over an `item` checked apart (errors name their own text); None without `among`."""
    if not rule.among:
        if any(entry.split(".")[0] == AMONG_ITEM for entry in rule.subject):
            where = pack.locate(pack.field_position(index, "subject"))
            raise RuleFileError(f"{where}: {rule.id}: a subject under `{AMONG_ITEM}.` names an item of the rule's `among` list, and the rule has none")
        return None
    if rule.levels or not rule.when:
        where = pack.locate(pack.field_position(index, "among"))
        raise RuleFileError(f"{where}: {rule.id}: `among` needs a `when` judged for each item, and a rule with `levels` cannot have it")
    _compile_part(environment, pack, index, rule, ("among",), rule.among)
    _compile_part(environment, pack, index, rule, ("when",), *item_condition(rule.when))
    return _compile_part(environment, pack, index, rule, ("when",), witness_text(rule))


def _messages(pack: Pack, index: int, rule: Rule, fact_names: frozenset[str]) -> Template | dict[str, Template]:
    """The message template, or one per level; a rule with per-level messages needs one for every level."""
    if isinstance(rule.message, str):
        return _template(pack, index, rule, "message", rule.message, fact_names)
    missing = [name for name in rule.levels if name not in rule.message]
    extra = [name for name in rule.message if name not in rule.levels]
    if missing or extra:
        problem = f"no message for level {', '.join(missing)}" if missing else f"a message for {', '.join(extra)}, which is not a level"
        raise RuleFileError(f"{pack.locate(pack.field_position(index, 'message'))}: {rule.id}: {problem}")
    return {name: _template(pack, index, rule, "message", text, fact_names, ("message", name)) for name, text in rule.message.items()}


def _compile_part(environment: Any, pack: Pack, index: int, rule: Rule, keys: tuple[str, ...], text: str, offset: int = 0) -> Any:
    """Compile one CEL text of a rule; a compile error names the rule file's line and column.

    `offset`: columns of the text's first line that come before the rule's own text.
    """
    try:
        return compile_condition(environment, text)
    except ConditionError as exc:
        start = pack.field_position(index, *keys)
        column = max(1, exc.column - offset) if exc.line == 1 else exc.column
        raise RuleFileError(f"{pack.locate(_shift(pack, start, exc.line, column))}: {rule.id}: {exc}") from None


def _template(
    pack: Pack, index: int, rule: Rule, field: str, text: str, fact_names: frozenset[str], keys: tuple[str, ...] = ()
) -> Template:
    """Parse a template and check that each placeholder can be filled."""
    start = pack.field_position(index, *(keys or (field,)))
    try:
        template = parse_template(text)
    except TemplateError as exc:
        raise RuleFileError(f"{pack.locate(_shift(pack, start, 1, exc.column))}: {rule.id}: {exc}") from None
    for placeholder in template.placeholders():
        missing = _unfillable(rule, fact_names, placeholder.root, placeholder.keys)
        for other in (placeholder.apart, placeholder.otherwise):
            if not missing and other:
                missing = _unfillable(rule, fact_names, other[0], other[1:])
        if missing:
            position = _shift(pack, start, 1, placeholder.column)
            raise RuleFileError(f"{pack.locate(position)}: {rule.id}: {field} template: {missing}")
    return template


def _unfillable(rule: Rule, fact_names: frozenset[str], root: str, keys: tuple[str, ...]) -> str:
    """Why a template path (`params.limit`, `facts.x`, `level`) can never be filled in this rule, or ""."""
    if root == "params" and not _has_path(rule.params, keys):
        return f"`params.{'.'.join(keys)}` is not among the rule's params"
    if root == "facts" and (not keys or keys[0] not in fact_names):
        return f"`facts.{'.'.join(keys)}` is not a known fact"
    if root in ("level", "measure") and (keys or not rule.levels):
        return f"`{root}` is the crossed level's number, only in a rule with `levels`"
    if root == AMONG_ITEM and not rule.among:
        return f"`{AMONG_ITEM}` is an item of the rule's `among` list, only in a rule with `among`"
    return ""


def _check_examples(program: CompiledRule, facts: FactTable, pack: Pack, index: int) -> None:
    """Run the rule's own examples: a fail example must fire (a level example at that severity), a pass example must not.

    A rule with an autofix must mend each firing example the fix does not decline, and at least one.
    """
    from ssi_lint.engine.autofix import check_example

    rule = program.rule
    evaluator = Evaluator((program,), facts)
    mended = False
    for expected, examples in rule.examples.items():
        for number, example in enumerate(examples):
            position = pack.field_position(index, "examples", expected, number)
            try:
                severities = {match.severity.label for match in evaluator.matches(example, strict=True)}
            except RuleEvaluationError as exc:
                raise RuleFileError(f"{pack.locate(position)}: {rule.id}: {expected} example {number + 1}: {exc}") from None
            problem: str | None = ""
            if expected == "pass" and severities:
                problem = "fires"
            elif expected != "pass" and not severities:
                problem = "does not fire"
            elif expected not in ("pass", "fail") and expected not in severities:
                problem = f"fires at {', '.join(sorted(severities))}, not {expected}"
            elif severities and program.autofix:
                fixed, problem = check_example(program, evaluator, example)
                mended = mended or fixed
            if problem:
                raise RuleFileError(f"{pack.locate(position)}: {rule.id}: {expected} example {number + 1} {problem}")
    if program.autofix and not mended:
        raise RuleFileError(f"{pack.locate(pack.field_position(index, 'autofix'))}: {rule.id}: its autofix mends none of its fail examples")


def _configure(program: CompiledRule, overrides: RuleOverrides) -> CompiledRule:
    """Apply configured params (levels merged level by level; a `params_from` rule's are its source's) and severity to a compiled rule."""
    rule = program.rule
    configured = _configured(overrides, rule)
    severity = overrides.severities.get(rule.id)
    if configured is None and severity is None:
        return program
    params = _effective(rule, program.params, configured, overrides.params_name)
    return replace(program, params=params, severity=severity or program.severity, fixed_severity=severity is not None)


def _configured(overrides: RuleOverrides, rule: Rule) -> Mapping[str, Any] | None:
    """The configured params of a rule: a `params_from` rule's are its source's (`params.<source>`) and its own's (`params.<id>`)."""
    own = overrides.params.get(rule.id)
    if not rule.params_from:
        return own
    source = overrides.params.get(rule.params_from)
    return {**(source or {}), **(own or {})} if source or own else None


def _effective(rule: Rule, defaults: Mapping[str, Any], configured: Mapping[str, Any] | None, params_name: str) -> Mapping[str, Any]:
    """A rule's params with the configured ones on top (levels merged level by level)."""
    if not configured:
        return defaults
    merged = {**defaults, **configured}
    # words and phrases compared with `as_words` text: written the same way
    merged.update({name: [as_words(item) for item in value] for name, value in configured.items() if _texts(value) and words_param(rule, defaults.get(name))})
    if "levels" in configured:
        merged["levels"] = _merge_levels(rule, defaults.get("levels", {}), configured["levels"], params_name)
    return merged


def _texts(value: Any) -> bool:
    """Whether a param value is a list of texts."""
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _merge_levels(rule: Rule, defaults: Mapping[str, Any], configured: Any, params_name: str = "params") -> dict[str, Any]:
    """The rule's numeric levels with configured ones on top; they must stay in order, so no value falls between them."""
    where = f"{params_name}.{rule.id}.levels"
    if not isinstance(configured, Mapping):
        raise ConfigError(f"{where}: must map a severity to a number, e.g. {{error: 70}}")
    merged = dict(defaults)
    for name, value in configured.items():
        if name not in defaults:
            raise ConfigError(f"{where}.{name}: {rule.id} has no numeric `{name}` level (it has: {', '.join(defaults) or 'none'})")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigError(f"{where}.{name}: must be a number, not {value!r}")
        problem = param_range_error(defaults[name], value)
        if problem is not None:
            raise ConfigError(f"{where}.{name}: {problem}")
        merged[name] = value
    if not rule.levels:  # levels borrowed (`params_from`) by a rule that only names them: their own rule checks the order
        return merged
    ordered = [merged[name] for name in rule.levels if name in merged]
    rising = rule.comparison(next(iter(rule.levels))) in ("<", "<=")
    if ordered != sorted(ordered, reverse=not rising):
        relation = "below" if not rising else "above"
        raise ConfigError(f"{where}: each level must be {relation} the more severe one (got {merged})")
    return merged


def _has_path(mapping: Mapping[str, Any], keys: tuple[str, ...]) -> bool:
    missing = object()
    return lookup(mapping, keys, missing) is not missing


def _shift(pack: Pack, start: Position, line: int, column: int) -> Position:
    """Map a 1-based line/column inside a YAML scalar's text to the file.

    Block scalars (`|`, `>`) begin on the next line at the block's indentation.
    Plain and quoted scalars may be folded over several lines: YAML joins
    them with one space, so the offset is walked across those lines.
    """
    lines = pack.lines
    first = lines[start.line - 1] if start.line <= len(lines) else ""
    opening = first[start.column - 1 : start.column]
    if opening in ("|", ">"):
        body_line = start.line + line
        body = lines[body_line - 1] if body_line <= len(lines) else ""
        indent = len(lines[start.line]) - len(lines[start.line].lstrip()) if start.line < len(lines) else 0
        return Position(body_line, indent + column) if body.strip() else Position(body_line, column)
    offset = column - 1
    number, begin = start.line, start.column + (1 if opening in ("'", '"') else 0)
    while number <= len(lines):
        segment = lines[number - 1][begin - 1 :].rstrip()
        if offset <= len(segment) or number == len(lines):
            return Position(number, begin + offset)
        offset -= len(segment) + 1
        number += 1
        following = lines[number - 1] if number <= len(lines) else ""
        begin = len(following) - len(following.lstrip()) + 1
    return start
