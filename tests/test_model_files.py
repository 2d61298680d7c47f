"""Shipped data files: read and checked once, then taken from their snapshot until either file changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssi_lint import model_files
from ssi_lint.errors import SsiLintError
from ssi_lint.model_files import load_checked

SCHEMA = '{"type": "object", "required": ["points"], "properties": {"points": {"type": "number"}}}'


@pytest.fixture()
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setenv("SSI_LINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("SSI_LINT_NO_CACHE", raising=False)
    data, schema = tmp_path / "model.yaml", tmp_path / "model.schema.json"
    data.write_text("points: 25\n", encoding="utf-8")
    schema.write_text(SCHEMA, encoding="utf-8")
    return data, schema


def test_the_second_read_comes_from_the_snapshot(files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_checked(*files, SsiLintError, "the model") == {"points": 25}
    monkeypatch.setattr(model_files, "read_yaml", lambda *args: pytest.fail("read again"))
    assert load_checked(*files, SsiLintError, "the model") == {"points": 25}


@pytest.mark.parametrize("changed", [0, 1])
def test_a_changed_file_is_read_and_checked_again(files: tuple[Path, Path], changed: int) -> None:
    load_checked(*files, SsiLintError, "the model")
    if changed == 0:
        files[0].write_text("points: 30\n", encoding="utf-8")
        assert load_checked(*files, SsiLintError, "the model") == {"points": 30}
    else:
        files[1].write_text(SCHEMA.replace('"number"', '"string"'), encoding="utf-8")
        with pytest.raises(SsiLintError, match="points"):
            load_checked(*files, SsiLintError, "the model")


def test_data_that_breaks_its_schema_is_never_kept(files: tuple[Path, Path]) -> None:
    files[0].write_text("points: many\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(SsiLintError, match="model.yaml"):
            load_checked(*files, SsiLintError, "the model")
