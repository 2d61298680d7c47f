"""The default human-readable format: `path:line:col: RULE severity message`, then a summary.

File names and messages are written with control characters escaped (`ssi_lint.text_safety`).
"""

from __future__ import annotations

from ssi_lint.formatters.base import FormatOptions, FormatterBase
from ssi_lint.model import FileResult, Severity, Summary
from ssi_lint.text_safety import printable

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


class TextFormatter(FormatterBase):
    """One line per finding, grouped by file, each file's SSI chart (with `show_ssi`), and a closing summary line."""

    reads_identities = False
    @classmethod
    def wants_ssi(cls, options: FormatOptions) -> bool:
        """The SSI chart is drawn only with `show_ssi` (on a terminal, by default)."""
        return options.show_ssi

    def file(self, result: FileResult) -> None:
        """Write the file's findings, one per line, then its SSI chart when the plan has one (one write: stdout may be unbuffered)."""
        color = self.options.color
        lines = []
        for finding in result.findings:
            label = finding.severity.label
            if not color:  # escaping works character by character: the whole line at once is the same
                lines.append(printable(f"{finding.file}:{finding.line}:{finding.column}: {finding.rule_id} {label} {finding.message}") + "\n")
                continue
            location = f"{_BOLD}{printable(f'{finding.file}:{finding.line}:{finding.column}:')}{_RESET}"
            label = f"{_COLORS[finding.severity]}{label}{_RESET}"
            lines.append(f"{location} {printable(finding.rule_id)} {label} {printable(finding.message)}\n")
        if self.options.show_ssi and result.extra.get("ssi"):
            from ssi_lint.ssi import chart

            lines.append(chart(result.extra["ssi"], printable(result.source)))
        if lines:
            self.stream.write("".join(lines))

    def finish(self, summary: Summary) -> None:
        """Write the totals."""
        self.stream.write(summary_line(summary) + "\n")


def summary_line(summary: Summary) -> str:
    """`Found 3 problems (1 error, 2 warnings, 0 info) in 2 files.`"""
    files = f"{summary.files} file{'s' if summary.files != 1 else ''}"
    if not summary.total:
        return f"All checks passed: no problems in {files}.{baseline_note(summary)}"
    counts = summary.counts
    error, warning = counts.get("error", 0), counts.get("warning", 0)
    parts = f"{error} error{'s' if error != 1 else ''}, {warning} warning{'s' if warning != 1 else ''}, {counts.get('info', 0)} info"
    total = summary.total
    line = f"Found {total} problem{'s' if total != 1 else ''} ({parts}) in {files}."
    return line + baseline_note(summary)


def baseline_note(summary: Summary) -> str:
    """` 2 baseline entries no longer match anything.` when the baseline has stale entries."""
    stale = summary.stale_baseline
    if not stale:
        return ""
    return f" {stale} baseline entr{'ies' if stale != 1 else 'y'} no longer match{'' if stale != 1 else 'es'} anything."
