"""Globs through pathspec: gitignore semantics, no backtracking, bad patterns named."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ssi_lint.globs import GlobError, check_globs, compile_globs, is_excluded, matchable, matches, name_suffixes, relative_parts


@pytest.mark.parametrize("pattern", ["*a*a*a*a*a*a*a*a*a*a*b", "**/*a*a*a*a*a*a*a*a*b/**", "a*a*a*a*a*a*a*a*a*a*a*a*?b"])
def test_a_long_name_against_a_nasty_glob_finishes_at_once(tmp_path: Path, pattern: str) -> None:
    # With a backtracking regex engine each of these takes minutes on a 250-character name.
    name = "a" * 250
    deep = tmp_path.joinpath(*(["a" * 200] * 20), name)
    assert not matches((pattern,), tmp_path / name, tmp_path)
    assert not is_excluded((pattern,), deep, tmp_path)


def test_the_nasty_glob_is_linear_in_a_subprocess() -> None:
    # Timed by the parent with a generous bound: the old backtracking code took over 60 s here.
    code = (
        "from pathlib import Path; from ssi_lint.globs import matches;"
        "print(matches(('*a*a*a*a*a*a*a*a*a*a*a*a*b',), Path('/r/' + 'a' * 5000), Path('/r')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True)
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize("pattern", ["[z-a]", "plans/[9-0].yaml"])
def test_a_bad_character_class_is_a_glob_error(pattern: str) -> None:
    with pytest.raises(GlobError, match=r"bad glob '.*': bad character range"):
        check_globs(["fine/*.yaml", pattern])


@pytest.mark.parametrize(("patterns", "relative", "expected"), [
    (("!keep.plan.yaml", "*.plan.yaml"), "keep.plan.yaml", True),
    (("*.plan.yaml", "!keep.plan.yaml"), "keep.plan.yaml", False),
    (("build/",), "build/a.plan.yaml", True),
    (("/top",), "x/top/a.plan.yaml", False),
    (("top",), "x/top/a.plan.yaml", True),
])
def test_gitignore_semantics(tmp_path: Path, patterns: tuple[str, ...], relative: str, expected: bool) -> None:
    assert is_excluded(patterns, tmp_path / relative, tmp_path) is expected


def test_pathspec_is_not_imported_for_explicit_files_without_globs() -> None:
    code = (
        "import sys; from pathlib import Path; from ssi_lint.discovery import discover;"
        "discover([Path('examples/healthy.plan.yaml')]); print('pathspec' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True)
    assert done.stdout.strip() == "False"


def _by_pathspec(patterns: tuple[str, ...], path: Path, root: Path, directory: bool) -> bool:
    """The pathspec answer, as `matches` gives it for patterns that are more than name endings."""
    parts = relative_parts(path, root)
    compiled = compile_globs(patterns)
    if parts is None:
        return bool(compiled.names.match_file(matchable(path.name + ("/" if directory else ""))))
    return bool(parts) and bool(compiled.anywhere.match_file(matchable("/".join(parts) + ("/" if directory else ""))))


NAME = st.text(alphabet="ab.-_ éx\udcff", min_size=1, max_size=8).filter(lambda name: name.strip(" ") == name and name not in (".", ".."))


@pytest.mark.slow  # a long property run (300 examples)
@settings(max_examples=300, deadline=None)
@given(
    endings=st.lists(st.text(alphabet="ab.-_ éx", min_size=1, max_size=5).map(str.strip).filter(bool), min_size=1, max_size=3),
    parts=st.lists(NAME, min_size=1, max_size=4),
    directory=st.booleans(),
    inside=st.booleans(),
)
def test_name_endings_match_as_pathspec_does(endings: list[str], parts: list[str], directory: bool, inside: bool) -> None:
    patterns = tuple(f"*{ending}" for ending in endings)
    root = Path("/work/root")
    path = (root if inside else Path("/elsewhere")).joinpath(*parts)
    assert name_suffixes(patterns) is not None
    assert matches(patterns, path, root, directory=directory) is _by_pathspec(patterns, path, root, directory)


def test_a_folder_search_with_the_default_include_does_not_import_pathspec(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "a.plan.yaml").write_text("version: 1\n", encoding="utf-8")
    code = (
        "import sys; from pathlib import Path; from ssi_lint.discovery import discover;"
        f"found = discover([Path({str(tmp_path / 'plans')!r})]); print(len(found), 'pathspec' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    assert done.stdout.split() == ["1", "False"]


@pytest.mark.parametrize("root", ["/work/repo", "/work/repo/", "/", "/work/repo/plans"])
@pytest.mark.parametrize(
    "path",
    ["/work/repo", "/work/repo/a.plan.yaml", "/work/repo/plans/x/a.plan.yaml", "/work/other/a.plan.yaml",
     "/work/repo/plans/..", "/work/repo/plans/.", "/work", "/work/repo/./plans/b.yaml", "/"],
)
def test_relative_parts_agree_with_working_them_out_from_the_whole_path(path: str, root: str) -> None:
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    expected = None if relative == ".." or relative.startswith("../") else tuple(part for part in Path(relative).parts if part != ".")
    assert relative_parts(Path(path), Path(root)) == expected
    assert relative_parts(Path(path), Path(root)) == expected, "a second answer from the folder cache"


def test_relative_parts_of_relative_paths_follow_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "a")
    assert relative_parts(Path("b/x.plan.yaml"), tmp_path) == ("a", "b", "x.plan.yaml")
    monkeypatch.chdir(tmp_path / "a" / "b")
    assert relative_parts(Path("b/x.plan.yaml"), tmp_path) == ("a", "b", "b", "x.plan.yaml")
    assert relative_parts(Path("x.plan.yaml"), None) == ("x.plan.yaml",)
