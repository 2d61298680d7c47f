"""`--format html`: the self-contained report page (its behaviour in a browser is in browser/)."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest
from click.testing import CliRunner

from ssi_lint.cli import main
from ssi_lint.formatters.charts import FIGURE_CHARACTER, PILLAR_CHART_WIDTH, PILLAR_FIGURES_X, TRACK, gauge, pending_chart, pillar_bars, pillar_chart_width
from ssi_lint.formatters.html import csp_hash, simulation_data, source_lines
from ssi_lint.ssi import band_label
from tests.ssi_plans import THREE_DECLARED_ONE_ESTIMATED

ROOT = Path(__file__).parents[2]
SSI = {
    "estimate": {"brand": 2.9, "people": 13.1, "insights": 3.1, "relationships": 25.0, "total": 44.1},
    "declared": {"total": 31, "people": 12},
    "band": "below-floor",
    "undescribed": [],
}
SOURCE = "\n".join(
    ["version: 1", "account:", "  name: Jane <Doe> & Co", "profile:", '  headline: "<script>alert(1)</script> <img src=x onerror=alert(2)>"']
    + [f"# line {number}" for number in range(6, 33)]
)
HOSTILE_PLAN = """\
version: 1
account: {name: "Mallory <b>bold</b>", tier: free, age_days: 400, connections: 300}
profile:
  photo: false
  headline: "<script>window.pwned = 'script'</script> <img src=x onerror=\\"window.pwned = 'img'\\">"
outreach:
  invitations: {per_day: 60, per_week: 300}
"""


def sample(kit, simulation: dict | None = None) -> list:
    """The shared sample, with the risky plan's source text, an SSI estimate and (optionally) a simulation."""
    results = kit.results()
    extra = {"ssi": SSI, **({"simulation": simulation} if simulation else {})}
    results[1] = msgspec.structs.replace(results[1], text=SOURCE, extra=extra)
    return results


def test_golden(render, kit) -> None:
    simulation = {"pending_by_week": {"1": 120, "2": 310, "3": 540, "4": 760}, "thresholds": {"warning": 500, "error": 700}}
    kit.golden("sample.html", render("html", sample(kit, simulation), fail_on="warning"))


def test_same_input_gives_the_same_bytes(render, kit) -> None:
    assert render("html", sample(kit)) == render("html", sample(kit))


def test_everything_from_a_plan_is_escaped(render, kit) -> None:
    page = render("html", sample(kit))
    assert "<script>alert" not in page and "<img src=x" not in page and "<Doe>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;" in page
    assert "Jane &lt;Doe&gt; &amp; Co" in page
    hostile = kit.hostile.replace("'", "&#39;")
    assert hostile in page  # line breaks kept as text, quotes as entities
    assert page.count("<script") == 1


def test_bidi_overrides_and_control_characters_from_a_plan_are_shown_as_escapes(render, kit) -> None:
    """As in the text formats (`text_safety.printable`): the file name, the message and the source are written with
    `\\u202e`, not the override that would show them reversed; line breaks stay text, markup stays escaped."""
    name = "plans/evil\u202egpj.plan.yaml"
    message = "Campaign \"Spring \u202e\" <b>x</b> \x1b[31m red\u2066"
    finding = kit.finding("PRO001", kit.results()[1].findings[0].severity, name, 2, 1, "profile", message)
    result = msgspec.structs.replace(kit.results()[1], source=name, findings=(finding,), suppressed=(),
                                     text="version: 1\nads: {name: \"Spring \u202e\"}\t# \u200f\n")
    page = render("html", [result])
    for raw in ("\u202e", "\u2066", "\u200f", "\x1b", "\t"):
        assert raw not in page
    assert "plans/evil\\u202egpj.plan.yaml" in page and 'data-plan="plans/evil\\u202egpj.plan.yaml"' in page
    assert "Campaign &#34;Spring \\u202e&#34; &lt;b&gt;x&lt;/b&gt; \\x1b[31m red\\u2066" in page
    assert "ads: {name: &#34;Spring \\u202e&#34;}\\t# \\u200f</code>" in page


def test_a_real_plan_with_markup_in_its_headline(tmp_path: Path) -> None:
    plan = tmp_path / "mallory.plan.yaml"
    plan.write_text(HOSTILE_PLAN, encoding="utf-8")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["--format", "html", "-o", str(out), str(plan)], catch_exceptions=False)
    assert result.exit_code == 1, result.output
    page = out.read_text(encoding="utf-8")
    assert page.count("<script") == 1 and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;window.pwned" in page and "onerror=\\&#34;window.pwned" in page
    assert plan.read_text(encoding="utf-8") == HOSTILE_PLAN


def test_the_page_admits_only_its_own_script_and_style(render, kit) -> None:
    page = render("html", sample(kit))
    policy = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    assert f"script-src {csp_hash(script)};" in policy and f"style-src {csp_hash(style)};" in policy
    assert policy.startswith("default-src 'none';") and "unsafe-inline" not in policy


def test_the_page_is_self_contained(render, kit) -> None:
    page = render("html", sample(kit))
    assert not re.search(r'\b(?:src|href|action)="(?!#)', page), "every link must stay in the page"
    inline = re.search(r"<style>(.*?)</style>", page, re.S).group(1) + re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    for loader in ("url(", "@import", "fetch(", "XMLHttpRequest", "import(", "http"):
        assert loader not in inline


def test_findings_are_grouped_by_severity_then_pillar(render, kit) -> None:
    page = render("html", sample(kit))
    risky = page[page.index('id="plan-2"') : page.index('id="plan-3"')]
    groups = re.findall(r'class="finding-group" data-severity="(\w+)"', risky)
    assert groups == ["error", "warning", "info"]
    assert risky.count('<tr class="finding"') == 4
    assert 'href="#plan-2-L3"' in risky and 'id="plan-2-L3" class="line marked sev-error"' in risky


def test_findings_outside_the_source_still_count(render, kit) -> None:
    results = sample(kit)
    results[1] = msgspec.structs.replace(results[1], text="version: 1\n")  # every finding lies beyond the text
    page = render("html", results)
    assert page.count('<tr class="finding"') == sum(len(result.findings) for result in results)
    assert 'class="line marked' not in page


def test_findings_of_another_file_do_not_link_into_this_source(render, kit) -> None:
    results = sample(kit)
    other = kit.finding("PRO001", kit.results()[1].findings[0].severity, "export/Profile.csv", 3, 1, "profile", "From the export")
    results[1] = msgspec.structs.replace(results[1], findings=(other,))
    page = render("html", results)
    assert 'href="#plan-2-L3"' not in page and "export/Profile.csv" in page and 'class="line marked' not in page


@pytest.mark.parametrize(
    ("text", "lines"),
    [("a\nb\n", ["a", "b"]), ("a\r\nb", ["a", "b"]), ("a\rb\x85c\u2028d", ["a", "b", "c", "d"]), ("a\x0cb\n", ["a\x0cb"]), ("", [])],
)
def test_source_lines_count_like_yaml(text: str, lines: list[str]) -> None:
    assert source_lines(text) == lines


def test_a_plan_without_source_text_says_so(render, kit) -> None:
    page = render("html", kit.results()[:1])
    assert "The source of this plan is not available" in page and "No findings: the plan passes every rule." in page


def test_an_empty_run_is_a_page(render) -> None:
    page = render("html", [])
    assert page.startswith("<!DOCTYPE html>") and page.endswith("</html>\n") and "No plan was checked." in page


def test_suppressed_findings_are_listed_with_their_reason(render, kit) -> None:
    page = render("html", sample(kit))
    assert "2 suppressed findings" in page and "(reason: agreed with sales: ramp-up week)" in page and "(no reason given)" in page


def test_pillar_bars_are_proportional_to_points() -> None:
    bars = pillar_bars(SSI)
    assert [bar.name for bar in bars] == ["brand", "people", "insights", "relationships"]
    assert all(bar.width == pytest.approx(bar.points / 25 * TRACK, abs=0.01) for bar in bars)
    assert [bar.weak for bar in bars] == [True, True, True, False]  # people is judged by its declared 12
    assert bars[1].declared_x == pytest.approx(12 / 25 * TRACK)


def test_gauge_places_both_totals() -> None:
    drawn = gauge(SSI)
    assert [name for name, _, _ in drawn.segments] == ["laggard", "below-floor", "below-optimal", "optimal", "leader"]
    assert drawn.markers == (("declared", "31", 124.0), ("estimated", "44.1", 176.4))


def test_gauge_marks_declared_pillars_and_estimated_ones_added_up_when_no_total_is_declared() -> None:
    from ssi_lint.ssi import report

    entry = report(THREE_DECLARED_ONE_ESTIMATED)
    assert entry is not None and entry["counted"] is not None
    assert gauge(entry).markers == (("summed", f"{entry['counted']:g}", round(entry["counted"] * 4, 2)),)
    unknown = report({"account": {"ssi": {"brand": 6, "people": 5, "insights": 4}}})  # relationships unknown: no sum to mark
    assert unknown is not None and gauge(unknown).markers == ()


def test_simulation_section_only_with_projection_data(render, kit) -> None:
    assert "Pending invitations by week" not in render("html", sample(kit))
    page = render("html", sample(kit, {"pending_by_week": {"2": 50, "1": 10}}))
    assert "Pending invitations by week (simulated)" in page
    assert re.findall(r'class="pending-bar" data-week="(\d+)"', page) == ["1", "2"]


@pytest.mark.parametrize(
    ("simulation", "expected"),
    [
        ({"pending_by_week": {"1": 10, 2: 20.5}}, ({1: 10.0, 2: 20.5}, {}, None)),
        ({"pending_by_week": {"1": 10}, "thresholds": {"error": 700}}, ({1: 10.0}, {"error": 700.0}, None)),
        ({"start": 45, "pending_by_week": {"1": 10}, "thresholds": {"info": 201}}, ({1: 10.0}, {"info": 201.0}, 45.0)),
        ({"start": "many", "pending_by_week": {"1": 10}}, None),
        ({"pending_by_week": {"one": 10}}, None),
        ({"pending_by_week": {"1": None}}, None),
        ({"pending_by_week": {}}, None),
        ({"pending_by_week": [10, 20]}, None),
        ("weekly", None),
    ],
)
def test_simulation_data_is_read_defensively(simulation: object, expected: object) -> None:
    assert simulation_data({"simulation": simulation}) == expected
    assert simulation_data({}) is None


def test_pending_chart_fits_every_threshold() -> None:
    chart = pending_chart({1: 100.0, 2: 400.0}, {"error": 700.0})
    assert chart.top == pytest.approx(770.0)
    assert all(0 <= y <= 160 for _, _, _, y, _ in chart.bars)
    assert chart.thresholds[0][2] == pytest.approx(160 - 700 / 770 * 160, abs=0.01)


def test_jinja2_is_imported_only_for_the_html_format() -> None:
    code = (
        "import sys\nfrom click.testing import CliRunner\nfrom ssi_lint.cli import main\n"
        "for fmt in ('text', 'markdown', 'json'):\n"
        "    CliRunner().invoke(main, ['--format', fmt, 'examples/healthy.plan.yaml'])\n"
        "print('jinja2' in sys.modules, any(name in sys.modules for name in ('ssi_lint.formatters.html', 'ssi_lint.formatters.charts')))\n"
        "CliRunner().invoke(main, ['--format', 'html', 'examples/healthy.plan.yaml'])\n"
        "print('jinja2' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.split() == ["False", "False", "True"]


def test_a_plan_that_sends_invitations_gets_its_projection_chart(tmp_path: Path) -> None:
    plan = tmp_path / "growth.plan.yaml"
    plan.write_text("version: 1\noutreach:\n  invitations: {per_week: 150}\n  acceptance_rate: 0.2\n", encoding="utf-8")
    quiet = tmp_path / "quiet.plan.yaml"
    quiet.write_text("version: 1\nprofile: {photo: true}\n", encoding="utf-8")
    out = tmp_path / "report.html"
    CliRunner().invoke(main, ["--format", "html", "-o", str(out), str(plan), str(quiet)], catch_exceptions=False)
    page = out.read_text(encoding="utf-8")
    assert page.count("Pending invitations by week") == 1  # the plan without invitations has nothing to project


def test_unstated_pillars_are_unknown_and_the_possible_bands_are_named() -> None:
    """A pillar the plan states nothing about is no 0 bar, and `bands` names the range when `band` is null (as `--show-ssi`)."""
    from ssi_lint.formatters.charts import gauge, pillar_bars

    entry = {
        "estimate": {"brand": 6.0, "people": 5.0, "insights": 4.0, "relationships": 0.0, "total": 15.0},
        "declared": None, "band": None, "bands": ["laggard", "below-floor"],
        "undescribed": ["relationships"], "unstated": ["relationships"],
    }
    bars = {bar.name: bar for bar in pillar_bars(entry)}
    assert bars["relationships"].unknown and not bars["relationships"].weak and bars["relationships"].width == 0
    assert not bars["brand"].unknown
    assert band_label(entry) == "laggard or below-floor"
    assert [kind for kind, _, _ in gauge(entry).markers] == []


def test_a_doubted_declared_total_has_the_band_range_the_text_chart_gives(tmp_path: Path) -> None:
    """A declared 60 the plan's own pillars allow at most 41.2 of: the report names the bands from the one the rules
    count it as, as `--show-ssi` does, not `unknown`."""
    plan = tmp_path / "doubted.plan.yaml"
    plan.write_text(
        "version: 1\naccount: {ssi: {total: 60}}\n"
        "profile: {photo: false, banner: false, headline: Sales, about: '', experience: 0, skills: []}\n"
        "prospecting: {searches_per_week: 0, companies_followed: 0, experts_list: 0}\n"
        "content: {per_week: {posts: 0, comments: 0, reactions: 0, reposts: 0}, per_month: {articles: 0, polls: 0}, groups: 0}\n"
        "outreach: {invitations: {per_day: 20, per_week: 100, note: none}, acceptance_rate: 0.1,"
        " messages: {per_day: 5, unread: 0}, pending: {sent: 100, received: 0}}\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.html"
    CliRunner().invoke(main, ["--format", "html", "-o", str(out), str(plan)], catch_exceptions=False)
    text = CliRunner().invoke(main, ["--show-ssi", "--color", "never", str(plan)], catch_exceptions=False).output
    assert "band: below-floor to optimal: the rules judge an SSI of 60" in text
    assert "below-floor to optimal" in out.read_text(encoding="utf-8")


def test_the_pending_chart_draws_the_bands_the_file_was_checked_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One threshold, one rule: configured HYG001 levels move the chart's bands as they move HYG001 and SIM001."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.plan.yaml").write_text(
        "version: 1\naccount: {tier: premium, age_days: 400}\n"
        "outreach:\n  invitations: {per_week: 90}\n  acceptance_rate: 0.3\n  pending: {sent: 50, withdraw_after_days: 21}\n"
    )
    (tmp_path / ".ssi-lint.yaml").write_text("params: {HYG001: {levels: {info: 100, warning: 150, error: 250}}}\n")
    CliRunner().invoke(main, ["plan.plan.yaml", "--format", "html", "--output-file", "report.html", "--report", "json:report.json"],
                       catch_exceptions=False)
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "warning threshold 150. error threshold 250." in page and "threshold 500" not in page
    [entry] = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["files"]
    assert "simulation" not in entry, "only the reports that read the projection get it"


@pytest.mark.parametrize(
    "account",
    ["{ssi: {total: 31}}", "{tier: premium}", "{ssi: {total: 64}}"],
    ids=["doubted-total", "no-total", "declared-total"],
)
def test_the_report_says_the_band_as_the_text_chart_does(tmp_path: Path, account: str) -> None:
    """One band line: the figure caption and the overview row read as `--show-ssi`'s band line, never a bare `unknown`."""
    import html
    import re

    plan = tmp_path / "p.plan.yaml"
    plan.write_text(
        f"version: 1\naccount: {account}\nprofile: {{photo: false, headline: Sales, about: '', experience: 1, skills: [a]}}\n"
        "content: {per_week: {posts: 1, comments: 2, reactions: 3}}\noutreach: {invitations: {per_week: 40}, acceptance_rate: 0.1}\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.html"
    CliRunner().invoke(main, ["--format", "html", "-o", str(out), str(plan)], catch_exceptions=False)
    text = CliRunner().invoke(main, ["--show-ssi", "--color", "never", str(plan)], catch_exceptions=False).output
    said = " ".join(line.strip() for line in text.split("band: ", 1)[1].split("\n  ")[0].splitlines())
    page = html.unescape(out.read_text(encoding="utf-8"))
    caption = re.search(r"Band: <strong>(.*?)</strong>(.*?)\.\n", page)
    assert caption is not None and " ".join(f"{caption[1]}{caption[2]}".split()) == said.rstrip(".")
    label = caption[1]
    assert f">{label}<" in page.split("<table", 1)[1]  # the overview row names the same band


DECLARED_ONLY = "version: 1\naccount: {tier: premium, age_days: 900, ssi: {brand: 20, people: 18, insights: 16, relationships: 15}}\n"


def test_a_declared_pillar_with_no_estimate_is_drawn_at_its_declared_value(tmp_path: Path) -> None:
    """The JSON estimate is null (nothing stated to estimate from) and the text chart draws `20.0  (declared 20)`: the page
    draws 20 too, never an estimate of 0."""
    plan = tmp_path / "declared.plan.yaml"
    plan.write_text(DECLARED_ONLY, encoding="utf-8")
    out = tmp_path / "report.html"
    CliRunner().invoke(main, ["--format", "html", "-o", str(out), "--report", f"json:{tmp_path / 'r.json'}", str(plan)], catch_exceptions=False)
    [entry] = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["files"]
    assert entry["ssi"]["estimate"]["brand"] is None
    text = CliRunner().invoke(main, ["--show-ssi", "--color", "never", str(plan)], catch_exceptions=False).output
    assert "20.0  (declared 20)" in text
    page = out.read_text(encoding="utf-8")
    assert ">20 (declared 20)<" in page and ">0 (declared 20)<" not in page
    assert "brand 0 of 25" not in page and "brand 20 of 25 as declared (the plan states too little to estimate it)" in page
    assert 'class="pillar-bar" data-pillar="brand" data-score="20.0" x="110" y="0" width="192.0"' in page
    assert "states too little about" not in page  # judged by its declared values, as the text chart judges them
    bars = {bar.name: bar for bar in pillar_bars(entry["ssi"])}
    assert bars["brand"].as_declared and not bars["brand"].unknown and bars["brand"].points == 20
    assert bars["brand"].width == pytest.approx(20 / 25 * TRACK)


def test_a_declared_pillar_with_no_estimate_is_weak_by_its_declared_value() -> None:
    entry = {
        "estimate": {"brand": None, "people": 14.0, "insights": 3.0, "relationships": 20.0, "total": None},
        "declared": {"brand": 10}, "undescribed": ["brand"], "unstated": [], "weak_below": {"brand": 12.5},
    }
    brand = pillar_bars(entry)[0]
    assert (brand.points, brand.weak, brand.as_declared, brand.value_text) == (10.0, True, True, "10 (declared 10) · weak")


def test_the_pillar_chart_is_wide_enough_for_its_longest_figures() -> None:
    """`9.7 to 15.7 (declared 8) · weak` no longer ends past the viewBox as `(declared 8) · w`."""
    entry = {
        "estimate": {"brand": 14.0, "people": 13.0, "insights": 12.0, "relationships": 9.7, "total": 48.7},
        "estimate_at_most": {"brand": 14.0, "people": 13.0, "insights": 12.0, "relationships": 15.7, "total": 54.7},
        "declared": {"relationships": 8}, "undescribed": [], "unstated": [],
    }
    bars = pillar_bars(entry)
    assert bars[3].value_text == "9.7 to 15.7 (declared 8) · weak"
    assert pillar_chart_width(bars) >= PILLAR_FIGURES_X + len(bars[3].value_text) * FIGURE_CHARACTER
    short = {"estimate": {"brand": 14.0, "people": 13.0, "insights": 12.0, "relationships": 19.7, "total": 58.7}, "declared": None, "undescribed": []}
    assert pillar_chart_width(pillar_bars(short)) == PILLAR_CHART_WIDTH  # short figures keep the usual width


LEVELS_PLAN = (
    "version: 1\naccount: {name: Levels, tier: premium, age_days: 900, connections: 1200,"
    " ssi: {brand: 14, people: 13, insights: 12, relationships: 8}}\n"
    "outreach:\n  invitations: {per_week: 120, note: personalized}\n  pending: {sent: 100, withdraw_after_days: 21}\n  acceptance_rate: 0.3\n"
)
LEVELS_CONFIG = "params:\n  SSI001: {levels: {error: 45, warning: 60}}\n  SSI003: {min: 15}\n"


def test_configured_levels_move_every_mark_and_word_of_the_ssi_charts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """SSI001's levels and SSI003's `min` as configured: the gauge's caption and description name them, and brand's
    dashed line is at 15 (the level that makes its 14 weak), the others' at 12.5, as the rules judge them."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.plan.yaml").write_text(LEVELS_PLAN, encoding="utf-8")
    (tmp_path / ".ssi-lint.yaml").write_text(LEVELS_CONFIG, encoding="utf-8")
    CliRunner().invoke(main, ["plan.plan.yaml", "--format", "html", "-o", "report.html"], catch_exceptions=False)
    page = html.unescape((tmp_path / "report.html").read_text(encoding="utf-8"))
    assert "55 to 70; keep SSI at 50" not in page and "below-floor below 50" not in page and "The dashed line is 12.5" not in page
    assert "Bands: laggard below 30, below-floor below 45, below-optimal below 60, optimal 60 to 70, leader above 70." in page
    assert "The optimal band is 60 to 70 and the floor 45, as configured (the article's: 55 to 70, and keep SSI at 50 or above)." in page
    assert "The dashed lines are each pillar's weak level (brand 15, people 12.5, insights 12.5, relationships 12.5)" in page
    assert f'class="half-mark" data-pillar="brand" x1="{110 + 15 / 25 * TRACK}"' in page
    assert f'class="half-mark" data-pillar="people" x1="{110 + 12.5 / 25 * TRACK}"' in page
    assert ">14 (declared 14) · weak<" in page


def test_built_in_levels_keep_one_dashed_line_and_the_article_s_words(tmp_path: Path) -> None:
    plan = tmp_path / "plan.plan.yaml"
    plan.write_text(LEVELS_PLAN, encoding="utf-8")
    out = tmp_path / "report.html"
    CliRunner().invoke(main, ["--format", "html", "-o", str(out), str(plan)], catch_exceptions=False)
    page = html.unescape(out.read_text(encoding="utf-8"))
    assert page.count('class="half-mark"') == 1 and 'class="half-mark" x1="230.0"' in page and "The dashed line is 12.5:" in page
    assert "The article's optimal band is 55 to 70; keep SSI at 50 or above." in page
    assert "Bands: laggard below 30, below-floor below 50, below-optimal below 55, optimal 55 to 70, leader above 70." in page


def test_the_pending_chart_draws_the_start_and_every_band_simulate_draws(tmp_path: Path) -> None:
    """`check` reports SIM001 info (214 by week 2, more than the usual 200) and `simulate`'s chart draws the info band
    and a `start` row: so does the page, not only warning 500 and error 700 from week 1."""
    plan = tmp_path / "plan.plan.yaml"
    plan.write_text(LEVELS_PLAN, encoding="utf-8")
    out = tmp_path / "report.html"
    CliRunner().invoke(main, ["--format", "html", "-o", str(out), str(plan)], catch_exceptions=False)
    page = html.unescape(out.read_text(encoding="utf-8"))
    assert "Pending invitations grow to 214 by week 2, more than the usual 200" in page
    simulated = CliRunner().invoke(main, ["simulate", str(plan)], catch_exceptions=False).output
    assert "bands: more than 200 info, 500+ warning, 700+ error" in simulated and "    start ######" in simulated
    assert re.findall(r'class="pending-bar[^"]*" data-week="(\w+)"', page)[:3] == ["start", "1", "2"]
    assert 'data-week="start" data-pending="100.0"' in page
    assert "At the start: 100 pending. Week 1: 157 pending. Week 2: 214 pending." in page
    assert "info threshold: more than 200. warning threshold 500. error threshold 700." in page
    assert 'class="threshold threshold-info"' in page and ">info >200<" in page
    assert '<tr><td class="num">start</td><td class="num">100</td></tr>' in page


def test_pending_chart_draws_the_start_first() -> None:
    chart = pending_chart({1: 100.0, 2: 400.0}, {"info": 201.0}, start=50.0)
    assert [week for week, *_ in chart.bars] == [0, 1, 2] and chart.bars[0][1] == 50.0
    assert chart.bars[0][2] < chart.bars[1][2] < chart.bars[2][2]
    assert chart.threshold_text("info", 201.0) == "info >200" and chart.threshold_text("warning", 500.0) == "warning 500"


def test_the_gauge_labels_a_doubted_declared_total_as_the_rules_count_it(tmp_path: Path) -> None:
    """risky.plan.yaml declares 31, its pillars allow at most 23.8, and its findings say `an SSI of 31 (declared, though
    the pillars allow at most 23.8)`: the marker at 23.8 reads `counted 23.8 (declared 31)`, never `declared 23.8`."""
    out = tmp_path / "report.html"
    CliRunner().invoke(main, ["--format", "html", "-o", str(out), str(ROOT / "examples" / "risky.plan.yaml")], catch_exceptions=False)
    page = html.unescape(out.read_text(encoding="utf-8"))
    assert "an SSI of 31 (declared, though the pillars allow at most 23.8)" in page
    assert "declared 23.8" not in page
    assert ">counted 23.8 (declared 31)</text>" in page and "counted total 23.8 (declared 31)." in page
    assert "▼ declared total as the rules count it (no more than its pillars allow)" in page
    entry = {**SSI, "counted": 23.8, "declared": {"total": 31}}
    assert gauge(entry).markers[0] == ("counted", "23.8 (declared 31)", 95.2)
    assert gauge({**SSI, "counted": 31}).markers[0] == ("declared", "31", 124.0)  # believed: the declared total


@pytest.mark.parametrize(
    ("options", "said"),
    [
        ([], "Findings of severity error or above fail the run."),
        (["--exit-zero"], "No finding fails the run (<code>--exit-zero</code>); without it, findings of severity error or above would."),
        (["--exit-zero", "--fail-on", "warning"], "No finding fails the run (<code>--exit-zero</code>); without it, findings of severity warning or above would."),
        (["--fail-on", "never"], "No finding fails the run (<code>--fail-on never</code>)."),
    ],
)
def test_the_header_says_what_fails_the_run(tmp_path: Path, options: list[str], said: str) -> None:
    """Under `--exit-zero` the run exits 0 whatever its findings: the header no longer says they fail it."""
    out = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["--format", "html", "-o", str(out), *options, str(ROOT / "examples" / "risky.plan.yaml")],
                                catch_exceptions=False)
    assert result.exit_code == (0 if "--exit-zero" in options or "never" in options else 1)
    header = out.read_text(encoding="utf-8").split("<header", 1)[1].split("</header>", 1)[0]
    assert said in header and ("fail the run" in header) == (not options)
