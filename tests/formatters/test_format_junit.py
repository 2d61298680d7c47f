"""`--format junit`: read back with junitparser, as CI systems read it."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from junitparser import Failure, JUnitXml

from ssi_lint.model import FileResult, Severity


def test_golden(render, kit) -> None:
    kit.golden("sample.junit.xml", render("junit"))


def test_a_suite_per_file_and_a_case_per_file_and_rule(render, kit) -> None:
    report = JUnitXml.fromstring(render("junit"))
    suites = list(report)
    assert [suite.name for suite in suites] == [result.source for result in kit.results()]
    assert (report.tests, report.failures, report.errors) == (6, 5, 0)
    by_name = {suite.name: suite for suite in suites}
    healthy = by_name["examples/healthy.plan.yaml"]
    assert (healthy.tests, healthy.failures) == (1, 0)
    assert [(case.classname, case.name, case.is_passed) for case in healthy] == [("examples/healthy.plan.yaml", "ssi-lint", True)]
    risky = by_name[kit.risky]
    assert (risky.tests, risky.failures) == (3, 3)
    assert [case.name for case in risky] == ["CNT001", "OUT001", "PRO001"]
    assert {case.classname for case in risky} == {kit.risky}


def test_failures_carry_message_and_location(render, kit) -> None:
    report = JUnitXml.fromstring(render("junit"))
    cases = {(case.classname, case.name): case for suite in report for case in suite}
    out001 = cases[(kit.risky, "OUT001")]
    [failure] = out001.result
    assert isinstance(failure, Failure)
    assert failure.message == f"{kit.risky}:12:5: 30 invitations a day (and 1 more)"
    assert failure.type == "warning"
    assert f"{kit.risky}:12:5: OUT001 warning 30 invitations a day" in failure.text
    assert f"{kit.risky}:14:5: OUT001 warning 30 invitations a day (again)" in failure.text
    assert "Fix: Send at most 20 invitations a day." in failure.text
    [hostile] = cases[(kit.risky, "CNT001")].result
    assert hostile.message == f"{kit.risky}:20:3: {kit.hostile}"
    assert cases[(kit.odd, "LOAD001")].result[0].message == f"{kit.odd}:2:9: mapping values are not allowed here"


def test_characters_xml_cannot_hold_are_escaped(render, kit) -> None:
    bad = kit.finding("PRO001", Severity.ERROR, "a\x01.yaml", 1, 1, "", 'bell\x07 & <tag> \ud800 "q"')
    out = render("junit", [FileResult("a\x01.yaml", (bad,))])
    root = ET.fromstring(out)
    case = root.find("testsuite/testcase")
    assert case is not None and case.get("classname") == "a\\x01.yaml"
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("message") == 'a\\x01.yaml:1:1: bell\\x07 & <tag> \\ud800 "q"'


def test_no_raw_carriage_return_in_the_document(render, kit) -> None:
    out = render("junit")
    assert "\r" not in out
    [case] = [case for suite in JUnitXml.fromstring(out) for case in suite if case.name == "CNT001"]
    assert case.result[0].text.endswith("100% of 'a:b, c'\nsecond line\nthird: x,y %0A")
