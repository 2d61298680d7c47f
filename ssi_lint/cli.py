"""The `ssi-lint` command line: a thin click layer over `ssi_lint.api`.

`ssi-lint PATH...` lints (the `check` command is implied); the other
subcommands list rules, explain one, and print the plan schema.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from ssi_lint import __version__
from ssi_lint.errors import SsiLintError

F = TypeVar("F", bound=Callable[..., Any])


class DefaultCommandGroup(click.Group):
    """A group that runs `check` when the first argument is not a subcommand."""

    default_command = "check"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Insert the default command unless a subcommand or a group option comes first."""
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


def handle_errors(function: F) -> F:
    """Turn tool-level failures into one line on stderr and exit status 2."""

    @wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = bool(kwargs.get("debug"))
        try:
            return function(*args, **kwargs)
        except SsiLintError as exc:
            if debug:
                raise
            click.echo(f"ssi-lint: error: {exc}", err=True)
        except (click.exceptions.Exit, click.ClickException, KeyboardInterrupt):
            raise
        except Exception as exc:  # noqa: BLE001 - a traceback is never the answer
            if debug:
                raise
            click.echo(f"ssi-lint: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", err=True)
        sys.exit(2)

    return wrapper  # type: ignore[return-value]


def plugin_options(function: F) -> F:
    """Options that choose plugins, shared by every command that loads rules."""
    function = click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")(function)
    function = click.option("--disable-plugin", "disabled_plugins", multiple=True, metavar="NAME", help="Do not load this plugin (repeatable).")(function)
    function = click.option("--plugin", "plugins", multiple=True, metavar="MODULE", help="Load a plugin module by import name (repeatable).")(function)
    return click.option("--rules", "rule_packs", multiple=True, type=click.Path(path_type=Path), metavar="PATH", help="An extra rule pack file (repeatable).")(function)


def _options(select: Sequence[str] = (), ignore: Sequence[str] = (), **kwargs: Any) -> Any:
    from ssi_lint.api import LintOptions
    from ssi_lint.plugins import PluginSettings

    return LintOptions(
        select=_split(select),
        ignore=_split(ignore),
        rule_packs=tuple(kwargs["rule_packs"]),
        plugins=PluginSettings(tuple(kwargs["plugins"]), tuple(kwargs["disabled_plugins"])),
    )


def _split(values: Sequence[str]) -> tuple[str, ...]:
    """Accept both `--select A --select B` and `--select A,B`."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@click.group(cls=DefaultCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ssi-lint")
def main() -> None:
    """Lint LinkedIn outreach plans for spam and ban risk, weak SSI pillars and profile gaps.

    Run `ssi-lint PATH...` to check plan files or folders (searched for
    *.plan.yaml). Exit status: 0 clean, 1 findings at or above --fail-on,
    2 when ssi-lint could not do its job.
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "output_format", default="text", show_default=True, metavar="NAME", help="Output format: text, json, or one a plugin adds.")
@click.option("--select", multiple=True, metavar="IDS", help="Only these rule ids or prefixes (comma-separated or repeated).")
@click.option("--ignore", multiple=True, metavar="IDS", help="Skip these rule ids or prefixes.")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="error", show_default=True, help="Lowest severity that makes the exit status 1.")
@click.option("--against", type=click.Path(exists=True, path_type=Path), metavar="PATH", help="Compare the plans with observed behaviour (e.g. a LinkedIn data export a plugin loads); rules see it as plan.observed.")
@plugin_options
@handle_errors
def check(paths: tuple[Path, ...], output_format: str, fail_on: str, against: Path | None, **kwargs: Any) -> None:
    """Check plan files and folders."""
    from ssi_lint.api import Linter, exit_status, summarize
    from ssi_lint.formatters.base import FormatOptions

    linter = Linter(_options(**kwargs))
    formats = linter.plugins.unique("ssi_lint_formats", "output format")
    if output_format not in formats:
        raise click.BadParameter(f"unknown format '{output_format}' (choose from {', '.join(sorted(formats))})", param_hint="--format")
    stream = sys.stdout
    color = stream.isatty() and not os.environ.get("NO_COLOR")
    formatter = formats[output_format](stream, FormatOptions(color=color, tool_version=__version__, rules=linter.rules))
    results = []
    formatter.start()
    observed = linter.load(against) if against is not None else None
    for result in linter.check_paths(paths, observed):
        formatter.file(result)
        results.append(result)
    summary = summarize(results)
    formatter.finish(summary)
    sys.exit(exit_status(summary, fail_on))


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@plugin_options
@handle_errors
def rules_command(output_format: str, **kwargs: Any) -> None:
    """List every rule with its severity, pillar, category, guidance and params."""
    from ssi_lint import rule_docs
    from ssi_lint.api import Linter

    linter = Linter(_options(**kwargs))
    render = {"text": rule_docs.render_text, "json": rule_docs.render_json, "markdown": rule_docs.render_markdown}
    click.echo(render[output_format](linter.rules, linter.ruleset.informational), nl=False)


@main.command("plugins")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@plugin_options
@handle_errors
def plugins_command(output_format: str, **kwargs: Any) -> None:
    """List every active plugin, built-ins included, and what it contributes."""
    from ssi_lint import inventory
    from ssi_lint.api import Linter

    records = inventory.plugin_inventory(Linter(_options(**kwargs)))
    click.echo((inventory.render_json if output_format == "json" else inventory.render_text)(records), nl=False)


@main.command()
@click.argument("rule_id")
@plugin_options
@handle_errors
def explain(rule_id: str, **kwargs: Any) -> None:
    """Explain a rule: rationale, guidance, source, defaults and examples."""
    from ssi_lint import rule_docs
    from ssi_lint.api import Linter

    linter = Linter(_options(**kwargs))
    click.echo(rule_docs.explain(linter.rules, rule_id.upper()), nl=False)


@main.command()
@click.option("--rules", "rule_pack", is_flag=True, help="Print the rule-pack schema instead of the plan schema.")
@click.option("--plugin", "plugins", multiple=True, metavar="MODULE", help="Load a plugin module by import name (repeatable).")
@click.option("--disable-plugin", "disabled_plugins", multiple=True, metavar="NAME", help="Do not load this plugin (repeatable).")
@handle_errors
def schema(rule_pack: bool, plugins: tuple[str, ...], disabled_plugins: tuple[str, ...]) -> None:
    """Print the plan JSON Schema, with plugins' fields (or, with --rules, the rule-pack schema)."""
    import json

    from ssi_lint.schema import RULES_SCHEMA

    if rule_pack:
        click.echo(RULES_SCHEMA.read_text(encoding="utf-8"), nl=False)
        return
    from ssi_lint.api import Linter

    linter = Linter(_options(rule_packs=(), plugins=plugins, disabled_plugins=disabled_plugins))
    click.echo(json.dumps(linter.plan_schema, indent=2, ensure_ascii=False))
