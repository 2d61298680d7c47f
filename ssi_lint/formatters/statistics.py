"""`--statistics`: how many findings each rule produced, most frequent first."""

from __future__ import annotations

from collections import Counter

from ssi_lint.formatters.base import FormatterBase
from ssi_lint.formatters.text import summary_line
from ssi_lint.model import FileResult, Summary
from ssi_lint.text_safety import printable


class StatisticsFormatter(FormatterBase):
    """Counts per rule, then the summary line."""

    def start(self) -> None:
        """Begin with no counts."""
        self._counts: Counter[tuple[str, str, str]] = Counter()

    def file(self, result: FileResult) -> None:
        """Count the file's findings by rule."""
        self._counts.update((finding.rule_id, finding.severity.label, finding.name) for finding in result.findings)

    def finish(self, summary: Summary) -> None:
        """Write `count  RULE_ID  severity  name` lines, then the totals."""
        rows = sorted(self._counts.items(), key=lambda item: (-item[1], item[0][0]))
        for (rule_id, severity, name), count in rows:
            self.stream.write(f"{count:>6}  {printable(rule_id):<10} {severity:<8} {printable(name)}\n")
        self.stream.write(summary_line(summary) + "\n")
