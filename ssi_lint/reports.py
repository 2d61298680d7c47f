"""The reports one run writes: the main one (`--format`, `--output-file`) and any `--report FORMAT:PATH`.

Every report is built from the same findings, as they are checked: the run
lints once and hands each file to every formatter. Files are replaced
atomically when their report is complete. Standard output is written through
`PipeSafe` (`ssi_lint.output_guard`), so that a reader that goes away
(`ssi-lint ... | head`) ends the output quietly and the run still ends with its
usual exit status, and a full disk is one line and exit status 2.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, TextIO

from msgspec import Struct

from ssi_lint.errors import InputError, PluginError, SsiLintError, plugin_failure
from ssi_lint.formatters.base import FormatOptions, Formatter
from ssi_lint.model import FileResult, Summary
from ssi_lint.output_guard import PipeSafe, cannot_write

STDOUT = "-"
"""The PATH of `--report FORMAT:-`: standard output."""


class ReportTarget(Struct, frozen=True):
    """One report: its format and where it goes (None: standard output)."""

    format: str
    path: Path | None = None

    @property
    def label(self) -> str:
        """How errors name this report."""
        return f"{self.format}:{self.path.as_posix() if self.path is not None else STDOUT}"


def parse_report(text: str) -> ReportTarget:
    """`FORMAT:PATH` (PATH `-` is standard output); InputError when malformed."""
    name, sep, path = text.partition(":")
    if not sep or not name.strip() or not path:
        raise InputError(f"--report: expected FORMAT:PATH (for example sarif:ssi-lint.sarif), not {text!r}")
    return ReportTarget(name.strip(), None if path == STDOUT else Path(path))


def check_targets(targets: Sequence[ReportTarget]) -> None:
    """Raise InputError when two reports would write to the same place."""
    seen: dict[str, ReportTarget] = {}
    for target in targets:
        key = STDOUT if target.path is None else os.path.realpath(target.path)
        if key in seen:
            where = "standard output" if target.path is None else target.path.as_posix()
            raise InputError(f"--report {target.label}: {seen[key].label} already writes to {where}")
        seen[key] = target


class GuardedFormatter:
    """A formatter whose failures name the output format instead of ending in an internal error."""

    def __init__(self, formatter: Formatter, name: str) -> None:
        self._formatter = formatter
        self._name = name

    @classmethod
    def made(cls, factory: Callable[[TextIO, FormatOptions], Formatter], stream: TextIO, options: FormatOptions, name: str) -> GuardedFormatter:
        """The format's formatter, made by its factory; a factory that fails is named as a method that does."""
        return cls(cls._guard(name, "its factory", factory, stream, options), name)

    @property
    def wants_projection(self) -> bool:
        """Whether the format reads a plan's projection (`FormatterBase.wants_projection`)."""
        return bool(getattr(self._formatter, "wants_projection", False))

    @property
    def reads_ssi(self) -> bool:
        """Whether the format reads a file's SSI report (`FormatterBase.wants_ssi`; a format that does not say: yes)."""
        wants = getattr(self._formatter, "wants_ssi", None)
        return True if wants is None else bool(self._guard(self._name, "wants_ssi()", wants, getattr(self._formatter, "options", None)))

    @property
    def reads_identities(self) -> bool:
        """Whether the format reads the findings' stable identities (`FormatterBase.reads_identities`; a format that does not say: yes)."""
        return bool(self._guard(self._name, "reads_identities", getattr, self._formatter, "reads_identities", True))

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
        self._guard(self._name, f"{method}()", getattr(self._formatter, method), *args)

    @staticmethod
    def _guard(name: str, where: str, function: Callable[..., Any], *args: object) -> Any:
        """Call the format's code: what it raises (`sys.exit()` included) is an error naming the format."""
        try:
            return function(*args)
        except (SsiLintError, BrokenPipeError):
            raise
        except OSError as exc:  # the disk is full, the device refuses: the report cannot be written
            raise cannot_write(exc) from None
        except BaseException as exc:  # noqa: BLE001 - formats may come from plugins; sys.exit() included
            raise PluginError(f"output format '{name}' failed in {where}: {plugin_failure(exc)}") from None


class Fanout:
    """Hands every call to each report's formatter, in order.

    A report whose formatter fails (an SsiLintError: `GuardedFormatter` turns
    any failure into one) is left out from then on, and its failure kept in
    `failures`; the other reports go on, so that one broken format does not
    cost the rest.
    """

    def __init__(self, formatters: Sequence[Formatter]) -> None:
        self._formatters = tuple(formatters)
        self.failures: list[SsiLintError | None] = [None] * len(self._formatters)

    def start(self) -> None:
        """Begin every report."""
        for number, formatter in enumerate(self._formatters):
            self._call(number, formatter.start)

    def file(self, result: FileResult, projected: Callable[[], FileResult] | None = None) -> None:
        """Report one file in every report; one that reads a plan's projection gets `projected()` (made once) instead."""
        made = None
        for number, formatter in enumerate(self._formatters):
            if self.failures[number] is not None:
                continue
            if projected is not None and getattr(formatter, "wants_projection", False):
                made = made or projected()
                self._call(number, formatter.file, made)
            else:
                self._call(number, formatter.file, result)

    def finish(self, summary: Summary) -> None:
        """End every report."""
        for number, formatter in enumerate(self._formatters):
            self._call(number, formatter.finish, summary)

    @property
    def reads_ssi(self) -> bool:
        """Whether any report reads the files' SSI reports (`GuardedFormatter.reads_ssi`)."""
        return any(getattr(formatter, "reads_ssi", True) for formatter in self._formatters)

    @property
    def reads_identities(self) -> bool:
        """Whether any report reads the findings' stable identities (`GuardedFormatter.reads_identities`)."""
        return any(getattr(formatter, "reads_identities", True) for formatter in self._formatters)

    def _call(self, number: int, method: Callable[..., None], *args: object) -> None:
        if self.failures[number] is not None:
            return
        try:
            method(*args)
        except SsiLintError as exc:
            self.failures[number] = exc


@contextmanager
def open_reports(
    targets: Sequence[ReportTarget],
    stdout: TextIO,
    factory: Callable[[ReportTarget], Callable[[TextIO, FormatOptions], Formatter]],
    options: Callable[[ReportTarget], FormatOptions],
) -> Iterator[Fanout]:
    """One formatter per target, writing to standard output or to a file replaced atomically on success.

    The first target is the main report; errors name the others by format.
    A report that fails is not written (its file is left as it was), the
    others are, and then the first failure is raised.
    """
    check_targets(targets)
    factories = [factory(target) for target in targets]  # unknown formats fail before any file is touched
    failure: SsiLintError | None = None
    with ExitStack() as stack:
        formatters: list[Formatter] = []
        files: list[ExitStack | None] = []
        for number, (target, make) in enumerate(zip(targets, factories, strict=True)):
            if target.path is None:
                stream: TextIO = stdout if isinstance(stdout, PipeSafe) else PipeSafe(stdout)  # type: ignore[assignment]
                files.append(None)
            else:
                from ssi_lint.atomic import atomic_writer

                what = "the report" if number == 0 else f"the {target.format} report"
                own = stack.enter_context(ExitStack())
                stream = own.enter_context(atomic_writer(target.path, what))
                files.append(own)
            formatters.append(GuardedFormatter.made(make, stream, options(target), target.format))
        fanout = Fanout(formatters)
        yield fanout
        for own, failed in zip(files, fanout.failures, strict=True):
            if failed is not None:
                failure = failure or failed
                if own is not None:  # the temporary file is removed; the target keeps what it held
                    own.__exit__(type(failed), failed, failed.__traceback__)
    if failure is not None:
        raise failure
