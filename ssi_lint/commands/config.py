"""`ssi-lint config`: the effective configuration and where each value came from."""

from __future__ import annotations

from pathlib import Path

import click

from ssi_lint.commands.options import handle_errors
from ssi_lint.invocation import configuration


@click.command("config")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="PATH", help="Use this configuration file instead of searching for one.")
@handle_errors
def command(output_format: str, config_path: Path | None) -> None:
    """Print the effective configuration and where each value came from, once it passes the checks `check` makes."""
    from ssi_lint.app import checked_linter
    from ssi_lint.config_report import render_config, render_config_json

    config = configuration(config_path)
    checked_linter(config)  # an unknown rule id, a param out of range, a missing rule pack: exit status 2, as `check` says
    click.echo((render_config_json if output_format == "json" else render_config)(config), nl=False)
