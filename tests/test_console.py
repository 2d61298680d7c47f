"""The console script ends the process without the interpreter's teardown, and loses nothing by it."""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ssi_lint.console import _flush, exit_code

ROOT = Path(__file__).parents[1]
RISKY = (ROOT / "examples" / "risky.plan.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("status", "code"), [(None, 0), (0, 0), (1, 1), (2, 2), (True, 1), (256, 0), (-1, 255)])
def test_exit_codes_are_those_sys_exit_gives(status: object, code: int) -> None:
    assert exit_code(status) == code


def test_any_other_status_is_printed_and_is_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert exit_code("ssi-lint: stopped") == 1
    assert capsys.readouterr().err == "ssi-lint: stopped\n"


class Failing(io.StringIO):
    def __init__(self, error: OSError) -> None:
        super().__init__()
        self.error = error

    def flush(self) -> None:
        raise self.error


def test_a_closed_or_missing_stream_is_not_flushed() -> None:
    """As the interpreter's exit skips them: a language server's transport closes standard output, `>&-` leaves none."""
    closed = io.StringIO()
    closed.close()
    assert _flush(closed, 0, report=True) == 0
    assert _flush(None, 1, report=True) == 1


def test_a_reader_that_went_away_keeps_the_status(capsys: pytest.CaptureFixture[str]) -> None:
    assert _flush(Failing(BrokenPipeError(errno.EPIPE, "Broken pipe")), 1, report=True) == 1
    assert capsys.readouterr().err == ""


def test_a_report_that_cannot_be_flushed_is_one_line_and_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert _flush(Failing(OSError(errno.ENOSPC, "No space left on device")), 1, report=True) == 2
    assert capsys.readouterr().err == "ssi-lint: error: cannot write the report: no space left on device\n"
    assert _flush(Failing(OSError(errno.ENOSPC, "No space left on device")), 0) == 120  # stderr: nowhere to say it


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(tmp_path)])}
    return subprocess.run([sys.executable, "-m", "ssi_lint", *args], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120, check=False)


@pytest.mark.slow  # a whole process
def test_a_large_report_is_written_whole_and_the_status_kept(tmp_path: Path) -> None:
    """Output still buffered when the command returns is flushed before the process ends."""
    for number in range(40):
        (tmp_path / f"p{number}.plan.yaml").write_text(RISKY, encoding="utf-8")
    result = _run(tmp_path, "--format", "json", "-j", "1", ".")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == 40
    assert {entry["path"] for entry in report["files"]} == {f"p{number}.plan.yaml" for number in range(40)}


@pytest.mark.slow  # a whole process
def test_a_plugins_atexit_function_runs(tmp_path: Path) -> None:
    (tmp_path / "exit_marker_plugin.py").write_text(
        "import atexit, pathlib\n"
        "atexit.register(lambda: pathlib.Path('ended').write_text('yes'))\n",
        encoding="utf-8",
    )
    (tmp_path / "a.plan.yaml").write_text(RISKY, encoding="utf-8")
    result = _run(tmp_path, "--plugin", "exit_marker_plugin", "--fail-on", "never", "a.plan.yaml")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "ended").read_text() == "yes"


@pytest.mark.slow  # a whole process
def test_a_running_thread_is_waited_for(tmp_path: Path) -> None:
    """A plugin's thread that outlives the command finishes its work, as under the interpreter's own exit."""
    (tmp_path / "late_thread_plugin.py").write_text(
        "import pathlib, threading, time\n"
        "def work():\n"
        "    time.sleep(0.3)\n"
        "    pathlib.Path('finished').write_text('yes')\n"
        "threading.Thread(target=work).start()\n",
        encoding="utf-8",
    )
    (tmp_path / "a.plan.yaml").write_text(RISKY, encoding="utf-8")
    result = _run(tmp_path, "--plugin", "late_thread_plugin", "a.plan.yaml")
    assert result.returncode == 1, result.stderr
    assert (tmp_path / "finished").read_text() == "yes"


@pytest.mark.slow  # a whole process
def test_a_profiler_still_writes_its_results(tmp_path: Path) -> None:
    """`python -m cProfile -m ssi_lint` writes its statistics when the program returns: the process must let it."""
    (tmp_path / "a.plan.yaml").write_text(RISKY, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "cProfile", "-o", "run.prof", "-m", "ssi_lint", "a.plan.yaml"], cwd=tmp_path,
                            env=env, capture_output=True, text=True, timeout=120, check=False)
    assert "Found" in result.stdout, result.stderr
    assert (tmp_path / "run.prof").stat().st_size > 0
