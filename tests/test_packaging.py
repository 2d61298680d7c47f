"""The wheel carries the built-in rule packs: install it into an empty venv and lint from there."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
pytestmark = pytest.mark.slow


def _run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(arg) for arg in args], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with ssi-lint installed from a wheel built from this tree."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".venv", ".git", "__pycache__", "*.egg-info", "build", "dist"))
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", work / "dist", source, cwd=work)
    assert built.returncode == 0, built.stderr
    wheel = next((work / "dist").glob("ssi_lint-*.whl"))
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=True)
    pip = _run(env_dir / "bin" / "python", "-m", "pip", "install", "--quiet", wheel, cwd=work)
    assert pip.returncode == 0, pip.stderr
    shutil.rmtree(source)
    return env_dir


def test_wheel_contains_rule_packs(installed: Path) -> None:
    packs = list(installed.glob("lib/python*/site-packages/ssi_lint/_rules/*.yaml"))
    assert {pack.name for pack in packs} >= {"outreach.yaml", "profile.yaml", "ads.yaml"}


def test_installed_cli_lints_the_risky_example(installed: Path, tmp_path: Path) -> None:
    plan = tmp_path / "risky.plan.yaml"
    shutil.copy(ROOT / "examples" / "risky.plan.yaml", plan)
    result = _run(installed / "bin" / "ssi-lint", plan.name, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "OUT" in result.stdout and " error " in result.stdout
    assert "OUT003" in result.stdout


def test_installed_cli_simulates_the_risky_example(installed: Path, tmp_path: Path) -> None:
    plan = tmp_path / "risky.plan.yaml"
    shutil.copy(ROOT / "examples" / "risky.plan.yaml", plan)
    result = _run(installed / "bin" / "ssi-lint", "simulate", plan.name, "--format", "csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1].startswith("1,300,")


def test_installed_module_entry_point_lists_rules(installed: Path, tmp_path: Path) -> None:
    result = _run(installed / "bin" / "python", "-m", "ssi_lint", "rules", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert '"id": "OUT' in result.stdout


def test_wheel_ships_the_rule_reference_the_language_server_links_to(installed: Path) -> None:
    docs = list(installed.glob("lib/python*/site-packages/ssi_lint/_docs/rules.md"))
    assert docs and "## OUT001" in docs[0].read_text(encoding="utf-8")


def test_server_without_the_lsp_extra_says_how_to_install_it(installed: Path, tmp_path: Path) -> None:
    result = _run(installed / "bin" / "ssi-lint", "server", cwd=tmp_path)
    assert result.returncode == 2
    assert "pip install 'ssi-lint[lsp]'" in result.stderr and "Traceback" not in result.stderr


def test_installed_cli_writes_the_html_report(installed: Path, tmp_path: Path) -> None:
    plan = tmp_path / "risky.plan.yaml"
    shutil.copy(ROOT / "examples" / "risky.plan.yaml", plan)
    result = _run(installed / "bin" / "ssi-lint", "--format", "html", "-o", "report.html", plan.name, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and 'class="pillar-bar' in page and "<style>" in page and "<script>" in page
def test_core_and_plugins_install_in_one_step_in_a_fresh_venv(tmp_path: Path) -> None:
    """The README's line: the core and both first-party plugins from a clone, one pip command, no index for ssi-lint."""
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".venv", ".git", "__pycache__", "*.egg-info", "build", "dist"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    extras = ".[sales-navigator,linkedin-export]"
    pip = _run(env_dir / "bin" / "python", "-m", "pip", "install", "--quiet", extras,
               "./plugins/ssi-lint-sales-navigator", "./plugins/ssi-lint-linkedin-export", cwd=source)
    assert pip.returncode == 0, pip.stderr
    env = {key: value for key, value in os.environ.items() if key != "SSI_LINT_DISABLE_PLUGIN_AUTOLOAD"}
    listed = subprocess.run([str(env_dir / "bin" / "ssi-lint"), "plugins"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=600)
    assert listed.returncode == 0, listed.stderr
    assert "sales_navigator (ssi-lint-sales-navigator" in listed.stdout
    assert "linkedin_export (ssi-lint-linkedin-export" in listed.stdout
