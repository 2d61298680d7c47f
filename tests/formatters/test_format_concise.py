"""`--format concise`: one grep-friendly line per finding, then the summary."""

from __future__ import annotations

import re


def test_golden(render, kit) -> None:
    kit.golden("sample.concise.txt", render("concise"))


def test_one_line_per_finding_then_the_summary(render, kit) -> None:
    lines = render("concise").splitlines()
    findings = [finding for result in kit.results() for finding in result.findings]
    assert len(lines) == len(findings) + 1
    for line, finding in zip(lines, findings):
        assert line.startswith(f"{finding.file}:{finding.line}:{finding.column}: {finding.rule_id} ")
    assert lines[-1].startswith("Found 6 problems")
    assert not re.match(r"^\S+:\d+:\d+: ", lines[-1])


def test_line_breaks_in_messages_are_escaped(render, kit) -> None:
    out = render("concise")
    assert "\r" not in out
    assert "100% of 'a:b, c'\\r\\nsecond line\\rthird: x,y %0A" in out


def test_color_marks_location_and_rule(render) -> None:
    out = render("concise", color=True)
    assert "\033[1mexamples/risky.plan.yaml:3:1:\033[0m \033[31mPRO001\033[0m" in out
