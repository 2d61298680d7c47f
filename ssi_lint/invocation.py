"""What a command line asks for, as the library's values: the configuration, the loader options, a `check` run.

The command-line module (cli.py) declares the options with click and hands
their values here, so that the interpretation can be called and tested
without click: which configuration file applies, which report formats and
colours, where standard input and progress go.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from ssi_lint.errors import InputError

if TYPE_CHECKING:
    from ssi_lint.app import CheckRun
    from ssi_lint.config import Config

STDIN = Path("-")
"""The path that stands for standard input."""


def configuration(config_path: Path | None, start: Path | None = None, **overrides: Any) -> Config:
    """The configuration file (given, or the nearest one to `start`, else to the working directory) with command-line values on top."""
    from ssi_lint.config import Config, find_config, load_config, merge

    path = config_path or find_config(start or Path.cwd())
    base = load_config(path) if path is not None else Config()
    return merge(base, overrides)


def plan_configuration(plan: Path, config_path: Path | None, **overrides: Any) -> Config:
    """The configuration `check` gives one plan, with command-line values on top.

    `--config` when given; else the nearest configuration to the plan's folder
    (as `check` finds each file's, through the same ConfigResolver); else the
    nearest to the working directory. Used by `simulate` and `advise`, so that
    they judge a plan with the thresholds `check` reports it with.
    """
    from ssi_lint.per_file import ConfigResolver

    run_config = configuration(config_path, **overrides)
    return ConfigResolver(run_config, overrides, fixed=config_path is not None).for_file(plan)


def loader_options(options: Mapping[str, Any]) -> dict[str, str]:
    """The loader options given on the command line (`--as-of`, `--window`, `-L KEY=VALUE`), as one mapping."""
    found = {key: str(options[key]) for key in ("as_of", "window", "max_file_size") if options.get(key)}
    for item in options.get("extra_loader_options", ()):
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InputError(f"--loader-option: expected KEY=VALUE, got {item!r}")
        found[key.strip()] = value.strip()
    return found


def split(values: Sequence[str]) -> tuple[str, ...]:
    """Accept both `--select A --select B` and `--select A,B`."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def check_run(
    paths: tuple[Path, ...],
    config_path: Path | None,
    options: Mapping[str, Any],
    stdin: Any,
    stdout: TextIO | None,
    stderr: TextIO,
    environ: Mapping[str, str] = os.environ,
) -> tuple[CheckRun, Config]:
    """The `check` run and the configuration its options stand for (raises InputError for contradictory options)."""
    from ssi_lint.app import CheckRun
    from ssi_lint.color import use_color
    from ssi_lint.errors import OutputError
    from ssi_lint.output_guard import STDOUT_CLOSED, stdout_closed
    from ssi_lint.reports import parse_report

    if stdout_closed(stdout):
        stdout = None
        if options["diff"]:
            raise OutputError(f"{STDOUT_CLOSED} (--diff prints the fixes there)")
        if options["output_file"] is None:
            raise OutputError(f"{STDOUT_CLOSED} (use --output-file)")
    if options["fix"] and options["diff"]:
        raise InputError("--fix and --diff exclude each other")
    if options["diff"] and (options["output_file"] is not None or options["reports"]):
        raise InputError("--diff prints the fixes to standard output and writes no report; leave out --output-file and --report")
    stdin_name = options["stdin_filename"]
    if stdin_name is not None and STDIN not in paths:
        raise InputError("--stdin-filename names the plan read from standard input, but no path is `-`: "
                         f"`ssi-lint - --stdin-filename {stdin_name}` reads one")
    overrides = {
        "select": split(options["select"]),
        "ignore": split(options["ignore"]),
        "fail_on": options["fail_on"],
        "rules": options["rule_packs"],
    }
    config = configuration(config_path, Path(stdin_name) if stdin_name and STDIN in paths else None, **overrides)
    on_actions = environ.get("GITHUB_ACTIONS") == "true" and not options["statistics"]
    terminal = options["output_file"] is None and stdout is not None and stdout.isatty()
    run = CheckRun(
        paths=paths,
        reports=tuple(parse_report(text) for text in options["reports"]),
        show_ssi=terminal if options["show_ssi"] is None else options["show_ssi"],
        config_overrides=overrides,
        config_fixed=config_path is not None,
        output_format=options["output_format"] or ("github" if on_actions else "text"),
        output_file=options["output_file"],
        statistics=options["statistics"],
        exit_zero=options["exit_zero"],
        against=options["against"],
        baseline=options["baseline"],
        write_baseline=options["write_baseline"],
        disabled_plugins=options["disabled_plugins"],
        plugins=options["plugins"],
        loader_options=loader_options(options),
        warnings=stderr,
        color=stdout is not None and use_color(options["color"], stdout, environ),
        jobs=options["jobs"],
        progress=stderr if stderr.isatty() else None,
        stdin=stdin.buffer if STDIN in paths and stdin is not None else None,
        stdin_filename=stdin_name,
        fix=options["fix"],
        diff=options["diff"],
    )
    return run, config
