"""`ssi-lint plugins`: every active plugin, built-ins included, and what it contributes."""

from __future__ import annotations

from typing import Any

import click

from ssi_lint.commands.options import configured_linter, handle_errors, plugin_options


@click.command("plugins")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@plugin_options
@handle_errors
def command(output_format: str, **kwargs: Any) -> None:
    """List every active plugin, built-ins included, and what it contributes."""
    from ssi_lint import inventory

    records = inventory.plugin_inventory(configured_linter(**kwargs))
    click.echo((inventory.render_json if output_format == "json" else inventory.render_text)(records), nl=False)
