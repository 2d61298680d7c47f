"""The SNV rules on whole plans, through a Linter that loads the plugin by module name."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from snav_helpers import PLUGIN, options, plan, snv

from ssi_lint.api import Linter
from ssi_lint.errors import PluginError, RuleFileError

LONG_SUBJECT = "A question about " + "pipeline " * 25
SUBJECT_NEAR_LIMIT = "x" * 185 + " {first_name}"
BODY_NEAR_LIMIT = "Hi {first_name}, " + "y" * 1980
PERSONAL_BODY = "Hi {first_name}, I read your post on pipeline coverage at {company}."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (plan({"per_month": 80}, tier="sales_navigator"), ["SNV001"]),
        (plan({"per_month": 50}, tier="sales_navigator"), []),
        (plan({"per_month": 31}, tier="recruiter"), ["SNV001"]),
        (plan({"per_month": 30}, tier="recruiter"), []),
        (plan({"per_month": 6}, tier="premium"), ["SNV001"]),
        (plan({"per_month": 5}, tier="premium"), []),
        (plan({"per_month": 15, "premium_plan": "business"}, tier="premium"), []),
        (plan({"per_month": 16, "premium_plan": "business"}, tier="premium"), ["SNV001"]),
        (plan({"per_month": 1}, tier="free"), ["SNV002"]),
        (plan({"per_month": 0}, tier="free"), []),
        (plan({"per_month": 40}), ["SNV002"]),
        (plan({"per_month": 20, "subject": LONG_SUBJECT}, tier="sales_navigator"), ["SNV003"]),
        (plan({"per_month": 20, "subject": SUBJECT_NEAR_LIMIT}, tier="sales_navigator"), ["SNV005"]),
        (plan({"per_month": 20, "body": "z" * 2001}, tier="sales_navigator"), ["SNV004", "SNV007"]),
        (plan({"per_month": 20, "body": BODY_NEAR_LIMIT}, tier="sales_navigator"), ["SNV006"]),
        (plan({"per_month": 5, "body": "Hello, do you have 15 minutes?"}, tier="premium"), ["SNV007"]),
        (plan({"subject": "{first_name}, your post"}, tier="premium"), ["SNV009"]),  # no per_month: the credits are unchecked
        (plan({"per_month": 20, "subject": "{first_name}, your post", "body": PERSONAL_BODY}, tier="sales_navigator"), []),
        (plan(tier="sales_navigator"), []),
    ],
    ids=lambda value: "" if isinstance(value, dict) else "-".join(value) or "clean",
)
def test_rules_fire_exactly_where_they_should(snav: Linter, data: dict[str, Any], expected: list[str]) -> None:
    assert sorted(snv(snav.check_data(data))) == expected


def test_without_the_plugin_no_snv_rule_exists(core: Linter) -> None:
    assert snv(core.check_data(plan({"per_month": 80}, tier="sales_navigator"))) == []


def test_finding_points_at_the_field_and_says_why(snav: Linter, tmp_path: Path) -> None:
    source = tmp_path / "sn.plan.yaml"
    source.write_text(
        "version: 1\n"
        "account:\n"
        "  tier: sales_navigator\n"
        "outreach:\n"
        "  inmail:\n"
        "    per_month: 80\n"
        f"    subject: \"{LONG_SUBJECT}\"\n"
    )
    result = snav.check_path(source, "sn.plan.yaml")
    found = {finding.rule_id: finding for finding in result.findings if finding.rule_id.startswith("SNV")}
    assert set(found) == {"SNV001", "SNV003"}
    over = found["SNV001"]
    assert (over.file, over.line, over.column, over.path) == ("sn.plan.yaml", 6, 5, "outreach.inmail.per_month")
    assert over.message == "80 InMails a month need more than the 50 credits a month of Sales Navigator"
    assert over.severity.label == "error" and over.category == "plan" and over.pillar == "relationships"
    assert over.fix and "at most 50 InMails" in over.fix
    subject = found["SNV003"]
    assert (subject.line, subject.path) == (7, "outreach.inmail.subject")
    assert subject.message == f"The InMail subject is {len(LONG_SUBJECT)} characters; LinkedIn allows 200"


def test_premium_message_names_the_plan_it_assumed(snav: Linter) -> None:
    [finding] = [f for f in snav.check_data(plan({"per_month": 12}, tier="premium")) if f.rule_id == "SNV001"]
    assert finding.message == "12 InMails a month need more than the 5 credits a month of Premium Career (assumed: no premium_plan is set)"
    [finding] = [f for f in snav.check_data(plan({"per_month": 20, "premium_plan": "business"}, tier="premium")) if f.rule_id == "SNV001"]
    assert finding.message == "20 InMails a month need more than the 15 credits a month of Premium Business"


def test_placeholder_text_is_rendered_in_messages(snav: Linter) -> None:
    [finding] = [f for f in snav.check_data(plan({"body": "Hello"}, tier="premium")) if f.rule_id == "SNV007"]
    assert "{field}" in finding.message and "{{" not in finding.message
    assert finding.fix and "{first_name}" in finding.fix


def test_params_are_overridable() -> None:
    linter = Linter(options(PLUGIN, params={"SNV005": {"field_chars": 40}}, select=("SNV",)))
    subject = "x" * 170 + " {first_name}"  # 183 characters; 211 with 40-character fields
    assert snv(linter.check_data(plan({"per_month": 5, "subject": subject}, tier="premium"))) == ["SNV005"]
    default = Linter(options(PLUGIN, select=("SNV",)))
    assert snv(default.check_data(plan({"per_month": 5, "subject": subject}, tier="premium"))) == []


def test_severity_and_selection_apply_to_plugin_rules(tmp_path: Path) -> None:
    source = tmp_path / "x.plan.yaml"
    source.write_text("version: 1\naccount: {tier: free}\noutreach:\n  inmail: {per_month: 4}\n")
    linter = Linter(options(PLUGIN, select=("SNV",), severities={"SNV002": "warning"}))
    [finding] = linter.check_path(source).findings
    assert (finding.rule_id, finding.severity.label) == ("SNV002", "warning")


def test_metadata_cites_domain_with_confidence(snav: Linter) -> None:
    rules = [rule for rule in snav.rules if rule.id.startswith("SNV")]
    assert len(rules) == 8
    for rule in rules:
        assert re.fullmatch(r"SNV0\d\d", rule.id)
        assert "DOMAIN.md" in rule.source and re.search(r"\b(A|B|C|D)\)", rule.source), rule.id
        assert rule.rationale and rule.fix and rule.examples["fail"] and rule.examples["pass"], rule.id
        assert Path(rule.file).name == "inmail.yaml"
    guidance = {rule.id: rule.guidance for rule in rules}
    assert guidance["SNV002"] == ("P3", "R3") and guidance["SNV007"] == ("P3", "X2")


def test_guidance_ids_exist(snav: Linter) -> None:
    import yaml

    from ssi_lint import builtin

    known = set(yaml.safe_load((Path(builtin.__file__).parent / "guidance.yaml").read_text(encoding="utf-8")))
    for rule in snav.rules:
        if rule.id.startswith("SNV"):
            assert set(rule.guidance) <= known, rule.id


def test_a_second_plugin_with_the_same_rule_ids_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy of the plugin's pack in another plugin stops the run, naming both plugins."""
    from ssi_lint_sales_navigator.plugin import RULE_PACK

    clone = tmp_path / "clone.yaml"
    clone.write_bytes(RULE_PACK.read_bytes())
    (tmp_path / "snav_clone.py").write_text(
        "from ssi_lint.hookspecs import hookimpl\n"
        f"@hookimpl\ndef ssi_lint_rule_packs():\n    return [{str(clone)!r}]\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(RuleFileError, match=r"duplicate rule id SNV001") as caught:
        Linter(options(PLUGIN, "snav_clone"))
    assert PLUGIN in str(caught.value) and "snav_clone" in str(caught.value)


def test_a_second_plugin_with_the_same_fact_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "snav_fact_clone.py").write_text(
        "from ssi_lint.hookspecs import hookimpl\n"
        "from ssi_lint.model import Fact\n"
        "@hookimpl\ndef ssi_lint_facts():\n    return [Fact('inmail_credits', 'clone', lambda plan: 1)]\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(PluginError, match=r"fact 'inmail_credits' is provided by both plugin '(snav_fact_clone|ssi_lint_sales_navigator.plugin)' .* and plugin '(snav_fact_clone|ssi_lint_sales_navigator.plugin)'"):
        Linter(options(PLUGIN, "snav_fact_clone"))


def test_every_rule_example_holds() -> None:
    """Each rule's `fail` examples fire and its `pass` examples do not (ssi-lint skips this on ordinary loads)."""
    linter = Linter(options(PLUGIN, check_examples=True))
    assert len([rule for rule in linter.rules if rule.id.startswith("SNV")]) == 8


def test_a_wrong_example_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The examples check has teeth: a pass example that fires stops the load, located in the pack."""
    from ssi_lint_sales_navigator.plugin import RULE_PACK

    (tmp_path / "snav_without_pack.py").write_text(  # the plugin's facts and functions, not its pack
        "from ssi_lint.hookspecs import hookimpl\n"
        "from ssi_lint_sales_navigator.facts import FACTS\n"
        "from ssi_lint_sales_navigator.functions import FUNCTIONS\n"
        "ssi_lint_facts = hookimpl(lambda: FACTS)\n"
        "ssi_lint_cel_functions = hookimpl(lambda: FUNCTIONS)\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))

    broken = tmp_path / "inmail.yaml"
    broken.write_text(RULE_PACK.read_text(encoding="utf-8").replace(
        "        - {account: {tier: sales_navigator}, outreach: {inmail: {per_month: 50}}}",
        "        - {account: {tier: sales_navigator}, outreach: {inmail: {per_month: 51}}}",
    ), encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"inmail\.yaml:\d+:\d+: SNV001: pass example 1 fires"):
        Linter(options("snav_without_pack", check_examples=True, rule_packs=(broken,), select=("SNV001",)))


@pytest.mark.parametrize("data", [
    {"version": 1, "outreach": {"inmail": {"per_month": 10}}},
    {"version": 1, "account": {"age_days": 100}, "outreach": {"inmail": {"per_month": 10, "body": "Hi {first_name}"}}},
])
def test_snv_rules_leave_the_batch_whole_when_the_tier_is_not_stated(snav: Linter, data: dict[str, Any]) -> None:
    """SNV002 tests the tier with has() first: reading it on a plan without one would fail every rule's batch."""
    evaluator = snav.ruleset.evaluator
    evaluator.bind()  # with the plugin's CEL functions
    bound = evaluator._bound
    assert bound is not None and bound.batch_values(bound.activation(data, evaluator.facts.compute(data, True))) is not None
