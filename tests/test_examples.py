"""Golden tests: the example plans' text and JSON output, and the generated rule reference.

Set SSI_LINT_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from ssi_lint.cli import main

ROOT = Path(__file__).parents[1]
GOLDEN = Path(__file__).parent / "golden"
EXAMPLES = sorted(path.name for path in (ROOT / "examples").glob("*.plan.yaml"))
UPDATE = os.environ.get("SSI_LINT_UPDATE_GOLDEN") == "1"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.output



@pytest.fixture(autouse=True)
def _at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize("example", EXAMPLES)
@pytest.mark.parametrize("output_format", ["text", "json"])
def test_example_output(example: str, output_format: str, golden: Callable[[str, str], None]) -> None:
    chart = ("--show-ssi",) if output_format == "text" else ()
    status, output = run("--format", output_format, *chart, f"examples/{example}")
    golden(f"{example.removesuffix('.plan.yaml')}.{output_format.replace('text', 'txt')}", output)
    assert status == (0 if example == "healthy.plan.yaml" else 1)


def test_healthy_example_has_no_warning_or_error() -> None:
    status, output = run("--fail-on", "warning", "examples/healthy.plan.yaml")
    assert status == 0, output


def test_rule_reference_is_up_to_date() -> None:
    status, output = run("rules", "--format", "markdown")
    assert status == 0
    path = ROOT / "docs" / "rules.md"
    if UPDATE:
        path.write_text(output, encoding="utf-8")
    assert output == path.read_text(encoding="utf-8"), "docs/rules.md is stale: ssi-lint rules --format markdown > docs/rules.md"


def test_the_readmes_sample_output_is_the_risky_plans() -> None:
    """Every line of the README's sample output (but its `...`) is a line `ssi-lint examples/risky.plan.yaml` prints."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```\nexamples/risky.plan.yaml:")
    sample = readme[start + 4 : readme.index("```", start + 4)].splitlines()
    printed = set((GOLDEN / "risky.txt").read_text(encoding="utf-8").splitlines())
    assert sample and [line for line in sample if line != "..." and line not in printed] == []
