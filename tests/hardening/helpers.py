"""Shared helpers of the hardening tests: running the real command, watching processes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parents[2]
RISKY = (ROOT / "examples" / "risky.plan.yaml").read_text(encoding="utf-8")
HEALTHY = (ROOT / "examples" / "healthy.plan.yaml").read_text(encoding="utf-8")
ANSWER_SECONDS = 5.0
"""Every hostile case must be answered within this time (the issue's bound)."""
PATIENCE = 60.0
"""How long a test waits for something slow to start on a loaded machine (an upper bound, not a target)."""


def ssi_lint(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = PATIENCE,
             **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m ssi_lint ARGS` in a real process."""
    return subprocess.run([sys.executable, "-m", "ssi_lint", *map(str, args)], cwd=cwd, env=_env(env),
                          capture_output=True, timeout=timeout, check=False, **kwargs)


def start(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    """Start `python -m ssi_lint ARGS` without waiting."""
    return subprocess.Popen([sys.executable, "-m", "ssi_lint", *map(str, args)], cwd=cwd, env=_env(env),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _env(extra: dict[str, str] | None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    env.update(extra or {})
    return env


def children(pid: int) -> list[int]:
    """The direct child processes of `pid` (Linux /proc)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(item) for item in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(condition: Callable[[], Any], timeout: float = PATIENCE, step: float = 0.05) -> Any:
    """Poll `condition` until it returns something true, or fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"condition not met within {timeout} s")


def write_plans(folder: Path, count: int, text: str = RISKY) -> list[Path]:
    """`count` plan files in folder."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"p{number:04}.plan.yaml" for number in range(count)]
    for path in paths:
        path.write_text(text, encoding="utf-8")
    return paths


def one_line_error(result: subprocess.CompletedProcess[bytes], *words: str) -> str:
    """The single stderr line of a failed run (exit 2), checked to hold `words`."""
    stderr = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 2, (result.returncode, stderr)
    assert len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr, stderr
    for word in words:
        assert word in stderr, stderr
    return stderr


def timed(function: Callable[[], Any]) -> tuple[Any, float]:
    """The value of function() and how long it took, in seconds."""
    start_time = time.perf_counter()
    value = function()
    return value, time.perf_counter() - start_time


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run the command in this process (click's runner, faster than a new interpreter), from `cwd`.

    For what needs a real process (signals, standard output's file descriptor,
    the locale, PYTHONPATH plugins), use `ssi_lint` instead.
    """
    from click.testing import CliRunner

    from ssi_lint.cli import main

    previous = Path.cwd()
    os.chdir(cwd)
    try:
        outcome = CliRunner().invoke(main, [str(arg) for arg in args], env=env)
    finally:
        os.chdir(previous)
    if outcome.exception is not None and not isinstance(outcome.exception, SystemExit):
        raise outcome.exception
    return subprocess.CompletedProcess(list(map(str, args)), outcome.exit_code, outcome.stdout_bytes, outcome.stderr_bytes)
