"""`--format sarif`: SARIF 2.1.0, ready for GitHub code scanning.

Every rule of the run is described in `tool.driver.rules` (a finding of a
rule the run does not declare gets a descriptor made from the finding), with
`helpUri` pointing at its documentation when it has one.
Results carry `ruleId`, `ruleIndex`, `level`, the message and a physical
location: a forward-slash URI relative to `%SRCROOT%` (the current
directory, given in `originalUriBaseIds`) when the file is under it or was
named relatively, else an absolute `file:` URI; regions are 1-based and
columns count code points. Suppressed findings are results with an
`inSource` suppression. `partialFingerprints` hold `ssiLint/v2`: a hash of rule
id, file and the finding's identity (`ssi_lint.identity`: its plan path with
list items named by their key, not their index) plus an occurrence number,
stable across edits that move lines or add list items (`v2`: `v1` hashed the
list index, so code scanning takes the two keys for two fingerprints).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from ssi_lint.formatters.base import FormatOptions, FormatterBase
from ssi_lint.formatters.ci import SEVERITY_LEVELS, Fingerprints, relative_path
from ssi_lint.formatters.finite import finite
from ssi_lint.model import FileResult, Finding, Rule, Summary, lookup

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "ssiLint/v2"
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{\s*([A-Za-z_]\w*)((?:\.\w+)*)\s*(?::([^{}]*))?\}")
_UNKNOWN = object()
_URI_SAFE = "/!$&'()*+,;=@"
"""Left as they are in a relative URI: RFC 3986 path characters, except `:` (a scheme's mark in a first segment)."""


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """A SARIF `reportingDescriptor` for a rule."""
    title = rule.title or rule.name or rule.id
    help_lines = [_with_params(rule.fix, rule) if rule.fix else title]
    if rule.source:
        help_lines.append(f"Source: {rule.source}")
    if rule.guidance:
        help_lines.append(f"Guidance: {', '.join(rule.guidance)}")
    tags = list(dict.fromkeys((rule.category, rule.pillar, *rule.guidance)))
    from ssi_lint.rule_urls import rule_url

    url = rule_url(rule)
    return {
        "id": rule.id,
        "name": rule.name or rule.id,
        "shortDescription": {"text": title},
        "fullDescription": {"text": rule.rationale.strip() or title},
        **({"helpUri": url} if url else {}),
        "help": {"text": "\n".join(help_lines)},
        "defaultConfiguration": {"level": SEVERITY_LEVELS[rule.severity]},
        "properties": {"pillar": rule.pillar, "category": rule.category, "tags": [tag for tag in tags if tag]},
    }


def _with_params(text: str, rule: Rule) -> str:
    """A fix template as rule help: `{params.x}` and `{params.x.y}` filled from the rule's defaults, other placeholders as `…`."""

    def fill(match: re.Match[str]) -> str:
        if match.group(0) in ("{{", "}}"):
            return match.group(0)[0]
        keys = match.group(2).split(".")[1:]
        value = lookup(rule.params, keys, _UNKNOWN) if match.group(1) == "params" and keys else _UNKNOWN
        if value is _UNKNOWN or isinstance(value, (dict, list)):
            return "…"
        if isinstance(value, bool):
            return "true" if value else "false"
        from ssi_lint.engine.templates import safe_format

        formatted = safe_format(value, match.group(3) or "")
        return str(value) if formatted is None else formatted

    return _PLACEHOLDER.sub(fill, text)


def _finding_rule(finding: Finding) -> Rule:
    """A stand-in rule for a finding whose rule the run does not declare."""
    return Rule(
        finding.rule_id,
        finding.name,
        finding.name,
        finding.pillar,
        finding.category,
        finding.severity,
        finding.message,
        guidance=finding.guidance,
    )


class SarifFormatter(FormatterBase):
    """Collects results file by file and writes one SARIF log at the end."""

    reads_ssi = False

    def __init__(self, stream: TextIO, options: FormatOptions, root: Path | None = None) -> None:
        super().__init__(stream, options)
        self.root = Path.cwd() if root is None else root.absolute()
        self._fingerprints = Fingerprints(self.root)
        self._rules: dict[str, Rule] = {}
        for rule in options.rules:
            self._rules.setdefault(rule.id, rule)
        self._extra: dict[str, Rule] = {}
        self._results: list[tuple[Finding, dict[str, Any]]] = []

    def file(self, result: FileResult) -> None:
        """Record a result per finding, suppressed ones included."""
        tagged = [(finding, False) for finding in result.findings] + [(finding, True) for finding in result.suppressed]
        for finding, suppressed in sorted(tagged, key=lambda pair: pair[0].sort_key()):
            if finding.rule_id not in self._rules:
                self._extra.setdefault(finding.rule_id, _finding_rule(finding))
            self._results.append((finding, self._result(finding, suppressed, result)))

    def finish(self, summary: Summary) -> None:
        """Write the log."""
        rules = [*self._rules.values(), *(self._extra[key] for key in sorted(self._extra))]
        index = {rule.id: position for position, rule in enumerate(rules)}
        results = [{"ruleId": finding.rule_id, "ruleIndex": index[finding.rule_id], **body} for finding, body in self._results]
        driver: dict[str, Any] = {"name": "ssi-lint"}
        if self.options.tool_version:
            driver["version"] = self.options.tool_version
        driver["rules"] = [rule_descriptor(rule) for rule in rules]
        run = {
            "tool": {"driver": driver},
            "originalUriBaseIds": {SRCROOT: {"uri": self.root.as_uri().rstrip("/") + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }
        log = finite({"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]})
        json.dump(log, self.stream, indent=2, ensure_ascii=False, allow_nan=False)
        self.stream.write("\n")

    def _result(self, finding: Finding, suppressed: bool, result: FileResult) -> dict[str, Any]:
        """A result without its rule reference (added once every rule is known)."""
        key, occurrence = self._fingerprints(finding, result)
        region = {"startLine": max(finding.line, 1), "startColumn": max(finding.column, 1)}
        body: dict[str, Any] = {
            "level": SEVERITY_LEVELS[finding.severity],
            "message": {"text": finding.message or finding.name or finding.rule_id},
            "locations": [{"physicalLocation": {"artifactLocation": self._artifact(finding.file), "region": region}}],
            "partialFingerprints": {FINGERPRINT_KEY: f"{key}:{occurrence}"},
        }
        if suppressed:
            suppression = {"kind": "inSource"}
            if finding.suppression:
                suppression["justification"] = finding.suppression
            body["suppressions"] = [suppression]
        return body

    def _artifact(self, file: str) -> dict[str, str]:
        """The artifact location of a file: relative to `%SRCROOT%` when possible."""
        relative = relative_path(file, self.root)
        if relative is None:
            return {"uri": Path(file).as_uri()}
        return {"uri": quote(os.fsencode(relative), safe=_URI_SAFE), "uriBaseId": SRCROOT}
