"""What particular plans' HTML reports show in a real browser (Debian's chromium through Playwright).

Each test writes a plan (and a configuration when it needs one), builds its
report with the command line, and reads what chromium renders: the text as a
reader sees it, and where the charts' marks fall.

Marked slow (the browser's start); CI runs them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ssi_lint.cli import main

pytestmark = pytest.mark.slow

Opened = Callable[..., Any]


@pytest.fixture
def report(browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Opened]:
    """`report(plan_text, config=None, *options)`: the plan's HTML report opened in a fresh page."""
    contexts: list[Any] = []
    monkeypatch.chdir(tmp_path)

    def open_report(plan: str, config: str | None = None, *options: str) -> Any:
        (tmp_path / "plan.plan.yaml").write_text(plan, encoding="utf-8")
        if config is not None:
            (tmp_path / ".ssi-lint.yaml").write_text(config, encoding="utf-8")
        out = tmp_path / "report.html"
        CliRunner().invoke(main, ["--format", "html", "-o", str(out), *options, "plan.plan.yaml"], catch_exceptions=False)
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.goto(out.as_uri())
        return page

    yield open_report
    for context in contexts:
        context.close()


def test_a_bidi_override_in_plan_text_is_shown_as_an_escape(report: Opened) -> None:
    page = report('version: 1\nads:\n  campaigns:\n    - name: "Spring \u202e"\n      daily_budget: 5\n      bidding: {currency: USD}\n')
    message = page.locator("p.message").first.inner_text()
    assert message.startswith('Campaign "Spring \\u202e" ') and "\u202e" not in message
    source = page.locator(".source-table").inner_text()
    assert 'name: "Spring \\u202e"' in source and "\u202e" not in source


FIGURES = """() => Array.from(document.querySelectorAll('svg.pillars text.value')).map(text => {
  const box = text.getBBox();
  return {text: text.textContent, right: box.x + box.width, width: text.ownerSVGElement.viewBox.baseVal.width};
})"""
"""The figures beside each pillar bar, where they end and the chart's width, as chromium lays them out."""
LEVELS_PLAN = (
    "version: 1\naccount: {name: Levels, tier: premium, age_days: 900, connections: 1200,"
    " ssi: {brand: 14, people: 13, insights: 12, relationships: 8}}\n"
    "outreach:\n  invitations: {per_week: 120, note: personalized}\n  pending: {sent: 100, withdraw_after_days: 21}\n  acceptance_rate: 0.3\n"
)
"""Declared pillars, one of them also estimated as a range: `9.7 to 15.7 (declared 8) · weak`, the longest figures."""


def test_a_declared_pillar_with_no_estimate_shows_its_declared_value(report: Opened) -> None:
    page = report("version: 1\naccount: {tier: premium, age_days: 900, ssi: {brand: 20, people: 18, insights: 16, relationships: 15}}\n")
    figures = [figure["text"] for figure in page.evaluate(FIGURES)]
    assert figures == ["20 (declared 20)", "18 (declared 18)", "16 (declared 16)", "15 (declared 15)"]
    brand = page.locator("svg.pillars rect.pillar-bar[data-pillar='brand']")
    track = page.locator("svg.pillars rect.track").first.bounding_box()["width"]
    assert brand.bounding_box()["width"] == pytest.approx(20 / 25 * track, abs=0.5)
    assert "brand 0 of 25" not in page.locator("svg.pillars desc").text_content()


def test_the_figures_beside_the_pillar_bars_fit_in_the_chart(report: Opened) -> None:
    figures = report(LEVELS_PLAN).evaluate(FIGURES)
    assert figures[3]["text"] == "9.7 to 15.7 (declared 8) · weak"
    for figure in figures:
        assert figure["right"] <= figure["width"], figure


def test_configured_levels_move_the_dashed_lines_and_the_gauge_s_words(report: Opened) -> None:
    page = report(LEVELS_PLAN, "params:\n  SSI001: {levels: {error: 45, warning: 60}}\n  SSI003: {min: 15}\n")
    track = page.locator("svg.pillars rect.track").first.bounding_box()
    for pillar, level in (("brand", 15), ("people", 12.5)):
        line = page.locator(f"svg.pillars line.half-mark[data-pillar='{pillar}']").bounding_box()
        assert line["x"] + line["width"] / 2 == pytest.approx(track["x"] + level / 25 * track["width"], abs=0.5)
    caption = page.locator("svg.gauge").locator("xpath=..").locator("figcaption").inner_text()
    assert "The optimal band is 60 to 70 and the floor 45, as configured" in caption
    floor = page.locator("svg.gauge rect.band-below-floor").bounding_box()
    optimal = page.locator("svg.gauge rect.band-optimal").bounding_box()
    scale = page.locator("svg.gauge rect.segment").evaluate_all("rects => rects.reduce((sum, rect) => sum + rect.getBoundingClientRect().width, 0)")
    assert floor["x"] + floor["width"] == pytest.approx(optimal["x"] - 15 / 100 * scale, abs=0.5)  # below-optimal spans 45 to 60


def test_the_pending_chart_shows_the_start_and_the_info_band(report: Opened) -> None:
    page = report(LEVELS_PLAN)
    chart = page.locator("svg.pending")
    bars = chart.locator("rect.pending-bar")
    assert bars.first.get_attribute("data-week") == "start" and bars.count() == 13
    labels = chart.locator("text.tick-label").all_text_contents()
    assert "start" in labels
    info = chart.locator("line.threshold-info").bounding_box()
    axis = chart.locator("line.axis").bounding_box()
    error = chart.locator("line.threshold-error").bounding_box()
    per_invitation = (axis["y"] - error["y"]) / 700
    assert axis["y"] - info["y"] == pytest.approx(201 * per_invitation, abs=1)  # the info band starts above 200
    week_2 = chart.locator("rect.pending-bar[data-week='2']").bounding_box()
    assert week_2["y"] < info["y"] < week_2["y"] + week_2["height"]  # 214 crosses it, as SIM001 says
    assert chart.locator("text.threshold-label").all_text_contents() == ["info >200", "warning 500", "error 700"]
    for label in chart.locator("text.threshold-label").evaluate_all(
        "texts => texts.map(text => { const box = text.getBBox(), view = text.ownerSVGElement.viewBox.baseVal;"
        " return box.x + box.width <= view.x + view.width; })"
    ):
        assert label


def test_the_gauge_marks_a_doubted_declared_total_as_counted(report: Opened) -> None:
    page = report((Path(__file__).parents[3] / "examples" / "risky.plan.yaml").read_text(encoding="utf-8"))
    labels = page.locator("svg.gauge text.marker-label").all_text_contents()
    assert labels[0] == "counted 23.8 (declared 31)" and not any(label.startswith("declared 23.8") for label in labels)
    marker = page.locator("svg.gauge path.marker-declared").bounding_box()
    track = page.locator("svg.gauge rect.segment").evaluate_all(
        "rects => { const boxes = rects.map(rect => rect.getBoundingClientRect());"
        " return {x: boxes[0].x, width: boxes.reduce((sum, box) => sum + box.width, 0)}; }"
    )
    assert marker["x"] + marker["width"] / 2 == pytest.approx(track["x"] + 23.8 / 100 * track["width"], abs=1)


def test_under_exit_zero_the_header_says_no_finding_fails_the_run(report: Opened) -> None:
    page = report((Path(__file__).parents[3] / "examples" / "risky.plan.yaml").read_text(encoding="utf-8"), None, "--exit-zero")
    said = page.locator("header p.totals").inner_text()
    assert "No finding fails the run (--exit-zero)" in said and "fail the run" not in said
