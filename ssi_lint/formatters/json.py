"""`--format json`: one JSON object with the tool version, files, findings and summary.

Each finding is the JSON contract (`Finding.as_dict()`) plus `url`, its
rule's documentation (null for rules without one).
"""

from __future__ import annotations

import json
from typing import Any

from ssi_lint.formatters.base import FormatterBase
from ssi_lint.formatters.finite import finite
from ssi_lint.model import FileResult, Summary


NOT_CHECKED = "the file could not be checked"
"""The `reason` of the SSI entry of a file ssi-lint failed on (its finding says why)."""


def summary_record(summary: Summary) -> dict[str, int]:
    """`{files, error, warning, info}`: the totals as JSON reports give them."""
    return {"files": summary.files, **{key: summary.counts.get(key, 0) for key in ("error", "warning", "info")}}


class JsonFormatter(FormatterBase):
    """Collects every file and finding, then writes one indented JSON document."""

    reads_identities = False
    def start(self) -> None:
        """Begin with no files and no findings."""
        from ssi_lint.rule_urls import RuleUrls

        self._files: list[dict[str, Any]] = []
        self._findings: list[dict[str, Any]] = []
        self._urls = RuleUrls(self.options.rules)

    def file(self, result: FileResult) -> None:
        """Record the file and its findings; a file that could not be checked still carries `ssi`, unknown, with the reason."""
        entry = {"path": result.source, "findings": len(result.findings), **result.extra}
        if "ssi" not in entry:
            from ssi_lint.ssi import unknown_report

            entry["ssi"] = unknown_report(NOT_CHECKED)
        self._files.append(entry)
        self._findings.extend({**finding.as_dict(), "url": self._urls(finding.rule_id)} for finding in result.findings)

    def finish(self, summary: Summary) -> None:
        """Write the report."""
        report = {
            "version": self.options.tool_version,
            "files": self._files,
            "findings": self._findings,
            "summary": summary_record(summary),
        }
        json.dump(finite(report), self.stream, indent=2, ensure_ascii=False, allow_nan=False)
        self.stream.write("\n")
