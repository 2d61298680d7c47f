"""`ssi-lint plugins`: every active plugin, its origin, and what it contributes."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ssi_lint.api import Linter

_NAMED_HOOKS = {
    "facts": ("ssi_lint_facts", "name"),
    "functions": ("ssi_lint_cel_functions", "name"),
    "checks": ("ssi_lint_checks", "id"),
}


def plugin_inventory(linter: Linter) -> list[dict[str, Any]]:
    """One record per registered plugin, in load order."""
    host = linter.plugins
    records: dict[str, dict[str, Any]] = {
        name: {"name": name, "origin": host.origins.get(name, ""), "rule_packs": [], "facts": [], "functions": [],
               "formats": [], "checks": [], "schema_fields": [], "commands": [], "loader": False}
        for name, plugin in host.manager.list_name_plugin()
        if plugin is not None
    }
    rule_counts = {pack.path: len(pack.rules) for pack in linter.packs}
    for name, paths in host.results("ssi_lint_rule_packs"):
        records[name]["rule_packs"] = [{"path": Path(path).as_posix(), "rules": rule_counts.get(Path(path), 0)} for path in paths]
    for key, (hook, attribute) in _NAMED_HOOKS.items():
        for name, items in host.results(hook):
            records[name][key] = sorted(getattr(item, attribute) for item in items)
    for name, formats in host.results("ssi_lint_formats"):
        records[name]["formats"] = sorted(formats)
    for name, commands in host.results("ssi_lint_commands"):
        records[name]["commands"] = sorted(commands)
    for name, extension in host.results("ssi_lint_plan_schema", Mapping):
        records[name]["schema_fields"] = sorted(".".join(filter(None, (parent, field))) for parent, fields in extension.items() for field in fields)
    for impl in host.manager.hook.ssi_lint_load_document.get_hookimpls():
        records[impl.plugin_name]["loader"] = True
    return list(records.values())


def render_text(records: list[dict[str, Any]]) -> str:
    """A block per plugin: name, origin, then one line per kind of contribution."""
    out = []
    for record in records:
        out.append(f"{record['name']} ({record['origin'] or 'unknown origin'})")
        packs = ", ".join(f"{pack['path']} ({pack['rules']} rules)" for pack in record["rule_packs"])
        lines = {
            "rule packs": packs,
            "facts": ", ".join(record["facts"]),
            "CEL functions": ", ".join(record["functions"]),
            "formats": ", ".join(record["formats"]),
            "checks": ", ".join(record["checks"]),
            "plan fields": ", ".join(record["schema_fields"]),
            "commands": ", ".join(record["commands"]),
            "loader": "yes" if record["loader"] else "",
        }
        out += [f"  {label}: {text}" for label, text in lines.items() if text]
    return "\n".join(out) + "\n"


def render_json(records: list[dict[str, Any]]) -> str:
    """The inventory as JSON."""
    return json.dumps({"plugins": records}, indent=2) + "\n"
