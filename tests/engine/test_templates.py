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
        ("{self|member}", 49999.0, "49,999 members"),  # a whole count written as a float reads as the count
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


@pytest.mark.parametrize(
    ("scope", "expected"),
    [
        ({"self": {"bid": 1.5, "currency": "EUR"}, "params": {"default_currency": "GBP"}}, "1.5 EUR a click"),
        ({"self": {"bid": 1.5}, "params": {"default_currency": "GBP"}}, "1.5 GBP (none is set) a click"),
        ({"self": {"bid": 1.5, "currency": None}, "params": {"default_currency": "USD"}}, "1.5 USD (none is set) a click"),
    ],
)
def test_an_unstated_value_can_be_shown_as_the_value_the_rule_falls_back_on(scope: dict[str, object], expected: str) -> None:
    template = parse_template("{self.bid} {self.currency?=params.default_currency (none is set)} a click")
    assert template.placeholders()[1].otherwise == ("params", "default_currency")
    assert template.render(scope) == expected
    assert Template.from_plain(template.plain()) == template  # kept in the rule snapshot
    assert template.fill("params", scope["params"]) == template  # filling a rule's params leaves it for the plan to decide
    assert parse_template("{self.currency?=params.default_currency}").render({"self": {}, "params": {"default_currency": "GBP"}}) == "GBP"


@pytest.mark.parametrize(
    "text", ["{self.currency?=}", "{self.currency?=limit}", "{self.currency?= 3}", "{self.currency?=params.}", "{self.currency?=self.currency}"],
)
def test_the_path_after_a_fallback_is_another_path_under_a_root(text: str) -> None:
    with pytest.raises(TemplateError, match="after `\\?=` must be another path under self"):
        parse_template(text)


def test_a_fallback_the_scope_lacks_shows_its_text_alone() -> None:
    template = parse_template("{self.bid} {self.currency ?= params.default_currency (none is set)}")
    assert template.placeholders()[1].otherwise == ("params", "default_currency")
    assert template.render({"self": {"bid": 2}, "params": {"default_currency": None}}) == "2 (none is set)"
    assert parse_template("{self.currency?=params.x}").render({"self": {}, "params": {}}) == "(not set)"


APART = [
    # template, scope, expected: `~path` adds decimals only where the rounding would show the threshold
    ("{self:.0%~level} below {level:.0%}", {"self": 0.2999, "level": 0.30}, "29.99% below 30%"),
    ("{self:.0%~level} below {level:.0%}", {"self": 0.22, "level": 0.30}, "22% below 30%"),
    ("{self:.0%~level} above {level:.0%}", {"self": 0.3004, "level": 0.30}, "30.04% above 30%"),
    ("{self:.0%~level}", {"self": 0.30, "level": 0.30}, "30%"),  # equal: it is the threshold
    ("{self:.0%~level} / {level:.0%~self}", {"self": 0.2999, "level": 0.30}, "29.99% / 30.00%"),
    ("{facts.x:.0f~params.limit} > {params.limit}", {"facts": {"x": 10.29}, "params": {"limit": 10}}, "10.3 > 10"),
    ("{self:f~level}", {"self": 1.0000001, "level": 1}, "1.0000001"),  # `f` rounds to 6 decimals unless told
    ("[{self:>7.1%~level}]", {"self": 0.29999, "level": 0.30}, "[29.999%]"),
    ("{self:~<8~level}|", {"self": 0.5, "level": 1}, "0.5~~~~~|"),  # `~` as a fill character is still a fill
    ("{self:,~level}", {"self": 1234, "level": 1235}, "1,234"),  # no rounding: nothing to add
    ("{self:.0%~level}", {"self": 0.2999, "level": "high"}, "30%"),  # not a number: the spec as written
    ("{self:.0%~facts.absent}", {"self": 0.2999, "facts": {}}, "30%"),
]


@pytest.mark.parametrize(("text", "scope", "expected"), APART, ids=[case[0] for case in APART])
def test_a_value_never_reads_as_the_number_it_is_kept_apart_from(text: str, scope: dict[str, object], expected: str) -> None:
    assert parse_template(text).render(scope) == expected


def test_apart_is_parsed_kept_in_snapshots_and_filled_only_with_its_number() -> None:
    template = parse_template("{self:.0%~params.max} of {params.max:.0%} and {params.max:.0%~self}")
    assert template.placeholders()[0] == Placeholder("self", (), ".0%", 1, apart=("params", "max"))
    assert Template.from_plain(template.plain()) == template
    filled = template.fill("params", {"max": 0.5})
    assert filled.parts[1:3] == (" of 50% and ", Placeholder("params", ("max",), ".0%", 47, apart=("self",)))
    assert filled.render({"self": 0.5004, "params": {"max": 0.5}}) == "50.04% of 50% and 50.00%"


def test_apart_names_a_path_under_a_root() -> None:
    with pytest.raises(TemplateError, match="after `~` must be under self") as info:
        parse_template("x {self:.0%~limit}")
    assert info.value.column == 3
