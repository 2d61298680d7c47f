"""Inline suppressions: which findings they hide, and SUP001/SUP002/SUP003 at the comment."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from ssi_lint.model import FileResult, Finding, Rule, Severity
from ssi_lint.suppressions import SUPPRESSION_CHECKS, apply_suppressions, find_directives, suppress

SOURCE = "plans/a.plan.yaml"
KNOWN = {"OUT001", "OUT002", "PRO001", *SUPPRESSION_CHECKS}


def finding(rule_id: str, line: int, column: int = 3, file: str = SOURCE) -> Finding:
    return Finding(rule_id, "name", Severity.WARNING, "spam-risk", "relationships", "msg", file, line, column, "p")


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    findings: tuple[tuple[str, int], ...]
    kept: tuple[tuple[str, int], ...]
    suppressed: tuple[tuple[str, int, str], ...]
    new: tuple[tuple[str, int, int], ...] = ()
    """(rule id, line, column) of SUP findings."""


CASES = [
    Case(
        "same-line",
        "outreach:\n  per_week: 140  # ssi-lint: ignore[OUT001] -- agreed with the owner\n",
        (("OUT001", 2), ("OUT002", 2), ("OUT001", 1)),
        (("OUT002", 2), ("OUT001", 1)),
        (("OUT001", 2, "agreed with the owner"),),
    ),
    Case(
        "multi-id",
        "a: 1  # ssi-lint: ignore[OUT001, OUT002] -- both known\n",
        (("OUT001", 1), ("OUT002", 1), ("PRO001", 1)),
        (("PRO001", 1),),
        (("OUT001", 1, "both known"), ("OUT002", 1, "both known")),
    ),
    Case(
        "file-ignore",
        "# ssi-lint: file-ignore[PRO001] -- test account\na: 1\nb: 2\n",
        (("PRO001", 2), ("PRO001", 3), ("OUT001", 3)),
        (("OUT001", 3),),
        (("PRO001", 2, "test account"), ("PRO001", 3, "test account")),
    ),
    Case(
        "file-ignore-at-the-end",
        "a: 1\nb: 2\n  # ssi-lint: file-ignore[OUT001] -- end\n",
        (("OUT001", 1),),
        (),
        (("OUT001", 1, "end"),),
    ),
    Case(
        "missing-reason-still-suppresses",
        "a: 1\nb: 2    # ssi-lint: ignore[OUT001]\n",
        (("OUT001", 2),),
        (),
        (("OUT001", 2, ""),),
        (("SUP001", 2, 9),),
    ),
    Case(
        "empty-reason",
        "a: 1  # ssi-lint: ignore[OUT001] --   \n",
        (("OUT001", 1),),
        (),
        (("OUT001", 1, ""),),
        (("SUP001", 1, 7),),
    ),
    Case(
        "reason-without-separator",
        "a: 1  # ssi-lint: ignore[OUT001] because\n",
        (("OUT001", 1),),
        (),
        (("OUT001", 1, ""),),
        (("SUP001", 1, 7),),
    ),
    Case(
        "unused-same-line",
        "a: 1  # ssi-lint: ignore[OUT001] -- no longer needed\n",
        (("OUT001", 2),),
        (("OUT001", 2),),
        (),
        (("SUP002", 1, 7),),
    ),
    Case(
        "partly-unused",
        "a: 1  # ssi-lint: ignore[OUT001,OUT002] -- one of them\n",
        (("OUT001", 1),),
        (),
        (("OUT001", 1, "one of them"),),
        (("SUP002", 1, 7),),
    ),
    Case(
        "unused-file-ignore",
        "# ssi-lint: file-ignore[PRO001] -- gone\na: 1\n",
        (),
        (),
        (),
        (("SUP002", 1, 1),),
    ),
    Case(
        "comment-only-line-does-not-cover-the-next",
        "# ssi-lint: ignore[OUT001] -- wrong place\na: 1\n",
        (("OUT001", 2),),
        (("OUT001", 2),),
        (),
        (("SUP002", 1, 1),),
    ),
    Case(
        "hash-in-double-quoted-string",
        'a: "x # ssi-lint: ignore[OUT001] -- not a comment"\n',
        (("OUT001", 1),),
        (("OUT001", 1),),
        (),
    ),
    Case(
        "hash-in-single-quoted-string",
        "a: 'x # ssi-lint: file-ignore[OUT001] -- not a comment'\nb: 1\n",
        (("OUT001", 2),),
        (("OUT001", 2),),
        (),
    ),
    Case(
        "hash-in-multi-line-quoted-string",
        'a: "first line\n  # ssi-lint: file-ignore[OUT001] -- still the string"\nb: 1\n',
        (("OUT001", 3),),
        (("OUT001", 3),),
        (),
    ),
    Case(
        "hash-in-block-scalar",
        "about: |\n  text\n  # ssi-lint: file-ignore[OUT001] -- content\nb: 1\n",
        (("OUT001", 4),),
        (("OUT001", 4),),
        (),
    ),
    Case(
        "comment-after-a-quoted-hash",
        'a: "#x"  # ssi-lint: ignore[OUT001] -- real comment\n',
        (("OUT001", 1),),
        (),
        (("OUT001", 1, "real comment"),),
    ),
    Case(
        "directive-later-in-a-comment",
        "a: 1  # capped by hand # ssi-lint: ignore[OUT001] -- see note\n",
        (("OUT001", 1),),
        (),
        (("OUT001", 1, "see note"),),
    ),
    Case(
        "hash-glued-to-a-plain-scalar-is-not-a-comment",
        "a: x#ssi-lint: ignore[OUT001] -- no\n",
        (("OUT001", 1),),
        (("OUT001", 1),),
        (),
    ),
    Case(
        "unknown-rule-id",
        "a: 1  # ssi-lint: ignore[OUT01] -- typo\n",
        (("OUT001", 1),),
        (("OUT001", 1),),
        (),
        (("SUP003", 1, 7),),
    ),
    Case(
        "malformed",
        "a: 1  # ssi-lint: ignore OUT001 -- no brackets\n",
        (("OUT001", 1),),
        (("OUT001", 1),),
        (),
        (("SUP003", 1, 7),),
    ),
    Case(
        "unknown-kind",
        "a: 1  # ssi-lint: ignroe[OUT001] -- typo\n",
        (("OUT001", 1),),
        (("OUT001", 1),),
        (),
        (("SUP003", 1, 7),),
    ),
    Case(
        "after-a-syntax-error-the-comment-rule-still-applies",
        "a: [1\nb: 2  # ssi-lint: ignore[OUT001] -- fallback\n",
        (("OUT001", 2),),
        (),
        (("OUT001", 2, "fallback"),),
    ),
    Case(
        "line-suppression-preferred-over-file-wide",
        "# ssi-lint: file-ignore[OUT001] -- wide\na: 1  # ssi-lint: ignore[OUT001] -- narrow\n",
        (("OUT001", 2),),
        (),
        (("OUT001", 2, "narrow"),),
        (("SUP002", 1, 1),),
    ),
    Case(
        "crlf-lines",
        "a: 1\r\nb: 2  # ssi-lint: ignore[OUT001] -- windows\r\n",
        (("OUT001", 2),),
        (),
        (("OUT001", 2, "windows"),),
    ),
    Case(
        "chained-directives-are-each-their-own",
        "a: 1  # ssi-lint: ignore[OUT002] -- a # ssi-lint: ignore[OUT001] -- b\n",
        (("OUT001", 1), ("OUT002", 1)),
        (),
        (("OUT001", 1, "b"), ("OUT002", 1, "a")),
    ),
    Case(
        "chained-directive-without-a-reason",
        "a: 1  # ssi-lint: ignore[OUT002] # ssi-lint: file-ignore[PRO001] -- wide\nb: 2\n",
        (("OUT002", 1), ("PRO001", 2)),
        (),
        (("OUT002", 1, ""), ("PRO001", 2, "wide")),
        (("SUP001", 1, 7),),
    ),
    Case(
        "chained-unused-one-is-named-at-its-own-hash",
        "a: 1  # ssi-lint: ignore[OUT001] -- a # ssi-lint: ignore[PRO001] -- b\n",
        (("OUT001", 1),),
        (),
        (("OUT001", 1, "a"),),
        (("SUP002", 1, 39),),
    ),
    Case(
        "a-hash-glued-to-the-reason-is-part-of-it",
        "a: 1  # ssi-lint: ignore[OUT001] -- see#ssi-lint: ignore[OUT002] -- x\n",
        (("OUT001", 1), ("OUT002", 1)),
        (("OUT002", 1),),
        (("OUT001", 1, "see#ssi-lint: ignore[OUT002] -- x"),),
    ),
    Case(
        "rule-ids-in-any-case",
        "a: 1  # ssi-lint: ignore[out001, Out002] -- lower case\n",
        (("OUT001", 1), ("OUT002", 1)),
        (),
        (("OUT001", 1, "lower case"), ("OUT002", 1, "lower case")),
    ),
    Case(
        "a-problem-of-the-file-itself-cannot-be-suppressed",
        "# ssi-lint: file-ignore[SCHEMA002, OUT001] -- extra keys\na: 1  # ssi-lint: ignore[LOAD002] -- twice\n",
        (("SCHEMA002", 2), ("LOAD002", 2), ("OUT001", 2)),
        (("SCHEMA002", 2), ("LOAD002", 2)),
        (("OUT001", 2, "extra keys"),),
        (("SUP003", 1, 1), ("SUP003", 2, 7)),
    ),
    Case(
        "non-ascii-before-the-comment",
        "name: 'Zoë #1'  # ssi-lint: ignore[OUT001] -- unicode\n",
        (("OUT001", 1),),
        (),
        (("OUT001", 1, "unicode"),),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_suppressions(case: Case) -> None:
    findings = [finding(rule_id, line) for rule_id, line in case.findings]
    outcome = apply_suppressions(case.text.splitlines(keepends=True), findings, SOURCE, KNOWN)
    assert [(f.rule_id, f.line) for f in outcome.kept] == list(case.kept)
    assert [(f.rule_id, f.line, f.suppression) for f in outcome.suppressed] == list(case.suppressed)
    assert [(f.rule_id, f.line, f.column) for f in outcome.new] == list(case.new)
    for new in outcome.new:
        assert new.file == SOURCE
        assert new.severity == Severity.WARNING
        assert new.name == SUPPRESSION_CHECKS[new.rule_id].name


def test_messages() -> None:
    text = "a: 1  # ssi-lint: ignore[OUT001]\nb: 1  # ssi-lint: ignore[OUT002] -- x\nc: 1  # ssi-lint: ignore[OUT01] -- x\n"
    outcome = apply_suppressions(text.splitlines(), [finding("OUT001", 1)], SOURCE, KNOWN)
    messages = {f.rule_id: f.message for f in outcome.new}
    assert messages["SUP001"] == "suppression of OUT001 gives no reason: add ` -- why` after the `]`"
    assert messages["SUP002"] == "suppression of OUT002 suppressed nothing: no OUT002 finding on this line"
    assert messages["SUP003"] == "unknown rule id `OUT01` in suppression: did you mean `OUT001`?"


def test_findings_of_other_files_are_not_suppressed() -> None:
    other = finding("OUT001", 1, file="observed/export.csv")
    outcome = apply_suppressions(["a: 1  # ssi-lint: ignore[OUT001] -- x"], [other], SOURCE, KNOWN)
    assert outcome.kept == (other,)
    assert [f.rule_id for f in outcome.new] == ["SUP002"]


def test_suppression_findings_cannot_be_suppressed() -> None:
    text = "# ssi-lint: file-ignore[SUP001] -- hush\na: 1  # ssi-lint: ignore[OUT001]\n"
    outcome = apply_suppressions(text.splitlines(), [finding("OUT001", 2)], SOURCE, KNOWN)
    assert sorted(f.rule_id for f in outcome.new) == ["SUP001", "SUP002"]


def test_inactive_rules_are_not_reported_unused() -> None:
    text = "a: 1  # ssi-lint: ignore[OUT001,OUT002] -- x\n"
    active = {"OUT001", "SUP001", "SUP002", "SUP003"}.__contains__
    outcome = apply_suppressions(text.splitlines(), [], SOURCE, KNOWN, active)
    assert [f.message for f in outcome.new] == ["suppression of OUT001 suppressed nothing: no OUT001 finding on this line"]


def test_inactive_sup_rules_are_dropped() -> None:
    text = "a: 1  # ssi-lint: ignore[OUT001]\n"
    outcome = apply_suppressions(text.splitlines(), [finding("OUT001", 1)], SOURCE, KNOWN, lambda rule_id: rule_id != "SUP001")
    assert outcome.new == ()
    assert len(outcome.suppressed) == 1


def test_the_message_for_a_problem_of_the_file_itself() -> None:
    outcome = apply_suppressions(["a: 1  # ssi-lint: ignore[load002] -- x"], [finding("LOAD002", 1)], SOURCE)
    assert [f.rule_id for f in outcome.kept] == ["LOAD002"]
    assert [f.message for f in outcome.new] == [
        "`LOAD002` cannot be suppressed: a problem of the file itself (it could not be read or breaks the plan format) is always reported"
    ]


def test_without_known_ids_any_id_is_accepted() -> None:
    outcome = apply_suppressions(["a: 1  # ssi-lint: ignore[ZZZ999] -- x"], [finding("ZZZ999", 1)], SOURCE)
    assert [f.rule_id for f in outcome.suppressed] == ["ZZZ999"]
    assert outcome.new == ()


def test_no_directive_fast_path() -> None:
    assert find_directives("a: 1  # a plain comment\n", SOURCE) == ([], [])


def test_directive_positions() -> None:
    directives, problems = find_directives("x: 1\n  key: 2   #  ssi-lint:  file-ignore[ OUT001 ,PRO001 ] --  why  \n", SOURCE)
    assert problems == []
    [directive] = directives
    assert (directive.line, directive.column, directive.file_wide) == (2, 12, True)
    assert directive.rule_ids == ("OUT001", "PRO001")
    assert directive.reason == "why"


def test_suppress_file_result() -> None:
    result = FileResult(SOURCE, (finding("OUT001", 1), finding("OUT002", 2)))
    lines = ["a: 1  # ssi-lint: ignore[OUT001] -- agreed", "b: 2", "c: 3  # ssi-lint: ignore[PRO001]"]
    updated = suppress(result, lines, KNOWN)
    assert [(f.rule_id, f.line) for f in updated.findings] == [("OUT002", 2), ("SUP001", 3), ("SUP002", 3)]
    assert [(f.rule_id, f.suppression) for f in updated.suppressed] == [("OUT001", "agreed")]


def test_checks_are_rules_without_conditions() -> None:
    assert set(SUPPRESSION_CHECKS) == {"SUP001", "SUP002", "SUP003"}
    for rule_id, rule in SUPPRESSION_CHECKS.items():
        assert isinstance(rule, Rule)
        assert rule.id == rule_id
        assert rule.when is None
        assert rule.severity == Severity.WARNING
        assert rule.fix and rule.rationale


@given(st.text(alphabet=st.sampled_from(list("ab: -#'\"[]|>\n\t,OUT01ssi-lint:ignore[OUT001]--é\x00\ufeff")), max_size=120))
@settings(max_examples=300, deadline=None)
def test_any_text_keeps_every_finding_once(text: str) -> None:
    findings = [finding("OUT001", line) for line in range(1, 4)]
    outcome = apply_suppressions(text.splitlines(), findings, SOURCE, KNOWN)
    assert sorted((*outcome.kept, *(replace(f, suppression=None) for f in outcome.suppressed)), key=Finding.sort_key) == findings
    assert all(f.rule_id.startswith("SUP") and f.line >= 1 and f.column >= 1 for f in outcome.new)
