"""`ssi-lint check PATH...` (also `ssi-lint PATH...`): lint plan files and folders."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ssi_lint.commands.options import handle_errors, loader_options, plugin_options


def _no_empty_path(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[Path, ...]:
    """Refuse `""` (which would mean the current folder, searched to the bottom), else the paths."""
    if any(value == "" for value in values):
        raise click.BadParameter("an empty path was given (use `.` for the current folder)")
    return tuple(Path(value) for value in values)


@click.command("check")
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False), callback=_no_empty_path)  # an unreadable plan is its LOAD009, not a usage error
@click.option("--format", "output_format", metavar="NAME", help="text (default; github when GITHUB_ACTIONS=true), concise, json, json-lines, sarif, junit, github, gitlab, html, markdown, or one a plugin adds.")
@click.option("--output-file", "-o", type=click.Path(dir_okay=False, path_type=Path), metavar="PATH", help="Write the report to this file (atomically) instead of standard output.")
@click.option("--select", multiple=True, metavar="IDS", help="Only these rule ids or prefixes (comma-separated or repeated).")
@click.option("--ignore", multiple=True, metavar="IDS", help="Skip these rule ids or prefixes.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), help="Lowest severity that makes the exit status 1 [default: error].")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings reach --fail-on (2 still means ssi-lint failed).")
@click.option("--statistics", is_flag=True, help="Report how many findings each rule produced instead of the findings, in the --format (text, concise, json or json-lines).")
@click.option("--report", "reports", multiple=True, metavar="FORMAT:PATH", help="Also write this report from the same lint (repeatable; PATH - is standard output).")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True, help="Colour in human formats; auto honours NO_COLOR and FORCE_COLOR.")
@click.option("--show-ssi/--no-show-ssi", default=None, help="Draw each plan's SSI chart in the text format [default: only on a terminal].")
@click.option("--baseline", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="FILE", help="Hide findings recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE", help="Record the current findings as a baseline.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N", help="Worker processes, at most 4 per core [default: all cores for 64 or more files, else 1].")
@click.option("--against", type=click.Path(exists=True, path_type=Path), metavar="PATH", help="Compare the plans with observed behaviour (e.g. a LinkedIn data export a plugin loads); rules see it as plan.observed.")
@click.option("--stdin-filename", metavar="PATH", help="The name to report a plan read from `-` (standard input) under; its configuration is found from there.")
@click.option("--fix", is_flag=True, help="Apply the rules' machine fixes to the files in place, then report the findings that remain.")
@click.option("--diff", is_flag=True, help="Print the machine fixes as a unified diff and write nothing (exit 1 when there are fixes).")
@loader_options
@plugin_options
@handle_errors
def command(paths: tuple[Path, ...], config_path: Path | None, **options: Any) -> None:
    """Check plan files and folders."""
    from ssi_lint.app import run_check
    from ssi_lint.invocation import check_run
    from ssi_lint.signals import exit_on_signals

    run, config = check_run(paths, config_path, options, sys.stdin, sys.stdout, sys.stderr)
    with exit_on_signals():
        sys.exit(run_check(run, config, sys.stdout))
