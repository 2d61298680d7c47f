"""Crashes where a finding belongs, output that breaks, and output integrity.

Each hostile input ends as a located finding (a plan), or as one clear error
line naming the file and exit status 2 (a rule pack, a configuration or a
baseline); never as a traceback or an "internal error".
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ssi_lint.api import Linter
from ssi_lint.loading import load_text
from tests.hardening.helpers import HEALTHY, RISKY, one_line_error, run, ssi_lint

pytestmark = pytest.mark.slow  # whole ssi-lint processes on hostile input and broken outputs

ROOT = Path(__file__).parents[2]
HUGE_INT = "9" * 5000

PLAN_CRASHES = {
    "huge-integer": (f"version: 1\naccount:\n  connections: {HUGE_INT}\n", "LOAD001", 3, 16, "more than 4300 digits"),
    "bad-int-tag": ('version: 1\naccount:\n  connections: !!int "abc"\n', "LOAD001", 3, 16, "cannot be read as !!int"),
    "self-merge": ("version: 1\nx: &a\n  <<: *a\n", "LOAD001", 2, 4, "refers to the node that contains it"),
    "self-alias": ("version: 1\nx: &a [1, *a]\n", "LOAD001", 2, 4, "refers to the node that contains it"),
    "bad-float-tag": ('version: 1\naccount:\n  connections: !!float "x"\n', "LOAD001", 3, 16, "cannot be read as !!float"),
    "empty-int-tag": ("version: 1\ncontent:\n  per_week: {posts: !!int , reposts: 1}\n", "LOAD001", 3, 21, "cannot be read as !!int"),
    "empty-float-tag": ("version: 1\ncontent:\n  per_week: {posts: !!float , reposts: 1}\n", "LOAD001", 3, 21, "cannot be read as !!float"),
}


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


@pytest.mark.parametrize("name", list(PLAN_CRASHES))
def test_plan_crash_cases_are_located_load_findings(linter: Linter, name: str) -> None:
    text, code, line, column, words = PLAN_CRASHES[name]
    result = linter.check_document(load_text(text, "p.plan.yaml"))
    found = [(f.rule_id, f.line, f.column) for f in result.findings if f.rule_id.startswith("LOAD")]
    assert found == [(code, line, column)]
    assert words in result.findings[0].message


BEYOND_FLOAT = "9" * 400
"""A whole number Python reads (under 4300 digits) but no float holds."""


@pytest.mark.parametrize("field", [
    "profile:\n  endorsements: {n}", "account:\n  connections: {n}", "outreach:\n  pending:\n    sent: {n}",
    "content:\n  per_week:\n    posts: {n}", "outreach:\n  invitations:\n    per_week: {n}",
])
def test_a_count_beyond_any_float_is_judged_not_an_internal_error(linter: Linter, field: str) -> None:
    result = linter.check_document(load_text("version: 1\n" + field.format(n=BEYOND_FLOAT) + "\n", "p.plan.yaml"))
    assert not [finding for finding in result.findings if finding.rule_id.startswith("LOAD")], result.findings


@pytest.mark.parametrize("pillar", ["brand", "total"])
@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan"])
def test_non_finite_ssi_values_are_schema_findings(linter: Linter, pillar: str, value: str) -> None:
    text = f"version: 1\naccount:\n  ssi: {{{pillar}: {value}}}\n"
    result = linter.check_document(load_text(text, "p.plan.yaml"))
    assert ("SCHEMA001", 3, 9) in {(f.rule_id, f.line, f.column) for f in result.findings}


@pytest.mark.parametrize("text", [
    "version: 1\naccount:\n  ssi: {brand: .inf, people: .nan}\n",
    pytest.param("version: 1\naccount:\n  ssi: {total: -.inf}\n", marks=pytest.mark.slow),
])
def test_non_finite_ssi_values_never_crash_an_output(tmp_path: Path, text: str) -> None:
    (tmp_path / "p.plan.yaml").write_text(text)
    for output_format in ("text", "json", "sarif", "json-lines", "gitlab", "junit"):
        outcome = run("p.plan.yaml", "--format", output_format, cwd=tmp_path)
        assert outcome.returncode == 1 and not outcome.stderr, (output_format, outcome.stderr)
    advice = run("advise", "p.plan.yaml", cwd=tmp_path)
    assert advice.returncode == 2 and not advice.stderr and b"SCHEMA001" in advice.stdout  # the plan breaks its format


def _pack_with(line: str) -> str:
    pack = (ROOT / "rules" / "content.yaml").read_text(encoding="utf-8").replace("id: CNT", "id: XCN")
    return pack.replace("    params: {min: 1}\n", f"    params: {{min: 1}}\n{line}\n", 1)


BAD_VALUES = {
    "huge-integer": f"    extra_number: {HUGE_INT}",
    "bad-int-tag": '    extra_number: !!int "abc"',
    "self-merge": "    extra: &a\n      <<: *a",
}


@pytest.mark.parametrize("name", list(BAD_VALUES))
def test_crash_cases_in_a_rule_pack_are_one_line(tmp_path: Path, name: str) -> None:
    (tmp_path / "pack.yaml").write_text(_pack_with(BAD_VALUES[name]))
    (tmp_path / "a.plan.yaml").write_text(HEALTHY)
    one_line_error(run("a.plan.yaml", "--rules", "pack.yaml", cwd=tmp_path), "pack.yaml:", "invalid rule pack")


@pytest.mark.parametrize("name", list(BAD_VALUES))
def test_crash_cases_in_a_config_are_one_line(tmp_path: Path, name: str) -> None:
    setting = BAD_VALUES[name].replace("    extra_number", "fail-on").replace("    extra", "params").replace("\n  ", "\n")
    (tmp_path / ".ssi-lint.yaml").write_text(setting + "\n")
    (tmp_path / "a.plan.yaml").write_text(HEALTHY)
    one_line_error(run("a.plan.yaml", cwd=tmp_path), ".ssi-lint.yaml:")


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan"])
def test_non_finite_params_in_a_config_are_refused_in_one_line(tmp_path: Path, value: str) -> None:
    (tmp_path / ".ssi-lint.yaml").write_text(f"params: {{OUT001: {{levels: {{warning: {value}}}}}}}\n")
    for command in (("config", "--format", "json"), ("check", ".")):
        outcome = run(*command, cwd=tmp_path)
        one_line_error(outcome, ".ssi-lint.yaml:1:", "params.OUT001.levels.warning: must be a finite number")
        assert not outcome.stdout


BAD_BASELINES = {
    "deep-nesting": "[" * 100_000 + "]" * 100_000,
    "huge-integer": '{"version": 1, "entries": [{"rule_id": "A", "file": "f", "path": "p", "count": ' + HUGE_INT + "}]}",
    "big-count": '{"version": 1, "entries": [{"rule_id": "A", "file": "f", "path": "p", "count": 99999999999}]}',
    "version-true": '{"version": true, "entries": []}',
    "version-float": '{"version": 1.0, "entries": []}',
    "nan-count": '{"version": 1, "entries": [{"rule_id": "A", "file": "f", "path": "p", "count": NaN}]}',
    "infinity": '{"version": 1, "entries": [], "x": Infinity}',
    "extra-key": '{"version": 1, "entries": [], "extra": 1}',
    "entry-extra-key": '{"version": 1, "entries": [{"rule_id": "A", "file": "f", "path": "p", "count": 1, "x": 1}]}',
    "other-tool": '{"tool": "other", "version": 1, "entries": []}',
    "not-utf8": b'{"version": 1, "entries": [], "tool": "\xff"}',
}


@pytest.mark.parametrize("name", list(BAD_BASELINES))
def test_bad_baselines_are_rejected_in_one_line(tmp_path: Path, name: str) -> None:
    content = BAD_BASELINES[name]
    path = tmp_path / "b.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    (tmp_path / "a.plan.yaml").write_text(RISKY)
    one_line_error(run("a.plan.yaml", "--baseline", "b.json", cwd=tmp_path), "b.json", "baseline")


def budget_pack() -> str:
    """A rule pack whose rule nests three loops over a list: a long list exceeds CEL's iteration budget."""
    return """rules:
  - id: BUD001
    name: nested-loops
    title: Nested loops over the skills
    pillar: brand
    category: profile
    severity: info
    given: profile.skills
    when: size(self) > 0 && self.all(x, self.all(y, self.all(z, x == x)))
    message: "skills"
    examples:
      fail: [{profile: {skills: [a, b]}}]
      pass: [{profile: {skills: []}}]
"""


def test_the_cel_iteration_budget_is_a_rule_error_naming_the_rule(tmp_path: Path) -> None:
    (tmp_path / "pack.yaml").write_text(budget_pack())
    (tmp_path / "a.plan.yaml").write_text(RISKY.replace("skills: [sales]", f"skills: [{', '.join(['s'] * 2000)}]"))
    (tmp_path / "b.plan.yaml").write_text(HEALTHY)
    result = run("a.plan.yaml", "b.plan.yaml", "--rules", "pack.yaml", "--format", "json", cwd=tmp_path)
    stderr = one_line_error(result, "a.plan.yaml", "rule BUD001 (pack.yaml:2:5)", "Iteration budget exceeded")
    assert "internal error" not in stderr
    report = json.loads(result.stdout)
    assert [entry["path"] for entry in report["files"]] == ["a.plan.yaml", "b.plan.yaml"]
    [failure] = [finding for finding in report["findings"] if finding["rule_id"] == "LOAD009"]
    assert failure["file"] == "a.plan.yaml" and "BUD001" in failure["message"]


@pytest.mark.parametrize(("jobs", "output_format"), [
    ("1", "text"), ("2", "json"),
    pytest.param("1", "json", marks=pytest.mark.slow), pytest.param("2", "sarif", marks=pytest.mark.slow),
    pytest.param("2", "text", marks=pytest.mark.slow),
])
def test_one_bad_plan_in_a_batch_is_that_files_finding(tmp_path: Path, jobs: str, output_format: str) -> None:
    (tmp_path / "broken_loader_plugin.py").write_text(BROKEN_LOADER)
    for number in range(70):
        (tmp_path / f"p{number:02}.plan.yaml").write_text(RISKY if number != 33 else "explode: true\n")
    env = {"PYTHONPATH": str(tmp_path)}
    args = [".", "--plugin", "broken_loader_plugin", "--jobs", jobs, "--format", output_format, "-o", "out"]
    result = ssi_lint(*args, cwd=tmp_path, env=env)
    one_line_error(result, "p33.plan.yaml", "broken_loader_plugin")
    report = (tmp_path / "out").read_text()
    assert "LOAD009" in report and "p69.plan.yaml" in report
    if output_format == "json":
        assert json.loads(report)["summary"]["files"] == 70


@pytest.mark.parametrize(("target", "reason"), [
    ("self.plan.yaml", "a symbolic link loop"), ("nowhere.plan.yaml", "a broken symbolic link (to nowhere.plan.yaml"),
], ids=["loop", "broken"])
def test_a_plan_link_that_leads_nowhere_is_its_load009_found_or_named(tmp_path: Path, target: str, reason: str) -> None:
    """A folder search does not skip it without a word, and naming it does not stop the batch: both report it alike."""
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "a.plan.yaml").write_text(HEALTHY)
    (tmp_path / "plans" / "self.plan.yaml").symlink_to(target)
    for paths in (["plans"], ["plans/self.plan.yaml", "plans/a.plan.yaml"]):
        result = run(*paths, "--format", "json", cwd=tmp_path)
        one_line_error(result, "plans/self.plan.yaml", reason)
        report = json.loads(result.stdout)
        assert [entry["path"] for entry in report["files"]] == ["plans/a.plan.yaml", "plans/self.plan.yaml"]
        [failure] = [finding for finding in report["findings"] if finding["rule_id"] == "LOAD009"]
        assert failure["file"] == "plans/self.plan.yaml" and reason in failure["message"]


BROKEN_LOADER = '''
from ssi_lint.hookspecs import hookimpl


@hookimpl(tryfirst=True)
def ssi_lint_load_document(path, display, options):
    if path.read_text().startswith("explode"):
        raise ValueError("this loader cannot read it")
    return None
'''


def _refuse(constant: str) -> None:
    raise AssertionError(f"{constant} is not JSON")


def test_json_never_writes_infinity_or_nan(tmp_path: Path) -> None:
    (tmp_path / "p.plan.yaml").write_text("version: 1\naccount:\n  ssi: {brand: .inf, people: .nan, total: -.inf}\n")
    for output_format in ("json", "json-lines", "sarif", "gitlab"):
        outcome = run("p.plan.yaml", "--format", output_format, cwd=tmp_path)
        lines = outcome.stdout.decode().splitlines() if output_format == "json-lines" else [outcome.stdout.decode()]
        for line in lines:
            json.loads(line, parse_constant=_refuse)


NASTY_KEY = "k\x1b[2J\x1b]0;title\x07\nfake.plan.yaml:1:1: OUT001 error spoofed\u202eevil"


@pytest.mark.parametrize("output_format", ["text", "concise", "statistics"])
def test_control_characters_are_escaped_in_human_formats(tmp_path: Path, output_format: str) -> None:
    name = "odd\x1bname.plan.yaml"
    (tmp_path / name).write_text(f'version: 1\nprofile:\n  "{NASTY_KEY.encode("unicode_escape").decode()}": 1\n')
    args = ["--statistics"] if output_format == "statistics" else ["--format", output_format]
    outcome = run(name, *args, cwd=tmp_path)
    text = outcome.stdout.decode()
    assert outcome.returncode == 1 and not outcome.stderr  # the unknown key is an error, reported like any other
    assert not [char for char in text if (ord(char) < 32 and char != "\n") or char in "\x7f\u202e"]
    assert not any(line.startswith("fake.plan.yaml") for line in text.splitlines())
    if output_format != "statistics":
        assert "\\x1b[2J" in text and "\\u202e" in text and "odd\\x1bname" in text


def test_error_lines_escape_control_characters(tmp_path: Path) -> None:
    outcome = run("missing\x1b[2Jname.plan.yaml", cwd=tmp_path)
    assert "\x1b" not in outcome.stderr.decode() and "\\x1b[2J" in outcome.stderr.decode()


NON_UTF8 = b"bad\xffname.plan.yaml"


@pytest.mark.parametrize("output_format", [
    "text", "json", "sarif", *(pytest.param(name, marks=pytest.mark.slow) for name in ("concise", "json-lines", "junit", "gitlab", "github")),
])
def test_non_utf8_file_names_are_written(tmp_path: Path, output_format: str) -> None:
    (tmp_path / os.fsdecode(NON_UTF8)).write_text(RISKY)
    outcome = run(".", "--format", output_format, cwd=tmp_path)
    assert outcome.returncode == 1 and not outcome.stderr, outcome.stderr
    text = outcome.stdout.decode("utf-8")  # always valid UTF-8
    if output_format == "sarif":
        uris = {result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for result in json.loads(text)["runs"][0]["results"]}
        assert uris == {"bad%FFname.plan.yaml"}
    elif output_format in ("json", "gitlab"):
        assert "bad\udcffname" in json.dumps(json.loads(text), ensure_ascii=False)
    elif output_format != "junit":
        assert "bad\\udcffname" in text or "bad%FFname" in text or "bad\\xffname" in text


def test_non_utf8_file_names_round_trip_through_a_baseline(tmp_path: Path) -> None:
    (tmp_path / os.fsdecode(NON_UTF8)).write_text(RISKY)
    assert run(".", "--write-baseline", "b.json", cwd=tmp_path).returncode == 1
    json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    outcome = run(".", "--baseline", "b.json", cwd=tmp_path)
    assert outcome.returncode == 0 and b"no problems" in outcome.stdout


def test_a_non_utf8_locale_falls_back_to_escapes(tmp_path: Path) -> None:
    (tmp_path / "p.plan.yaml").write_text('version: 1\nprofile:\n  "caf\u00e9 \u202eevil \U0001f600": 1\n', encoding="utf-8")
    for encoding in ("ascii", "latin-1"):
        outcome = ssi_lint("p.plan.yaml", cwd=tmp_path, env={"PYTHONIOENCODING": encoding, "LC_ALL": "C"})
        assert outcome.returncode == 1 and not outcome.stderr, outcome.stderr  # the unknown key is an error
        assert b"\\u202e" in outcome.stdout


@pytest.mark.parametrize("how", ["closed-at-start", "closed-later"])
def test_a_closed_stdout_is_one_line(how: str) -> None:
    if how == "closed-at-start":
        command = ["sh", "-c", f"exec {sys.executable} -m ssi_lint examples/risky.plan.yaml >&-"]
    else:
        code = "import os, sys; os.close(1); from ssi_lint.cli import main; sys.argv = ['ssi-lint', 'examples/risky.plan.yaml']; main()"
        command = [sys.executable, "-c", code]
    outcome = subprocess.run(command, cwd=ROOT, stderr=subprocess.PIPE, timeout=60, check=False)
    assert outcome.returncode == 2
    [line] = outcome.stderr.decode().strip().splitlines()
    assert line.startswith("ssi-lint: error: cannot write the report: ")
    assert ("standard output is closed" if how == "closed-at-start" else "bad file descriptor") in line


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("output_format", ["text", pytest.param("json", marks=pytest.mark.slow), pytest.param("sarif", marks=pytest.mark.slow)])
def test_a_full_disk_is_one_line(output_format: str) -> None:
    with open("/dev/full", "w") as full:
        outcome = subprocess.run([sys.executable, "-m", "ssi_lint", "examples/risky.plan.yaml", "--format", output_format],
                                 cwd=ROOT, stdout=full, stderr=subprocess.PIPE, timeout=60, check=False)
    assert outcome.returncode == 2
    assert outcome.stderr.decode().splitlines() == ["ssi-lint: error: cannot write the report: no space left on device"]
    written = ssi_lint("examples/risky.plan.yaml", "-o", "/dev/full", cwd=ROOT)
    one_line_error(written, "/dev/full: cannot write the report: no space left on device")


REPORTS = {
    "version": ["--version"],
    "help": ["--help"],
    "command-help": ["rules", "--help"],
    "rules": ["rules"],
    "explain": ["explain", "OUT001"],
    "schema": ["schema"],
    "simulate": ["simulate", "examples/risky.plan.yaml"],
    "advise": ["advise", "examples/risky.plan.yaml"],
    "config": ["config"],
    "plugins": ["plugins"],
    "check-rules": ["check-rules", "rules/outreach.yaml"],
    "diff": ["check", "--diff", "examples/volume-only.plan.yaml"],
}
"""Every command that writes to standard output besides `check`'s report, with arguments that make it write."""


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("name", list(REPORTS))
def test_every_command_on_a_full_disk_is_one_line(name: str) -> None:
    """`--help` and `--version` (written by click while it parses) too: no traceback, no internal error."""
    with open("/dev/full", "w") as full:
        outcome = subprocess.run([sys.executable, "-m", "ssi_lint", *REPORTS[name]], cwd=ROOT, stdout=full, stderr=subprocess.PIPE,
                                 timeout=60, check=False)
    assert outcome.returncode == 2, outcome.stderr
    assert outcome.stderr.decode().splitlines() == ["ssi-lint: error: cannot write the report: no space left on device"]


@pytest.mark.parametrize("name", ["version", "help", "rules", "simulate", "diff"])
def test_every_command_without_a_standard_output_is_one_line(name: str) -> None:
    """Started with standard output closed (`>&-`): one line, exit 2; not a silent 120, not an internal error."""
    command = ["sh", "-c", 'exec "$0" -m ssi_lint "$@" >&-', sys.executable, *REPORTS[name]]
    outcome = subprocess.run(command, cwd=ROOT, stderr=subprocess.PIPE, timeout=60, check=False)
    assert outcome.returncode == 2, outcome.stderr
    [line] = outcome.stderr.decode().splitlines()
    assert line.startswith("ssi-lint: error: cannot write the report: standard output is closed"), line


def test_a_report_to_a_file_needs_no_standard_output(tmp_path: Path) -> None:
    command = ["sh", "-c", 'exec "$0" -m ssi_lint "$@" >&-', sys.executable, "examples/risky.plan.yaml", "-o", str(tmp_path / "r.txt")]
    outcome = subprocess.run(command, cwd=ROOT, stderr=subprocess.PIPE, timeout=60, check=False)
    assert (outcome.returncode, outcome.stderr) == (1, b"")
    assert "OUT001" in (tmp_path / "r.txt").read_text(encoding="utf-8")
