"""reading: regular files only, never more than the limit, and never a wait on a FIFO."""

from __future__ import annotations

import os
from collections.abc import Callable
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



@pytest.mark.parametrize("size", [0, 1, 9, 10, 11, 70_000])
def test_a_file_is_read_whole_up_to_one_byte_past_the_limit(tmp_path: Path, size: int) -> None:
    data = bytes(range(256)) * (size // 256) + b"y" * (size % 256)
    (tmp_path / "f").write_bytes(data)
    assert read_prefix(tmp_path / "f", 10) == data[:11]
    assert read_prefix(tmp_path / "f", 100_000) == data


@pytest.mark.parametrize("stated", [0, 5])
def test_a_file_larger_than_its_stated_size_is_read_to_its_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stated: int) -> None:
    """A file that grew after it was opened, or one the system states as empty (`/proc`), is read on past that size."""
    data = b"z" * 200_000
    (tmp_path / "f").write_bytes(data)
    real_fstat = os.fstat

    def smaller(descriptor: int) -> os.stat_result:
        status = list(real_fstat(descriptor))
        status[6] = stated  # st_size
        return os.stat_result(status)

    monkeypatch.setattr(os, "fstat", smaller)
    assert read_prefix(tmp_path / "f", 300_000) == data
    assert read_prefix(tmp_path / "f", 100_000) == data[:100_001]

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


@pytest.mark.parametrize(("make", "reason"), [
    (lambda path: path.symlink_to(path), "a symbolic link loop (too many levels of symbolic links)"),
    (lambda path: path.symlink_to("nowhere"), "a broken symbolic link (to nowhere, which does not exist)"),
], ids=["loop", "broken"])
def test_a_link_that_leads_nowhere_is_named_for_what_it_is(tmp_path: Path, make: Callable[[Path], None], reason: str) -> None:
    make(tmp_path / "x")
    with pytest.raises(UnreadableInput) as info:
        read_bytes(tmp_path / "x")
    assert str(info.value) == reason
