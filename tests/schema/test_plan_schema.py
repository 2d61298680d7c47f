"""Tests of the plan JSON Schema (format version 1) and of the example plans."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
import yaml

ROOT = Path(__file__).parents[2]
SCHEMA_PATH = ROOT / "ssi_lint" / "schema" / "plan.schema.json"
EXAMPLES = ROOT / "examples"
EXAMPLE_NAMES = ("healthy.plan.yaml", "risky.plan.yaml", "ads.plan.yaml")
MODELINE = "# yaml-language-server: $schema=../ssi_lint/schema/plan.schema.json"

# The public contract: every field path of format version 1 (DESIGN.md's plan
# plus the documented extensions). Renaming or dropping one breaks users' plans.
CONTRACT = {
    "version",
    "account", "account.name", "account.tier", "account.age_days",
    "account.active_days_per_week", "account.connections", "account.ssi",
    "account.ssi.brand", "account.ssi.people", "account.ssi.insights",
    "account.ssi.relationships", "account.ssi.total",
    "profile", "profile.photo", "profile.banner", "profile.headline", "profile.about",
    "profile.experience", "profile.skills", "profile.endorsements", "profile.volunteering",
    "profile.recommendations", "profile.certifications", "profile.featured",
    "prospecting", "prospecting.searches", "prospecting.searches[].keywords",
    "prospecting.searches_per_week", "prospecting.companies_followed",
    "prospecting.experts_list",
    "outreach", "outreach.invitations", "outreach.active_days_per_week", "outreach.invitations.per_day",
    "outreach.invitations.per_week", "outreach.invitations.note",
    "outreach.invitations.note_template", "outreach.pending", "outreach.pending.sent",
    "outreach.pending.withdraw_after_days", "outreach.pending.received",
    "outreach.messages", "outreach.messages.per_day", "outreach.messages.unread",
    "outreach.profile_views", "outreach.profile_views.per_day",
    "outreach.acceptance_rate", "outreach.follow_instead_of_connect",
    "outreach.schedule", "outreach.schedule[].week", "outreach.schedule[].invitations",
    "content", "content.per_week", "content.per_week.posts", "content.per_week.photos",
    "content.per_week.reposts", "content.per_week.comments", "content.per_week.reactions",
    "content.per_month", "content.per_month.articles", "content.per_month.polls",
    "content.groups",
    "ads", "ads.campaigns", "ads.campaigns[].name", "ads.campaigns[].objective",
    "ads.campaigns[].format", "ads.campaigns[].bidding",
    "ads.campaigns[].bidding.strategy", "ads.campaigns[].bidding.charge",
    "ads.campaigns[].bidding.bid", "ads.campaigns[].bidding.currency",
    "ads.campaigns[].daily_budget", "ads.campaigns[].audience_size",
    "ads.campaigns[].offer", "ads.campaigns[].offer.kind",
    "ads.campaigns[].offer.category", "ads.campaigns[].offer.authorized",
    "ads.campaigns[].targeting",
    *(
        f"ads.campaigns[].targeting.{name}"
        for name in (
            "job_titles", "seniorities", "companies", "industries",
            "interests", "skills", "job_functions", "locations",
        )
    ),
}


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> Any:
    return jsonschema_rs.validator_for(schema)


def load_example(name: str) -> Any:
    return yaml.load((EXAMPLES / name).read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow a local `$ref` (the only kind this schema uses)."""
    ref = node.get("$ref")
    if ref is None:
        return node
    assert ref.startswith("#/"), ref
    target: Any = schema
    for part in ref[2:].split("/"):
        target = target[part]
    return resolve(schema, target)


def properties(
    schema: dict[str, Any], node: dict[str, Any], prefix: str = ""
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property under `node`, at every depth, as (plan path, property schema)."""
    node = resolve(schema, node)
    for name, sub in node.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        yield path, sub
        yield from properties(schema, sub, path)
    items = node.get("items")
    if isinstance(items, dict):
        yield from properties(schema, items, f"{prefix}[]")


def subschemas(node: Any) -> Iterator[dict[str, Any]]:
    """Every schema object in the document, `$defs` included."""
    if isinstance(node, dict):
        yield node
        for key in ("properties", "$defs"):
            for sub in node.get(key, {}).values():
                yield from subschemas(sub)
        if isinstance(node.get("items"), dict):
            yield from subschemas(node["items"])


def test_schema_is_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "https://ssi-lint.dev/schema/plan-v1.json"
    assert schema["title"] and schema["description"]
    jsonschema_rs.meta.validate(schema)
    assert isinstance(jsonschema_rs.validator_for(schema), jsonschema_rs.Draft202012Validator)


def test_field_names_are_the_public_contract(schema: dict[str, Any]) -> None:
    assert {path for path, _ in properties(schema, schema)} == CONTRACT


def test_only_version_is_required_at_top_level(schema: dict[str, Any]) -> None:
    assert schema["required"] == ["version"]
    assert schema["properties"]["version"]["const"] == 1


def test_every_property_has_a_description(schema: dict[str, Any]) -> None:
    missing = [
        path
        for path, sub in properties(schema, schema)
        if not str(sub.get("description", "")).strip()
    ]
    assert missing == []


def test_every_object_forbids_unknown_keys(schema: dict[str, Any]) -> None:
    for sub in subschemas(schema):
        if sub.get("type") == "object" or "properties" in sub:
            assert sub.get("additionalProperties") is False, sub.get("description")


def test_every_count_has_bounds(schema: dict[str, Any]) -> None:
    for path, sub in properties(schema, schema):
        target = resolve(schema, sub)
        if target.get("type") in ("integer", "number"):
            assert "minimum" in target and "maximum" in target, path


def test_defaults_are_valid_values(schema: dict[str, Any]) -> None:
    found = 0
    for path, sub in properties(schema, schema):
        if "default" in sub:
            found += 1
            check = {k: v for k, v in sub.items() if k not in ("default", "description")}
            assert jsonschema_rs.validator_for(
                {**check, "$defs": schema["$defs"]}
            ).is_valid(sub["default"]), path
    assert found >= 3


def test_every_property_has_valid_examples(schema: dict[str, Any]) -> None:
    missing = []
    for path, sub in properties(schema, schema):
        if not sub.get("examples"):
            missing.append(path)
            continue
        check = {k: v for k, v in sub.items() if k not in ("examples", "description")}
        validator = jsonschema_rs.validator_for({**check, "$defs": schema["$defs"]})
        assert all(validator.is_valid(example) for example in sub["examples"]), path
    assert missing == []


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example_is_valid(validator: Any, name: str) -> None:
    errors = [f"{e.instance_path}: {e.message}" for e in validator.iter_errors(load_example(name))]
    assert errors == []


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_example_starts_with_modeline_and_comment(name: str) -> None:
    lines = (EXAMPLES / name).read_text(encoding="utf-8").splitlines()
    assert lines[0] == MODELINE
    assert (EXAMPLES / lines[0].split("=", 1)[1]).resolve() == SCHEMA_PATH.resolve()
    assert sum(1 for line in lines[1:] if line.startswith("# ") and len(line) > 10) >= 3


def set_path(plan: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of `plan` with the dotted `path` (list indexes as numbers) set to `value`."""
    plan = copy.deepcopy(plan)
    *parents, last = path.split(".")
    node: Any = plan
    for part in parents:
        key: Any = int(part) if part.isdigit() else part
        if isinstance(node, dict):
            node = node.setdefault(key, {})
        else:
            node = node[key]
    node[int(last) if last.isdigit() else last] = value
    return plan


@pytest.mark.parametrize(
    ("path", "value"),
    [
        ("version", 2),
        ("version", "1"),
        ("account.tier", "Premium"),
        ("account.tier", "gold"),
        ("account.age_days", -5),
        ("account.age_days", 12.5),
        ("account.connections", 10**12),
        ("account.active_days_per_week", 8),
        ("account.ssi", {}),
        ("account.ssi.brand", 26),
        ("account.ssi.total", 101),
        ("profile.photo", "yes"),
        ("profile.skills", "sales, marketing"),
        ("profile.skills", [""]),
        ("profile.linkedin_url", "https://example.com"),
        ("prospecting.searches", [{"keyword": ["sales"]}]),
        ("outreach.invitations.per_day", "15"),
        ("outreach.invitations.per_week", -1),
        ("outreach.invitations.note", "personalised"),
        ("outreach.pending.withdraw_after_days", 0),
        ("outreach.acceptance_rate", 34),
        ("outreach.schedule", [{"week": 0, "invitations": 10}]),
        ("outreach.invitation", {"per_day": 10}),
        ("content.per_week.stories", 3),
        ("ads.campaigns.0.objective", "leads"),
        ("ads.campaigns.0.format", "Single_Image"),
        ("ads.campaigns.0.bidding.charge", "cpa"),
        ("ads.campaigns.0.bidding.currency", "usd"),
        ("ads.campaigns.0.bidding.bid", -1),
        ("ads.campaigns.0.daily_budget", "50 USD"),
        ("ads.campaigns.0.offer.category", "SaaS"),
        ("ads.campaigns.0.offer.authorized", "no"),
        ("ads.campaigns.0.targeting.job_titles", "CEO"),
        ("ads.campaigns.0.targeting.age", ["25-34"]),
    ],
)
def test_bad_plans_are_rejected(validator: Any, path: str, value: Any) -> None:
    plan = set_path(load_example("ads.plan.yaml"), path, value)
    assert not validator.is_valid(plan)


@pytest.mark.parametrize(
    "plan",
    [
        {"version": 1},
        {"version": 1, "account": {"ssi": {"total": 58}}},
        {"version": 1, "account": {"ssi": {"brand": 12.5}}},
        {"version": 1, "outreach": {"invitations": {"per_week": 140}}},
        {"version": 1, "ads": {"campaigns": [{"daily_budget": 6}]}},
    ],
)
def test_minimal_and_partial_plans_are_accepted(validator: Any, plan: dict[str, Any]) -> None:
    assert validator.is_valid(plan)


def test_missing_version_is_rejected(validator: Any) -> None:
    plan = load_example("healthy.plan.yaml")
    del plan["version"]
    assert not validator.is_valid(plan)
