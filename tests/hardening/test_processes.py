"""Signals and worker processes: nothing outlives the run, nothing is left behind.

These tests start the real command with `--jobs 2` on plans that a test
plugin makes slow (a fact that sleeps), so the workers are busy when the
signal comes. Waits are generous (a loaded two-core machine) but bounded.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest

from tests.hardening.helpers import ANSWER_SECONDS, PATIENCE, alive, children, ssi_lint, start, wait_for, write_plans

pytestmark = [pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc"), pytest.mark.slow]  # real processes and signals

SLOW_PLUGIN = '''
import time
from ssi_lint.hookspecs import hookimpl
from ssi_lint.model import Fact


def _slow(plan):
    time.sleep(0.5)
    return None


@hookimpl
def ssi_lint_facts():
    return [Fact("slow_for_tests", "sleeps", _slow)]
'''


@pytest.fixture()
def slow_run(tmp_path: Path) -> tuple[list[str], dict[str, str], Path]:
    """Arguments, environment and folder of a run that takes minutes unless interrupted."""
    (tmp_path / "slow_for_tests_plugin.py").write_text(SLOW_PLUGIN, encoding="utf-8")
    write_plans(tmp_path / "plans", 400)
    args = ["--plugin", "slow_for_tests_plugin", "--jobs", "2", "--fail-on", "never", str(tmp_path / "plans")]
    return args, {"PYTHONPATH": f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}, tmp_path


def _workers(pid: int) -> list[int]:
    """The run's two workers, once both have started (the pool also has no other children)."""
    found = [child for child in children(pid) if alive(child)]
    return found if len(found) >= 2 else []


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGKILL"])
def test_workers_die_with_the_parent(slow_run: tuple[list[str], dict[str, str], Path], name: str) -> None:
    args, env, _ = slow_run
    process = start(*args, env=env)
    try:
        workers = wait_for(lambda: _workers(process.pid))
        process.send_signal(getattr(signal, name))
        process.wait(timeout=PATIENCE)
        wait_for(lambda: not any(alive(worker) for worker in workers), timeout=ANSWER_SECONDS * 2)
    finally:
        process.kill()
        process.wait()
    assert process.returncode in (-getattr(signal, name), 128 + getattr(signal, name))


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_signal_removes_the_temporary_report(slow_run: tuple[list[str], dict[str, str], Path], name: str) -> None:
    args, env, folder = slow_run
    report = folder / "report.txt"
    report.write_text("the previous report\n")
    process = start(*args, "-o", report, env=env)
    try:
        wait_for(lambda: list(folder.glob(".report.txt.*.tmp")) and _workers(process.pid))
        started = time.monotonic()
        process.send_signal(getattr(signal, name))
        process.wait(timeout=PATIENCE)
        assert time.monotonic() - started < ANSWER_SECONDS * 2
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 128 + getattr(signal, name)
    assert not list(folder.glob(".report.txt.*.tmp"))
    assert report.read_text() == "the previous report\n"  # the report is replaced only when complete


def test_a_signal_without_workers_also_cleans_up(slow_run: tuple[list[str], dict[str, str], Path]) -> None:
    args, env, folder = slow_run
    args = [arg if arg != "2" else "1" for arg in args]
    process = start(*args, "-o", folder / "report.txt", env=env)
    try:
        wait_for(lambda: list(folder.glob(".report.txt.*.tmp")))
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=PATIENCE)
    finally:
        process.kill()
        process.wait()
    assert process.returncode == 128 + signal.SIGTERM
    assert not list(folder.iterdir()) or not list(folder.glob(".report.txt.*.tmp"))


def test_jobs_are_capped_at_four_per_core(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ssi_lint import parallel
    from ssi_lint.api import Linter

    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    sizes: list[int] = []

    class Recorder:
        def __init__(self, processes: int, **_: object) -> None:
            sizes.append(processes)
            raise RuntimeError("stop here")

    import multiprocessing

    context = multiprocessing.get_context("fork")
    monkeypatch.setattr(type(context), "Pool", lambda self, processes, **kwargs: Recorder(processes, **kwargs))
    files = [(path, path.as_posix()) for path in write_plans(tmp_path, 20)]
    with pytest.raises(RuntimeError, match="stop here"):
        list(parallel.check_files(Linter(), files, 100))
    assert sizes == [parallel.MAX_JOBS_PER_CORE] == [4]


def test_help_says_how_jobs_are_capped() -> None:
    result = ssi_lint("check", "--help")
    assert b"at most 4 per core" in result.stdout
