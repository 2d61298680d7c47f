"""`--statistics`: how many findings each rule produced, most frequent first, in the chosen format.

`text` and `concise` print a table and the summary line; `json` writes one
object (`version`, `statistics`: a list of `{rule_id, name, severity,
count}`, `summary`); `json-lines` writes one such object per line. Other
formats (SARIF, JUnit, annotations, Code Quality) describe findings, not
counts, so `--statistics` with them is an error.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any, TextIO

from ssi_lint.errors import InputError
from ssi_lint.formatters.base import FormatOptions, Formatter, FormatterBase
from ssi_lint.formatters.json import summary_record
from ssi_lint.formatters.text import summary_line
from ssi_lint.model import FileResult, Summary
from ssi_lint.text_safety import printable


class StatisticsFormatter(FormatterBase):
    """Counts per rule, then the summary line."""

    reads_identities = False
    reads_ssi = False

    def start(self) -> None:
        """Begin with no counts."""
        self._counts: Counter[tuple[str, str, str]] = Counter()

    def file(self, result: FileResult) -> None:
        """Count the file's findings by rule."""
        self._counts.update((finding.rule_id, finding.severity.label, finding.name) for finding in result.findings)

    def rows(self) -> list[dict[str, Any]]:
        """`{rule_id, name, severity, count}` per rule, most frequent first, then by rule id."""
        ordered = sorted(self._counts.items(), key=lambda item: (-item[1], item[0][0]))
        return [{"rule_id": rule_id, "name": name, "severity": severity, "count": count}
                for (rule_id, severity, name), count in ordered]

    def finish(self, summary: Summary) -> None:
        """Write `count  RULE_ID  severity  name` lines, then the totals."""
        for row in self.rows():
            self.stream.write(f"{row['count']:>6}  {printable(row['rule_id']):<10} {row['severity']:<8} {printable(row['name'])}\n")
        self.stream.write(summary_line(summary) + "\n")


class JsonStatisticsFormatter(StatisticsFormatter):
    """The counts as one JSON object."""

    def finish(self, summary: Summary) -> None:
        """Write `{version, statistics, summary}`."""
        report = {
            "version": self.options.tool_version,
            "statistics": self.rows(),
            "summary": summary_record(summary),
        }
        json.dump(report, self.stream, indent=2, ensure_ascii=False)
        self.stream.write("\n")


class JsonLinesStatisticsFormatter(StatisticsFormatter):
    """One JSON object per rule and line."""

    def finish(self, summary: Summary) -> None:
        """Write each rule's counts as a compact JSON line."""
        for row in self.rows():
            self.stream.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")


STATISTICS_FORMATS: dict[str, Callable[[TextIO, FormatOptions], Formatter]] = {
    "text": StatisticsFormatter,
    "concise": StatisticsFormatter,
    "json": JsonStatisticsFormatter,
    "json-lines": JsonLinesStatisticsFormatter,
}


def statistics_formatter(format_name: str) -> Callable[[TextIO, FormatOptions], Formatter]:
    """The statistics form of an output format; InputError when the format cannot carry counts."""
    try:
        return STATISTICS_FORMATS[format_name]
    except KeyError:
        choices = ", ".join(STATISTICS_FORMATS)
        raise InputError(f"--statistics: the {format_name} format cannot carry statistics (use --format {choices})") from None
