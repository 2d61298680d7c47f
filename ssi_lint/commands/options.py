"""What every subcommand shares: error handling and the options that choose configuration, plugins and loaders."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from ssi_lint.errors import OutputError, SsiLintError
from ssi_lint.invocation import configuration
from ssi_lint.output_guard import silence
from ssi_lint.text_safety import printable

if TYPE_CHECKING:
    from ssi_lint.api import Linter

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str) -> NoReturn:
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
            say_error(exc)
        except (click.exceptions.Exit, click.ClickException, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # the reader went away (`| head`): nothing more to say, and nothing failed
            silence(sys.stdout)
            sys.exit(0)
        except Exception as exc:  # noqa: BLE001 - a traceback is never the answer
            if debug:
                raise
            click.echo(f"ssi-lint: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", err=True)
        sys.exit(2)

    return wrapper  # type: ignore[return-value]


def say_error(exc: SsiLintError) -> None:
    """One error line on stderr; after an OutputError (a full disk, a closed standard output), standard output goes to
    the null device, so that the final flush cannot fail again."""
    click.echo(f"ssi-lint: error: {printable(str(exc))}", err=True)
    if isinstance(exc, OutputError):
        silence(sys.stdout)


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


def configured_linter(config_path: Path | None, rule_packs: Sequence[Path], plugins: Sequence[str], disabled_plugins: Sequence[str], **_: Any) -> Linter:
    """A Linter for the listing commands, honouring configuration and plugin options."""
    from ssi_lint.api import Linter
    from ssi_lint.app import lint_options, plugin_warnings

    config = configuration(config_path, rules=tuple(rule_packs))
    linter = Linter(lint_options(config, tuple(disabled_plugins), plugin_modules=tuple(plugins)))
    for warning in plugin_warnings([config], tuple(disabled_plugins), linter):
        click.echo(f"ssi-lint: warning: {printable(warning)}", err=True)
    return linter
