"""Turning the paths a user names into files: plans found recursively, sorted, each once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from ssi_lint.config import Config
from ssi_lint.discovery import discover, require_plan
from ssi_lint.errors import InputError

TREE = [
    "plans/b.plan.yaml",
    "plans/a.plan.yml",
    "plans/sub/deep/c.plan.yaml",
    "plans/notes.yaml",
    "plans/readme.md",
    "plans/x.plan.yaml.bak",
    "other/z.plan.yaml",
    "loose.yaml",
]


@pytest.fixture()
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in TREE:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("version: 1\n")
    (tmp_path / "plans/dir.plan.yaml").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(("paths", "expected"), [
    (["plans"], ["plans/a.plan.yml", "plans/b.plan.yaml", "plans/sub/deep/c.plan.yaml"]),
    (["other", "plans/sub"], ["other/z.plan.yaml", "plans/sub/deep/c.plan.yaml"]),
    (["plans/sub", "other"], ["other/z.plan.yaml", "plans/sub/deep/c.plan.yaml"]),
    (["loose.yaml"], ["loose.yaml"]),
    (["plans/notes.yaml", "plans/sub"], ["plans/notes.yaml", "plans/sub/deep/c.plan.yaml"]),
    (["plans", "plans"], ["plans/a.plan.yml", "plans/b.plan.yaml", "plans/sub/deep/c.plan.yaml"]),
    (["plans/b.plan.yaml", "./plans/b.plan.yaml"], ["plans/b.plan.yaml"]),
    (["plans/sub/deep/c.plan.yaml", "plans/sub"], ["plans/sub/deep/c.plan.yaml"]),
    (["."], ["other/z.plan.yaml", "plans/a.plan.yml", "plans/b.plan.yaml", "plans/sub/deep/c.plan.yaml"]),
    ([], []),
], ids=["dir-recursive", "two-dirs", "order-independent", "file-as-given", "file-and-dir", "dir-twice",
        "same-file-two-spellings", "file-inside-given-dir", "cwd", "nothing"])
def test_discover(tree: Path, paths: list[str], expected: list[str]) -> None:
    found = discover(paths)
    assert [display for _, display in found] == expected
    assert all(path == Path(display) for path, display in found)


def test_same_file_relative_and_absolute_appears_once(tree: Path) -> None:
    found = discover([tree / "other/z.plan.yaml", "other/z.plan.yaml"])
    assert len(found) == 1


def test_empty_directory_gives_nothing(tmp_path: Path) -> None:
    assert discover([tmp_path]) == []


@pytest.mark.parametrize("paths", [["absent.plan.yaml"], ["plans", "absent"]], ids=["alone", "after-a-good-one"])
def test_missing_path_is_input_error(tree: Path, paths: list[str]) -> None:
    with pytest.raises(InputError, match=r"^absent(\.plan\.yaml)?: no such file or directory$"):
        discover(paths)


# --- what folder searches skip ----------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    for name in ["plans/a.plan.yaml", "plans/build/b.plan.yaml", "plans/c.tmp.plan.yaml", "plans/.drafts/d.plan.yaml",
                 "node_modules/pkg/e.plan.yaml", "plans/node_modules/f.plan.yaml", ".hidden/g.plan.yaml",
                 "plans/old/h.plan.yaml", "plans/archive/i.plan.yaml"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("version: 1\n")
    (tmp_path / ".gitignore").write_text("build/\n*.tmp.plan.yaml\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_folder_runs_skip_ignored_hidden_and_dependency_folders(repo: Path) -> None:
    assert [display for _, display in discover(["."])] == [
        "plans/a.plan.yaml", "plans/archive/i.plan.yaml", "plans/old/h.plan.yaml"]


def test_named_paths_are_searched_even_when_hidden_or_ignored(repo: Path) -> None:
    found = [display for _, display in discover([".hidden", "plans/build", "plans/c.tmp.plan.yaml", "node_modules"])]
    assert found == [".hidden/g.plan.yaml", "node_modules/pkg/e.plan.yaml", "plans/build/b.plan.yaml", "plans/c.tmp.plan.yaml"]


def test_gitignore_is_read_only_when_asked(repo: Path) -> None:
    found = [display for _, display in discover(["plans"], Config(respect_gitignore=False, root=repo))]
    assert "plans/build/b.plan.yaml" in found and "plans/c.tmp.plan.yaml" in found


def test_exclude_and_extend_exclude_both_apply(repo: Path) -> None:
    config = Config(exclude=("old",), extend_exclude=("archive/",), root=repo)
    assert [display for _, display in discover(["plans"], config)] == ["plans/a.plan.yaml"]


def test_outside_a_git_work_tree_gitignore_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "a.plan.yaml").write_text("version: 1\n")
    (tmp_path / ".gitignore").write_text("*.plan.yaml\n")
    monkeypatch.chdir(tmp_path)
    from ssi_lint.gitignore import work_tree

    if work_tree(tmp_path) is None:
        assert [display for _, display in discover(["plans"])] == ["plans/a.plan.yaml"]


@pytest.mark.parametrize("paths", [
    ["plans"],
    ["plans/link.plan.yaml", "plans"],
    ["linked", "plans/good/a.plan.yaml"],
    ["linked", "plans/link.plan.yaml", "plans"],
], ids=["folder", "link-first", "linked-folder-first", "all"])
def test_a_file_reached_by_a_link_and_by_its_own_name_is_checked_once_under_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths: list[str],
) -> None:
    """`plans/link.plan.yaml` is found before `plans/good/`, and `linked/` (a link to the folder) before `plans`: neither name wins."""
    (tmp_path / "plans/good").mkdir(parents=True)
    (tmp_path / "plans/good/a.plan.yaml").write_text("version: 1\n", encoding="utf-8")
    (tmp_path / "plans/link.plan.yaml").symlink_to("good/a.plan.yaml")
    (tmp_path / "linked").symlink_to("plans/good", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    assert [display for _, display in discover(paths)] == ["plans/good/a.plan.yaml"]


def test_a_link_to_a_file_outside_the_folder_is_checked_under_its_own_name(tmp_path: Path) -> None:
    (tmp_path / "outside.plan.yaml").write_text("version: 1\n", encoding="utf-8")
    plans = tmp_path / "plans"
    plans.mkdir()
    (plans / "in.plan.yaml").symlink_to(tmp_path / "outside.plan.yaml")
    assert [display for _, display in discover([plans])] == [(plans / "in.plan.yaml").as_posix()]
    both = discover([plans, tmp_path / "outside.plan.yaml"])
    assert len(both) == 1


def test_one_plan_is_a_file_or_a_folder_a_loader_claims(tmp_path: Path) -> None:
    plan = tmp_path / "a.plan.yaml"
    plan.write_text("version: 1\n", encoding="utf-8")
    require_plan(plan, lambda path: False, "advise reads")
    require_plan(tmp_path, lambda path: path == tmp_path, "advise reads")  # an extracted data export
    with pytest.raises(InputError, match=r"^.*: a folder that no loader plugin reads as a plan; advise reads one plan file"):
        require_plan(tmp_path, lambda path: False, "advise reads")
    with pytest.raises(InputError, match=r"absent\.plan\.yaml: no such file or directory$"):
        require_plan(tmp_path / "absent.plan.yaml", lambda path: True, "advise reads")


def test_configuration_and_discovery_do_not_import_each_other() -> None:
    """config <- per_file <- discovery: neither lower module imports a higher one, even inside a function."""
    import ast

    package = Path(__file__).parents[1] / "ssi_lint"

    def imported(module: str) -> set[str]:
        tree = ast.parse((package / f"{module}.py").read_text(encoding="utf-8"))
        names = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        names |= {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        return names

    assert not imported("config") & {"ssi_lint.discovery", "ssi_lint.per_file"}
    assert "ssi_lint.discovery" not in imported("per_file")


LEADS_NOWHERE = [
    (lambda path: path.symlink_to(path), "a symbolic link loop (too many levels of symbolic links)"),
    (lambda path: path.symlink_to("nowhere"), "a broken symbolic link (to nowhere, which does not exist)"),
]


@pytest.mark.parametrize(("make", "reason"), LEADS_NOWHERE, ids=["loop", "broken"])
def test_one_plan_named_as_a_link_that_leads_nowhere_is_refused_for_what_it_is(
    tmp_path: Path, make: Callable[[Path], None], reason: str,
) -> None:
    path = tmp_path / "self.plan.yaml"
    make(path)
    with pytest.raises(InputError) as info:
        require_plan(path, lambda folder: False, "advise reads")
    assert str(info.value) == f"{path.as_posix()}: {reason}"


@pytest.mark.parametrize("make", [make for make, _ in LEADS_NOWHERE], ids=["loop", "broken"])
def test_a_link_that_leads_nowhere_is_kept_found_or_named_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make: Callable[[Path], None],
) -> None:
    """Kept for loading to report (LOAD009), not skipped by a search nor refused when named; an exclusion still applies."""
    (tmp_path / "plans" / "old").mkdir(parents=True)
    for name in ("plans/a.plan.yaml", "plans/old/x.plan.yaml", "plans/notes.yaml"):
        make(tmp_path / name)
    monkeypatch.chdir(tmp_path)
    config = Config(extend_exclude=("old/",), root=tmp_path / "plans")
    assert [display for _, display in discover(["plans"], config)] == ["plans/a.plan.yaml"]
    assert [display for _, display in discover(["plans/a.plan.yaml"], config)] == ["plans/a.plan.yaml"]
    assert discover(["plans/old/x.plan.yaml"], config) == []


def test_broken_links_to_the_same_missing_file_are_each_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plans").mkdir()
    for name in ("a", "b"):
        (tmp_path / "plans" / f"{name}.plan.yaml").symlink_to("nowhere.plan.yaml")
    monkeypatch.chdir(tmp_path)
    assert [display for _, display in discover(["plans", "plans/b.plan.yaml"])] == ["plans/a.plan.yaml", "plans/b.plan.yaml"]


def test_a_missing_path_is_still_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"absent\.plan\.yaml: no such file or directory$"):
        discover([tmp_path / "absent.plan.yaml"])
