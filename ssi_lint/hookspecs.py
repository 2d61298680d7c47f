"""Hook specifications: the whole plugin interface of ssi-lint.

A plugin is a module or object with functions named like the hooks below,
decorated with `ssi_lint.hookimpl`. Third-party plugins register under the
entry-point group `ssi_lint`:

    [project.entry-points.ssi_lint]
    my_plugin = "my_package.plugin"

ssi-lint's own rule packs, facts, YAML loader and output formats are
registered through these same hooks. Hooks return values; they never mutate
ssi-lint's state.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import pluggy

if TYPE_CHECKING:
    from ssi_lint.formatters.base import FormatOptions, Formatter
    from ssi_lint.model import CelFunction, Document, Fact, Rule

PROJECT = "ssi_lint"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def ssi_lint_rule_packs() -> Sequence[Path]:
    """Return paths of YAML rule-pack files to load.

    Each pack is validated against the rule-pack schema (`ssi-lint schema
    --rules`) and every condition and template is compiled when the pack is
    loaded; any problem stops the run with exit status 2. Rule ids must be
    unique across all packs. Rule examples run in your test suite
    (`Linter(LintOptions(check_examples=True))`) and with `ssi-lint
    check-rules`, not on every lint run.
    """


@hookspec
def ssi_lint_facts() -> Sequence[Fact]:
    """Return facts: derived metrics that rules read as `facts.<name>`.

    A fact's `compute(plan)` gets the plan data (plain dicts, lists, str,
    int, float, bool) and returns a plain value, or None when the plan does
    not say enough (the fact is then absent and rules reading it do not fire).
    A fact that applies a rule's thresholds names the rule in `params_from`;
    its `compute(plan, params)` then gets `{rule id: params}`, configuration
    applied, so that the rule and the fact never judge with different numbers.
    Fact names must be unique across all plugins.
    """


@hookspec
def ssi_lint_cel_functions() -> Sequence[CelFunction]:
    """Return CEL functions that every rule condition may call.

    Each overload declares concrete CEL types (`int`, `double`, `string`,
    `bool`, `list`, `map`, ...) and a Python implementation taking and
    returning plain values. Function names must be unique across plugins.
    """


@hookspec
def ssi_lint_plan_schema() -> Mapping[str, Mapping[str, Any]]:
    """Return extensions of the plan schema: `{object path: {new field: JSON Schema}}`.

    The object path is dotted (`outreach`, `account.ssi`); `""` is the top
    level. Fields are added to that object's `properties`, so validation and
    unknown-key suggestions know them; adding a field that already exists is
    an error naming both plugins. Example:
    `{"outreach": {"inmail": {"type": "object", "description": "...", ...}}}`.
    """


@hookspec
def ssi_lint_checks() -> Sequence[Rule]:
    """Return the checks that loaders and validators raise from code.

    A check is a `Rule` without a condition (`when` is None): its id is the
    `code` of the `Problem`s a loader puts in `Document.problems`, and its
    metadata (severity, category, title, fix) describes the resulting
    findings. Ids must be unique across plugins and rule packs.
    """


@hookspec(firstresult=True)
def ssi_lint_load_document(path: Path, display: str, options: Mapping[str, str]) -> Document | None:
    """Load `path` into a Document, or return None to let the next loader try.

    The first loader that returns a Document wins; the built-in YAML loader
    runs last. `display` is the name to use in findings. `options` are the
    loader options the user gave (`--as-of`, `--window`, `--loader-option
    KEY=VALUE`, as strings); ignore the ones you do not know. Problems of the
    input belong in `Document.problems`; raise `ssi_lint.errors.SsiLintError`
    (one line, naming what and where) only when the source cannot be read at
    all or an option is invalid. Paths your source cannot show belong in
    `Document.unknown`, so that rules about their absence stay quiet.
    Anything else than a Document or None stops the run, naming the plugin.
    """


@hookspec(firstresult=True)
def ssi_lint_claims_path(path: Path) -> bool | None:
    """Return True when `path` (a directory, or a file the plan patterns do not
    match) is a document your loader reads, such as an extracted archive.

    A directory named on the command line is searched for plans unless a
    plugin claims it; return None for paths you do not read.
    """


@hookspec
def ssi_lint_commands() -> Mapping[str, Callable[[], Any]]:
    """Return extra `ssi-lint` subcommands: a mapping of name to a function
    returning a `click.Command` (imported only when the subcommand runs).

    Built-in subcommand names cannot be taken; two plugins may not add the
    same name.
    """


@hookspec
def ssi_lint_formats() -> Mapping[str, Callable[[TextIO, FormatOptions], Formatter]]:
    """Return output formats: a mapping of format name to a formatter factory.

    The factory is called as `factory(stream, FormatOptions)` and returns an object
    with `start()`, `file(result)` (once per checked file, in order) and
    `finish(summary)`; see `ssi_lint.formatters.base.Formatter`.
    """
