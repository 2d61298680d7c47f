"""Globs through pathspec: gitignore semantics, no backtracking, bad patterns named."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ssi_lint.globs import GlobError, check_globs, is_excluded, matches


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
