"""`draft_plan` and `ssi-lint-draft-plan`: a valid plan, each number commented with its source file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from ssi_lint.api import Linter, LintOptions
from ssi_lint.loading import load_text
from ssi_lint.plugins import PluginSettings
from ssi_lint_linkedin_export import draft_plan
from ssi_lint_linkedin_export.draft import DraftError, main
from ssi_lint_linkedin_export.observation import Settings


def test_draft_is_valid_against_the_core_plan_schema(archive: Path) -> None:
    text = draft_plan(archive)
    core = Linter(LintOptions(plugins=PluginSettings(autoload=False)))  # without the plugin: no `export` section allowed
    result = core.check_document(load_text(text, "draft.plan.yaml"))
    assert not [finding for finding in result.findings if finding.rule_id.startswith(("LOAD", "SCHEMA"))], result.findings
    data = yaml.safe_load(text)
    assert "export" not in data
    assert data["outreach"]["invitations"] == {"per_day": 30, "per_week": 60, "note": "none"}
    assert data["content"]["per_week"]["posts"] == 1


def test_every_number_says_where_it_came_from(archive: Path) -> None:
    lines = draft_plan(archive).splitlines()
    values = [line for line in lines[1:] if not line.lstrip().startswith("#") and not line.endswith(":") and line != "version: 1"]
    assert len(values) == 26 and all("  # " in line for line in values), values
    by_key = {line.split(":")[0].strip(): line for line in values}
    assert "# Invitations.csv: OUTGOING rows, the busiest 7 days" in by_key["per_week"]
    assert "# Connections.csv: rows connected on or before 2026-02-09" in by_key["connections"]
    assert "# Profile.csv:2: the Headline column" in by_key["headline"]
    assert "28 days 2026-01-13 to 2026-02-09" in lines[1]


def test_draft_names_missing_files_and_honours_settings(kit, tmp_path: Path) -> None:
    folder = kit.standard_export().drop("Shares.csv").folder(tmp_path)
    text = draft_plan(folder, Settings(as_of=date(2026, 2, 5), window_days=7))
    assert "posts: 0" in text and "no Shares.csv in the export: counted as empty" in text
    assert "7 days 2026-01-30 to 2026-02-05" in text


def test_console_script(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(archive), "--window", "14", "--as-of", "2026-02-08"]) == 0
    assert "14 days 2026-01-26 to 2026-02-08" in capsys.readouterr().out


@pytest.mark.parametrize("args", [["nothing-here.zip"], ["ARCHIVE", "--window", "zero"], ["ARCHIVE", "--as-of", "yesterday"]])
def test_console_script_errors_are_one_line(archive: Path, capsys: pytest.CaptureFixture[str], args: list[str]) -> None:
    assert main([str(archive) if arg == "ARCHIVE" else arg for arg in args]) == 2
    error = capsys.readouterr().err
    assert error.startswith("ssi-lint-draft-plan: error: ") and error.count("\n") == 1


def test_draft_of_a_non_export_raises(tmp_path: Path) -> None:
    with pytest.raises(DraftError):
        draft_plan(tmp_path)
