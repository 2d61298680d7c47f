"""Finding the export: ZIP (root or one folder down) or folder, numbered and renamed files, missing ones."""

from __future__ import annotations

from pathlib import Path

from ssi_lint_linkedin_export.archive import claims, looks_like_export, read_archive
from ssi_lint_linkedin_export.loader import load_export


def test_zip_at_root_and_one_folder_down_and_folder_give_the_same_plan(kit, tmp_path: Path) -> None:
    export = kit.standard_export()
    at_root = load_export(export.zip(tmp_path / "a"), "a.zip")
    nested = load_export(export.zip(tmp_path / "b", folder="Basic_LinkedInDataExport_02-09-2026"), "b.zip")
    folder = load_export(export.folder(tmp_path / "c"), "c")
    assert at_root.data == nested.data == folder.data
    assert at_root.data["outreach"]["invitations"]["per_week"] == kit.EXPECTED["per_week"]
    assert nested.files[("outreach", "invitations", "per_week")] == "b.zip/Basic_LinkedInDataExport_02-09-2026/Invitations.csv"
    assert folder.files[("outreach", "invitations", "per_week")] == "c/Invitations.csv"


def test_complete_archives_and_renamed_zips_with_known_files_are_exports(kit, tmp_path: Path) -> None:
    export = kit.standard_export()
    complete = export.zip(tmp_path, "Complete_LinkedInDataExport_01-31-2026")
    renamed = export.zip(tmp_path, "my-linkedin")
    assert looks_like_export(complete) and looks_like_export(renamed)
    assert load_export(complete).data["export"]["archive"] == "complete"
    assert load_export(renamed).data["export"]["archive"] == "unknown"


def test_other_files_are_left_to_the_yaml_loader(tmp_path: Path) -> None:
    plan = tmp_path / "x.plan.yaml"
    plan.write_text("version: 1\n")
    other_zip = tmp_path / "photos.zip"
    kit_zip = __import__("zipfile").ZipFile(other_zip, "w")
    kit_zip.writestr("cat.jpg", b"\xff\xd8")
    kit_zip.close()
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    for path in (plan, other_zip, empty_dir, tmp_path / "missing.zip"):
        assert load_export(path) is None


def test_numbered_parts_are_merged_and_names_matched_loosely(kit, tmp_path: Path) -> None:
    export = kit.standard_export()
    shares = export.files.pop("Shares.csv").decode().splitlines()
    header, rows = shares[0], shares[1:]
    export.put("Shares_2.csv", "\n".join([header, *rows[:5]]) + "\n")
    export.put("Shares_10.csv", "\n".join([header, *rows[5:]]) + "\n")
    export.put("company_follows.csv", export.files.pop("Company Follows.csv"))
    export.put("RICH MEDIA.csv", export.files.pop("Rich_Media.csv"))
    archive = read_archive(export.zip(tmp_path), "x.zip")
    assert archive.files["shares"] == ["x.zip/Shares_2.csv", "x.zip/Shares_10.csv"]
    document = load_export(export.zip(tmp_path))
    assert document.data["content"]["per_week"] == {"posts": 1, "reposts": 1, "comments": 2, "reactions": 10}
    assert document.data["prospecting"]["companies_followed"] == 4
    assert document.data["profile"]["photo"] is True


def test_missing_files_are_unknown_not_empty(kit, tmp_path: Path) -> None:
    export = kit.standard_export().drop("Shares.csv", "Rich_Media.csv", "Skills.csv", "messages.csv")
    document = load_export(export.zip(tmp_path), "x.zip")
    data = document.data
    assert "posts" not in data["content"]["per_week"] and "reposts" not in data["content"]["per_week"]
    assert "skills" not in data["profile"] and "messages" not in data["outreach"]
    assert "photo" not in data["profile"] and "banner" not in data["profile"]
    assert {("content", "per_week", "posts"), ("profile", "skills"), ("outreach", "messages", "per_day"),
            ("profile", "photo")} <= document.unknown
    assert data["content"]["per_week"]["comments"] == 2  # the files present are still read
    assert {"Shares.csv", "Rich_Media.csv", "Skills.csv", "messages.csv"} <= set(data["export"]["files_missing"])
    assert ("content", "per_week", "posts") not in document.files
    not_checked = {problem.path: problem.message for problem in document.problems}
    assert [problem.code for problem in document.problems] == ["EXP006"] * 3
    assert "messages.csv: outreach.messages.per_day could not be checked" in not_checked[("outreach",)]
    assert "Shares.csv: content.per_week.posts, content.per_week.reposts could not be checked" in not_checked[("content",)]
    assert "Skills.csv, Rich_Media.csv: profile.banner, profile.photo, profile.skills" in not_checked[("profile",)]


def test_corrupt_archive_is_an_error_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "Basic_LinkedInDataExport_02-09-2026.zip"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    document = load_export(path, "Basic_LinkedInDataExport_02-09-2026.zip")
    assert document.data is None
    assert [problem.code for problem in document.problems] == ["EXP003"]


def test_archive_without_any_dated_activity(kit, tmp_path: Path) -> None:
    export = kit.Export().table("Profile.csv", [["A", "B", "", "", "", "Engineer", "", "", "", "", "", "", ""]])
    document = load_export(export.zip(tmp_path, "Basic_LinkedInDataExport_13-45-2026"))
    assert document.data["profile"]["headline"] == "Engineer" and "account" not in document.data
    assert "outreach" not in document.data
    assert {("account", "connections"), ("outreach", "invitations", "per_week"), ("content", "per_week", "posts")} <= document.unknown
    assert [problem.code for problem in document.problems] == ["EXP004", *["EXP006"] * 5]


APPLE_DOUBLE = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        " + b"\x00" * 64 + b"com.apple.quarantine\x00"


def test_macos_metadata_files_beside_the_csvs_are_ignored(kit, tmp_path: Path) -> None:
    plain = load_export(kit.standard_export().zip(tmp_path / "plain"), "x.zip")
    export = kit.standard_export()
    for name in ("Connections.csv", "Invitations.csv"):
        export.put(f"._{name}", APPLE_DOUBLE)  # what copying to a non-Mac disk leaves beside each file
    folder = load_export(export.folder(tmp_path / "folder"), "x.zip")
    finder = kit.standard_export()
    for name in list(finder.files):
        finder.put(f"__MACOSX/Basic_LinkedInDataExport_02-09-2026/._{name}", APPLE_DOUBLE)  # Finder's "Compress"
    zipped = load_export(finder.zip(tmp_path / "finder"), "x.zip")
    assert folder.data == zipped.data == plain.data
    assert not [problem for problem in folder.problems + zipped.problems if problem.code == "EXP002"]


def test_the_export_is_found_however_deep_its_folder_is(kit, tmp_path: Path) -> None:
    export = kit.standard_export()
    at_root = load_export(export.zip(tmp_path / "a"), "a.zip")
    deep = load_export(export.zip(tmp_path / "b", folder="Users/ana/Downloads/Basic_LinkedInDataExport_02-09-2026"), "b.zip")
    assert deep.data == at_root.data
    assert deep.files[("outreach", "invitations", "per_week")] == "b.zip/Users/ana/Downloads/Basic_LinkedInDataExport_02-09-2026/Invitations.csv"
    export.folder(tmp_path / "c" / "Basic_LinkedInDataExport_02-09-2026" / "x" / "y")  # .../x/y/Basic_.../Invitations.csv
    assert load_export(tmp_path / "c" / "Basic_LinkedInDataExport_02-09-2026", "c").data == at_root.data


def test_two_exports_side_by_side_are_not_merged(kit, tmp_path: Path) -> None:
    export = kit.standard_export()
    for name, data in list(export.files.items()):
        export.files[f"A/{name}"] = export.files.pop(name)
    export.put("B/Shares.csv", kit.csv_text(kit.HEADERS["Shares.csv"], [["2026-02-01 09:00:00", "https://s/1", "x", "", "", ""]] * 9))
    archive = read_archive(export.zip(tmp_path), "x.zip")
    assert archive.files["shares"] == ["x.zip/A/Shares.csv"]


def test_an_archive_without_export_files_is_an_error_not_an_account_without_activity(kit, tmp_path: Path) -> None:
    readme = kit.Export().put("README.txt", "hello\n").put("._Connections.csv", APPLE_DOUBLE)
    for path in (readme.zip(tmp_path / "zip"), readme.folder(tmp_path / "folder")):
        document = load_export(path, "x")
        assert document.data is None
        assert [problem.code for problem in document.problems] == ["EXP007"]
        assert "holds no file of a LinkedIn export" in document.problems[0].message
    unusable = kit.Export().put("Invitations.csv", "").zip(tmp_path / "unusable")
    document = load_export(unusable, "x")
    assert document.data is None and [problem.code for problem in document.problems] == ["EXP002", "EXP007"]
    assert "holds no usable file" in document.problems[1].message
    empty = tmp_path / "Basic_LinkedInDataExport_02-09-2026"  # named like an export: claimed, and said to be empty
    empty.mkdir()
    assert looks_like_export(empty) and claims(empty)
    assert [problem.code for problem in load_export(empty).problems] == ["EXP007"]
