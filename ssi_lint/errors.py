"""Tool-level failures: each one ends the run with a single line on stderr and exit 2.

Problems of a linted file are never raised; they become findings.
"""

from typing import Any


class SsiLintError(Exception):
    """The tool could not do its job; the message names what failed and where."""


class RuleFileError(SsiLintError):
    """A rule pack is invalid (schema, CEL, template, example, duplicate id)."""


class RuleEvaluationError(SsiLintError):
    """A rule's condition or a fact failed on a valid plan: a bug in the rule or plugin."""

    def __init__(self, message: str, rule: Any = None) -> None:
        super().__init__(message)
        self.rule = rule


class PluginError(SsiLintError):
    """A plugin failed to load, or a hook of it raised."""


class InputError(SsiLintError):
    """A path to lint does not exist or cannot be read."""


class OutputError(SsiLintError):
    """The report cannot be written (a full disk, a closed standard output)."""


class ConfigError(SsiLintError):
    """A configuration file or option is invalid."""
