"""`--format junit`: JUnit XML, as Jenkins, GitLab, Azure DevOps and CircleCI read it.

One `<testsuite>` per checked file, one `<testcase>` per file and rule
(`classname` the file, `name` the rule id) holding one `<failure>`: its
`message` is the first finding as `file:line:col: message` and its text lists
every finding of that rule in the file. A file without findings gets one
passing test case named `ssi-lint`, so CI systems list it too. With the
run's `--fail-on` known, only rules with a finding at or above it fail; the
others are passing test cases whose `<system-out>` lists their findings
(with `--fail-on never`, nothing fails). Characters
XML 1.0 cannot hold are written as `\\xNN` escapes, and line breaks in the
failure text are plain LF (XML readers would turn a CR into LF anyway); no
timestamps are written, so the same input gives the same bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from ssi_lint.formatters.base import FormatterBase
from ssi_lint.model import FileResult, Finding, Severity, Summary

PASSING_NAME = "ssi-lint"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """`text` without the characters XML 1.0 forbids (escaped as `\\xNN` / `\\uNNNN`)."""
    return _NOT_XML.sub(lambda match: ascii(match.group(0))[1:-1], text)


def location(finding: Finding) -> str:
    """`file:line:col`."""
    return f"{finding.file}:{finding.line}:{finding.column}"


class JunitFormatter(FormatterBase):
    """Builds the XML tree file by file and writes it at the end."""

    reads_identities = False
    reads_ssi = False

    def start(self) -> None:
        """Begin with an empty `<testsuites>`."""
        self._root = ET.Element("testsuites", name="ssi-lint")

    def file(self, result: FileResult) -> None:
        """Add the file's test suite."""
        by_rule: dict[str, list[Finding]] = {}
        for finding in result.findings:
            by_rule.setdefault(finding.rule_id, []).append(finding)
        suite = ET.SubElement(self._root, "testsuite", name=xml_text(result.source))
        failures = 0
        for rule_id in sorted(by_rule):
            if self._fails(by_rule[rule_id]):
                self._failing_case(suite, result.source, rule_id, by_rule[rule_id])
                failures += 1
            else:
                case = ET.SubElement(suite, "testcase", classname=xml_text(result.source), name=xml_text(rule_id))
                ET.SubElement(case, "system-out").text = _details(by_rule[rule_id])
        if not by_rule:
            ET.SubElement(suite, "testcase", classname=xml_text(result.source), name=PASSING_NAME)
        _count(suite, tests=max(len(by_rule), 1), failures=failures)

    def _fails(self, findings: Sequence[Finding]) -> bool:
        """Whether a rule's findings reach the run's `--fail-on` (every finding does when it is unknown)."""
        fail_on = self.options.fail_on
        if fail_on is None:
            return True
        return fail_on != "never" and max(finding.severity for finding in findings) >= Severity.parse(fail_on)

    def finish(self, summary: Summary) -> None:
        """Write the document."""
        suites = self._root.findall("testsuite")
        _count(self._root, tests=sum(int(s.get("tests", 0)) for s in suites), failures=sum(int(s.get("failures", 0)) for s in suites))
        ET.indent(self._root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(self._root, encoding="unicode") + "\n")

    @staticmethod
    def _failing_case(suite: ET.Element, source: str, rule_id: str, findings: Sequence[Finding]) -> None:
        case = ET.SubElement(suite, "testcase", classname=xml_text(source), name=xml_text(rule_id))
        first = findings[0]
        message = f"{location(first)}: {first.message}"
        if len(findings) > 1:
            message += f" (and {len(findings) - 1} more)"
        worst = max(finding.severity for finding in findings)
        failure = ET.SubElement(case, "failure", message=xml_text(message), type=worst.label)
        failure.text = _details(findings)


def _details(findings: Sequence[Finding]) -> str:
    """Every finding as `file:line:col: RULE severity message`, each fix on the next line."""
    lines = []
    for finding in findings:
        lines.append(f"{location(finding)}: {finding.rule_id} {finding.severity.label} {finding.message}")
        if finding.fix:
            lines.append(f"Fix: {finding.fix}")
    return xml_text("\n".join(lines).replace("\r\n", "\n").replace("\r", "\n"))


def _count(element: ET.Element, tests: int, failures: int) -> None:
    """Set the counts CI systems read (`errors` and `skipped` are always 0 here)."""
    element.set("tests", str(tests))
    element.set("failures", str(failures))
    element.set("errors", "0")
    element.set("skipped", "0")
