"""`ssi-lint simulate PLAN`: the plan projected week by week against LinkedIn's limits."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from ssi_lint.commands.options import handle_errors, loader_options, plugin_options
from ssi_lint.invocation import loader_options as loader_options_given
from ssi_lint.invocation import plan_configuration


@click.command("simulate")
@click.argument("plan", type=click.Path(readable=False, path_type=Path))  # an unreadable plan is named by the command, in one line
@click.option("--weeks", type=click.IntRange(1, 520), default=12, show_default=True, help="How many weeks ahead to project.")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@click.option("--against", type=click.Path(exists=True, path_type=Path), metavar="PATH", help="Start from the real state of a LinkedIn data export (pending invitations and their ages, connections, acceptance rate).")
@loader_options
@plugin_options
@handle_errors
def command(plan: Path, weeks: int, output_format: str, against: Path | None, config_path: Path | None, **options: Any) -> None:
    """Project the plan week by week: sent, accepted, withdrawn and pending invitations, against the limits."""
    from ssi_lint.simulation.run import SimulationRun, run_simulation

    config = plan_configuration(plan, config_path, rules=options["rule_packs"])
    run = SimulationRun(
        plugins=options["plugins"],
        plan=plan,
        weeks=weeks,
        output_format=output_format,
        against=against,
        color=sys.stdout.isatty() and not os.environ.get("NO_COLOR"),
        disabled_plugins=options["disabled_plugins"],
        loader_options=loader_options_given(options),
    )
    sys.exit(run_simulation(run, config, sys.stdout))
