"""Each file's nearest configuration (a folder per client), `--config` for all, and `per-file-ignores`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ssi_lint.cli import main
from ssi_lint.config import Config, load_config
from ssi_lint.per_file import ConfigResolver

PLAN = "version: 1\noutreach:\n  invitations:\n    per_day: 30\n"


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


@pytest.fixture
def agency(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two clients with their own warning level for OUT001 (daily invitations), and one with the agency's."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".ssi-lint.yaml").write_text("select: [OUT001]\nparams: {OUT001: {levels: {warning: 40}}}\n")
    for client, limit in (("acme", 25), ("globex", 35)):
        (tmp_path / "clients" / client).mkdir(parents=True)
        (tmp_path / "clients" / client / ".ssi-lint.yaml").write_text(
            f"extend: ../../.ssi-lint.yaml\nparams: {{OUT001: {{levels: {{warning: {limit}}}}}}}\n")
        (tmp_path / "clients" / client / "q1.plan.yaml").write_text(PLAN)
    (tmp_path / "clients" / "initech").mkdir()
    (tmp_path / "clients" / "initech" / "q1.plan.yaml").write_text(PLAN)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def _files_with_findings(result: Result) -> set[str]:
    return {finding["file"] for finding in json.loads(result.output)["findings"]}


def test_each_client_folder_uses_its_own_thresholds(agency: Path) -> None:
    result = invoke("--format", "json", "clients")
    # 30 a day: above acme's 25, below globex's 35, and below the agency's 40 for initech.
    assert _files_with_findings(result) == {"clients/acme/q1.plan.yaml"}
    assert {rule["rule_id"] for rule in json.loads(result.output)["findings"]} == {"OUT001"}


def test_command_line_options_apply_to_every_folder(agency: Path) -> None:
    result = invoke("--format", "json", "--select", "OUT001,OUT008", "clients")
    assert _files_with_findings(result) == {"clients/acme/q1.plan.yaml"}


def test_config_option_applies_one_file_everywhere(agency: Path) -> None:
    (agency / "strict.yaml").write_text("select: [OUT001]\nparams: {OUT001: {levels: {warning: 10}}}\n")
    result = invoke("--format", "json", "--config", "strict.yaml", "clients")
    assert len(_files_with_findings(result)) == 3


def test_a_bad_client_config_names_its_file(agency: Path) -> None:
    (agency / "clients" / "globex" / ".ssi-lint.yaml").write_text("params: {OUT999: {limit: 1}}\n")
    result = invoke("clients")
    assert result.exit_code == 2 and "clients/globex/.ssi-lint.yaml: params.OUT999: unknown rule id" in result.stderr


def test_per_file_ignores_drop_findings_in_matching_files(agency: Path) -> None:
    (agency / ".ssi-lint.yaml").write_text("select: [OUT001]\nparams: {OUT001: {levels: {warning: 10}}}\nper-file-ignores: {'clients/initech/*': [OUT]}\n")
    (agency / "clients" / "acme" / ".ssi-lint.yaml").unlink()
    (agency / "clients" / "globex" / ".ssi-lint.yaml").unlink()
    result = invoke("--format", "json", "clients")
    assert _files_with_findings(result) == {"clients/acme/q1.plan.yaml", "clients/globex/q1.plan.yaml"}


def test_resolver_caches_and_falls_back(agency: Path) -> None:
    run_config = load_config(agency / ".ssi-lint.yaml")
    resolver = ConfigResolver(run_config)
    acme = resolver.for_file(agency / "clients" / "acme" / "q1.plan.yaml")
    assert acme.params == {"OUT001": {"levels": {"warning": 25}}} and acme is resolver.for_file(agency / "clients" / "acme" / "x.plan.yaml")
    assert resolver.for_file(agency / "clients" / "initech" / "q1.plan.yaml") is run_config
    assert ConfigResolver(Config(), fixed=True).for_file(agency / "clients" / "acme" / "q1.plan.yaml") == Config()
