"""An input of the SSI estimate the plan does not state is unknown, not 0 (the plans of tests/ssi_unstated).

The estimate is a range: what the stated inputs earn (the least) up to that
plus what the unstated ones could add at their best (the most). A verdict on
it (SSI001, SSI003-SSI006, SSI008) holds only when it holds over the whole
range; otherwise SSI011 says the estimate cannot tell and names what to state.
What may raise a limit never counts the unstated inputs (unknown is not safe):
volume rules judge an SSI below 50 at its least as below 50, and say so.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from ssi_lint.api import Linter
from ssi_lint.cli import main
from ssi_lint.facts import ssi, ssi_judged
from ssi_lint.ssi import chart, estimate, report

PLANS = Path(__file__).parent / "ssi_unstated"
ROOT = Path(__file__).parents[1]


def plan(name: str) -> dict[str, Any]:
    return yaml.safe_load((PLANS / f"{name}.plan.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def fired(linter: Linter, data: dict[str, Any]) -> dict[str, Any]:
    return {finding.rule_id: finding for finding in linter.check_data(copy.deepcopy(data))}


def test_an_estimate_from_the_stated_inputs_is_no_upper_bound(linter: Linter) -> None:
    """The founder's plan leaves recommendations, groups, reactions ... unstated: 42.1 "at most" rested on their zeros."""
    founder = fired(linter, plan("01-founder"))
    assert "SSI001" not in founder, "the unstated inputs could lift the SSI over 50: no verdict either way"
    message = founder["SSI011"].message
    # 17.2 to 74.4: the free account's personalized note earns 4 x 5/429 on its 429 invitations a month, not 4
    assert message.startswith("From what the plan states, it cannot be told whether the SSI reaches the floor of 50 (17.2 to 74.4)")
    for path in ("content.groups", "profile.recommendations", "content.per_week.photos (up to 5.1 points)"):
        assert path in message
    assert message.endswith("which the lower figure counts as 0; or declare account.ssi")
    judged = ssi_judged(plan("01-founder"))
    assert judged["low"] and judged["total"] is None and judged["at_least"] is None, "unknown is judged below 50 for the volume rules"
    assert judged["text"].startswith("an SSI of 17.2 to 74.4 (") and judged["text"].endswith("judged as below 50, which it may be)")
    assert "counting the inputs it does not state from 0 to their best" in judged["text"]
    assert "SSI001" not in fired(linter, plan("01c-founder-more-stated"))


def test_an_ssi001_verdict_rests_on_the_most_the_unstated_inputs_could_add(linter: Linter) -> None:
    low = plan("01-founder")
    low["profile"].update(recommendations=0, endorsements=0, featured=0, certifications=0, volunteering=0)
    low["content"] = {"per_week": {"posts": 1, "photos": 0, "comments": 3, "reactions": 0, "reposts": 0},
                      "per_month": {"articles": 0, "polls": 0}, "groups": 0}
    low["outreach"].update(follow_instead_of_connect=False, pending={"sent": 900, "received": 40, "withdraw_after_days": 90})
    low["outreach"]["messages"]["unread"] = 60
    result = estimate(low)
    assert all(result.pillars[name].exact for name in ("brand", "insights", "relationships"))
    found = fired(linter, low)
    assert found["SSI001"].severity.label == "error"
    people = "people 0.1 to 21.1, insights 2.6"  # the free account's note: 4 x 5/429 on its 429 invitations a month, not 4
    assert "an SSI of at most 39.4 (" in found["SSI001"].message and people in found["SSI001"].message


def test_the_json_band_is_that_of_the_whole_range(linter: Linter) -> None:
    """12-est-a states less than 12-est-b; its 39.6 is no band: the unstated inputs could make it anything up to a leader's."""
    a, b = report(plan("12-est-a")), report(plan("12-est-b"))
    assert a["band"] is None and a["bands"] == ["below-floor", "below-optimal", "optimal", "leader"]
    assert a["estimate"]["total"] == 39.6 and a["estimate_at_most"]["total"] == 85.0
    assert a["reason"].startswith("the rules judge an SSI of 39.6 to 85 (")
    assert "profile.recommendations" in a["unstated_inputs"]["brand"]
    assert b["band"] == "leader" and b["reason"] is None, "70.6 at its least: a leader whatever the unstated inputs are"
    assert b["unstated_inputs"]["people"] == ["outreach.profile_views.per_day", "account.active_days_per_week", "prospecting.experts_list"]
    assert "band: leader (estimated, whatever the inputs the plan does not state are)" in chart(b)
    assert "SSI001" not in fired(linter, plan("12-est-a"))
    leader = fired(linter, plan("12-est-b"))["SSI008"].message
    assert leader.startswith("The account has an SSI of at least 70.6 (")


def test_a_pillar_is_weak_only_if_weak_at_its_most(linter: Linter) -> None:
    """A declared 62 and relationships of 11.4 from what is stated, with `connections` (8 points) unstated: no SSI006."""
    found = fired(linter, plan("05-tier-unknown-notes"))
    assert "SSI006" not in found
    assert found["SSI011"].message.startswith(
        "From what the plan states, it cannot be told whether the relationships pillar (11.4 to 23.4) reaches 12.5: "
        "state account.connections (up to 8 points), outreach.pending.received (2) and outreach.messages.unread (2)"
    )
    assert found["SSI011"].message.endswith("; or declare the relationships pillar in account.ssi")
    assert "SSI005" not in fired(linter, plan("articles30")), "no outreach section: its 30-50 messages a day are unknown, not 0"
    weak = plan("05-tier-unknown-notes")
    weak["account"]["connections"] = 100
    weak["outreach"]["pending"]["received"] = 40
    weak["outreach"]["messages"]["unread"] = 50
    message = fired(linter, weak)["SSI006"].message
    assert message.startswith("The relationships pillar is ") and "of 25 (estimated" in message


def test_a_weak_pillar_with_unstated_inputs_says_it_is_at_most(linter: Linter) -> None:
    data = plan("05-tier-unknown-notes")
    data["account"]["connections"] = 100
    data["outreach"].update(acceptance_rate=0.1, follow_instead_of_connect=False)
    data["outreach"]["pending"] = {"sent": 900}  # received and withdraw_after_days unstated: 3 points at best
    known = ssi(data)
    assert known is not None and known["relationships"] < known["at_most"]["relationships"] < 12.5
    message = fired(linter, data)["SSI006"].message
    assert message.startswith(f"The relationships pillar is at most {known['at_most']['relationships']:g} of 25 (estimated: ")
    assert "which it does not state); below 12.5 it holds SSI back" in message


def test_every_file_carries_its_ssi_entry(tmp_path: Path) -> None:
    (tmp_path / "v.plan.yaml").write_text("version: 1\n")
    (tmp_path / "broken.plan.yaml").write_text("version: 1\n  bad: [\n")
    files = [ROOT / "examples" / "volume-only.plan.yaml", tmp_path / "v.plan.yaml", tmp_path / "broken.plan.yaml"]
    result = CliRunner().invoke(main, ["--format", "json", *map(str, files)], catch_exceptions=False)
    entries = {Path(entry["path"]).name: entry["ssi"] for entry in json.loads(result.output)["files"]}
    assert set(entries) == {"volume-only.plan.yaml", "v.plan.yaml", "broken.plan.yaml"}
    for entry in entries.values():
        assert entry["band"] is None and entry["reason"] and entry["estimate"]["total"] is None
    assert entries["v.plan.yaml"]["reason"] == "the plan neither declares account.ssi nor states any input of the SSI estimate"
    assert entries["broken.plan.yaml"]["reason"] == "the file could not be read as a plan"
    volume_only = entries["volume-only.plan.yaml"]  # tier unstated: the free share (4 x 5/643, about 0) to a paid account's 4
    assert volume_only["estimate"]["people"] == 0.0 and volume_only["estimate_at_most"]["people"] == 25.0, "the note it states: a pillar partly known"
    assert "account.tier" in volume_only["unstated_inputs"]["people"]
    text = CliRunner().invoke(main, ["--show-ssi", str(tmp_path / "v.plan.yaml")], catch_exceptions=False).output
    assert "v.plan.yaml: SSI unknown: the plan neither declares account.ssi nor states any input of the SSI estimate" in text


def test_a_doubted_declared_total_raises_no_limit_on_unstated_inputs() -> None:
    """Only what the plan states may raise a limit: the doubt counts the unstated inputs as 0, and the text says so."""
    data = {"account": {"tier": "premium", "age_days": 900, "ssi": {"total": 73}},
            "profile": {"photo": False, "banner": False, "experience": 0, "skills": [], "featured": 0,
                        "recommendations": 0, "certifications": 0, "volunteering": 0, "endorsements": 0}}
    brand = estimate(data).pillars["brand"]
    assert brand.points == 0 and brand.most == 7  # headline, about and articles unstated
    judged = ssi_judged(data)
    assert judged["total"] == judged["trust_total"] == 73 and not judged["low"], "75 with brand at 0 from what is stated"
    data = copy.deepcopy(data)
    data["account"]["ssi"]["total"] = 78  # above 75 with brand at 0 from what is stated, within 82 at its most
    judged = ssi_judged(data)
    assert judged["trust_total"] == 75 and judged["text"].endswith("what the plan states supports 75 of it (up to 82 with what it leaves unstated))")
    assert "raises no limit" not in judged["text"], "75 is still 70 or more: the trusted limit stands"
    assert "SSI010" not in {f.rule_id for f in Linter().check_data(data)}, "82 at most: the declared 78 is within what the pillars allow"
    data["profile"].update(headline="", about="")
    data["content"] = {"per_week": {"posts": 0, "photos": 0, "comments": 0, "reactions": 0, "reposts": 0}, "per_month": {"articles": 0, "polls": 0},
                       "groups": 0}
    judged = ssi_judged(data)
    assert judged["trust_total"] == 50 and judged["text"].endswith("the pillars allow at most 54, so it raises no limit)"), "below 70: it does not"
    lowered = ssi_judged(data, {"OUT003": {"trusted_ssi": 45}})  # a configured trusted SSI the doubted 50 still reaches
    assert lowered["trust_total"] == 50 and lowered["text"].endswith("the pillars allow at most 54)")


def test_own_posts_are_not_bulk_publishing(linter: Linter) -> None:
    """The article's "not in bulk" is about reposts (I2): ten posts and five photos a week and no reposts is no finding."""
    found = fired(linter, plan("ownposts15"))
    assert not [f for f in found.values() if f.path.startswith("content.per_week")]


def test_reports_draw_a_range_as_a_range(tmp_path: Path) -> None:
    """The HTML bars draw what the unstated inputs could add apart from what is earned; the overview gives both figures."""
    from ssi_lint.formatters.charts import TRACK, gauge, pillar_bars

    entry = report(plan("12-est-a"))
    bars = {bar.name: bar for bar in pillar_bars(entry)}
    assert bars["people"].most == 19.4 and bars["people"].open_width == pytest.approx((19.4 - 8.4) / 25 * TRACK, abs=0.01)
    assert bars["people"].may_be_weak and not bars["people"].weak, "8.4 to 19.4: weak only if weak at its most"
    assert [marker[:2] for marker in gauge(entry).markers] == [("estimated", "39.6 to 85")]
    exact = {bar.name: bar for bar in pillar_bars(report(yaml.safe_load((ROOT / "examples" / "healthy.plan.yaml").read_text())))}
    assert all(bar.most is None and bar.open_width == 0 for bar in exact.values())
    out = tmp_path / "report.md"
    CliRunner().invoke(main, ["--format", "markdown", "-o", str(out), str(PLANS / "12-est-a.plan.yaml"), str(PLANS / "12-est-b.plan.yaml")],
                       catch_exceptions=False)
    rows = [line for line in out.read_text(encoding="utf-8").splitlines() if "12-est-" in line and line.startswith("|")]
    assert "| 39.6-85 | n/a | unknown |" in rows[0] and "| 70.6-85 | n/a | leader |" in rows[1]
    page = tmp_path / "report.html"
    (tmp_path / "v.plan.yaml").write_text("version: 1\n")
    CliRunner().invoke(main, ["--format", "html", "-o", str(page), str(PLANS / "12-est-a.plan.yaml"), str(tmp_path / "v.plan.yaml")],
                       catch_exceptions=False)
    html = page.read_text(encoding="utf-8")
    assert 'class="pillar-open" data-pillar="people"' in html and "8.4 to 19.4 · may be weak" in html
    assert "SSI unknown: the plan neither declares account.ssi nor states any input of the SSI estimate." in html


def test_ssi011_asks_at_the_levels_ssi001_and_the_pillar_rules_are_configured_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One threshold, one place: SSI011 borrows SSI001's levels and SSI003-SSI006's `min` (`params_from`)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "p.plan.yaml").write_text((PLANS / "05-tier-unknown-notes.plan.yaml").read_text())
    default = CliRunner().invoke(main, ["--select", "SSI011", "p.plan.yaml"], catch_exceptions=False).output
    assert "whether the relationships pillar (11.4 to 23.4) reaches 12.5" in default
    (tmp_path / ".ssi-lint.yaml").write_text("params: {SSI006: {min: 11}}\n")
    moved = CliRunner().invoke(main, ["--select", "SSI011", "p.plan.yaml"], catch_exceptions=False).output
    assert "SSI011" not in moved, "11.4 at its least already reaches a configured 11: nothing is open"
    (tmp_path / ".ssi-lint.yaml").write_text("params: {SSI006: {min: 15}}\n")
    raised = CliRunner().invoke(main, ["--select", "SSI011", "p.plan.yaml"], catch_exceptions=False).output
    assert "whether the relationships pillar (11.4 to 23.4) reaches 15" in raised


@pytest.mark.parametrize(("name", "headline"), [
    ("12-est-a", "estimated SSI 39.6 to 85.0 (below-floor to leader: the plan leaves inputs unstated)"),
    ("12-est-b", "estimated SSI 70.6 to 85.0 (leader: the plan leaves inputs unstated)"),
])
def test_advise_names_the_estimate_as_the_range_it_is(name: str, headline: str) -> None:
    """advise starts from what the plan states, and says how far what it leaves out could take the SSI."""
    result = CliRunner().invoke(main, ["advise", str(PLANS / f"{name}.plan.yaml")])
    assert result.output.splitlines()[0].endswith(headline), result.output


def test_a_declared_total_the_unstated_inputs_could_reach_is_not_counted_as_below_50(linter: Linter) -> None:
    """Declared 75, the plan's inputs 48.7 to 77.8: the total raises no limit, but it is not judged below 50 either."""
    found = fired(linter, plan("declared75-volume"))
    assert found["OUT003"].severity.name == "WARNING" and found["OUT012"].severity.name == "WARNING"
    assert "what the plan states supports 48.7 of it (up to 77.8 with what it leaves unstated), so it raises no limit" in found["OUT003"].message
    assert "counts as below 50" not in found["OUT003"].message


def test_advise_asks_to_state_an_input_the_account_may_already_have() -> None:
    """A change to an input the plan does not state may be what the account already does: advise says to state it."""
    output = CliRunner().invoke(main, ["advise", str(PLANS / "01-founder.plan.yaml")]).output
    assert "run people searches every working day, 50 a week (P5) (if the account already does, state `prospecting.searches_per_week`)" in output


def test_a_declared_total_far_below_even_the_least_the_estimate_can_be_is_named(linter: Linter) -> None:
    """Declared 40, the plan's inputs already earn 84 with relationships undescribed: the gap holds whatever it is (SSI009)."""
    found = fired(linter, plan("declared40-estimate84"))
    assert "The declared SSI is 40 but the plan suggests 84 to 100: more than 15 points apart" in found["SSI009"].message
