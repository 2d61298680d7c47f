"""`ssi-lint schema`: the plan JSON Schema with plugins' fields, or the rule-pack schema."""

from __future__ import annotations

import click

from ssi_lint.commands.options import configured_linter, handle_errors


@click.command("schema")
@click.option("--rules", "rule_pack", is_flag=True, help="Print the rule-pack schema instead of the plan schema.")
@click.option("--plugin", "plugins", multiple=True, metavar="MODULE", help="Load a plugin module by import name (repeatable).")
@click.option("--disable-plugin", "disabled_plugins", multiple=True, metavar="NAME", help="Do not load this plugin (repeatable).")
@handle_errors
def command(rule_pack: bool, plugins: tuple[str, ...], disabled_plugins: tuple[str, ...]) -> None:
    """Print the plan JSON Schema, with plugins' fields (or, with --rules, the rule-pack schema)."""
    import json

    from ssi_lint.schema import RULES_SCHEMA

    if rule_pack:
        click.echo(RULES_SCHEMA.read_text(encoding="utf-8"), nl=False)
        return
    linter = configured_linter(None, (), plugins, disabled_plugins)
    click.echo(json.dumps(linter.plan_schema, indent=2, ensure_ascii=False))
