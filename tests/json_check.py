"""Run `ssi-lint check` on a plan written to a temporary folder and read its JSON findings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner

from ssi_lint.cli import main


def write(tmp_path: Path, name: str, data: Any) -> Path:
    """Write data as YAML to `tmp_path / name`."""
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def check(tmp_path: Path, plan: dict[str, Any], *args: str) -> list[dict[str, Any]]:
    """The JSON findings of `ssi-lint check` on the plan with the given options."""
    result = CliRunner().invoke(main, ["check", str(write(tmp_path, "a.plan.yaml", plan)), "--format", "json", *args], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    return list(json.loads(result.output)["findings"])
