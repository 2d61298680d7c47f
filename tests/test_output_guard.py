"""output_guard: outputs are compared with inputs as files, whatever the spelling."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ssi_lint.errors import InputError
from ssi_lint.output_guard import refuse_inputs_as_outputs


def test_the_same_file_under_other_names_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = tmp_path / "a.plan.yaml"
    plan.write_text("version: 1\n")
    (tmp_path / "link").symlink_to(plan)
    os.link(plan, tmp_path / "hard")
    monkeypatch.chdir(tmp_path)
    for name in ("a.plan.yaml", "./a.plan.yaml", str(plan), "link", "hard", f"../{tmp_path.name}/a.plan.yaml"):
        with pytest.raises(InputError, match=r"is the plan .*refusing to overwrite it"):
            refuse_inputs_as_outputs({"-o": Path(name)}, [("the plan", plan)])


def test_new_and_other_files_pass(tmp_path: Path) -> None:
    plan = tmp_path / "a.plan.yaml"
    plan.write_text("version: 1\n")
    (tmp_path / "other").write_text("")
    refuse_inputs_as_outputs({"-o": tmp_path / "other", "--write-baseline": tmp_path / "new.json"}, [("the plan", plan)])
    refuse_inputs_as_outputs({"-o": None}, [("the plan", plan)])


def test_two_outputs_naming_one_new_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="the same file"):
        refuse_inputs_as_outputs({"-o": tmp_path / "x", "--write-baseline": tmp_path / "sub" / ".." / "x"}, [])
