"""`ssi-lint explain` shows the thresholds a rule judges with as configured, and the rules whose params it borrows."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from ssi_lint.cli import main


def explain(rule_id: str) -> str:
    result = CliRunner().invoke(main, ["explain", rule_id], catch_exceptions=False)
    assert result.exit_code == 0
    return result.output


@pytest.fixture
def configured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".ssi-lint.yaml").write_text(
        "params: {OUT001: {levels: {warning: 12, error: 30}}, HYG001: {levels: {info: 100, warning: 250, error: 400}}}\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)


@pytest.mark.usefixtures("configured")
def test_configured_levels_are_the_ones_shown_with_the_defaults_they_replace() -> None:
    levels = next(line for line in explain("OUT001").splitlines() if line.startswith("Levels"))
    assert levels == "Levels (the most severe crossed wins): error when > 30 (configured; default 40); warning when > 12 (configured; default 20)"


@pytest.mark.usefixtures("configured")
def test_a_rule_judging_with_another_rules_params_names_it_and_says_it_is_configured() -> None:
    borrowed = next(line for line in explain("SIM001").splitlines() if line.startswith("Also judges"))
    assert "HYG001" in borrowed
    assert borrowed.endswith("; configured: HYG001")


def test_defaults_are_shown_as_written_without_a_configuration(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    text = explain("OUT014")
    assert "Levels (the most severe crossed wins): error when > 150; warning when > 80" in text
    assert "configured" not in text.replace("configuration", "")
    assert "Also judges" not in text
