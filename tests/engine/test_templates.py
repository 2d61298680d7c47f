"""Message and fix templates: rendering values a user reads, and parse errors with a column."""

from __future__ import annotations

import pytest

from ssi_lint.engine.templates import Placeholder, Template, TemplateError, parse_template

SCOPE = {
    "self": 3,
    "plan": {"a": {"rate": 0.34, "yes": True, "no": False, "list": ["x", 1, 2.5], "none": None, "int": 15,
                   "third": 1 / 3, "big": 1e20, "text": "hi"}},
    "facts": {"share": 0.3456},
    "params": {"limit": 100, "nested": {"deep": 7}},
}

RENDERS = [
    ("int-self", "{self}", "3"),
    ("int-param", "over {params.limit}!", "over 100!"),
    ("nested-param", "{params.nested.deep}", "7"),
    ("float", "{plan.a.rate}", "0.34"),
    ("float-repeating", "{plan.a.third}", "0.3333333333"),
    ("float-big", "{plan.a.big}", "1e+20"),
    ("bools", "{plan.a.yes}/{plan.a.no}", "true/false"),
    ("list", "{plan.a.list}", "x, 1, 2.5"),
    ("text", "{plan.a.text}", "hi"),
    ("none", "{plan.a.none}", "(not set)"),
    ("missing-key", "{plan.a.absent}", "(not set)"),
    ("missing-fact", "{facts.absent}", "(not set)"),
    ("below-scalar", "{self.x}", "(not set)"),
    ("percent", "{facts.share:.0%}", "35%"),
    ("fixed", "{facts.share:.2f}", "0.35"),
    ("int-percent", "{plan.a.int:.0%}", "1500%"),
    ("align", "[{self:>3}]", "[  3]"),
    ("spec-on-text-ignored", "{plan.a.text:.0%}", "hi"),
    ("spec-on-missing", "{facts.absent:.0%}", "(not set)"),
    ("spaces-inside", "{ self }", "3"),
    ("escapes", "{{self}} {{ }}", "{self} { }"),
    ("escape-next-to-placeholder", "{{{self}}}", "{3}"),
    ("no-placeholder", "plain text", "plain text"),
    ("empty", "", ""),
]


@pytest.mark.parametrize(("text", "expected"), [case[1:] for case in RENDERS], ids=[case[0] for case in RENDERS])
def test_render(text: str, expected: str) -> None:
    assert parse_template(text).render(SCOPE) == expected


@pytest.mark.parametrize(("text", "expected"), [case[1:] for case in RENDERS], ids=[case[0] for case in RENDERS])
def test_fill_renders_as_the_scope_would(text: str, expected: str) -> None:
    assert parse_template(text).fill("params", SCOPE["params"]).render(SCOPE) == expected


def test_fill_merges_the_filled_text_into_the_literals() -> None:
    template = parse_template("{self} over {params.limit} of {params.absent?none} {params.limit|unit}").fill("params", SCOPE["params"])
    assert template.parts == (Placeholder("self", (), "", 1), " over 100 of none 100 units")


def test_render_missing_root() -> None:
    assert parse_template("{facts.x}").render({}) == "(not set)"


def test_placeholders_record_root_keys_spec_and_column() -> None:
    template = parse_template("at {self} of {params.limit:.0%}")
    assert template.placeholders() == (
        Placeholder("self", (), "", 4),
        Placeholder("params", ("limit",), ".0%", 14),
    )


ERRORS = [
    ("unknown-root", "{foo}", 1),
    ("unknown-root-later", "ab {foo.bar} x", 4),
    ("capitalised-root", "{Self}", 1),
    ("trailing-dot", "ab {self.} x", 4),
    ("empty-braces", "x {}", 3),
    ("blank-braces", "{ }", 1),
    ("dash", "{self.a-b}", 1),
    ("indexing", "{self[0]}", 1),
    ("numeric-key", "{plan.0}", 1),
    ("after-escape", "{{ok}} {bad}", 8),
]


@pytest.mark.parametrize(("text", "column"), [case[1:] for case in ERRORS], ids=[case[0] for case in ERRORS])
def test_parse_error_has_column(text: str, column: int) -> None:
    with pytest.raises(TemplateError, match="must be a path under self, plan, facts, params") as info:
        parse_template(text)
    assert info.value.column == column


def test_unclosed_placeholder_is_an_error() -> None:
    with pytest.raises(TemplateError) as info:
        parse_template("above {params.limit")
    assert info.value.column == 7


@pytest.mark.parametrize(
    ("template", "value", "expected"),
    [
        ("{self|message}", 1, "1 message"),
        ("{self|message}", 3, "3 messages"),
        ("{self|message}", 0, "0 messages"),
        ("{self|person/people}", 2, "2 people"),
        ("{self|profile visit} a day", 1.5, "1.5 profile visits a day"),
        ("{self|message} a week", None, "an unstated number of messages a week"),  # unknown, not zero
        ("{self|person/people}", None, "an unstated number of people"),
    ],
)
def test_counted_nouns(template: str, value: object, expected: str) -> None:
    assert parse_template(template).render({"self": value}) == expected


def test_a_count_takes_no_format_spec() -> None:
    with pytest.raises(TemplateError, match="no format spec"):
        parse_template("{self:.0f|message}")


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        ({"self": {"bid": 1.5, "currency": "GBP"}}, "1.5 GBP"),
        ({"self": {"bid": 1.5}}, "1.5 USD (no currency is set)"),  # what is assumed, not `(not set)`
        ({"self": {"bid": 1.5, "currency": None}}, "1.5 USD (no currency is set)"),
    ],
)
def test_an_unstated_value_can_be_shown_as_what_is_assumed(scope: dict[str, object], expected: str) -> None:
    template = parse_template("{self.bid} {self.currency?USD (no currency is set)}")
    assert template.render(scope) == expected
    assert Template.from_plain(template.plain()) == template  # kept in the rule snapshot


@pytest.mark.parametrize("text", ["{self?}", "{self|message?none}", "{self?none:.0f}"])
def test_the_unstated_text_takes_no_noun_or_spec_and_is_not_empty(text: str) -> None:
    with pytest.raises(TemplateError, match="path\\?text"):
        parse_template(text)
