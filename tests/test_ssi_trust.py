"""Only what a plan declares may raise a limit: an SSI the model estimates, wholly or in part, never earns the trusted one.

The trusted weekly limit (150 instead of 100, OUT003 and PLN003, and the projection's
`weekly_invitation_limit`) needs an SSI of 70 or more on a paid account a year old.
`facts.ssi_judged.trust_total` decides whether the SSI reaches it; these tests
pin it to the plan's own figures and show the rules and the projection agree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from ssi_lint.api import Linter
from ssi_lint.facts import ssi, ssi_judged
from ssi_lint.simulation import weekly_invitation_limit
from ssi_lint.ssi import estimate

EXAMPLE = Path(__file__).parents[1] / "examples" / "healthy.plan.yaml"
PAID_AGED = {"tier": "premium", "age_days": 900}


def strong_plan(ssi_block: dict[str, Any] | None = None, per_week: int = 140) -> dict[str, Any]:
    """The healthy example, busier, so that every pillar is described and the estimate is above 80; SSI as given."""
    plan = yaml.load(EXAMPLE.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    del plan["account"]["ssi"], plan["outreach"]["schedule"]
    plan["account"].update(PAID_AGED, connections=6000)
    plan["profile"]["recommendations"] = 10
    plan["prospecting"]["searches_per_week"] = 30
    plan["content"]["per_month"]["articles"] = 4
    plan["content"]["per_week"].update(comments=30, reactions=60)
    plan["outreach"]["invitations"] = {"per_week": per_week, "note": "personalized"}
    if ssi_block is not None:
        plan["account"]["ssi"] = ssi_block
    return plan


def weekly_finding(plan: dict[str, Any]) -> tuple[str, str]:
    """OUT003's level and message on the plan."""
    [finding] = [f for f in Linter().check_data(plan) if f.rule_id == "OUT003"]
    return finding.severity.label, finding.message


def test_the_strong_plan_is_estimated_above_the_trusted_ssi() -> None:
    result = estimate(strong_plan())
    assert result.complete and result.total > 80 and min(p.points for p in result.pillars.values()) > 15


ESTIMATED_PARTS = {
    "wholly estimated": None,
    "declared pillars, the rest estimated": {"brand": 20, "people": 20},
    "declared pillars of 50-70, the rest estimated": {"brand": 25, "people": 25, "insights": 10},
}


@pytest.mark.parametrize("ssi_block", list(ESTIMATED_PARTS.values()), ids=list(ESTIMATED_PARTS))
def test_an_estimated_part_never_earns_the_trusted_limit(ssi_block: dict[str, Any] | None) -> None:
    plan = strong_plan(ssi_block)
    judged, known = ssi_judged(plan), ssi(plan)
    assert known is not None and known["total"] >= 70, "the SSI as judged reaches 70 only with the estimate"
    declared = sum((ssi_block or {}).values())
    assert judged["trust_total"] == (declared or None)
    assert weekly_invitation_limit(plan) == 100
    level, _ = weekly_finding(plan)
    assert level == "warning", "140 a week is above the 100 an account without a declared SSI of 70 may send"


def test_known_pillars_without_a_total_count_only_their_declared_part() -> None:
    plan = strong_plan({"brand": 25, "people": 25})
    plan["content"] = {"groups": 0}  # insights no longer described: the total is unknown
    plan["outreach"].pop("messages")
    judged = ssi_judged(plan)
    assert judged["total"] is None and ssi(plan)["relationships"] > 20  # type: ignore[index]
    assert judged["at_least"] >= 70 and not judged["low"], "the known pillars, estimates included, are the SSI's lower bound"
    assert judged["trust_total"] == 50
    assert weekly_invitation_limit(plan) == 100
    assert weekly_finding(plan)[0] == "warning"


@pytest.mark.parametrize(
    "ssi_block",
    [{"total": 75}, {"brand": 25, "people": 25, "insights": 22}, {"brand": 25, "people": 25, "insights": 22, "relationships": 3}],
    ids=["declared total", "declared pillars reach 70 alone", "four declared pillars"],
)
def test_what_the_plan_declares_still_earns_the_trusted_limit(ssi_block: dict[str, Any]) -> None:
    plan = strong_plan(ssi_block)
    assert ssi_judged(plan)["trust_total"] >= 70
    assert weekly_invitation_limit(plan) == 150
    assert weekly_finding(plan)[0] == "info"


def test_declared_pillars_reaching_70_alone_make_a_partly_estimated_total_trusted() -> None:
    plan = strong_plan({"brand": 25, "people": 25, "insights": 22})
    judged = ssi_judged(plan)
    assert ssi(plan)["source"] == "partly estimated"  # type: ignore[index]
    assert judged["trust_total"] == 72 and "declared brand, people and insights pillars alone give 72" in judged["text"]


def test_a_total_above_its_declared_pillars_is_still_doubted_by_the_estimates() -> None:
    """A declared total its declared pillars refuse is capped by them; the described pillars may lower it further."""
    plan = {
        "account": {**PAID_AGED, "ssi": {"total": 100, "relationships": 15}},  # at most 90 by the declared pillar
        "profile": {"photo": False, "banner": False, "experience": 0, "skills": [], "featured": 0,
                    "recommendations": 0, "certifications": 0, "volunteering": 0, "endorsements": 0},
        "outreach": {"invitations": {"per_week": 140}},
    }
    brand = estimate(plan).pillars["brand"]
    assert brand.described and brand.points < 5
    judged = ssi_judged(plan)
    assert judged["total"] == 90 and not judged["low"], "a doubt that still leaves 50 or more keeps the declared verdict"
    assert judged["trust_total"] == pytest.approx(15 + brand.points + 50) and judged["trust_total"] < 70
    assert "the pillars allow at most" in judged["text"]
    assert weekly_invitation_limit(plan) == 100
    assert weekly_finding(plan)[0] == "warning"


def test_a_declared_total_the_pillars_doubt_below_the_floor_is_judged_low() -> None:
    """Every pillar described, all weak: a declared 75 they allow at most ~15 of is no SSI to be sure of, so the error levels are the low ones."""
    plan = {
        "account": {"tier": "sales_navigator", "age_days": 1500, "connections": 900, "ssi": {"total": 75}},
        "profile": {"photo": False, "banner": False, "headline": "x", "about": "", "experience": 1, "skills": ["a"],
                    "recommendations": 0, "featured": 0, "endorsements": 0},
        "prospecting": {"searches_per_week": 0, "companies_followed": 0, "experts_list": 0},
        "outreach": {"invitations": {"per_week": 140, "note": "none"}, "messages": {"per_day": 60, "unread": 0}, "acceptance_rate": 0.3},
        "content": {"per_week": {"posts": 0, "reposts": 0, "comments": 0, "reactions": 0}, "groups": 0},
    }
    assert estimate(plan).complete
    judged = ssi_judged(plan)
    assert judged["total"] == 75 and judged["trust_total"] < 50 and judged["low"]
    assert judged["text"].endswith("so it raises no limit and counts as below 50)")
    level, message = weekly_finding(plan)
    assert level == "error" and "counts as below 50" in message
    fired = {f.rule_id: f for f in Linter().check_data(plan)}
    assert fired["OUT012"].severity.label == "error" and "SSI008" not in fired and "SSI010" in fired


DOUBTED_60 = {
    "version": 1,
    "account": {"tier": "premium", "age_days": 900, "connections": 100, "active_days_per_week": 5, "ssi": {"total": 60}},
    "profile": {"photo": False, "banner": False, "headline": "", "about": "", "experience": 0, "skills": [], "endorsements": 0,
                "volunteering": 0, "recommendations": 0, "certifications": 0, "featured": 0},
    "prospecting": {"searches": [], "searches_per_week": 0, "companies_followed": 0, "experts_list": 0},
    "content": {"per_week": {"posts": 0, "photos": 0, "reposts": 0, "comments": 0, "reactions": 0}, "per_month": {"articles": 0, "polls": 0}, "groups": 0},
    "outreach": {"invitations": {"per_day": 20, "per_week": 101, "note": "personalized"}, "pending": {"sent": 100, "withdraw_after_days": 21, "received": 0},
                 "messages": {"per_day": 30, "unread": 0}, "profile_views": {"per_day": 0}, "acceptance_rate": 0.4, "follow_instead_of_connect": True},
}
"""The reviewer's p50-min-doubt: every input stated, and the pillars allow at most 26.5 of the declared 60."""
DOUBT_TEXT = "an SSI of 60 (declared, though the pillars allow at most 26.5 and counts as below 50)"


def test_a_declared_total_counted_as_below_50_is_no_optimal_band_for_the_chart_or_advise(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ssi_lint.cli import main
    from ssi_lint.ssi import chart, report

    judged = ssi_judged(DOUBTED_60)
    assert judged["low"] and judged["total"] == 60 and judged["counted"] == 26.5 and judged["text"] == DOUBT_TEXT
    entry = report(DOUBTED_60)
    assert entry["band"] is None and entry["bands"] == ["laggard", "below-floor", "below-optimal", "optimal"]
    assert f"band: laggard to optimal: the rules judge {DOUBT_TEXT}" in " ".join(chart(entry).split())
    path = tmp_path / "doubt.plan.yaml"
    path.write_text(yaml.safe_dump(DOUBTED_60), encoding="utf-8")
    output = CliRunner().invoke(main, ["advise", str(path)], catch_exceptions=False).output
    assert f"SSI counted as 26.5 (laggard): the rules judge {DOUBT_TEXT}\n" in output
    assert "until the SSI (26.5, counted) would reach 55:" in output and "(optimal)" not in output.splitlines()[0]
    reached = float(output.split("the SSI would be about ")[1].split(" ")[0])
    assert reached < 60, "the gains are added to what the pillars allow, not to the doubted 60"


def test_a_declared_total_the_plan_supports_keeps_its_band() -> None:
    from ssi_lint.ssi import report

    judged = ssi_judged({"account": {"ssi": {"total": 60}}})
    assert judged["counted"] == 60 and report({"account": {"ssi": {"total": 60}}})["band"] == "optimal"
