"""The built-in rule packs: guidance coverage, rule ids, one finding per problem, calibration."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from ssi_lint.api import LintOptions, Linter
from ssi_lint.builtin import builtin_rules_dir
from ssi_lint.loading import load_text
from ssi_lint.model import Finding, Severity

ROOT = Path(__file__).resolve().parents[2]
GUIDANCE_FILE = ROOT / "ssi_lint" / "guidance.yaml"
SHARED_GUIDANCE = ROOT.parent / "shared" / "GUIDANCE.md"
EXAMPLES = ROOT / "examples"

PACK_PREFIXES = {
    "profile.yaml": "PRF",
    "prospecting.yaml": "PPL",
    "content.yaml": "CNT",
    "outreach.yaml": "OUT",
    "hygiene.yaml": "HYG",
    "ssi.yaml": "SSI",
    "ads.yaml": "ADS",
    "consistency.yaml": "PLN",
    "coverage.yaml": "COV",
    "simulation.yaml": "SIM",
}


def _packs() -> dict[str, dict[str, Any]]:
    paths = sorted(builtin_rules_dir().glob("*.yaml"))
    return {path.name: yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for path in paths}


PACKS = _packs()
RULES: list[dict[str, Any]] = [rule for pack in PACKS.values() for rule in pack["rules"]]
RULES_BY_ID = {rule["id"]: rule for rule in RULES}
GUIDANCE: dict[str, str] = yaml.load(GUIDANCE_FILE.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
INFORMATIONAL = {entry["guidance"]: entry["reason"] for pack in PACKS.values() for entry in pack.get("informational", ())}
CITED = {item for rule in RULES for item in rule.get("guidance", ())}


@pytest.fixture(scope="module")
def linter() -> Linter:
    """The built-in rules, every example executed while loading them."""
    return Linter(LintOptions(check_examples=True))


def test_every_builtin_example_behaves_as_declared(linter: Linter) -> None:
    assert len(linter.ruleset.evaluator.rules) == len(RULES)


# (a) coverage of the article's guidance


def test_guidance_file_is_one_sentence_per_id() -> None:
    assert isinstance(GUIDANCE, dict) and GUIDANCE
    for item, summary in GUIDANCE.items():
        assert re.fullmatch(r"[A-Z][0-9]+", item), item
        assert isinstance(summary, str) and summary.endswith("."), item
        assert summary.count(". ") == 0, f"{item}: one sentence expected"


def test_every_guidance_item_is_enforced_or_informational() -> None:
    missing = [item for item in GUIDANCE if item not in CITED and item not in INFORMATIONAL]
    assert not missing, f"guidance items neither cited by a rule nor informational: {missing}"


def test_informational_items_exist_have_reasons_and_are_not_also_enforced() -> None:
    for item, reason in INFORMATIONAL.items():
        assert item in GUIDANCE, item
        assert reason.strip(), item
        assert item not in CITED, f"{item} is informational yet cited by a rule"


@pytest.mark.skipif(not SHARED_GUIDANCE.is_file(), reason="GUIDANCE.md (../shared) is not available")
def test_guidance_ids_match_the_article_encoding() -> None:
    text = SHARED_GUIDANCE.read_text(encoding="utf-8")
    article_ids = re.findall(r"^- \*\*([A-Z][0-9]+)\*\*", text, flags=re.MULTILINE)
    assert article_ids, "no ids found in GUIDANCE.md"
    assert list(GUIDANCE) == article_ids


# (b) rule ids and metadata


def test_rule_ids_and_names_are_unique() -> None:
    ids = [rule["id"] for rule in RULES]
    names = [rule["name"] for rule in RULES]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


@pytest.mark.parametrize("pack", sorted(PACKS))
def test_rule_ids_carry_their_pack_prefix(pack: str) -> None:
    prefix = PACK_PREFIXES[pack]
    for rule in PACKS[pack]["rules"]:
        assert re.fullmatch(rf"{prefix}[0-9]{{3}}", rule["id"]), rule["id"]


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule["id"])
def test_rule_cites_existing_guidance_and_documents_itself(rule: dict[str, Any]) -> None:
    assert rule.get("guidance"), "no guidance cited"
    unknown = [item for item in rule["guidance"] if item not in GUIDANCE]
    assert not unknown, f"unknown guidance ids {unknown}"
    for key in ("source", "rationale", "fix"):
        assert str(rule.get(key, "")).strip(), f"no {key}"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule["id"])
def test_thresholds_are_params_not_literals(rule: dict[str, Any]) -> None:
    # 0 and 1 are structural (empty, a single item, a false/true count) and 7.0 converts days to weeks.
    texts = [rule.get("when", ""), rule.get("measure", ""), *(v for v in rule.get("levels", {}).values() if isinstance(v, str))]
    literals = re.findall(r"(?<![\w.'])(\d+(?:\.\d+)?)(?![\w'])", _strip_strings(" ".join(texts)))
    assert set(literals) <= {"0", "0.0", "1", "7.0"}, f"threshold literals in `when`: {literals}"


def _strip_strings(text: str) -> str:
    return re.sub(r"'[^']*'|\"[^\"]*\"", "''", text)


# (c) one finding per problem
#
# Two rules must not report the same thing at the same place. The place is the
# finding's path, but a path alone is too strict: DESIGN.md points a missing key
# at its parent, so `profile` legitimately hosts "no photo", "no banner", "no
# About" ... and a campaign hosts rules that each combine several of its fields.
# So at the same path and category, findings are told apart by their subject:
# the first field of `self` the rule's condition reads (`self.photo` -> photo),
# or, for rules that read no field of `self`, the first fact (`facts.ssi.total`).
# Rules judging the same subject at the same place (warning/error bands, the
# low-SSI escalation) must never fire together.

_SELF_FIELD = re.compile(r"\bself\.([A-Za-z_]\w*)\b(?!\s*\()")  # a field, not a method such as lowerAscii()
_FACT = re.compile(r"\bfacts\.([a-z_]+(?:\.[a-z_]+)*)")


def _subject(rule: dict[str, Any]) -> str:
    when = " ".join(text for text in (rule.get("when"), rule.get("measure")) if text)
    for pattern in (_SELF_FIELD, _FACT):
        match = pattern.search(when)
        if match:
            return match.group(1)
    return ""


def _example_plans() -> Iterator[tuple[str, dict[str, Any]]]:
    for rule in RULES:
        for kind, examples in rule["examples"].items():
            for number, example in enumerate(examples, start=1):
                yield f"{rule['id']} {kind} example {number}", example
    for path in sorted(EXAMPLES.glob("*.plan.yaml")):
        yield path.name, yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


EXAMPLE_PLANS = list(_example_plans())


@pytest.mark.parametrize(("label", "plan"), EXAMPLE_PLANS, ids=[label for label, _ in EXAMPLE_PLANS])
def test_one_finding_per_problem(linter: Linter, label: str, plan: dict[str, Any]) -> None:
    seen: dict[tuple[str, str, str], str] = {}
    for finding in linter.check_data(plan):
        rule = RULES_BY_ID.get(finding.rule_id)
        if rule is None:
            continue
        key = (finding.path, finding.category, _subject(rule))
        assert key not in seen or seen[key] == finding.rule_id, (
            f"{label}: {seen.get(key)} and {finding.rule_id} both report {key}"
        )
        seen[key] = finding.rule_id


# (d) calibration on the example plans


def _findings(linter: Linter, name: str) -> list[Finding]:
    path = EXAMPLES / name
    if not path.is_file():
        pytest.skip(f"examples/{name} is not written yet")
    return linter.check_data(yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader))


def test_healthy_plan_has_no_warning_or_error(linter: Linter) -> None:
    serious = [f"{f.rule_id} {f.message}" for f in _findings(linter, "healthy.plan.yaml") if f.severity >= Severity.WARNING]
    assert serious == []


@pytest.mark.parametrize(
    ("problem", "rule_ids"),
    [
        ("invitation volume", {"OUT001", "OUT003", "PLN003"}),
        ("pending backlog", {"HYG001"}),
        ("acceptance rate", {"OUT008"}),
    ],
)
def test_risky_plan_has_errors(linter: Linter, problem: str, rule_ids: set[str]) -> None:
    errors = {f.rule_id for f in _findings(linter, "risky.plan.yaml") if f.severity is Severity.ERROR}
    assert errors & rule_ids, f"no error for {problem}; errors: {sorted(errors)}"


def test_empty_profile_gets_profile_findings(linter: Linter) -> None:
    findings = linter.check_data({"version": 1, "profile": {}})
    fired = {f.rule_id for f in findings if f.category == "profile" and f.path == "profile"}
    expected = {"PRF001": "photo", "PRF002": "banner", "PRF003": "headline", "PRF004": "about", "PRF006": "skills"}
    assert set(expected) <= fired, {name: rule_id in fired for rule_id, name in expected.items()}
    for rule_id, field in expected.items():
        assert _subject(RULES_BY_ID[rule_id]) == field


def test_an_empty_plan_is_not_clean_it_is_unknown(linter: Linter) -> None:
    findings = linter.check_data({"version": 1})
    assert {(f.rule_id, f.severity, f.path) for f in findings} == {
        (rule_id, Severity.INFO, "") for rule_id in ("COV001", "COV002", "COV003", "COV004", "SSI007")
    }


def test_leaving_the_account_out_says_no_less_than_an_empty_account(linter: Linter) -> None:
    plan = {"version": 1, "outreach": {"schedule": [{"week": 1, "invitations": 40}]}}
    without = {f.rule_id: f.path for f in linter.check_data(plan)}
    empty = {f.rule_id: f.path for f in linter.check_data({**plan, "account": {}})}
    assert set(without) == set(empty)
    assert (without["SSI007"], empty["SSI007"]) == ("", "account")  # the nearest present parent of `account.ssi`


@pytest.mark.parametrize("outreach", [{}, {"follow_instead_of_connect": True}])
def test_an_outreach_section_that_says_nothing_is_not_one_that_sends_nothing(linter: Linter, outreach: dict) -> None:
    # leaving the section out gets COV004; an empty one gets a finding for each of its unknown counts, never silence
    assert "COV004" in {f.rule_id for f in linter.check_data({"version": 1})}
    found = {f.rule_id: f.path for f in linter.check_data({"version": 1, "outreach": outreach}) if f.rule_id.startswith("COV")}
    assert {rule_id: path for rule_id, path in found.items() if rule_id in ("COV004", "COV005", "COV007", "COV008")} == {
        "COV005": "outreach", "COV007": "outreach", "COV008": "outreach",
    }


def test_a_volume_only_plan_is_judged_conservatively(linter: Linter) -> None:
    findings = linter.check_data({"version": 1, "outreach": {"invitations": {"per_week": 150}}})
    weekly = [f for f in findings if f.rule_id == "OUT003"]
    assert [(f.severity, f.path) for f in weekly] == [(Severity.ERROR, "outreach.invitations.per_week")]
    assert "SSI unknown (judged as below 50" in weekly[0].message
    assert {"COV001", "COV002", "COV003", "COV005", "COV006"} <= {f.rule_id for f in findings}


def test_a_value_that_breaks_the_schema_gets_no_verdict_of_its_own(linter: Linter) -> None:
    text = "version: 1\naccount: {age_days: 400}\noutreach:\n  invitations: {per_day: 40, per_week: -5}\n"
    findings = {f.rule_id: f for f in linter.check_document(load_text(text, "p")).findings}
    assert "SCHEMA001" in findings and "PLN002" not in findings  # not "per_day 40 is more than half of per_week -5"
    assert "OUT001" in findings  # the valid per_day is still judged, and the week from it
    assert "(40 a day x 5 days" in findings["OUT003"].message


def test_a_volume_given_but_unusable_is_not_called_missing(linter: Linter) -> None:
    text = "version: 1\noutreach:\n  invitations: {per_day: '20', per_week: -5}\n"
    findings = {f.rule_id: f for f in linter.check_document(load_text(text, "p")).findings}
    assert "gives no usable `per_day` or `per_week`" in findings["COV007"].message


@pytest.mark.parametrize(
    ("per_day", "days", "expected"),
    [(15, None, None), (20, None, None), (20, 7, Severity.ERROR), (30, None, Severity.ERROR)],
)
def test_daily_volume_becomes_weekly_over_the_active_days(
    linter: Linter, per_day: int, days: int | None, expected: Severity | None
) -> None:
    outreach: dict[str, Any] = {"invitations": {"per_day": per_day}}
    if days:
        outreach["active_days_per_week"] = days
    weekly = [f for f in linter.check_data({"version": 1, "outreach": outreach}) if f.rule_id == "OUT003"]
    assert [f.severity for f in weekly] == ([expected] if expected else [])
    if weekly:
        assert f"{per_day} a day x {days or 5} days" in weekly[0].message


# (e) every finding points at the field it is about


def _node(plan: Any, path: str) -> Any:
    node = plan
    for key in re.findall(r"[^.\[\]]+", path):
        node = node[int(key)] if isinstance(node, list) else node[key]
    return node


def _fields_read(rule: dict[str, Any]) -> list[str]:
    texts = " ".join(text for text in (rule.get("when"), rule.get("measure")) if text)
    return [*rule.get("subject", ()), *re.findall(r"(?<![\w.])self\.([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)", texts)]


@pytest.mark.parametrize(("label", "plan"), EXAMPLE_PLANS, ids=[label for label, _ in EXAMPLE_PLANS])
def test_no_finding_points_at_the_parent_of_a_present_field(linter: Linter, label: str, plan: dict[str, Any]) -> None:
    for finding in linter.check_data(plan):
        rule = RULES_BY_ID.get(finding.rule_id)
        if rule is None:
            continue
        node = _node(plan, finding.path)
        if not isinstance(node, dict) or "self" in rule.get("subject", ()):
            continue  # `subject: [self]`: about the node itself (what it leaves out), as the rule says
        fields = _fields_read(rule)
        assert fields or not node, f"{label}: {finding.rule_id} points at `{finding.path}` and names no field it is about (`subject`)"
        for field in fields:
            first = field.split(".")[0]
            if first != "plan" and first in node and not isinstance(node[first], dict):
                pytest.fail(f"{label}: {finding.rule_id} points at `{finding.path}` although it is about `{first}`, which the plan states")


def test_findings_inside_a_flow_mapping_point_at_the_field(linter: Linter) -> None:
    from ssi_lint.loading import load_text

    text = "version: 1\ncontent:\n  per_week: {posts: 0, reposts: 5, comments: 3}\n"
    findings = {f.rule_id: f for f in linter.check_document(load_text(text, "p.plan.yaml")).findings}
    assert (findings["CNT001"].path, findings["CNT001"].line, findings["CNT001"].column) == ("content.per_week.posts", 3, 14)
    assert "CNT003" not in findings, "CNT001 (no own posts) subsumes CNT003 (too many reposts)"


def test_a_suppression_on_the_field_line_covers_its_finding(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ssi_lint.cli import main

    plan = tmp_path / "p.plan.yaml"
    plan.write_text("version: 1\nprofile:\n  photo: false  # ssi-lint: ignore[PRF001] -- photo shoot booked\n  banner: true\n")
    output = CliRunner().invoke(main, ["--select", "PRF001,SUP", str(plan)]).output
    assert "PRF001" not in output and "SUP" not in output


FIRES_ON_ABSENT_OR_EMPTY = [rule for rule in RULES if re.match(r"\s*!has\(self\.\w+\)\s*\|\|", rule.get("when") or "")]
"""Rules whose condition is `!has(self.x) || <x is empty or too low>`."""


@pytest.mark.parametrize("rule", FIRES_ON_ABSENT_OR_EMPTY, ids=[rule["id"] for rule in FIRES_ON_ABSENT_OR_EMPTY])
def test_a_rule_that_fires_on_an_absent_and_on_an_empty_field_words_them_apart(rule: dict[str, Any]) -> None:
    assert rule.get("unstated"), f"{rule['id']} fires when its field is absent and when it is empty: give it an `unstated` message"


def test_a_field_the_plan_leaves_out_is_not_called_empty() -> None:
    for _ in range(2):  # compiled, then read back from the rule snapshot
        findings = Linter().check_data({"profile": {"headline": "Growth marketer", "about": " ", "photo": False}})
        messages = {finding.rule_id: finding.message for finding in findings}
        assert messages["PRF001"] == "The profile has no photo (photo: false)"
        assert messages["PRF002"] == "The plan does not say whether the profile has a cover image (`banner` is not set)"
        assert messages["PRF004"] == "The profile has no About section"


def _without_each_field(plan: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[str, dict[str, Any]]]:
    """The example plan once for every mapping key in it, with that key (and what it holds) left out."""
    node = plan
    for step in path:
        node = node[step]
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in children:
        if isinstance(node, dict):
            variant = yaml.load(yaml.dump(plan), Loader=yaml.CSafeLoader)
            parent = variant
            for step in path:
                parent = parent[step]
            del parent[key]
            yield ".".join(map(str, (*path, key))), variant
        yield from _without_each_field(plan, (*path, key)) if isinstance(child, dict | list) else iter(())


@pytest.mark.slow  # a long fixed workload: each example plan checked once per field left out
@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.plan.yaml")), ids=lambda path: path.name)
def test_no_message_shows_a_field_the_plan_leaves_out_as_not_set(linter: Linter, example: Path) -> None:
    """A placeholder for a field the plan may leave out names it as unstated (`{path?text}`), never `(not set)`."""
    plan = yaml.load(example.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    shown = [
        f"without {left_out}: {finding.rule_id}: {finding.message}"
        for left_out, variant in _without_each_field(plan)
        for finding in linter.check_data(variant)
        if "(not set)" in finding.message or "(not set)" in (finding.fix or "")
    ]
    assert not shown, "\n".join(shown)


def test_messages_and_fixes_cite_the_configured_thresholds() -> None:
    params = {
        "ADS002": {"min_cpc": {"USD": 3}},
        "ADS003": {"levels": {"error": 1000, "warning": 100000}},
        "OUT012": {"limit": 30, "error_limit": 60},
        "OUT014": {"levels": {"warning": 40, "error": 100}},
        "HYG001": {"levels": {"info": 100, "warning": 300, "error": 400}},
    }
    plan = {
        "account": {"ssi": {"total": 60}},
        "outreach": {"messages": {"per_day": 40}, "profile_views": {"per_day": 50}, "pending": {"sent": 350}},
        "ads": {"campaigns": [{"audience_size": 800, "bidding": {"charge": "cpc", "bid": 2.5}}]},
    }
    found = {finding.rule_id: finding for finding in Linter(LintOptions(params=params)).check_data(plan)}
    assert found["ADS002"].message.startswith("A bid of 2.5 USD (no currency is set) a click (charge: cpc) is below the minimum of 3 USD")
    assert "at least 1,000 members and suggests 100,000 or more" in found["ADS003"].message
    assert found["OUT012"].fix is not None and found["OUT012"].fix.startswith("Keep to 30 messages a day")
    assert found["OUT014"].fix == "Visit at most 40 profiles a day, the ones you mean to contact."
    assert found["HYG001"].fix is not None and found["HYG001"].fix.endswith("until the backlog is 100 or fewer.")


NEXT_TO_THE_THRESHOLD = [
    # a measured value a hair from its threshold, and how it must read (not as the threshold itself)
    ("OUT008", {"outreach": {"acceptance_rate": 0.2999}}, "29.99% of invitations are accepted; below 30% "),
    ("OUT008", {"outreach": {"acceptance_rate": 0.1499}}, "14.99% of invitations are accepted; below 15% "),
    ("CNT003", {"content": {"per_week": {"posts": 100, "photos": 0, "reposts": 101}}}, "Reposts are 50.2% of publications (101 a week; posts: 100; photos: 0); at most 50% "),
    ("OUT006", {"account": {"age_days": 10}, "outreach": {"active_days_per_week": 7, "invitations": {"per_day": 8},
                                                       "schedule": [{"week": 1, "invitations": 72}]}},
     "sends more than 10 invitations a day before it has 30 days of activity (week 1: 10.3 a day, "),
    ("OUT006", {"account": {"age_days": 10}, "outreach": {"active_days_per_week": 7, "invitations": {"per_day": 8},
                                                       "schedule": [{"week": 1, "invitations": 35}, {"week": 2, "invitations": 72}]}},
     "(week 2: 10.3 a day, "),
]


@pytest.mark.parametrize(("rule_id", "plan", "words"), NEXT_TO_THE_THRESHOLD, ids=[case[0] for case in NEXT_TO_THE_THRESHOLD])
def test_a_value_next_to_its_threshold_never_reads_as_the_threshold(linter: Linter, rule_id: str, plan: dict[str, Any], words: str) -> None:
    found = {finding.rule_id: finding for finding in linter.check_data(plan)}
    assert words in found[rule_id].message


NEW_ACCOUNT_WEEKS = [
    # plan text, the field OUT006 points at, its line and column, and the week and daily figure its message names
    ("account: {age_days: 10}\noutreach:\n  schedule:\n    - {week: 1, invitations: 35}\n    - {week: 2, invitations: 70}\n",
     "outreach.schedule[1].invitations", 5, 17, "(week 2: 14 a day, "),
    (("account: {age_days: 3}\noutreach:\n  active_days_per_week: 7\n  invitations:\n    per_day: 8\n"
      "  schedule:\n    - {week: 1, invitations: 35}\n    - {week: 2, invitations: 49}\n    - {week: 3, invitations: 98}\n"),
     "outreach.schedule[2].invitations", 9, 17, "(week 3: 14 a day, "),
    ("account: {age_days: 10}\noutreach:\n  invitations:\n    per_day: 8\n  schedule:\n    - {week: 2, invitations: 100}\n",
     "outreach.schedule[0].invitations", 6, 17, "(week 2: 20 a day, "),
    ("account: {age_days: 10}\noutreach:\n  invitations:\n    per_day: 25\n",
     "outreach.invitations.per_day", 4, 5, "(week 1: 25 a day, "),
    ("account: {age_days: 10}\noutreach:\n  invitations:\n    per_week: 100\n",
     "outreach.invitations.per_week", 4, 5, "(week 1: 20 a day, "),
    ("account: {age_days: 10}\noutreach:\n  invitations:\n    per_day: 25\n  schedule:\n    - {week: 1, invitations: 35}\n",
     "outreach.invitations.per_day", 4, 5, "(week 2: 25 a day, "),
]


@pytest.mark.parametrize(("text", "path", "line", "column", "words"), NEW_ACCOUNT_WEEKS,
                         ids=["schedule-week-2", "schedule-week-3", "schedule-after-per-day", "per-day-only", "per-week-only",
                              "per-day-after-schedule"])
def test_a_new_accounts_volume_points_at_the_first_week_over_the_limit(
    linter: Linter, text: str, path: str, line: int, column: int, words: str
) -> None:
    """OUT006 judges every week while the account is new: it names the first week over the limit and points at its field."""
    found = {finding.rule_id: finding for finding in linter.check_document(load_text(text, "p.plan.yaml")).findings}
    assert (found["OUT006"].path, found["OUT006"].line, found["OUT006"].column) == (path, line, column)
    assert words in found["OUT006"].message


def test_a_new_accounts_daily_limit_speaks_alone_for_its_field(linter: Linter) -> None:
    """A new account's daily limit (OUT006) supersedes the daily limit of any account (OUT001) about the same field."""
    found = {finding.rule_id: finding for finding in linter.check_data({"account": {"age_days": 20}, "outreach": {"invitations": {"per_day": 25}}})}
    assert "OUT001" not in found and found["OUT006"].path == "outreach.invitations.per_day"
    assert "keep to 10 a day" in found["OUT006"].message


def test_two_fields_two_limits_that_agree(linter: Linter) -> None:
    """OUT006 speaks for the week it judges, OUT001 for `per_day`; OUT001's fix names the new account's lower limit first."""
    outreach = {"invitations": {"per_day": 25}, "schedule": [{"week": 1, "invitations": 100}]}
    found = {finding.rule_id: finding for finding in linter.check_data({"account": {"age_days": 20}, "outreach": outreach})}
    assert found["OUT006"].path != found["OUT001"].path == "outreach.invitations.per_day"
    assert "a new or dormant account keeps to its lower limit first (OUT006)" in (found["OUT001"].fix or "")


@pytest.mark.parametrize(("invitations", "field"), [
    ({"per_day": 25, "per_week": 125}, "per_week"), ({"per_day": 25, "per_week": 150}, "per_week"), ({"per_day": 25}, "per_day"),
])
def test_one_day_judged_by_both_daily_limits_is_one_finding(linter: Linter, invitations: dict[str, Any], field: str) -> None:
    """A per_week whose days come to per_day's 25 is the day per_day states: OUT001 and OUT006 name the one field that sets
    it (the week's), and the new account's limit speaks alone, as it does without per_week (and with SIM004, at the same week)."""
    found = [finding for finding in linter.check_data({"account": {"age_days": 10}, "outreach": {"invitations": invitations}})
             if finding.rule_id in ("OUT001", "OUT006", "SIM004")]
    assert [(finding.rule_id, finding.path) for finding in found] == [("OUT006", f"outreach.invitations.{field}")]


def test_a_new_accounts_day_set_by_per_day_is_not_said_spread_over_the_week(linter: Linter) -> None:
    """11 a week cannot be spread over 5 days and hold a day of 11: the message says per_day sets the day."""
    found = {finding.rule_id: finding for finding in linter.check_data({"account": {"age_days": 1}, "outreach": {"invitations": {"per_day": 11, "per_week": 11}}})}
    assert "(week 1: 11 a day, the most a day per_day allows, in a week of 11 invitations)" in found["OUT006"].message
    assert "over 5 days" not in found["OUT006"].message


def test_the_daily_limit_judges_the_busiest_day_the_plan_implies(linter: Linter) -> None:
    """100 a week sent on one day a week is 100 in a day, whatever per_day says: OUT001 points at the week's field."""
    plan = {"account": {"age_days": 900}, "outreach": {"active_days_per_week": 1, "invitations": {"per_week": 100}}}
    found = {finding.rule_id: finding for finding in linter.check_data(plan)}
    assert found["OUT001"].severity == Severity.ERROR and found["OUT001"].path == "outreach.invitations.per_week"
    assert found["OUT001"].message.startswith("100 invitations a day (100 invitations a week over 1 day) is above 40 a day")


@pytest.mark.parametrize(("account", "said"), [
    ({}, "The plan does not give `account.age_days`, so the account counts as new"),
    ({"age_days": 2400, "active_days_per_week": 0}, "counts as dormant"),
])
def test_an_unknown_or_dormant_account_is_judged_new(linter: Linter, account: dict[str, Any], said: str) -> None:
    """Unknown is not old: the new-account limit and ramp-up apply, and the messages say why; `simulate` agrees."""
    plan = {"account": account, "outreach": {"invitations": {"per_day": 20}}}
    found = {finding.rule_id: finding for finding in linter.check_data(plan)}
    assert said in found["OUT006"].message and said in found["OUT007"].message
    from ssi_lint.simulation.core import simulate

    projection = simulate(plan)
    assert projection is not None and projection.new_account_weeks == 5
    assert "counts as new" in projection.assumptions["weekly_limit"]


@pytest.mark.parametrize(("invitations", "path"), [
    ("{per_day: 30, per_week: 15}", "outreach.invitations.per_day"),  # per_week below a day's: per_day sets the 150
    ("{per_day: 10, per_week: 150}", "outreach.invitations.per_week"),
    ("{per_day: 30}", "outreach.invitations.per_day"),
])
def test_the_weekly_limit_points_at_the_field_its_volume_is_read_from(linter: Linter, invitations: str, path: str) -> None:
    """OUT003 points at whichever of per_week and per_day gave the weekly volume it judges."""
    text = f"version: 1\noutreach:\n  invitations: {invitations}\n"
    found = {finding.rule_id: finding for finding in linter.check_document(load_text(text, "p.plan.yaml")).findings}
    assert found["OUT003"].path == path


OFFER_CATEGORY_RULES = ("ADS008", "ADS009", "ADS011", *(f"ADS0{number}" for number in range(13, 22)), "ADS023")

B2B_CATEGORIES = [
    # a listed word inside a longer word, or an ambiguous word in a B2B phrase, is no restricted offer
    ("digital", "sexual harassment prevention training"),  # sex (adult content)
    ("digital", "planning poker for scrum teams"),  # poker (gambling)
    ("service", "ammonia leak detection monitoring"),  # ammo (weapons)
    ("service", "supplemental health insurance for employers"),  # supplement (dietary supplements)
    ("digital", "pharmaceutical sales crm"),  # pharmaceutical (prescription drugs)
    ("digital", "interview slots scheduling"),  # slots (gambling)
    ("digital", "ecommerce analytics saas"),  # ecommerce (consumer goods)
    ("digital", "payday payroll software"),  # payday (payday loans)
    ("service", "b2b matchmaking events"),  # matchmaking (dating)
    ("service", "geopolitical risk consulting"),  # politic (political)
    # a listed word inside one of the rule's `unless` phrases means something else
    ("service", "digital detox workshops"),  # detox (dietary supplements)
    ("service", "team spirits retreat"),  # spirits (alcohol)
    ("digital", "election management software"),  # election (political)
    ("service", "political risk insurance"),  # political (political)
    ("service", "drug and alcohol testing"),  # alcohol (alcohol)
    ("service", "H-1B lottery immigration law"),  # lottery (gambling)
    ("digital", "adult content moderation api"),  # adult content (adult content)
    ("digital", "weapons detection analytics"),  # weapons (weapons)
    ("service", "radiocarbon dating lab"),  # dating (dating)
]


@pytest.mark.parametrize(("kind", "category"), B2B_CATEGORIES, ids=[category for _, category in B2B_CATEGORIES])
def test_a_b2b_offer_is_not_a_restricted_category(linter: Linter, kind: str, category: str) -> None:
    """The offer-category lists match whole words and phrases, not the start of a word."""
    plan = {"ads": {"campaigns": [{"offer": {"kind": kind, "category": category}}]}}
    assert [finding.rule_id for finding in linter.check_data(plan) if finding.rule_id in OFFER_CATEGORY_RULES] == []


RESTRICTED_CATEGORIES = [
    ("online casino", "ADS013"),
    ("sports-betting app", "ADS013"),
    ("online_poker", "ADS013"),
    ("slot machines", "ADS013"),
    ("sex toys shop", "ADS014"),
    ("ammo", "ADS015"),
    ("firearms store", "ADS015"),
    ("dietary supplements", "ADS018"),
    ("online pharmacy", "ADS021"),
    ("prescription drugs", "ADS021"),
    ("ballot measures", "ADS011"),
    ("fashion store", "ADS023"),
    # an exception phrase excuses only its own word, and only inside the phrase
    ("team spirits and whisky tasting", "ADS019"),
    ("team spirits and spirits tasting", "ADS019"),
    ("digital detox retreat with detox teas", "ADS018"),
    ("election management software for political parties", "ADS011"),
    ("election software and election ads", "ADS011"),
    ("election_campaign", "ADS011"),
    ("visa lottery and sports betting", "ADS013"),
]


@pytest.mark.parametrize(("category", "rule_id"), RESTRICTED_CATEGORIES, ids=[category for category, _ in RESTRICTED_CATEGORIES])
def test_a_restricted_category_is_found_and_pointed_at(linter: Linter, category: str, rule_id: str) -> None:
    plan = {"ads": {"campaigns": [{"offer": {"kind": "digital", "category": category}}]}}
    found = [(finding.rule_id, finding.path) for finding in linter.check_data(plan) if finding.rule_id in OFFER_CATEGORY_RULES]
    assert found == [(rule_id, "ads.campaigns[0].offer.category")]


WORD_LIST_RULES = ("ADS011", *(f"ADS0{number}" for number in range(13, 22)))


def test_the_word_list_rules_share_one_condition() -> None:
    """ADS011 and ADS013-ADS021 differ only in their `words` and `unless`: one condition, written once in the pack."""
    conditions = {RULES_BY_ID[rule_id]["when"] for rule_id in WORD_LIST_RULES}
    assert len(conditions) == 1


@pytest.mark.parametrize("rule_id", WORD_LIST_RULES)
def test_every_word_list_rule_has_its_exceptions_as_a_param(rule_id: str) -> None:
    """Each has `unless` (a list, empty where no word is ambiguous), so configuration can set it; each phrase holds one of its words."""
    params = RULES_BY_ID[rule_id]["params"]
    assert set(params) - {"authorized_clears"} == {"words", "unless"}  # `authorized_clears`: LinkedIn's authorization clears it (ADS021)
    assert isinstance(params["unless"], list)
    for phrase in params["unless"]:
        assert phrase == phrase.lower().strip() and "  " not in phrase and "-" not in phrase and "_" not in phrase, phrase
        assert any(f" {word} " in f" {phrase} " for word in params["words"]), phrase


def test_the_exceptions_judge_alike_in_the_batch_and_one_rule_at_a_time(linter: Linter) -> None:
    """The nested `exists` of `unless` gives the same findings in the batch program as in each rule's own program."""
    from ssi_lint.engine.evaluation import Evaluator
    from ssi_lint.model import Document

    categories = [category for _, category in B2B_CATEGORIES] + [category for category, _ in RESTRICTED_CATEGORIES]
    plans = [{"ads": {"campaigns": [{"offer": {"kind": "service", "category": category}} for category in order]}}
             for order in (categories, categories[::-1])]
    own = linter.ruleset.evaluator
    bound = Evaluator(own.rules, own.facts, functions=())
    bound.bind()
    assert bound._bound is not None and bound._bound.batch is not None
    alone = Evaluator(own.rules, own.facts)
    for plan in plans:
        assert bound._bound.batch_values(bound._bound.activation(plan, own.facts.compute(plan, strict=True))) is not None
        assert list(bound.findings(Document("p", plan), True)) == list(alone.findings(Document("p", plan), True))


@pytest.mark.parametrize(
    ("offer", "found"),
    [
        ({"kind": "physical", "category": "industrial sensors"}, [("ADS008", "ads.campaigns[0].offer.kind")]),
        ({"kind": "digital", "category": "fashion store"}, [("ADS023", "ads.campaigns[0].offer.category")]),
        ({"kind": "service", "category": "beauty salon"}, [("ADS023", "ads.campaigns[0].offer.category")]),
        ({"kind": "physical", "category": "fashion"}, [("ADS008", "ads.campaigns[0].offer.kind")]),  # one finding for one offer
        ({"kind": "physical", "category": "online casino"}, [("ADS013", "ads.campaigns[0].offer.category")]),  # the error speaks
        ({"kind": "digital", "category": "fashion saas"}, []),
        ({"kind": "digital", "category": "ecommerce analytics saas"}, []),
    ],
    ids=["physical", "digital-consumer", "service-consumer", "physical-consumer", "physical-casino", "consumer-saas", "ecommerce-saas"],
)
def test_physical_goods_and_consumer_categories_point_at_the_field_that_says_so(
    linter: Linter, offer: dict[str, str], found: list[tuple[str, str]]
) -> None:
    """ADS008 judges `kind: physical` (A1) and points at kind; ADS023 judges a consumer category (A2) and points at category."""
    plan = {"ads": {"campaigns": [{"offer": offer}]}}
    assert [(finding.rule_id, finding.path) for finding in linter.check_data(plan) if finding.rule_id in OFFER_CATEGORY_RULES] == found


@pytest.mark.parametrize(
    ("campaign", "found"),
    [
        ({"name": "a", "offer": {"category": "saas"}}, [("COV015", "ads.campaigns[0].offer")]),
        ({"name": "a", "daily_budget": 25}, [("COV013", "ads.campaigns[0]")]),  # one finding, naming both gaps
        ({"name": "a", "offer": {"kind": "digital"}}, [("COV013", "ads.campaigns[0].offer")]),
        ({"name": "a", "offer": {"kind": "physical", "category": "saas"}}, []),
    ],
    ids=["category-only", "no-offer", "kind-only", "both"],
)
def test_an_offer_that_does_not_say_what_it_is_is_reported_as_unchecked(
    linter: Linter, campaign: dict[str, object], found: list[tuple[str, str]]
) -> None:
    """Without `offer.kind` ADS008 (physical goods) cannot judge the offer: COV015 says so at the offer, COV013 too when the category is missing as well."""
    findings = [finding for finding in linter.check_data({"ads": {"campaigns": [campaign]}}) if finding.rule_id in ("COV013", "COV015")]
    assert sorted((finding.rule_id, finding.path) for finding in findings) == found
    kind_stated = "kind" in campaign.get("offer", {})
    for finding in findings:
        assert "`offer.kind`" in finding.message
        assert ("whether it sells physical goods" in finding.message) is not kind_stated, finding.message


@pytest.mark.parametrize(
    ("campaign", "path"),
    [
        ({"bidding": {"strategy": "manual", "currency": "USD"}}, "ads.campaigns[0].bidding"),
        ({"bidding": {"charge": "cpc"}}, "ads.campaigns[0].bidding"),
        ({"name": "a"}, "ads.campaigns[0]"),
    ],
)
def test_a_missing_bid_points_at_its_nearest_present_parent(linter: Linter, campaign: dict[str, object], path: str) -> None:
    """COV011 is about the absent `bid`: it points at `bidding` (or the campaign), not at a stated sibling such as `strategy`."""
    assert [finding.path for finding in linter.check_data({"ads": {"campaigns": [campaign]}}) if finding.rule_id == "COV011"] == [path]


def test_every_objective_and_format_ads007_offers_has_a_charge_ads006_accepts() -> None:
    """ADS006 (what the campaign pays for) and ADS007 (which formats an objective offers) never refuse one campaign between them."""
    charges, message_formats = RULES_BY_ID["ADS006"]["params"]["charges"], RULES_BY_ID["ADS006"]["params"]["message_formats"]
    for objective, formats in RULES_BY_ID["ADS007"]["params"]["formats"].items():
        for ad_format in formats:
            fitting = [charge for charge in charges[objective] if (charge == "send") == (ad_format in message_formats)]
            assert fitting, f"{objective} with {ad_format}: ADS007 offers it, and ADS006 accepts no charge for it"


@pytest.mark.parametrize(("account", "reason"), [
    ({"age_days": 900, "ssi": {"total": 75}}, "the tier is not stated (`account.tier`), so it is judged free"),
    ({"tier": "premium", "ssi": {"total": 75}}, "the account's age is not stated (`account.age_days`), so it counts as new"),
    ({"tier": "premium", "age_days": 200, "ssi": {"total": 75}}, "it has 200 days of activity, fewer than 365"),
    ({"tier": "premium", "age_days": 900, "active_days_per_week": 0, "ssi": {"total": 75}},
     "the account is stated used 0 days a week (`account.active_days_per_week: 0`), so it is dormant and has no days of activity"),
])
def test_a_high_ssi_held_to_the_lower_weekly_limit_is_told_why(linter: Linter, account: dict[str, Any], reason: str) -> None:
    """OUT003 judges 140 a week of an SSI of 75 against 100, not 150: its warning says what withholds the trusted limit."""
    found = {finding.rule_id: finding for finding in linter.check_data({"account": account, "outreach": {"invitations": {"per_week": 140}}})}
    assert found["OUT003"].message.endswith(f"more than 100 a week invites a restriction; the 150 a week an SSI of 70+ allows is withheld: {reason}")


def test_a_trusted_limit_the_ssi_would_not_earn_is_not_named(linter: Linter) -> None:
    found = {finding.rule_id: finding for finding in linter.check_data({"account": {"age_days": 900, "ssi": {"total": 60}}, "outreach": {"invitations": {"per_week": 140}}})}
    assert found["OUT003"].message.endswith("more than 100 a week invites a restriction")
