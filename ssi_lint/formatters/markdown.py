"""`--format markdown`: a summary table per plan, then the findings at or above `--fail-on`.

Made for `$GITHUB_STEP_SUMMARY` (GitHub shows only 10 annotations of each
kind per step; the summary has them all) and GitLab merge request notes.
Everything taken from a plan is escaped: control characters, bidirectional
overrides and the lone surrogates of a file name that is not UTF-8 become
escapes (`\\x1b`, `\\udcff`, as in the text format), `&`, `<` and `>` become
entities, so no HTML from a plan reaches the page, Markdown's inline markup
characters are backslash-escaped and line breaks become `<br>`. Both services
cut a summary at about 1 MB, so findings past `MAX_BYTES` are counted instead
of listed.
"""

from __future__ import annotations

import re

from ssi_lint.formatters.base import FormatterBase
from ssi_lint.formatters.overview import PlanRow, at_or_above, number, plan_row
from ssi_lint.model import FileResult, Finding, Summary
from ssi_lint.text_safety import printable

MAX_BYTES = 900_000
"""Stop listing findings once the report reaches this size (GitHub's step summary holds 1 MiB)."""
_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def md_text(text: str) -> str:
    """`text` safe inside a Markdown table cell: no control character, no HTML, no Markdown markup, no line break."""
    text = printable(text, line_breaks=True).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _LINE_BREAK.sub("<br>", _SPECIAL.sub(r"\\\1", text))


class MarkdownFormatter(FormatterBase):
    """Collects a row per plan and the findings that reach the threshold; writes both at the end."""

    reads_identities = False
    def start(self) -> None:
        """Begin with no plans."""
        self._rows: list[PlanRow] = []
        self._listed: list[tuple[str, list[Finding]]] = []

    def file(self, result: FileResult) -> None:
        """Record the plan's row and its findings at or above the threshold."""
        self._rows.append(plan_row(result))
        listed = at_or_above(result.findings, self.options.fail_on or "error")
        if listed:
            self._listed.append((result.source, listed))

    def finish(self, summary: Summary) -> None:
        """Write the report."""
        lines = [f"## ssi-lint: {_totals(summary)}", ""]
        lines += _summary_table(self._rows)
        lines += ["", self._findings_heading()]
        size = sum(len(line.encode()) + 1 for line in lines)
        left = sum(len(findings) for _, findings in self._listed)
        for source, findings in self._listed:
            block = ["", f"#### {md_text(source)}", "", "| Line | Severity | Rule | Message | Fix |", "| --: | --- | --- | --- | --- |"]
            block += [_finding_row(finding) for finding in findings]
            cost = sum(len(line.encode()) + 1 for line in block)
            if size + cost > MAX_BYTES:
                break
            lines += block
            size += cost
            left -= len(findings)
        if left:
            lines += ["", f"{left} more finding{'s' if left != 1 else ''} not listed: the summary would be too long. "
                      "Use `--format html` or `--format json` for the full report."]
        self.stream.write("\n".join(lines) + "\n")

    def _findings_heading(self) -> str:
        fail_on = self.options.fail_on or "error"
        if fail_on == "never":
            return "No findings are listed: `--fail-on never` lets every finding pass."
        count = sum(len(findings) for _, findings in self._listed)
        label = "Errors" if fail_on == "error" else f"Findings of severity {fail_on} or above"
        return f"### {label}: {count or 'none'}"

def _totals(summary: Summary) -> str:
    counts = summary.counts
    plans = f"{summary.files} plan{'s' if summary.files != 1 else ''}"
    error, warning, info = (counts.get(key, 0) for key in ("error", "warning", "info"))
    return f"{error} error{'s' if error != 1 else ''}, {warning} warning{'s' if warning != 1 else ''}, {info} info in {plans}"


def _summary_table(rows: list[PlanRow]) -> list[str]:
    lines = [
        "| Plan | SSI estimate | Declared SSI | Band | Errors | Warnings | Info | Worst risk |",
        "| --- | --: | --: | --- | --: | --: | --: | --- |",
    ]
    for row in rows:
        worst = row.worst
        risk = f"{worst.severity.label} {md_text(worst.rule_id)} {md_text(worst.name)}" if worst else "none"
        cells = (
            md_text(row.source),
            row.estimate_text or "n/a",
            number(row.declared) or "n/a",
            md_text(row.band or row.band_text),
            str(row.counts["error"]),
            str(row.counts["warning"]),
            str(row.counts["info"]),
            risk,
        )
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _finding_row(finding: Finding) -> str:
    fix = md_text(finding.fix) if finding.fix else ""
    cells = (str(finding.line), f"**{finding.severity.label}**", md_text(finding.rule_id), md_text(finding.message), fix)
    return "| " + " | ".join(cells) + " |"
