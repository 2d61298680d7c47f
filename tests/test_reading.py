"""reading: regular files only, never more than the limit, and never a wait on a FIFO."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ssi_lint.reading import UnreadableInput, read_bytes, read_prefix


def test_reads_a_regular_file(tmp_path: Path) -> None:
    (tmp_path / "f").write_bytes(b"abc")
    assert read_bytes(tmp_path / "f") == b"abc"


def test_a_file_over_the_limit(tmp_path: Path) -> None:
    (tmp_path / "f").write_bytes(b"x" * 11)
    assert read_prefix(tmp_path / "f", 10) == b"x" * 11
    with pytest.raises(UnreadableInput, match="larger than 10 bytes"):
        read_bytes(tmp_path / "f", 10)


@pytest.mark.parametrize(("make", "kind"), [
    (lambda path: os.mkfifo(path), "a FIFO"),
    (lambda path: path.mkdir(), "a folder"),
])
def test_not_a_regular_file(tmp_path: Path, make: object, kind: str) -> None:
    make(tmp_path / "x")  # type: ignore[operator]
    with pytest.raises(UnreadableInput, match=f"not a regular file \\({kind}\\)"):
        read_bytes(tmp_path / "x")


def test_a_device(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="a device"):
        read_bytes(Path("/dev/zero"))


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="no such file"):
        read_bytes(tmp_path / "missing")
