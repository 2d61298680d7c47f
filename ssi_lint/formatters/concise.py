"""`--format concise`: one `path:line:col: ID message` line per finding, then the summary.

Made for grep and editors' quickfix lists: every finding is exactly one
line (line breaks inside a message are written as the two characters `\\n`
or `\\r`), the severity is left out as ruff's concise output does, and the
closing summary line never starts with a location.
"""

from __future__ import annotations

from ssi_lint.formatters.base import FormatterBase
from ssi_lint.formatters.text import summary_line
from ssi_lint.model import FileResult, Severity, Summary
from ssi_lint.text_safety import printable

_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"


def one_line(text: str) -> str:
    """`text` with CR and LF written as the escapes `\\r` and `\\n` (and every other control character escaped)."""
    return printable(text)


class ConciseFormatter(FormatterBase):
    """One line per finding; the rule id is coloured by severity when colour is on."""

    reads_identities = False
    reads_ssi = False

    def file(self, result: FileResult) -> None:
        """Write the file's findings (in one write: stdout may be unbuffered)."""
        color = self.options.color
        lines = []
        for finding in result.findings:
            location = one_line(f"{finding.file}:{finding.line}:{finding.column}:")
            rule_id = one_line(finding.rule_id)
            if color:
                location = f"{_BOLD}{location}{_RESET}"
                rule_id = f"{_COLORS[finding.severity]}{rule_id}{_RESET}"
            lines.append(f"{location} {rule_id} {one_line(finding.message)}\n")
        if lines:
            self.stream.write("".join(lines))

    def finish(self, summary: Summary) -> None:
        """Write the totals, as the text format does."""
        self.stream.write(summary_line(summary) + "\n")
