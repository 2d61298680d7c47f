"""A whole `check` run: configuration, suppressions, baseline, output file, statistics, exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ssi_lint.cli import main

RISKY = "version: 1\naccount: {age_days: 400}\noutreach:\n  invitations:\n    per_day: 60  # ssi-lint: ignore[OUT001] -- agreed with the client\n  acceptance_rate: 0.1\n"


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "a.plan.yaml").write_text(RISKY)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_inline_suppression_hides_the_finding_and_sarif_carries_it(project: Path) -> None:
    text = invoke("plans").output
    assert "OUT001" not in text and "OUT008" in text
    sarif = json.loads(invoke("--format", "sarif", "plans").output)
    suppressed = [result for result in sarif["runs"][0]["results"] if result.get("suppressions")]
    assert [result["ruleId"] for result in suppressed] == ["OUT001"]
    assert suppressed[0]["suppressions"][0]["justification"] == "agreed with the client"


def test_suppression_without_reason_and_unused_suppression_are_findings(project: Path) -> None:
    (project / "plans" / "a.plan.yaml").write_text("version: 1  # ssi-lint: ignore[OUT001]\n")
    output = invoke("--select", "SUP,OUT", "plans").output
    assert "SUP001" in output and "SUP002" in output


def test_config_file_is_discovered_and_overridden(project: Path) -> None:
    (project / ".ssi-lint.yaml").write_text("select: [OUT008, OUT010]\nfail-on: warning\n")
    result = invoke("plans")
    assert result.exit_code == 1 and {line.split()[1] for line in result.output.splitlines()[:-1]} <= {"OUT008", "OUT010"}
    assert invoke("--fail-on", "never", "plans").exit_code == 0
    shown = invoke("config").output
    assert "fail-on" in shown and ".ssi-lint.yaml" in shown


def test_bad_config_is_one_line_with_a_suggestion(project: Path) -> None:
    (project / ".ssi-lint.yaml").write_text("selct: [OUT]\n")
    result = invoke("plans")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "select" in result.stderr and ".ssi-lint.yaml:1:1" in result.stderr


def test_exclude_from_config(project: Path) -> None:
    (project / "plans" / "old").mkdir()
    (project / "plans" / "old" / "b.plan.yaml").write_text("version: 2\n")
    (project / ".ssi-lint.yaml").write_text("exclude: [old]\n")
    assert "b.plan.yaml" not in invoke("plans").output


def test_baseline_hides_recorded_findings_and_reports_stale_entries(project: Path) -> None:
    assert invoke("--write-baseline", "baseline.json", "plans").exit_code == 1
    assert invoke("--baseline", "baseline.json", "plans").exit_code == 0
    (project / "plans" / "a.plan.yaml").write_text("version: 1\n\n" + RISKY.split("\n", 1)[1].replace("0.1", "0.5"))
    result = invoke("--baseline", "baseline.json", "plans")
    assert "no longer match" in result.output.splitlines()[-1]


@pytest.mark.parametrize("options", [("--select", "OUT001"), ("--ignore", "OUT008"), ("--ignore", "OUT,HYG,COV,PLN,SIM")])
def test_baseline_entries_of_rules_the_run_does_not_run_are_not_stale(project: Path, options: tuple[str, str]) -> None:
    (project / "plans" / "a.plan.yaml").write_text(RISKY.replace("  # ssi-lint: ignore[OUT001] -- agreed with the client", ""))
    assert invoke("--write-baseline", "baseline.json", "plans").exit_code == 1
    recorded = {entry["rule_id"] for entry in json.loads((project / "baseline.json").read_text())["entries"]}
    assert {"OUT001", "OUT008"} <= recorded
    result = invoke("--baseline", "baseline.json", *options, "plans")
    assert result.exit_code == 0 and "no longer match" not in result.output, result.output


def test_baseline_entries_of_files_ignored_per_file_are_not_stale(project: Path) -> None:
    (project / "plans" / "a.plan.yaml").write_text(RISKY.replace("  # ssi-lint: ignore[OUT001] -- agreed with the client", ""))
    assert invoke("--write-baseline", "baseline.json", "plans").exit_code == 1
    (project / ".ssi-lint.yaml").write_text("per-file-ignores:\n  'plans/*.plan.yaml': [OUT008]\n")
    result = invoke("--baseline", "baseline.json", "plans")
    assert result.exit_code == 0 and "no longer match" not in result.output, result.output
    (project / "plans" / "a.plan.yaml").write_text("version: 1\n")
    assert "no longer match" in invoke("--baseline", "baseline.json", "plans").output, "entries of rules that ran still go stale"


def test_output_file_is_written_whole_and_stdout_stays_empty(project: Path) -> None:
    result = invoke("--format", "json", "--output-file", "report.json", "plans")
    assert result.exit_code == 1 and result.output == ""
    assert json.loads((project / "report.json").read_text())["summary"]["files"] == 1
    assert [path.name for path in project.iterdir() if path.name.startswith(".report")] == []


def test_output_file_in_missing_directory_is_an_error(project: Path) -> None:
    result = invoke("--output-file", "missing/report.txt", "plans")
    assert result.exit_code == 2 and "cannot write the report" in result.stderr


def test_statistics_and_exit_zero(project: Path) -> None:
    result = invoke("--statistics", "--exit-zero", "plans")
    assert result.exit_code == 0
    first = result.output.splitlines()[0].split()
    assert first[0].isdigit() and first[1].isupper()


def test_jobs_give_identical_output(project: Path) -> None:
    for index in range(6):
        (project / "plans" / f"p{index}.plan.yaml").write_text(RISKY.replace("60", str(30 + index * 7)))
    serial = invoke("--format", "json", "--jobs", "1", "plans").output
    assert invoke("--format", "json", "--jobs", "2", "plans").output == serial


def test_github_format_is_chosen_on_github_actions(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    output = invoke("plans").output
    assert output.startswith("::") and "Found" in output.splitlines()[-1]
    assert not invoke("--format", "text", "plans").output.startswith("::")


def test_max_file_size_is_configurable(project: Path) -> None:
    assert "LOAD007" in invoke("--max-file-size", "20", "plans").output
    result = invoke("--max-file-size", "lots", "plans")
    assert result.exit_code == 2 and "--max-file-size" in result.stderr


def test_usage_errors_are_one_line(project: Path) -> None:
    for args in (["--bogus", "plans"], ["--fail-on", "bogus", "plans"], ["--jobs", "0", "plans"]):
        result = invoke(*args)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1 and result.stderr.startswith("ssi-lint: error: ")


def test_against_something_no_loader_reads_is_an_error(project: Path) -> None:
    (project / "export.zip").write_bytes(b"PK\x03\x04\xe6\x00binary")
    result = invoke("--against", "export.zip", "plans")
    assert result.exit_code == 2 and "--against export.zip" in result.stderr and result.stderr.count("\n") == 1


def test_output_file_keeps_mode_and_follows_a_link(project: Path) -> None:
    target = project / "report.txt"
    target.write_text("old")
    target.chmod(0o640)
    (project / "link.txt").symlink_to(target)
    invoke("--output-file", "link.txt", "plans")
    assert (project / "link.txt").is_symlink() and "Found" in target.read_text()
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_fifo_is_refused_not_read(project: Path) -> None:
    import os

    os.mkfifo(project / "pipe.plan.yaml")
    result = invoke("pipe.plan.yaml")
    assert result.exit_code == 2 and "not a regular file" in result.stderr


def test_a_crashing_output_format_is_named(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "boom_format.py").write_text(
        "from ssi_lint.hookspecs import hookimpl\n"
        "class Boom:\n"
        "    def __init__(self, stream, options): pass\n"
        "    def start(self): pass\n"
        "    def file(self, result): raise KeyError('boom')\n"
        "    def finish(self, summary): pass\n"
        "@hookimpl\n"
        "def ssi_lint_formats():\n"
        "    return {'boom': Boom}\n"
    )
    (project / "bad_facts.py").write_text("from ssi_lint.hookspecs import hookimpl\n@hookimpl\ndef ssi_lint_facts():\n    return 5\n")
    monkeypatch.syspath_prepend(str(project))
    result = invoke("--plugin", "boom_format", "--format", "boom", "plans")
    assert result.exit_code == 2 and "output format 'boom' failed in file()" in result.stderr
    result = invoke("--plugin", "bad_facts", "plans")
    assert result.exit_code == 2 and "bad_facts" in result.stderr and "ssi_lint_facts" in result.stderr


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # the dropped Terminated, on purpose
def test_a_signal_a_finalizer_dropped_stops_the_run_at_the_next_file(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    from ssi_lint import app

    for name in "bcd":
        (project / "plans" / f"{name}.plan.yaml").write_text(RISKY)
    checked: list[str] = []
    check_files = app.check_files

    class SignalledWhileFinalized:
        def __del__(self) -> None:
            signal.raise_signal(signal.SIGTERM)  # the handler runs at once, in __del__, which drops its Terminated

    def checking(*args: object, **kwargs: object) -> object:
        for result in check_files(*args, **kwargs):  # type: ignore[arg-type]
            checked.append(result.source)
            if len(checked) == 1:  # once: a second SIGTERM would meet the default action, which ends pytest too
                SignalledWhileFinalized()
            yield result

    monkeypatch.setattr(app, "check_files", checking)
    result = CliRunner().invoke(main, ["--jobs", "1", "-o", str(project / "report.txt"), "plans"])
    assert result.exit_code == 128 + signal.SIGTERM
    assert len(checked) == 1  # four files: the run stopped after the first
    assert not (project / "report.txt").exists()


def test_check_rules_checks_a_copy_of_an_installed_pack_as_itself(tmp_path: Path) -> None:
    from ssi_lint.builtin import builtin_rules_dir

    copy = tmp_path / "rules" / "outreach.yaml"  # a checkout's rules/ next to an installed ssi-lint
    copy.parent.mkdir()
    copy.write_bytes((builtin_rules_dir() / "outreach.yaml").read_bytes())
    outcome = CliRunner().invoke(main, ["check-rules", str(copy)])
    assert outcome.exit_code == 0, outcome.output
    assert "duplicate rule id" not in outcome.output


@pytest.mark.parametrize(("args", "made"), [
    (("--format", "concise"), 0),
    (("--format", "sarif"), 0),
    (("--format", "text", "--no-show-ssi"), 0),
    (("--format", "json"), 1),
    (("--format", "concise", "--report", "json:r.json"), 1),
    (("--format", "text", "--show-ssi"), 1),
])
def test_the_ssi_report_is_made_only_when_a_report_reads_it(project: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], made: int) -> None:
    import ssi_lint.api

    calls = []
    real = ssi_lint.api.ssi_extra
    monkeypatch.setattr(ssi_lint.api, "ssi_extra", lambda data, *params: calls.append(1) or real(data, *params))
    invoke(*args, "plans")
    assert len(calls) == made


LISTED = "version: 1\nads:\n  campaigns:\n    - name: Spring\n      daily_budget: {amount: 1, currency: USD}\n"


@pytest.mark.parametrize(("args", "named"), [
    (("--format", "text"), False),
    (("--format", "json"), False),
    (("--format", "sarif"), True),
    (("--format", "gitlab"), True),
    (("--format", "concise", "--report", "sarif:r.sarif"), True),
    (("--format", "text", "--write-baseline", "b.json"), True),
])
def test_stable_paths_are_worked_out_only_when_a_report_or_baseline_reads_them(
    project: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], named: bool,
) -> None:
    import ssi_lint.api

    (project / "plans" / "a.plan.yaml").write_text(LISTED)
    calls = []
    real = ssi_lint.api._stable_paths
    monkeypatch.setattr(ssi_lint.api, "_stable_paths", lambda *given: calls.append(1) or real(*given))
    invoke(*args, "-j", "1", "plans")
    assert bool(calls) is named
