"""`ssi-lint advise PLAN`: a plan's risks, then the safe changes that raise its SSI."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import click

from ssi_lint.commands.options import handle_errors


def _a_number(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    """Refuse NaN, which every comparison of FloatRange lets through (`inf` it refuses)."""
    if value is not None and math.isnan(value):
        raise click.BadParameter(f"{value} is not a number; expected one in the range 0<=x<=100.")
    return value


@click.command("advise")
@click.argument("plan", type=click.Path(readable=False, path_type=Path))  # an unreadable plan is named by the command, in one line
@click.option("--target", type=click.FloatRange(0, 100), default=None, callback=_a_number, help="The estimated SSI to reach  [default: SSI001's warning level as configured, 55: the article's optimal band]")
@click.option("--plugin", "plugins", multiple=True, metavar="MODULE", help="Load a plugin module by import name (repeatable).")
@click.option("--disable-plugin", "disabled_plugins", multiple=True, metavar="NAME", help="Do not load this plugin (repeatable).")
@click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")
@handle_errors
def command(plan: Path, target: float | None, plugins: tuple[str, ...], disabled_plugins: tuple[str, ...], debug: bool) -> None:
    """What to change in a plan: its risks first, then the safe changes that raise its SSI to --target."""
    from ssi_lint.app import advise_plan, checked_linter
    from ssi_lint.invocation import plan_configuration

    config = plan_configuration(plan, None)
    linter = checked_linter(config, tuple(disabled_plugins), plugin_modules=tuple(plugins), warnings=sys.stderr, file_ignore=config.ignored_rules(plan))
    report, status = advise_plan(plan, target, linter)
    click.echo(report, nl=False)
    sys.exit(status)
