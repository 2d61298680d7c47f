"""`--format json-lines`: exactly `Finding.as_dict()`, one object per line."""

from __future__ import annotations

import json


def test_golden(render, kit) -> None:
    kit.golden("sample.jsonl", render("json-lines"))


def test_each_line_is_a_finding(render, kit) -> None:
    lines = render("json-lines").splitlines()
    findings = [finding for result in kit.results() for finding in result.findings]
    assert [json.loads(line) for line in lines] == [finding.as_dict() for finding in findings]


def test_hostile_message_stays_on_one_line(render, kit) -> None:
    lines = render("json-lines").split("\n")
    assert lines[-1] == ""
    assert any(json.loads(line)["message"] == kit.hostile for line in lines[:-1])
