"""The pre-commit hooks of `.pre-commit-hooks.yaml`, run by the real pre-commit.

A temporary git repository holds a risky and a healthy plan, a valid and a
broken rule pack. `pre-commit try-repo` against this repository runs both
hooks on them; `pre-commit run` checks each file on its own; a last test
installs the hooks with `pre-commit install` and makes real commits.

Two properties of try-repo shape these tests:

- On a repository with uncommitted changes it snapshots only what git already
  tracks (staged files and `git add -u`): untracked files, such as a new module
  or a not-yet-committed `.pre-commit-hooks.yaml`, are left out. So the tests
  snapshot the working tree themselves (tracked and untracked files, minus what
  .gitignore ignores) into one temporary repository, and test exactly the code
  on disk whatever its git state.
- It installs the hooks into a throwaway store, not into PRE_COMMIT_HOME, so
  every try-repo call builds a new environment. It is therefore called once,
  for both hooks; the other tests use `pre-commit run` and `git commit` with a
  configuration naming the same snapshot, which share one environment in the
  module's PRE_COMMIT_HOME.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
    pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None, reason="pre-commit is not installed"),
    pytest.mark.skipif(
        not (ROOT / ".pre-commit-hooks.yaml").is_file(), reason="no .pre-commit-hooks.yaml (not a source checkout)"
    ),
]

GOOD_PACK = """\
rules:
  - id: ACME001
    name: too-many-weekly-invitations
    title: Weekly invitations above our agency's cap
    pillar: relationships
    category: spam-risk
    severity: warning
    guidance: [S7]
    source: "agency policy"
    given: outreach.invitations.per_week
    when: self > params.limit
    params: {limit: 80}
    message: "{self} invitations a week is above our cap of {params.limit}"
    fix: "Send at most {params.limit} invitations in any 7 days."
    examples:
      fail: [{outreach: {invitations: {per_week: 90}}}]
      pass: [{outreach: {invitations: {per_week: 60}}}]
"""
# The declared failing example (70 a week) stays under the cap, so the rule does not fire on it.
BROKEN_PACK = GOOD_PACK.replace("per_week: 90}", "per_week: 70}")
BROKEN_LINE = next(n for n, line in enumerate(BROKEN_PACK.splitlines(), 1) if "per_week: 70" in line)


def _run(args: list[str | Path], cwd: Path, env: dict[str, str], timeout: int = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
    )


def _git(*args: str | Path, cwd: Path, env: dict[str, str]) -> str:
    done = _run(["git", *args], cwd=cwd, env=env, timeout=120)
    assert done.returncode == 0, f"git {' '.join(map(str, args))}: {done.stdout}"
    return done.stdout.strip()


def _pre_commit(*args: str | Path, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, "-m", "pre_commit", *args], cwd=cwd, env=env)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of every git and pre-commit call: a private PRE_COMMIT_HOME, a git identity, no user git config."""
    home = tmp_path_factory.mktemp("pre-commit-home")
    # GIT_DIR, GIT_INDEX_FILE... of an enclosing git hook would point git at the wrong repository.
    clean = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    clean.update(
        PRE_COMMIT_HOME=str(home),
        GIT_AUTHOR_NAME="ssi-lint tests",
        GIT_AUTHOR_EMAIL="tests@ssi-lint.invalid",
        GIT_COMMITTER_NAME="ssi-lint tests",
        GIT_COMMITTER_EMAIL="tests@ssi-lint.invalid",
        # The user's and the system's git configuration (commit signing, hooksPath, templates) stay out.
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        PRE_COMMIT_COLOR="never",
    )
    return clean


def _source_files() -> list[Path]:
    """The working tree's files, relative to ROOT: tracked and untracked, without what git ignores."""
    if (ROOT / ".git").exists():
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return [Path(name) for name in listed.split("\0") if name and (ROOT / name).is_file()]
    skip = {".git", ".venv", "__pycache__", "build", "dist", ".pytest_cache", ".hypothesis", ".mypy_cache", ".ruff_cache"}
    return [
        path.relative_to(ROOT)
        for path in ROOT.rglob("*")
        if path.is_file() and not skip.intersection(path.relative_to(ROOT).parts)
    ]


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> tuple[Path, str]:
    """A committed snapshot of this repository's working tree, and its commit: what try-repo installs."""
    snapshot = tmp_path_factory.mktemp("ssi-lint-repo")
    for name in _source_files():
        (snapshot / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, snapshot / name)
    _git("init", "-q", cwd=snapshot, env=env)
    _git("add", "-A", cwd=snapshot, env=env)
    _git("commit", "-q", "--no-verify", "-m", "snapshot of the working tree", cwd=snapshot, env=env)
    return snapshot, _git("rev-parse", "HEAD", cwd=snapshot, env=env)


def _project(root: Path, env: dict[str, str]) -> Path:
    """A git repository holding the example plans and two rule packs, nothing committed yet."""
    (root / "plans").mkdir(parents=True)
    (root / "rules").mkdir()
    for name in ("risky.plan.yaml", "healthy.plan.yaml"):
        shutil.copy(EXAMPLES / name, root / "plans" / name)
    (root / "rules" / "good.yaml").write_text(GOOD_PACK, encoding="utf-8")
    (root / "rules" / "broken.yaml").write_text(BROKEN_PACK, encoding="utf-8")
    _git("init", "-q", cwd=root, env=env)
    return root


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Path:
    return _project(tmp_path_factory.mktemp("project"), env)


def _config(repo: Path, rev: str) -> str:
    return (
        f"repos:\n  - repo: {repo.as_posix()}\n    rev: {rev}\n"
        "    hooks:\n      - id: ssi-lint\n      - id: ssi-lint-rules\n"
    )


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory, hook_repo: tuple[Path, str]) -> Path:
    """A .pre-commit-config.yaml, outside the project, with both hooks of the snapshot."""
    path = tmp_path_factory.mktemp("config") / ".pre-commit-config.yaml"
    path.write_text(_config(*hook_repo), encoding="utf-8")
    return path


def _hooks(
    *files: str, config: Path, project: Path, env: dict[str, str], hook: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Both hooks (or one) on these files, with the environment in PRE_COMMIT_HOME."""
    only = [hook] if hook else []
    return _pre_commit("run", *only, "--config", config, "--color", "never", "--files", *files, cwd=project, env=env)


def _findings(path: str, output: str) -> list[str]:
    return re.findall(rf"^{re.escape(path)}:\d+:\d+: .*$", output, re.MULTILINE)


def test_try_repo_runs_both_hooks(hook_repo: tuple[Path, str], project: Path, env: dict[str, str]) -> None:
    """`pre-commit try-repo` against this repository, both hooks (one environment build) on all four files."""
    repo, rev = hook_repo
    files = ["plans/risky.plan.yaml", "plans/healthy.plan.yaml", "rules/good.yaml", "rules/broken.yaml"]
    done = _pre_commit("try-repo", repo, "--ref", rev, "--color", "never", "--files", *files, cwd=project, env=env)
    assert done.returncode == 1, done.stdout
    assert re.search(r"^ssi-lint\.+Failed$", done.stdout, re.MULTILINE), done.stdout
    assert re.search(r"^ssi-lint rule packs\.+Failed$", done.stdout, re.MULTILINE), done.stdout
    assert any(" OUT003 error " in line for line in _findings("plans/risky.plan.yaml", done.stdout))
    assert not _findings("plans/healthy.plan.yaml", done.stdout)
    assert "rules/broken.yaml:" in done.stdout and "rules/good.yaml:" not in done.stdout


def test_risky_plan_is_blocked(config: Path, project: Path, env: dict[str, str]) -> None:
    done = _hooks("plans/risky.plan.yaml", config=config, project=project, env=env)
    assert done.returncode == 1, done.stdout
    assert re.search(r"^ssi-lint\.+Failed$", done.stdout, re.MULTILINE), done.stdout
    # The findings themselves, file:line:col first, reach the user.
    findings = _findings("plans/risky.plan.yaml", done.stdout)
    assert any(" OUT003 error " in line for line in findings), done.stdout  # 300 invitations a week
    assert any(" OUT001 error " in line for line in findings), done.stdout  # 60 a day
    assert "- exit code: 1" in done.stdout


def test_healthy_plan_passes(config: Path, project: Path, env: dict[str, str]) -> None:
    done = _hooks("plans/healthy.plan.yaml", config=config, project=project, env=env)
    assert done.returncode == 0, done.stdout
    assert "Passed" in done.stdout and "Failed" not in done.stdout


def test_one_risky_plan_among_several_blocks(config: Path, project: Path, env: dict[str, str]) -> None:
    done = _hooks("plans/healthy.plan.yaml", "plans/risky.plan.yaml", config=config, project=project, env=env)
    assert done.returncode == 1, done.stdout
    assert any(" OUT003 error " in line for line in _findings("plans/risky.plan.yaml", done.stdout))
    assert not _findings("plans/healthy.plan.yaml", done.stdout)


def test_valid_rule_pack_passes(config: Path, project: Path, env: dict[str, str]) -> None:
    done = _hooks("rules/good.yaml", config=config, project=project, env=env)
    assert done.returncode == 0, done.stdout
    assert "Passed" in done.stdout and "Failed" not in done.stdout


def test_broken_rule_pack_is_blocked(config: Path, project: Path, env: dict[str, str]) -> None:
    done = _hooks("rules/good.yaml", "rules/broken.yaml", config=config, project=project, env=env)
    assert done.returncode == 1, done.stdout
    assert f"rules/broken.yaml:{BROKEN_LINE}:" in done.stdout
    assert "ACME001: fail example 1 does not fire" in done.stdout
    assert "rules/good.yaml:" not in done.stdout


def test_each_hook_only_takes_its_own_files(config: Path, project: Path, env: dict[str, str]) -> None:
    for hook, files in (
        ("ssi-lint", ["rules/broken.yaml"]),
        ("ssi-lint-rules", ["plans/risky.plan.yaml"]),
    ):
        done = _hooks(*files, hook=hook, config=config, project=project, env=env)
        assert done.returncode == 0, done.stdout
        assert "(no files to check)Skipped" in done.stdout


@pytest.mark.parametrize(
    ("staged", "blocked"),
    [
        ("plans/risky.plan.yaml", True),
        ("plans/healthy.plan.yaml", False),
        ("rules/broken.yaml", True),
        ("rules/good.yaml", False),
    ],
)
def test_installed_hooks_block_or_pass_a_commit(
    staged: str, blocked: bool, hook_repo: tuple[Path, str], tmp_path: Path, env: dict[str, str]
) -> None:
    """What users do: both hooks in .pre-commit-config.yaml, `pre-commit install`, `git commit`."""
    project = _project(tmp_path / "project", env)
    (project / ".pre-commit-config.yaml").write_text(_config(*hook_repo), encoding="utf-8")
    installed = _pre_commit("install", cwd=project, env=env)
    assert installed.returncode == 0, installed.stdout
    _git("add", ".pre-commit-config.yaml", staged, cwd=project, env=env)

    done = _run(["git", "commit", "-m", f"add {staged}"], cwd=project, env=env)
    head = _run(["git", "rev-parse", "--verify", "-q", "HEAD"], cwd=project, env=env)
    if blocked:
        assert done.returncode != 0, done.stdout
        assert f"{staged}:" in done.stdout  # the findings are shown
        assert head.returncode != 0, "the commit was made"
    else:
        assert done.returncode == 0, done.stdout
        assert head.returncode == 0


def test_one_environment_serves_both_hooks(config: Path, project: Path, env: dict[str, str]) -> None:
    for hook, file in (("ssi-lint", "plans/healthy.plan.yaml"), ("ssi-lint-rules", "rules/good.yaml")):
        assert _hooks(file, hook=hook, config=config, project=project, env=env).returncode == 0
    store = Path(env["PRE_COMMIT_HOME"])
    assert len([path for path in store.glob("repo*") if path.is_dir()]) == 1
    assert len(list(store.glob("repo*/py_env-*"))) == 1
