"""Shell completion, as the README documents it (click's `_SSI_LINT_COMPLETE`)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from ssi_lint.cli import main


def complete(words: str) -> str:
    """What bash completion offers for the last word."""
    env = {"_SSI_LINT_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
    return CliRunner().invoke(main, [], env=env, prog_name="ssi-lint").output


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_source_script_is_printed(shell: str) -> None:
    output = CliRunner().invoke(main, [], env={"_SSI_LINT_COMPLETE": f"{shell}_source"}, prog_name="ssi-lint").output
    assert "_SSI_LINT_COMPLETE" in output


def test_subcommands_and_check_options_complete() -> None:
    assert "explain" in complete("ssi-lint ex")
    assert "--format" in complete("ssi-lint check --fo")
    assert "always" in complete("ssi-lint check --color a")
