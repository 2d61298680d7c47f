"""`.gitignore` files in folder runs: git's precedence, negation, and only inside a work tree."""

from __future__ import annotations

from pathlib import Path

import pytest

from ssi_lint.gitignore import GitIgnore, work_tree


def write(path: Path, text: str = "version: 1\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / ".git" / "info").mkdir(parents=True)
    write(tmp_path / ".git" / "info" / "exclude", "*.local.plan.yaml\n")
    write(tmp_path / ".gitignore", "build/\n*.tmp.plan.yaml\n[z-a]\n")
    write(tmp_path / "plans" / ".gitignore", "!keep.tmp.plan.yaml\nprivate/\n")
    return tmp_path


@pytest.mark.parametrize(("relative", "directory", "ignored"), [
    ("build", True, True),
    ("build", False, False),
    ("plans/a.plan.yaml", False, False),
    ("plans/x.tmp.plan.yaml", False, True),
    ("plans/keep.tmp.plan.yaml", False, False),
    ("keep.tmp.plan.yaml", False, True),
    ("plans/private", True, True),
    ("private", True, False),
    ("me.local.plan.yaml", False, True),
    (".git", True, True),
])
def test_git_precedence(tree: Path, relative: str, directory: bool, ignored: bool) -> None:
    rules = GitIgnore.around(tree / "plans")
    assert rules is not None and rules.top == tree
    assert rules.ignored(tree / relative, directory=directory) is ignored


def test_outside_a_work_tree_nothing_is_read(tmp_path: Path) -> None:
    write(tmp_path / ".gitignore", "*\n")
    assert work_tree(tmp_path) is None or work_tree(tmp_path) != tmp_path
