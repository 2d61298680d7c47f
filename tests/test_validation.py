"""SchemaChecker: each violation in plain words, located at the offending key (or its parent)."""

from __future__ import annotations

import pytest

from ssi_lint.loading import load_text
from ssi_lint.schema import PLAN_SCHEMA, load_schema
from ssi_lint.validation import SchemaChecker

SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["version"],
    "properties": {
        "version": {"const": 1},
        "name": {"type": "string"},
        "tier": {"enum": ["free", "premium"]},
        "box": {
            "type": "object",
            "additionalProperties": False,
            "required": ["size"],
            "properties": {
                "size": {"type": "integer", "minimum": 0, "maximum": 10},
                "rate": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
                "tags": {"type": "array", "minItems": 1, "maxItems": 2},
                "label": {"type": "string", "minLength": 2, "maxLength": 3, "pattern": "^[a-z]+$"},
            },
        },
        "free": {"type": "object", "properties": {"anything": {"type": "integer"}}},
    },
}

CASES = [
    # id, plan text, code, line, column, path, message
    ("required-top", "name: x\n", "BAD", 1, 1, (), "the plan is missing the required field `version`"),
    ("required-nested", "version: 1\nbox: {}\n", "BAD", 2, 1, ("box",), "`box` is missing the required field `size`"),
    ("required-block", "version: 1\nbox:\n  rate: 0.5\n", "BAD", 2, 1, ("box",), "`box` is missing the required field `size`"),
    ("const", "version: 2\n", "BAD", 1, 1, ("version",), "`version` must be 1"),
    ("type-string", "version: 1\nname: 3\n", "BAD", 2, 1, ("name",), "`name` must be a text"),
    ("type-bool-not-string", "version: 1\nname: true\n", "BAD", 2, 1, ("name",), "`name` must be a text"),
    ("type-integer", "version: 1\nbox: {size: 1.5}\n", "BAD", 2, 7, ("box", "size"), "`box.size` must be a whole number"),
    ("type-object", "version: 1\nbox: 3\n", "BAD", 2, 1, ("box",), "`box` must be a mapping of fields"),
    ("enum", "version: 1\ntier: gold\n", "BAD", 2, 1, ("tier",), "`tier` must be one of: free, premium"),
    ("minimum", "version: 1\nbox:\n  size: -1\n", "BAD", 3, 3, ("box", "size"), "`box.size` must be at least 0"),
    ("maximum", "version: 1\nbox:\n  size: 11\n", "BAD", 3, 3, ("box", "size"), "`box.size` must be at most 10"),
    ("exclusive-minimum", "version: 1\nbox: {size: 1, rate: 0}\n", "BAD", 2, 16, ("box", "rate"), "`box.rate` must be more than 0"),
    ("exclusive-maximum", "version: 1\nbox: {size: 1, rate: 1}\n", "BAD", 2, 16, ("box", "rate"), "`box.rate` must be less than 1"),
    ("min-items", "version: 1\nbox: {size: 1, tags: []}\n", "BAD", 2, 16, ("box", "tags"), "`box.tags` must list at least 1 item(s)"),
    ("max-items", "version: 1\nbox: {size: 1, tags: [1, 2, 3]}\n", "BAD", 2, 16, ("box", "tags"),
     "`box.tags` must list at most 2 item(s)"),
    ("min-length", "version: 1\nbox: {size: 1, label: a}\n", "BAD", 2, 16, ("box", "label"),
     "`box.label` must be at least 2 characters long"),
    ("max-length", "version: 1\nbox: {size: 1, label: abcd}\n", "BAD", 2, 16, ("box", "label"),
     "`box.label` must be at most 3 characters long"),
    ("pattern", "version: 1\nbox: {size: 1, label: A1}\n", "BAD", 2, 16, ("box", "label"),
     '`box.label` does not have the expected form ("A1" does not match "^[a-z]+$")'),
    ("unknown-close", "version: 1\nnmae: x\n", "UNK", 2, 1, ("nmae",), "unknown key `nmae`: did you mean `name`?"),
    ("unknown-close-nested", "version: 1\nbox: {size: 1, sise: 2}\n", "UNK", 2, 16, ("box", "sise"),
     "unknown key `sise` in `box`: did you mean `size`?"),
    ("unknown-none-close", "version: 1\nbox: {size: 1, zzz: 2}\n", "UNK", 2, 16, ("box", "zzz"),
     "unknown key `zzz` in `box` (known keys: label, rate, size, tags)"),
]


@pytest.mark.parametrize(("text", "code", "line", "column", "path", "message"),
                         [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_violation_is_described_and_located(text: str, code: str, line: int, column: int, path: tuple, message: str) -> None:
    problems = SchemaChecker(SCHEMA, "UNK", "BAD").problems(load_text(text, "p"))
    assert [(p.code, p.position.line, p.position.column, p.path, p.message) for p in problems] == [
        (code, line, column, path, message)
    ]


def test_valid_data_has_no_problems() -> None:
    text = "version: 1\nname: x\ntier: free\nbox: {size: 3, rate: 0.5, tags: [a], label: ab}\nfree: {other: 1}\n"
    assert SchemaChecker(SCHEMA, "UNK", "BAD").problems(load_text(text, "p")) == []


def test_every_violation_is_reported() -> None:
    problems = SchemaChecker(SCHEMA, "UNK", "BAD").problems(load_text("version: 3\ntier: x\nnmae: y\n", "p"))
    assert sorted((p.code, p.path) for p in problems) == [("BAD", ("tier",)), ("BAD", ("version",)), ("UNK", ("nmae",))]


def test_several_unknown_keys_each_located() -> None:
    problems = SchemaChecker(SCHEMA, "UNK", "BAD").problems(load_text("version: 1\nnmae: x\nteir: y\n", "p"))
    assert sorted((p.path, p.position.line, p.message) for p in problems) == [
        (("nmae",), 2, "unknown key `nmae`: did you mean `name`?"),
        (("teir",), 3, "unknown key `teir`: did you mean `tier`?"),
    ]


@pytest.fixture(scope="module")
def plan_checker() -> SchemaChecker:
    return SchemaChecker(load_schema(PLAN_SCHEMA), "SCHEMA002", "SCHEMA001")


PLAN_CASES = [
    ("invitatons", "version: 1\noutreach:\n  invitatons:\n    per_day: 3\n", "SCHEMA002", 3, 3,
     ("outreach", "invitatons"), "unknown key `invitatons` in `outreach`: did you mean `invitations`?"),
    ("acount", "version: 1\nacount: {}\n", "SCHEMA002", 2, 1, ("acount",), "unknown key `acount`: did you mean `account`?"),
    ("in-list-item", "version: 1\noutreach:\n  schedule:\n    - {week: 1, invitatons: 3}\n", "SCHEMA002", 4, 17,
     ("outreach", "schedule", 0, "invitatons"), "unknown key `invitatons` in `outreach.schedule[0]`: did you mean `invitations`?"),
]


@pytest.mark.parametrize(("text", "code", "line", "column", "path", "message"),
                         [case[1:] for case in PLAN_CASES], ids=[case[0] for case in PLAN_CASES])
def test_plan_schema_unknown_keys(plan_checker: SchemaChecker, text: str, code: str, line: int, column: int,
                                  path: tuple, message: str) -> None:
    problems = plan_checker.problems(load_text(text, "p"))
    assert [(p.code, p.position.line, p.position.column, p.path, p.message) for p in problems] == [
        (code, line, column, path, message)
    ]


DESCRIBED = {
    "$defs": {"count": {"description": "A whole number, 0 or more.", "type": "integer", "minimum": 0}},
    "type": "object",
    "properties": {
        "rate": {"description": "A share from 0 to 1 (0.34 means 34 %)", "type": "number", "maximum": 1},
        "views": {"$ref": "#/$defs/count", "description": "Profiles viewed a day."},
        "seen": {"$ref": "#/$defs/count"},
        "items": {"type": "array", "items": {"description": "One campaign.", "type": "object"}},
        "open": {"type": "object", "required": ["a"], "description": "Needs `a`."},
    },
}


@pytest.mark.parametrize(("text", "message"), [
    ("rate: 34\n", "`rate` must be at most 1. A share from 0 to 1 (0.34 means 34 %)."),
    ("views: -1\n", "`views` must be at least 0. Profiles viewed a day."),  # the field's own words, not its $ref's
    ("seen: -1\n", "`seen` must be at least 0. A whole number, 0 or more."),  # else the $ref's
    ("items: [1]\n", "`items[0]` must be a mapping of fields. One campaign."),
    ("open: {}\n", "`open` is missing the required field `a`"),  # not a value's violation: no description
])
def test_a_wrong_value_is_followed_by_what_the_schema_says_the_field_is(text: str, message: str) -> None:
    [problem] = SchemaChecker(DESCRIBED, "UNKNOWN", "BAD").problems(load_text(text, "p"))
    assert problem.message == message
