"""ssi-lint's own plugin: the built-in rule packs, facts, YAML loader and output formats.

It uses the same hooks as any third-party plugin.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from ssi_lint.formatters.base import FormatOptions, Formatter
from ssi_lint.hookspecs import hookimpl
from ssi_lint.model import Document, Fact, Rule

_PACKAGE_DIR = Path(__file__).parent


def builtin_rules_dir() -> Path:
    """The built-in packs: inside the installed package, or `rules/` beside it in a source tree."""
    installed = _PACKAGE_DIR / "_rules"
    return installed if installed.is_dir() else _PACKAGE_DIR.parent / "rules"


@hookimpl
def ssi_lint_rule_packs() -> Sequence[Path]:
    """Every `*.yaml` file of the built-in rules folder, in name order."""
    return sorted(builtin_rules_dir().glob("*.yaml"))


@hookimpl
def ssi_lint_facts() -> Sequence[Fact]:
    """The built-in facts, the outreach projection (`simulation`) among them (imported when first computed)."""
    from ssi_lint.facts import BUILTIN_FACTS

    return (*BUILTIN_FACTS, Fact("simulation", SIMULATION_DESCRIPTION, _simulation, params_from=SIMULATION_RULES))


SIMULATION_RULES = ("HYG001", "OUT003", "OUT006", "OUT010", "OUT019", "SSI001")
"""The rules whose params the projection judges with (`rule:` entries of ssi_lint/simulation/model.yaml; a test keeps them equal)."""


SIMULATION_DESCRIPTION = "The plan projected 12 weeks ahead: the week a pending band, a connection level, the note quota or the weekly limit is crossed."
"""The first line of `ssi_lint.simulation.fact.simulation`'s docstring (a test keeps them equal)."""


def _simulation(plan: Mapping[str, Any], rule_params: Mapping[str, Mapping[str, Any]]) -> Any:
    """`facts.simulation` with the run's params of SIMULATION_RULES, the projection's modules imported only when a plan needs it."""
    from ssi_lint.simulation.fact import simulation

    return simulation(plan, rule_params)


@hookimpl
def ssi_lint_checks() -> Sequence[Rule]:
    """The checks of the YAML loader, the plan schema and inline suppressions (LOAD*, SCHEMA*, SUP*)."""
    from ssi_lint.core_checks import CORE_CHECKS, SUPPRESSION_CHECKS

    return (*CORE_CHECKS.values(), *SUPPRESSION_CHECKS.values())


@hookimpl(trylast=True)
def ssi_lint_load_document(path: Path, display: str, options: Mapping[str, str]) -> Document | None:
    """Load any file as a YAML plan (the loader of last resort); honours `max_file_size` (bytes)."""
    from ssi_lint.loading import MAX_FILE_BYTES, read_document

    limit = options.get("max_file_size")
    if limit is None:
        return read_document(path, display)
    if not limit.isdigit() or int(limit) < 1:
        from ssi_lint.errors import ConfigError

        raise ConfigError(f"--max-file-size must be a whole number of bytes, not {limit!r} (default {MAX_FILE_BYTES})")
    return read_document(path, display, int(limit))


@hookimpl
def ssi_lint_formats() -> Mapping[str, Callable[[TextIO, FormatOptions], Formatter]]:
    """The built-in output formats, imported only when used."""
    return {
        "text": _lazy("ssi_lint.formatters.text", "TextFormatter"),
        "concise": _lazy("ssi_lint.formatters.concise", "ConciseFormatter"),
        "json": _lazy("ssi_lint.formatters.json", "JsonFormatter"),
        "json-lines": _lazy("ssi_lint.formatters.jsonlines", "JsonLinesFormatter"),
        "sarif": _lazy("ssi_lint.formatters.sarif", "SarifFormatter"),
        "junit": _lazy("ssi_lint.formatters.junit", "JunitFormatter"),
        "github": _lazy("ssi_lint.formatters.github", "GithubFormatter"),
        "gitlab": _lazy("ssi_lint.formatters.gitlab", "GitlabFormatter"),
        "html": _lazy("ssi_lint.formatters.html", "HtmlFormatter"),
        "markdown": _lazy("ssi_lint.formatters.markdown", "MarkdownFormatter"),
    }


def _lazy(module: str, name: str) -> Callable[[TextIO, FormatOptions], Formatter]:
    """A factory that imports the formatter's module on first use."""

    def factory(stream: TextIO, options: FormatOptions) -> Formatter:
        from importlib import import_module

        return getattr(import_module(module), name)(stream, options)

    factory.__qualname__ = f"{module}.{name}"
    return factory
