"""`--format markdown`: the summary for GitHub's step summary and GitLab merge request notes."""

from __future__ import annotations

import msgspec
import pytest

from ssi_lint.formatters import markdown
from ssi_lint.formatters.markdown import md_text
from ssi_lint.model import FileResult, Severity

SSI = {"estimate": {"total": 22.8}, "declared": {"total": 31}, "band": "below-floor", "undescribed": []}


def with_ssi(kit) -> list[FileResult]:
    results = kit.results()
    results[1] = msgspec.structs.replace(results[1], extra={"ssi": SSI})
    return results


def test_golden(render, kit) -> None:
    kit.golden("sample.md", render("markdown", with_ssi(kit), fail_on="warning"))


def test_summary_row_per_plan(render, kit) -> None:
    lines = render("markdown", with_ssi(kit)).splitlines()
    assert lines[0] == "## ssi-lint: 3 errors, 2 warnings, 1 info in 4 plans"
    rows = [line for line in lines if line.startswith("| ") and ".plan.yaml" in line and line.count("|") == 9]
    assert len(rows) == 4
    assert rows[1] == "| examples/risky.plan.yaml | 22.8 | 31 | below-floor | 1 | 2 | 1 | error PRO001 no-photo |"
    assert rows[0] == "| examples/healthy.plan.yaml | n/a | n/a | unknown | 0 | 0 | 0 | none |"


@pytest.mark.parametrize(
    ("fail_on", "listed", "heading"),
    [
        ("error", {"PRO001", "LOAD001"}, "### Errors: 3"),
        ("warning", {"PRO001", "LOAD001", "OUT001"}, "### Findings of severity warning or above: 5"),
        ("info", {"PRO001", "LOAD001", "OUT001", "CNT001"}, "### Findings of severity info or above: 6"),
        ("never", set(), "No findings are listed: `--fail-on never` lets every finding pass."),
    ],
)
def test_findings_at_or_above_fail_on(render, fail_on: str, listed: set[str], heading: str) -> None:
    out = render("markdown", fail_on=fail_on)
    assert heading in out.splitlines()
    finding_rows = [line for line in out.splitlines() if line.startswith("| ") and "| **" in line]
    assert {row.split(" | ")[2] for row in finding_rows} == listed


def test_no_errors_says_so(render, kit) -> None:
    assert "### Errors: none" in render("markdown", kit.results()[:1])


def test_plan_text_cannot_break_the_table_or_inject_html(render, kit) -> None:
    hostile = kit.finding("PRO001", Severity.ERROR, "a|b.plan.yaml", 1, 1, "", "<script>x</script> | *b* [l](u) `c`\nnext")
    out = render("markdown", [FileResult("a|b.plan.yaml", (hostile,))])
    assert "<script>" not in out
    assert "&lt;script&gt;x&lt;/script&gt; \\| \\*b\\* \\[l\\](u) \\`c\\`<br>next" in out
    assert "| a\\|b.plan.yaml |" in out


def test_md_text_escapes_line_breaks_and_entities() -> None:
    assert md_text("a\r\nb\rc\nd & e") == "a<br>b<br>c<br>d &amp; e"


def test_long_runs_are_cut_with_a_count(render, kit, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markdown, "MAX_BYTES", 1200)
    out = render("markdown", kit.results(), fail_on="info")
    assert out.rstrip().endswith("Use `--format html` or `--format json` for the full report.")
    assert "more findings not listed" in out or "more finding not listed" in out
    assert len(out.encode()) < 1600


def test_same_input_gives_the_same_bytes(render) -> None:
    assert render("markdown") == render("markdown")
