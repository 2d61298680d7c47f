"""Baselines: stable file, keyed without line numbers, counts, unmatched entries, atomic write."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ssi_lint.baseline import BaselineEntry, apply_baseline, load_baseline, unmatched, write_baseline
from ssi_lint.errors import ConfigError
from ssi_lint.model import FileResult, Finding, Severity


def finding(rule_id: str, file: str, path: str, line: int = 1) -> Finding:
    return Finding(rule_id, "name", Severity.WARNING, "spam-risk", "relationships", "msg", file, line, 3, path)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def results() -> list[FileResult]:
    return [
        FileResult(
            "plans/b.plan.yaml",
            (
                finding("OUT001", "plans/b.plan.yaml", "outreach.invitations.per_week", 4),
                finding("PRO001", "plans/b.plan.yaml", "profile", 9),
            ),
        ),
        FileResult(
            "plans/a.plan.yaml",
            (
                finding("ADS001", "plans/a.plan.yaml", "ads.campaigns[0].bid", 12),
                finding("ADS001", "plans/a.plan.yaml", "ads.campaigns[0].bid", 12),
            ),
            suppressed=(finding("OUT002", "plans/a.plan.yaml", "outreach"),),
        ),
    ]


def test_written_file_is_sorted_stable_json(project: Path) -> None:
    path = project / "baseline.json"
    assert write_baseline(path, results()) == 4
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data == {
        "tool": "ssi-lint",
        "version": 2,
        "entries": [
            {"rule_id": "ADS001", "file": "plans/a.plan.yaml", "path": "ads.campaigns[0].bid", "count": 2},
            {"rule_id": "OUT001", "file": "plans/b.plan.yaml", "path": "outreach.invitations.per_week", "count": 1},
            {"rule_id": "PRO001", "file": "plans/b.plan.yaml", "path": "profile", "count": 1},
        ],
    }
    first = path.read_bytes()
    write_baseline(path, list(reversed(results())))
    assert path.read_bytes() == first
    assert first.endswith(b"}\n")
    assert b'"line"' not in first


def test_roundtrip_hides_everything_recorded(project: Path) -> None:
    path = project / "baseline.json"
    write_baseline(path, results())
    baseline = load_baseline(path)
    hidden_total = 0
    for result in results():
        kept, hidden = apply_baseline(baseline, result)
        assert kept.findings == ()
        assert kept.suppressed == result.suppressed
        hidden_total += hidden
    assert hidden_total == 4
    assert unmatched(baseline) == []


def test_survives_a_line_shift(project: Path) -> None:
    path = project / "baseline.json"
    write_baseline(path, results())
    moved = FileResult("plans/b.plan.yaml", (finding("OUT001", "plans/b.plan.yaml", "outreach.invitations.per_week", 40),))
    kept, hidden = apply_baseline(load_baseline(path), moved)
    assert (kept.findings, hidden) == ((), 1)


def test_counts_limit_what_is_hidden(project: Path) -> None:
    path = project / "baseline.json"
    write_baseline(path, results())
    three = tuple(finding("ADS001", "plans/a.plan.yaml", "ads.campaigns[0].bid", line) for line in (5, 6, 7))
    kept, hidden = apply_baseline(load_baseline(path), FileResult("plans/a.plan.yaml", three))
    assert hidden == 2
    assert [f.line for f in kept.findings] == [7]


def test_new_findings_are_kept(project: Path) -> None:
    path = project / "baseline.json"
    write_baseline(path, results())
    new = (finding("OUT001", "plans/a.plan.yaml", "outreach.invitations.per_week"), finding("PRO001", "plans/b.plan.yaml", "profile.photo"))
    baseline = load_baseline(path)
    kept_a, _ = apply_baseline(baseline, FileResult("plans/a.plan.yaml", new[:1]))
    kept_b, _ = apply_baseline(baseline, FileResult("plans/b.plan.yaml", new[1:]))
    assert (*kept_a.findings, *kept_b.findings) == new


def test_unmatched_entries(project: Path) -> None:
    path = project / "baseline.json"
    write_baseline(path, results())
    baseline = load_baseline(path)
    apply_baseline(baseline, FileResult("plans/a.plan.yaml", (finding("ADS001", "plans/a.plan.yaml", "ads.campaigns[0].bid"),)))
    apply_baseline(baseline, FileResult("plans/b.plan.yaml", (finding("PRO001", "plans/b.plan.yaml", "profile"),)))
    assert unmatched(baseline) == [
        BaselineEntry("ADS001", "plans/a.plan.yaml", "ads.campaigns[0].bid", count=2, matched=1),
        BaselineEntry("OUT001", "plans/b.plan.yaml", "outreach.invitations.per_week", count=1, matched=0),
    ]


def test_files_not_checked_in_this_run_are_not_unmatched(project: Path) -> None:
    path = project / "baseline.json"
    write_baseline(path, results())
    baseline = load_baseline(path)
    apply_baseline(baseline, FileResult("plans/a.plan.yaml", ()))
    assert [(entry.rule_id, entry.matched) for entry in unmatched(baseline)] == [("ADS001", 0)]


def test_entries_of_rules_the_run_did_not_run_are_not_unmatched(project: Path) -> None:
    path = project / "baseline.json"
    write_baseline(path, results())
    baseline = load_baseline(path)
    apply_baseline(baseline, FileResult("plans/a.plan.yaml", ()), lambda rule_id: rule_id.startswith("OUT"))
    apply_baseline(baseline, FileResult("plans/b.plan.yaml", ()), lambda rule_id: rule_id.startswith("OUT"))
    assert [(entry.rule_id, entry.file) for entry in unmatched(baseline)] == [("OUT001", "plans/b.plan.yaml")]


def test_files_are_relative_to_the_baseline_directory(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = project / "ci" / "baseline.json"
    path.parent.mkdir()
    write_baseline(path, results())
    assert json.loads(path.read_text())["entries"][0]["file"] == "../plans/a.plan.yaml"
    (project / "plans").mkdir()
    monkeypatch.chdir(project / "plans")
    same = FileResult("./b.plan.yaml", (finding("PRO001", "./b.plan.yaml", "profile"),))
    kept, hidden = apply_baseline(load_baseline(path), same)
    assert (kept.findings, hidden) == ((), 1)


def test_atomic_write_leaves_no_temporary_file(project: Path) -> None:
    path = project / "baseline.json"
    path.write_text("old\n")
    os.chmod(path, 0o640)
    write_baseline(path, results())
    assert sorted(p.name for p in project.iterdir()) == ["baseline.json"]
    assert path.stat().st_mode & 0o777 == 0o640
    assert json.loads(path.read_text())["version"] == 2


def test_failed_write_keeps_the_old_file_and_no_temporary(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = project / "baseline.json"
    path.write_text("old\n")

    def broken_replace(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(ConfigError, match="baseline.json: cannot write baseline: no space left on device"):
        write_baseline(path, results())
    assert path.read_text() == "old\n"
    assert sorted(p.name for p in project.iterdir()) == ["baseline.json"]


def test_unwritable_directory_is_a_config_error(project: Path) -> None:
    with pytest.raises(ConfigError, match="cannot write baseline"):
        write_baseline(project / "missing" / "baseline.json", results())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read baseline"),
        ("{not json", "baseline.json:1:2: invalid baseline: Expecting property name"),
        ("[]", "not an ssi-lint baseline (no `version`)"),
        ('{"version": 3, "entries": []}', "unsupported baseline version 3 (this ssi-lint reads versions 1 and 2)"),
        ('{"version": 1, "entries": [{"rule_id": "A", "file": "f", "path": "", "about": "x", "count": 1}]}', "entries[0] must have"),
        ('{"version": 2, "entries": [{"rule_id": "A", "file": "f", "path": "", "about": 1, "count": 1}]}', "entries[0] must have"),
        ('{"version": 2, "entries": [{"rule_id": "A", "file": "f", "path": "", "message": "x", "count": 1}]}', "entries[0] must have"),
        ('{"version": 1}', "`entries` must be a list"),
        ('{"version": 1, "entries": [{"rule_id": "A", "file": "f", "path": "p"}]}', "entries[0] must have"),
        ('{"version": 1, "entries": [{"rule_id": "A", "file": "f", "path": "p", "count": 0}]}', "entries[0] must have"),
        ('{"version": 1, "entries": [{"rule_id": 1, "file": "f", "path": "p", "count": 1}]}', "entries[0] must have"),
        ('{"version": 1, "entries": [{"rule_id": "A", "file": "f", "path": "p", "count": true}]}', "entries[0] must have"),
    ],
)
def test_bad_file_is_one_line_config_error(project: Path, content: str | None, message: str) -> None:
    path = project / "baseline.json"
    if content is not None:
        path.write_text(content)
    with pytest.raises(ConfigError) as info:
        load_baseline(path)
    assert str(info.value).startswith("baseline.json") or str(info.value).startswith(path.as_posix())
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_empty_baseline(project: Path) -> None:
    path = project / "baseline.json"
    assert write_baseline(path, []) == 0
    baseline = load_baseline(path)
    kept, hidden = apply_baseline(baseline, results()[0])
    assert (len(kept.findings), hidden) == (2, 0)
    assert unmatched(baseline) == []


def test_a_baseline_written_through_a_link_hides_the_file_named_itself(project: Path) -> None:
    """A folder holding a link to one of its plans records the plan under its own name, so naming the plan still matches."""
    from click.testing import CliRunner

    from ssi_lint.cli import main

    (project / "plans" / "good").mkdir(parents=True)
    (project / "plans" / "good" / "a.plan.yaml").write_text("version: 1\noutreach:\n  invitations:\n    per_day: 60\n")
    (project / "plans" / "link.plan.yaml").symlink_to("good/a.plan.yaml")
    runner = CliRunner()
    runner.invoke(main, ["plans", "--write-baseline", "baseline.json"], catch_exceptions=False)
    assert {file for _, file, _, _ in load_baseline(project / "baseline.json").counts} == {"plans/good/a.plan.yaml"}
    result = runner.invoke(main, ["plans/good/a.plan.yaml", "--baseline", "baseline.json"], catch_exceptions=False)
    assert result.exit_code == 0 and "All checks passed" in result.output


def campaigns(*items: tuple[str, int]) -> str:
    """A plan whose campaigns are (name, daily budget) pairs, in order."""
    return "version: 1\nads:\n  campaigns:\n" + "".join(f"    - {{name: {name}, daily_budget: {budget}}}\n" for name, budget in items)


def lint(project: Path, plan: str, *options: str) -> tuple[int, str, str]:
    """Write the plan to b.plan.yaml and run ADS001 on it: exit code, standard output, standard error."""
    from click.testing import CliRunner

    from ssi_lint.cli import main

    (project / "b.plan.yaml").write_text(plan)
    result = CliRunner().invoke(main, ["check", "--select", "ADS001", *options, "b.plan.yaml"], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_an_entry_never_hides_a_new_item_that_took_its_place(project: Path) -> None:
    lint(project, campaigns(("old", 5)), "--write-baseline", "base.json")
    code, out, _ = lint(project, campaigns(("new", 1), ("old", 50)), "--baseline", "base.json")
    assert code == 1
    assert 'Campaign "new"' in out and "1 baseline entry no longer matches anything" in out


def test_an_entry_follows_its_item_when_items_move(project: Path) -> None:
    lint(project, campaigns(("old", 5), ("other", 4)), "--write-baseline", "base.json")
    assert json.loads((project / "base.json").read_text())["entries"][0]["path"] == 'ads.campaigns[name="old"].daily_budget'
    code, out, _ = lint(project, campaigns(("clean", 100), ("other", 4), ("old", 5)), "--baseline", "base.json")
    assert (code, out) == (0, "All checks passed: no problems in 1 file.\n")


def test_a_renamed_item_is_a_new_finding(project: Path) -> None:
    lint(project, campaigns(("old", 5)), "--write-baseline", "base.json")
    code, out, _ = lint(project, campaigns(("renamed", 5)), "--baseline", "base.json")
    assert code == 1 and 'Campaign "renamed"' in out and "1 baseline entry no longer matches anything" in out


def test_items_sharing_a_name_are_keyed_by_position(project: Path) -> None:
    lint(project, campaigns(("twin", 5), ("twin", 6)), "--write-baseline", "base.json")
    paths = [entry["path"] for entry in json.loads((project / "base.json").read_text())["entries"]]
    assert paths == ["ads.campaigns[0].daily_budget", "ads.campaigns[1].daily_budget"]
    assert lint(project, campaigns(("twin", 5), ("twin", 6)), "--baseline", "base.json")[0] == 0
    code, out, _ = lint(project, campaigns(("twin", 5), ("solo", 6)), "--baseline", "base.json")  # now each name is its own key
    assert code == 1 and out.count("ADS001") == 2


def test_a_version_1_baseline_matches_as_before_and_warns(project: Path) -> None:
    entry = {"rule_id": "ADS001", "file": "b.plan.yaml", "path": "ads.campaigns[0].daily_budget", "count": 1}
    (project / "base.json").write_text(json.dumps({"tool": "ssi-lint", "version": 1, "entries": [entry]}))
    code, out, err = lint(project, campaigns(("old", 5)), "--baseline", "base.json")
    assert code == 0 and "All checks passed" in out
    assert "a version 1 baseline matches list items by position; rewrite it with --write-baseline" in err
    lint(project, campaigns(("old", 5)), "--baseline", "base.json", "--write-baseline", "new.json")
    assert json.loads((project / "new.json").read_text())["version"] == 2


def test_a_version_1_baseline_without_list_items_does_not_warn(project: Path) -> None:
    entry = {"rule_id": "OUT001", "file": "b.plan.yaml", "path": "outreach.invitations.per_day", "count": 1}
    (project / "base.json").write_text(json.dumps({"tool": "ssi-lint", "version": 1, "entries": [entry]}))
    assert lint(project, campaigns(("old", 5)), "--baseline", "base.json")[2] == ""


def test_findings_without_a_plan_path_are_recorded_by_message_and_comment(project: Path) -> None:
    from click.testing import CliRunner

    from ssi_lint.cli import main

    plan = "version: 1\noutreach:\n  invitations:\n    per_day: 5 # ssi-lint: ignore[OUT001] -- warm\n"
    (project / "s.plan.yaml").write_text(plan)
    runner = CliRunner()
    runner.invoke(main, ["check", "--select", "OUT001,SUP", "--write-baseline", "base.json", "s.plan.yaml"], catch_exceptions=False)
    [entry] = json.loads((project / "base.json").read_text())["entries"]
    assert entry["path"] == "" and entry["about"] == (
        "suppression of OUT001 suppressed nothing: no OUT001 finding on this line # ssi-lint: ignore[OUT001] -- warm"
    )
    (project / "s.plan.yaml").write_text(plan.replace("per_day: 5", "per_week: 5 # ssi-lint: ignore[OUT001] -- new\n    per_day: 5"))
    result = runner.invoke(main, ["check", "--select", "OUT001,SUP", "--baseline", "base.json", "s.plan.yaml"], catch_exceptions=False)
    assert result.exit_code == 0 and result.stdout.count("SUP002") == 1 and "s.plan.yaml:4:" in result.stdout
