"""docs/plugins.md works as written: its files, its commands and their output, and its tests.

The commands that need the tutorial plugin installed run in the slow
virtual-environment tests (test_snav_venv.py); here the rest runs against
the ssi-lint of the running environment, with autoload off.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from snav_helpers import TUTORIAL, clean_env, doc_blocks, doc_commands, output_pattern, run_tutorial

from ssi_lint.plugins import AUTOLOAD_ENV


@pytest.mark.slow  # every command of the tutorial, each a process of its own
def test_tutorial_runs_as_written(tmp_path: Path) -> None:
    ran = run_tutorial(tmp_path, Path(sys.executable).parent, installed=False, env=clean_env(**{AUTOLOAD_ENV: "1"}))
    assert any("--format acme-tally" in command for command in ran)
    assert any(command.startswith("python -m pytest") for command in ran)
    assert not any(command.startswith("pip ") for command in ran)


def test_tutorial_covers_every_kind_of_contribution() -> None:
    blocks = doc_blocks(TUTORIAL.read_text(encoding="utf-8"))
    files = {block.title: block.text for block in blocks if block.title}
    assert {"ssi_lint_acme/facts.py", "ssi_lint_acme/functions.py", "ssi_lint_acme/formats.py", "ssi_lint_acme/acme.yaml",
            "ssi_lint_acme/plugin.py", "tests/test_acme.py", "pyproject.toml"} <= set(files)
    plugin = files["ssi_lint_acme/plugin.py"]
    for hook in ("ssi_lint_rule_packs", "ssi_lint_facts", "ssi_lint_cel_functions", "ssi_lint_formats"):
        assert f"def {hook}(" in plugin
    assert '[project.entry-points.ssi_lint]\nacme = "ssi_lint_acme.plugin"' in files["pyproject.toml"]
    assert "Linter(" in files["tests/test_acme.py"] and "--plugin" in files["tests/test_acme.py"]


def test_tutorial_links_to_the_reference_and_the_worked_example() -> None:
    text = TUTORIAL.read_text(encoding="utf-8")
    for target in ("../ssi_lint/hookspecs.py", "../plugins/ssi-lint-sales-navigator/"):
        assert f"]({target})" in text
        assert (TUTORIAL.parent / target).exists()


def test_installed_commands_are_marked() -> None:
    """Every console command that needs the plugin installed is in a marked block, run by the slow tests."""
    blocks = [block for block in doc_blocks(TUTORIAL.read_text(encoding="utf-8")) if block.language == "console"]
    for block in blocks:
        commands = [command.command for command in doc_commands(block)]
        assert block.installed == any(command.startswith("pip ") for command in commands), block.line
    assert any(block.installed for block in blocks)


def test_output_pattern_wildcards() -> None:
    pattern = output_pattern("head\n...\nrule packs: .../acme.yaml (2 rules)\n")
    assert pattern.fullmatch("head\nrule packs: /x/acme.yaml (2 rules)\n")
    assert pattern.fullmatch("head\na\nb\nrule packs: /x/y/acme.yaml (2 rules)\n")
    assert not pattern.fullmatch("head\nrule packs: /x/acme.yaml (3 rules)\n")
    assert not pattern.fullmatch("rule packs: /x/acme.yaml (2 rules)\n")
