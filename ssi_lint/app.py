"""One lint run, as `ssi-lint check` performs it: configuration, files, formatter, baseline, exit status.

The command line builds a `CheckRun` and calls `run_check`; everything else
is here so that it can be called (and tested) without click.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ssi_lint import __version__
from ssi_lint.api import Linter, LintOptions, Tally, exit_status
from ssi_lint.config import Config, check_rule_ids
from ssi_lint.errors import InputError, PluginError, SsiLintError
from ssi_lint.formatters.base import FormatOptions, Formatter
from ssi_lint.model import Document, FileResult, Summary
from ssi_lint.parallel import check_files, default_jobs
from ssi_lint.plugins import PluginSettings

PROGRESS_EVERY = 100
"""Progress is shown every this many files, on batches at least this long."""

if TYPE_CHECKING:
    from ssi_lint.baseline import Baseline


@dataclass(frozen=True, slots=True)
class CheckRun:
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
    loader_options: Mapping[str, str] = field(default_factory=dict)
    color: bool = False
    jobs: int | None = None
    """Worker processes; None: all cores for large batches, else one."""
    progress: TextIO | None = None
    """Where to show progress on long batches (a terminal), or None."""
    warnings: TextIO | None = None
    """Where to warn that no file was found, or None."""


def lint_options(
    config: Config, disabled_plugins: tuple[str, ...] = (), loader_options: Mapping[str, str] | None = None
) -> LintOptions:
    """The library options a configuration (and the loader options given) stand for."""
    return LintOptions(
        select=config.select,
        ignore=config.ignore,
        rule_packs=config.rules,
        params=config.params,
        severities=config.severity,
        plugins=PluginSettings(modules=config.plugins, disabled=disabled_plugins),
        loader_options=dict(loader_options or {}),
    )


def run_check(run: CheckRun, config: Config, stdout: TextIO) -> int:
    """Lint the run's paths and write the report; return the exit status (0 or 1)."""
    linter = Linter(lint_options(config, run.disabled_plugins, run.loader_options))
    check_rule_ids(config, linter.rules)
    factory = _formatter_factory(linter, "statistics" if run.statistics else run.output_format)
    _collect_garbage_from_now_on()
    baseline = _load_baseline(run.baseline)
    files = linter.discover(run.paths, config)
    if not files and run.warnings is not None:
        run.warnings.write(f"ssi-lint: warning: no files to check in {', '.join(path.as_posix() for path in run.paths)}\n")
    observed = _observed(linter, run.against) if run.against is not None else None
    tally = Tally()
    recorded: list[FileResult] = []  # kept only to write a baseline
    with _destination(run.output_file, stdout) as stream:
        options = FormatOptions(color=run.color and run.output_file is None, tool_version=__version__, rules=linter.rules)
        formatter = _Guarded(factory(stream, options), run.output_format)
        formatter.start()
        jobs = run.jobs if run.jobs is not None else default_jobs(len(files))
        for number, result in enumerate(check_files(linter, files, jobs, observed), start=1):
            if run.progress is not None and number % PROGRESS_EVERY == 0:
                run.progress.write(f"\rssi-lint: {number}/{len(files)} files checked")
                run.progress.flush()
            if baseline is not None:
                from ssi_lint.baseline import apply_baseline

                result, _ = apply_baseline(baseline, result)
            formatter.file(result)
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
    return 0 if run.exit_zero else exit_status(summary, config.fail_on)


def _collect_garbage_from_now_on() -> None:
    """Turn garbage collection back on if the console script started without it (ssi_lint.console).

    What start-up built lives as long as the run: freezing it keeps later collections from walking it.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def check_rule_packs(packs: tuple[Path, ...], plugins: tuple[str, ...] = ()) -> list[str]:
    """Load each pack on its own (with the built-in facts and functions) and run its examples.

    Returns one `file:line:col: problem` line per broken pack.
    """
    from ssi_lint.errors import RuleFileError

    problems = []
    for pack in packs:
        options = LintOptions(rule_packs=(pack,), plugins=PluginSettings(modules=plugins), check_examples=True)
        try:
            Linter(options)
        except RuleFileError as exc:
            problems.append(str(exc))
    return problems


def _formatter_factory(linter: Linter, name: str) -> Callable[[TextIO, FormatOptions], Formatter]:
    if name == "statistics":
        from ssi_lint.formatters.statistics import StatisticsFormatter

        return StatisticsFormatter
    formats = linter.plugins.unique("ssi_lint_formats", "output format")
    if name not in formats:
        raise SsiLintError(f"--format: unknown format '{name}' (choose from {', '.join(sorted(formats))})")
    return formats[name]


def _load_baseline(path: Path | None) -> Baseline | None:
    if path is None:
        return None
    from ssi_lint.baseline import load_baseline

    return load_baseline(path)


@contextmanager
def _destination(path: Path | None, stdout: TextIO) -> Iterator[TextIO]:
    """Standard output, or a file replaced atomically once the report is complete."""
    if path is None:
        yield stdout
        return
    from ssi_lint.atomic import atomic_writer

    with atomic_writer(path, "the report") as stream:
        yield stream


def _observed(linter: Linter, path: Path) -> Document:
    """The `--against` source through a loader plugin; one that no loader can read is an error."""
    document = linter.load(path)
    if document.data is None:
        reason = document.problems[0].message if document.problems else "no loader reads it"
        raise InputError(f"--against {path.as_posix()}: cannot be read as observed behaviour ({reason}); is its loader plugin installed?")
    return document


class _Guarded:
    """A formatter whose failures name the output format instead of ending in an internal error."""

    def __init__(self, formatter: Formatter, name: str) -> None:
        self._formatter = formatter
        self._name = name

    def start(self) -> None:
        """Begin the report."""
        self._call("start")

    def file(self, result: FileResult) -> None:
        """Report one file."""
        self._call("file", result)

    def finish(self, summary: Summary) -> None:
        """End the report."""
        self._call("finish", summary)

    def _call(self, method: str, *args: object) -> None:
        try:
            getattr(self._formatter, method)(*args)
        except (SsiLintError, BrokenPipeError):
            raise
        except Exception as exc:  # noqa: BLE001 - formats may come from plugins
            raise PluginError(f"output format '{self._name}' failed in {method}(): {type(exc).__name__}: {exc}") from None
