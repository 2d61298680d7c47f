"""The cached entry-point scan notices a distribution installed or removed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from ssi_lint import entry_points as module
from ssi_lint.entry_points import EntryPoint, entry_points


@pytest.fixture()
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder on sys.path, and a cache folder of this test."""
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.setenv("SSI_LINT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("SSI_LINT_NO_CACHE", raising=False)
    return folder


def install(site: Path, name: str, version: str, value: str) -> Path:
    """Write the metadata of a distribution declaring one `ssi_lint` entry point."""
    info = site / f"{name}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[ssi_lint]\n{name} = {value}\n", encoding="utf-8")
    return info


def names(found: list[EntryPoint]) -> list[tuple[str, str]]:
    return [(entry.name, entry.origin) for entry in found if entry.name.startswith("zz")]


def test_second_run_reads_the_cache(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install(site, "zzfirst", "1.0", "json:dumps")
    assert names(entry_points("ssi_lint")) == [("zzfirst", "zzfirst 1.0")]
    monkeypatch.setattr(module, "scan", lambda group: pytest.fail("scanned again"))
    found = entry_points("ssi_lint")
    assert names(found) == [("zzfirst", "zzfirst 1.0")]
    import json

    assert next(entry for entry in found if entry.name == "zzfirst").load() is json.dumps


def test_other_files_in_a_folder_do_not_force_a_scan(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install(site, "zzfirst", "1.0", "json:dumps")
    entry_points("ssi_lint")
    (site / "notes.txt").write_text("saved in the working folder\n", encoding="utf-8")  # the folder's mtime changes
    (site / "helper.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(module, "scan", lambda group: pytest.fail("scanned again"))
    assert names(entry_points("ssi_lint")) == [("zzfirst", "zzfirst 1.0")]


def test_installed_and_removed_distributions_are_noticed(site: Path) -> None:
    first = install(site, "zzfirst", "1.0", "json:dumps")
    assert names(entry_points("ssi_lint")) == [("zzfirst", "zzfirst 1.0")]
    install(site, "zzsecond", "2.0", "json:loads")
    assert names(entry_points("ssi_lint")) == [("zzfirst", "zzfirst 1.0"), ("zzsecond", "zzsecond 2.0")]
    for file in first.iterdir():
        file.unlink()
    first.rmdir()
    assert names(entry_points("ssi_lint")) == [("zzsecond", "zzsecond 2.0")]


def test_upgrade_is_noticed(site: Path) -> None:
    old = install(site, "zzfirst", "1.0", "json:dumps")
    assert names(entry_points("ssi_lint")) == [("zzfirst", "zzfirst 1.0")]
    for file in old.iterdir():
        file.unlink()
    old.rmdir()
    install(site, "zzfirst", "1.1", "json:dumps")
    assert names(entry_points("ssi_lint")) == [("zzfirst", "zzfirst 1.1")]


def test_a_damaged_snapshot_is_scanned_again(site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    install(site, "zzfirst", "1.0", "json:dumps")
    entry_points("ssi_lint")
    [stored] = (tmp_path / "cache").glob("entry-points-*.marshal")
    stored.write_bytes(stored.read_bytes()[:-3] + b"zzz")
    scanned = []
    monkeypatch.setattr(module, "scan", lambda group: scanned.append(group) or [])
    assert entry_points("ssi_lint") == [] and scanned == ["ssi_lint"]


def test_without_a_cache_it_scans(site: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SSI_LINT_NO_CACHE", "1")
    install(site, "zzfirst", "1.0", "json:dumps")
    assert names(entry_points("ssi_lint")) == [("zzfirst", "zzfirst 1.0")]
    assert not (tmp_path / "cache").exists()


def test_entry_point_value_with_attribute_path_and_extras() -> None:
    assert EntryPoint("x", "os.path:join [extra]", "x").load() is __import__("os").path.join
    assert EntryPoint("x", "os.path", "x").load() is sys.modules["os.path"]
