"""The language server lints an open plan as `check` lints the file: its folder's configuration and `per-file-ignores`."""

from __future__ import annotations

from pathlib import Path

from ssi_lint.server.analysis import Linters

PLAN = "version: 1\naccount: {tier: free, age_days: 400}\noutreach:\n  invitations: {per_week: 125}\n"


def rule_ids(linters: Linters, path: Path) -> set[str]:
    return {finding.rule_id for finding in linters.analyse(path, PLAN, path.name).result.findings}


def test_per_file_ignores_leave_a_rule_out_of_the_files_they_name(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".ssi-lint.yaml").write_text("per-file-ignores: {'acme/**': [OUT003]}\n", encoding="utf-8")
    (tmp_path / "acme").mkdir()
    linters = Linters()
    ignored = rule_ids(linters, tmp_path / "acme" / "a.plan.yaml")
    assert "OUT003" not in ignored
    assert "SIM004" in ignored  # the rule OUT003 subsumes speaks again, as with `ignore`
    assert "OUT003" in rule_ids(linters, tmp_path / "b.plan.yaml")
