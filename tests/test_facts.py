"""Table-driven tests of every built-in fact."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from ssi_lint.builtin import builtin_rules_dir
from ssi_lint.engine.ruleset import read_packs
from ssi_lint.facts import BUILTIN_FACTS, WORD_LIST_RULES
from ssi_lint.model import Fact
from ssi_lint.ssi import estimate

FACTS: dict[str, Fact] = {fact.name: fact for fact in BUILTIN_FACTS}


def invitations(**fields: Any) -> dict[str, Any]:
    """A plan fragment with `outreach.invitations` set to fields."""
    return {"outreach": {"invitations": fields}}


def weeks(*volumes: int) -> list[dict[str, int]]:
    """A ramp-up schedule, week 1 first."""
    return [{"week": number, "invitations": volume} for number, volume in enumerate(volumes, start=1)]


def declared_sources(total: bool) -> dict[str, str]:
    """`sources` of a fully declared SSI: every pillar, and the total when there is one."""
    keys = ["brand", "people", "insights", "relationships", *(["total"] if total else [])]
    return {key: "declared" for key in keys}


def known(values: dict[str, Any], source: str, sources: dict[str, str], at_most: dict[str, Any] | None = None,
          unstated: dict[str, list[str]] | None = None, texts: dict[str, str] | None = None) -> dict[str, Any]:
    """The `ssi` fact: its values, `source` and `sources`, and `at_most`, `unstated_inputs` and `texts` (each value is its own
    most unless `at_most` says otherwise; a pillar's text `X of 25 (source)` unless `texts` gives it)."""
    most = {**values, **(at_most or {})}
    words = {name: f"{values[name]:g} of 25 ({sources[name]})" for name in ("brand", "people", "insights", "relationships") if name in values}
    return {**values, "source": source, "sources": sources, "at_most": most, "unstated_inputs": unstated or {}, "texts": {**words, **(texts or {})}}


FULL_BRAND: dict[str, Any] = {
    "profile": {
        "photo": True,
        "banner": True,
        "headline": "B2B growth | SaaS",
        "about": "What I do and for whom.",
        "experience": 1000,
        "skills": [f"skill {number}" for number in range(1000)],
        "endorsements": 100000,
        "volunteering": 1000,
        "recommendations": 1000,
        "certifications": 1000,
        "featured": 1000,
    },
    "content": {"per_month": {"articles": 1000}},
}
"""Every brand input far beyond any target: the brand pillar earns its 25 points."""
FULL_BRAND_ESTIMATE: dict[str, Any] = {
    "brand": 25.0, "people": 0.0, "insights": 0.0, "relationships": 0.0, "total": 25.0, "source": "estimated", "complete": False,
    "at_most": {"brand": 25.0, "people": 25.0, "insights": 25.0, "relationships": 25.0, "total": 100.0}, "exact": False,
    "unstated_inputs": {
        "people": ["prospecting.searches_per_week", "outreach.profile_views.per_day", "account.active_days_per_week", "outreach.invitations.note",
                   "prospecting.searches", "prospecting.experts_list", "prospecting.companies_followed"],
        "insights": ["content.per_week.posts", "content.per_week.photos", "content.per_week.comments", "content.groups",
                     "outreach.messages.per_day", "content.per_week.reactions", "content.per_week.reposts", "content.per_month.polls"],
        "relationships": ["account.connections", "outreach.acceptance_rate", "outreach.pending.received", "outreach.messages.unread",
                          "outreach.follow_instead_of_connect", "outreach.pending.sent", "outreach.pending.withdraw_after_days"],
    },
    "text": "25 to 100",
}
"""The estimate of FULL_BRAND: 25 points of brand, the least; nothing stated of the other pillars, so 25 to 100."""
EMPTY_BRAND: dict[str, Any] = {
    "profile": {"photo": False, "banner": False, "headline": "", "about": " ", "experience": 0, "skills": [],
                "endorsements": 0, "volunteering": 0, "recommendations": 0, "certifications": 0, "featured": 0},
    "content": {"per_month": {"articles": 0}},
}
"""Every brand input stated and empty: the pillar is described and earns nothing."""


CASES: list[tuple[str, dict[str, Any], Any]] = [
    # active_days_per_week: outreach.active_days_per_week (1-7), else the working week
    ("active_days_per_week", {}, 5),
    ("active_days_per_week", {"outreach": {"active_days_per_week": 7}}, 7),
    ("active_days_per_week", {"outreach": {"active_days_per_week": 0}}, 5),
    ("active_days_per_week", {"account": {"active_days_per_week": 7}}, 7),
    ("active_days_per_week", {"account": {"active_days_per_week": 7}, "outreach": {"active_days_per_week": 4}}, 4),
    # an account used 0 days a week (the plan format allows it: the SSI estimate reads it) leaves outreach no day: 5 assumed, and said
    ("active_days_per_week", {"account": {"active_days_per_week": 0}}, 5),
    ("active_days_per_week", {"account": {"active_days_per_week": 0}, "outreach": {"active_days_per_week": 3}}, 3),
    ("active_days_stated", {}, False),
    ("active_days_stated", {"outreach": {"active_days_per_week": 6}}, True),
    # invitations_per_week: explicit per_week, else per_day x active days (5 by default)
    ("invitations_per_week", {}, None),
    ("invitations_per_week", invitations(per_week=75), 75),
    ("invitations_per_week", invitations(per_day=15, per_week=75), 75),
    # a per_week below per_day cannot be right: per_day decides (the riskier reading), and zero is not "none"
    ("invitations_per_week", invitations(per_day=30, per_week=0), 150),
    ("invitations_basis", invitations(per_day=30, per_week=10),
     "30 a day x 5 days, assumed: set outreach.active_days_per_week; per_week 10 is less than a day's"),
    ("sends_no_invitations", invitations(per_day=30, per_week=0), False),
    ("invitations_per_week", invitations(per_day=15), 75),
    ("invitations_per_week", {"outreach": {"invitations": {"per_day": 15}, "active_days_per_week": 7}}, 105),
    ("invitations_per_week", {"outreach": {"invitations": {"per_day": 15}, "active_days_per_week": 0}}, 75),
    ("invitations_per_week", {"outreach": {"invitations": {"per_day": 15}, "schedule": weeks(300)}}, 75),
    # invitations_basis: how the weekly volume was read
    ("invitations_basis", {}, None),
    ("invitations_field", {}, None),
    ("invitations_field", invitations(per_week=150), "outreach.invitations.per_week"),
    ("invitations_field", invitations(per_day=30, per_week=150), "outreach.invitations.per_week"),
    ("invitations_field", invitations(per_day=30, per_week=10), "outreach.invitations.per_day"),
    ("invitations_field", invitations(per_day=30), "outreach.invitations.per_day"),
    ("invitations_basis", invitations(per_week=150), "per_week: 150"),
    ("invitations_basis", invitations(per_day=20), "20 a day x 5 days, assumed: set outreach.active_days_per_week"),
    ("invitations_basis", {"outreach": {"invitations": {"per_day": 20}, "active_days_per_week": 6}}, "20 a day x 6 days"),
    ("invitations_basis", {"account": {"active_days_per_week": 7}, "outreach": {"invitations": {"per_day": 20}}},
     "20 a day x 7 days, the days the account is active: set outreach.active_days_per_week"),
    ("invitations_basis", {"account": {"active_days_per_week": 0}, "outreach": {"invitations": {"per_day": 30}}},
     "30 a day x 5 days, assumed: account.active_days_per_week is 0, which leaves no day to send on; set outreach.active_days_per_week"),
    ("invitations_basis", {"account": {"active_days_per_week": 0}, "outreach": {"invitations": {"per_day": 30}, "active_days_per_week": 3}},
     "30 a day x 3 days"),
    ("invitations_per_week", invitations(per_week="many"), None),
    ("invitations_per_week", invitations(per_week=True), None),
    ("invitations_per_week", {"outreach": "none"}, None),
    # busiest_schedule_week
    ("busiest_schedule_week", {}, None),
    ("busiest_schedule_week", {"outreach": {"schedule": weeks(35, 60, 45)}}, 60),
    ("busiest_schedule_week", {"outreach": {"schedule": [{"week": 1}, "junk"]}}, None),
    ("busiest_schedule_week", {"outreach": {"schedule": {"week": 1}}}, None),
    # peak_invitations_per_week: the larger of the steady volume and the busiest week
    ("peak_invitations_per_week", {}, None),
    ("peak_invitations_per_week", {"outreach": {"invitations": {"per_week": 75}, "schedule": weeks(35, 120)}}, 120),
    ("peak_invitations_per_week", {"outreach": {"invitations": {"per_week": 75}, "schedule": weeks(35, 60)}}, 75),
    ("peak_invitations_per_week", {"outreach": {"schedule": weeks(35, 60)}}, 60),
    # invitations_per_day: per_day, else per_week over the active days
    ("invitations_per_day", {}, None),
    ("invitations_per_day", invitations(per_day=12, per_week=60), 12),
    ("invitations_per_day", invitations(per_week=70), 14),
    ("invitations_per_day", {"outreach": {"invitations": {"per_week": 70}, "active_days_per_week": 7}}, 10),
    ("invitations_per_day", invitations(per_week=72), 14.4),
    # starting_invitations_per_day: the earliest schedule week, else invitations_per_day
    ("starting_invitations_per_day", {}, None),
    ("starting_invitations_per_day", invitations(per_day=25), 25),
    ("starting_invitations_per_day", {"outreach": {"invitations": {"per_day": 25}, "schedule": weeks(35, 70)}}, 7),
    (
        "starting_invitations_per_day",
        {"outreach": {"schedule": [{"week": 2, "invitations": 140}, {"week": 1, "invitations": 70}]}},
        14,
    ),
    ("starting_invitations_per_day", {"outreach": {"schedule": [{"invitations": 300}], "active_days_per_week": 7}}, 42.8571),
    # personal_notes_per_month: every invitation with a note, over 30 days
    ("personal_notes_per_month", {}, None),
    ("personal_notes_per_month", invitations(per_week=70, note="personalized"), 300),
    ("personal_notes_per_month", invitations(per_day=10, note="template"), 214),
    ("personal_notes_per_month", invitations(per_week=70, note="none"), 0),
    ("personal_notes_per_month", invitations(note="none"), 0),
    ("personal_notes_per_month", invitations(per_week=70), None),
    ("personal_notes_per_month", invitations(note="personalized"), None),
    # an export is judged on the notes it counts in its last 30 days; a plan checked against one, on its own plan
    ("personal_notes_per_month", {**invitations(per_week=21, note="personalized"), "export": {"notes_last_30_days": 5}}, 5),
    ("personal_notes_per_month", {**invitations(per_week=21, note="none"), "export": {"notes_last_30_days": 10}}, 10),
    ("personal_notes_per_month", {**invitations(per_week=21, note="personalized"), "observed": {"export": {"notes_last_30_days": 1}}}, 90),
    ("personal_notes_basis", invitations(per_week=21, note="personalized"), "Notes planned a month: about 90"),
    ("personal_notes_basis", {**invitations(note="none"), "export": {"notes_last_30_days": 1, "as_of": "2026-02-09"}},
     "1 invitation with a note in the 30 days to 2026-02-09"),
    ("personal_notes_basis", {}, None),
    # invitation_note_length
    ("invitation_note_length", {}, None),
    ("invitation_note_length", invitations(note_template="Hi {first_name}!"), 16),
    ("invitation_note_length", invitations(note_template=42), None),
    # repost_share: reposts / (posts + photos + reposts)
    ("repost_share", {}, None),
    ("repost_share", {"content": {"per_week": {"posts": 2}}}, None),
    ("repost_share", {"content": {"per_week": {"posts": 3, "reposts": 1}}}, 0.25),
    # an export's exact weekly rates: one post a month and five reposts are not one of each a week
    ("repost_share", {"content": {"per_week": {"posts": 1, "reposts": 1}}, "export": {"per_week": {"posts": 0.25, "reposts": 1.25}}}, 0.8333),
    ("repost_share", {"content": {"per_week": {"posts": 1, "photos": 1, "reposts": 2}}}, 0.5),
    ("repost_share", {"content": {"per_week": {"reposts": 4}}}, 1.0),
    ("repost_share", {"content": {"per_week": {"posts": "2", "reposts": 3}}}, None),  # posts is no count: the share is unknown
    ("repost_share", {"content": {"per_week": {"photos": -1, "reposts": 3}}}, None),
    ("repost_share", {"content": {"per_week": {"reposts": 0}}}, None),
    ("repost_share", {"content": {"per_week": {"posts": 1, "reposts": 12}}}, 0.9231),
    # checked_currencies: the currencies of ADS001's and ADS002's tables (none without their params); None without ads
    ("checked_currencies", {}, None),
    ("checked_currencies", {"ads": {"campaigns": []}}, {"budgets": [], "bids": []}),
    # withdraw_horizon: HYG004's recommended horizon within PLN006's and PLN005's range; None without their params
    ("withdraw_horizon", {}, None),
    # pending_to_weekly_ratio: pending sent / invitations_per_week
    ("pending_to_weekly_ratio", {}, None),
    ("pending_to_weekly_ratio", {"outreach": {"pending": {"sent": 300}}}, None),
    ("pending_to_weekly_ratio", {"outreach": {"invitations": {"per_week": 60}, "pending": {"sent": 150}}}, 2.5),
    ("pending_to_weekly_ratio", {"outreach": {"invitations": {"per_day": 10}, "pending": {"sent": 100}}}, 2.0),
    ("pending_to_weekly_ratio", {"outreach": {"invitations": {"per_week": 0}, "pending": {"sent": 150}}}, None),
    # expected_new_connections_per_week: invitations a week x acceptance (the projection's 26 % when not given)
    ("expected_new_connections_per_week", {}, None),
    ("expected_new_connections_per_week", invitations(per_week=150), 39),
    ("expected_new_connections_per_week", {"outreach": {"invitations": {"per_week": 150}, "acceptance_rate": 0.2}}, 30),
    # acceptance_basis: the rate those estimates use, and where it comes from; out of range is not stated
    ("acceptance_basis", {"outreach": {"acceptance_rate": 0.345}}, "34% accepted, as outreach.acceptance_rate says"),
    ("acceptance_basis", {"outreach": {"acceptance_rate": 1.5}}, "26% accepted, assumed: the plan states no acceptance_rate"),
    # assumed_acceptance_rate: the projection's 26 % when neither the plan nor the export it is checked against gives a rate
    ("assumed_acceptance_rate", {}, 0.26),
    ("assumed_acceptance_rate", {"outreach": {"acceptance_rate": 1.5}}, 0.26),
    ("assumed_acceptance_rate", {"outreach": {"acceptance_rate": 0.4}}, None),
    ("assumed_acceptance_rate", {"outreach": {"acceptance_rate": 0}}, None),
    ("assumed_acceptance_rate", {"observed": {"outreach": {"acceptance_rate": 0.3}}}, None),
    ("assumed_acceptance_rate", {"observed": {"outreach": {}}}, 0.26),
    # messages_per_week: per_day x active days
    ("messages_per_week", {}, None),
    ("messages_per_week", {"outreach": {"messages": {"per_day": 2}}}, 10),
    ("messages_per_week", {"outreach": {"messages": {"per_day": 2}, "active_days_per_week": 7}}, 14),
    # publications_per_week: posts + photos + reposts
    ("publications_per_week", {}, None),
    ("publications_per_week", {"content": {"per_week": {"posts": 10, "reposts": 10}}}, 20),
    # sends_no_invitations: only a plan that states zero invitations everywhere
    ("sends_no_invitations", {}, False),  # unknown is not zero
    # acceptance_rate_observed: only an export's own rate (its `export` section) is of invitations really sent
    ("acceptance_rate_observed", {"outreach": {"acceptance_rate": 0.1}, "export": {"acceptance_sample": 900}}, True),
    ("acceptance_rate_observed", {"outreach": {"acceptance_rate": 0.1}}, False),  # a plan's rate
    ("acceptance_rate_observed", {"export": {"acceptance_sample": 5}}, False),  # too few to judge: no rate
    ("acceptance_rate_observed", {"outreach": {"acceptance_rate": 0.1}, "observed": {"outreach": {"acceptance_rate": 0.1}, "export": {}}}, False),  # --against
    # invitation_burst: a plan's two figures may be wrong; an export's are both measured, so only the burst is said
    ("invitation_burst", {"outreach": {"invitations": {"per_day": 24, "per_week": 24}}},
     "either most of the week's invitations go out in one or two days, or one of the two figures is wrong (a per_week below per_day gives way to per_day)"),
    ("invitation_burst", {"outreach": {"invitations": {"per_day": 24, "per_week": 24}}, "export": {"as_of": "2026-02-10"}},
     "most of the busiest 7 days' invitations went out in one or two days"),
    ("invitation_burst", {"outreach": {"invitations": {"per_day": 24, "per_week": 24}}, "observed": {"export": {}}},  # --against: the plan's figures
     "either most of the week's invitations go out in one or two days, or one of the two figures is wrong (a per_week below per_day gives way to per_day)"),
    ("sends_no_invitations", invitations(per_week=0), True),
    ("sends_no_invitations", {"outreach": {"invitations": {"per_day": 0}}}, True),
    ("sends_no_invitations", {"outreach": {"invitations": {"per_week": 0}, "schedule": [{"week": 1, "invitations": 20}]}}, False),
    # category_words: each offer category as lower-case words parted by one space, padded
    ("category_words", {"ads": {"campaigns": [{"offer": {"kind": "service"}}]}}, None),
    ("category_words", {"ads": {"campaigns": "x"}}, None),
    (
        "category_words",
        {"ads": {"campaigns": [{"offer": {"category": "Online Casino, hotel & SPA"}}, {"offer": {"category": "wine_and-spirits"}}, {"offer": {"category": 5}}, "x"]}},
        {"Online Casino, hotel & SPA": " online casino hotel spa ", "wine_and-spirits": " wine and spirits "},
    ),
    ("category_words", {"ads": {"campaigns": [{"offer": {"category": "  --  "}}]}}, {"  --  ": "  "}),
    # category_listed: the word-list rules' words and phrases each category holds as whole words
    ("category_listed", {"ads": {"campaigns": [{"offer": {"kind": "service"}}]}}, None),
    ("category_listed", {"ads": {"campaigns": [{"offer": {"category": "SaaS"}}, {"offer": {"category": "  --  "}}]}}, {"SaaS": ["saas"], "  --  ": []}),
    (
        "category_listed",
        {"ads": {"campaigns": [{"offer": {"category": "Online Casino, hotel & poker-rooms"}}, {"offer": {"category": "get out the vote app"}}]}},
        {"Online Casino, hotel & poker-rooms": ["casino", "poker rooms"], "get out the vote app": ["get out the vote"]},
    ),
    ("category_listed", {"ads": {"campaigns": [{"offer": {"category": "casino casino"}}]}}, {"casino casino": ["casino"]}),
    # headline_skills: the skills the headline names, in any script
    ("headline_skills", {"profile": {"headline": "Founder"}}, None),
    ("headline_skills", {"profile": {"headline": "ЭКСПЕРТ ПО  МАРКЕТИНГУ", "skills": ["по маркетингу", "Sales"]}}, ["по маркетингу"]),
    ("headline_skills", {"profile": {"headline": "Demand-generation lead", "skills": ["demand generation", "e‑commerce", "lead"]}},
     ["demand generation", "lead"]),
    ("headline_skills", {"profile": {"headline": "E-commerce – growth", "skills": ["e commerce", "Growth"]}}, ["e commerce", "Growth"]),
    (
        "headline_skills",
        {"profile": {"headline": "Retail growth | C++ developer | JavaScript", "skills": ["AI", "C++", "Java", "growth"]}},
        ["C++", "growth"],
    ),
    # weekly_levels: OUT003's thresholds for the account (its params; trusted and low SSI as OUT003 reads them)
    ("weekly_levels", {}, {"info": 100, "warning": 100, "error": 100}),
    ("weekly_levels", {"account": {"ssi": {"total": 62}}}, {"info": 100, "warning": 100, "error": 200}),
    ("weekly_levels", {"account": {"tier": "premium", "age_days": 900, "ssi": {"total": 75}}}, {"info": 100, "warning": 150, "error": 200}),
    # weekly_basis: the steady weekly volume, else the busiest schedule week
    ("weekly_basis", {}, None),
    ("weekly_basis", invitations(per_week=40), 40),
    ("weekly_basis", {"outreach": {"schedule": [{"week": 1, "invitations": 60}, {"week": 2, "invitations": 80}]}}, 80),
    # trusted_account: a declared SSI of 70+, a paid tier and a year of activity (OUT003's params)
    ("trusted_account", {"account": {"ssi": {"total": 75}, "tier": "premium", "age_days": 900}}, True),
    ("trusted_account", {"account": {"ssi": {"total": 75}, "tier": "free", "age_days": 900}}, False),
    ("trusted_account", {"account": {"ssi": {"total": 75}, "tier": "premium", "age_days": 900, "active_days_per_week": 0}}, False),  # dormant
    ("trusted_account", {"account": {"tier": "premium", "age_days": 900}}, False),  # no declared SSI
    # trusted_withheld: why an SSI of 70+ does not earn the trusted limit, from trust_shortfall (the test trusted_account makes)
    ("trusted_withheld", {"account": {"ssi": {"total": 75}, "tier": "premium", "age_days": 900}}, ""),
    ("trusted_withheld", {"account": {"ssi": {"total": 60}, "age_days": 900}}, ""),  # the SSI alone would not earn it
    ("trusted_withheld", {"account": {"ssi": {"total": 75}, "age_days": 900}},
     "; the 150 a week an SSI of 70+ allows is withheld: the tier is not stated (`account.tier`), so it is judged free"),
    ("trusted_withheld", {"account": {"ssi": {"total": 75}, "tier": "free"}},
     "; the 150 a week an SSI of 70+ allows is withheld: the tier is free, not a paid one; the account's age is not stated"
     " (`account.age_days`), so it counts as new"),
    ("trusted_withheld", {"account": {"ssi": {"total": 75}, "tier": "premium", "age_days": 120}},
     "; the 150 a week an SSI of 70+ allows is withheld: it has 120 days of activity, fewer than 365"),
    ("trusted_withheld", {"account": {"ssi": {"total": 75}, "tier": "premium", "age_days": 2400, "active_days_per_week": 0}},
     "; the 150 a week an SSI of 70+ allows is withheld: the account is stated used 0 days a week (`account.active_days_per_week: 0`), so it is dormant and has no days of activity"),
    ("trusted_withheld", {"account": {"ssi": {"brand": 25, "people": 25, "insights": 15}, "tier": "premium", "age_days": 900, "connections": 20000},
                          "outreach": {"acceptance_rate": 0.6}},
     "; the 150 a week an SSI of 70+ allows is withheld: only what the plan declares counts, 65 here"),
    ("trusted_withheld", {"account": {"ssi": {"total": 78}, "tier": "premium", "age_days": 900},
                          "profile": {"photo": False, "banner": False, "headline": "", "about": "", "experience": 0, "skills": []},
                          "content": {"per_week": {"posts": 0, "reposts": 0, "comments": 0, "reactions": 0}, "groups": 0,
                                      "per_month": {"articles": 0, "polls": 0}}},
     "; the 150 a week an SSI of 70+ allows is withheld: of the declared total, only what the plan states of the profile and activity"
     " supports counts, 50 here"),
    # stated_active_days: the outreach's stated days, else the account's; none for 0 or nothing stated
    ("stated_active_days", {"outreach": {"active_days_per_week": 3}, "account": {"active_days_per_week": 6}}, 3),
    ("stated_active_days", {"account": {"active_days_per_week": 4}}, 4),
    ("stated_active_days", {"account": {"active_days_per_week": 0}}, None),
    ("stated_active_days", {}, None),
    # assumed_days_week: per_day's week on days the plan does not state, and on all 7, with the more severe OUT003 level 7 days cross
    ("assumed_days_week", {"outreach": {"invitations": {"per_day": 19}}},
     {"days": 5, "week": 95, "every_day": 133, "said": "within 100", "level": "error", "threshold": 100}),  # the SSI unknown: 100 is the error
    ("assumed_days_week", {"account": {"tier": "premium", "age_days": 900, "ssi": {"total": 62}}, "outreach": {"invitations": {"per_day": 30}}},
     {"days": 5, "week": 150, "every_day": 210, "said": "above 100, OUT003's warning level", "level": "error", "threshold": 200}),
    ("assumed_days_week", {"account": {"tier": "premium", "age_days": 900, "ssi": {"total": 75}}, "outreach": {"invitations": {"per_day": 25}}},
     {"days": 5, "week": 125, "every_day": 175, "said": "above 100, allowed as a trusted account", "level": "warning", "threshold": 150}),
    ("assumed_days_week", {"account": {"tier": "premium", "age_days": 900, "ssi": {"total": 62}}, "outreach": {"invitations": {"per_day": 25}}},
     {"days": 5, "week": 125, "every_day": 175, "said": "above 100, OUT003's warning level"}),  # a warning on 5 days or 7: the days decide nothing
    ("assumed_days_week", {"outreach": {"active_days_per_week": 6, "invitations": {"per_day": 19}}}, None),
    ("assumed_days_week", {"outreach": {"invitations": {"per_day": 19, "per_week": 90}}}, None),
    ("assumed_days_week", {}, None),
    # searches_field: the field stating the searches
    ("searches_field", {"prospecting": {"searches": [], "searches_per_week": 3}}, "prospecting.searches"),
    ("searches_field", {"prospecting": {"searches_per_week": 0}}, "prospecting.searches_per_week"),
    ("searches_field", {"prospecting": {"experts_list": 3}}, None),
    # search_passes: passes with something to search by (`{keywords: []}` is none)
    ("search_passes", {}, None),
    ("search_passes", {"prospecting": {"searches": [{"keywords": []}, {"keywords": [" "]}, {}, None]}}, 0),
    ("search_passes", {"prospecting": {"searches": [{"keywords": ["hr"]}, {"keywords": ["hr director", "cpo"]}]}}, 2),
    # skills_listed: different skills, compared without case and spacing
    ("skills_listed", {}, None),
    ("skills_listed", {"profile": {"skills": [" ", ""]}}, 0),
    # search_keywords_added: compared as words, in any script
    ("search_keywords_added", {"prospecting": {"searches": [{"keywords": ["hr"]}]}}, None),
    ("search_keywords_added", {"prospecting": {"searches": [{"keywords": [" "]}, {"keywords": ["hr"]}]}}, None),
    ("search_keywords_added", {"prospecting": {"searches": [{"keywords": ["Маркетинг", "SaaS"]}, {"keywords": ["маркетинг "]}, {}]}}, 0),
    ("search_keywords_added", {"prospecting": {"searches": [{"keywords": ["HR"]}, {"keywords": ["hr", "HR director", "cpo"]}]}}, 2),
    ("skills_listed", {"profile": {"skills": ["Python", "python", " PYTHON ", "", "Sales"]}}, 2),
    # invitation_weeks: weeks 1-12 as the projection reads them, in runs of weeks alike, each with the field its volume comes from
    ("invitation_weeks", {}, None),
    ("invitation_weeks", {"outreach": {"schedule": [{"week": 1, "invitations": 35}, {"week": 2, "invitations": 98}],
                                       "invitations": {"per_day": 9}, "active_days_per_week": 7}},
     [{"week": 1, "per_day": 5, "days": 7, "path": "outreach.schedule[0].invitations", "invitations": 35, "peak": 5, "peak_path": "outreach.schedule[0].invitations", "how": ", 35 invitations a week over 7 days"}, {"week": 2, "per_day": 14, "days": 7, "path": "outreach.schedule[1].invitations", "invitations": 98, "peak": 14, "peak_path": "outreach.schedule[1].invitations", "how": ", 98 invitations a week over 7 days"},
      {"week": 3, "per_day": 9, "days": 7, "path": "outreach.invitations.per_day", "invitations": 63, "peak": 9, "peak_path": "outreach.invitations.per_day", "how": ", 63 invitations a week over 7 days"}]),  # weeks 3-12 alike: one run
    # a stated per_day caps the day while the days are assumed: 56 at 8 a day goes out on 7 days, not 11 a day over 5
    ("invitation_weeks", {"outreach": {"invitations": {"per_day": 8, "per_week": 56}, "schedule": [{"week": 1, "invitations": 40}, {"week": 2, "invitations": 56}]}},
     [{"week": 1, "per_day": 8, "days": 5, "path": "outreach.schedule[0].invitations", "invitations": 40, "peak": 8, "peak_path": "outreach.schedule[0].invitations", "how": ", 40 invitations a week over 5 days"}, {"week": 2, "per_day": 8, "days": 7, "path": "outreach.schedule[1].invitations", "invitations": 56, "peak": 8, "peak_path": "outreach.schedule[1].invitations", "how": ", 56 invitations a week over 7 days"},
      {"week": 3, "per_day": 8, "days": 7, "path": "outreach.invitations.per_week", "invitations": 56, "peak": 8, "peak_path": "outreach.invitations.per_week", "how": ", 56 invitations a week over 7 days"}]),
    # 41 at 8 a day needs 6 days; stated active days hold whatever per_day says; a week 7 days cannot hold keeps the assumed 5
    ("invitation_weeks", {"outreach": {"invitations": {"per_day": 8}, "schedule": [{"week": 1, "invitations": 41}, {"week": 2, "invitations": 60}]}},
     [{"week": 1, "per_day": 6.8333, "days": 6, "path": "outreach.schedule[0].invitations", "invitations": 41, "peak": 6.8333, "peak_path": "outreach.schedule[0].invitations", "how": ", 41 invitations a week over 6 days"}, {"week": 2, "per_day": 12, "days": 5, "path": "outreach.schedule[1].invitations", "invitations": 60, "peak": 12, "peak_path": "outreach.schedule[1].invitations", "how": ", 60 invitations a week over 5 days"},
      {"week": 3, "per_day": 8, "days": 5, "path": "outreach.invitations.per_day", "invitations": 40, "peak": 8, "peak_path": "outreach.invitations.per_day", "how": ", 40 invitations a week over 5 days"}]),
    ("invitation_weeks", {"outreach": {"invitations": {"per_day": 8}, "active_days_per_week": 5, "schedule": [{"week": 1, "invitations": 56}]}},
     [{"week": 1, "per_day": 11.2, "days": 5, "path": "outreach.schedule[0].invitations", "invitations": 56, "peak": 11.2, "peak_path": "outreach.schedule[0].invitations", "how": ", 56 invitations a week over 5 days"}, {"week": 2, "per_day": 8, "days": 5, "path": "outreach.invitations.per_day", "invitations": 40, "peak": 8, "peak_path": "outreach.invitations.per_day", "how": ", 40 invitations a week over 5 days"}]),
    ("invitation_weeks", {"account": {"active_days_per_week": 5}, "outreach": {"invitations": {"per_day": 8}, "schedule": [{"week": 1, "invitations": 56}]}},
     [{"week": 1, "per_day": 11.2, "days": 5, "path": "outreach.schedule[0].invitations", "invitations": 56, "peak": 11.2, "peak_path": "outreach.schedule[0].invitations", "how": ", 56 invitations a week over 5 days"}, {"week": 2, "per_day": 8, "days": 5, "path": "outreach.invitations.per_day", "invitations": 40, "peak": 8, "peak_path": "outreach.invitations.per_day", "how": ", 40 invitations a week over 5 days"}]),
    # 0 active days on the account are no stated outreach days: the assumed 5 yields to per_day as when nothing is said
    ("invitation_weeks", {"account": {"active_days_per_week": 0}, "outreach": {"invitations": {"per_day": 8}, "schedule": [{"week": 1, "invitations": 56}]}},
     [{"week": 1, "per_day": 8, "days": 7, "path": "outreach.schedule[0].invitations", "invitations": 56, "peak": 8, "peak_path": "outreach.schedule[0].invitations", "how": ", 56 invitations a week over 7 days"}, {"week": 2, "per_day": 8, "days": 5, "path": "outreach.invitations.per_day", "invitations": 40, "peak": 8, "peak_path": "outreach.invitations.per_day", "how": ", 40 invitations a week over 5 days"}]),
    ("invitation_weeks", {"outreach": {"invitations": {"per_day": 11, "per_week": 11}}},
     [{"week": 1, "per_day": 2.2, "days": 5, "path": "outreach.invitations.per_week", "invitations": 11, "peak": 11, "peak_path": "outreach.invitations.per_day",
       "how": ", the most a day per_day allows, in a week of 11 invitations"}]),
    # a week of 125 over 5 days is the 25 a day per_day states: per_week's field sets that day (as busiest_invitation_day names it)
    ("invitation_weeks", {"outreach": {"invitations": {"per_day": 25, "per_week": 125}}},
     [{"week": 1, "per_day": 25, "days": 5, "path": "outreach.invitations.per_week", "invitations": 125, "peak": 25, "peak_path": "outreach.invitations.per_week",
       "how": ", 125 invitations a week over 5 days"}]),
    # weeks a schedule does not list, with no steady volume, keep the nearest listed week's volume: the week says it is assumed
    ("invitation_weeks", {"outreach": {"schedule": [{"week": 3, "invitations": 50}]}},
     [{"week": 1, "per_day": 10, "days": 5, "path": "outreach.schedule[0].invitations", "invitations": 50, "peak": 10, "peak_path": "outreach.schedule[0].invitations",
       "how": ", 50 invitations a week over 5 days; assumed: the schedule does not list week 1, so it keeps week 3's volume"}]),
    ("starting_invitations_per_day", {"outreach": {"invitations": {"per_day": 8}, "schedule": [{"week": 1, "invitations": 56}]}}, 8),
    # busiest_invitation_day: the stated per_day or a week over the days it goes out, whichever is larger (a week that reaches
    # per_day is that day, and its field is named, as invitation_weeks names it; a week per_day makes is per_day's)
    ("busiest_invitation_day", {}, None),
    ("busiest_invitation_day", {"outreach": {"invitations": {"per_day": 20, "per_week": 100}}},
     {"per_day": 20, "path": "outreach.invitations.per_week", "how": " (100 invitations a week over 5 days, assumed: set outreach.active_days_per_week)"}),
    ("busiest_invitation_day", {"outreach": {"invitations": {"per_day": 20, "per_week": 60}}},
     {"per_day": 20, "path": "outreach.invitations.per_day", "how": ""}),
    ("busiest_invitation_day", {"outreach": {"invitations": {"per_day": 20}}},
     {"per_day": 20, "path": "outreach.invitations.per_day", "how": ""}),
    ("busiest_invitation_day", {"outreach": {"active_days_per_week": 1, "invitations": {"per_week": 100}}},
     {"per_day": 100, "path": "outreach.invitations.per_week", "how": " (100 invitations a week over 1 day)"}),
    ("busiest_invitation_day", {"outreach": {"invitations": {"per_week": 140}}},
     {"per_day": 28, "path": "outreach.invitations.per_week", "how": " (140 invitations a week over 5 days, assumed: set outreach.active_days_per_week)"}),
    ("busiest_invitation_day", {"outreach": {"active_days_per_week": 2, "invitations": {"per_day": 15}, "schedule": [{"week": 3, "invitations": 100}]}},
     {"per_day": 50, "path": "outreach.schedule[0].invitations", "how": " (week 3: 100 invitations a week over 2 days)"}),
    ("busiest_invitation_day", {"account": {"active_days_per_week": 5}, "outreach": {"schedule": [{"week": 6, "invitations": 150}]}},
     {"per_day": 30, "path": "outreach.schedule[0].invitations",
      "how": " (week 1: 150 invitations a week over 5 days, the days the account is active: set outreach.active_days_per_week;"
             " assumed: the schedule does not list week 1, so it keeps week 6's volume)"}),
    # a schedule week past the 12 weeks projected still counts
    ("busiest_invitation_day", {"outreach": {"active_days_per_week": 5, "invitations": {"per_week": 50}, "schedule": [{"week": 20, "invitations": 250}]}},
     {"per_day": 50, "path": "outreach.schedule[0].invitations", "how": " (week 20: 250 invitations a week over 5 days)"}),
    # invitation_weeks' peak: outside a schedule week, a stated per_day above the week's average is a day that may be sent,
    # and the week is not said to spread over 5 days (a week of 40 over 5 days has no day of 18)
    ("invitation_weeks", {"outreach": {"invitations": {"per_day": 18, "per_week": 40}}},
     [{"week": 1, "per_day": 8, "days": 5, "path": "outreach.invitations.per_week", "invitations": 40, "peak": 18, "peak_path": "outreach.invitations.per_day", "how": ", the most a day per_day allows, in a week of 40 invitations"}]),
    # account_age: the stated age; a dormant account (used 0 days a week) and an unstated age count as new; an export's resumption is named
    ("account_age", {"account": {"age_days": 400}}, {"days": 400, "basis": "stated", "said": "The account is 400 days old"}),
    ("account_age", {"account": {"age_days": 1}}, {"days": 1, "basis": "stated", "said": "The account is 1 day old"}),
    # an export's age is its days since the oldest dated row: a lower bound, said so (a plan against it keeps its own words)
    ("account_age", {"account": {"age_days": 7}, "export": {"as_of": "2026-02-09"}},
     {"days": 7, "basis": "stated", "said": "Only 7 days of activity (a lower bound of the account's age)"}),
    ("account_age", {"account": {"age_days": 7}, "observed": {"account": {"age_days": 90}, "export": {}}},
     {"days": 7, "basis": "stated", "said": "The account is 7 days old"}),
    ("account_age", {"account": {"age_days": 2400, "active_days_per_week": 0}},
     {"days": 0, "basis": "idle", "said": "The account is stated used 0 days a week (`account.active_days_per_week: 0`), so it counts as dormant, with no recent activity"}),
    ("account_age", {"account": {"age_days": 6}, "export": {"resumed_on": "2026-02-04", "idle_days_before": 1769}},
     {"days": 6, "basis": "resumed", "said": "The account was dormant, with no activity for 1,769 days, until it resumed on 2026-02-04, 6 days before the last day the export shows"}),
    ("account_age", {"account": {"age_days": 400}, "observed": {"export": {"resumed_on": "2026-02-04", "idle_days_before": 99}}},
     {"days": 400, "basis": "stated", "said": "The account is 400 days old"}),  # an export that does not give its days since
    # a plan held against an export that shows a dormancy: its longer stated age is not activity; a shorter one stands
    ("account_age", {"account": {"age_days": 400}, "observed": {"account": {"age_days": 6}, "export": {"resumed_on": "2026-02-04", "idle_days_before": 99}}},
     {"days": 6, "basis": "resumed", "said": "The export shows the account dormant, with no activity for 99 days, until it resumed on 2026-02-04, "
      "6 days before the last day the export shows, whatever the plan's `account.age_days: 400` (its age, not its activity)"}),
    ("account_age", {"account": {"age_days": 3}, "observed": {"account": {"age_days": 6}, "export": {"resumed_on": "2026-02-04", "idle_days_before": 99}}},
     {"days": 3, "basis": "stated", "said": "The account is 3 days old"}),
    # network_size: the export's count when a plan is held against one, else the plan's
    ("network_size", {}, None),
    ("network_size", {"account": {"connections": 29500}}, {"count": 29500, "source": "stated", "said": ""}),
    ("network_size", {"account": {"connections": 29500}, "observed": {"account": {"connections": 30056}}},
     {"count": 30056, "source": "observed", "said": " (as the export shows; the plan states 29,500)"}),
    ("network_size", {"observed": {"account": {"connections": 30056}}},
     {"count": 30056, "source": "observed", "said": " (as the export shows; the plan does not state it)"}),
    ("network_size", {"account": {"connections": 30056}, "export": {}}, {"count": 30056, "source": "observed", "said": ""}),
    ("account_age", {"account": {"age_days": -3}}, {"days": 0, "basis": "unstated", "said": "The plan does not give `account.age_days`, so the account counts as new"}),
    # weekly_invitation_figures: per_week, then every schedule entry with a volume, each with its field
    ("weekly_invitation_figures", {}, None),
    ("weekly_invitation_figures", {"outreach": {"invitations": {"per_week": 56}, "schedule": [{"week": 2, "invitations": 60}, {"week": 3}]}},
     [{"name": "per_week", "invitations": 56, "path": "outreach.invitations.per_week"},
      {"name": "schedule week 2", "invitations": 60, "path": "outreach.schedule[0].invitations"}]),
    # starting_invitations_per_day: a week given twice counts its larger volume, as in the projection
    ("starting_invitations_per_day", {"outreach": {"schedule": [{"week": 1.0, "invitations": 30}, {"week": 1, "invitations": 200}]}}, 40),
    # schedule_repeat: the first schedule entry for a week already given
    ("schedule_repeat", {}, None),
    ("schedule_repeat", {"outreach": {"schedule": [{"week": 1, "invitations": 30}, {"week": 2, "invitations": 50}]}}, None),
    ("schedule_repeat", {"outreach": {"schedule": [{"invitations": 30}, {"week": 1, "invitations": 50}]}},
     {"week": 1, "path": "outreach.schedule[1]", "first": 30, "again": 50}),
    ("schedule_repeat", {"outreach": {"schedule": [{"week": 2}, {"week": 2, "invitations": 5}]}}, None),
    # schedule_ramp: a ramp-up never falls and ends above where it starts, by week number
    ("schedule_ramp", {}, None),
    ("schedule_ramp", {"outreach": {"schedule": [{"week": 1}]}}, None),
    ("schedule_ramp", {"outreach": {"schedule": [{"week": 2, "invitations": 50}, {"week": 1, "invitations": 30}]}},
     {"weeks": 2, "rises": True, "volumes": "30 in week 1, 50 in week 2"}),
    ("schedule_ramp", {"outreach": {"schedule": [{"week": 1, "invitations": 30}, {"week": 2, "invitations": 30}]}},
     {"weeks": 2, "rises": False, "volumes": "30 in week 1, 30 in week 2"}),
    ("schedule_ramp", {"outreach": {"schedule": [{"invitations": 30}, {"invitations": 60}, {"invitations": 40}]}},
     {"weeks": 3, "rises": False, "volumes": "30 in week 1, 60 in week 2, 40 in week 3"}),
    ("schedule_ramp", {"outreach": {"schedule": [{"week": 1, "invitations": 30}]}}, {"weeks": 1, "rises": False, "volumes": "30 in week 1"}),
    # ssi_judged: the total volume rules judge by; unknown is judged as low
    ("ssi_judged", {}, {"total": None, "at_least": None, "at_most": 100, "counted": None, "low": True, "trust_total": None,
                        "text": "the SSI unknown (judged as below 50; declare account.ssi or describe the profile)"}),
    ("ssi_judged", {"account": {"ssi": {"total": 62}}}, {"total": 62, "at_least": 62, "at_most": 62, "counted": 62, "low": False, "trust_total": 62, "text": "an SSI of 62 (declared)"}),
    ("ssi_judged", {"account": {"ssi": {"total": 49.5}}}, {"total": 49.5, "at_least": 49.5, "at_most": 49.5, "counted": 49.5, "low": True, "trust_total": 49.5, "text": "an SSI of 49.5 (declared)"}),
    # a total above the sum of the declared pillars gives way to it; without a total, known pillars are its lower bound,
    # and the declared ones are what may raise a limit
    ("ssi_judged", {"account": {"ssi": {"total": 61, "brand": 8, "people": 9, "insights": 7, "relationships": 10}}},
     {"total": 34.0, "at_least": 34.0, "at_most": 34.0, "counted": 34.0, "low": True, "trust_total": 34.0,
      "text": "an SSI of 61 (declared, though its declared pillars allow at most 34, which is used)"}),
    ("ssi_judged", {"account": {"ssi": {"brand": 22, "people": 20, "insights": 21}}},
     {"total": None, "at_least": 63, "at_most": 88, "counted": None, "low": False, "trust_total": 63,
      "text": "an SSI of at least 63 (brand 22, people 20 and insights 21 declared; relationships unknown, at most 25)"}),
    ("ssi_judged", {"account": {"ssi": {"brand": 22, "people": 20}}},
     {"total": None, "at_least": None, "at_most": 92, "counted": None, "low": True, "trust_total": 42,
      "text": "the SSI unknown (judged as below 50; account.ssi gives the brand and people pillars and the plan describes too little "
              "of insights and relationships to estimate them: declare account.ssi.total or every pillar)"}),
    # ... and their upper bound, with 25 for each unknown pillar: below 50 (or 55) the verdict is known, not unknown
    ("ssi_judged", {"account": {"ssi": {"brand": 6, "people": 5, "insights": 4}}},
     {"total": None, "at_least": None, "at_most": 40, "counted": None, "low": True, "trust_total": 15,
      "text": "an SSI of at most 40 (brand 6, people 5 and insights 4 declared; relationships unknown, at most 25)"}),
    ("ssi_judged", {"account": {"ssi": {"brand": 10, "people": 9, "insights": 8}}},
     {"total": None, "at_least": None, "at_most": 52, "counted": None, "low": True, "trust_total": 27,
      "text": "an SSI of at most 52 (brand 10, people 9 and insights 8 declared; relationships unknown, at most 25; "
              "judged as below 50, which it may be)"}),
    ("ssi_judged", {"account": {"ssi": {"brand": 2, "people": 1.5}}},
     {"total": None, "at_least": None, "at_most": 53.5, "counted": None, "low": True, "trust_total": 3.5,
      "text": "an SSI of at most 53.5 (brand 2 and people 1.5 declared; insights and relationships unknown, at most 25 each; "
              "judged as below 50, which it may be)"}),
    # ssi_ceiling: declared total against the pillars the plan describes
    ("ssi_ceiling", {}, None),
    ("ssi_ceiling", {"account": {"ssi": {"total": 72}}}, None),
    ("ssi_ceiling", {"account": {"ssi": {"total": 72}}, **EMPTY_BRAND},
     {"max": 75.0, "stated_max": 75.0, "text": "brand 0 estimated from the plan; people, insights, relationships counted at the full 25"}),
    ("ssi_ceiling", {"account": {"ssi": {"total": 72, "brand": 3}}, **EMPTY_BRAND},
     {"max": 78.0, "stated_max": 78.0, "text": "brand 3 declared; people, insights, relationships counted at the full 25"}),
    ("ssi_ceiling", {"account": {"ssi": {"total": 61, "brand": 8, "people": 9, "insights": 7.5, "relationships": 10}}},
     {"max": 34.5, "stated_max": 34.5, "text": "brand 8, people 9, insights 7.5 and relationships 10 declared"}),
    # ssi: the declared score
    ("ssi", {}, None),
    ("ssi", {"account": {"tier": "free"}}, None),
    ("ssi", {"account": {"ssi": {}}}, None),
    ("ssi", {"account": {"ssi": {"total": 31}}}, known({"total": 31}, "declared", {"total": "declared"})),
    (
        "ssi",
        {"account": {"ssi": {"brand": 14, "people": 12, "insights": 9, "relationships": 13}}},
        known({"brand": 14, "people": 12, "insights": 9, "relationships": 13, "total": 48}, "declared", declared_sources(True)),
    ),
    (
        "ssi",
        {"account": {"ssi": {"brand": 14.5, "people": 12, "insights": 9, "relationships": 13}}},
        known({"brand": 14.5, "people": 12, "insights": 9, "relationships": 13, "total": 48.5}, "declared", declared_sources(True)),
    ),
    (
        "ssi",
        {"account": {"ssi": {"brand": 14, "people": 12}}},
        known({"brand": 14, "people": 12}, "declared", {"brand": "declared", "people": "declared"}),
    ),
    (
        "ssi",
        {"account": {"ssi": {"brand": 17, "people": 15, "insights": 14, "relationships": 16, "total": 60}}},
        known({"brand": 17, "people": 15, "insights": 14, "relationships": 16, "total": 60}, "declared", declared_sources(True)),
    ),
    ("ssi", {"account": {"ssi": {"total": "high"}}}, None),
    # ssi: undeclared pillars come from the estimate when the plan describes them
    ("ssi", {"profile": {"photo": True}}, None),
    ("ssi", FULL_BRAND, known({"brand": 25.0}, "estimated", {"brand": "estimated"})),
    ("ssi", EMPTY_BRAND, known({"brand": 0.0}, "estimated", {"brand": "estimated"})),
    # ... and an estimated pillar with inputs the plan does not state is a floor: its most counts them at their best
    (
        "ssi",
        {"profile": {"photo": True, "banner": False, "headline": "Founder", "about": "x", "experience": 3, "skills": []}},
        known({"brand": 9.0}, "estimated", {"brand": "estimated"}, at_most={"brand": 21.0},
              unstated={"brand": ["profile.recommendations", "content.per_month.articles", "profile.endorsements", "profile.featured",
                                  "profile.certifications", "profile.volunteering"]},
              texts={"brand": "at most 21 of 25 (estimated: 9 from what the plan states, and up to 12 more from profile.recommendations, "
                              "content.per_month.articles, profile.endorsements, profile.featured, profile.certifications and "
                              "profile.volunteering, which it does not state)"}),
    ),
    (
        "ssi",
        {**FULL_BRAND, "account": {"ssi": {"total": 31}}},
        known({"total": 31, "brand": 25.0}, "declared", {"total": "declared", "brand": "estimated"}),
    ),
    (
        "ssi",
        {**FULL_BRAND, "account": {"ssi": {"brand": 9}}},
        known({"brand": 9}, "declared", {"brand": "declared"}),
    ),
    # ssi_estimate: always the estimate, once the plan states any input of the model
    ("ssi_estimate", {}, None),
    ("ssi_estimate", {"account": {"ssi": {"total": 31}}}, None),
    ("ssi_estimate", {"outreach": {"invitations": {"per_week": 150}}}, None),
    # ... what the stated inputs earn (the least), and the most, the inputs the plan does not state at their best
    ("ssi_estimate", FULL_BRAND, FULL_BRAND_ESTIMATE),
    ("ssi_estimate", {**FULL_BRAND, "account": {"ssi": {"total": 31}}}, FULL_BRAND_ESTIMATE),
    # ssi_open: the verdicts the unstated inputs leave open, and what to state
    ("ssi_open", {}, None),
    ("ssi_open", {"account": {"ssi": {"total": 62}}}, None),
    ("ssi_open", {"account": {"ssi": {"brand": 6, "people": 5, "insights": 4}}}, None),  # at most 40 whatever it is: SSI001 says so
    ("ssi_open", FULL_BRAND,  # brand 25 and three pillars of nothing stated: 25 to 100
     {"questions": "whether the SSI reaches the floor of 50 (25 to 100)", "inputs": [],
      "needs": "describe people, insights and relationships (the plan states nothing of them); or declare account.ssi"}),
    ("ssi_open", {"account": {"ssi": {"brand": 10}}},
     {"questions": "whether the SSI reaches the floor of 50 (10 to 85)", "inputs": [],
      "needs": "declare the people, insights and relationships pillars in account.ssi, or its total"}),
    ("ssi_open", {"account": {"ssi": {"total": 62}, "connections": 640}, "outreach": {"acceptance_rate": 0.3, "messages": {"per_day": 10}}},
     {"questions": "whether the relationships pillar (5.8 to 14.8) reaches 12.5",
      "inputs": [{"paths": ["outreach.pending.received"], "points": 2}, {"paths": ["outreach.messages.unread"], "points": 2},
                 {"paths": ["outreach.follow_instead_of_connect"], "points": 2}, {"paths": ["outreach.pending.sent"], "points": 2},
                 {"paths": ["outreach.pending.withdraw_after_days"], "points": 1}],
      "needs": "state outreach.pending.received (up to 2 points), outreach.messages.unread (2), outreach.follow_instead_of_connect (2), "
               "outreach.pending.sent (2) and outreach.pending.withdraw_after_days (1), which the lower figure counts as 0; "
               "or declare the relationships pillar in account.ssi"}),
    # daily_invitation_limit: OUT001's per_day, its trusted_per_day for an account OUT003 trusts
    ("daily_invitation_limit", {}, 20),
    ("daily_invitation_limit", {"account": {"tier": "premium", "age_days": 900, "ssi": {"total": 72}}}, 25),
    ("daily_invitation_limit", {"account": {"tier": "free", "age_days": 900, "ssi": {"total": 72}}}, 20),
    # ssi_advice: present whenever the ssi fact is
    ("ssi_advice", {}, None),
    ("ssi_advice", {"outreach": {"invitations": {"per_week": 150}}}, None),
]


@pytest.mark.parametrize(("name", "plan", "expected"), CASES, ids=[f"{case[0]}-{i}" for i, case in enumerate(CASES)])
def test_fact(name: str, plan: dict[str, Any], expected: Any) -> None:
    assert FACTS[name].compute(plan) == expected


def test_checked_currencies_are_the_configured_tables() -> None:
    tables = {"ADS001": {"min_daily_budget": {"USD": 10, "GBP": 8, "EUR": 10}}, "ADS002": {"min_cpc": {"USD": 2, "EUR": 2}}}
    assert FACTS["checked_currencies"].compute({"ads": {}}, tables) == {"budgets": ["USD", "GBP", "EUR"], "bids": ["USD", "EUR"]}
    assert FACTS["checked_currencies"].params_from == ("ADS001", "ADS002")


@pytest.mark.parametrize(
    ("params", "days"),
    [
        ({"HYG004": {"withdraw_after_days": 21}, "PLN006": {"min_days": 14}, "PLN005": {"max_days": 30}}, 21),
        ({"HYG004": {"withdraw_after_days": 21}, "PLN006": {"min_days": 25}, "PLN005": {"max_days": 30}}, 25),
        ({"HYG004": {"withdraw_after_days": 21}, "PLN006": {"min_days": 14}, "PLN005": {"max_days": 20}}, 20),
        ({"HYG004": {"withdraw_after_days": 21}}, 21),
        ({"PLN005": {"max_days": 20}}, None),
    ],
)
def test_the_withdraw_horizon_is_hyg004s_within_pln006_and_pln005(params: dict[str, Any], days: int | None) -> None:
    assert FACTS["withdraw_horizon"].compute({}, params) == days


def test_category_listed_reads_the_configured_lists() -> None:
    plan = {"ads": {"campaigns": [{"offer": {"category": "a b c d e f"}}]}}
    fact = FACTS["category_listed"]
    assert fact.params_from == WORD_LIST_RULES
    assert fact.compute(plan, {"ADS014": {"words": ["a b c d e f", "c", "d e", "e d", ""], "unless": [5, "b c d"]}}) == {
        "a b c d e f": ["a b c d e f", "b c d", "c", "d e"],
    }, "every listed text the category holds, in the order they start; a text of no words names nothing"


def test_a_long_category_costs_a_step_per_word() -> None:
    category = " ".join(["get out the"] * 30_000 + ["casino"])
    listed = FACTS["category_listed"].compute({"ads": {"campaigns": [{"offer": {"category": category}}]}})
    assert listed == {category: ["casino"]}


_WORDS = st.sampled_from(["casino", "online", "poker", "room", "and", "spa", "a", "b"])


@given(category=st.lists(st.one_of(_WORDS, st.sampled_from([" ", "-", ", ", "_", "/"])), max_size=12).map("".join),
       listed=st.lists(st.lists(_WORDS, min_size=1, max_size=4).map(" ".join), max_size=8))
def test_a_listed_phrase_is_held_exactly_when_it_is_in_the_category_as_whole_words(category: str, listed: list[str]) -> None:
    plan = {"ads": {"campaigns": [{"offer": {"category": category}}]}}
    phrases = FACTS["category_listed"].compute(plan, {"ADS014": {"words": listed}})
    text = FACTS["category_words"].compute(plan)
    for phrase in listed:
        assert (phrase in phrases[category]) == (f" {phrase} " in text[category]), phrase
    assert set(phrases[category]) <= set(listed)


def test_the_word_list_rules_are_those_that_read_category_listed() -> None:
    rules = {rule.id: rule for pack in read_packs(sorted(builtin_rules_dir().glob("*.yaml"))) for rule in pack.rules}
    readers = {rule_id for rule_id, rule in rules.items() if "facts.category_listed" in (rule.when or "")}
    assert {rule.params_from or rule_id for rule_id, rule in rules.items() if rule_id in readers} == set(WORD_LIST_RULES)


TRUSTED = {"account": {"tier": "premium", "age_days": 900, "ssi": {"total": 72}}}


@pytest.mark.parametrize(("plan", "params", "limit"), [
    (TRUSTED, {"OUT001": {"trusted_per_day": 30, "levels": {"warning": 20, "error": 40}}}, 30),
    ({}, {"OUT001": {"trusted_per_day": 30, "levels": {"warning": 18, "error": 40}}}, 18),
    (TRUSTED, {"OUT001": {"trusted_per_day": 25, "levels": {"warning": 28, "error": 40}}}, 28),  # never below the level of every account
])
def test_the_daily_invitation_limit_is_out001s_configured_level(plan: dict[str, Any], params: dict[str, Any], limit: float) -> None:
    assert FACTS["daily_invitation_limit"].compute(plan, params) == limit


def test_every_fact_has_cases() -> None:
    assert {case[0] for case in CASES} == set(FACTS)


def test_fact_names_are_unique_and_described() -> None:
    assert len(FACTS) == len(BUILTIN_FACTS)
    for fact in BUILTIN_FACTS:
        assert fact.name.isidentifier()
        assert fact.description and not fact.description.endswith(":")


@pytest.mark.parametrize("fact", BUILTIN_FACTS, ids=lambda fact: fact.name)
@pytest.mark.parametrize("plan", [{}, {"outreach": None}, {"outreach": {"invitations": []}}, {"content": {"per_week": "x"}}, {"account": [1]}])
def test_facts_never_fail_on_odd_plans(fact: Fact, plan: dict[str, Any]) -> None:
    assert fact.compute(plan) == FACTS[fact.name].compute({}) == ALWAYS_KNOWN.get(fact.name)


ALWAYS_KNOWN = {
    "active_days_per_week": 5, "active_days_stated": False,
    "acceptance_basis": "26% accepted, assumed: the plan states no acceptance_rate", "assumed_acceptance_rate": 0.26, "sends_no_invitations": False, "ssi_judged": FACTS["ssi_judged"].compute({}),
    "account_age": FACTS["account_age"].compute({}),
    "acceptance_rate_observed": False,
    "invitation_burst": FACTS["invitation_burst"].compute({}),
    "trusted_account": False,  # unknown SSI, tier and age: never trusted
    "trusted_withheld": "",
    "daily_invitation_limit": 20,  # not trusted: OUT001's warning level
    "weekly_levels": {"info": 100, "warning": 100, "error": 100},  # the SSI unknown: over 100 is an error  # an unknown SSI would not earn the trusted limit: nothing is withheld that it would earn
}
"""Facts with a value on any plan: the stated assumption when the plan says nothing."""


def test_a_declared_total_the_described_pillars_doubt_raises_no_limit(healthy_undeclared: dict[str, Any]) -> None:
    plan = {**healthy_undeclared, "account": {**healthy_undeclared["account"], "ssi": {"total": 95}}}
    judged = FACTS["ssi_judged"].compute(plan)
    assert judged["total"] == 95 and not judged["low"], "the model never lowers LinkedIn's own number"
    assert judged["trust_total"] == estimate(plan).total < 80
    assert "pillars allow at most" in judged["text"]
    pillars = {"total": 95, "brand": 25, "people": 25, "insights": 25, "relationships": 20}
    plan = {**plan, "account": {**plan["account"], "ssi": pillars}}  # a new plan: loaded plans never change
    assert FACTS["ssi_judged"].compute(plan)["trust_total"] == 95, "declared pillars are trusted"


def test_ssi_is_estimated_when_nothing_is_declared(healthy_undeclared: dict[str, Any]) -> None:
    expected = estimate(healthy_undeclared).as_dict()
    value = FACTS["ssi"].compute(healthy_undeclared)
    assert estimate(healthy_undeclared).exact, "the healthy example states every input of the model"
    assert value == known(expected, "estimated", {key: "estimated" for key in expected})
    assert FACTS["ssi_estimate"].compute(healthy_undeclared) == {
        **expected, "source": "estimated", "complete": True, "at_most": expected, "exact": True, "unstated_inputs": {},
        "text": f"about {expected['total']:g}",
    }


def test_declared_pillars_and_estimated_ones_make_a_partly_estimated_total(healthy_undeclared: dict[str, Any]) -> None:
    estimated = estimate(healthy_undeclared).as_dict()
    plan = {**healthy_undeclared, "account": {**healthy_undeclared["account"], "ssi": {"brand": 5, "people": 6}}}
    value = FACTS["ssi"].compute(plan)
    total = round(5 + 6 + estimated["insights"] + estimated["relationships"], 1)
    assert (value["total"], value["source"], value["sources"]["total"]) == (total, "partly estimated", "partly estimated")
    judged = FACTS["ssi_judged"].compute(plan)
    assert (judged["total"], judged["low"], judged["text"]) == (total, total < 50, f"an SSI of {total:g} (partly estimated)")
    assert judged["trust_total"] == 11, "only the declared pillars may raise a limit"


def test_a_partly_estimated_total_keeps_the_pillars_precision(healthy_undeclared: dict[str, Any]) -> None:
    estimated = estimate(healthy_undeclared).as_dict()
    plan = {**healthy_undeclared, "account": {**healthy_undeclared["account"], "ssi": {"brand": 12.78, "people": 12.79}}}
    total = FACTS["ssi"].compute(plan)["total"]
    assert total == round(12.78 + 12.79 + estimated["insights"] + estimated["relationships"], 4)  # not rounded to 0.1: 49.96 stays below 50
    assert round(total, 1) != total


def test_an_unknown_total_says_which_pillars_are_missing() -> None:
    plan = {"account": {"ssi": {"brand": 10, "people": 6}}}
    assert FACTS["ssi_judged"].compute(plan)["text"] == (
        "the SSI unknown (judged as below 50; account.ssi gives the brand and people pillars and the plan describes too little "
        "of insights and relationships to estimate them: declare account.ssi.total or every pillar)"
    )


def test_ssi_advice_names_actions_with_their_points(healthy_undeclared: dict[str, Any]) -> None:
    advice = FACTS["ssi_advice"].compute(healthy_undeclared)
    assert set(advice) == {"brand", "people", "insights", "relationships"}
    for text in advice.values():
        first = text.split("; ")[0]
        assert first.startswith("+") and float(first[1:].split()[0]) > 0, text
    assert FACTS["ssi_advice"].compute(FULL_BRAND)["brand"].startswith("none")


@pytest.fixture
def healthy_undeclared() -> dict[str, Any]:
    """The healthy example without its declared SSI."""
    text = (Path(__file__).parents[1] / "examples" / "healthy.plan.yaml").read_text(encoding="utf-8")
    plan = yaml.load(text, Loader=yaml.CSafeLoader)
    del plan["account"]["ssi"]
    return plan


PEOPLE_NOTES = {  # every people input stated: 12 points besides the note, which decides whether the pillar reaches 12.5
    "prospecting": {"searches_per_week": 50, "searches": [{"keywords": ["fintech"]}, {"keywords": ["cfo"]}], "companies_followed": 0, "experts_list": 0},
    "account": {"active_days_per_week": 7},
    "outreach": {"profile_views": {"per_day": 0}, "invitations": {"per_week": 100, "note": "template"}},
}


def test_ssi_open_offers_what_stating_the_tier_could_add_not_all_the_note_s_points() -> None:
    """A template note on an account whose tier is unstated: the free share (about 0) to a paid account's 1 point, not 4."""
    import copy

    plan = copy.deepcopy(PEOPLE_NOTES)
    known = FACTS["ssi"].compute(plan)
    assert (known["people"], known["at_most"]["people"]) == (12.0, 13.0)
    opened = FACTS["ssi_open"].compute(plan)
    assert opened["inputs"] == [{"paths": ["account.tier"], "points": 1}]
    assert "the people pillar (12 to 13) reaches 12.5" in opened["questions"] and "state account.tier (up to 1 points)" in opened["needs"]


def test_every_ssi_fact_applies_a_configured_note_quota() -> None:
    """OUT019's max_per_month, configured, moves the estimate the facts, the JSON report and advice read."""
    import copy

    from ssi_lint.advice import judged_pillars
    from ssi_lint.api import LintOptions, Linter, ssi_extra

    plan = copy.deepcopy(PEOPLE_NOTES)
    plan["account"]["tier"] = "free"
    plan["outreach"]["invitations"]["note"] = "personalized"
    for max_per_month, people in ((5, 12.1), (50, 12.5)):  # 12 + 4 x 5/429, or 12 + 4 x 50/429
        linter = Linter(LintOptions(params={"OUT019": {"max_per_month": max_per_month}}))
        facts = linter.ruleset.evaluator.facts.compute(copy.deepcopy(plan), strict=True)
        assert facts["ssi"]["people"] == facts["ssi_estimate"]["people"] == people
        assert ssi_extra(plan, linter.applied_params())["ssi"]["estimate"]["people"] == people
        assert judged_pillars(plan, linter.applied_params())["people"] == people
        weak = {finding.rule_id for finding in linter.check_data(copy.deepcopy(plan))}
        assert ("SSI004" in weak) is (people < 12.5)


FLOOR_45 = {"SSI001": {"levels": {"error": 45, "warning": 52}}}
"""SSI001's levels configured: the floor at 45, the optimal band from 52."""


def test_ssi_judged_judges_by_ssi001s_configured_levels() -> None:
    """The floor and the optimal band are SSI001's levels: `low`, and the words for it, follow their configuration."""
    from ssi_lint.facts import ssi_judged as judged
    declared = {"account": {"ssi": {"total": 47}}}
    assert judged(declared, None)["low"] and not judged(declared, FLOOR_45)["low"]
    capped = {"account": {"ssi": {"brand": 8, "people": 8, "insights": 8}}}  # at most 49 with relationships unknown
    assert "which it may be" not in judged(capped, None)["text"]
    assert judged(capped, FLOOR_45)["text"].endswith("; judged as below 45, which it may be)")
    unknown = {"account": {"ssi": {"brand": 10, "people": 10, "insights": 10}}}  # 30 to 55: unknown either way
    assert "judged as below 50;" in judged(unknown, None)["text"]
    assert "judged as below 45;" in judged(unknown, FLOOR_45)["text"] and judged(unknown, FLOOR_45)["low"]


def test_ssi_open_asks_about_the_configured_floor() -> None:
    from ssi_lint.facts import ssi_open

    plan = {"account": {"ssi": {"brand": 10, "people": 10, "insights": 10}}}
    assert "the floor of 45" in ssi_open(plan, FLOOR_45)["questions"]
