"""`--format gitlab`: a GitLab Code Quality report (a JSON list of issues).

Each finding becomes `{description, check_name, fingerprint, severity,
location: {path, lines: {begin}}}`, plus `url` (the rule's documentation)
when the rule has one. Severities follow the one-step ladder
other linters use with GitLab: error -> `major`, warning -> `minor`,
info -> `info` (`critical` and `blocker` are left to security scanners).
Paths are relative to the current directory (the repository root in CI)
when the file is under it. The fingerprint hashes rule id, path, the
finding's identity (`ssi_lint.identity`: its plan path with list items named
by their key, not their index) and an occurrence number, so it is unique per
finding and survives edits elsewhere in the file. Suppressed findings are not reported.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, TextIO

from ssi_lint.formatters.base import FormatOptions, FormatterBase
from ssi_lint.formatters.ci import Fingerprints, report_path
from ssi_lint.model import FileResult, Severity, Summary

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


class GitlabFormatter(FormatterBase):
    """Collects every finding, then writes the report as one JSON list."""

    reads_ssi = False

    def __init__(self, stream: TextIO, options: FormatOptions, root: Path | None = None) -> None:
        super().__init__(stream, options)
        self.root = Path.cwd() if root is None else root.absolute()
        self._issues: list[dict[str, Any]] = []
        self._fingerprints = Fingerprints(self.root)
        from ssi_lint.rule_urls import RuleUrls

        self._urls = RuleUrls(options.rules)

    def file(self, result: FileResult) -> None:
        """Record an issue per finding."""
        for finding in result.findings:
            key, occurrence = self._fingerprints(finding, result)
            self._issues.append(
                {
                    "description": f"{finding.rule_id} {finding.message}",
                    "check_name": finding.rule_id,
                    "fingerprint": hashlib.sha256(f"{key}:{occurrence}".encode()).hexdigest()[:32],
                    "severity": SEVERITIES[finding.severity],
                    "location": {"path": report_path(finding.file, self.root), "lines": {"begin": max(finding.line, 1)}},
                    **({"url": url} if (url := self._urls(finding.rule_id)) else {}),
                }
            )

    def finish(self, summary: Summary) -> None:
        """Write the report."""
        from ssi_lint.formatters.finite import finite

        json.dump(finite(self._issues), self.stream, indent=2, ensure_ascii=False, allow_nan=False)
        self.stream.write("\n")
