"""`--format json-lines`: one JSON object per finding and per line, nothing else.

Each line is exactly `Finding.as_dict()` (the JSON contract), so a stream of
findings can be filtered with `jq -c` or loaded line by line; there is no
summary line and suppressed findings are not written.
"""

from __future__ import annotations

import json

from ssi_lint.formatters.base import FormatterBase
from ssi_lint.formatters.finite import finite
from ssi_lint.model import FileResult


class JsonLinesFormatter(FormatterBase):
    """Writes each finding as soon as its file is checked."""

    reads_identities = False
    reads_ssi = False

    def file(self, result: FileResult) -> None:
        """Write one compact JSON object per finding."""
        for finding in result.findings:
            self.stream.write(json.dumps(finite(finding.as_dict()), ensure_ascii=False, allow_nan=False, separators=(",", ":")) + "\n")
