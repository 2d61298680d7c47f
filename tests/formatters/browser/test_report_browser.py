"""The HTML report in a real browser (Debian's chromium through Playwright).

One report of the example plans and a plan with markup in its headline is
built with the command line, next to the JSON report of the same run, and
opened once per test in a fresh page.

Marked slow (about 5 s with the browser's start); CI runs them.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ssi_lint.cli import main

pytestmark = pytest.mark.slow
ROOT = Path(__file__).parents[3]
GOLDEN = ROOT / "tests" / "formatters" / "golden" / "sample.html"
"""The golden page: the synthetic run, with a simulation chart and suppressed findings."""
SCREENSHOT = ROOT / "docs" / "report.png"
"""The picture the README shows; `SSI_LINT_UPDATE_SCREENSHOT=1` rewrites it."""
HOSTILE = """\
version: 1
account: {name: Mallory, tier: free, age_days: 400, connections: 300}
profile:
  photo: false
  headline: "<script>window.pwned = 'script'</script> <img src=x onerror=\\"window.pwned = 'img'\\">"
outreach:
  invitations: {per_day: 60, per_week: 300}
"""


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The HTML report's path and the JSON report of the same run."""
    folder = tmp_path_factory.mktemp("report")
    plans = folder / "plans"
    plans.mkdir()
    for example in sorted((ROOT / "examples").glob("*.plan.yaml")):
        shutil.copy(example, plans / example.name)
    (plans / "mallory.plan.yaml").write_text(HOSTILE, encoding="utf-8")
    for fmt, name in (("html", "report.html"), ("json", "report.json")):
        result = CliRunner().invoke(main, ["--format", fmt, "-o", str(folder / name), str(plans)], catch_exceptions=False)
        assert result.exit_code == 1, result.output
    return {"html": folder / "report.html", "json": json.loads((folder / "report.json").read_text(encoding="utf-8"))}


@pytest.fixture
def events() -> dict[str, list[str]]:
    """What the page reported: console errors and uncaught exceptions (`problems`), and every request."""
    return {"problems": [], "requests": []}


@pytest.fixture
def page(browser: Any, reports: dict[str, Any], events: dict[str, list[str]]) -> Iterator[Any]:
    """The report opened in a fresh page, its events recorded."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    opened = context.new_page()
    opened.on("console", lambda message: message.type == "error" and events["problems"].append(message.text))
    opened.on("pageerror", lambda error: events["problems"].append(str(error)))
    opened.on("request", lambda request: events["requests"].append(request.url))
    opened.goto(reports["html"].as_uri())
    yield opened
    context.close()


def test_opens_without_console_errors_or_requests(page: Any, reports: dict[str, Any], events: dict[str, list[str]]) -> None:
    assert page.title().startswith("ssi-lint report: ")
    assert page.locator("h1").inner_text() == "ssi-lint report"
    assert events["problems"] == []
    assert events["requests"] == [reports["html"].as_uri()]


def test_markup_in_a_plan_stays_text(page: Any) -> None:
    assert page.evaluate("window.pwned") is None
    assert page.locator("img").count() == 0
    source = page.locator("section.plan[data-plan$='mallory.plan.yaml'] .source-table")
    assert "<script>window.pwned = 'script'</script>" in source.inner_text()


def test_one_finding_row_per_json_finding(page: Any, reports: dict[str, Any]) -> None:
    findings = reports["json"]["findings"]
    assert len(findings) > 10
    assert page.locator("tr.finding").count() == len(findings)
    shown = sorted(page.locator("tr.finding").evaluate_all("rows => rows.map(row => row.dataset.rule)"))
    assert shown == sorted(finding["rule_id"] for finding in findings)


def overview_column(page: Any, index: int) -> list[str]:
    return page.locator("#overview-table tbody tr").evaluate_all(f"rows => rows.map(row => row.cells[{index}].dataset.sort)")


def test_clicking_a_column_header_sorts_the_overview(page: Any) -> None:
    header = page.locator("#overview-table thead th").nth(1)  # SSI estimate
    header.get_by_role("button").click()
    ascending = overview_column(page, 1)
    numbers = [float(value) for value in ascending if value]
    assert numbers == sorted(numbers) and len(numbers) >= 3
    assert header.get_attribute("aria-sort") == "ascending"
    header.get_by_role("button").click()
    descending = [float(value) for value in overview_column(page, 1) if value]
    assert descending == sorted(numbers, reverse=True)
    assert header.get_attribute("aria-sort") == "descending"
    page.locator("#overview-table thead th").nth(0).get_by_role("button").click()
    names = overview_column(page, 0)
    assert names == sorted(names)
    errors = page.locator("#overview-table thead th").nth(4)
    errors.get_by_role("button").click()
    counts = [int(value) for value in overview_column(page, 4)]
    assert counts == sorted(counts)


def test_pillar_bars_are_proportional_to_the_scores(page: Any) -> None:
    charts = page.locator("svg.pillars")
    assert charts.count() >= 3
    for index in range(charts.count()):
        chart = charts.nth(index)
        track = chart.locator("rect.track").first.bounding_box()["width"]
        for bar in chart.locator("rect.pillar-bar").all():
            score = float(bar.get_attribute("data-score"))
            assert bar.bounding_box()["width"] == pytest.approx(score / 25 * track, abs=0.5)


def test_severity_filter_hides_findings(page: Any) -> None:
    info_rows = page.locator("tr.finding[data-severity='info']")
    assert info_rows.first.is_visible()
    page.get_by_label("info", exact=True).uncheck()
    assert not info_rows.first.is_visible()
    assert page.locator("tr.finding[data-severity='error']").first.is_visible()


def test_plan_filter_hides_other_plans(page: Any) -> None:
    page.get_by_label("Filter plans").fill("healthy")
    visible = page.locator("#overview-table tbody tr:visible")
    assert visible.count() == 1 and "healthy" in visible.inner_text()
    assert page.locator("section.plan:visible").count() == 1


def test_readable_without_javascript(browser: Any, reports: dict[str, Any]) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(reports["html"].as_uri())
        assert page.locator("tr.finding").count() == len(reports["json"]["findings"])
        assert page.locator("tr.finding").first.is_visible()
        assert not page.locator("#controls").is_visible()
        assert page.locator("#overview-table thead button").count() == 0
    finally:
        context.close()


def test_prints_without_controls(page: Any) -> None:
    page.emulate_media(media="print")
    assert not page.locator("#controls").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 20_000


def test_no_accessibility_violations(page: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_golden_page_with_a_simulation_is_clean(browser: Any) -> None:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context()
    try:
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda message: message.type == "error" and problems.append(message.text))
        page.goto(GOLDEN.as_uri())
        assert page.locator("svg.pending rect.pending-bar").count() == 4
        assert problems == []
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
    finally:
        context.close()


def test_screenshot(page: Any, tmp_path: Path) -> None:
    shot = page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
    assert shot.startswith(b"\x89PNG\r\n\x1a\n") and len(shot) > 100_000


def test_docs_screenshot(browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's picture: the report of the example plans, top of the page."""
    out = tmp_path / "examples.html"
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["--format", "html", "-o", str(out), "examples"], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    context = browser.new_context(viewport={"width": 1100, "height": 1400}, device_scale_factor=1)
    try:
        page = context.new_page()
        page.goto(out.as_uri())
        shot = page.screenshot()
    finally:
        context.close()
    assert shot.startswith(b"\x89PNG")
    if os.environ.get("SSI_LINT_UPDATE_SCREENSHOT") == "1":
        SCREENSHOT.write_bytes(shot)
    assert SCREENSHOT.is_file(), f"missing {SCREENSHOT}; run with SSI_LINT_UPDATE_SCREENSHOT=1"
