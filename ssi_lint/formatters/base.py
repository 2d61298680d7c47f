"""The formatter lifecycle every output format follows: start, one call per file, finish."""

from __future__ import annotations

from typing import ClassVar, Protocol, TextIO

from msgspec import Struct

from ssi_lint.model import FileResult, Rule, Summary


class FormatOptions(Struct, frozen=True):
    """What a formatter may need to know about the run."""

    color: bool = False
    tool_version: str = ""
    rules: tuple[Rule, ...] = ()
    """Every rule of the run (for formats that describe rules, such as SARIF)."""
    fail_on: str | None = None
    """The run's `--fail-on` (error, warning, info or never): JUnit fails only findings at or above it (every finding
    when None), the Markdown summary lists them (errors when None)."""
    show_ssi: bool = True
    """Whether human formats draw each plan's SSI chart."""
    exit_zero: bool = False
    """The run's `--exit-zero`: no finding fails it, whatever `fail_on` (the HTML report's header says so)."""


class Formatter(Protocol):
    """Writes findings to a stream as files are checked."""

    def start(self) -> None:
        """Called once before the first file."""

    def file(self, result: FileResult) -> None:
        """Called once per checked file, in output order."""

    def finish(self, summary: Summary) -> None:
        """Called once after the last file."""


class FormatterBase:
    """A formatter that keeps its stream and options and does nothing by default."""

    wants_projection: ClassVar[bool] = False
    """Whether `file` reads `result.extra["simulation"]` (the plan's pending invitations projected by week, and the
    bands): a run that checks files attaches it, projected with the params each file was checked with."""

    reads_ssi: ClassVar[bool] = True
    """Whether `file` reads `result.extra["ssi"]` (the plan's SSI report); a run where no report reads it makes none."""

    reads_identities: ClassVar[bool] = True
    """Whether `file` reads the findings' stable identities (`ssi_lint.identity`, as CI fingerprints do): a run
    where no report nor baseline reads them leaves `result.stable_paths` empty. A format that does not say gets them."""

    @classmethod
    def wants_ssi(cls, options: FormatOptions) -> bool:
        """Whether the format, with these options, reads a file's SSI report."""
        return cls.reads_ssi

    def __init__(self, stream: TextIO, options: FormatOptions) -> None:
        self.stream = stream
        self.options = options

    def start(self) -> None:
        """Nothing to write before the first file."""

    def file(self, result: FileResult) -> None:
        """Nothing to write per file."""

    def finish(self, summary: Summary) -> None:
        """Nothing to write at the end."""
