"""`--format github`: GitHub Actions workflow commands, one annotation per finding.

`::error file=F,line=L,col=C,title=T::message` (`warning` and `notice` for the
other severities), escaped as the Actions toolkit escapes them: in the
message `%`, CR and LF become `%25`, `%0D` and `%0A`; property values also
turn `:` and `,` into `%3A` and `%2C`. A finding's fix, when it has one,
follows its message on a second line of the annotation. The summary line is
printed at the end, as plain log text.
"""

from __future__ import annotations

from ssi_lint.formatters.base import FormatterBase
from ssi_lint.formatters.text import summary_line
from ssi_lint.model import FileResult, Finding, Severity, Summary

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message (the part after `::`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value (`file=...`, `title=...`)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """The workflow command for one finding, without the line break."""
    properties = {
        "file": finding.file,
        "line": str(finding.line),
        "col": str(finding.column),
        "title": f"{finding.rule_id} {finding.name}".strip(),
    }
    rendered = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    message = finding.message if finding.fix is None else f"{finding.message}\nFix: {finding.fix}"
    return f"::{COMMANDS[finding.severity]} {rendered}::{escape_data(message)}"


class GithubFormatter(FormatterBase):
    """Writes an annotation per finding as files are checked, and the summary last."""

    reads_identities = False
    reads_ssi = False

    def file(self, result: FileResult) -> None:
        """Write the file's annotations (in one write: stdout may be unbuffered)."""
        if result.findings:
            self.stream.write("".join(f"{annotation(finding)}\n" for finding in result.findings))

    def finish(self, summary: Summary) -> None:
        """Write the totals as plain text."""
        self.stream.write(summary_line(summary) + "\n")
