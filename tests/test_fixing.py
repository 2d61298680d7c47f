"""`check --fix` and `--diff`: golden before/after files, comments kept, atomic and race-safe writes."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ssi_lint import fixing
from ssi_lint.api import Linter
from ssi_lint.cli import main
from ssi_lint.loading import load_text
from tests.json_check import check

GOLDEN = Path(__file__).parent / "golden" / "fix"
BEFORE = GOLDEN / "before.plan.yaml"
FIXED_RULES = {"OUT001", "PLN005", "ADS001"}


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "before.plan.yaml"
    path.write_bytes(BEFORE.read_bytes())
    return path


def _comments(text: str) -> list[str]:
    """The comment of every line (text from ` #` or a leading `#`), in order."""
    return [match.group(0) for line in text.splitlines() if (match := re.search(r"(^|\s)#.*$", line))]


def test_golden_after_and_diff(linter: Linter, golden_file: Callable[[Path, str], None]) -> None:
    fixed = fixing.fix_document(linter, load_text(BEFORE.read_text(), "before.plan.yaml"))
    golden_file(GOLDEN / "after.plan.yaml", fixed.text)
    golden_file(GOLDEN / "before.diff", fixing.unified_diff(fixed))
    assert {edit.rule_id for edit in fixed.applied} == FIXED_RULES


def test_every_comment_and_every_other_line_is_kept(linter: Linter) -> None:
    before = BEFORE.read_text()
    after = fixing.fix_document(linter, load_text(before, "p.plan.yaml")).text
    assert _comments(after) == _comments(before)
    changed = [(old, new) for old, new in zip(before.splitlines(), after.splitlines(), strict=True) if old != new]
    assert len(changed) == 3
    for old, new in changed:  # only the number differs: padding, comment and the rest stay
        assert re.sub(r"\d+", "N", old) == re.sub(r"\d+", "N", new)


def test_fixed_plan_validates_and_only_the_suppressed_finding_remains(linter: Linter) -> None:
    fixed = fixing.fix_document(linter, load_text(BEFORE.read_text(), "p.plan.yaml"))
    result = linter.check_document(load_text(fixed.text, "p.plan.yaml"))
    assert not [f for f in result.findings if f.rule_id.startswith(("LOAD", "SCHEMA"))]
    assert not FIXED_RULES & {f.rule_id for f in result.findings}
    assert [(f.rule_id, f.path) for f in result.suppressed if f.rule_id in FIXED_RULES] == [("ADS001", "ads.campaigns[1].daily_budget")]
    assert fixed.result.findings == result.findings


def test_fix_writes_reports_what_remains_and_a_second_fix_changes_nothing(plan: Path) -> None:
    first = invoke("check", plan, "--fix", "--format", "concise")
    assert first.exit_code == 1, first.output  # what no fix can settle (an unknown SSI) is still an error
    assert plan.read_text() == (GOLDEN / "after.plan.yaml").read_text()
    assert "OUT001" not in first.stdout and "OUT003" in first.stdout  # re-linted: the rest is reported
    assert f"{plan.as_posix()}: fixed OUT001 outreach.invitations.per_day: 30 -> 20" in first.stderr
    written = plan.read_bytes()
    second = invoke("check", plan, "--fix", "--format", "concise")
    assert plan.read_bytes() == written
    assert "fixed" not in second.stderr
    assert second.stdout == first.stdout


def test_diff_prints_and_writes_nothing(plan: Path) -> None:
    result = invoke("check", plan, "--diff")
    assert result.exit_code == 1
    assert plan.read_bytes() == BEFORE.read_bytes()
    assert "-    per_day:   30      # aligned comment" in result.stdout
    assert "+    per_day:   20      # aligned comment" in result.stdout
    assert result.stdout.startswith(f"--- a/{plan.as_posix()}\n+++ b/{plan.as_posix()}\n")


def test_diff_of_a_clean_plan_is_empty_and_exit_zero(tmp_path: Path) -> None:
    path = tmp_path / "ok.plan.yaml"
    path.write_text("version: 1\noutreach:\n  invitations: {per_day: 10}\n")
    result = invoke("check", path, "--diff")
    assert (result.exit_code, result.stdout) == (0, "")


def test_fix_and_diff_exclude_each_other(plan: Path) -> None:
    result = invoke("check", plan, "--fix", "--diff")
    assert result.exit_code == 2
    assert "--fix and --diff exclude each other" in result.stderr


def test_nothing_is_written_when_the_file_changed_since_it_was_read(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = fixing.fix_document

    def edited_meanwhile(*args: object, **kwargs: object) -> fixing.Fixed:
        outcome = real(*args, **kwargs)  # type: ignore[arg-type]
        plan.write_text(BEFORE.read_text() + "# edited in another window\n")
        return outcome

    monkeypatch.setattr(fixing, "fix_document", edited_meanwhile)
    result = invoke("check", plan, "--fix", "--format", "concise")
    assert plan.read_text().endswith("# edited in another window\n")
    assert "not fixed: the file changed since it was read" in result.stderr
    assert "OUT001" in result.stdout


def test_crlf_and_byte_order_mark_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "windows.plan.yaml"
    original = "\ufeffversion: 1\r\noutreach:\r\n  invitations:\r\n    per_day: 30 # note\r\naccount: {age_days: 400}\r\n".encode()
    path.write_bytes(original)
    invoke("check", path, "--fix")
    assert path.read_bytes() == original.replace(b"per_day: 30", b"per_day: 20")


def test_an_anchored_value_is_reported_not_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "anchor.plan.yaml"
    text = "version: 1\noutreach:\n  invitations:\n    per_day: &daily 30\naccount: {age_days: 400}\n"
    path.write_text(text)
    result = invoke("check", path, "--fix", "--format", "concise")
    assert path.read_text() == text
    assert "OUT001 at outreach.invitations.per_day: outreach.invitations.per_day is not written as a plain value" in result.stderr
    assert "OUT001" in result.stdout


def test_a_plan_with_schema_violations_is_not_fixed(tmp_path: Path) -> None:
    path = tmp_path / "broken.plan.yaml"
    text = "version: 1\noutreach:\n  invitations:\n    per_day: 30\n  pending: {withdraw_after_days: many}\naccount: {age_days: 400}\n"
    path.write_text(text)
    invoke("check", path, "--fix")
    assert path.read_text() == text


@pytest.mark.parametrize(("text", "problem"), [
    ("version: 1\noutreach:\n  invitations:\n    per_day: 60\n    per_day: 70\n", "LOAD002 at line 5, column 5"),
    ("version: 1\naccount: {tier: gold}\noutreach:\n  pending:\n    withdraw_after_days: 60\n", "SCHEMA001 at line 2, column 11"),
    ("version: 1\noutreach: {invitations: {per_day: [60\n", "LOAD001 at line 3, column 1"),
], ids=["duplicate-key", "schema-violation", "invalid-yaml"])
@pytest.mark.parametrize("mode", ["--fix", "--diff"])
def test_a_plan_with_yaml_or_schema_problems_is_named_on_stderr(tmp_path: Path, text: str, problem: str, mode: str) -> None:
    path = tmp_path / "broken.plan.yaml"
    path.write_text(text)
    result = invoke("check", path, mode, "--format", "concise") if mode == "--fix" else invoke("check", path, mode)
    assert path.read_text() == text
    assert result.stderr == (f"ssi-lint: {path.as_posix()}: not fixed: mend its {problem} first "
                             "(a plan with YAML or schema problems is not fixed)\n")
    assert result.exit_code == 1  # not fixed, so its findings decide, as with --fix
    if mode == "--diff":
        assert result.stdout == ""


def test_a_value_that_cannot_be_rewritten_is_said_once(tmp_path: Path) -> None:
    path = tmp_path / "tags.plan.yaml"
    text = 'version: 1\noutreach:\n  invitations:\n    per_day: !!int "60"\n  pending:\n    withdraw_after_days: 0x3C\n'
    path.write_text(text)
    result = invoke("check", path, "--diff")
    assert result.exit_code == 1 and "+    withdraw_after_days: 21\n" in result.stdout  # the other fix still made, in a second pass
    assert result.stderr.count("is not written as a plain value") == 1


@pytest.mark.parametrize("mode", ["--fix", "--diff"])
def test_a_plan_whose_only_fix_is_refused_exits_by_its_findings(tmp_path: Path, mode: str) -> None:
    path = tmp_path / "tags.plan.yaml"
    text = 'version: 1\nads: {campaigns: [{name: x, bidding: {charge: cpc, currency: USD}, daily_budget: !!int "5"}]}\n'
    path.write_text(text)
    result = invoke("check", path, mode, "--format", "concise")
    assert (result.exit_code, path.read_text()) == (1, text)  # ADS001 is an error that stays
    assert "ads.campaigns[0].daily_budget is not written as a plain value" in result.stderr
    assert ("ADS001" in result.stdout) if mode == "--fix" else result.stdout == ""
    assert invoke("check", path, mode, "--fail-on", "never").exit_code == 0
    assert invoke("check", path, mode, "--exit-zero").exit_code == 0


def test_diff_of_a_plan_with_nothing_to_fix_exits_zero_whatever_its_findings(tmp_path: Path) -> None:
    """README: `--diff` exits 1 when there is something to fix, 0 when there is not; OUT014 has no machine fix."""
    path = tmp_path / "views.plan.yaml"
    path.write_text("version: 1\naccount: {age_days: 400}\noutreach:\n  invitations: {per_day: 10}\n  profile_views: {per_day: 200}\n")
    result = invoke("check", path, "--diff")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    assert invoke("check", path, "--format", "concise").exit_code == 1


def test_a_utf16_plan_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "wide.plan.yaml"
    original = "version: 1\noutreach:\n  invitations:\n    per_day: 30\naccount: {age_days: 400}\n".encode("utf-16")
    path.write_bytes(original)
    result = invoke("check", path, "--fix", "--format", "concise")
    assert path.read_bytes() == original
    assert "only UTF-8 plans are fixed in place" in result.stderr


def test_diff_of_standard_input_is_labelled_with_the_stdin_filename(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["-", "--stdin-filename", "team/a.plan.yaml", "--diff"], input=BEFORE.read_bytes())
    assert result.exit_code == 1
    assert result.stdout.startswith("--- a/team/a.plan.yaml\n")


def test_fix_refuses_standard_input() -> None:
    result = CliRunner().invoke(main, ["-", "--fix"], input=b"version: 1\n")
    assert result.exit_code == 2
    assert "--fix cannot rewrite standard input" in result.stderr


FOLDER_LOADER = """\
from ssi_lint.hookspecs import hookimpl
from ssi_lint.model import Document

@hookimpl
def ssi_lint_claims_path(path):
    return True if (path / "export.marker").is_file() else None

@hookimpl
def ssi_lint_load_document(path, display, options):
    if not path.is_dir():
        return None
    return Document(display, {"version": 1, "account": {"age_days": 400}, "outreach": {"invitations": {"per_day": 30}}})
"""


def test_a_folder_a_loader_plugin_reads_is_checked_not_rewritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "ssi_test_folder_loader.py").write_text(FOLDER_LOADER)
    export = tmp_path / "export"
    export.mkdir()
    (export / "export.marker").write_text("")
    result = invoke("check", export, "--fix", "--plugin", "ssi_test_folder_loader", "--format", "concise")
    assert result.exit_code == 1, result.output  # OUT003 is an error: reported, not a failure to run
    assert "OUT001" in result.stdout and "fixed" not in result.stderr


BRINGS_IN = """\
version: 1
account: {tier: premium, age_days: 400, ssi: {brand: 15, people: 15, insights: 15, relationships: 15}}
outreach:
  invitations:
    per_day: 30   # keep
    per_week: 145
    note: personalized
  pending: {sent: 100, withdraw_after_days: 60}
"""


def test_a_fix_that_would_bring_in_a_finding_no_fix_mends_is_refused_and_said(tmp_path: Path) -> None:
    path = tmp_path / "a.plan.yaml"
    path.write_text(BRINGS_IN)
    result = invoke("check", path, "--fix")
    assert "not fixed: OUT001 at outreach.invitations.per_day (30 -> 20) would bring in " in result.stderr
    assert "PLN001 at outreach.invitations.per_week" in result.stderr
    assert "per_day: 30   # keep" in path.read_text()  # 20 a day would contradict 145 a week (7 days hold 140)
    assert "withdraw_after_days: 21" in path.read_text()  # the other fix is still made
    assert "PLN001" not in result.stdout


TOGETHER = """\
version: 1
outreach:
  active_days_per_week: 1
  invitations:
    per_day: 100
  pending:
    sent: 48
    withdraw_after_days: 111
"""
"""OUT006 (per_day 100 -> 10) and PLN005 (111 -> 21 days) each bring in nothing; together the 48 pending are 4.8 weeks of
sending at 10 a week, longer than 21 days (HYG004, which no machine fix mends)."""


@pytest.mark.parametrize("mode", ["--fix", "--diff"])
def test_fixes_that_together_bring_in_a_finding_no_fix_mends_are_not_all_made(tmp_path: Path, mode: str) -> None:
    path = tmp_path / "a.plan.yaml"
    path.write_text(TOGETHER)
    result = invoke("check", path, mode, "--format", "concise")
    assert result.stderr.endswith(
        f"ssi-lint: {path.as_posix()}: not fixed: PLN005 at outreach.pending.withdraw_after_days (111 -> 21) would bring in "
        "HYG004 at outreach.pending.sent together with the fix of OUT006 at outreach.invitations.per_day (100 -> 10)\n")
    fixed = TOGETHER.replace("per_day: 100", "per_day: 10")  # the first fix, in order, is made; the second is refused
    if mode == "--fix":
        assert path.read_text() == fixed
        assert "HYG004" not in result.stdout
    else:
        assert path.read_text() == TOGETHER
        assert "+    per_day: 10\n" in result.stdout and "withdraw_after_days: 21" not in result.stdout


def test_fixes_that_bring_in_nothing_together_are_all_made_in_one_pass(linter: Linter) -> None:
    fixed = fixing.fix_document(linter, load_text(TOGETHER.replace("sent: 48", "sent: 10"), "a.plan.yaml"))
    assert [edit.rule_id for edit in fixed.applied] == ["OUT006", "PLN005"] and fixed.skipped == ()


def test_out001s_words_applied_by_hand_bring_in_no_finding(tmp_path: Path) -> None:
    """Where lowering per_day alone would contradict per_week (PLN001, then OUT001 over the week), the fix says what else to lower."""
    trusted = {"tier": "sales_navigator", "age_days": 1800, "active_days_per_week": 5, "ssi": {"total": 75}}
    before = {"version": 1, "account": trusted, "outreach": {"invitations": {"per_day": 30, "per_week": 150}}}
    [out001] = [finding for finding in check(tmp_path, before) if finding["rule_id"] == "OUT001"]
    assert "no more in a week than 25 times the days you send on: lower `per_week`" in out001["fix"]  # a trusted account's level
    after = {**before, "outreach": {"invitations": {"per_day": 25, "per_week": 25 * 5}}}  # the words, applied
    found = {finding["rule_id"]: finding["severity"] for finding in check(tmp_path, after)}
    assert not {"OUT001", "PLN001", "PLN002"} & set(found) and found.get("OUT003", "info") == "info"  # 125 a week: allowed as trusted


def test_fix_and_diff_leave_what_per_file_ignores_and_the_baseline_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "a.plan.yaml"
    path.write_text(BRINGS_IN.replace("per_week: 145", "per_week: 100"))
    (tmp_path / ".ssi-lint.yaml").write_text("per-file-ignores: {'a.plan.yaml': [PLN005]}\n")
    diff = invoke("check", path, "--diff", "--config", tmp_path / ".ssi-lint.yaml").stdout
    assert "+    per_day: 20" in diff and "withdraw_after_days: 21" not in diff
    baseline = tmp_path / "baseline.json"
    invoke("check", path, "--write-baseline", baseline, "--config", tmp_path / ".ssi-lint.yaml")
    assert invoke("check", path, "--diff", "--baseline", baseline, "--config", tmp_path / ".ssi-lint.yaml").stdout == ""
    invoke("check", path, "--fix", "--baseline", baseline, "--config", tmp_path / ".ssi-lint.yaml")
    assert path.read_text() == BRINGS_IN.replace("per_week: 145", "per_week: 100")


def test_diff_refuses_report_options_it_would_not_honour(plan: Path) -> None:
    for options in (("-o", plan.with_name("out.txt")), ("--report", f"json:{plan.with_name('r.json')}")):
        result = invoke("check", plan, "--diff", *options)
        assert result.exit_code == 2 and "--diff prints the fixes to standard output and writes no report" in result.stderr
        assert not plan.with_name("out.txt").exists() and not plan.with_name("r.json").exists()


NEW_ACCOUNT = "version: 1\naccount: {age_days: 10}\noutreach:\n  invitations: {per_day: 25}\n"


def test_fix_lowers_a_new_accounts_daily_invitations_to_its_warm_up_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.plan.yaml"
    path.write_text(NEW_ACCOUNT)
    assert "+  invitations: {per_day: 10}" in invoke("check", path, "--diff").stdout
    result = invoke("check", path, "--fix")
    assert f"{path.as_posix()}: fixed OUT006 outreach.invitations.per_day: 25 -> 10" in result.stderr
    assert path.read_text() == NEW_ACCOUNT.replace("25", "10")
    assert not re.search(r"\b(OUT001|OUT006|PLN001|PLN002)\b", result.stdout)


def test_a_new_accounts_fix_wins_over_the_daily_limit_it_supersedes(tmp_path: Path) -> None:
    path = tmp_path / "a.plan.yaml"
    path.write_text(NEW_ACCOUNT + "  schedule: [{week: 1, invitations: 35}]\n")  # week 2, day 17, goes out at 25 a day
    result = invoke("check", path, "--fix")
    assert "fixed OUT006 outreach.invitations.per_day: 25 -> 10" in result.stderr and "fixed OUT001" not in result.stderr
    assert "invitations: {per_day: 10}" in path.read_text()
    assert not re.search(r"\b(OUT001|OUT006)\b", result.stdout)


@pytest.mark.parametrize("outreach", [
    "  invitations: {per_day: 25, per_week: 125}\n",  # per_week sends the week: 10 a day would contradict it
    "  invitations: {per_day: 8}\n  schedule: [{week: 1, invitations: 140}]\n",  # the schedule's week 1 is the problem
])
def test_a_new_accounts_fix_declines_where_per_day_is_not_what_fires(tmp_path: Path, outreach: str) -> None:
    path = tmp_path / "a.plan.yaml"
    path.write_text(NEW_ACCOUNT.split("outreach:")[0] + "outreach:\n" + outreach)
    result = invoke("check", path, "--fix")
    assert "OUT006" in result.stdout and "fixed OUT006" not in result.stderr


SCHEDULED_NEW_ACCOUNT = """\
version: 1
account: {age_days: 10}
outreach:
  invitations:
    per_day: 30
  schedule:
    - {week: 1, invitations: 35}
    - {week: 2, invitations: 70}
"""


def test_a_new_accounts_finding_about_a_schedule_week_leaves_the_daily_fix_alone(linter: Linter) -> None:
    """OUT006 speaks of week 2's entry, not of `per_day`: OUT001 still lowers `per_day`, and OUT006 stays where it was."""
    before = {finding.rule_id: finding.path for finding in linter.check_document(load_text(SCHEDULED_NEW_ACCOUNT, "p.plan.yaml")).findings}
    assert before["OUT006"] == "outreach.schedule[1].invitations" and before["OUT001"] == "outreach.invitations.per_day"
    fixed = fixing.fix_document(linter, load_text(SCHEDULED_NEW_ACCOUNT, "p.plan.yaml"))
    assert [(edit.rule_id, edit.old, edit.new) for edit in fixed.applied] == [("OUT001", 30, 20)] and not fixed.skipped
    after = {finding.rule_id: finding.path for finding in fixed.result.findings}
    assert after["OUT006"] == "outreach.schedule[1].invitations" and "OUT001" not in after


def test_a_fix_that_leaves_the_plan_stating_too_little_is_still_made(tmp_path: Path) -> None:
    """20 a day on days the plan does not state gets COV018 (140 if every day): a coverage note, no risk the fix brings in."""
    path = tmp_path / "days.plan.yaml"
    path.write_text("version: 1\noutreach:\n  invitations:\n    per_day: 30\naccount: {age_days: 400}\n")
    result = invoke("check", path, "--fix", "--format", "concise")
    assert "per_day: 20" in path.read_text() and "not fixed" not in result.stderr
    assert "COV018" in result.stdout


@pytest.mark.parametrize("mode", ["--fix", "--diff"])
def test_a_plan_that_cannot_be_read_is_its_load009_and_the_others_are_still_fixed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str,
) -> None:
    """As without --fix: one line on stderr, exit 2, and the batch goes on (`a` sorts first, a broken link)."""
    (tmp_path / "a.plan.yaml").symlink_to("nowhere.plan.yaml")
    (tmp_path / "b.plan.yaml").write_bytes(BEFORE.read_bytes())
    monkeypatch.chdir(tmp_path)
    result = invoke("check", ".", mode, "--format", "concise")
    assert result.exit_code == 2
    [error] = [line for line in result.stderr.splitlines() if line.startswith("ssi-lint: error:")]
    assert error == "ssi-lint: error: a.plan.yaml: cannot read: a broken symbolic link (to nowhere.plan.yaml, which does not exist)"
    if mode == "--fix":
        assert "a.plan.yaml:1:1: LOAD009" in result.stdout and (tmp_path / "b.plan.yaml").read_bytes() != BEFORE.read_bytes()
    else:
        assert "+++ b/b.plan.yaml" in result.stdout


@pytest.mark.parametrize("mode", ["--fix", "--diff"])
def test_a_plan_is_fixed_with_the_configuration_of_its_folder(tmp_path: Path, mode: str) -> None:
    """`--diff` shows what `--fix` writes: the nearest configuration's params and selection, wherever ssi-lint runs from."""
    folder = tmp_path / "uk"
    folder.mkdir()
    path = folder / "uk.plan.yaml"
    text = "version: 1\nads: {campaigns: [{name: London, bidding: {charge: cpm, currency: GBP}, daily_budget: 5}]}\n"
    path.write_text(text)
    (folder / ".ssi-lint.yaml").write_text("params: {ADS001: {min_daily_budget: {USD: 10, GBP: 10}}}\n")
    result = invoke("check", path, "--select", "ADS001", mode, "--format", "concise")
    fixed = "daily_budget: 10}]}"
    assert fixed in (path.read_text() if mode == "--fix" else result.stdout), result.output
    path.write_text(text)
    (folder / ".ssi-lint.yaml").write_text("ignore: [ADS001]\n")
    result = invoke("check", path, "--select", "ADS001", mode, "--format", "concise")
    assert (result.exit_code, path.read_text()) == (0, text)
    assert "daily_budget" not in result.stdout


NOBODY = 65534
"""A uid and gid other than root's, to give a plan another owner."""
SIMPLE = "version: 1\naccount: {age_days: 400}\noutreach:\n  invitations: {per_day: 30, per_week: 100}\n"
SIMPLE_FIXED = SIMPLE.replace("per_day: 30", "per_day: 20")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a plan another owner")
def test_fix_keeps_the_plans_owner_group_and_mode(tmp_path: Path) -> None:
    path = tmp_path / "o.plan.yaml"
    path.write_text(SIMPLE)
    os.chown(path, NOBODY, NOBODY)
    path.chmod(0o600)
    invoke("check", path, "--fix")
    status = path.stat()
    assert (path.read_text(), status.st_uid, status.st_gid, stat.S_IMODE(status.st_mode)) == (SIMPLE_FIXED, NOBODY, NOBODY, 0o600)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a plan another owner")
def test_fix_refuses_a_plan_whose_owner_it_cannot_keep(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "o.plan.yaml"
    path.write_text(SIMPLE)
    os.chown(path, NOBODY, NOBODY)

    def refused(handle: int, uid: int, gid: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "fchown", refused)
    result = invoke("check", path, "--fix")
    assert result.exit_code == 2
    [line] = result.stderr.splitlines()
    assert line == (f"ssi-lint: error: {path.as_posix()}: cannot write the fixed plan: the replacement cannot keep its owner and group "
                    f"(uid {NOBODY}, gid {NOBODY}): operation not permitted; the file is left as it was")
    assert (path.read_text(), path.stat().st_uid) == (SIMPLE, NOBODY)
    assert [child.name for child in tmp_path.iterdir()] == ["o.plan.yaml"]


@pytest.mark.parametrize("mode", ["--fix", "--diff"])
def test_a_plan_with_another_hard_link_is_not_fixed_and_said(tmp_path: Path, mode: str) -> None:
    """Replacing the file would leave the other link with the old plan; `--diff` shows what `--fix` writes: nothing."""
    path = tmp_path / "o.plan.yaml"
    path.write_text(SIMPLE)
    os.link(path, tmp_path / "o-link.yaml")
    inode = path.stat().st_ino
    result = invoke("check", path, mode, "--format", "concise")
    assert result.exit_code == 1  # as for any plan that is not fixed: its findings decide (OUT001 is an error)
    assert result.stderr == (f"ssi-lint: {path.as_posix()}: not fixed: the file has 2 hard links, and replacing it would leave "
                             "the other names with the old plan (fix it through a single link)\n")
    assert (path.read_text(), path.stat().st_ino, path.stat().st_nlink) == (SIMPLE, inode, 2)
    assert ("OUT001" in result.stdout) if mode == "--fix" else result.stdout == ""


@pytest.mark.parametrize("mode", ["--fix", "--diff"])
def test_a_read_only_plan_is_not_fixed_and_said(tmp_path: Path, mode: str) -> None:
    """Its mode decides, even for root (whom `os.access` lets write it): replacing it would override its write protection."""
    path = tmp_path / "o.plan.yaml"
    path.write_text(SIMPLE)
    path.chmod(0o444)
    inode = path.stat().st_ino
    result = invoke("check", path, mode, "--format", "concise")
    assert result.exit_code == 1  # as for any plan that is not fixed, with --fix or --diff: its findings decide
    assert result.stderr == (f"ssi-lint: {path.as_posix()}: not fixed: the file is read-only (mode 0444), and replacing it would "
                             "override its write protection (make it writable to fix it)\n")
    assert (path.read_text(), path.stat().st_ino, stat.S_IMODE(path.stat().st_mode)) == (SIMPLE, inode, 0o444)
    assert ("OUT001" in result.stdout) if mode == "--fix" else result.stdout == ""


def test_a_plan_the_user_may_not_write_is_not_fixed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its owner may write it, but not this user (a plan someone else owns, mode 0644)."""
    path = tmp_path / "o.plan.yaml"
    path.write_text(SIMPLE)
    path.chmod(0o644)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda name, how, **kwargs: how != os.W_OK if Path(name) == path else real_access(name, how, **kwargs))
    result = invoke("check", path, "--fix", "--format", "concise")
    assert result.stderr == (f"ssi-lint: {path.as_posix()}: not fixed: the file is not writable by you (mode 0644), and replacing "
                             "it would override its write protection (make it writable to fix it)\n")
    assert path.read_text() == SIMPLE


def test_a_read_only_plan_that_needs_no_fix_is_checked_in_silence(tmp_path: Path) -> None:
    path = tmp_path / "o.plan.yaml"
    path.write_text(SIMPLE_FIXED)
    path.chmod(0o444)
    result = invoke("check", path, "--fix", "--format", "concise")
    assert result.stderr == "" and path.read_text() == SIMPLE_FIXED


def test_fix_rewrites_the_target_of_a_symbolic_link(tmp_path: Path) -> None:
    target = tmp_path / "real.yaml"
    target.write_text(SIMPLE)
    link = tmp_path / "o.plan.yaml"
    link.symlink_to(target.name)
    invoke("check", link, "--fix")
    assert link.is_symlink() and target.read_text() == SIMPLE_FIXED


BREAKS = {"nel": "\x85", "ls": "\u2028", "ps": "\u2029"}
"""The line breaks YAML knows beyond CR and LF; to patch tools they are characters inside a line."""
PATCHED = {
    "lf": SIMPLE,
    "crlf": SIMPLE.replace("\n", "\r\n"),
    "cr-only": SIMPLE.replace("\n", "\r"),
    "no-final-newline": SIMPLE.rstrip("\n"),
    "bom": "\ufeff" + SIMPLE,
    "bom-cr-only": "\ufeff" + SIMPLE.replace("\n", "\r"),
    "value-on-line-1": "outreach: {invitations: {per_day: 30, per_week: 100}}\naccount: {age_days: 400}\nversion: 1\n",
    **{f"{name}-in-comment": f"version: 1 # a{char}# b\naccount: {{age_days: 400}} # c{char}# d\noutreach:\n"
       f"  invitations: {{per_day: 30, per_week: 100}} # e{char}# f\n" for name, char in BREAKS.items()},
    **{f"{name}-in-quoted-string": f'version: 1\naccount:\n  name: "Ann{char}Lee"\n  age_days: 400\noutreach:\n'
       f"  invitations: {{per_day: 30, per_week: 100}}\n  messages: {{per_day: 5}}\n" for name, char in BREAKS.items()},
    "every-break": "version: 1\r\naccount: {name: 'A\x85B\u2028C\u2029D', age_days: 400}\routreach:\n  invitations: {per_day: 30, per_week: 100}",
}


def _hunks_match(patch: str, before: str) -> None:
    """Every hunk's header counts its lines, and its old lines are the file's lines where the header says."""
    lines = [line + "\n" for line in before.split("\n")]
    lines[-1] = lines[-1][:-1]
    body = patch.split("\n")
    for index, header in enumerate(body):
        if match := re.fullmatch(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", header):
            start, count = int(match.group(1)), int(match.group(2) or 1)
            hunk = [line for line in body[index + 1 :] if not line.startswith("\\")][: count + 1]
            old = [line[1:] for line in hunk if line[:1] in " -"][:count]
            assert [line.rstrip("\n") for line in lines[start - 1 : start - 1 + count]] == old, header


def _applied(tool: list[str], folder: Path, name: str, original: bytes, patch: bytes) -> bytes:
    """The file after `tool` checks, then applies, the patch (on its standard input) in a folder of its own."""
    folder.mkdir()
    subprocess.run(["git", "init", "-q", "."], cwd=folder, check=True)  # git apply takes paths from this folder
    (folder / name).write_bytes(original)
    dry = ["--check"] if tool[0] == "git" else ["--dry-run"]
    for extra in (dry, []):
        done = subprocess.run([*tool, *extra], input=patch, cwd=folder, capture_output=True, check=False)
        assert done.returncode == 0 and b"offset" not in done.stdout and b"fuzz" not in done.stdout, done.stdout + done.stderr
    return (folder / name).read_bytes()


@pytest.mark.skipif(shutil.which("git") is None or shutil.which("patch") is None, reason="git and patch are needed")
@pytest.mark.parametrize("text", PATCHED.values(), ids=PATCHED.keys())
def test_diff_is_a_patch_that_git_apply_and_patch_apply_to_what_fix_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str,
) -> None:
    name = "o.plan.yaml"
    original = text.encode()
    monkeypatch.chdir(tmp_path)
    Path(name).write_bytes(original)
    diff = invoke("check", name, "--diff")
    patch = diff.stdout_bytes.decode()  # `stdout` would turn CRLF into LF
    assert diff.exit_code == 1 and diff.stderr == "", diff.output
    assert "\\ No newline at end of file" not in patch or not text.endswith("\n")
    _hunks_match(patch, text)
    invoke("check", name, "--fix")
    fixed = Path(name).read_bytes()
    assert fixed == original.replace(b"per_day: 30", b"per_day: 20")
    assert _applied(["git", "apply"], tmp_path / "git", name, original, diff.stdout_bytes) == fixed
    assert _applied(["patch", "-p1", "--batch"], tmp_path / "patch", name, original, diff.stdout_bytes) == fixed


def test_diff_is_utf8_whatever_the_encoding_of_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A character the output's encoding lacks would become an escape (`\\u2028`), and the patch would not apply."""
    text = PATCHED["ls-in-comment"]
    monkeypatch.chdir(tmp_path)
    Path("o.plan.yaml").write_text(text, encoding="utf-8")
    result = CliRunner(charset="latin-1").invoke(main, ["check", "o.plan.yaml", "--diff"], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stdout_bytes.startswith(b"--- a/o.plan.yaml\n+++ b/o.plan.yaml\n@@ -1,4 +1,4 @@\n version: 1 # a\xe2\x80\xa8# b\n")
