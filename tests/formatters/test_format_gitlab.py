"""`--format gitlab`: the GitLab Code Quality report."""

from __future__ import annotations

import json

import msgspec


def test_golden(render, kit) -> None:
    kit.golden("sample.gitlab.json", render("gitlab"))


def test_issues_have_the_fields_gitlab_reads(render, kit) -> None:
    issues = json.loads(render("gitlab"))
    findings = [finding for result in kit.results() for finding in result.findings]
    assert len(issues) == len(findings)
    for issue, finding in zip(issues, findings):
        assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["check_name"] == finding.rule_id
        assert finding.message in issue["description"]
        assert issue["severity"] == {"error": "major", "warning": "minor", "info": "info"}[finding.severity.label]
        assert issue["location"]["lines"] == {"begin": finding.line}
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)


def test_paths_are_relative_to_the_current_directory(render, kit, tmp_path) -> None:
    inside = str(tmp_path / "plans" / "a.plan.yaml")
    results = [
        msgspec.structs.replace(
            kit.results()[1], source=inside, findings=tuple(msgspec.structs.replace(f, file=inside) for f in kit.results()[1].findings)
        )
    ]
    issues = json.loads(render("gitlab", results))
    assert {issue["location"]["path"] for issue in issues} == {"plans/a.plan.yaml"}
    paths = {issue["location"]["path"] for issue in json.loads(render("gitlab"))}
    assert paths == {kit.risky, kit.odd, kit.outside}


def test_fingerprints_survive_moved_lines(render, kit) -> None:
    before = json.loads(render("gitlab"))
    moved = [msgspec.structs.replace(r, findings=tuple(msgspec.structs.replace(f, line=f.line + 7) for f in r.findings)) for r in kit.results()]
    after = json.loads(render("gitlab", moved))
    assert [issue["fingerprint"] for issue in before] == [issue["fingerprint"] for issue in after]
