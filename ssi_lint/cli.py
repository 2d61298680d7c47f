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
from typing import Any, NoReturn, TypeVar

import click

from ssi_lint import __version__
from ssi_lint.errors import OutputError, SsiLintError
from ssi_lint.invocation import configuration
from ssi_lint.invocation import loader_options as loader_options_given
from ssi_lint.text_safety import printable

F = TypeVar("F", bound=Callable[..., Any])


class DefaultCommandGroup(click.Group):
    """A group that runs `check` when the first argument is not a subcommand.

    Plugins may add subcommands (`ssi_lint_commands`); they are looked up only
    when the first argument is neither a built-in command nor an existing path.
    """

    default_command = "check"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Insert the default command unless a subcommand or a group option comes first."""
        first = args[0] if args else ""
        if args and first not in self.commands and first not in ("--help", "-h", "--version"):
            if first.startswith("-") or Path(first).exists() or first not in self._plugin_commands(ctx):
                _reject_mistyped_command(first, lambda: self.list_commands(ctx))
                args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line; a usage error is one line on stderr and exit status 2."""
        kwargs["standalone_mode"] = False
        for stream in (sys.stdout, sys.stderr):  # a character the terminal's encoding lacks is written as an escape
            try:
                stream.reconfigure(errors="backslashreplace")
            except (AttributeError, OSError, ValueError):  # not a text file, or already closed
                pass
        try:
            return super().main(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError as exc:
            click.echo(exc.format_message(), err=True)
        except click.UsageError as exc:
            hint = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx is not None else ""
            click.echo(f"ssi-lint: error: {exc.format_message()}{hint}", err=True)
        except click.ClickException as exc:
            click.echo(f"ssi-lint: error: {exc.format_message()}", err=True)
        except click.Abort:
            click.echo("ssi-lint: aborted", err=True)
        sys.exit(2)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        """A built-in command, else one a plugin adds."""
        command = super().get_command(ctx, name)
        if command is None and name in self._plugin_commands(ctx):
            try:
                command = self._plugin_commands(ctx)[name]()
            except Exception as exc:  # noqa: BLE001 - a plugin's command must not end in a traceback
                owner = ctx.meta["ssi_lint.command_owners"].get(name, "a plugin")
                _fail(f"the command '{name}' of {owner} failed to load: {type(exc).__name__}: {exc}")
        return command

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Built-in and plugin commands, for --help."""
        return sorted({*super().list_commands(ctx), *self._plugin_commands(ctx)})

    def _plugin_commands(self, ctx: click.Context) -> dict[str, Callable[[], click.Command]]:
        """Subcommands of installed plugins, looked up once per invocation."""
        if "ssi_lint.plugin_commands" not in ctx.meta:
            from ssi_lint.plugins import build_plugin_host

            try:
                host = build_plugin_host()
                commands = host.unique("ssi_lint_commands", "command")
            except SsiLintError as exc:
                _fail(str(exc))
            owners = {name: host.describe(plugin) for name, plugin in host.owners["command"].items()}
            taken = sorted(set(commands) & set(self.commands))
            if taken:
                _fail(f"{owners[taken[0]]} adds the command '{taken[0]}', which is built in")
            ctx.meta["ssi_lint.plugin_commands"] = commands
            ctx.meta["ssi_lint.command_owners"] = owners
        return ctx.meta["ssi_lint.plugin_commands"]


def _reject_mistyped_command(word: str, commands: Callable[[], Sequence[str]]) -> None:
    """A word that is neither a path nor a command, but close to one, is a typo: say so."""
    if word.startswith("-") or any(mark in word for mark in (os.sep, "/", ".")) or Path(word).exists():
        return
    import difflib

    close = difflib.get_close_matches(word, commands(), n=1, cutoff=0.6)
    if close:
        raise click.UsageError(f"no such command or file '{word}'; did you mean `ssi-lint {close[0]}`?")


def _fail(message: str) -> NoReturn:
    """One error line on stderr, exit status 2."""
    click.echo(f"ssi-lint: error: {message}", err=True)
    sys.exit(2)


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
            click.echo(f"ssi-lint: error: {printable(str(exc))}", err=True)
            if isinstance(exc, OutputError):  # nothing more can reach standard output
                _silence_stdout()
        except (click.exceptions.Exit, click.ClickException, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # the reader went away (`| head`): nothing more to say, and nothing failed
            _silence_stdout()
            sys.exit(0)
        except Exception as exc:  # noqa: BLE001 - a traceback is never the answer
            if debug:
                raise
            click.echo(f"ssi-lint: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", err=True)
        sys.exit(2)

    return wrapper  # type: ignore[return-value]


def _silence_stdout() -> None:
    """Point standard output at the null device, so that the final flush cannot fail again."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # no real stdout (closed, or captured in tests)
        pass


def plugin_options(function: F) -> F:
    """Options that choose configuration, rule packs and plugins, shared by every command that loads rules."""
    for option in reversed(
        (
            click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="PATH", help="Use this configuration file for every file instead of searching for the nearest one."),
            click.option("--rules", "rule_packs", multiple=True, type=click.Path(path_type=Path), metavar="PATH", help="An extra rule pack file (repeatable)."),
            click.option("--plugin", "plugins", multiple=True, metavar="MODULE", help="Load a plugin module by import name (repeatable)."),
            click.option("--disable-plugin", "disabled_plugins", multiple=True, metavar="NAME", help="Do not load this plugin (repeatable)."),
            click.option("--debug", is_flag=True, help="Show a traceback on internal errors."),
        )
    ):
        function = option(function)
    return function


def _linter(config_path: Path | None, rule_packs: Sequence[Path], plugins: Sequence[str], disabled_plugins: Sequence[str], **_: Any) -> Any:
    """A Linter for the listing commands, honouring configuration and plugin options."""
    from ssi_lint.api import Linter
    from ssi_lint.app import lint_options

    config = configuration(config_path, rules=tuple(rule_packs))
    return Linter(lint_options(config, tuple(disabled_plugins), plugin_modules=tuple(plugins)))


def loader_options(function: F) -> F:
    """Options passed to loader plugins (for example the LinkedIn export's observation window)."""
    for option in reversed(
        (
            click.option("--as-of", metavar="DATE", help="Loaders of observed data: the last day of the window (YYYY-MM-DD)."),
            click.option("--window", metavar="DAYS", help="Loaders of observed data: the window's length in days."),
            click.option("--max-file-size", metavar="BYTES", help="Larger plan files are reported (LOAD007), not read [default: 5 MB]."),
            click.option("--loader-option", "-L", "extra_loader_options", multiple=True, metavar="KEY=VALUE", help="Any other loader option (repeatable)."),
        )
    ):
        function = option(function)
    return function


@click.group(cls=DefaultCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ssi-lint")
def main() -> None:
    """Lint LinkedIn outreach plans for spam and ban risk, weak SSI pillars and profile gaps.

    Run `ssi-lint PATH...` to check plan files or folders (searched for
    *.plan.yaml). Exit status: 0 clean, 1 findings at or above --fail-on,
    2 when ssi-lint could not do its job.
    """


def _no_empty_path(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[Path, ...]:
    """Refuse `""` (which would mean the current folder, searched to the bottom), else the paths."""
    if any(value == "" for value in values):
        raise click.BadParameter("an empty path was given (use `.` for the current folder)")
    return tuple(Path(value) for value in values)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(), callback=_no_empty_path)
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
def check(paths: tuple[Path, ...], config_path: Path | None, **options: Any) -> None:
    """Check plan files and folders."""
    from ssi_lint.app import run_check
    from ssi_lint.invocation import check_run
    from ssi_lint.signals import exit_on_signals

    run, config = check_run(paths, config_path, options, sys.stdin, sys.stdout, sys.stderr)
    with exit_on_signals():
        sys.exit(run_check(run, config, sys.stdout))


@main.command("check-rules")
@click.argument("packs", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--plugin", "plugins", multiple=True, metavar="MODULE", help="Load a plugin module by import name (repeatable).")
@click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")
@handle_errors
def check_rules(packs: tuple[Path, ...], plugins: tuple[str, ...], debug: bool) -> None:
    """Validate rule packs: schema, conditions, templates, and every example.

    Prints `file:line:col: problem` for each broken pack and exits 1 if any is broken.
    """
    from ssi_lint.app import check_rule_packs

    problems = check_rule_packs(packs, plugins)
    for problem in problems:
        click.echo(problem)
    click.echo(f"{len(packs) - len(problems)} of {len(packs)} rule pack{'s' if len(packs) != 1 else ''} valid.")
    sys.exit(1 if problems else 0)


@main.command("config")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), metavar="PATH", help="Use this configuration file instead of searching for one.")
@handle_errors
def config_command(output_format: str, config_path: Path | None) -> None:
    """Print the effective configuration and where each value came from."""
    from ssi_lint.config_report import render_config, render_config_json

    config = configuration(config_path)
    click.echo((render_config_json if output_format == "json" else render_config)(config), nl=False)


@main.command("rules")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@plugin_options
@handle_errors
def rules_command(output_format: str, **kwargs: Any) -> None:
    """List every rule with its severity, pillar, category, guidance and params."""
    from ssi_lint import rule_docs

    linter = _linter(**kwargs)
    render = {"text": rule_docs.render_text, "json": rule_docs.render_json, "markdown": rule_docs.render_markdown}
    click.echo(render[output_format](linter.rules, linter.ruleset.informational), nl=False)


@main.command("plugins")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@plugin_options
@handle_errors
def plugins_command(output_format: str, **kwargs: Any) -> None:
    """List every active plugin, built-ins included, and what it contributes."""
    from ssi_lint import inventory

    records = inventory.plugin_inventory(_linter(**kwargs))
    click.echo((inventory.render_json if output_format == "json" else inventory.render_text)(records), nl=False)


@main.command()
@click.argument("rule_id")
@plugin_options
@handle_errors
def explain(rule_id: str, **kwargs: Any) -> None:
    """Explain a rule: rationale, guidance, source, defaults and examples."""
    from ssi_lint import rule_docs

    linter = _linter(**kwargs)
    click.echo(rule_docs.explain(linter.rules, rule_id.upper(), linter.effective_params()), nl=False)


@main.command()
@click.argument("plan", type=click.Path(path_type=Path))
@click.option("--target", type=click.FloatRange(0, 100), default=55.0, show_default=True, help="The estimated SSI to reach (the article's optimal band starts at 55).")
@click.option("--plugin", "plugins", multiple=True, metavar="MODULE", help="Load a plugin module by import name (repeatable).")
@click.option("--disable-plugin", "disabled_plugins", multiple=True, metavar="NAME", help="Do not load this plugin (repeatable).")
@click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")
@handle_errors
def advise(plan: Path, target: float, plugins: tuple[str, ...], disabled_plugins: tuple[str, ...], debug: bool) -> None:
    """What to change in a plan: its risks first, then the safe changes that raise its SSI to --target."""
    from ssi_lint.app import advise_plan

    click.echo(advise_plan(plan, target, _linter(None, (), plugins, disabled_plugins)), nl=False)


@main.command()
@click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")
@handle_errors
def server(debug: bool) -> None:
    """Run the language server on standard input and output (needs `pip install 'ssi-lint[lsp]'`)."""
    try:
        from ssi_lint.server.protocol import serve
    except ImportError as exc:
        _fail(f"the language server needs pygls ({exc}); install it with `pip install 'ssi-lint[lsp]'`")
    serve()


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
    linter = _linter(None, (), plugins, disabled_plugins)
    click.echo(json.dumps(linter.plan_schema, indent=2, ensure_ascii=False))


@main.command()
@click.argument("plan", type=click.Path(path_type=Path))
@click.option("--weeks", type=click.IntRange(1, 520), default=12, show_default=True, help="How many weeks ahead to project.")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@click.option("--against", type=click.Path(exists=True, path_type=Path), metavar="PATH", help="Start from the real state of a LinkedIn data export (pending invitations and their ages, connections, acceptance rate).")
@loader_options
@plugin_options
@handle_errors
def simulate(plan: Path, weeks: int, output_format: str, against: Path | None, config_path: Path | None, **options: Any) -> None:
    """Project the plan week by week: sent, accepted, withdrawn and pending invitations, against the limits."""
    from ssi_lint.simulation.run import SimulationRun, run_simulation

    config = configuration(config_path, rules=options["rule_packs"])
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
