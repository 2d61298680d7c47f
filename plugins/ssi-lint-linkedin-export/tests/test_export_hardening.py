"""Hostile and partial exports: one family per promise.

- Unknown is not empty: a file the export lacks never reads as "none" or 0, and says what was not checked.
- Findings point at the row that shows the fact, and speak of the export.
- Bounded cost: files are streamed; ZIP members and folder files have the same limits.
- Damaged input is a located EXP finding for that file, and the rest of the archive is still linted.
"""

from __future__ import annotations

import gc
import io
import json
import os
import struct
import tracemalloc
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ssi_lint.api import Linter, LintOptions
from ssi_lint.cli import main
from ssi_lint.model import Finding, Position
from ssi_lint.plugins import PluginSettings
from ssi_lint_linkedin_export import archive as archive_module
from ssi_lint_linkedin_export import csvread, dates
from ssi_lint_linkedin_export.loader import load_export
from ssi_lint_linkedin_export.network import LATEST_DAY_BYTES, SEEN_ROW_BYTES

PLUGIN = "ssi_lint_linkedin_export.plugin"
NAME = "e.zip"


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(LintOptions(plugins=PluginSettings((PLUGIN,), autoload=False)))


def findings(linter: Linter, path: Path) -> list[Finding]:
    return linter.check_document(linter.load(path, NAME)).findings


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


def by_rule(found: list[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {}
    for finding in found:
        grouped.setdefault(finding.rule_id, []).append(finding)
    return grouped


# --- Unknown is not empty -------------------------------------------------------------------------


def test_missing_profile_files_claim_nothing_about_the_profile(kit, linter: Linter, tmp_path: Path) -> None:
    export = kit.standard_export().drop("Profile.csv", "Skills.csv", "Positions.csv")
    fired = by_rule(findings(linter, export.zip(tmp_path)))
    assert not set(fired) & {"PRF003", "PRF004", "PRF005", "PRF006", "PRF007", "PRF008"}  # no headline, About, experience, skills
    [not_checked] = [finding for finding in fired["EXP006"] if finding.path == "profile"]
    assert not_checked.severity.label == "info"
    assert "Profile.csv, Positions.csv, Skills.csv" in not_checked.message
    assert "profile.about, profile.experience, profile.headline, profile.skills could not be checked" in not_checked.message


def test_present_but_empty_profile_fields_are_still_judged(kit, linter: Linter, tmp_path: Path) -> None:
    export = kit.standard_export()
    export.table("Profile.csv", [["Jane", "Ownerton", "", "", "", "", "", "", "", "", "", "", ""]])
    export.table("Skills.csv", [])
    fired = by_rule(findings(linter, export.zip(tmp_path)))
    assert {"PRF003", "PRF004", "PRF006"} <= set(fired)  # Profile.csv shows no headline and no About; Skills.csv no skills
    assert not [finding for finding in fired.get("EXP006", []) if finding.path == "profile"]


def test_missing_activity_files_are_not_zero(kit, linter: Linter, tmp_path: Path) -> None:
    export = kit.standard_export().drop("Shares.csv", "Comments.csv", "SearchQueries.csv", "Company Follows.csv", "Connections.csv")
    document = linter.load(export.zip(tmp_path), NAME)
    assert "posts" not in document.data["content"]["per_week"] and "prospecting" not in document.data
    assert "connections" not in document.data["account"] and "acceptance_rate" not in document.data["outreach"]
    assert "pending" not in document.data["outreach"]  # without the connections every invitation would look pending
    fired = by_rule(linter.check_document(document).findings)
    assert not set(fired) & {"CNT001", "CNT002", "PPL001", "PPL005", "HYG001", "HYG002", "HYG003"}
    assert {finding.path for finding in fired["EXP006"]} == {"account", "content", "prospecting"}
    assert all(finding.file == NAME and finding.line == 1 for finding in fired["EXP006"])


def test_a_section_none_of_whose_files_is_there_is_unknown_not_absent(kit, linter: Linter, tmp_path: Path) -> None:
    export = kit.standard_export().drop("Shares.csv", "Comments.csv", "Reactions.csv", "SearchQueries.csv", "Company Follows.csv")
    document = linter.load(export.zip(tmp_path), NAME)
    assert {("content",), ("prospecting",)} <= document.unknown and ("profile",) not in document.unknown
    fired = by_rule(linter.check_document(document).findings)
    assert not set(fired) & {"COV002", "COV003"}  # the export lacks the files; it does not show that the account has no content
    assert {"content", "prospecting"} <= {finding.path for finding in fired["EXP006"]}


def test_a_section_with_one_of_its_files_is_judged(kit, linter: Linter, tmp_path: Path) -> None:
    export = kit.standard_export().drop("Profile.csv", "Positions.csv", "Endorsement_Received_Info.csv",
                                        "Recommendations_Received.csv", "Certifications.csv", "Volunteering.csv", "Rich_Media.csv")
    document = linter.load(export.zip(tmp_path), NAME)
    assert ("profile",) not in document.unknown and "skills" in document.data["profile"]


def test_search_queries_file_with_a_space_counts_as_searches(kit, linter: Linter, tmp_path: Path) -> None:
    export = kit.standard_export().drop("SearchQueries.csv")
    export.put("Search Queries.csv", "Time,Search Query\n2026/02/01 10:00:00 UTC,marketing directors\n")
    path = export.zip(tmp_path)
    document = linter.load(path, NAME)
    assert document.data["prospecting"]["searches_per_week"] == 1  # one search in 4 weeks is not "no searches"
    assert document.data["export"]["per_week"]["searches"] == 0.25
    assert document.locate(("prospecting", "searches_per_week")) == (f"{NAME}/Search Queries.csv", Position(2, 1))
    assert "PPL001" not in by_rule(linter.check_document(document).findings)


def test_an_older_partial_export_is_linted(kit, linter: Linter, tmp_path: Path) -> None:
    rows = [["Jane Ownerton", f"Zorbina{i} Quuxley{i}", kit.us_time(datetime(2018, 5, 2, 9) + timedelta(minutes=i)), "", "OUTGOING"]
            for i in range(45)]
    text = kit.csv_text("From,To,Sent At,Message,Direction", rows)
    export = kit.Export().put("Invitations.csv", kit.utf16_tab(text))
    found = findings(linter, export.zip(tmp_path, "Basic_LinkedInDataExport_05-03-2018"))
    fired = by_rule(found)
    assert {"OUT001", "OUT002", "OUT006"} & set(fired)  # 45 in a day is judged (OUT006 for an account only a day old speaks for OUT001)
    assert not [finding for finding in found if finding.rule_id.startswith(("SCHEMA", "LOAD"))]
    assert {finding.path for finding in fired["EXP006"]} == {"account", "outreach", "content", "prospecting", "profile"}


def test_messages_speak_of_the_export_and_point_at_rows(linter: Linter, archive: Path) -> None:
    found = by_rule(findings(linter, archive))
    [out001] = found["OUT001"]
    assert out001.message.startswith("The export shows: 30 invitations a day")
    assert (out001.file, out001.line) == (f"{NAME}/Invitations.csv", 32)  # the first invitation of the busiest day
    [hyg005] = found["HYG005"]
    assert hyg005.message.startswith("The export shows: invitations to you left unanswered: 3")
    assert hyg005.line > 1  # the first invitation left unanswered
    assert not any("The plan" in finding.message for rule in found.values() for finding in rule)
    assert not any(finding.file.endswith("Company Follows.csv") and finding.line == 1 for rule in found.values() for finding in rule)


def test_rules_about_fields_no_export_shows_stay_quiet(linter: Linter, archive: Path) -> None:
    found = findings(linter, archive)
    assert "CNT005" not in by_rule(found)  # articles and polls: never in an export
    assert not [finding.message for finding in found if "unstated" in finding.message or "(not set)" in finding.message]


def test_too_few_invitations_to_judge_acceptance_is_said_of_the_export_not_the_plan(kit, linter: Linter, tmp_path: Path) -> None:
    export = kit.standard_export()
    export.put("Invitations.csv", _invitations(kit, 120, datetime(2026, 2, 8, 18)))  # all sent in the last 30 days
    found = by_rule(findings(linter, export.zip(tmp_path)))
    assert "COV014" not in found and "OUT008" not in found
    [exp009] = found["EXP009"]
    assert exp009.message.startswith(f"{NAME}/Invitations.csv has 0 invitations sent on or before ")
    assert "the typical 26% are accepted" in exp009.message and exp009.file == f"{NAME}/Invitations.csv"


def test_rule_messages_are_phrased_for_the_observed_document() -> None:
    from ssi_lint.model import Document

    export, plan = Document("e.zip", {}, observed="the export"), Document("p.yaml", {})
    assert export.phrase("The plan sends 60 invitations a week") == "The export shows: the account sends 60 invitations a week"
    assert export.phrase("The profile has no headline") == "The export shows: the profile has no headline"
    assert export.phrase("SSI is 32.5 (estimated)") == "The export shows: SSI is 32.5 (estimated)"
    assert plan.phrase("The plan sends 60 invitations a week") == "The plan sends 60 invitations a week"
    said = "The account is 8 days old, and the plan sends more than 10 invitations a day"
    assert export.phrase(said) == "The export shows: the account is 8 days old, and the account sends more than 10 invitations a day"
    assert plan.phrase(said) == said


# --- Bounded cost ---------------------------------------------------------------------------------


def _invitations(kit, count: int, start: datetime = datetime(2026, 2, 1, 9)) -> str:
    rows = [["Jane Ownerton", f"P{i} Q{i}", kit.us_time(start - timedelta(minutes=7 * i)), "", "OUTGOING", "", ""] for i in range(count)]
    return kit.csv_text(kit.HEADERS["Invitations.csv"], rows)


@pytest.mark.parametrize("where", ["zip", "folder"])
def test_a_file_over_the_byte_limit_is_left_out(kit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    monkeypatch.setattr(archive_module, "MAX_MEMBER_BYTES", 20_000)
    export = kit.standard_export().put("Invitations.csv", _invitations(kit, 2000))
    path = export.zip(tmp_path) if where == "zip" else export.folder(tmp_path / "f")
    document = load_export(path, NAME)
    problems = [problem for problem in document.problems if problem.code == "EXP002"]
    assert len(problems) == 1 and "larger than" in problems[0].message and problems[0].file == f"{NAME}/Invitations.csv"
    assert problems[0].position.line == 1  # refused by its size before reading (a ZIP's declared size, a file's size on disk)
    assert "invitations" not in document.data["outreach"] and ("outreach", "invitations", "per_week") in document.unknown
    assert document.data["content"]["per_week"]["posts"] == 1  # the rest of the archive is still read


def test_a_stream_longer_than_its_size_said_stops_at_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive_module, "MAX_MEMBER_BYTES", 20_000)
    monkeypatch.setattr(archive_module, "CHUNK_BYTES", 4096)
    read = []
    with pytest.raises(csvread.FileUnusable, match="larger than"):
        for chunk in archive_module._chunks(lambda: io.BytesIO(b"x" * 1_000_000)):
            read.append(len(chunk))
    assert sum(read) <= 20_000


def test_the_declared_size_of_a_zip_member_is_checked_before_reading(kit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive_module, "MAX_MEMBER_BYTES", 20_000)
    path = kit.standard_export().put("Invitations.csv", _invitations(kit, 2000)).zip(tmp_path)
    opened: list[str] = []
    real_open = zipfile.ZipFile.open
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda self, name, *a, **k: opened.append(getattr(name, "filename", name)) or real_open(self, name, *a, **k))
    document = load_export(path, NAME)
    assert "Invitations.csv" not in opened
    assert [problem.position.line for problem in document.problems if problem.code == "EXP002"] == [1]


def test_a_zip_member_that_understates_its_size_is_read_no_further_than_it_says(kit, tmp_path: Path) -> None:
    path = kit.standard_export().put("Invitations.csv", _invitations(kit, 2000)).zip(tmp_path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("Invitations.csv")
    struct.pack_into("<L", data, info.header_offset + 22, 1000)  # the local header's uncompressed size
    central = data.find(b"PK\x01\x02")
    while central >= 0 and data[central + 46 : central + 46 + len(b"Invitations.csv")] != b"Invitations.csv":
        central = data.find(b"PK\x01\x02", central + 4)
    struct.pack_into("<L", data, central + 24, 1000)  # and the central directory's
    path.write_bytes(bytes(data))
    document = load_export(path, NAME)
    [problem] = [problem for problem in document.problems if problem.file == f"{NAME}/Invitations.csv"]
    assert problem.code == "EXP002" and "BadZipFile" in problem.message  # stopped at 1,000 bytes: the CRC fails
    _rest_is_linted(document)


def test_a_file_over_the_row_limit_is_left_out(kit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvread, "MAX_ROWS", 50)
    document = load_export(kit.standard_export().put("Invitations.csv", _invitations(kit, 60)).zip(tmp_path), NAME)
    [problem] = [problem for problem in document.problems if problem.file == f"{NAME}/Invitations.csv"]
    assert (problem.code, problem.position.line) == ("EXP002", 52) and "more than 50 rows" in problem.message


def test_too_many_unreadable_rows_leave_the_file_out_with_one_finding(kit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvread, "MAX_ROW_PROBLEMS", 10)
    text = kit.HEADERS["Invitations.csv"] + "\n" + "Jane,X,not a date,,OUTGOING,,\n" * 30
    document = load_export(kit.standard_export().put("Invitations.csv", text).zip(tmp_path), NAME)
    assert [(problem.code, problem.position.line) for problem in document.problems if problem.file == f"{NAME}/Invitations.csv"] == [("EXP002", 12)]


def _peak_bytes(path: Path) -> int:
    """Peak traced memory of one load: after a warm-up load (one-time costs paid), from an empty date cache, with no earlier garbage."""
    load_export(path, NAME)
    dates._parse_cell.cache_clear()
    gc.collect()
    tracemalloc.start()
    try:
        load_export(path, NAME)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow  # ~100,000 rows, each file read twice (once under tracemalloc): seconds
def test_memory_stays_flat_as_rows_grow(kit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive_module, "CHUNK_BYTES", 16 * 1024)  # both files are many chunks long
    # Both files have more distinct times than the date parser's bounded cache holds: each load fills it.
    small_rows, large_rows = 2 * dates.PARSED_DATES, 10 * dates.PARSED_DATES
    small = kit.Export().put("Invitations.csv", _invitations(kit, small_rows)).zip(tmp_path / "small")
    large = kit.Export().put("Invitations.csv", _invitations(kit, large_rows)).zip(tmp_path / "large")
    small_peak, large_peak = _peak_bytes(small), _peak_bytes(large)
    # 5x the rows, not 5x the memory: only the hashes that count a repeated row once, and the latest day of each person
    # invited (one pending invitation a person), grow with the rows
    per_row = SEEN_ROW_BYTES + LATEST_DAY_BYTES
    assert large_peak < small_peak * 1.5 + per_row * (large_rows - small_rows), (small_peak, large_peak)


# --- Damaged input: a located finding for that file, the rest still linted ------------------------


def _rest_is_linted(document) -> None:
    assert document.data["content"]["per_week"]["posts"] == 1 and document.data["profile"]["headline"]


@pytest.mark.parametrize("when", ["1/1/01, 9:00 AM", "0001-01-01 09:00:00", "9999-12-31 23:59:59", "12/31/9999, 11:59 PM"])
def test_dates_in_year_1_or_9999_leave_the_file_out_at_their_row(kit, linter: Linter, tmp_path: Path, when: str) -> None:
    export = kit.standard_export()
    lines = export.files["Invitations.csv"].decode().splitlines()
    lines.insert(5, f'Jane Ownerton,Zorbina9 Quuxley9,"{when}",,OUTGOING,,')
    export.put("Invitations.csv", "\n".join(lines) + "\n")
    document = linter.load(export.zip(tmp_path), NAME)
    if when.startswith("1/1/01"):  # two-digit years read as 2001: a real date, not a damaged one
        assert not [problem for problem in document.problems if problem.code == "EXP002"]
        return
    [problem] = [problem for problem in document.problems if problem.code == "EXP002"]
    assert (problem.file, problem.position.line) == (f"{NAME}/Invitations.csv", 6) and "outside 1900-2100" in problem.message
    assert "invitations" not in document.data["outreach"]
    _rest_is_linted(document)
    assert not {"OUT001", "PPL003"} & set(by_rule(linter.check_document(document).findings))


def test_a_rich_media_date_in_year_9999_leaves_that_file_out(kit, tmp_path: Path) -> None:
    export = kit.standard_export()
    export.table("Rich_Media.csv", [["You uploaded a profile photo on March 1, 9999 at 1:00 PM", "", "https://media.example/1"]])
    document = load_export(export.zip(tmp_path), NAME)
    assert [(problem.code, problem.position.line) for problem in document.problems if problem.code == "EXP002"] == [("EXP002", 2)]
    assert ("profile", "photo") in document.unknown


@pytest.mark.parametrize("where", ["header", "row", "multi-line record"])
def test_a_field_over_128_kib_leaves_the_file_out(kit, tmp_path: Path, where: str) -> None:
    export = kit.standard_export()
    big = "x" * (130 * 1024)
    header = kit.HEADERS["Invitations.csv"]
    if where == "header":
        text = header + "," + big + "\n"
    elif where == "row":
        text = header + f'\nJane Ownerton,A B,"2/1/26, 9:00 AM",{big},OUTGOING,,\n'
    else:
        text = header + '\nJane Ownerton,A B,"2/1/26, 9:00 AM","' + "\n".join([big[:1000]] * 140) + '",OUTGOING,,\n'
    document = load_export(export.put("Invitations.csv", text).zip(tmp_path), NAME)
    [problem] = [problem for problem in document.problems if problem.code == "EXP002"]
    assert "128 KiB" in problem.message and problem.position.line == (1 if where == "header" else 2)
    _rest_is_linted(document)


def _corrupt_deflate(path: Path, member: str) -> None:
    """Make the first deflate block of a member invalid (block type 3), as damaged downloads do."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    names, extra = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    data[info.header_offset + 30 + names + extra] = 0xFF
    path.write_bytes(bytes(data))


def test_corrupt_deflate_data_leaves_that_member_out(kit, linter: Linter, tmp_path: Path) -> None:
    path = kit.standard_export().zip(tmp_path)
    _corrupt_deflate(path, "Invitations.csv")
    document = linter.load(path, NAME)
    [problem] = [problem for problem in document.problems if problem.code == "EXP002"]
    assert problem.file == f"{NAME}/Invitations.csv" and "cannot be read (error" in problem.message
    _rest_is_linted(document)
    result = invoke(path, "--plugin", PLUGIN, "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0 and "EXP002" in result.stdout


def test_a_central_directory_naming_an_unknown_zip_version_is_an_error_finding(kit, tmp_path: Path) -> None:
    path = kit.standard_export().zip(tmp_path)
    data = bytearray(path.read_bytes())
    struct.pack_into("<H", data, data.find(b"PK\x01\x02") + 6, 78)  # "version needed to extract": 7.8 (found by fuzzing)
    path.write_bytes(bytes(data))
    document = load_export(path, NAME)
    assert document.data is None and [problem.code for problem in document.problems] == ["EXP003"]
    result = invoke(path, "--plugin", PLUGIN)
    assert result.exit_code == 1 and "EXP003 error" in result.stdout


def _flag_name_utf8(path: Path, placeholder: bytes, raw: bytes) -> None:
    """Rename a member to bytes that are not UTF-8 while flagging its name as UTF-8 (bit 11)."""
    data = bytearray(path.read_bytes())
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            name_offset = start + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_offset : name_offset + len(placeholder)] == placeholder:
                data[name_offset : name_offset + len(placeholder)] = raw
                data[start + flag_offset + 1] |= 0x08
            start += 4
    path.write_bytes(bytes(data))


def test_a_zip_member_name_that_is_not_utf8_leaves_that_member_out(kit, tmp_path: Path) -> None:
    export = kit.standard_export()
    export.put("InvitationsX.csv", export.files.pop("Invitations.csv"))
    path = export.zip(tmp_path)
    _flag_name_utf8(path, b"InvitationsX.csv", b"Invitations\xff.csv")
    with pytest.raises(UnicodeDecodeError):
        zipfile.ZipFile(path)  # what broke before: the whole archive
    document = load_export(path, NAME)
    [problem] = [problem for problem in document.problems if problem.code == "EXP002"]
    assert "name that is not UTF-8" in problem.message and problem.file.startswith(f"{NAME}/Invitations")
    _rest_is_linted(document)
    result = invoke(path, "--plugin", PLUGIN, "--format", "json", "--fail-on", "never")
    assert result.exit_code == 0 and json.loads(result.stdout)


@pytest.mark.skipif(os.name != "posix", reason="file names of raw bytes")
def test_a_folder_file_name_that_is_not_utf8_leaves_that_file_out(kit, tmp_path: Path) -> None:
    folder = kit.standard_export().drop("Invitations.csv").folder(tmp_path)
    try:
        (Path(os.fsdecode(bytes(folder) + b"/Invitations\xff.csv"))).write_text(_invitations(kit, 3))
    except (OSError, UnicodeError):
        pytest.skip("the file system refuses names that are not UTF-8")
    document = load_export(folder, "f")
    [problem] = [problem for problem in document.problems if problem.code == "EXP002"]
    assert problem.file == "f/Invitations\\xff.csv" and "not UTF-8" in problem.message
    problem.message.encode("utf-8")  # printable: no surrogates reach the report
    _rest_is_linted(document)


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1899-12-31"])
def test_as_of_outside_the_supported_years_is_one_clear_error(archive: Path, day: str) -> None:
    result = invoke(archive, "--plugin", PLUGIN, "--as-of", day)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == f"ssi-lint: error: --as-of must be a day in the years 1900 to 2100, not '{day}'\n"


def test_as_of_at_the_edges_of_the_supported_years_works(archive: Path) -> None:
    renamed = archive.with_name("my-linkedin.zip")  # no date in its name: any day of the supported years may be asked for
    renamed.write_bytes(archive.read_bytes())
    for path, day in ((archive, "1900-01-01"), (renamed, "1900-01-01"), (renamed, "2100-12-31")):
        result = invoke(path, "--plugin", PLUGIN, "--as-of", day, "--window", "3660", "--format", "json", "--fail-on", "never")
        assert result.exit_code == 0, result.output
        assert "EXP004" in result.stdout  # no activity in that window
    result = invoke(archive, "--plugin", PLUGIN, "--as-of", "2100-12-31")  # after the day the export was made
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and "the export cannot show that day" in result.stderr


def test_an_export_folder_without_export_files_is_an_error_everywhere(tmp_path: Path) -> None:
    empty = tmp_path / "Basic_LinkedInDataExport_02-09-2026"
    empty.mkdir()
    result = invoke(empty, "--plugin", PLUGIN)
    assert result.exit_code == 1 and "EXP007" in result.stdout and "holds no file of a LinkedIn export" in result.stdout
    plan = tmp_path / "my.plan.yaml"
    plan.write_text("version: 1\n")
    against = CliRunner().invoke(main, [str(plan), "--plugin", PLUGIN, "--against", str(empty)])
    assert against.exit_code == 2 and "holds no file of a LinkedIn export" in against.stderr and against.stderr.count("\n") == 1
