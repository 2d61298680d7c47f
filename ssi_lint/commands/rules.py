"""`ssi-lint rules`: every rule with its severity, pillar, category, guidance and params."""

from __future__ import annotations

from typing import Any

import click

from ssi_lint.commands.options import configured_linter, handle_errors, plugin_options


@click.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@plugin_options
@handle_errors
def command(output_format: str, **kwargs: Any) -> None:
    """List every rule with its severity, pillar, category, guidance and params."""
    from ssi_lint import rule_docs

    linter = configured_linter(**kwargs)
    render = {"text": rule_docs.render_text, "json": rule_docs.render_json, "markdown": rule_docs.render_markdown}
    click.echo(render[output_format](linter.rules, linter.ruleset.informational), nl=False)
