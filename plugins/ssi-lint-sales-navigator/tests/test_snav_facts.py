"""The credit table, the facts and the CEL functions, as plain Python and inside CEL conditions."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from snav_helpers import plan

from ssi_lint.engine.conditions import build_environment, compile_condition, holds
from ssi_lint_sales_navigator import credits, facts, functions


@pytest.mark.parametrize(
    ("tier", "premium_plan", "expected"),
    [
        ("free", None, ("a free account", 0)),
        ("premium", None, ("Premium Career", 5)),
        ("premium", "career", ("Premium Career", 5)),
        ("premium", "business", ("Premium Business", 15)),
        ("premium", "platinum", ("Premium Career", 5)),
        ("sales_navigator", None, ("Sales Navigator", 50)),
        ("sales_navigator", "business", ("Sales Navigator", 50)),
        ("recruiter", None, ("Recruiter Lite", 30)),
    ],
)
def test_domain_credits_per_tier(tier: str, premium_plan: str | None, expected: tuple[str, int]) -> None:
    """DOMAIN.md: Premium Career 5, Premium Business 15, Sales Navigator 50, Recruiter Lite 30; free none."""
    assert credits.subscription(tier, premium_plan) == expected
    assert credits.monthly_credits(tier, premium_plan) == expected[1]


@pytest.mark.parametrize("tier", [None, "", "enterprise", 3, ["premium"]])
def test_unknown_tier_has_no_credits(tier: Any) -> None:
    assert credits.subscription(tier) is None and credits.monthly_credits(tier) is None


def test_tiers_match_the_plan_format() -> None:
    from ssi_lint.schema import PLAN_SCHEMA, load_schema

    assert set(credits.TIERS) == set(load_schema(PLAN_SCHEMA)["properties"]["account"]["properties"]["tier"]["enum"])


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (plan({"per_month": 80}, tier="sales_navigator"), {"inmail_credits": 50, "inmail_credits_left": -30, "inmail_subscription": "Sales Navigator"}),
        (plan({"per_month": 15, "premium_plan": "business"}, tier="premium"), {"inmail_credits": 15, "inmail_credits_left": 0}),
        (plan({"per_month": 15}, tier="premium"),
         {"inmail_credits": 5, "inmail_subscription": "Premium Career (assumed: no premium_plan is set)"}),  # the smaller plan, said so
        (plan({"per_month": 3}, tier="free"), {"inmail_credits": 0, "inmail_credits_left": -3, "inmail_subscription": "a free account"}),
        (plan({}, tier="recruiter"), {"inmail_credits": 30, "inmail_credits_left": None}),
        (plan({"per_month": 10}), {"inmail_credits": None, "inmail_credits_left": None, "inmail_subscription": None}),
        (plan({"subject": "Hi {first_name}", "body": "ünïcödé ✓"}), {"inmail_subject_length": 15, "inmail_body_length": 9}),
    ],
    ids=["over", "business", "career-assumed", "free", "no-volume", "no-tier", "texts"],
)
def test_facts(data: dict[str, Any], expected: dict[str, Any]) -> None:
    computed = {fact.name: fact.compute(data) for fact in facts.FACTS}
    assert {name: computed[name] for name in expected} == expected


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"account": "premium", "outreach": []},
        {"account": {"tier": ["free"]}, "outreach": {"inmail": {"per_month": "many", "subject": 3, "body": None}}},
        {"account": {"tier": "premium"}, "outreach": {"inmail": {"per_month": True, "premium_plan": 15}}},
        {"outreach": {"inmail": {"per_month": -4}}, "account": {"tier": "recruiter"}},
    ],
)
def test_facts_never_fail_on_wrong_types(data: dict[str, Any]) -> None:
    values = {fact.name: fact.compute(data) for fact in facts.FACTS}
    assert values["inmail_credits_left"] is None and values["inmail_subject_length"] is None


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Hi {first_name}, congrats on {company}!", ["first_name", "company"]),
        ("Hi {{ first_name }} at {{company}}", ["first_name", "company"]),
        ("No fields here", []),
        ("Braces { like this } and {not a field} and {3d}", []),
        ("{a}{b}{a}", ["a", "b", "a"]),
    ],
)
def test_placeholders(text: str, names: list[str]) -> None:
    assert functions.placeholders(text) == names


@pytest.mark.parametrize(
    ("text", "field_chars", "length"),
    [
        ("Hi {first_name}", 20, 3 + 20),
        ("Hi {{ first_name }}!", 5, 3 + 5 + 1),
        ("plain", 20, 5),
        ("{a}{b}", 0, 0),
        ("{a}", -3, 0),
    ],
)
def test_filled_length(text: str, field_chars: int, length: int) -> None:
    assert functions.filled_length(text, field_chars) == length


@given(st.text(alphabet=st.sampled_from("ab {}_x1"), max_size=40), st.integers(min_value=0, max_value=50))
def test_filled_length_is_the_text_without_fields_plus_the_fields(text: str, field_chars: int) -> None:
    fields = functions.placeholders(text)
    assert functions.filled_length(text, field_chars) == len(functions.PLACEHOLDER.sub("", text)) + len(fields) * field_chars
    if not fields:
        assert functions.filled_length(text, field_chars) == len(text)


@pytest.mark.parametrize(
    ("condition", "self_value", "expected"),
    [
        ("snav.placeholders(self) == ['first_name', 'company']", "Hi {first_name} of {company}", True),
        ("size(snav.placeholders(self)) == 0", "Hello there", True),
        ("'company' in snav.placeholders(self)", "Hi {first_name}", False),
        ("snav.filled_length(self, 20) == 23", "Hi {first_name}", True),
        ("snav.filled_length(self, params.field_chars) > 200", "x" * 195 + "{a}", True),
    ],
)
def test_functions_inside_cel(condition: str, self_value: str, expected: bool) -> None:
    program = compile_condition(build_environment(functions.FUNCTIONS), condition)
    assert holds(program, {"self": self_value, "plan": {}, "facts": {}, "params": {"field_chars": 20}}) is expected
