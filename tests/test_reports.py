"""`--report FORMAT:PATH`, statistics per format, the SSI chart on request, closed pipes, mistyped commands."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ssi_lint.cli import main
from ssi_lint.errors import InputError
from ssi_lint.output_guard import PipeSafe
from ssi_lint.reports import ReportTarget, check_targets, parse_report

ROOT = Path(__file__).resolve().parents[1]
RISKY = ROOT / "examples" / "risky.plan.yaml"
HEALTHY = ROOT / "examples" / "healthy.plan.yaml"


def invoke(*args: str | Path, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False, env=env)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.mark.parametrize(("text", "expected"), [
    ("sarif:out/x.sarif", ReportTarget("sarif", Path("out/x.sarif"))),
    ("github:-", ReportTarget("github", None)),
    ("json:C:/x.json", ReportTarget("json", Path("C:/x.json"))),
])
def test_parse_report(text: str, expected: ReportTarget) -> None:
    assert parse_report(text) == expected


@pytest.mark.parametrize("text", ["sarif", ":x.sarif", "sarif:"])
def test_a_malformed_report_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError, match=r"--report: expected FORMAT:PATH"):
        parse_report(text)


def test_two_reports_to_one_place_are_refused() -> None:
    with pytest.raises(InputError, match=r"--report json:a.json: sarif:a.json already writes to a.json"):
        check_targets([ReportTarget("text"), ReportTarget("sarif", Path("a.json")), ReportTarget("json", Path("a.json"))])
    with pytest.raises(InputError, match="already writes to standard output"):
        check_targets([ReportTarget("text"), ReportTarget("github")])


def test_one_lint_writes_every_report(tmp_path: Path) -> None:
    result = invoke("--format", "github", "--report", "sarif:out/r.sarif", "--report", "json:r.json", RISKY)
    assert result.exit_code == 2 and "out/r.sarif: cannot write the sarif report" in result.stderr
    (tmp_path / "out").mkdir()
    result = invoke("--format", "github", "--report", "sarif:out/r.sarif", "--report", "json:r.json", RISKY)
    assert result.exit_code == 1
    annotations = [line for line in result.output.splitlines() if line.startswith("::")]
    sarif = json.loads((tmp_path / "out" / "r.sarif").read_text())
    report = json.loads((tmp_path / "r.json").read_text())
    assert len(annotations) == len(sarif["runs"][0]["results"]) == len(report["findings"]) > 0


FAILING_FORMAT = """\
from ssi_lint.formatters.base import FormatterBase
from ssi_lint.hookspecs import hookimpl


class Failing(FormatterBase):
    def start(self):
        self.stream.write("started\\n")

    def {method}(self, *args):
        raise KeyError("boom")


@hookimpl
def ssi_lint_formats():
    return {{"failing": Failing}}
"""


@pytest.mark.parametrize("method", ["file", "finish"])
@pytest.mark.parametrize("main_format", ["failing", "concise"])
def test_a_failing_report_does_not_cost_the_others(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, method: str, main_format: str) -> None:
    module = f"failing_format_{method}"
    (tmp_path / f"{module}.py").write_text(FAILING_FORMAT.format(method=method), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "old.txt").write_text("kept\n")
    other = "concise" if main_format == "failing" else "failing"
    result = invoke("--plugin", module, "--format", main_format, "-o", "main.txt", "--report", f"{other}:old.txt",
                    "--report", "json:r.json", "--report", "markdown:r.md", RISKY)
    assert result.exit_code == 2
    assert result.stderr == f"ssi-lint: error: output format 'failing' failed in {method}(): KeyError: 'boom'\n"
    if main_format == "failing":  # the main report is not written; the others are
        assert not (tmp_path / "main.txt").exists() and "OUT001" in (tmp_path / "old.txt").read_text()
    else:  # the failed report's file keeps what it held
        assert (tmp_path / "old.txt").read_text() == "kept\n" and "OUT001" in (tmp_path / "main.txt").read_text()
    assert json.loads((tmp_path / "r.json").read_text())["findings"]
    assert (tmp_path / "r.md").read_text().startswith("## ssi-lint: ")
    assert not list(tmp_path.glob(".*.tmp"))  # the failed report's temporary file is gone


def test_an_unknown_report_format_writes_nothing(tmp_path: Path) -> None:
    result = invoke("--report", "nope:x.txt", "-o", "main.txt", RISKY)
    assert result.exit_code == 2 and "--report: unknown format 'nope'" in result.stderr
    assert not (tmp_path / "main.txt").exists()


# --- statistics follow the format ---------------------------------------------------------


def test_statistics_as_json_is_one_object() -> None:
    result = invoke("--statistics", "--format", "json", RISKY)
    payload = json.loads(result.output)
    assert set(payload) == {"version", "statistics", "summary"}
    assert sum(row["count"] for row in payload["statistics"]) == sum(payload["summary"][key] for key in ("error", "warning", "info"))
    assert set(payload["statistics"][0]) == {"rule_id", "name", "severity", "count"}


def test_statistics_as_json_lines() -> None:
    lines = invoke("--statistics", "--format", "json-lines", RISKY).output.splitlines()
    assert lines and all(set(json.loads(line)) == {"rule_id", "name", "severity", "count"} for line in lines)


def test_statistics_text_is_a_table() -> None:
    output = invoke("--statistics", RISKY).output
    assert output.splitlines()[-1].startswith("Found ") and "OUT" in output


@pytest.mark.parametrize("name", ["sarif", "junit", "github", "gitlab"])
def test_statistics_in_a_format_without_counts_is_an_error(tmp_path: Path, name: str) -> None:
    result = invoke("--statistics", "--format", name, "-o", "x.out", RISKY)
    assert result.exit_code == 2
    assert f"--statistics: the {name} format cannot carry statistics" in result.stderr
    assert not (tmp_path / "x.out").exists()


def test_statistics_leave_extra_reports_whole(tmp_path: Path) -> None:
    result = invoke("--statistics", "--format", "json", "--report", "sarif:x.sarif", RISKY)
    assert "statistics" in json.loads(result.output)
    assert json.loads((tmp_path / "x.sarif").read_text())["runs"][0]["results"]


# --- JUnit follows --fail-on ----------------------------------------------------------------


def _junit(*args: str | Path) -> ET.Element:
    return ET.fromstring(invoke("--format", "junit", *args).output)


def test_junit_fails_only_at_or_above_fail_on() -> None:
    default = _junit(RISKY)
    never = _junit("--fail-on", "never", RISKY)
    info = _junit("--fail-on", "info", RISKY)
    assert int(never.get("failures")) == 0 and never.get("tests") == info.get("tests")
    assert 0 < int(default.get("failures")) < int(info.get("failures"))
    failures = default.findall(".//failure")
    assert all(failure.get("type") == "error" for failure in failures)
    quiet = [case for case in never.iter("testcase") if case.find("system-out") is not None]
    assert quiet and "OUT" in "".join(case.find("system-out").text for case in quiet)


def test_junit_follows_fail_on_from_the_config(tmp_path: Path) -> None:
    (tmp_path / ".ssi-lint.yaml").write_text("fail-on: never\n")
    assert int(_junit(RISKY).get("failures")) == 0


# --- quiet clean plans ------------------------------------------------------------------------


def test_a_clean_plan_prints_only_the_summary() -> None:
    result = invoke("--select", "ADS", HEALTHY)
    assert result.output == "All checks passed: no problems in 1 file.\n"


def test_the_chart_on_request() -> None:
    assert "band:" in invoke("--show-ssi", HEALTHY).output
    assert "band:" not in invoke("--no-show-ssi", HEALTHY).output


# --- colour -------------------------------------------------------------------------------------


def test_color_always_and_force_color() -> None:
    assert "\033[" in invoke("--color", "always", RISKY).output
    assert "\033[" in invoke(RISKY, env={"FORCE_COLOR": "1"}).output
    assert "\033[" not in invoke("--color", "never", RISKY, env={"FORCE_COLOR": "1"}).output
    assert "\033[" not in invoke(RISKY, env={"NO_COLOR": "1", "FORCE_COLOR": "1"}).output


# --- config errors name the file and key ------------------------------------------------------


def test_unknown_select_in_config_names_the_file_and_key(tmp_path: Path) -> None:
    (tmp_path / ".ssi-lint.yaml").write_text("select: [XYZ]\n")
    result = invoke(RISKY)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"ssi-lint: error: {(tmp_path / '.ssi-lint.yaml').as_posix()}: select: unknown rule id or prefix 'XYZ'")
    assert "--select: unknown rule id or prefix 'XYZ'" in invoke("--select", "XYZ", RISKY).stderr


def test_unknown_ignore_in_pyproject_names_it(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.ssi-lint]\nignore = ['OUTX']\n")
    assert "pyproject.toml: ignore: unknown rule id or prefix 'OUTX'" in invoke(RISKY).stderr


# --- mistyped commands ------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "command"), [("chek", "check"), ("explian", "explain"), ("rulse", "rules")])
def test_a_mistyped_command_is_named_with_a_suggestion(word: str, command: str) -> None:
    result = invoke(word)
    assert result.exit_code == 2
    assert result.stderr == f"ssi-lint: error: no such command or file '{word}'; did you mean `ssi-lint {command}`?\n"


def test_a_missing_file_is_still_a_missing_file() -> None:
    assert "config.yaml: no such file or directory" in invoke("config.yaml").stderr


def test_a_file_named_like_a_typo_is_linted(tmp_path: Path) -> None:
    (tmp_path / "chek").write_text("version: 1\n")
    assert invoke("chek").exit_code == 0


# --- closed pipes -----------------------------------------------------------------------------


def test_pipe_safe_goes_quiet_when_the_reader_leaves() -> None:
    class Closed:
        def write(self, text: str) -> int:
            raise BrokenPipeError

        def flush(self) -> None:
            raise BrokenPipeError

        def fileno(self) -> int:
            raise OSError

    stream = PipeSafe(Closed())  # type: ignore[arg-type]
    assert stream.write("abc") == 3 and stream.broken
    stream.flush()


def test_pipe_safe_passes_other_attributes_through() -> None:
    import io

    inner = io.TextIOWrapper(io.BytesIO(), encoding="latin-1")
    assert PipeSafe(inner).encoding == "latin-1"


@pytest.mark.slow  # whole processes writing into a pipe their reader closes
@pytest.mark.parametrize(("args", "status"), [
    (["check"], 1),
    (["check", "--fail-on", "never", str(RISKY)], 0),
    (["rules"], 0),
])
def test_a_closed_pipe_keeps_the_usual_status(args: list[str], status: int, tmp_path: Path) -> None:
    plans = []
    if args[0] == "check":
        for number in range(60):  # more output than a pipe buffer holds
            plans.append(tmp_path / f"p{number}.plan.yaml")
            plans[-1].write_text(RISKY.read_text())
    command = [sys.executable, "-m", "ssi_lint", *args, *map(str, plans)]
    env = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    reader = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path)
    assert reader.stdout is not None
    reader.stdout.readline()
    reader.stdout.close()  # like `| head -1`
    _, err = reader.communicate(timeout=60)
    assert reader.returncode == status, err
    assert b"Traceback" not in err and b"BrokenPipe" not in err and b"Exception ignored" not in err


def test_a_format_that_does_not_say_reads_the_identities() -> None:
    """A plugin's format may fingerprint findings as SARIF does: it gets stable paths unless it says it reads none."""
    from ssi_lint.formatters.base import FormatterBase
    from ssi_lint.formatters.text import TextFormatter
    from ssi_lint.reports import Fanout, GuardedFormatter

    class Fingerprinting(FormatterBase):
        pass

    class Plain:
        def start(self) -> None: ...

    assert Fingerprinting.reads_identities
    assert GuardedFormatter(Plain(), "plain").reads_identities  # type: ignore[arg-type]
    assert not Fanout([GuardedFormatter(TextFormatter.__new__(TextFormatter), "text")]).reads_identities
