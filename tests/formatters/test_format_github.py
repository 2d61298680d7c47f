"""`--format github`: workflow commands, escaped as the Actions toolkit does, read back as the runner does."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from ssi_lint.formatters.github import annotation, escape_data, escape_property
from ssi_lint.model import Finding, Severity

COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def unescape_data(text: str) -> str:
    """The runner's reading of a message (ActionCommand: `%25` last)."""
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def unescape_property(text: str) -> str:
    """The runner's reading of a property value."""
    for escaped, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, char)
    return text


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """Split a workflow command the way the runner does."""
    match = COMMAND.match(line)
    assert match, line
    properties = dict(item.split("=", 1) for item in match.group(2).split(","))
    return match.group(1), {key: unescape_property(value) for key, value in properties.items()}, unescape_data(match.group(3))


def test_golden(render, kit) -> None:
    kit.golden("sample.github.txt", render("github"))


def test_toolkit_escaping() -> None:
    assert escape_data("50% done\r\nnext: a,b") == "50%25 done%0D%0Anext: a,b"
    assert escape_property("50% done\r\nnext: a,b") == "50%25 done%0D%0Anext%3A a%2Cb"
    assert escape_data("%0A") == "%250A"


def test_one_command_per_finding_then_the_summary(render, kit) -> None:
    lines = render("github").split("\n")
    assert lines[-1] == ""
    findings = [finding for result in kit.results() for finding in result.findings]
    assert len(lines) - 2 == len(findings)
    for line, finding in zip(lines, findings):
        command, properties, message = parse(line)
        assert command == {"error": "error", "warning": "warning", "info": "notice"}[finding.severity.label]
        assert properties == {
            "file": finding.file,
            "line": str(finding.line),
            "col": str(finding.column),
            "title": f"{finding.rule_id} {finding.name}",
        }
        assert message.split("\nFix: ")[0] == finding.message
    assert lines[-2].startswith("Found 6 problems") and not lines[-2].startswith("::")


def test_hostile_message_and_file_name_round_trip(render, kit) -> None:
    parsed = [parse(line) for line in render("github").splitlines() if line.startswith("::")]
    assert any(message == kit.hostile for _, _, message in parsed)
    assert any(properties["file"] == kit.odd for _, properties, _ in parsed)


text = st.text(st.characters(codec="utf-8"), max_size=40)


@given(message=text, file=text.filter(bool), name=text, fix=st.none() | text)
def test_any_text_survives_the_round_trip(message: str, file: str, name: str, fix: str | None) -> None:
    finding = Finding("OUT001", name, Severity.WARNING, "spam-risk", "relationships", message, file, 4, 2, "a.b", fix=fix)
    line = annotation(finding)
    assert "\n" not in line and "\r" not in line
    command, properties, parsed = parse(line)
    assert command == "warning"
    assert properties["file"] == file
    assert properties["title"] == f"OUT001 {name}".strip()
    assert parsed == (message if fix is None else f"{message}\nFix: {fix}")
