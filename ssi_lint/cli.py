"""The `ssi-lint` command line: a thin click layer over `ssi_lint.api`.

`ssi-lint PATH...` lints (the `check` command is implied); the other
subcommands list rules, explain one, and print the plan schema. Each built-in
subcommand lives in its own module under `ssi_lint.commands` and is imported
only when it runs (or when `--help` lists them), so a lint pays for one.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from importlib import import_module
from pathlib import Path
from typing import Any

import click

from ssi_lint import __version__
from ssi_lint.commands.options import fail, handle_errors, loader_options, plugin_options, say_error
from ssi_lint.errors import SsiLintError, plugin_failure
from ssi_lint.output_guard import guarded_stdout

__all__ = ["BUILTIN_COMMANDS", "DefaultCommandGroup", "handle_errors", "loader_options", "main", "plugin_options"]

BUILTIN_COMMANDS = {
    "advise": "advise",
    "check": "check",
    "check-rules": "check_rules",
    "config": "config",
    "explain": "explain",
    "plugins": "plugins",
    "rules": "rules",
    "schema": "schema",
    "server": "server",
    "simulate": "simulate",
}
"""Each built-in command's module under `ssi_lint.commands` (its `command`)."""


class DefaultCommandGroup(click.Group):
    """A group that runs `check` when the first argument is not a subcommand.

    Built-in commands are imported on first use (`BUILTIN_COMMANDS`). Plugins
    may add subcommands (`ssi_lint_commands`); they are looked up only when the
    first argument is neither a built-in command nor an existing path.
    """

    default_command = "check"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Insert the default command unless a subcommand or a group option comes first."""
        first = args[0] if args else ""
        if args and first not in BUILTIN_COMMANDS and first not in ("--help", "-h", "--version"):
            if first.startswith("-") or Path(first).exists() or first not in self._plugin_commands(ctx):
                _reject_mistyped_command(first, lambda: self.list_commands(ctx))
                args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line; a usage error, a full disk or a closed standard output is one line on stderr and exit status 2.

        Standard output is guarded while the command line runs (`guarded_stdout`): a command's report and click's
        own `--help` and `--version` alike go quiet when the reader leaves, and fail in one line when they cannot be written.
        """
        kwargs["standalone_mode"] = False
        for stream in (sys.stdout, sys.stderr):  # a character the terminal's encoding lacks is written as an escape
            try:
                stream.reconfigure(errors="backslashreplace")
            except (AttributeError, OSError, ValueError):  # not a text file, or already closed
                pass
        with guarded_stdout():
            return self._main(*args, **kwargs)

    def _main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            try:
                return super().main(*args, **kwargs)
            finally:
                sys.stdout.flush()  # what a command left unflushed fails here, in one line, rather than at exit
        except SsiLintError as exc:  # outside a command's own handling: `--help`, `--version`, that last flush
            say_error(exc)
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
        if command is None and name in BUILTIN_COMMANDS:
            command = import_module(f"ssi_lint.commands.{BUILTIN_COMMANDS[name]}").command
            self.add_command(command, name)
        if command is None and name in self._plugin_commands(ctx):
            try:
                command = self._plugin_commands(ctx)[name]()
            except BaseException as exc:  # noqa: BLE001 - a plugin's command must not end in a traceback; sys.exit() included
                owner = ctx.meta["ssi_lint.command_owners"].get(name, "a plugin")
                fail(f"the command '{name}' of {owner} failed to load: {plugin_failure(exc)}")
        return command

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Built-in and plugin commands, for --help."""
        return sorted({*BUILTIN_COMMANDS, *self._plugin_commands(ctx)})

    def _plugin_commands(self, ctx: click.Context) -> dict[str, Callable[[], click.Command]]:
        """Subcommands of installed plugins, looked up once per invocation."""
        if "ssi_lint.plugin_commands" not in ctx.meta:
            from ssi_lint.plugins import build_plugin_host

            try:
                host = build_plugin_host()
                commands = host.unique("ssi_lint_commands", "command")
            except SsiLintError as exc:
                fail(str(exc))
            owners = {name: host.describe(plugin) for name, plugin in host.owners["command"].items()}
            taken = sorted(set(commands) & set(BUILTIN_COMMANDS))
            if taken:
                fail(f"{owners[taken[0]]} adds the command '{taken[0]}', which is built in")
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


@click.group(cls=DefaultCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ssi-lint")
def main() -> None:
    """Lint LinkedIn outreach plans for spam and ban risk, weak SSI pillars and profile gaps.

    Run `ssi-lint PATH...` to check plan files or folders (searched for
    *.plan.yaml). Exit status: 0 clean, 1 findings at or above --fail-on,
    2 when ssi-lint could not do its job.
    """
