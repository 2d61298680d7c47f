"""Tool-level failures: each one ends the run with a single line on stderr and exit 2.

Problems of a linted file are never raised; they become findings.
"""

from typing import Any

from ssi_lint.signals import Terminated


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


def plugin_failure(exc: BaseException) -> str:
    """How third-party code (a plugin's import, hook, fact, CEL function or output format) failed, for a one-line
    error that names the plugin: `ValueError: boom`, `SystemExit: 0`.

    Whatever such code raises is its failure, `sys.exit()` (SystemExit) and any other BaseException included: caught
    as an Exception only, `sys.exit(0)` would end the run quietly with status 0, a failing lint passing. Every place
    that calls plugin code catches BaseException and asks this function, which raises `exc` again when it is not the
    plugin's failure but an interruption: Ctrl-C (KeyboardInterrupt), a signal's exit (`signals.Terminated`) or a
    generator being closed (GeneratorExit).
    """
    if isinstance(exc, KeyboardInterrupt | GeneratorExit | Terminated):
        raise exc
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
