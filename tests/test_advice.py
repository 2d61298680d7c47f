"""`ssi-lint advise`: risks first, then safe SSI gains; weak pillars agree with the findings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from ssi_lint.advice import NO_CHANGE_KNOWN, NO_SAFE_CHANGE, advise, held_back, judged_pillars, pillar_advice, reference_total, safe_changes
from ssi_lint.api import Linter
from ssi_lint.cli import main
from ssi_lint.ssi import WEAK_PILLAR, estimate
from ssi_lint.ssi_model import load_model, ssi_levels

ROOT = Path(__file__).parents[1]
EXAMPLES = sorted(path.name.removesuffix(".plan.yaml") for path in (ROOT / "examples").glob("*.plan.yaml"))
COMPONENTS = load_model().components
VOLUME = {component.id for component in COMPONENTS if "volume" in component.caution}


def example(name: str) -> dict[str, Any]:
    return yaml.load((ROOT / "examples" / f"{name}.plan.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def put(plan: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    node = plan
    for key in path[:-1]:
        node = node.setdefault(key, {})
    node[path[-1]] = value


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    """Plans stating any subset of the model's numeric and yes/no inputs, with any account age."""
    plan: dict[str, Any] = {"version": 1}
    for component in COMPONENTS:
        if component.earn in ("linear", "band") and draw(st.booleans()):
            high = (component.high or component.target or 10) * 2
            put(plan, component.paths[0], draw(st.integers(0, int(high)) if high > 1 else st.floats(0, 1)))
        elif component.earn == "present" and draw(st.booleans()):
            put(plan, component.paths[0], draw(st.booleans()))
    if draw(st.booleans()):
        put(plan, ("account", "age_days"), draw(st.integers(0, 2000)))
    if draw(st.booleans()):
        put(plan, ("account", "ssi", "total"), draw(st.integers(0, 100)))
    return plan


@settings(max_examples=150)
@given(plans())
def test_advice_is_safe_for_the_account_and_stops_at_the_target(plan: dict[str, Any]) -> None:
    result = estimate(plan)
    changes = advise(plan)
    assert all(change.gain > 0 for change in changes)
    age = plan.get("account", {}).get("age_days")
    if age is None or age < 30:
        assert not {change.component for change in changes} & VOLUME, "volume advice for a new or unknown-age account"
    weak = [name for name, points in judged_pillars(plan).items() if points < WEAK_PILLAR]
    offered = {change.pillar for change in safe_changes(plan, result)}
    assert {name for name in weak if name in offered} <= {change.pillar for change in changes}, "a weak pillar without advice"
    start, _ = reference_total(plan, result)
    if start is not None and start >= ssi_levels().optimal and not weak:
        assert changes == []


@given(plans())
def test_growing_the_network_comes_after_every_other_change(plan: dict[str, Any]) -> None:
    order = [change.component for change in safe_changes(plan, estimate(plan))]
    if "connections" in order:
        assert order.index("connections") == len(order) - 1


def test_the_declared_ssi_is_respected() -> None:
    plan = example("healthy")
    plan["account"]["ssi"] = {"total": 72}
    assert advise(plan) == []
    plan = example("healthy")  # a new plan: results are kept per plan object, and plans never change once loaded
    plan["account"]["ssi"] = {"total": 50}
    assert estimate(plan).total > ssi_levels().optimal and advise(plan), "declared 50 needs advice even where the estimate says more"


def test_weak_pillar_findings_and_advise_agree() -> None:
    linter = Linter()
    for name in EXAMPLES:
        plan = example(name)
        weak = {finding.message.split()[1] for finding in linter.check_data(plan) if finding.rule_id in ("SSI003", "SSI004", "SSI005", "SSI006")}
        advised = {change.pillar for change in advise(plan)}
        offered = {change.pillar for change in safe_changes(plan, estimate(plan))}
        assert weak & offered <= advised, name


def run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def test_a_declared_ssi_above_the_target_does_not_make_unknown_pillars_strong(tmp_path: Path) -> None:
    plan = tmp_path / "declared.plan.yaml"
    plan.write_text("version: 1\naccount: {tier: premium, age_days: 900, ssi: {total: 74}}\noutreach:\n  invitations: {per_week: 60}\n")
    output = run("advise", str(plan))
    assert "no pillar is weak" not in output
    assert "The SSI (74, declared) already reaches 55; whether any pillar is weak is unknown" in output
    plan.write_text(
        "version: 1\naccount: {tier: premium, age_days: 900, ssi: {total: 74}}\n"
        "profile: {photo: true, banner: true, headline: Growth, about: I help, experience: 4, skills: [a, b, c, d, e, f],"
        " recommendations: 5, featured: 3, endorsements: 40, certifications: 2, volunteering: 1}\n"
    )
    assert "no pillar the plan lets be judged is weak, and people, insights and relationships are unknown." in run("advise", str(plan))


def test_a_pillar_the_plan_declares_is_never_said_to_be_stated_too_little(tmp_path: Path) -> None:
    """All four pillars declared, nothing described: the SSI is known, so no line says what the plan leaves out counts as missing."""
    plan = tmp_path / "declared.plan.yaml"
    plan.write_text("version: 1\naccount: {tier: premium, age_days: 900, ssi: {brand: 22, people: 18, insights: 15, relationships: 20}}\n")
    assert "states too little" not in run("advise", str(plan))
    plan.write_text("version: 1\naccount: {tier: premium, age_days: 900, ssi: {brand: 22, people: 18}}\n")
    assert "The plan states too little about insights, relationships; what it leaves out counts as missing." in run("advise", str(plan))


def test_risks_come_before_any_ssi_gain(tmp_path: Path) -> None:
    plan = tmp_path / "new.plan.yaml"
    plan.write_text(
        "version: 1\naccount: {age_days: 7, tier: free, connections: 40}\n"
        "profile: {photo: false, banner: false, headline: Founder, about: '', experience: 1, skills: [sales]}\n"
        "prospecting: {searches_per_week: 2, companies_followed: 0, experts_list: 0}\n"
        "content: {per_week: {posts: 0, comments: 0, reactions: 1}, groups: 0}\n"
        "outreach:\n  invitations: {per_day: 30}\n  pending: {sent: 1200}\n  profile_views: {per_day: 10}\n"
        "  messages: {per_day: 2}\n  acceptance_rate: 0.2\n"
    )
    output = run("advise", str(plan))
    assert max(output.index("HYG001 error"), output.index("OUT006 error")) < output.index("Then raise the SSI")
    assert "OUT001" not in output  # the new account's daily limit speaks for per_day (OUT006 supersedes OUT001)
    assert "view 60-80" not in output and "50 a week" not in output and "30-50 messages" not in output
    assert "Held back, because the account is 7 days old" in output


def test_declared_pillars_join_the_estimated_ones_in_the_starting_total(tmp_path: Path) -> None:
    plan = example("healthy")
    plan["account"]["ssi"] = {"brand": 5, "people": 6}
    pillars = estimate(plan).pillars
    total = round(5 + 6 + pillars["insights"].points + pillars["relationships"].points, 1)
    assert reference_total(plan, estimate(plan)) == (total, "partly estimated")
    path = tmp_path / "partly.plan.yaml"
    path.write_text(yaml.safe_dump(plan), encoding="utf-8")
    assert run("advise", str(path)).splitlines()[0].endswith(f": SSI {total:g} (partly estimated, {'below-floor' if total < 50 else 'below-optimal'})")
    path.write_text("version: 1\naccount: {ssi: {brand: 5}}\n", encoding="utf-8")
    assert run("advise", str(path)).splitlines()[0].endswith(
        ": SSI unknown: the plan declares no total and describes too little of people, insights, relationships to estimate it")


def test_pillars_that_already_reach_the_target_bound_an_unknown_total(tmp_path: Path) -> None:
    path = tmp_path / "three.plan.yaml"
    path.write_text("version: 1\naccount: {ssi: {brand: 22, people: 20, insights: 21}}\n", encoding="utf-8")
    output = run("advise", str(path)).splitlines()
    assert output[0].endswith(": SSI 63 to 88 (no total: the least and the most its pillars can be, each as declared, estimated from the plan, or unknown)")
    assert not any(line.startswith("Raise the SSI") for line in output)  # 63 is past 55 whatever relationships is


def test_a_plan_that_describes_too_little_names_what_to_describe() -> None:
    output = run("advise", "examples/volume-only.plan.yaml")
    assert "0.0" not in output and "laggard" not in output
    assert "Add the sections it lacks: profile (brand), prospecting (people) and content (insights)." in output
    # the section it has is not asked for again: the inputs worth most of its pillar are
    assert "State the inputs worth most of the pillars of the sections it has: relationships: `" in output


def test_a_section_the_plan_has_is_not_asked_for_again(tmp_path: Path) -> None:
    path = tmp_path / "thin.plan.yaml"
    path.write_text("version: 1\nprofile: {photo: true}\nprospecting: {}\n", encoding="utf-8")
    line = next(line for line in run("advise", str(path)).splitlines() if "too little to estimate" in line)
    assert "Add the sections it lacks: content (insights) and outreach (relationships)." in line
    assert "brand: `" in line and "people: `" in line and "profile (brand)" not in line


@pytest.mark.parametrize("name", EXAMPLES)
def test_advise_golden(name: str, golden: Callable[[str, str], None]) -> None:
    golden(f"{name}.advise.txt", run("advise", f"examples/{name}.plan.yaml"))


def test_a_higher_target_lists_more_changes() -> None:
    output = run("advise", "--target", "80", "examples/healthy.plan.yaml")
    assert "would reach 80:" in output and "\n  +" in output


@pytest.mark.parametrize(
    ("text", "errors"),
    [
        ("version: 1\naccount:\n  ssi: {total: -.inf}\noutreach:\n  invitations: {per_dya: 40}\n", ("SCHEMA001 error", "SCHEMA002 error")),
        ("version: 1\naccount: {age_days: 5}\naccount: {age_days: 7}\n", ("LOAD002 error",)),
    ],
    ids=["schema", "duplicate-key"],
)
def test_a_plan_that_breaks_its_format_is_told_to_fix_that_first(tmp_path: Path, text: str, errors: tuple[str, ...]) -> None:
    """Its risks, those errors first, then no advice, and exit status 2 (as `simulate`): no advice rests on a broken plan."""
    plan = tmp_path / "bad.plan.yaml"
    plan.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["advise", str(plan)], catch_exceptions=False)
    output = result.output
    assert result.exit_code == 2 and all(error in output for error in errors) and "fix the errors above first" in output
    assert "raise the SSI" not in output and "inf" not in output.split("Safety first")[1].split("fix the errors")[1]


@given(plans())
def test_each_pillars_advice_is_its_own_top_three_in_ranked_order(plan: dict[str, Any]) -> None:
    changes = safe_changes(plan, estimate(plan))
    for name, line in pillar_advice(plan).items():
        own = [change for change in changes if change.pillar == name]
        assert own == sorted(own, key=lambda change: ("not-alone" in _component(change).caution, -change.gain))
        expected = "; ".join(f"+{change.gain:.1f} {change.said}" for change in own[:3])
        if expected:
            assert line == expected
        else:  # none safe: what is held back for the account, and why; else that no change would add to the pillar
            held = held_back(plan, estimate(plan), pillars=(name,))
            assert line.startswith(NO_SAFE_CHANGE) if held else line == f"none: {NO_CHANGE_KNOWN}"
            assert all(reason in line for reason in held)


def _component(change: Any) -> Any:
    return next(component for component in load_model().components if component.id == change.component)


def test_advise_on_a_folder_no_loader_reads_is_one_line_saying_what_it_takes(tmp_path: Path) -> None:
    (tmp_path / "a.plan.yaml").write_text("version: 1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["advise", str(tmp_path)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "advise reads one plan file" in lines[0], result.output


def test_a_plan_without_a_total_is_headed_with_its_range_not_with_pillars_it_does_not_give(tmp_path: Path) -> None:
    """No pillar is declared: all four are estimated, so the headline gives the range `--show-ssi` draws and says so."""
    plan = tmp_path / "founder.plan.yaml"
    plan.write_text(
        "version: 1\naccount: {tier: premium, age_days: 1200, connections: 3000}\n"
        "profile: {photo: true, banner: true, headline: Founder | HR tech, about: HR analytics., experience: 4,"
        " skills: [hr tech, people analytics, saas, leadership, fundraising]}\n"
        "prospecting: {searches: [{keywords: [hr]}, {keywords: [hr director, people analytics]}], companies_followed: 25, experts_list: 20}\n"
        "content: {per_week: {posts: 3, comments: 15, reactions: 30, reposts: 1}, groups: 3}\n"
        "outreach: {invitations: {per_day: 20, per_week: 90, note: personalized}, pending: {sent: 180, withdraw_after_days: 21, received: 0},"
        " messages: {per_day: 20, unread: 0}, acceptance_rate: 0.35, follow_instead_of_connect: true}\n",
        encoding="utf-8",
    )
    headline = CliRunner().invoke(main, ["advise", str(plan)], catch_exceptions=False).output.splitlines()[0]
    assert "the pillars it gives" not in headline
    assert " to " in headline and "no total: the least and the most its pillars can be" in headline


def test_advise_estimates_the_note_with_the_run_s_quota(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A free account's note earns on the invitations OUT019's max_per_month allows a note on, configured or not."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    people = {"version": 1, "prospecting": {"searches_per_week": 50, "searches": [{"keywords": ["fintech"]}, {"keywords": ["cfo"]}],
                              "companies_followed": 0, "experts_list": 0},
              "account": {"tier": "free", "active_days_per_week": 7},
              "outreach": {"profile_views": {"per_day": 0}, "invitations": {"per_week": 100, "note": "personalized"}}}
    assert judged_pillars(people)["people"] == 12.1  # 12 + 4 x 5/429
    assert judged_pillars(people, {"OUT019": {"max_per_month": 50}})["people"] == 12.5  # 12 + 4 x 50/429
    path = tmp_path / "notes.plan.yaml"
    path.write_text(yaml.safe_dump(people), encoding="utf-8")
    assert "notes.plan.yaml: estimated SSI 12.1 to 87.1:" in CliRunner().invoke(main, ["advise", str(path)]).output
    (tmp_path / ".ssi-lint.yaml").write_text("params:\n  OUT019: {max_per_month: 50}\n", encoding="utf-8")
    assert "notes.plan.yaml: estimated SSI 12.5 to 87.5:" in CliRunner().invoke(main, ["advise", str(path)]).output


FULL_PILLARS = "version: 1\naccount: {{tier: premium, age_days: 900, ssi: {{brand: {0}, people: {0}, insights: {0}, relationships: {1}}}}}\nprofile: {{photo: false}}\n"


def test_a_gain_never_passes_what_the_pillar_can_still_gain(tmp_path: Path) -> None:
    """A declared pillar counts as itself: at 25 of 25 nothing is advised for it, at 24 a photo adds 1, not 3."""
    plan = tmp_path / "full.plan.yaml"
    plan.write_text(FULL_PILLARS.format(25, 25).replace("brand: 25", "brand: 24"), encoding="utf-8")
    output = run("advise", "--target", "100", str(plan))
    assert "relationships:" not in output and "Held back" not in output
    assert "  +1.0 brand: add a good, professional profile photo (B1)\n" in output
    assert "With this change the SSI would be about 100.0 (leader)." in output


@settings(max_examples=150)
@given(plans(), st.integers(0, 25))
def test_advised_gains_add_up_to_at_most_25_a_pillar(plan: dict[str, Any], declared: int) -> None:
    """Each gain is capped at what its pillar can still gain after the changes before it, and the ranking is on that gain."""
    plan.setdefault("account", {})["ssi"] = {"people": declared}
    result = estimate(plan)
    for changes in (advise(plan, 100), safe_changes(plan, result)):
        assert all(change.gain > 0 for change in changes)
        for name, pillar in result.pillars.items():
            start = declared if name == "people" else pillar.points
            assert start + sum(change.gain for change in changes if change.pillar == name) <= 25 + 1e-9, name
    ranked = [change for change in safe_changes(plan, result) if "not-alone" not in _component(change).caution]
    assert [change.gain for change in ranked] == sorted((change.gain for change in ranked), reverse=True)


def test_a_configured_weak_level_moves_advise_and_the_chart(tmp_path: Path) -> None:
    """SSI003's `min` is where the brand pillar is weak: advise strengthens it, the chart marks it, as check does."""
    (tmp_path / ".ssi-lint.yaml").write_text("params: {SSI003: {min: 15}}\n", encoding="utf-8")
    plan = tmp_path / "x.plan.yaml"
    plan.write_text(FULL_PILLARS.format(14, 14).replace("people: 14", "people: 15"), encoding="utf-8")
    output = run("advise", str(plan))
    assert "no pillar is weak" not in output
    assert "strengthen the weak pillars:\n  +3.0 brand: add a good, professional profile photo (B1)\n" in output
    result = CliRunner().invoke(main, ["check", "--show-ssi", str(plan)], catch_exceptions=False)
    assert "SSI003 warning The brand pillar is 14 of 25 (declared); below 15" in result.output
    assert "(declared 14)  weak" in result.output.split("brand          ")[1].splitlines()[0]
    assert "weak" not in result.output.split("people         ")[1].splitlines()[0]


def test_a_weak_pillar_no_change_helps_is_named_with_the_configured_level(tmp_path: Path) -> None:
    (tmp_path / ".ssi-lint.yaml").write_text("params: {SSI006: {min: 20}}\n", encoding="utf-8")
    plan = tmp_path / "x.plan.yaml"
    plan.write_text("version: 1\naccount: {tier: premium, age_days: 900, connections: 28000, ssi: {brand: 20, people: 20, insights: 20, relationships: 18}}\n"
                    "outreach: {acceptance_rate: 0.5, pending: {sent: 10, received: 0, withdraw_after_days: 21}, messages: {unread: 0},"
                    " follow_instead_of_connect: true}\n", encoding="utf-8")
    assert "The relationships pillar is 18 of 25 (declared), below 20, and the model knows no change" in run("advise", str(plan))


@pytest.mark.parametrize("target", ["nan", "-NaN", "inf"])
def test_a_target_that_is_not_a_number_in_range_is_a_usage_error(target: str) -> None:
    result = CliRunner().invoke(main, ["advise", "--target", target, "examples/healthy.plan.yaml"], catch_exceptions=False)
    assert result.exit_code == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("ssi-lint: error: Invalid value for '--target': ") and "0<=x<=100" in line, line


@pytest.mark.parametrize("target", [float("nan"), float("inf"), -1.0, 100.5])
def test_the_library_refuses_a_target_that_is_no_ssi(target: float) -> None:
    from ssi_lint.advice import advice_report
    from ssi_lint.errors import InputError
    from ssi_lint.loading import load_text

    document = load_text("version: 1\naccount: {ssi: {total: 40}}\n", "x.plan.yaml")
    with pytest.raises(InputError, match="the target SSI must be a number from 0 to 100"):
        advice_report(document, (), target)
