"""One lint run, as `ssi-lint check` performs it: configuration, files, formatter, baseline, exit status.

The command line builds a `CheckRun` and calls `run_check`; everything else
is here so that it can be called (and tested) without click.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from msgspec import Struct, field
from msgspec.structs import replace

from ssi_lint import __version__
from ssi_lint.api import Linter, LintOptions, Tally, exit_status
from ssi_lint.config import COMMAND_LINE, DEFAULT, Config, check_rule_ids, check_rule_packs_exist
from ssi_lint.errors import ConfigError, InputError, SsiLintError
from ssi_lint.formatters.base import FormatOptions, Formatter
from ssi_lint.model import Document, FileResult, Rule
from ssi_lint.parallel import FAILED, check_files, default_jobs
from ssi_lint.per_file import ConfigResolver
from ssi_lint.plugins import PluginSettings
from ssi_lint.reports import ReportTarget, open_reports
from ssi_lint.signals import stop_if_signalled
from ssi_lint.text_safety import printable

STDIN = Path("-")
"""The path that stands for standard input."""
PROGRESS_EVERY = 100
"""Progress is shown every this many files, on batches at least this long."""
GC_YOUNG = 10_000
"""Allocations between collections of the youngest generation in a console run (Python's default: 700)."""

if TYPE_CHECKING:
    from ssi_lint.baseline import Baseline


class CheckRun(Struct, frozen=True):
    """What one `ssi-lint check` is asked to do, besides the configuration."""

    paths: tuple[Path, ...]
    output_format: str = "text"
    output_file: Path | None = None
    statistics: bool = False
    exit_zero: bool = False
    against: Path | None = None
    baseline: Path | None = None
    write_baseline: Path | None = None
    disabled_plugins: tuple[str, ...] = ()
    plugins: tuple[str, ...] = ()
    """Plugin modules to import by name (`--plugin`)."""
    loader_options: Mapping[str, str] = field(default_factory=dict)
    color: bool = False
    jobs: int | None = None
    """Worker processes; None: all cores for large batches, else one."""
    progress: TextIO | None = None
    """Where to show progress on long batches (a terminal), or None."""
    warnings: TextIO | None = None
    """Where to warn that no file was found, or None."""
    reports: tuple[ReportTarget, ...] = ()
    """More reports from the same lint (`--report FORMAT:PATH`)."""
    show_ssi: bool = False
    """Whether the text format draws each plan's SSI chart."""
    config_overrides: Mapping[str, Any] = field(default_factory=dict)
    """Command-line settings, applied on top of each file's own configuration."""
    config_fixed: bool = False
    """One configuration for every file (`--config`), instead of each file's nearest one."""
    stdin: BinaryIO | None = None
    """Where `-` among the paths reads a plan from (standard input)."""
    stdin_filename: str | None = None
    """The name a plan read from `-` is reported under."""
    fix: bool = False
    """Apply the rules' machine fixes to the files, then report what remains."""
    diff: bool = False
    """Print the machine fixes as a unified diff instead of a report; write nothing."""


def lint_options(
    config: Config,
    disabled_plugins: tuple[str, ...] = (),
    loader_options: Mapping[str, str] | None = None,
    plugin_modules: tuple[str, ...] = (),
    *,
    defer_command_line_ids: bool = False,
    file_ignore: tuple[str, ...] = (),
) -> LintOptions:
    """The library options a configuration (and the command line's plugin and loader options) stand for.

    The configuration's `plugins` only enable entry-point plugins by name, or
    disable them with a leading `!`; modules are imported by name only from
    `plugin_modules` (`--plugin`), never from a file found in a repository.
    With `defer_command_line_ids`, `--select` / `--ignore` ids are not checked
    against this configuration's rules (`check_command_line_ids` checks them
    against those of every configuration of the run). `file_ignore`: the rules
    the configuration's `per-file-ignores` leaves out of the file to be checked.
    """
    enabled = tuple(name for name in config.plugins if not name.startswith("!"))
    disabled = tuple(name[1:] for name in config.plugins if name.startswith("!"))
    from ssi_lint.plugins import BUILTIN_PLUGINS

    for name in (*enabled, *disabled):
        if name in BUILTIN_PLUGINS:
            raise ConfigError(f"{config.origin['plugins']}: plugins: '{name}' is built in; it cannot be enabled or disabled")
    names = {key: f"{config.origin[key]}: {key}" for key in ("select", "ignore", "params") if config.origin[key] not in (DEFAULT, COMMAND_LINE)}
    unchecked = tuple(key for key in ("select", "ignore") if config.origin[key] == COMMAND_LINE) if defer_command_line_ids else ()
    return LintOptions(
        option_names=names,
        unchecked_ids=unchecked,
        select=config.select,
        ignore=config.ignore,
        file_ignore=file_ignore,
        rule_packs=config.rules,
        params=config.params,
        severities=config.severity,
        plugins=PluginSettings(
            modules=plugin_modules, disabled=(*disabled, *disabled_plugins), enabled=enabled, enabled_by=config.origin["plugins"] if enabled else ""
        ),
        loader_options=dict(loader_options or {}),
    )


def run_check(run: CheckRun, config: Config, stdout: TextIO) -> int:
    """Lint the run's paths once and write every report; return the exit status (0 or 1)."""
    linter = _linter_for(config, run)
    _collect_garbage_from_now_on()
    baseline = _load_baseline(run)
    resolver = ConfigResolver(config, run.config_overrides, fixed=run.config_fixed)
    files = linter.discover([path for path in run.paths if path != STDIN], resolver=resolver)
    piped = _stdin_document(run, resolver) if STDIN in run.paths else None
    if not files and piped is None and run.warnings is not None:
        run.warnings.write(f"ssi-lint: warning: no files to check in {', '.join(path.as_posix() for path in run.paths)}\n")
    linters: Linters = {(id(config), ()): linter}
    batches = _batches(files, resolver, linters, run)
    check_command_line_ids(run.config_overrides, [linter, *(batch_linter for _, batch_linter, _ in batches)])
    if run.warnings is not None:
        for warning in plugin_warnings([config, *(batch_config for batch_config, _, _ in batches)], run.disabled_plugins, linter):
            run.warnings.write(f"ssi-lint: warning: {printable(warning)}\n")
    targets = (ReportTarget(run.output_format, run.output_file), *run.reports)
    _refuse_overwriting(run, targets, resolver.configurations(), [linter, *(batch_linter for _, batch_linter, _ in batches)], files)
    observed = _observed(linter, run.against) if run.against is not None else None
    piped_linter = _piped_linter(run, config, linters) if piped is not None else linter
    if run.diff:
        return _print_diffs(run, piped_linter, piped, batches, observed, baseline, stdout, config.fail_on)
    tally = Tally()
    failed = False
    recorded: list[FileResult] = []  # kept only to write a baseline
    options = partial(_format_options, run, _all_rules(linter, batches), config)
    with open_reports(targets, stdout, partial(_factory, linter, run), options) as formatter:
        linters = (linter, piped_linter, *(batch_linter for _, batch_linter, _ in batches))
        if not formatter.reads_ssi:  # no report draws it: the SSI report is not made (nor sent back by the workers)
            for each in linters:
                each.reports_ssi = False
        if not formatter.reads_identities and baseline is None and run.write_baseline is None:  # nothing reads a finding's identity
            for each in linters:
                each.names_items = False
        formatter.start()
        for result, checked_by in _results(run, piped_linter, piped, batches, len(files), observed, baseline):
            if FAILED in result.extra:  # the file could not be checked: its finding is reported, the batch goes on
                failed = True
                _say_failed(run, result.extra[FAILED])
            formatter.file(result, partial(_with_projection, result, checked_by, observed))
            tally.add(result)
            if run.write_baseline is not None:
                recorded.append(result)
        summary = tally.summary()
        if baseline is not None:
            from ssi_lint.baseline import unmatched

            summary = replace(summary, stale_baseline=sum(1 for entry in unmatched(baseline) if entry.matched == 0))
        if run.progress is not None and len(files) >= PROGRESS_EVERY:
            run.progress.write("\r\033[K")
        formatter.finish(summary)
    if run.write_baseline is not None:
        from ssi_lint.baseline import write_baseline

        write_baseline(run.write_baseline, recorded)
    if failed:
        return 2
    return 0 if run.exit_zero else exit_status(summary, config.fail_on)


def _piped_linter(run: CheckRun, config: Config, linters: Linters) -> Linter:
    """The Linter of the plan piped to `-`: the run's (`config` is found from the folder of its `--stdin-filename`),
    leaving out what that name's `per-file-ignores` ignore; the one of listed files that share them, if any."""
    file_ignore = config.ignored_rules(Path(run.stdin_filename)) if run.stdin_filename is not None else ()
    return _shared_linter(linters, config, run, file_ignore)


def _results(
    run: CheckRun, linter: Linter, piped: Document | None, batches: list[Batch], total: int,
    observed: Document | None, baseline: Baseline | None,
) -> Iterator[tuple[FileResult, Linter]]:
    """Each result in order (the plan from standard input first, checked by `linter`), after the baseline, and the linter that checked it.

    With --fix each file is fixed first and its remaining findings reported.
    """
    if piped is not None:
        yield _settled(linter.check_document(piped, observed), baseline, linter.selection.selects), linter
    jobs = run.jobs if run.jobs is not None else default_jobs(total)
    number = 0
    for _, batch_linter, batch in batches:
        if run.fix:
            from ssi_lint.fixing import fix_files

            results = fix_files(batch_linter, batch, observed, run.warnings, lambda _: partial(_fixable, baseline))
        else:
            results = check_files(batch_linter, batch, jobs, observed)
        for (path, _), result in zip(batch, results, strict=True):
            stop_if_signalled()
            number += 1
            if run.progress is not None and number % PROGRESS_EVERY == 0:
                run.progress.write(f"\rssi-lint: {number}/{total} files checked")
                run.progress.flush()
            yield _settled(result, baseline, batch_linter.selection.selects), batch_linter


def _with_projection(result: FileResult, linter: Linter, observed: Document | None) -> FileResult:
    """The result with its plan's projected pending invitations (`extra["simulation"]`), made with the params of the linter
    that checked it, for the reports that read it (`FormatterBase.wants_projection`); None there when the plan has none."""
    if "simulation" in result.extra:  # a plugin projected it already
        return result
    from ssi_lint.simulation.core import projected_chart

    chart = projected_chart(result.text, linter.applied_params(), observed.data if observed is not None else None)
    return replace(result, extra={**result.extra, "simulation": chart})


def _print_diffs(
    run: CheckRun, linter: Linter, piped: Document | None, batches: list[Batch],
    observed: Document | None, baseline: Baseline | None, stdout: TextIO, fail_on: str,
) -> int:
    """`--diff`: print each file's machine fixes (of the findings it reports; the piped plan's with `linter`) and return the exit status.

    2 when a file could not be checked; else 1 when there is something to fix; else the findings of the plans whose fixes
    were not all made (a hard link, YAML or schema problems, a value not written plainly, a fix refused ...) decide, as
    `--fix` would leave them; a plan with nothing to fix does not.
    """
    from ssi_lint.api import summarize
    from ssi_lint.fixing import print_diffs
    from ssi_lint.output_guard import PipeSafe

    stdout = stdout if isinstance(stdout, PipeSafe) else PipeSafe(stdout)  # as a report is written: `open_reports`
    files = [(batch_linter, path, display) for _, batch_linter, batch in batches for path, display in batch]  # each with its configuration's Linter
    diffs = print_diffs(linter, files, piped, observed, stdout, run.warnings, lambda _: partial(_fixable, baseline))
    for failure in diffs.failures:
        _say_failed(run, failure)
    if diffs.failures:
        return 2
    if run.exit_zero:
        return 0
    return 1 if diffs.changed else exit_status(summarize(diffs.unfixed), fail_on)


def _say_failed(run: CheckRun, message: str) -> None:
    """Say on stderr, in one line, why a file could not be checked (its LOAD009 says it in the reports)."""
    if run.warnings is not None:
        run.warnings.write(f"ssi-lint: error: {printable(message)}\n")


def _fixable(baseline: Baseline | None, result: FileResult) -> FileResult:
    """The findings --fix and --diff may mend in one file: those the baseline leaves reported (its Linter
    left out what its `per-file-ignores` ignore).

    The baseline is read afresh each time, so that trying fixes never counts as hiding findings.
    """
    if baseline is None:
        return result
    from ssi_lint.baseline import Baseline

    return _settled(result, Baseline(baseline.base, baseline.counts, baseline.version))


def _settled(result: FileResult, baseline: Baseline | None, runs: Callable[[str], bool] | None = None) -> FileResult:
    """A result with the baseline's known findings set aside (never a problem of the file itself: `apply_baseline`);
    `runs` says which rules ran on it (for stale entries)."""
    if baseline is None:
        return result
    from ssi_lint.baseline import apply_baseline

    return apply_baseline(baseline, result, runs)[0]


def _stdin_document(run: CheckRun, resolver: ConfigResolver) -> Document | None:
    """The plan piped to `-`, named by --stdin-filename; None when the configuration leaves that name out (as it would the file)."""
    from ssi_lint.loading import MAX_FILE_BYTES, load_limited

    if run.stdin is None:
        raise InputError("-: no standard input to read")
    if run.fix:
        raise InputError("--fix cannot rewrite standard input; use --diff to see the fixes")
    name = run.stdin_filename
    if name is not None and (not resolver.checks(Path(name), explicit=True) or resolver.reads(Path(name))):
        return None
    limit = run.loader_options.get("max_file_size", "")
    max_bytes = int(limit) if limit.isdigit() and int(limit) > 0 else MAX_FILE_BYTES
    return load_limited(run.stdin.read(max_bytes + 1), name or "-", max_bytes)


Batch = tuple[Config, Linter, list[tuple[Path, str]]]


def _linter_for(config: Config, run: CheckRun, file_ignore: tuple[str, ...] = ()) -> Linter:
    """A Linter for a configuration (leaving out `file_ignore`, a file's `per-file-ignores`), whose rule packs, rule ids
    and parameters are checked first (the command line's `--select` / `--ignore` ids are checked once every configuration
    of the run is known)."""
    return checked_linter(config, run.disabled_plugins, run.loader_options, run.plugins, defer_command_line_ids=True, file_ignore=file_ignore)


def checked_linter(
    config: Config,
    disabled_plugins: tuple[str, ...] = (),
    loader_options: Mapping[str, str] | None = None,
    plugin_modules: tuple[str, ...] = (),
    *,
    defer_command_line_ids: bool = False,
    warnings: TextIO | None = None,
    file_ignore: tuple[str, ...] = (),
) -> Linter:
    """A Linter for a configuration validated as `check` validates it: its rule packs exist, its rule ids and parameters are known.

    A ConfigError (exit status 2, one line) names the first problem. With
    `defer_command_line_ids`, the caller checks `--select` / `--ignore` ids
    (`check_command_line_ids`). `warnings` gets a line for each plugin it is
    asked to disable that is not installed (`plugin_warnings`). `file_ignore`: the
    rules the configuration's `per-file-ignores` leaves out of the one file it checks.
    """
    check_rule_packs_exist(config)
    options = lint_options(config, disabled_plugins, loader_options, plugin_modules, defer_command_line_ids=defer_command_line_ids, file_ignore=file_ignore)
    linter = Linter(options)
    check_rule_ids(config, linter.rules)
    if warnings is not None:
        for warning in plugin_warnings([config], disabled_plugins, linter):
            warnings.write(f"ssi-lint: warning: {printable(warning)}\n")
    return linter


def check_command_line_ids(overrides: Mapping[str, Any], linters: Iterable[Linter]) -> None:
    """Raise ConfigError for a `--select` / `--ignore` id or prefix that names no rule of any configuration of the run.

    Command-line options apply on top of every file's configuration, so an id
    one folder's rule pack defines is known, even where another folder's
    configuration has no such rule (it selects nothing there).
    """
    select, ignore = tuple(overrides.get("select") or ()), tuple(overrides.get("ignore") or ())
    if select or ignore:
        from ssi_lint.selection import Selection

        Selection.build(select, ignore, {rule.id for linter in linters for rule in linter.rules})


def plugin_warnings(configs: list[Config], disabled_plugins: tuple[str, ...], linter: Linter) -> list[str]:
    """One line for each plugin `--disable-plugin` or a configuration's `!name` names that is not installed.

    Not an error: a shared configuration may disable an optional plugin that this machine does not have. But a
    typo would leave the plugin it meant running, so the line names the installed plugins (and the closest one).
    """
    asked = [(name, f"--disable-plugin {name}") for name in disabled_plugins]
    for config in {id(config): config for config in configs}.values():
        asked += [(entry[1:], f"{config.origin['plugins']}: plugins: '{entry}'") for entry in config.plugins if entry.startswith("!")]
    if not asked:
        return []
    import difflib

    from ssi_lint.plugins import plugin_names

    known = plugin_names(linter.plugins, linter.options.plugins.modules)
    lines: dict[str, None] = {}
    for name, where in asked:
        if name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=1)
            hint = f"; did you mean '{close[0]}'?" if close else ""
            lines[f"{where}: no installed plugin is named '{name}', so it disables nothing "
                  f"(installed: {', '.join(sorted(known)) or 'none'}){hint}"] = None
    return list(lines)


Linters = dict[tuple[int, tuple[str, ...]], Linter]
"""The Linters a run has built, by the id of their configuration and the rules its `per-file-ignores` leave out."""


def _shared_linter(linters: Linters, config: Config, run: CheckRun, file_ignore: tuple[str, ...]) -> Linter:
    """The Linter for a configuration and what its `per-file-ignores` leave out: the one built already, else a new one kept in `linters`."""
    key = (id(config), file_ignore)
    if key not in linters:
        linters[key] = _linter_for(config, run, file_ignore)
    return linters[key]


def _batches(files: list[tuple[Path, str]], resolver: ConfigResolver, linters: Linters, run: CheckRun) -> list[Batch]:
    """Runs of consecutive files that share a configuration and its `per-file-ignores`, each with the Linter built for them."""
    batches: list[Batch] = []
    for path, display in files:
        file_config = resolver.for_file(path)
        linter = _shared_linter(linters, file_config, run, file_config.ignored_rules(path))
        if batches and batches[-1][1] is linter:
            batches[-1][2].append((path, display))
        else:
            batches.append((file_config, linter, [(path, display)]))
    return batches


def _all_rules(linter: Linter, batches: list[Batch]) -> tuple[Rule, ...]:
    """Every rule of the run's Linters, each id once (the run's own first)."""
    rules = {rule.id: rule for rule in linter.rules}
    for _, batch_linter, _ in batches:
        for rule in batch_linter.rules:
            rules.setdefault(rule.id, rule)
    return tuple(rules.values())


def _factory(linter: Linter, run: CheckRun, target: ReportTarget) -> Callable[[TextIO, FormatOptions], Formatter]:
    """The formatter of a report: the main one gives statistics with `--statistics`."""
    main = target.path == run.output_file and target.format == run.output_format
    if run.statistics and main:
        from ssi_lint.formatters.statistics import statistics_formatter

        return statistics_formatter(target.format)
    return _formatter_factory(linter, target.format, "--format" if main else "--report")


def _format_options(run: CheckRun, rules: tuple[Rule, ...], config: Config, target: ReportTarget) -> FormatOptions:
    terminal = target.path is None
    return FormatOptions(
        color=run.color and terminal, tool_version=__version__, rules=rules,
        fail_on=config.fail_on, show_ssi=run.show_ssi, exit_zero=run.exit_zero,
    )


def _collect_garbage_from_now_on() -> None:
    """Turn garbage collection back on if the console script started without it (ssi_lint.console).

    What start-up built lives as long as the run: freezing it keeps later collections from walking it.
    Checking a plan allocates thousands of short-lived objects and almost no cycles, so the youngest
    generation is collected every GC_YOUNG allocations instead of every 700 (1.3% of a large run).
    """
    if not gc.isenabled():
        gc.freeze()
        gc.set_threshold(GC_YOUNG, *gc.get_threshold()[1:])
        gc.enable()


def check_rule_packs(packs: tuple[Path, ...], plugins: tuple[str, ...] = ()) -> list[str]:
    """Load each pack on its own (with the facts and functions of the built-ins and plugins, not their packs) and run its examples.

    A copy of an installed pack (a checkout's `rules/`) is checked as itself, not as a duplicate of the installed one.
    A pack whose rule borrows the params of a rule it does not hold (`params_from`) is checked beside the
    built-in and plugin packs, as a run loads it; only its own examples run.

    Returns one `file:line:col: problem` line per broken pack.
    """
    from ssi_lint.engine.ruleset import NOT_LOADED

    problems = []
    for pack in packs:
        problem = _pack_problem(pack, plugins, beside_installed=False)
        if problem is not None and problem.endswith(NOT_LOADED):
            problem = _pack_problem(pack, plugins, beside_installed=True)
        if problem is not None:
            problems.append(problem)
    return problems


def _pack_problem(pack: Path, plugins: tuple[str, ...], beside_installed: bool) -> str | None:
    """Why the pack does not load or its examples fail, or None; `beside_installed` loads the installed packs too."""
    from ssi_lint.errors import RuleFileError

    options = LintOptions(
        rule_packs=(pack,), plugins=PluginSettings(modules=plugins), check_examples=not beside_installed, plugin_packs=beside_installed,
    )
    try:
        Linter(options)
    except RuleFileError as exc:
        return str(exc)
    return None


def _refuse_overwriting(
    run: CheckRun, targets: tuple[ReportTarget, ...], configs: list[Config], linters: list[Linter], files: list[tuple[Path, str]]
) -> None:
    """Stop before writing when a report or the baseline would replace a file this run reads: a plan, a rule pack, the
    baseline, the observed data, or a configuration file (the run's, each folder's, and every file they `extend`)."""
    from ssi_lint.output_guard import refuse_inputs_as_outputs

    outputs = {("--output-file" if number == 0 else f"--report {target.label}"): target.path
               for number, target in enumerate(targets) if target.path is not None}
    if run.write_baseline is not None:
        outputs["--write-baseline"] = run.write_baseline
    if not outputs:
        return
    inputs = [("the plan", path) for path, _ in files]
    inputs += _stdin_plan(run)
    inputs += [("the rule pack", pack.path) for linter in linters for pack in linter.packs]
    inputs += [("the configuration", path) for path in _configuration_files(configs)]
    inputs += [(what, path) for what, path in (("the baseline", run.baseline), ("the observed data", run.against)) if path is not None]
    refuse_inputs_as_outputs(outputs, inputs)


def _stdin_plan(run: CheckRun) -> list[tuple[str, Path]]:
    """The plan file `--stdin-filename` names, when `-` is read and that file exists: the piped text stands for it
    (an editor pipes the buffer of that very file), so a report written over it would replace the plan."""
    if STDIN not in run.paths or run.stdin_filename is None:
        return []
    path = Path(run.stdin_filename)
    return [("the plan", path)] if path.exists() else []


def _configuration_files(configs: list[Config]) -> list[Path]:
    """Every configuration file the configurations were read from: each one's own file, then those it extends (`Config.files`)."""
    import os

    return list({Path(os.path.normpath(path)): None for config in configs for path in config.files})


def _formatter_factory(linter: Linter, name: str, option: str = "--format") -> Callable[[TextIO, FormatOptions], Formatter]:
    formats = linter.plugins.unique("ssi_lint_formats", "output format")
    if name not in formats:
        raise SsiLintError(f"{option}: unknown format '{name}' (choose from {', '.join(sorted(formats))})")
    return formats[name]


def _load_baseline(run: CheckRun) -> Baseline | None:
    """The run's `--baseline`, if any; a version 1 one that matches list items by position gets a warning to rewrite it."""
    if run.baseline is None:
        return None
    from ssi_lint.baseline import load_baseline

    baseline = load_baseline(run.baseline)
    if baseline.keys_by_position and run.warnings is not None:
        run.warnings.write(
            f"ssi-lint: warning: {printable(run.baseline.as_posix())}: a version 1 baseline matches list items by position;"
            " rewrite it with --write-baseline so that its entries follow the items they are about\n"
        )
    return baseline


def _observed(linter: Linter, path: Path) -> Document:
    """The `--against` source through a loader plugin; one that no loader can read is an error."""
    document = linter.load(path)
    if document.data is None:
        reason = document.problems[0].message if document.problems else "no loader reads it"
        raise InputError(f"--against {path.as_posix()}: cannot be read as observed behaviour ({reason}); is its loader plugin installed?")
    return document


def advise_plan(plan: Path, target: float | None, linter: Linter) -> tuple[str, int]:
    """`ssi-lint advise`: lint the plan, then report its risks and the safe changes to the target SSI (None: SSI001's
    warning level as the run configures it, so that advice aims where check stops warning); with the exit status
    (2 when the plan breaks its format, as for `simulate`: the report names the errors, but no advice rests on them)."""
    from ssi_lint.advice import advice_report, breaks_format
    from ssi_lint.discovery import require_plan

    require_plan(plan, linter.claims, "advise reads")
    document = linter.load(plan, plan.as_posix())
    findings = linter.check_document(document).findings if isinstance(document.data, dict) else ()
    return advice_report(document, findings, target, linter), 2 if breaks_format(findings) else 0
