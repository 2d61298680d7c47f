"""The real mechanism: wheels of ssi-lint and of this plugin installed into a fresh virtual environment.

No mocks: `pip install` puts the plugin's entry point in place, `ssi-lint`
finds it, `pip uninstall` takes it away. Deliberately broken plugin
distributions, built here, show that a failing plugin stops the run with one
line naming it. The environment is built once for the module.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from snav_helpers import ENTRY_POINT, PLUGIN_ROOT, REPO_ROOT, clean_env, run, run_tutorial

from ssi_lint.plugins import AUTOLOAD_ENV
from ssi_lint_sales_navigator import __version__

pytestmark = pytest.mark.slow

_IGNORE = shutil.ignore_patterns(".venv", ".git", "__pycache__", "*.egg-info", "build", "dist", ".pytest_cache", "plugins")
PLAN = """\
version: 1
account:
  tier: sales_navigator
outreach:
  inmail:
    per_month: 80
"""
BROKEN = {
    "import": "raise ImportError('No module named snav_missing_dependency')\n",
    "hook": (
        "from ssi_lint.hookspecs import hookimpl\n\n\n"
        "@hookimpl\ndef ssi_lint_facts():\n    raise RuntimeError('credits table missing')\n"
    ),
    "name": "from ssi_lint.hookspecs import hookimpl\n\n\n@hookimpl\ndef ssi_lint_fact():\n    return []\n",
}


@dataclass(frozen=True)
class Env:
    """A virtual environment with ssi-lint installed from a wheel, and the plugin's wheel beside it."""

    root: Path
    plugin_wheel: Path

    @property
    def bin(self) -> Path:
        return self.root / "bin"

    def pip(self, *args: str | Path, cwd: Path) -> None:
        result = run(self.bin / "python", "-m", "pip", "--quiet", *args, cwd=cwd)
        assert result.returncode == 0, result.stderr

    def ssi_lint(self, *args: str | Path, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
        return run(self.bin / "ssi-lint", *args, cwd=cwd, env=clean_env(**env))

    @contextmanager
    def installed(self, requirement: str | Path, name: str, cwd: Path) -> Iterator[None]:
        """`pip install` a distribution (a wheel, or a project built with the venv's hatchling) for a block."""
        self.pip("install", "--no-deps", "--no-build-isolation", requirement, cwd=cwd)
        try:
            yield
        finally:
            self.pip("uninstall", "--yes", name, cwd=cwd)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Env:
    """Build both wheels from this tree (never editable) and install ssi-lint into a new venv."""
    work = tmp_path_factory.mktemp("snav-venv")
    core, plugin, dist = work / "ssi-lint", work / "ssi-lint-sales-navigator", work / "dist"
    shutil.copytree(REPO_ROOT, core, ignore=_IGNORE)
    shutil.copytree(PLUGIN_ROOT, plugin, ignore=_IGNORE)
    built = run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", dist, core, plugin, cwd=work)
    assert built.returncode == 0, built.stderr
    created = run(sys.executable, "-m", "venv", work / "venv", cwd=work)
    assert created.returncode == 0, created.stderr
    environment = Env(work / "venv", next(dist.glob("ssi_lint_sales_navigator-*.whl")))
    # pytest: the tutorial runs its own tests; hatchling: the broken plugins below build without isolation
    environment.pip("install", next(dist.glob("ssi_lint-*.whl")), "pytest", "hatchling", cwd=work)
    return environment


def _plan(tmp_path: Path) -> Path:
    (tmp_path / "sn.plan.yaml").write_text(PLAN)
    return tmp_path


def test_install_discover_uninstall(env: Env, tmp_path: Path) -> None:
    cwd = _plan(tmp_path)
    before_lint = env.ssi_lint("sn.plan.yaml", cwd=cwd)
    before_plugins = env.ssi_lint("plugins", cwd=cwd)
    assert before_lint.returncode in (0, 1) and before_lint.stderr == ""
    assert "sn.plan.yaml:5:3: SCHEMA002 error unknown key `inmail` in `outreach`" in before_lint.stdout
    assert "SNV" not in before_lint.stdout and ENTRY_POINT not in before_plugins.stdout

    with env.installed(env.plugin_wheel, "ssi-lint-sales-navigator", cwd):
        plugins = env.ssi_lint("plugins", cwd=cwd)
        assert plugins.returncode == 0, plugins.stderr
        block = plugins.stdout.split(f"{ENTRY_POINT} (ssi-lint-sales-navigator {__version__})\n", 1)[1]
        assert "/site-packages/ssi_lint_sales_navigator/rules/inmail.yaml (8 rules)" in block
        assert "CEL functions: snav.filled_length, snav.placeholders" in block and "plan fields: outreach.inmail" in block

        lint = env.ssi_lint("--select", "SNV,SCHEMA", "sn.plan.yaml", cwd=cwd)
        assert (lint.returncode, lint.stderr) == (1, "")
        assert lint.stdout == (
            "sn.plan.yaml:6:5: SNV001 error 80 InMails a month need more than the 50 credits a month of Sales Navigator\n"
            "Found 1 problem (1 error, 0 warnings, 0 info) in 1 file.\n"
        )
        assert "SCHEMA002" not in env.ssi_lint("sn.plan.yaml", cwd=cwd).stdout
        assert env.ssi_lint("--disable-plugin", ENTRY_POINT, "sn.plan.yaml", cwd=cwd).stdout == before_lint.stdout
        assert env.ssi_lint("sn.plan.yaml", cwd=cwd, **{AUTOLOAD_ENV: "1"}).stdout == before_lint.stdout
        pack = block.split("rule packs: ", 1)[1].split(" (8 rules)")[0]
        examples = env.ssi_lint("check-rules", pack, cwd=cwd)
        assert (examples.returncode, examples.stdout) == (0, "1 of 1 rule pack valid.\n")

    after_lint = env.ssi_lint("sn.plan.yaml", cwd=cwd)
    assert (after_lint.returncode, after_lint.stdout, after_lint.stderr) == (before_lint.returncode, before_lint.stdout, "")
    assert env.ssi_lint("plugins", cwd=cwd).stdout == before_plugins.stdout


def test_plugin_option_for_an_installed_plugin_is_harmless(env: Env, tmp_path: Path) -> None:
    """`--plugin` naming a module its entry point already loaded changes nothing."""
    cwd = _plan(tmp_path)
    with env.installed(env.plugin_wheel, "ssi-lint-sales-navigator", cwd):
        both = env.ssi_lint("--plugin", "ssi_lint_sales_navigator.plugin", "--select", "SNV", "sn.plan.yaml", cwd=cwd)
        assert (both.returncode, both.stderr) == (1, ""), both.stderr
        assert "SNV001 error" in both.stdout


def _broken_distribution(root: Path, kind: str) -> Path:
    """A plugin distribution `ssi-lint-broken-KIND 0.0.1` whose plugin module is broken in one way."""
    project, package = root / f"ssi-lint-broken-{kind}", f"ssi_lint_broken_{kind}"
    (project / package).mkdir(parents=True)
    (project / package / "__init__.py").write_text("")
    (project / package / "plugin.py").write_text(BROKEN[kind])
    (project / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n'
        f'[project]\nname = "ssi-lint-broken-{kind}"\nversion = "0.0.1"\n\n'
        f'[project.entry-points.ssi_lint]\nbroken_{kind} = "{package}.plugin"\n\n'
        f'[tool.hatch.build.targets.wheel]\npackages = ["{package}"]\n'
    )
    return project


@pytest.mark.parametrize(
    ("kind", "says"),
    [
        ("import", "failed to load: ImportError: No module named snav_missing_dependency"),
        ("hook", "failed in hook ssi_lint_facts: RuntimeError: credits table missing"),
        ("name", "has an invalid hook"),
    ],
    ids=["import-error", "hook-raises", "misspelled-hook"],
)
def test_broken_plugin_distribution_stops_the_run_naming_it(env: Env, tmp_path: Path, kind: str, says: str) -> None:
    cwd = _plan(tmp_path)
    project = _broken_distribution(tmp_path / "src", kind)
    with env.installed(project, f"ssi-lint-broken-{kind}", cwd), env.installed(env.plugin_wheel, "ssi-lint-sales-navigator", cwd):
        for command in (("sn.plan.yaml",), ("plugins",), ("rules",)):
            result = env.ssi_lint(*command, cwd=cwd)
            assert (result.returncode, result.stdout) == (2, ""), command
            [line] = result.stderr.splitlines()
            assert line.startswith(f"ssi-lint: error: plugin 'broken_{kind}' (ssi-lint-broken-{kind} 0.0.1) "), line
            assert says in line and "Traceback" not in result.stderr
        # blocking the broken plugin by name brings the working one back
        spared = env.ssi_lint("--disable-plugin", f"broken_{kind}", "--select", "SNV", "sn.plan.yaml", cwd=cwd)
        assert spared.returncode == 1 and "SNV001 error" in spared.stdout, spared.stderr


def test_tutorial_plugin_installs_by_entry_point(env: Env, tmp_path: Path) -> None:
    """docs/plugins.md from start to end, `pip install -e .` included, in the venv."""
    ran = run_tutorial(tmp_path, env.bin, installed=True, env=clean_env())
    assert "pip install -e ." in ran and "ssi-lint plugins" in ran and "pip uninstall -y ssi-lint-acme" in ran
    assert "acme" not in env.ssi_lint("plugins", cwd=tmp_path).stdout
