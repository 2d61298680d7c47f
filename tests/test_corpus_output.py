"""Golden output of a fixed corpus in every format: speed work must not change a byte.

The corpus (tests/corpus) holds plans made by the benchmark's generator, one
with schema violations and one sparse plan with a duplicate key. The engine
switches from each rule's own program to bound programs after a few plans
(`Evaluator.BIND_AFTER`); it is lowered here so both paths write the output.
Set SSI_LINT_UPDATE_GOLDEN=1 to rewrite the golden files after an intended change.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from ssi_lint.cli import main
from ssi_lint.engine.evaluation import Evaluator

CORPUS = Path(__file__).parent / "corpus"
FORMATS = ("text", "concise", "json", "json-lines", "sarif", "junit", "github", "gitlab", "html", "markdown")


@pytest.fixture(autouse=True)
def _in_corpus(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CORPUS)
    monkeypatch.setattr(Evaluator, "BIND_AFTER", 3)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def run(*args: str) -> str:
    result = CliRunner().invoke(main, ["check", "--fail-on", "never", *args, "."], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("output_format", FORMATS)
def test_corpus_output_is_unchanged(output_format: str, golden: Callable[[str, str], None]) -> None:
    # SARIF names the folder it ran in (originalUriBaseIds); the golden file must not depend on the checkout's place
    output = run("--format", output_format).replace(CORPUS.as_uri() + "/", "file:///CORPUS/")
    golden(f"corpus/corpus.{output_format}", output)


def test_corpus_output_with_workers_is_unchanged(golden: Callable[[str, str], None]) -> None:
    golden("corpus/corpus.json", run("--format", "json", "--jobs", "2"))
