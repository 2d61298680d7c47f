"""`ssi-lint check-rules PACK...`: validate rule packs and run their examples."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ssi_lint.commands.options import handle_errors


@click.command("check-rules")
@click.argument("packs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--plugin", "plugins", multiple=True, metavar="MODULE", help="Load a plugin module by import name (repeatable).")
@click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")
@handle_errors
def command(packs: tuple[Path, ...], plugins: tuple[str, ...], debug: bool) -> None:
    """Validate rule packs: schema, conditions, templates, and every example.

    Prints `file:line:col: problem` for each broken pack and exits 1 if any is broken.
    """
    from ssi_lint.app import check_rule_packs

    problems = check_rule_packs(packs, plugins)
    for problem in problems:
        click.echo(problem)
    click.echo(f"{len(packs) - len(problems)} of {len(packs)} rule pack{'s' if len(packs) != 1 else ''} valid.")
    sys.exit(1 if problems else 0)
