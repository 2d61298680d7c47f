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


def fingerprints(tmp_path, monkeypatch, plan: str, *options: str) -> dict[str, str]:
    """Lint a plan as b.plan.yaml with `--format gitlab`: each issue's description (line numbers aside) -> its fingerprint."""
    from click.testing import CliRunner

    from ssi_lint.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "b.plan.yaml").write_text(plan)
    result = CliRunner().invoke(main, ["check", "--format", "gitlab", *options, "b.plan.yaml"], catch_exceptions=False)
    issues = json.loads(result.stdout)
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
    return {f'{issue["description"]} @{issue["location"]["lines"]["begin"]}': issue["fingerprint"] for issue in issues}


def test_a_fingerprint_survives_an_item_added_above(tmp_path, monkeypatch) -> None:
    head = "version: 1\nads:\n  campaigns:\n"
    old = "    - {name: old, daily_budget: 5}\n"
    [before] = fingerprints(tmp_path, monkeypatch, head + old, "--select", "ADS001").values()
    after = fingerprints(tmp_path, monkeypatch, head + "    - {name: clean, daily_budget: 100}\n" + old, "--select", "ADS001")
    assert list(after.values()) == [before]


def test_suppression_findings_keep_their_fingerprints_when_a_suppression_is_added_above(tmp_path, monkeypatch) -> None:
    plan = "version: 1\noutreach:\n  invitations:\n    per_week: 20 # ssi-lint: ignore[OUT001] -- agreed\n    per_day: 5 # ssi-lint: ignore[OUT003] -- warm\n"
    options = ("--select", "OUT001,OUT003,SUP")
    before = fingerprints(tmp_path, monkeypatch, plan, *options)
    one_line_down = {f"{text} @{int(line) + 1}": value for key, value in before.items() for text, line in [key.rsplit(" @", 1)]}
    for added in ("    note: none # ssi-lint: ignore[OUT001] -- new\n", "    note: none # ssi-lint: ignore[OUT003] -- other\n"):
        after = fingerprints(tmp_path, monkeypatch, plan.replace("    per_week", added + "    per_week"), *options)
        assert len(after) == 3 and one_line_down.items() <= after.items()
