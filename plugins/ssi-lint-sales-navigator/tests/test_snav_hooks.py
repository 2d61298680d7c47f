"""Each hook of the plugin, called through a fresh pluggy manager that knows only ssi-lint's hookspecs."""

from __future__ import annotations

import importlib
from pathlib import Path

import pluggy
import pytest
from snav_helpers import ENTRY_POINT, PLUGIN, options

from ssi_lint import hookspecs
from ssi_lint.api import Linter
from ssi_lint.engine.packs import read_pack
from ssi_lint.inventory import plugin_inventory
from ssi_lint.model import CelFunction, Fact
from ssi_lint.plugins import PluginSettings, build_plugin_host
from ssi_lint.schema import PLAN_SCHEMA, extend_schema, load_schema


@pytest.fixture
def manager() -> pluggy.PluginManager:
    """A new plugin manager with the plugin registered and nothing else."""
    manager = pluggy.PluginManager(hookspecs.PROJECT)
    manager.add_hookspecs(hookspecs)
    manager.register(importlib.import_module(PLUGIN), name=ENTRY_POINT)
    return manager


def test_every_hook_matches_a_specification(manager: pluggy.PluginManager) -> None:
    manager.check_pending()  # raises on a misspelled hook name
    implemented = {name for name in dir(manager.hook) if not name.startswith("_") and getattr(manager.hook, name).get_hookimpls()}
    assert implemented == {"ssi_lint_rule_packs", "ssi_lint_facts", "ssi_lint_cel_functions", "ssi_lint_plan_schema"}


def test_rule_packs_hook_returns_the_shipped_pack(manager: pluggy.PluginManager) -> None:
    [paths] = manager.hook.ssi_lint_rule_packs()
    assert [Path(path).name for path in paths] == ["inmail.yaml"]
    pack = read_pack(Path(paths[0]))  # valid against the rule-pack schema
    assert [rule.id for rule in pack.rules] == [f"SNV00{number}" for number in (1, 2, 3, 4, 5, 6, 7, 9)]


def test_facts_hook_returns_named_facts(manager: pluggy.PluginManager) -> None:
    [facts] = manager.hook.ssi_lint_facts()
    assert all(isinstance(fact, Fact) and fact.description for fact in facts)
    assert {fact.name for fact in facts} == {
        "inmail_credits",
        "inmail_credits_left",
        "inmail_subscription",
        "inmail_subject_length",
        "inmail_body_length",
    }
    computed = {fact.name: fact.compute({"account": {"tier": "recruiter"}, "outreach": {"inmail": {"per_month": 12}}}) for fact in facts}
    assert computed == {
        "inmail_credits": 30,
        "inmail_credits_left": 18,
        "inmail_subscription": "Recruiter Lite",
        "inmail_subject_length": None,
        "inmail_body_length": None,
    }


def test_cel_functions_hook_returns_typed_functions(manager: pluggy.PluginManager) -> None:
    [functions] = manager.hook.ssi_lint_cel_functions()
    assert all(isinstance(function, CelFunction) for function in functions)
    signatures = {function.name: [(overload.params, overload.result) for overload in function.overloads] for function in functions}
    assert signatures == {
        "snav.placeholders": [(("string",), "list")],
        "snav.filled_length": [(("string", "int"), "int")],
    }


def test_plan_schema_hook_extends_outreach(manager: pluggy.PluginManager) -> None:
    [extension] = manager.hook.ssi_lint_plan_schema()
    assert list(extension) == ["outreach"] and list(extension["outreach"]) == ["inmail"]
    schema = extend_schema(load_schema(PLAN_SCHEMA), [("sales_navigator", parent, fields) for parent, fields in extension.items()])
    assert schema["properties"]["outreach"]["properties"]["inmail"] == extension["outreach"]["inmail"]
    assert "inmail" not in load_schema(PLAN_SCHEMA)["properties"]["outreach"]["properties"]  # the base is not mutated


def test_plan_schema_fields_are_described_and_closed(manager: pluggy.PluginManager) -> None:
    [extension] = manager.hook.ssi_lint_plan_schema()
    inmail = extension["outreach"]["inmail"]
    assert inmail["additionalProperties"] is False and inmail["description"]
    assert set(inmail["properties"]) == {"per_month", "premium_plan", "subject", "body"}
    for name, field in inmail["properties"].items():
        assert len(field.get("description", "")) > 20, name


def test_loaded_by_module_name_beside_the_builtins() -> None:
    host = build_plugin_host(PluginSettings(modules=(PLUGIN,), autoload=False))
    assert [name for name, _ in host.manager.list_name_plugin()] == ["ssi_lint.builtin", PLUGIN]
    assert host.describe(PLUGIN) == f"plugin '{PLUGIN}' (--plugin)"


def test_disable_plugin_blocks_it() -> None:
    host = build_plugin_host(PluginSettings(modules=(PLUGIN,), disabled=(PLUGIN,), autoload=False))
    assert not host.manager.has_plugin(PLUGIN)


def test_inventory_lists_what_the_plugin_contributes(snav: Linter) -> None:
    [record] = [record for record in plugin_inventory(snav) if record["name"] == PLUGIN]
    assert record["origin"] == "--plugin"
    assert [Path(pack["path"]).name for pack in record["rule_packs"]] == ["inmail.yaml"]
    assert record["rule_packs"][0]["rules"] == 8
    assert record["facts"] == ["inmail_body_length", "inmail_credits", "inmail_credits_left", "inmail_subject_length", "inmail_subscription"]
    assert record["functions"] == ["snav.filled_length", "snav.placeholders"]
    assert record["schema_fields"] == ["outreach.inmail"]
    assert record["formats"] == [] and record["checks"] == [] and record["loader"] is False


def test_names_do_not_clash_with_the_builtins(core: Linter, snav: Linter) -> None:
    """The plugin only adds: every built-in rule, fact and function is still there, unchanged."""
    assert {rule.id for rule in core.rules} < {rule.id for rule in snav.rules}
    added = {rule.id for rule in snav.rules} - {rule.id for rule in core.rules}
    assert added == {f"SNV00{number}" for number in (1, 2, 3, 4, 5, 6, 7, 9)}


def test_loading_twice_is_the_same_plugin() -> None:
    """Linters are independent: building one with the plugin does not leak into one without."""
    with_plugin = Linter(options(PLUGIN))
    without = Linter(options())
    assert any(rule.id == "SNV001" for rule in with_plugin.rules)
    assert not any(rule.id.startswith("SNV") for rule in without.rules)
