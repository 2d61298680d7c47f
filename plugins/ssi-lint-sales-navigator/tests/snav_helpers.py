"""Helpers shared by the plugin's tests (conftest.py puts this folder on sys.path)."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ssi_lint.api import LintOptions
from ssi_lint.model import Finding
from ssi_lint.plugins import AUTOLOAD_ENV, PluginSettings

PLUGIN = "ssi_lint_sales_navigator.plugin"
"""The plugin module, as `--plugin` names it."""
ENTRY_POINT = "sales_navigator"
"""The plugin's entry-point name, as `--disable-plugin` names it."""
PLUGIN_ROOT = Path(__file__).resolve().parents[1]
REPO_ROOT = PLUGIN_ROOT.parents[1]


def options(*modules: str, **kwargs: Any) -> LintOptions:
    """Lint options that load exactly these plugin modules besides the built-ins (no autoload)."""
    return LintOptions(plugins=PluginSettings(modules=modules, autoload=False), **kwargs)


def snv(findings: Sequence[Finding]) -> list[str]:
    """The plugin's rule ids among findings, in order."""
    return [finding.rule_id for finding in findings if finding.rule_id.startswith("SNV")]


def plan(inmail: Mapping[str, Any] | None = None, tier: str | None = None, **sections: Any) -> dict[str, Any]:
    """A version-1 plan with an `outreach.inmail` section and an account tier."""
    data: dict[str, Any] = {"version": 1, **sections}
    if tier is not None:
        data["account"] = {"tier": tier}
    if inmail is not None:
        data.setdefault("outreach", {})["inmail"] = dict(inmail)
    return data


def clean_env(**extra: str) -> dict[str, str]:
    """The environment for a subprocess: autoload on, no virtualenv or PYTHONPATH leaking in."""
    env = {key: value for key, value in os.environ.items() if key not in (AUTOLOAD_ENV, "PYTHONPATH", "VIRTUAL_ENV")}
    env.update(extra)
    return env


def run(*args: str | Path, cwd: Path, env: Mapping[str, str] | None = None, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    """Run a command, capturing text output."""
    return subprocess.run(
        [str(arg) for arg in args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=dict(env or clean_env())
    )


# --- docs/plugins.md, run as a script -------------------------------------------------------------

TUTORIAL = REPO_ROOT / "docs" / "plugins.md"
INSTALLED_MARK = "<!-- doc-test: installed -->"
"""Put before a console block of docs/plugins.md whose commands need the plugin installed."""
_FENCE = re.compile(r'^```(\w*)(?:\s+title="([^"]+)")?\s*$')


@dataclass(frozen=True)
class DocBlock:
    """A fenced block of the tutorial: a file to write (it has a title) or a console session."""

    language: str
    title: str | None
    text: str
    line: int
    installed: bool = False


@dataclass(frozen=True)
class DocCommand:
    """One `$ command` of a console block and the output the tutorial shows for it."""

    command: str
    expected: str
    line: int


def doc_blocks(markdown: str) -> list[DocBlock]:
    """Every fenced block, in order, with the line its content starts on."""
    blocks: list[DocBlock] = []
    lines = markdown.splitlines()
    index = 0
    while index < len(lines):
        match = _FENCE.match(lines[index])
        if match is None:
            index += 1
            continue
        previous = next((line for line in reversed(lines[:index]) if line.strip()), "")
        end = lines.index("```", index + 1)
        text = "\n".join(lines[index + 1 : end]) + "\n"
        blocks.append(DocBlock(match.group(1), match.group(2), text, index + 2, previous.strip() == INSTALLED_MARK))
        index = end + 1
    return blocks


def doc_commands(block: DocBlock) -> list[DocCommand]:
    """The `$ ` commands of a console block with their expected output."""
    commands: list[DocCommand] = []
    for offset, line in enumerate(block.text.splitlines()):
        if line.startswith("$ "):
            commands.append(DocCommand(line[2:], "", block.line + offset))
        elif commands:
            last = commands[-1]
            commands[-1] = DocCommand(last.command, last.expected + line + "\n", last.line)
    return commands


def output_pattern(expected: str) -> re.Pattern[str]:
    """A line `...` stands for any lines; `...` inside a line for any text on that line."""
    parts = []
    for line in expected.splitlines():
        if line == "...":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append(r"[^\n]*".join(re.escape(piece) for piece in line.split("...")) + r"\n")
    return re.compile("".join(parts))


def run_tutorial(project: Path, bin_dir: Path, installed: bool, env: Mapping[str, str]) -> list[str]:
    """Write the tutorial's files into `project` and run its commands there, in order.

    Console blocks marked as needing an installed plugin run only when
    `installed` is true (the tutorial's `pip install` then goes into the
    environment of `bin_dir`). Returns the commands run; fails at the first
    command whose output or exit status differs from the tutorial.
    """
    ran = []
    environment = {**env, "PATH": f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"}
    for block in doc_blocks(TUTORIAL.read_text(encoding="utf-8")):
        if block.title:
            target = project / block.title
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.text, encoding="utf-8")
            continue
        if block.language != "console" or (block.installed and not installed):
            continue
        for command in doc_commands(block):
            result = subprocess.run(
                ["bash", "-c", command.command], cwd=project, env=environment,
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600,
            )
            where = f"docs/plugins.md:{command.line}: $ {command.command}"
            if command.command.startswith("pip "):
                assert result.returncode == 0, f"{where}\n{result.stdout}"
            else:
                assert output_pattern(command.expected).fullmatch(result.stdout), f"{where}\n--- got:\n{result.stdout}--- expected:\n{command.expected}"
            ran.append(command.command)
    return ran
