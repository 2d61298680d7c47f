"""One threshold, one rule: the pending bands, the connection levels, the free note quota, the new-account daily pace and the SSI floor.

Each is written once (HYG001's levels, OUT010's levels and cap, OUT019's
`max_per_month`, OUT006's `max_per_day`, SSI001's error level); the rules that share it (`params_from`), the
projection (`rule:` entries of ssi_lint/simulation/model.yaml) and the messages
read it there, so that configuring it moves every verdict at once. Without
configuration every default stays as it was.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ssi_lint.api import Linter, LintOptions
from ssi_lint.cli import main
from ssi_lint.config import Config, check_rule_ids
from ssi_lint.errors import ConfigError, RuleFileError
from ssi_lint.simulation import simulate
from ssi_lint.simulation.core import pending_bands
from ssi_lint.simulation.fact import simulation
from ssi_lint.simulation.parameters import load_parameters
from ssi_lint.simulation.render import level
from ssi_lint.ssi_model import ssi_levels
from tests.json_check import check, write


def configured(tmp_path: Path, params: dict[str, Any]) -> str:
    return str(write(tmp_path, "config.yaml", {"params": params}))


def of(findings: list[dict[str, Any]], rule_id: str) -> list[dict[str, Any]]:
    return [finding for finding in findings if finding["rule_id"] == rule_id]


def applied(params: dict[str, Any]) -> Any:
    """The projection's parameters with a configuration's params applied, as a run applies them."""
    return load_parameters().applying(Linter(LintOptions(params=params)).applied_params())


# The pending bands: HYG001's levels


@pytest.mark.parametrize("sent", [199, 200, 201, 202, 499, 500, 501, 699, 700, 701])
def test_the_projection_bands_judge_a_count_as_hyg001_does(tmp_path: Path, sent: int) -> None:
    """HYG001 says info "> 200" and the projection "201 or more": the same counts, band by band."""
    [*found] = of(check(tmp_path, {"version": 1, "outreach": {"pending": {"sent": sent}}}, "--select", "HYG001"), "HYG001")
    assert (found[0]["severity"] if found else "") == level(sent, pending_bands())


def test_the_default_bands_stay_as_they_were() -> None:
    assert pending_bands() == {"info": 201, "warning": 500, "error": 700}
    assert load_parameters().stated("pending_bands") == {"error": 700, "warning": 500, "info": 200}


def test_configured_levels_move_hyg001_sim001_and_the_projection(tmp_path: Path) -> None:
    levels = {"info": 100, "warning": 150, "error": 220}
    config = configured(tmp_path, {"HYG001": {"levels": levels}})
    plan = {"version": 1, "outreach": {"pending": {"sent": 180}}}
    assert not of(check(tmp_path, plan, "--select", "HYG001"), "HYG001")
    assert of(check(tmp_path, plan, "--select", "HYG001", "--config", config), "HYG001")[0]["severity"] == "warning"

    assert applied({"HYG001": {"levels": levels}})["pending_bands"] == {"info": 101, "warning": 150, "error": 220}
    growing = {"version": 1, "outreach": {"acceptance_rate": 0.3, "pending": {"withdraw_after_days": 21}, "invitations": {"per_week": 100}}}
    [default] = of(check(tmp_path, growing, "--select", "SIM"), "SIM001")  # 228 pending by week 3
    [moved] = of(check(tmp_path, growing, "--select", "SIM", "--config", config), "SIM001")
    assert default["severity"] == "info" and "more than the usual 200" in default["message"]
    assert moved["severity"] == "error" and "(220 or more)" in moved["message"]
    quiet = {"version": 1, "outreach": {"acceptance_rate": 0.3, "pending": {"withdraw_after_days": 21}, "invitations": {"per_week": 60}}}
    assert not of(check(tmp_path, quiet, "--select", "SIM"), "SIM001")  # 136 pending at most
    [low] = of(check(tmp_path, quiet, "--select", "SIM", "--config", config), "SIM001")
    assert low["severity"] == "info" and "more than the usual 100" in low["message"]

    result = CliRunner().invoke(main, ["simulate", str(write(tmp_path, "b.plan.yaml", growing)), "--config", config], catch_exceptions=False)
    assert "bands: more than 100 info, 150+ warning, 220+ error" in result.output
    assert "SIM001 error" in result.output


def test_a_fractional_level_is_read_with_its_comparison() -> None:
    params = applied({"HYG001": {"levels": {"info": 150.5, "warning": 400.2}}})
    assert params["pending_bands"] == {"info": 151, "warning": 401, "error": 700}


# The connection levels: OUT010's levels (and its cap, where the projected network stops)

NEAR_CAP = {
    "version": 1, "account": {"tier": "premium", "age_days": 800, "ssi": {"total": 60}, "connections": 27900},
    "outreach": {"invitations": {"per_week": 100, "note": "personalized"}, "pending": {"sent": 100, "withdraw_after_days": 21},
                 "messages": {"per_day": 20}, "acceptance_rate": 0.4},
}
"""27,900 connections and 40 of 100 invitations accepted a week: 27,970 by week 2, 28,006 by week 3, 28,206 by week 8."""


def test_the_default_connection_levels_are_out010s() -> None:
    params = load_parameters()
    assert params["connection_levels"] == {"warning": 28000, "error": 30000} and params["connection_cap"] == 30000
    assert params.stated("connection_levels") == {"error": 30000, "warning": 28000}
    assert {"connection_levels": "OUT010.levels", "connection_cap": "OUT010.cap"}.items() <= {
        name: entry.rule for name, entry in params.entries.items()
    }.items()


@pytest.mark.parametrize("connections", [27999, 28000, 29999, 30000])
def test_the_projection_levels_judge_a_count_as_out010_does(tmp_path: Path, connections: int) -> None:
    found = of(check(tmp_path, {"version": 1, "account": {"connections": connections}}, "--select", "OUT010"), "OUT010")
    levels = load_parameters()["connection_levels"]
    expected = [name for name in ("warning", "error") if connections >= levels[name]]
    assert (found[0]["severity"] if found else "") == (expected[-1] if expected else "")


def test_configured_connection_levels_move_out010_sim002_and_simulate(tmp_path: Path) -> None:
    levels = {"warning": 27950, "error": 28200}
    config = configured(tmp_path, {"OUT010": {"levels": levels}})
    assert not of(check(tmp_path, {"version": 1, "account": {"connections": 27960}}, "--select", "OUT010"), "OUT010")
    [own] = of(check(tmp_path, {"version": 1, "account": {"connections": 27960}}, "--select", "OUT010", "--config", config), "OUT010")
    assert own["severity"] == "warning" and "at or above 27,950" in own["message"]

    assert applied({"OUT010": {"levels": levels}})["connection_levels"] == levels
    [default] = of(check(tmp_path, NEAR_CAP, "--select", "SIM"), "SIM002")
    [moved] = of(check(tmp_path, NEAR_CAP, "--select", "SIM", "--config", config), "SIM002")
    assert default["severity"] == "warning" and "Connections reach 28,006 in week 3, at or above 28,000," in default["message"]
    assert moved["severity"] == "error" and "Connections reach 28,206 in week 8, at or above 28,200," in moved["message"]
    assert "(27,970 in week 2, the warning level, 28,206 in week 8, the error level; " in moved["message"]
    warned = str(write(tmp_path, "warned.yaml", {"params": {"OUT010": {"levels": {"warning": 27950}}}}))
    [early] = of(check(tmp_path, NEAR_CAP, "--select", "SIM", "--config", warned), "SIM002")
    assert early["severity"] == "warning" and "Connections reach 27,970 in week 2, at or above 27,950," in early["message"]

    plan = write(tmp_path, "near.plan.yaml", NEAR_CAP)
    result = CliRunner().invoke(main, ["simulate", str(plan), "--config", config], catch_exceptions=False)
    assert "judged by OUT010's levels 27,950 (warning), 28,200 (error)" in result.output
    assert "SIM002 error Connections reach 28,206 in week 8" in result.output
    result = CliRunner().invoke(main, ["simulate", str(plan)], catch_exceptions=False)
    assert "judged by OUT010's levels 28,000 (warning), 30,000 (error)" in result.output
    assert "SIM002 warning Connections reach 28,006 in week 3" in result.output


def test_cov017_names_out010s_configured_levels_and_cap(tmp_path: Path) -> None:
    """A plan that sends invitations without a network size is told which of OUT010's levels could not be judged, as configured."""
    plan = {"version": 1, "account": {"age_days": 3650}, "outreach": {"invitations": {"per_week": 100}}}
    [default] = of(check(tmp_path, plan, "--select", "COV017"), "COV017")
    assert default["path"] == "account" and "cap of 30,000 (OUT010's levels: 28,000 and 30,000)" in default["message"]
    config = configured(tmp_path, {"OUT010": {"levels": {"warning": 3000, "error": 4000}, "cap": 4000}})
    [moved] = of(check(tmp_path, plan, "--select", "COV017", "--config", config), "COV017")
    assert "cap of 4,000 (OUT010's levels: 3,000 and 4,000)" in moved["message"]


def test_ads022_knows_the_currencies_configured_in_ads001_and_ads002(tmp_path: Path) -> None:
    """One currency table per minimum: a currency configured in ADS001's and ADS002's params is checked, and ADS022 is silent about it."""
    plan = {"version": 1, "ads": {"campaigns": [{"name": "e", "daily_budget": 3, "bidding": {"charge": "cpc", "bid": 0.5, "currency": "EUR"}}]}}
    [unknown] = of(check(tmp_path, plan, "--select", "ADS"), "ADS022")
    assert "daily budget in USD, GBP and minimum CPC bid in USD only" in unknown["message"]
    config = configured(tmp_path, {"ADS001": {"min_daily_budget": {"USD": 10, "GBP": 8, "EUR": 10}}, "ADS002": {"min_cpc": {"USD": 2, "EUR": 2}}})
    found = check(tmp_path, plan, "--select", "ADS", "--config", config)
    assert of(found, "ADS001") and of(found, "ADS002") and not of(found, "ADS022")
    budgets_only = configured(tmp_path, {"ADS001": {"min_daily_budget": {"USD": 10, "EUR": 10}}})
    [bids] = of(check(tmp_path, plan, "--select", "ADS", "--config", budgets_only), "ADS022")
    assert "daily budget in EUR, USD and minimum CPC bid in USD only" in bids["message"]  # the configured table, in its order


def test_a_campaign_without_a_currency_reads_in_the_configured_default_currency(tmp_path: Path) -> None:
    """The currency ADS001 and ADS002 judge an unstated one in (ADS001's `default_currency`, one for the campaign) is the one
    their message and fix name."""
    plan = {"version": 1, "ads": {"campaigns": [{"name": "e", "daily_budget": 3, "bidding": {"charge": "cpc", "bid": 0.5}}]}}
    [budget], [bid] = (of(check(tmp_path, plan, "--select", "ADS"), rule_id) for rule_id in ("ADS001", "ADS002"))
    assert "daily budget of 3 USD (no currency is set); LinkedIn's minimum is 10" in budget["message"]
    assert bid["message"].startswith("A bid of 0.5 USD (no currency is set) a click") and bid["fix"].startswith("Bid at least 2 USD a click")
    config = configured(tmp_path, {"ADS001": {"default_currency": "GBP"}, "ADS002": {"min_cpc": {"USD": 2, "GBP": 1.6}}})
    found = check(tmp_path, plan, "--select", "ADS", "--config", config)
    [budget], [bid] = of(found, "ADS001"), of(found, "ADS002")
    assert "daily budget of 3 GBP (no currency is set); LinkedIn's minimum is 8" in budget["message"]
    assert "below the minimum of 1.6 GBP" in bid["message"] and bid["fix"].startswith("Bid at least 1.6 GBP a click")


def test_the_default_currency_is_configured_once_for_both_minimums(tmp_path: Path) -> None:
    """ADS002 judges with ADS001's default currency: configuring it under ADS002 says where it is written."""
    config = configured(tmp_path, {"ADS002": {"default_currency": "EUR"}})
    result = CliRunner().invoke(main, ["check", "--config", config, str(write(tmp_path, "a.plan.yaml", {"version": 1}))])
    assert result.exit_code == 2
    assert "params.ADS002.default_currency: ADS002 judges with the params of ADS001: set it under params.ADS001.default_currency" in result.output


HORIZON_PLANS = [  # between them, every rule whose fix names a withdraw horizon fires
    {"version": 1, "outreach": {"invitations": {"per_week": 60}, "acceptance_rate": 0.3, "pending": {"sent": 480, "withdraw_after_days": 10}}},
    {"version": 1, "outreach": {"invitations": {"per_week": 100}, "acceptance_rate": 0.2, "pending": {"sent": 600, "withdraw_after_days": 60}}},
    {"version": 1, "outreach": {"invitations": {"per_week": 150}, "acceptance_rate": 0.2}},
]
HORIZON_FIXES = {"HYG001", "HYG004", "PLN005", "PLN006", "SIM001", "COV005"}


@pytest.mark.parametrize(
    ("params", "days"),
    [({}, 21), ({"PLN005": {"max_days": 20}}, 20), ({"PLN006": {"min_days": 25}}, 25), ({"HYG004": {"withdraw_after_days": 18}}, 18)],
)
def test_every_fix_names_one_withdraw_horizon_within_pln005_and_pln006(tmp_path: Path, params: dict[str, Any], days: int) -> None:
    """HYG004's recommended horizon, kept in the range PLN006 and PLN005 accept as configured, is the one every fix names."""
    options = ("--config", configured(tmp_path, params)) if params else ()
    fixes = {finding["rule_id"]: finding["fix"] for plan in HORIZON_PLANS for finding in check(tmp_path, plan, *options)}
    assert HORIZON_FIXES <= set(fixes)
    for rule_id in HORIZON_FIXES:
        assert f"withdraw_after_days: {days}`" in fixes[rule_id] or f"withdraw_after_days ({days} is recommended)" in fixes[rule_id], rule_id
        assert days == 21 or "21 days" not in fixes[rule_id], rule_id
    assert "your horizon" not in fixes["HYG004"]  # the plan's own 10 days are what PLN006 calls too short


@pytest.mark.parametrize("params", [{"PLN006": {"min_days": 40}}, {"PLN005": {"max_days": 10}}, {"PLN005": {"max_days": 20}, "PLN006": {"min_days": 21}}])
def test_a_withdraw_range_no_horizon_is_in_is_refused(tmp_path: Path, params: dict[str, Any]) -> None:
    """PLN006's least above PLN005's most leaves every horizon too short for one or too long for the other: one config error."""
    with pytest.raises(ConfigError, match=r"^params: PLN006\.min_days \(\d+\) is above PLN005\.max_days \(\d+\)"):
        Linter(LintOptions(params=params))
    plan = write(tmp_path, "a.plan.yaml", HORIZON_PLANS[0])
    result = CliRunner().invoke(main, ["check", str(plan), "--config", configured(tmp_path, params)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "is above PLN005.max_days" in result.stderr


@pytest.mark.parametrize(("params", "missing"), [
    ({"ADS001": {"default_currency": "CHF"}}, "ADS001.min_daily_budget or ADS002.min_cpc"),
    ({"ADS001": {"default_currency": "GBP"}}, "ADS002.min_cpc"),  # GBP has a budget minimum, no bid minimum
])
def test_a_default_currency_without_its_minimums_is_refused(tmp_path: Path, params: dict[str, Any], missing: str) -> None:
    """A campaign that states no currency is judged in ADS001's default_currency: one neither table knows would leave it unchecked."""
    currency = params["ADS001"]["default_currency"]
    with pytest.raises(ConfigError, match=rf"^params: ADS001\.default_currency \({currency}\) has no minimum in {re.escape(missing)}: "):
        Linter(LintOptions(params=params))
    both = {"ADS001": {**params["ADS001"], "min_daily_budget": {currency: 10}}, "ADS002": {"min_cpc": {currency: 2}}}
    assert Linter(LintOptions(params=both)).ruleset.evaluator.facts.rule_params["ADS001"]["default_currency"] == currency


def test_a_default_currency_is_checked_against_the_tables_of_the_rules_that_run() -> None:
    """GBP has a budget minimum but no bid minimum: with ADS002 left out, nothing judges a bid in it."""
    params = {"ADS001": {"default_currency": "GBP"}}
    assert Linter(LintOptions(params=params, ignore=("ADS002",))).ruleset.evaluator.facts.rule_params["ADS002"]["default_currency"] == "GBP"
    with pytest.raises(ConfigError, match=r"has no minimum in ADS002\.min_cpc: "):
        Linter(LintOptions(params=params, ignore=("ADS001",)))  # ADS002 still judges bids in ADS001's default currency


def test_an_equal_least_and_most_horizon_is_accepted() -> None:
    assert Linter(LintOptions(params={"PLN005": {"max_days": 20}, "PLN006": {"min_days": 20}})).ruleset.evaluator.facts.rule_params["PLN006"]["min_days"] == 20


def test_pln005s_machine_fix_is_the_recommended_horizon(tmp_path: Path) -> None:
    plan = write(tmp_path, "late.plan.yaml", HORIZON_PLANS[1])
    config = configured(tmp_path, {"PLN005": {"max_days": 20}})
    CliRunner().invoke(main, ["check", str(plan), "--fix", "--select", "PLN005", "--config", config], catch_exceptions=False)
    assert "withdraw_after_days: 20" in plan.read_text(encoding="utf-8")


def test_the_projected_network_stops_at_out010s_cap() -> None:
    params = applied({"OUT010": {"cap": 28100}})
    projection = simulate(NEAR_CAP, params=params)
    assert projection is not None and max(week.connections or 0 for week in projection.weeks) == 28100
    assert "LinkedIn's cap of 28,100" in projection.assumptions["connections"]
    value = simulation(NEAR_CAP, Linter(LintOptions(params={"OUT010": {"cap": 28100}})).applied_params())
    assert value is not None and value["connections"]["cap"] == 28100


# The free note quota: OUT019's max_per_month

FREE_NOTES = {"version": 1, "account": {"tier": "free"}, "outreach": {"invitations": {"per_week": 1, "note": "personalized"}}}
FREE_NONE = {"version": 1, "account": {"tier": "free"}, "outreach": {"invitations": {"per_week": 20, "note": "none"}}}


def test_the_note_quota_moves_out019_ppl008_and_the_projection(tmp_path: Path) -> None:
    config = configured(tmp_path, {"OUT019": {"max_per_month": 2}})
    assert not of(check(tmp_path, FREE_NOTES, "--select", "OUT019"), "OUT019")
    [over] = of(check(tmp_path, FREE_NOTES, "--select", "OUT019", "--config", config), "OUT019")
    assert "may add a note to 2 invitations a month" in over["message"]
    [default] = of(check(tmp_path, FREE_NONE, "--select", "PPL008"), "PPL008")
    [moved] = of(check(tmp_path, FREE_NONE, "--select", "PPL008", "--config", config), "PPL008")
    assert "a note to 5 invitations a month" in default["message"] and "Spend the 5 notes" in default["fix"]
    assert "a note to 2 invitations a month" in moved["message"] and "Spend the 2 notes" in moved["fix"]

    params = applied({"OUT019": {"max_per_month": 2}})
    assert params["free_note_quota"] == 2 and load_parameters()["free_note_quota"] == 5
    plan = {**FREE_NOTES, "outreach": {"acceptance_rate": 0.3, "invitations": {"per_week": 1, "note": "personalized"}}}
    projection = simulate(plan, params=params)
    assert projection is not None and "add a note to 2 invitations in any 30 days" in projection.assumptions["note_quota"]
    value = simulation(plan, Linter(LintOptions(params={"OUT019": {"max_per_month": 2}})).applied_params())
    assert value is not None and value["note_quota"]["threshold"] == 2
    assert "note_quota" not in (simulation(plan) or {}), "1 a week stays within the default 5 in any 30 days"


def test_ppl008_takes_the_quota_from_out019() -> None:
    linter = Linter()
    assert linter.effective_params()["PPL008"] == linter.effective_params()["OUT019"] == {"max_per_month": 5}
    with pytest.raises(ConfigError, match=r"params\.PPL008\.max_per_month: PPL008 judges with the params of OUT019"):
        check_rule_ids(Config(params={"PPL008": {"max_per_month": 3}}), linter.rules)
    with pytest.raises(ConfigError, match=r"params\.PPL008: unknown parameter `notes_per_month`"):
        check_rule_ids(Config(params={"PPL008": {"notes_per_month": 3}}), linter.rules)


# The new-account pace: OUT006's max_per_day, below which PLN002 sees no burst

SMALL_DAY = {"version": 1, "account": {"age_days": 400}, "outreach": {"invitations": {"per_day": 8, "per_week": 12}}}
"""8 a day against 12 a week: two days hold the week, but 8 is within a new account's 10."""


def test_the_daily_pace_moves_out006_and_pln002(tmp_path: Path) -> None:
    config = configured(tmp_path, {"OUT006": {"max_per_day": 6}})
    assert not of(check(tmp_path, SMALL_DAY, "--select", "PLN002"), "PLN002")
    assert of(check(tmp_path, SMALL_DAY, "--select", "PLN002", "--config", config), "PLN002")
    new = {"version": 1, "account": {"age_days": 10}, "outreach": {"invitations": {"per_day": 8}}}
    assert not of(check(tmp_path, new, "--select", "OUT006"), "OUT006")
    [early] = of(check(tmp_path, new, "--select", "OUT006", "--config", config), "OUT006")
    assert "more than 6 invitations a day" in early["message"]
    assert early["fix"].startswith("Start at no more than 6 invitations a day")
    five = configured(tmp_path, {"OUT006": {"max_per_day": 5}})
    fixes = {finding["rule_id"]: finding["fix"] for finding in check(tmp_path, new, "--select", "OUT006,OUT007", "--config", five)}
    assert "5-5" not in fixes["OUT006"] and "no more than 5 invitations a day" in fixes["OUT006"]
    assert "a first week at no more than 5 invitations a day" in fixes["OUT007"]


def test_pln002_keeps_min_days_of_its_own(tmp_path: Path) -> None:
    linter = Linter()
    assert linter.effective_params()["PLN002"] == {"new_account_days": 30, "max_per_day": 10, "min_days": 2}
    burst = {"version": 1, "outreach": {"invitations": {"per_day": 40, "per_week": 60}}}
    assert of(check(tmp_path, burst, "--select", "PLN002"), "PLN002")
    assert not of(check(tmp_path, burst, "--select", "PLN002", "--config", configured(tmp_path, {"PLN002": {"min_days": 1}})), "PLN002")
    with pytest.raises(ConfigError, match=r"params\.PLN002\.max_per_day: PLN002 judges with the params of OUT006: set it under params\.OUT006"):
        check_rule_ids(Config(params={"PLN002": {"max_per_day": 12}}), linter.rules)
    check_rule_ids(Config(params={"PLN002": {"min_days": 3}, "OUT006": {"max_per_day": 8}}), linter.rules)
    moved = Linter(LintOptions(params={"PLN002": {"min_days": 3}, "OUT006": {"max_per_day": 8}})).effective_params()
    assert moved["PLN002"] == {"new_account_days": 30, "max_per_day": 8, "min_days": 3} and moved["OUT006"]["max_per_day"] == 8


def test_a_new_accounts_weeks_are_projected_at_out006s_daily_limit(tmp_path: Path) -> None:
    plan = {
        "version": 1, "account": {"tier": "premium", "age_days": 5, "ssi": {"total": 60}},
        "outreach": {"active_days_per_week": 5, "acceptance_rate": 0.3, "pending": {"sent": 0, "withdraw_after_days": 21},
                     "schedule": [{"week": 1, "invitations": 40}, {"week": 2, "invitations": 60}], "invitations": {"per_week": 60}},
    }
    projection = simulate(plan)
    assert projection is not None and projection.new_account_weeks == 4  # weeks starting at days 5, 12, 19 and 26
    assert [week.weekly_limit for week in projection.weeks][:6] == [50, 50, 50, 50, 100, 100]
    assert "weeks 1-4: the account is under 30 days old, so at most 10 a day" in projection.assumptions["weekly_limit"]
    [over] = of(check(tmp_path, plan, "--select", "OUT006,SIM004"), "OUT006")
    assert over["severity"] == "error" and not of(check(tmp_path, plan, "--select", "OUT006,SIM004"), "SIM004"), "OUT006 speaks for SIM004"
    [projected] = of(check(tmp_path, plan, "--select", "SIM004"), "SIM004")
    assert projected["severity"] == "error" and "Week 2 sends 60 invitations, over 50" in projected["message"]
    moved = applied({"OUT006": {"new_account_days": 14, "max_per_day": 8}})
    assert [week.weekly_limit for week in simulate(plan, params=moved).weeks][:3] == [40, 40, 100]  # days 5 and 12 start new weeks
    unstated = simulate({**plan, "account": {"tier": "premium", "ssi": {"total": 60}}})
    assert unstated is not None and unstated.new_account_weeks == 5, "no age: unknown is not old, the account counts as new"
    assert "the plan does not give `account.age_days`, so the account counts as new" in unstated.assumptions["weekly_limit"]
    assert simulate({**plan, "account": {"tier": "premium", "ssi": {"total": 60}, "age_days": 400}}).new_account_weeks == 0


def test_out007_calls_an_account_new_as_out006_does(tmp_path: Path) -> None:
    plan = {"version": 1, "account": {"tier": "premium", "age_days": 40}, "outreach": {"invitations": {"per_day": 15, "note": "personalized"}}}
    assert not of(check(tmp_path, plan, "--select", "OUT006,OUT007"), "OUT007")
    config = configured(tmp_path, {"OUT006": {"new_account_days": 60}})
    found = check(tmp_path, plan, "--select", "OUT006,OUT007", "--config", config)
    assert of(found, "OUT006") and of(found, "OUT007"), "a 40-day-old account is new to both, or to neither"
    with pytest.raises(ConfigError, match=r"params\.OUT007\.new_account_days: OUT007 judges with the params of OUT006"):
        check_rule_ids(Config(params={"OUT007": {"new_account_days": 60}}), Linter().rules)


def test_own_params_may_not_repeat_the_sources(tmp_path: Path) -> None:
    from ssi_lint.engine.ruleset import read_packs

    def rule(rule_id: str, **fields: Any) -> dict[str, Any]:
        return {
            "id": rule_id, "name": rule_id.lower(), "title": "Own", "pillar": "plan", "category": "plan", "severity": "warning",
            "given": "outreach.invitations.per_week", "when": "self > params.limit", "message": "over {params.limit}",
            "examples": {"fail": [{"outreach": {"invitations": {"per_week": 200}}}], "pass": [{}]}, **fields,
        }

    pack = {"rules": [rule("OWN001", params={"limit": 100}), rule("OWN002", params_from="OWN001", params={"limit": 90})]}
    with pytest.raises(RuleFileError, match=r"OWN002: params_from: limit is OWN001's: one threshold has one name"):
        read_packs([write(tmp_path, "own.yaml", pack)])


def test_levels_written_as_cel_may_read_a_levelled_rules_params(tmp_path: Path) -> None:
    """A rule may borrow the numeric levels of another (`params_from`) when its own levels read them; configuring the source moves both."""
    from ssi_lint.engine.ruleset import read_packs

    def rule(rule_id: str, given: str, **fields: Any) -> dict[str, Any]:
        return {
            "id": rule_id, "name": rule_id.lower(), "title": "Own", "pillar": "plan", "category": "plan", "given": given,
            "compare": ">=", "message": "{self} at {level}", **fields,
        }

    source = rule("OWN001", "outreach.pending.sent", levels={"warning": 500, "error": 700},
                  examples={"error": [{"outreach": {"pending": {"sent": 800}}}], "pass": [{}]})
    borrower = rule("OWN002", "outreach.pending.received", params_from="OWN001",
                    levels={"warning": "params.levels.warning", "error": "params.levels.error"},
                    examples={"warning": [{"outreach": {"pending": {"received": 600}}}], "pass": [{}]})
    pack = write(tmp_path, "own.yaml", {"rules": [source, borrower]})
    plan = {"version": 1, "outreach": {"pending": {"sent": 600, "received": 600}}}
    found = {(f["rule_id"], f["severity"]) for f in check(tmp_path, plan, "--rules", str(pack), "--select", "OWN")}
    assert found == {("OWN001", "warning"), ("OWN002", "warning")}
    config = configured(tmp_path, {"OWN001": {"levels": {"warning": 400, "error": 550}}})
    found = {(f["rule_id"], f["severity"]) for f in check(tmp_path, plan, "--rules", str(pack), "--select", "OWN", "--config", config)}
    assert found == {("OWN001", "error"), ("OWN002", "error")}
    numeric = write(tmp_path, "numeric.yaml", {"rules": [source, {**borrower, "levels": {"warning": 500, "error": 700}}]})
    with pytest.raises(RuleFileError, match=r"OWN002: params_from: a rule with numeric levels has params of its own"):
        read_packs([numeric])


# The SSI floor: SSI001's error level

SSI_FLOOR = ssi_levels().floor


def test_sim004_fix_names_the_reason_of_the_limit_it_crosses(tmp_path: Path) -> None:
    """The floor is read, not written; the fix names the SSI only where the SSI sets the limit, a new account's days where they do."""
    fix = next(rule for rule in Linter().rules if rule.id == "SIM004").fix or ""
    assert str(SSI_FLOOR) not in fix, "the floor is read, not written"
    config = configured(tmp_path, {"OUT003": {"limit": 80}})
    outreach = {"acceptance_rate": 0.3, "pending": {"withdraw_after_days": 21}, "invitations": {"per_week": 90}}
    [low] = of(check(tmp_path, {"version": 1, "account": {"age_days": 400}, "outreach": outreach}, "--select", "SIM", "--config", config), "SIM004")
    assert f"raise the SSI to {SSI_FLOOR} or more" in low["fix"], "an unknown SSI makes going over an error"
    aged = {"version": 1, "account": {"ssi": {"total": 60}, "age_days": 400}, "outreach": outreach}
    [over] = of(check(tmp_path, aged, "--select", "SIM", "--config", config), "SIM004")
    assert over["fix"] == (
        "Keep every week within its limit, 80 invitations a week; only a paid account at least 365 days old with a declared SSI of 70+ may send up to 150."
    )
    [new] = of(check(tmp_path, {**aged, "account": {"ssi": {"total": 60}}}, "--select", "SIM"), "SIM004")
    assert "SSI" not in new["fix"] and "10 invitations a day until the account has 30 days of activity" in new["fix"]
    assert new["message"].startswith("Week 1 sends 90 invitations, over 50, a new account's 10 a day (assumed: "), "no age: new is assumed, not a fact"
    assert new["message"].endswith(", the plan does not give `account.age_days`, so the account counts as new)"), "in OUT006's words"
    value = simulation({"outreach": {"invitations": {"per_week": 150}}})
    assert value is not None and value["weekly_limit"]["ssi_floor"] == SSI_FLOOR


def test_configured_ssi001_levels_move_the_volume_rules_the_report_and_simulate(tmp_path: Path) -> None:
    """SSI001's levels are the one floor: configured, the volume rules' low-SSI verdicts, their words, the JSON report's
    bands, the chart and `simulate` judge an SSI of 47 by 45, not 50."""
    config = configured(tmp_path, {"SSI001": {"levels": {"error": 45, "warning": 52}}})
    plan = {"version": 1, "account": {"ssi": {"total": 47}, "age_days": 400}, "outreach": {"invitations": {"per_week": 150}}}
    [default] = of(check(tmp_path, plan, "--select", "OUT003"), "OUT003")
    [moved] = of(check(tmp_path, plan, "--select", "OUT003", "--config", config), "OUT003")
    assert (default["severity"], moved["severity"]) == ("error", "warning")
    [ssi] = of(check(tmp_path, plan, "--select", "SSI001", "--config", config), "SSI001")
    assert ssi["severity"] == "warning" and ssi["fix"].endswith("keep outreach low until SSI is 45 or more.")
    partial = {"version": 1, "account": {"ssi": {"brand": 8, "people": 8, "insights": 8}}, "outreach": {"messages": {"per_day": 60}}}
    [message] = of(check(tmp_path, partial, "--select", "OUT012", "--config", config), "OUT012")
    assert "judged as below 45, which it may be" in message["message"]
    path = write(tmp_path, "b.plan.yaml", plan)
    report = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--config", config], catch_exceptions=False)
    [entry] = json.loads(report.output)["files"]
    assert entry["ssi"]["bands"] == ["below-optimal"] and entry["ssi"]["levels"]["floor"] == 45
    chart = CliRunner().invoke(main, ["check", str(path), "--show-ssi", "--select", "SSI001", "--config", config], catch_exceptions=False)
    assert "45|" in chart.output and "[52" in chart.output
    simulated = CliRunner().invoke(main, ["simulate", str(path), "--config", config], catch_exceptions=False)
    assert "(SSI 47)" in simulated.output and "below 50" not in simulated.output
