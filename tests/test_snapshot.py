"""Snapshots: kept for their key only, ignored when damaged, foreign or shared, and never run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ssi_lint import snapshot

VALUE = {"packs": [("rules/a.yaml", {"rules": [{"id": "X1", "score": 1.5}]}, [(3, 1)])], "programs": {"X1": b"\x00\x01"}}


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(snapshot.CACHE_DIR_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv(snapshot.NO_CACHE_ENV, raising=False)
    return tmp_path / "cache"


def the_file(folder: Path) -> Path:
    [path] = folder.glob(f"test-*{snapshot.SUFFIX}")
    return path


def test_a_value_comes_back_for_its_key_only(folder: Path) -> None:
    snapshot.write("test", "key one", VALUE)
    assert snapshot.read("test", "key one") == VALUE
    assert snapshot.read("test", "key two") is None
    assert snapshot.read("other", "key one") is None


def test_the_file_is_private(folder: Path) -> None:
    snapshot.write("test", "key", VALUE)
    assert (the_file(folder).stat().st_mode & 0o777) == 0o600


@pytest.mark.parametrize("damage", [lambda raw: raw[:-1], lambda raw: raw[:-2] + b"??", lambda raw: b"", lambda raw: b"not a snapshot"])
def test_a_damaged_file_is_no_snapshot(folder: Path, damage: object) -> None:
    snapshot.write("test", "key", VALUE)
    path = the_file(folder)
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    assert snapshot.read("test", "key") is None


def test_a_file_others_can_write_is_not_read(folder: Path) -> None:
    snapshot.write("test", "key", VALUE)
    the_file(folder).chmod(0o620)
    assert snapshot.read("test", "key") is None


def test_a_symbolic_link_is_not_followed(folder: Path, tmp_path: Path) -> None:
    snapshot.write("test", "key", VALUE)
    path = the_file(folder)
    moved = tmp_path / "elsewhere"
    path.rename(moved)
    path.symlink_to(moved)
    assert snapshot.read("test", "key") is None


def test_snapshots_can_be_turned_off(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(snapshot.NO_CACHE_ENV, "1")
    snapshot.write("test", "key", VALUE)
    assert not folder.exists()
    assert snapshot.read("test", "key") is None


def test_an_unwritable_folder_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(snapshot.CACHE_DIR_ENV, str(blocker / "cache"))
    snapshot.write("test", "key", VALUE)
    assert snapshot.read("test", "key") is None


def test_a_value_marshal_cannot_hold_is_not_kept(folder: Path) -> None:
    snapshot.write("test", "key", {"value": object()})
    assert snapshot.read("test", "key") is None


def test_only_the_newest_of_a_kind_are_kept_and_only_known_old_files_removed(folder: Path) -> None:
    folder.mkdir()
    keep = folder / "notes.json"
    keep.write_text("{}")
    old = folder / f"{'ab' * 32}.json"
    old.write_text("{}")
    for number in range(20):
        snapshot.write("test", f"key {number}", number)
        path = folder / snapshot.file_name("test", f"key {number}")
        os.utime(path, ns=(number * 10**9, number * 10**9))
    snapshot.write("other", "key", 0)
    assert len(list(folder.glob(f"test-*{snapshot.SUFFIX}"))) == 16
    assert snapshot.read("test", "key 19") == 19 and snapshot.read("other", "key") == 0
    assert keep.exists() and not old.exists()


def test_a_checksum_changes_with_the_bytes() -> None:
    assert snapshot.checksum(b"a: 1\n") != snapshot.checksum(b"a: 2\n")
    assert snapshot.checksum(b"") != snapshot.checksum(b"\0")


def test_a_file_over_the_size_limit_is_no_snapshot(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    snapshot.write("test", "key", VALUE)
    size = the_file(folder).stat().st_size
    monkeypatch.setattr(snapshot, "MAX_BYTES", size)
    assert snapshot.read("test", "key") == VALUE
    monkeypatch.setattr(snapshot, "MAX_BYTES", size - 1)
    assert snapshot.read("test", "key") is None
