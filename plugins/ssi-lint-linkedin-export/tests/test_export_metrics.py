"""The observed plan: every metric of the standard export, the window and as-of, estimates' edge cases."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from ssi_lint.errors import ConfigError
from ssi_lint.model import Position
from ssi_lint_linkedin_export.loader import load_export, settings_from_options
from ssi_lint_linkedin_export.observation import Settings


def test_standard_export_metrics(kit, archive: Path) -> None:
    data = load_export(archive).data
    expected = kit.EXPECTED
    assert data["version"] == 1
    assert data["account"]["connections"] == expected["connections"]
    invitations = data["outreach"]["invitations"]
    assert (invitations["per_day"], invitations["per_week"], invitations["note"]) == (expected["per_day"], expected["per_week"], "none")
    assert data["outreach"]["acceptance_rate"] == expected["acceptance_rate"]
    assert data["outreach"]["pending"] == {"sent": expected["pending_sent"], "received": expected["received"]}
    assert data["outreach"]["messages"] == {"per_day": expected["messages_per_day"]}
    assert data["content"]["per_week"] == {key: expected[key] for key in ("posts", "reposts", "comments", "reactions")}
    assert data["prospecting"] == {"companies_followed": expected["companies_followed"], "searches_per_week": expected["searches_per_week"]}
    profile = data["profile"]
    assert profile["headline"] == "B2B growth marketer | SaaS | demand generation"
    assert profile["about"].startswith("(About section present")
    assert len(profile["skills"]) == expected["skills"]
    for key in ("experience", "recommendations", "certifications", "volunteering", "endorsements"):
        assert profile[key] == expected[key], key
    assert profile["photo"] is True and profile["banner"] is True
    export = data["export"]
    assert (export["as_of"], export["window_days"], export["window_start"]) == ("2026-02-09", 28, "2026-01-13")
    assert export["invitations_sent"] == expected["invitations_sent"]
    assert export["busiest_day"] == {"date": "2026-02-03", "invitations": 30}
    assert export["busiest_7_days"]["invitations"] == 60
    assert export["stale_pending"] == expected["stale_pending"] and export["oldest_pending_days"] == 98
    assert export["notes_last_30_days"] == 10 and export["acceptance_sample"] == 20
    assert export["per_week"]["posts"] == 1.25 and export["messages_sent"] == 12
    assert export["archive"] == "basic" and export["archive_date"] == "2026-02-09"
    assert export["unreadable_rows"] == 0 and export["files_missing"] == []


def test_sources_point_at_csv_files_and_single_rows(archive: Path) -> None:
    document = load_export(archive, "Basic_LinkedInDataExport_02-09-2026.zip")
    # the first invitation of the busiest day (2026-02-03) and of the busiest 7 days (2026-01-30 to 02-05)
    assert document.locate(("outreach", "invitations", "per_week")) == (
        "Basic_LinkedInDataExport_02-09-2026.zip/Invitations.csv", Position(32, 1))
    assert document.locate(("outreach", "invitations", "per_day"))[1].line == 32
    assert document.locate(("outreach", "invitations", "note"))[1].line == 22  # the first invitation of the window
    assert document.locate(("prospecting", "companies_followed")) == ("Basic_LinkedInDataExport_02-09-2026.zip/Company Follows.csv", Position(2, 1))
    assert document.locate(("prospecting", "searches_per_week")) == ("Basic_LinkedInDataExport_02-09-2026.zip/SearchQueries.csv", Position(2, 1))
    file, position = document.locate(("profile", "headline"))
    assert file.endswith("/Profile.csv") and position.line == 2
    assert document.locate(("profile", "banner"))[1].line == 3
    assert document.locate(("content",))[0] == "Basic_LinkedInDataExport_02-09-2026.zip"  # several files: the archive
    assert document.locate(("prospecting",))[0] == "Basic_LinkedInDataExport_02-09-2026.zip"
    assert document.locate(("content", "per_week", "posts"))[0].endswith("/Shares.csv")
    assert document.locate(("account", "connections"))[0].endswith("/Connections.csv")


def test_window_and_as_of_from_loader_options(archive: Path) -> None:
    settings = settings_from_options({"as_of": "2026-02-04", "window": "7", "something_else": "ignored"})
    data = load_export(archive, settings=settings).data
    assert (data["export"]["as_of"], data["export"]["window_start"], data["export"]["window_days"]) == ("2026-02-04", "2026-01-29", 7)
    assert data["outreach"]["invitations"]["per_day"] == 30
    assert data["outreach"]["invitations"]["per_week"] == 45  # the whole 7-day window: 30 on 3 Feb, 15 on 4 Feb
    assert data["export"]["invitations_sent"] == 45
    assert data["account"]["connections"] == 65 - 5  # the 5 made on 6 Feb are not there yet
    assert data["content"]["per_week"]["posts"] == 1  # the post of 30 Jan


def test_loader_options_default_and_the_environment_is_not_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSI_LINT_EXPORT_WINDOW", "3")  # the pre-0.2 variables are gone
    assert settings_from_options({}) == settings_from_options(None) == Settings()
    settings = settings_from_options({"withdraw_after_days": "30", "tier": " Premium "})
    assert (settings.withdraw_after_days, settings.tier, settings.window_days) == (30, "premium", 28)


def test_withdraw_horizon_and_tier_options(archive: Path) -> None:
    data = load_export(archive, settings=settings_from_options({"withdraw_after_days": "100", "tier": "free"})).data
    assert data["export"]["withdraw_horizon_days"] == 100 and data["export"]["stale_pending"] == 0
    assert data["outreach"]["pending"]["sent"] == 77
    assert data["account"]["tier"] == "free"
    assert "tier" not in load_export(archive).data["account"]


def test_as_of_before_recent_activity_changes_state_and_window(archive: Path) -> None:
    data = load_export(archive, settings=Settings(as_of=date(2026, 1, 21), window_days=7)).data
    # the 10 notes read the same once the invitee's name is masked
    assert data["outreach"]["invitations"]["per_week"] == 10 and data["outreach"]["invitations"]["note"] == "template"
    assert data["outreach"]["pending"]["received"] == 0
    assert data["export"]["notes_last_30_days"] == 10


@pytest.mark.parametrize(("key", "value", "shown"), [
    ("as_of", "09/02/2026", "--as-of"), ("as_of", "2026-02-30", "--as-of"), ("window", "0", "--window"),
    ("window", "four", "--window"), ("window", "3661", "--window"), ("withdraw_after_days", "-1", "withdraw_after_days"),
    ("tier", "gold", "tier"),
])
def test_malformed_options_are_one_line_config_errors(key: str, value: str, shown: str) -> None:
    with pytest.raises(ConfigError, match=shown) as caught:
        settings_from_options({key: value})
    assert repr(value) in str(caught.value) and "\n" not in str(caught.value)


def _dormant(kit) -> object:
    """300 invitations sent in March 2024, none accepted, nothing since."""
    invitations = [["Jane Ownerton", f"P {i}", kit.us_time(datetime(2024, 3, 1, 9) + timedelta(days=i // 10)), "", "OUTGOING", "",
                    f"https://www.linkedin.com/in/p{i}"] for i in range(300)]
    connections = [["O", str(i), f"https://www.linkedin.com/in/o{i}", "", "", "", "15 Jan 2023"] for i in range(100)]
    return kit.Export().table("Connections.csv", connections, prefix=kit.PREAMBLE).table("Invitations.csv", invitations)


def test_the_window_ends_on_the_day_the_export_was_made_so_a_dormant_account_is_judged_idle(kit, tmp_path: Path) -> None:
    document = load_export(_dormant(kit).zip(tmp_path, "Basic_LinkedInDataExport_02-10-2026"))
    data = document.data
    assert (data["export"]["as_of"], data["export"]["newest_activity"]) == ("2026-02-10", "2024-03-30")
    assert data["outreach"]["invitations"] == {"per_day": 0, "per_week": 0}  # an idle account sends none now
    assert data["account"]["active_days_per_week"] == 0 and "active_days_per_week" not in data["outreach"]
    assert data["outreach"]["acceptance_rate"] == 0.0 and data["export"]["acceptance_sample"] == 300
    assert data["export"]["stale_pending"] == 300 and data["export"]["oldest_pending_days"] == 711
    assert [problem.code for problem in document.problems if problem.code in ("EXP004", "EXP009")] == ["EXP004"]


def test_without_a_date_in_its_name_the_window_ends_on_the_newest_activity(kit, tmp_path: Path) -> None:
    data = load_export(_dormant(kit).zip(tmp_path, "my-linkedin")).data
    assert data["export"]["as_of"] == "2024-03-30" and data["outreach"]["invitations"]["per_week"] == 70


def test_default_window_is_the_28_days_up_to_the_date_in_the_name(kit, tmp_path: Path) -> None:
    export = kit.standard_export()
    export.table("Reactions.csv", [["2026-03-01 10:00:00", "LIKE", "https://x/1"]])
    data = load_export(export.zip(tmp_path, "Basic_LinkedInDataExport_03-01-2026")).data
    assert data["export"]["as_of"] == "2026-03-01" and data["export"]["window_start"] == "2026-02-02"
    assert data["outreach"]["invitations"]["per_week"] == 60


def _invitations(kit, notes: list[str], sent: datetime) -> list[list[str]]:
    rows = []
    for index, note in enumerate(notes):
        first, last, _, url = kit.person(1000 + index)
        rows.append(["Jane Ownerton", f"{first} {last}", kit.us_time(sent + timedelta(minutes=index)),
                     note.format(first=first), "OUTGOING", "", url])
    return rows


@pytest.mark.parametrize(("notes", "style"), [
    (["Hi {first}, let's connect."] * 6, "template"),
    ([f"Hi {{first}}, loved your talk number {n}." for n in range(6)], "personalized"),
    (["", "", "", "Hi {first}"], "none"),
])
def test_note_style(kit, tmp_path: Path, notes: list[str], style: str) -> None:
    export = kit.Export().table("Invitations.csv", _invitations(kit, notes, datetime(2026, 2, 1, 9)))
    data = load_export(export.zip(tmp_path)).data
    assert data["outreach"]["invitations"]["note"] == style


def test_one_active_day_in_the_window_is_at_least_one_day_a_week(kit, tmp_path: Path) -> None:
    export = kit.Export().table("Invitations.csv", _invitations(kit, [""] * 40, datetime(2026, 2, 1, 9)))  # 40 sent in one day of 28
    data = load_export(export.zip(tmp_path)).data
    assert data["account"]["active_days_per_week"] == 1, "0.25 days a week read as 0 would leave no day to send on"


def test_small_acceptance_samples_give_no_rate(kit, tmp_path: Path) -> None:
    rows = _invitations(kit, [""] * 9, datetime(2025, 10, 1, 9)) + _invitations(kit, [""], datetime(2026, 2, 1, 9))
    data = load_export(kit.Export().table("Invitations.csv", rows).table("Connections.csv", []).zip(tmp_path)).data
    assert "acceptance_rate" not in data["outreach"] and data["export"]["acceptance_sample"] == 9


def test_acceptance_matches_by_name_when_urls_are_absent(kit, tmp_path: Path) -> None:
    header = "From,To,Sent At,Message,Direction"
    rows = [row[:5] for row in _invitations(kit, [""] * 10, datetime(2025, 10, 1, 9))]
    connections = [[*row[1].upper().split(), "", "", "", "", "02 Oct 2025"] for row in rows[:3]]
    connections.append([*rows[3][1].split(), "", "", "", "", "01 Jan 2020"])  # connected before the invitation: not an acceptance
    export = kit.Export().table("Invitations.csv", rows, header=header).table("Connections.csv", connections)
    data = load_export(export.zip(tmp_path), settings=Settings(as_of=date(2026, 2, 1))).data
    assert data["outreach"]["acceptance_rate"] == 0.3


def test_unknown_direction_is_an_unreadable_row(kit, tmp_path: Path) -> None:
    rows = _invitations(kit, [""], datetime(2026, 2, 1, 9))
    rows.append(["Jane Ownerton", "Zorbina1 Quuxley1", "2/1/26, 9:30 AM", "", "SIDEWAYS", "", ""])
    document = load_export(kit.Export().table("Invitations.csv", rows).zip(tmp_path), "x.zip")
    rows = [(problem.code, problem.position.line, problem.file) for problem in document.problems if problem.code != "EXP006"]
    assert rows == [("EXP001", 3, "x.zip/Invitations.csv")]  # 2/1/26, 9:30 AM is LinkedIn's own month-first shape
    assert document.data["export"]["unreadable_rows"] == 1


def test_a_row_missing_its_last_field_is_not_misread_as_another_direction(kit, tmp_path: Path) -> None:
    rows = _invitations(kit, [""], datetime(2026, 2, 1, 9))
    rows.append(["Jane Ownerton", "Zorbina1 Quuxley1", "2/1/26, 9:30 AM", "", "OUTGOING", ""])  # no inviteeProfileUrl cell
    document = load_export(kit.Export().table("Invitations.csv", rows).zip(tmp_path), "x.zip")
    assert not [problem for problem in document.problems if problem.code == "EXP001"]
    assert document.data["export"]["invitations_sent"] == 2


def test_messages_owner_falls_back_to_the_sender_of_most_conversations(kit, tmp_path: Path) -> None:
    export = kit.standard_export().drop("Profile.csv")
    data = load_export(export.zip(tmp_path)).data
    assert data["outreach"]["messages"]["per_day"] == 5
    assert "headline" not in data["profile"]


def test_a_sender_of_many_one_way_messages_to_the_owner_is_not_the_owner(kit, tmp_path: Path) -> None:
    owner = " ".join(kit.OWNER)
    rows = [[f"2-own{number}==", "", owner, "", "Ann Reply", "", "2026-02-06 09:00:00 UTC", "", "Hello", "INBOX"] for number in range(3)]
    rows += [[f"2-ad{number}==", "", "Acme Academy", "", owner, "", "2026-02-06 10:00:00 UTC", "", "Enrol now", "INBOX"]
             for number in range(60)]
    export = kit.standard_export().drop("Profile.csv").table("messages.csv", rows)
    data = load_export(export.zip(tmp_path)).data
    assert data["outreach"]["messages"]["per_day"] == 3  # the owner's own, not the 60 received


def test_a_row_recovered_from_irregular_quoting_never_moves_the_window(kit, tmp_path: Path) -> None:
    export = kit.standard_export()
    shares = export.files["Shares.csv"].decode()
    # a post whose own quotes are not doubled ends with `"` and its columns; the line after it starts with a
    # date as a record would, but may be its text: it is read, and cannot end the window
    export.put("Shares.csv", shares + '2026-02-01 10:00:00,https://s/x,"He said "wow",,,MEMBER_NETWORK\n'
                                      '2026-03-08 10:00:00,https://s/y,"Lisbon",,,MEMBER_NETWORK\n')
    data = load_export(export.zip(tmp_path, "my-linkedin")).data  # no date in the name: nothing else bounds the window
    assert data["export"]["as_of"] == "2026-02-09" and data["export"]["newest_activity"] == "2026-02-09"


def test_rows_after_the_day_the_export_was_made_do_not_end_the_window(kit, tmp_path: Path) -> None:
    export = kit.standard_export()
    export.table("Reactions.csv", [["2026-03-01 10:00:00", "LIKE", "https://x/1"], ["2026-02-10 23:00:00", "LIKE", "https://x/2"]])
    document = load_export(export.zip(tmp_path), "x.zip")  # made on 02-09-2026: rows up to 10 Feb (UTC) can be in it
    assert document.data["export"]["as_of"] == "2026-02-10"
    [after] = [problem for problem in document.problems if problem.code == "EXP008"]
    assert (after.file, after.position.line) == ("x.zip/Reactions.csv", 2)
    assert after.message.startswith("x.zip/Reactions.csv has 1 row dated after x.zip was made (2026-02-09, the date in its name)")


def test_an_as_of_after_the_export_was_made_is_a_config_error(archive: Path) -> None:
    with pytest.raises(ConfigError, match=r"--as-of 2026-02-11 is after .* was made \(2026-02-09, the date in its name\)"):
        load_export(archive, settings=Settings(as_of=date(2026, 2, 11)))
    assert load_export(archive, settings=Settings(as_of=date(2026, 2, 10))).data["export"]["as_of"] == "2026-02-10"


def test_dates_that_read_both_ways_are_read_so_that_none_falls_after_the_export(kit, tmp_path: Path) -> None:
    # Connections.csv re-saved in a day-first locale, every day up to 12: 08/02/2026 is 8 February, not 2 August
    connections = [["C", str(i), f"https://www.linkedin.com/in/c{i}", "", "", "", f"{1 + i % 9:02d}/02/2026"] for i in range(40)]
    invitations = [["Me", f"P {i}", kit.us_time(datetime(2026, 2, 1 + i % 9, 9, i % 60)), "", "OUTGOING", "", f"https://www.linkedin.com/in/n{i}"]
                   for i in range(200)]
    export = kit.Export().table("Connections.csv", connections).table("Invitations.csv", invitations)
    data = load_export(export.zip(tmp_path, "Basic_LinkedInDataExport_02-10-2026")).data
    assert data["export"]["newest_activity"] == "2026-02-09" and data["account"]["connections"] == 40
    assert data["outreach"]["invitations"]["per_week"] == 156


def test_one_invitation_dated_after_the_export_does_not_re_date_the_others(kit, tmp_path: Path) -> None:
    # 3 a day on 1-12 December (every date reads both ways), and one row in January, after the export was made
    sent = [datetime(2025, 12, 1 + i // 3, 14, 37) for i in range(36)] + [datetime(2026, 1, 20, 9)]
    invitations = [["Jane Ownerton", f"P {i}", kit.us_time(when), "", "OUTGOING", "", f"https://x/{i}"] for i, when in enumerate(sent)]
    export = kit.Export().table("Invitations.csv", invitations).table("Connections.csv", [])
    document = load_export(export.folder(tmp_path, "Basic_LinkedInDataExport_12-31-2025"), "x")
    data = document.data
    assert (data["export"]["oldest_activity"], data["export"]["newest_activity"]) == ("2025-12-01", "2025-12-12")
    assert data["outreach"]["invitations"]["per_week"] == 21 and data["export"]["oldest_pending_days"] == 30
    assert [problem.position.line for problem in document.problems if problem.code == "EXP008"] == [38]


def test_a_settled_column_never_re_reads_a_row_after_the_export_the_other_way(kit, tmp_path: Path) -> None:
    # LinkedIn's own month-first `Sent At` decides the column: `3/1/26` is 1 March, after an export made on 9 February,
    # not 3 January (EXP008, not counted), and it does not drag the acceptance rate down
    sent, connections = [], []
    for index in range(100):
        day = datetime(2025, 12, 1 + index // 10, 9, index % 10)
        sent.append(["Jane Ownerton", f"P {index}", kit.us_time(day), "", "OUTGOING", "", f"https://x/p{index}"])
        if index % 10 < 4:
            connections.append(["P", str(index), f"https://x/p{index}", "", "", "", kit.connected_on(day + timedelta(days=1))])
    later = [["Jane Ownerton", f"F {k}", kit.us_time(datetime(2026, 3, 1, 9, k)), "", "OUTGOING", "", f"https://x/f{k}"] for k in range(30)]
    export = kit.Export().table("Invitations.csv", sent + later).table("Connections.csv", connections)
    document = load_export(export.zip(tmp_path), "x.zip")
    data = document.data
    assert (data["export"]["oldest_activity"], data["export"]["newest_activity"]) == ("2025-12-01", "2025-12-11")
    assert data["outreach"]["acceptance_rate"] == 0.4 and data["outreach"]["pending"]["sent"] == 60
    [after] = [problem for problem in document.problems if problem.code == "EXP008"]
    assert (after.file, after.position.line) == ("x.zip/Invitations.csv", 102)
    assert after.message.startswith("x.zip/Invitations.csv has 30 rows dated after x.zip was made")


def test_exact_duplicate_rows_are_counted_once(kit, tmp_path: Path) -> None:
    sent = datetime(2026, 2, 9, 14, 37)
    rows = [["Jane Ownerton", f"P{i} X", kit.us_time(sent), "", "OUTGOING", "https://x/me", f"https://x/p{i}"] for i in range(12)]
    connections = [["C", str(i), f"https://x/c{i}", "", "", "", "15 Jan 2025"] for i in range(30)]
    export = kit.Export().table("Invitations.csv", rows + rows).table("Connections.csv", connections + connections[:10])
    data = load_export(export.zip(tmp_path / "1")).data
    assert data["outreach"]["invitations"]["per_day"] == 12 and data["outreach"]["pending"]["sent"] == 12
    assert data["account"]["connections"] == 30 and data["export"]["duplicate_rows"] == 22
    # overlapping numbered parts
    export = kit.Export().table("Invitations_1.csv", rows[:8], kit.HEADERS["Invitations.csv"]).table(
        "Invitations_2.csv", rows[4:], kit.HEADERS["Invitations.csv"]).table("Connections.csv", connections)
    data = load_export(export.zip(tmp_path / "2")).data
    assert data["outreach"]["invitations"]["per_day"] == 12 and data["export"]["duplicate_rows"] == 4


def test_rows_that_differ_in_invitee_or_time_are_not_duplicates(kit, tmp_path: Path) -> None:
    sent = datetime(2026, 2, 9, 14, 37)
    rows = [["Jane Ownerton", "P X", kit.us_time(sent), "", "OUTGOING", "", "https://x/p"],
            ["Jane Ownerton", "P X", kit.us_time(sent), "", "OUTGOING", "", "https://x/other-p"],  # a namesake
            ["Jane Ownerton", "P X", kit.us_time(sent + timedelta(days=30)), "", "OUTGOING", "", "https://x/p"],  # invited again
            ["Jane Ownerton", "Q Y", kit.us_time(sent), "", "OUTGOING", "", ""],
            ["Jane Ownerton", "Q Z", kit.us_time(sent), "", "OUTGOING", "", ""]]
    connections = [["Ana", "Lee", "", "", "Acme", "CEO", "15 Jan 2025"], ["Ana", "Lee", "", "", "Beta", "CTO", "15 Jan 2025"]]
    export = kit.Export().table("Invitations.csv", rows).table("Connections.csv", connections)
    data = load_export(export.zip(tmp_path, "Basic_LinkedInDataExport_03-12-2026")).data
    # none is a duplicate row, but P X invited again has one pending invitation, the latest
    assert data["outreach"]["pending"]["sent"] == 4 and data["account"]["connections"] == 2
    assert data["export"]["duplicate_rows"] == 0


def test_an_invitation_sent_again_is_not_a_second_accepted_invitation(kit, tmp_path: Path) -> None:
    # 20 people invited on 1 Nov and again on 1 Dec, connected on 3 Dec (the later invitation was accepted, the earlier
    # one it replaced was not); 40 more invited on 1 Nov never answer: 80 invitations, 20 accepted
    rows, connections = [], []
    for index in range(60):
        rows.append(["Jane Ownerton", f"P {index}", kit.us_time(datetime(2025, 11, 1, 9, index)), "", "OUTGOING", "", f"https://x/p{index}"])
        if index < 20:
            rows.append(["Jane Ownerton", f"P {index}", kit.us_time(datetime(2025, 12, 1, 9, index)), "", "OUTGOING", "", f"https://x/p{index}"])
            connections.append(["P", str(index), f"https://x/p{index}", "", "", "", "03 Dec 2025"])
    # 10 more accepted on 5 Nov and invited again on 1 Dec (removed and invited anew): the first invitation was accepted
    for index in range(60, 70):
        rows.append(["Jane Ownerton", f"P {index}", kit.us_time(datetime(2025, 11, 1, 9, index - 60)), "", "OUTGOING", "", f"https://x/p{index}"])
        rows.append(["Jane Ownerton", f"P {index}", kit.us_time(datetime(2025, 12, 1, 9, index - 60)), "", "OUTGOING", "", f"https://x/p{index}"])
        connections.append(["P", str(index), f"https://x/p{index}", "", "", "", "05 Nov 2025"])
    export = kit.Export().table("Invitations.csv", rows[: 80]).table("Connections.csv", connections[:20])
    data = load_export(export.zip(tmp_path / "1")).data
    assert data["outreach"]["acceptance_rate"] == 0.25 and data["export"]["acceptance_sample"] == 80
    assert data["outreach"]["pending"]["sent"] == 40  # one pending invitation a person, as before
    data = load_export(kit.Export().table("Invitations.csv", rows).table("Connections.csv", connections).zip(tmp_path / "2")).data
    assert data["outreach"]["acceptance_rate"] == 0.3 and data["export"]["acceptance_sample"] == 100  # 20 + 10 of 100


def test_too_few_invitations_old_enough_leave_the_acceptance_rate_unknown_and_say_so(kit, tmp_path: Path) -> None:
    rows = _invitations(kit, [""] * 30, datetime(2026, 2, 1, 9))  # all sent in the last 30 days
    document = load_export(kit.Export().table("Invitations.csv", rows).table("Connections.csv", []).zip(tmp_path), "x.zip")
    assert ("outreach", "acceptance_rate") in document.unknown and "acceptance_rate" not in document.data["outreach"]
    [problem] = [problem for problem in document.problems if problem.code == "EXP009"]
    assert problem.message.startswith("x.zip/Invitations.csv has 0 invitations sent on or before 2026-01-10 (30 days or more before 2026-02-09)")
    assert "fewer than the 10 needed" in problem.message and "assume the typical 26% are accepted" in problem.message


def test_a_week_figure_always_covers_a_whole_week() -> None:
    from ssi_lint_linkedin_export.daylog import DayLog
    from ssi_lint_linkedin_export.observation import Window

    log = DayLog()
    for day in range(7):
        for _ in range(30):
            log.add(datetime(2026, 1, 27 + day) if day < 5 else datetime(2026, 2, day - 4), 1)
    start, end, count = log.busiest_span(Window(date(2026, 2, 2), 1))  # a window shorter than a week (library use)
    assert (start, end, count) == (date(2026, 1, 27), date(2026, 2, 2), 210)
