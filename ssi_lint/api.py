"""The library API: everything the command line does is a call into this module.

    from ssi_lint.api import Linter, LintOptions
    linter = Linter(LintOptions(select=("OUT",)))
    for result in linter.check_paths(["plans/"]):
        print(result.source, len(result.findings))
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct, field
from msgspec.structs import replace

from ssi_lint.core_checks import problem_finding
from ssi_lint.discovery import discover
from ssi_lint.engine.conditions import build_environment
from ssi_lint.engine.evaluation import CompiledRule
from ssi_lint.engine.packs import Pack
from ssi_lint.engine.ruleset import RuleOverrides, RuleSet, build_ruleset, compile_all, read_packs
from ssi_lint.errors import ConfigError, PluginError, RuleFileError
from ssi_lint.model import CelFunction, Document, FileResult, Finding, Rule, Severity, Summary
from ssi_lint.plugins import BUILTIN_PLUGINS, PluginHost, PluginSettings, build_plugin_host, guarded_function

if TYPE_CHECKING:
    from ssi_lint.config import Config
    from ssi_lint.engine.autofix import Edit
    from ssi_lint.per_file import ConfigResolver
from ssi_lint.selection import Selection

FAIL_ON = ("error", "warning", "info", "never")
OBSERVED = "observed"
"""The key under which `--against` data is visible to rules: `plan.observed`."""


class LintOptions(Struct, frozen=True):
    """Everything that changes what a lint run checks."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    rule_packs: tuple[Path, ...] = ()
    params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    severities: Mapping[str, str] = field(default_factory=dict)
    plugins: PluginSettings = field(default_factory=PluginSettings)
    loader_options: Mapping[str, str] = field(default_factory=dict)
    """Options for loader plugins (`--as-of`, `--window`, `--loader-option KEY=VALUE`)."""
    option_names: Mapping[str, str] = field(default_factory=dict)
    """Where `select` / `ignore` / `params` were given (`.ssi-lint.yaml: select`), for errors; default `--select` / `--ignore` / `params`."""
    file_ignore: tuple[str, ...] = ()
    """Rule ids or prefixes the configuration's `per-file-ignores` leaves out of this file, as `ignore` does (a rule
    they subsume speaks again); checked with the configuration's other rule ids (`config.check_rule_ids`), not here."""
    unchecked_ids: tuple[str, ...] = ()
    """`select` and/or `ignore`, whose ids this Linter does not check against its rules: a run of several
    configurations checks the command line's against the rules of all of them (`app.check_command_line_ids`)."""
    check_examples: bool = False
    """Run every pack's rule examples on load; otherwise only packs named by `rule_packs`.

    Built-in and plugin packs have their examples run by their own test suites."""
    plugin_packs: bool = True
    """Load the rule packs plugins contribute (the built-in ones too); off, only `rule_packs` (`check-rules`)."""


class Linter:
    """Plugins loaded and rules compiled once, then any number of files checked."""

    def __init__(self, options: LintOptions | None = None) -> None:
        self.options = options or LintOptions()
        self.reports_ssi = True
        """Whether each result carries the plan's SSI report (`extra["ssi"]`); a run whose reports read none turns it off."""
        self.names_items = True
        """Whether each result carries the stable paths of its findings about list items (`FileResult.stable_paths`,
        read by baselines and CI fingerprints); a run that reads no identity turns it off."""
        self.plugins: PluginHost = build_plugin_host(self.options.plugins)
        facts = self.plugins.unique("ssi_lint_facts", "fact", key=lambda fact: fact.name)
        functions = {
            name: guarded_function(function, self.plugins.describe(self.plugins.owners["CEL function"][name]))
            for name, function in self.plugins.unique("ssi_lint_cel_functions", "CEL function", key=lambda function: function.name).items()
        }
        self.checks: dict[str, Rule] = self.plugins.unique("ssi_lint_checks", "check", key=lambda check: check.id)
        environment = build_environment(tuple(functions.values()))
        owners, resolved = self._pack_owners()
        self.packs, precompiled = self._load_packs(owners, resolved, environment, tuple(functions.values()), set(facts))
        _check_no_clash(self.checks, self.packs)
        declared = {rule.id for pack in self.packs for rule in pack.rules}
        self.selection = Selection.build(
            self.options.select, self.options.ignore, declared | set(self.checks), self.options.option_names, self.options.unchecked_ids
        ).ignoring(self.options.file_ignore)
        self.severities = _parse_severities(self.options.severities)
        overrides = RuleOverrides(self.selection.selects, self.options.params, self.severities, self.options.option_names.get("params", "params"))
        run_examples = None if self.options.check_examples else {path.resolve() for path in self.options.rule_packs}
        fact_owners = {name: self.plugins.describe(owner) for name, owner in self.plugins.owners["fact"].items()}
        built_in = frozenset(name for name, owner in self.plugins.owners["fact"].items() if owner in BUILTIN_PLUGINS)
        build = partial(build_ruleset, facts=tuple(facts.values()), functions=tuple(functions.values()), overrides=overrides,
                        run_examples=run_examples, fact_owners=fact_owners, environment=environment, deferrable_facts=built_in)
        try:
            self.ruleset: RuleSet = build(self.packs, precompiled=precompiled)
        except RuleFileError:
            if not precompiled:
                raise
            self.packs = read_packs(list(owners), owners)  # cached packs carry no positions: locate the problem
            self.ruleset = build(self.packs)

    def _pack_owners(self) -> tuple[dict[Path, str], dict[Path, Path]]:
        """Every rule pack to load, with who contributed it, and its resolved path; a pack named twice is read once."""
        contributed = [
            (Path(path), self.plugins.describe(name))
            for name, found in (self.plugins.results("ssi_lint_rule_packs") if self.options.plugin_packs else ())
            for path in found
        ]
        contributed += [(path, "--rules") for path in self.options.rule_packs]
        owners: dict[Path, str] = {}
        resolved: dict[Path, Path] = {}
        seen: set[Path] = set()
        for path, owner in contributed:
            real = path.resolve()
            if real not in seen:
                seen.add(real)
                owners[path] = owner
                resolved[path] = real
        return owners, resolved

    def _load_packs(
        self, owners: dict[Path, str], resolved: dict[Path, Path], environment: Any, functions: tuple[CelFunction, ...], fact_names: set[str]
    ) -> tuple[list[Pack], dict[str, CompiledRule]]:
        """The packs and their compiled rules: from the cache, else read, compiled and cached."""
        from ssi_lint.engine import cache

        paths = list(owners)
        key = None if self.options.check_examples else cache.cache_key(resolved, functions, fact_names)
        cached = cache.load(key, environment)
        if cached is not None:
            return cached
        packs = read_packs(paths, owners)
        compiled = compile_all(packs, environment, frozenset(fact_names)) if key else {}
        cache.store(key, packs, compiled, environment)
        return packs, compiled

    @property
    def rules(self) -> tuple[Rule, ...]:
        """Every known rule: the built-in checks, then the packs' rules."""
        return (*self.checks.values(), *self.ruleset.rules)

    def applied_params(self) -> Mapping[str, Mapping[str, Any]]:
        """The params facts apply (`Fact.params_from`: the projection's weekly limits are OUT003's), configuration applied, by rule id."""
        return self.ruleset.evaluator.facts.rule_params

    def params_borrowed(self, rule: Rule) -> tuple[str, ...]:
        """The other rules whose params (configuration applied) the facts a rule reads judge with (`Fact.params_from`),
        each once: SIM001 reads the projection, which takes HYG001's pending bands."""
        from ssi_lint.engine.conditions import condition_text, facts_read

        texts = (condition_text(rule), *(rule.message.values() if isinstance(rule.message, Mapping) else (rule.message,)), rule.fix or "")
        read = facts_read(" ".join(texts))
        facts = self.ruleset.evaluator.facts.facts
        borrowed = [rule_id for fact in facts if read is None or fact.name in read for rule_id in fact.params_from]
        return tuple(dict.fromkeys(rule_id for rule_id in borrowed if rule_id not in (rule.id, rule.params_from)))

    def effective_params(self) -> dict[str, Mapping[str, Any]]:
        """The params (levels included) each running rule uses, configuration applied, by rule id."""
        return {compiled.rule.id: compiled.params for compiled in self.ruleset.evaluator.rules}

    @cached_property
    def plan_schema(self) -> dict[str, Any]:
        """The plan JSON Schema, with the fields plugins add."""
        from ssi_lint.schema import PLAN_SCHEMA, extend_schema, load_schema

        extensions = [
            (self.plugins.describe(name), parent, fields)
            for name, contribution in self.plugins.results("ssi_lint_plan_schema", Mapping)
            for parent, fields in contribution.items()
        ]
        try:
            return extend_schema(load_schema(PLAN_SCHEMA), extensions) if extensions else load_schema(PLAN_SCHEMA)
        except ValueError as exc:
            raise PluginError(str(exc)) from None

    @cached_property
    def _plan_checker(self) -> Any:
        from ssi_lint.validation import SchemaChecker

        try:
            return SchemaChecker(self.plan_schema, "SCHEMA002", "SCHEMA001")
        except Exception as exc:  # noqa: BLE001 - only plugins' fields can make the shipped schema invalid
            owners = ", ".join(self.plugins.describe(name) for name, _ in self.plugins.results("ssi_lint_plan_schema"))
            first = str(exc).strip().splitlines()[0]
            raise PluginError(f"the plan schema with the fields of {owners} is not a valid JSON Schema: {first}") from None

    def check_paths(self, paths: Iterable[str | Path], against: Document | None = None) -> Iterator[FileResult]:
        """Check every plan the paths name (directories are searched), in sorted order."""
        for path, display in self.discover(paths):
            yield self.check_document(self.load(path, display), against)

    def discover(
        self, paths: Iterable[str | Path], config: Config | None = None, resolver: ConfigResolver | None = None
    ) -> list[tuple[Path, str]]:
        """The files to check: directories are searched unless a loader plugin claims them.

        `config` applies to every folder; with `resolver`, each folder's own configuration does.
        """
        return discover(paths, config, self.claims, resolver=resolver)

    def claims(self, path: Path) -> bool:
        """Whether a loader plugin reads this directory (or unusual file) as one document."""
        return bool(self.plugins.first_result("ssi_lint_claims_path", path=path))

    def load(self, path: Path, display: str | None = None) -> Document:
        """Load one file through the loader hooks (the YAML loader last)."""
        return self.plugins.first_result(
            "ssi_lint_load_document", Document, path=path, display=display or path.as_posix(), options=self.options.loader_options
        )

    def check_path(self, path: Path, display: str | None = None) -> FileResult:
        """Load one file and check it."""
        return self.check_document(self.load(path, display))

    def check_document(self, document: Document, against: Document | None = None) -> FileResult:
        """Check a loaded document: load problems, schema, then rules.

        With `against` (observed behaviour, e.g. a data export read by a loader
        plugin), rules also see its data as `plan.observed`, and its own load
        problems are reported.
        """
        problems = list(document.problems)
        if document.data is not None:
            problems.extend(self._plan_checker.problems(document))
        findings = [problem_finding(problem, document.source, self.checks) for problem in problems]
        strict = not any(problem.code == "SCHEMA001" for problem in problems)
        invalid = frozenset(problem.path for problem in problems if problem.code == "SCHEMA001" and problem.path)
        if against is not None:
            findings.extend(problem_finding(problem, against.source, self.checks) for problem in against.problems)
            if document.data is not None and against.data is not None:
                document = replace(document, data={**document.data, OBSERVED: against.data})
        findings.extend(self.ruleset.evaluator.findings(document, strict, invalid))
        kept = _distinct(sorted(
            (self._apply_severity(finding) for finding in findings if self.selection.selects(finding.rule_id)),
            key=Finding.sort_key,
        ))
        extra = ssi_extra(document.data, self.applied_params()) if self.reports_ssi else {}
        result = FileResult(document.source, tuple(kept), extra=extra, text=document.text, stable_paths=_stable_paths(document.data, kept) if self.names_items else {})
        return self._suppress(result, document) if "ssi-lint:" in document.text else result

    def fixes(self, document: Document, result: FileResult) -> list[Edit]:
        """The machine fixes (rules' `autofix`) for the findings `result` reports on the document.

        Nothing for a document with load problems or schema violations, nor
        for a suppressed finding.
        """
        from ssi_lint.engine.autofix import edits

        if document.data is None or document.problems or any(p.code == "SCHEMA001" for p in self._plan_checker.problems(document)):
            return []
        reported = {(finding.rule_id, finding.path) for finding in result.findings}
        found = edits(self.ruleset.evaluator.matches(document.data, strict=True), document.data)
        return [edit for edit in found if (edit.rule_id, edit.at) in reported]

    def _suppress(self, result: FileResult, document: Document) -> FileResult:
        """Apply the file's inline `# ssi-lint: ignore[...]` directives."""
        from ssi_lint.suppressions import suppress

        known = {rule.id for rule in self.rules}
        active = self.selection.selects if document.data is not None else self._active_unless_unused
        outcome = suppress(result, document.text.splitlines(), known, active)
        return replace(outcome, findings=tuple(self._apply_severity(finding) for finding in outcome.findings))

    def _active_unless_unused(self, rule_id: str) -> bool:
        """In a file that did not load, no suppression can be judged unused."""
        return rule_id != "SUP002" and self.selection.selects(rule_id)

    def check_data(self, data: Mapping[str, Any], source: str = "<data>") -> list[Finding]:
        """Evaluate the rules (not the schema) on an in-memory plan."""
        document = Document(source, dict(data))
        return list(self.ruleset.evaluator.findings(document, strict=True))

    def _apply_severity(self, finding: Finding) -> Finding:
        severity = self.severities.get(finding.rule_id)
        if severity is None or severity == finding.severity:
            return finding
        return replace(finding, severity=severity)


def _distinct(findings: list[Finding]) -> list[Finding]:
    """Sorted findings without repeats: one rule's message at one place is said once (a YAML alias repeats its
    anchor's node, `- *campaign`, and each finding about it would point at the anchor's text again)."""
    if len(findings) < 2:
        return findings
    kept = [findings[0]]
    last = findings[0].sort_key()
    for finding in findings[1:]:
        key = finding.sort_key()
        if key != last:
            kept.append(finding)
            last = key
    return kept


NOT_A_PLAN = "the file could not be read as a plan"
"""The `reason` of the SSI entry of a file that is not a plan (it did not load as a YAML mapping)."""


def ssi_extra(data: Mapping[str, Any] | None, rule_params: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """The file's SSI report for formatters, `{"ssi": {estimate, declared, band, ..., reason}}`: every file has one.

    `rule_params` are the run's (`Linter.applied_params`), so that the report estimates as the rules' facts do."""
    from ssi_lint.ssi import report, unknown_report

    return {"ssi": report(data, rule_params) if isinstance(data, Mapping) else unknown_report(NOT_A_PLAN)}


def _stable_paths(data: Mapping[str, Any] | None, findings: list[Finding]) -> Mapping[str, str]:
    """`identity.stable_paths` of the findings about list items (most plans' findings name none: nothing to import)."""
    if not any("[" in finding.path for finding in findings):
        return {}
    from ssi_lint.identity import stable_paths

    return stable_paths(data, findings)


class Tally:
    """Running totals of a lint run, so that results need not be kept."""

    def __init__(self) -> None:
        self.files = 0
        self.counts = {"error": 0, "warning": 0, "info": 0}

    def add(self, result: FileResult) -> None:
        """Count one file's findings."""
        self.files += 1
        for finding in result.findings:
            self.counts[finding.severity.label] += 1

    def summary(self) -> Summary:
        """The totals so far."""
        return Summary(self.files, dict(self.counts))


def summarize(results: Iterable[FileResult]) -> Summary:
    """Count findings per severity over results."""
    tally = Tally()
    for result in results:
        tally.add(result)
    return tally.summary()


def exit_status(summary: Summary, fail_on: str) -> int:
    """0 when no finding reaches `fail_on`, else 1."""
    if fail_on == "never":
        return 0
    threshold = Severity.parse(fail_on)
    reached = any(count for label, count in summary.counts.items() if Severity.parse(label) >= threshold)
    return 1 if reached else 0


def load_rules(options: LintOptions | None = None) -> list[Rule]:
    """Every rule known to a run with these options (compiling and checking every pack)."""
    return list(Linter(options).rules)


def check_data(data: Mapping[str, Any], options: LintOptions | None = None) -> list[Finding]:
    """Evaluate every rule on an in-memory plan."""
    return Linter(options).check_data(data)


def _check_no_clash(checks: Mapping[str, Rule], packs: Iterable[Pack]) -> None:
    """A rule id may not be both a check and a pack rule."""
    for pack in packs:
        for rule in pack.rules:
            if rule.id in checks:
                raise RuleFileError(f"{rule.location}: rule id {rule.id} is already a built-in or plugin check")


def _parse_severities(severities: Mapping[str, str]) -> dict[str, Severity]:
    parsed = {}
    for rule_id, label in severities.items():
        try:
            parsed[rule_id] = Severity.parse(label)
        except KeyError:
            raise ConfigError(f"severity for {rule_id} must be error, warning or info, not {label!r}") from None
    return parsed
