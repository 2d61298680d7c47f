"""Tolerant CSV reading: one case per quirk DOMAIN.md lists; unreadable rows are EXP001 problems."""

from __future__ import annotations

import codecs

from dataclasses import dataclass

from ssi_lint.model import Problem
from ssi_lint_linkedin_export.csvread import FileUnusable, Row, decode, read_rows
from ssi_lint_linkedin_export.formats import SPECS_BY_KEY, file_key

HEADERS = {
    "Connections.csv": "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    "Invitations.csv": "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl",
    "Shares.csv": "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility",
}
PREAMBLE = 'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n'
INVITE = "Jane Ownerton,Zorbina1 Quuxley1,\"1/29/26, 2:37 PM\",,OUTGOING,https://www.linkedin.com/in/jane,https://www.linkedin.com/in/zq1"


@dataclass
class Table:
    rows: list[Row]


def read(key: str, text: str | bytes, name: str = "X.zip/F.csv", chunk: int = 7) -> tuple[Table, list[Problem]]:
    """The rows and problems of one file, fed in small chunks (so that lines and characters straddle them)."""
    problems: list[Problem] = []
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    chunks = [raw[start:start + chunk] for start in range(0, len(raw), chunk)]
    try:
        rows = list(read_rows(chunks, SPECS_BY_KEY[key], name, problems))
    except FileUnusable as exc:
        problems.append(Problem("EXP002", exc.reason, __import__("ssi_lint.model").model.Position(exc.line, 1), (), name))
        rows = []
    return Table(rows), problems


def test_connections_preamble_is_skipped_and_lines_are_counted_from_the_file_start() -> None:
    text = PREAMBLE + HEADERS["Connections.csv"] + "\nZorbina1,Quuxley1,https://x/in/zq1,,Acme,CEO,08 Feb 2026\n"
    table, problems = read("connections", text)
    assert problems == []
    assert [row.line for row in table.rows] == [5]
    assert table.rows[0].when.day == 8


def test_connections_without_preamble_or_url_column_as_before_2023() -> None:
    text = "First Name,Last Name,Email Address,Company,Position,Connected On\nZorbina1,Quuxley1,,Acme,CEO,08 Feb 2026\n"
    table, problems = read("connections", text)
    assert problems == [] and table.rows[0].get("url") == "" and table.rows[0].get("company") == "Acme"


def test_utf8_byte_order_mark() -> None:
    table, problems = read("invitations", codecs.BOM_UTF8 + f"{HEADERS['Invitations.csv']}\n{INVITE}\n".encode())
    assert problems == [] and table.rows[0].get("direction") == "OUTGOING"


def test_header_drift_case_spacing_order_and_extra_columns() -> None:
    header = "direction,SENT_AT,to,from,MESSAGE,Some New Column"
    table, problems = read("invitations", f"{header}\nOUTGOING,\"1/29/26, 2:37 PM\",Zorbina1 Quuxley1,Jane Ownerton,,x\n")
    assert problems == []
    assert table.rows[0].get("direction") == "OUTGOING" and table.rows[0].when.month == 1


def test_missing_required_column_makes_the_file_unusable() -> None:
    table, problems = read("invitations", "From,To,Message\nJane,Zorbina1,hi\n")
    assert table.rows == [] and [problem.code for problem in problems] == ["EXP002"]
    assert "Sent At" in problems[0].message


def test_utf16_tab_separated_2018_files_with_and_without_bom(kit) -> None:
    text = f"{HEADERS['Invitations.csv']}\n" + INVITE.replace('"1/29/26, 2:37 PM"', "1/29/26 14:37") + "\n"
    for raw in (kit.utf16_tab(text), kit.utf16_tab(text, bom=False)):
        table, problems = read("invitations", raw)
        assert problems == [] and len(table.rows) == 1 and table.rows[0].when.hour == 14


def test_semicolon_separated_excel_resave_with_day_first_dates() -> None:
    text = "First Name;Last Name;Connected On\nA;B;29/01/2026\nC;D;02/01/2026\n"
    table, problems = read("connections", text)
    assert problems == [] and [row.when.date().isoformat() for row in table.rows] == ["2026-01-29", "2026-01-02"]


def test_windows_1252_resave_is_read_with_a_note() -> None:
    table, problems = read("skills", "Name\nCaf\xe9 management\n".encode("cp1252"))
    assert table.rows[0].get("name") == "Café management"
    assert [problem.code for problem in problems] == ["EXP005"]


def test_multi_line_and_irregularly_quoted_comments() -> None:
    text = (
        "Date,Link,Message\n"
        '2026-02-01 10:00:00,https://l/1,"Great point, ""really""\nsecond line"\n'
        '2026-02-02 10:00:00,https://l/2,"He said "wow" and, left\nand "more\n'
        "2026-02-03 10:00:00,https://l/3,Plain text, with commas, unquoted\n"
        '"2026-02-04 10:00:00","https://l/4","quoted ""properly"""\n'
        "\n"
    )
    table, problems = read("comments", text)
    assert problems == []
    assert [row.line for row in table.rows] == [2, 4, 6, 7]
    assert [row.get("link") for row in table.rows] == ["https://l/1", "https://l/2", "https://l/3", "https://l/4"]
    assert table.rows[2].get("message") == "Plain text, with commas, unquoted"


def test_excel_resaved_reactions_with_day_first_dates() -> None:
    table, problems = read("reactions", "Date;Type;Link\n29/01/2026 10:00;LIKE;https://l/1\n02/01/2026 10:00;LIKE;https://l/2\n")
    assert problems == [] and [row.when.date().isoformat() for row in table.rows] == ["2026-01-29", "2026-01-02"]


def test_share_commentary_with_stray_quotes_keeps_the_columns_after_it() -> None:
    text = (
        f"{HEADERS['Shares.csv']}\n"
        '2026-02-01 10:00:00,https://s/1,"My "take", on this\nand more,https://shared/1,,MEMBER_NETWORK\n'
    )
    table, problems = read("shares", text)
    assert problems == []
    assert table.rows[0].get("sharedurl") == "https://shared/1" and table.rows[0].get("visibility") == "MEMBER_NETWORK"


def test_unreadable_rows_are_problems_naming_file_and_line_and_the_rest_is_used() -> None:
    text = (
        f"{HEADERS['Invitations.csv']}\n"
        f"{INVITE}\n"
        "Jane Ownerton,Zorbina2 Quuxley2,not a date,,OUTGOING,,\n"
        "Jane Ownerton,Zorbina3 Quuxley3,,,OUTGOING,,\n"
        "only,three,fields\n"
        f"{INVITE}\n"
        ",,,,,,\n"
    )
    table, problems = read("invitations", text, "Basic_LinkedInDataExport_02-09-2026.zip/Invitations.csv")
    assert [row.line for row in table.rows] == [2, 4, 6]  # a blank `Sent At` is an invitation of unknown day (EXP011), not unreadable
    assert table.rows[1].when is None
    assert sorted((problem.code, problem.position.line) for problem in problems) == [("EXP001", 3), ("EXP001", 5)]
    assert all(problem.file == "Basic_LinkedInDataExport_02-09-2026.zip/Invitations.csv" for problem in problems)
    assert all("Zorbina" not in problem.message and "Jane" not in problem.message for problem in problems)


def test_an_unclosed_quote_costs_one_row_not_the_rest_of_the_file() -> None:
    text = (
        f"{HEADERS['Invitations.csv']}\n"
        'Jane Ownerton,Zorbina2 Quuxley2,"1/29/26, 2:37 PM","unclosed note,OUTGOING,,\n'
        f"{INVITE}\n"
    )
    table, problems = read("invitations", text)
    assert [row.line for row in table.rows] == [3]
    assert [(problem.code, problem.position.line) for problem in problems] == [("EXP001", 2)]


def test_decode_detects_encodings() -> None:
    assert decode("é".encode("utf-8")) == ("é", False)
    assert decode(codecs.BOM_UTF16_BE + "a,b".encode("utf-16-be")) == ("a,b", False)
    assert decode("a,b\n".encode("utf-16-be")) == ("a,b\n", False)


def test_file_names_match_case_spacing_and_numbered_parts() -> None:
    assert file_key("Shares_12345.csv") == "shares"
    assert file_key("folder/COMPANY_FOLLOWS.csv") == "companyfollows"
    assert file_key("Rich Media.csv") == "richmedia"
    assert file_key("Recommendations Received.csv") == "recommendationsreceived"
    assert file_key("guide_messages.csv") == "guidemessages"
    assert file_key("Shares.txt") is None


SHARE = "2026-02-03 10:00:00,https://s/1,"


def test_a_line_starting_with_a_date_inside_a_quoted_field_is_text_not_a_row() -> None:
    text = (
        f"{HEADERS['Shares.csv']}\n"
        f'{SHARE}"Our spring meetups:\n2026-03-08, Lisbon",,,MEMBER_NETWORK\n'
        '2026-02-02 10:00:00,https://s/2,"What a month:\n2026-01-20, we launched\n2026-01-27, first customer\n'
        '2026-02-01, hired two people",,,MEMBER_NETWORK\n'
        '2026-02-01 10:00:00,https://s/3,"Looking back:\n2025, what a year. Thanks, team!\nJan 2026, new job, new goals",,,MEMBER_NETWORK\n'
    )
    table, problems = read("shares", text)
    assert problems == []
    assert [(row.line, row.when.date().isoformat()) for row in table.rows] == [(2, "2026-02-03"), (4, "2026-02-02"), (8, "2026-02-01")]
    assert table.rows[0].get("sharecommentary") == "Our spring meetups:\n2026-03-08, Lisbon"
    assert table.rows[0].get("visibility") == "MEMBER_NETWORK" and not any(row.recovered for row in table.rows)


def test_a_comment_whose_own_quotes_are_not_doubled_ends_at_its_closing_quote() -> None:
    text = (
        "Date,Link,Message\n"
        '2026-02-01 10:00:00,https://l/1,"A 27" screen, really\nworth it"\n'  # 3 quotes: the field looks open
        '2026-02-02 10:00:00,https://l/2,"Next comment"\n'
        '2026-02-03 10:00:00,https://l/3,"And another"\n'
    )
    table, problems = read("comments", text)
    assert problems == []
    assert [(row.line, row.recovered) for row in table.rows] == [(2, False), (4, True), (5, False)]
    assert [row.get("link") for row in table.rows] == ["https://l/1", "https://l/2", "https://l/3"]


def test_a_quoted_field_never_closed_is_split_at_its_date_lines_as_recovered_rows() -> None:
    text = (
        f"{HEADERS['Shares.csv']}\n"
        f'{SHARE}"never closed\n2026-03-08, Lisbon,,,MEMBER_NETWORK\n2026-02-04 10:00:00,https://s/2,Plain,,,MEMBER_NETWORK\n'
    )
    table, problems = read("shares", text)
    assert [(row.line, row.recovered) for row in table.rows] == [(2, False), (3, True), (4, True)]
    assert table.rows[2].get("sharecommentary") == "Plain"


def test_a_quoted_field_left_open_for_too_many_lines_costs_only_those_lines(monkeypatch) -> None:
    from ssi_lint_linkedin_export import csvread

    monkeypatch.setattr(csvread, "MAX_RECORD_LINES", 5)
    rows = "".join(f"2026-01-{day:02d} 10:00:00,https://l/{day},plain words\n" for day in range(1, 21))
    table, problems = read("comments", f'Date,Link,Message\n2026-02-01 10:00:00,https://l/0,"stray\n{rows}')
    assert len(table.rows) == 21 and problems == []
    recovered = [row.line for row in table.rows if row.recovered]
    assert recovered and max(recovered) <= 2 + 6  # the lines held when the limit was reached; the rest read as usual


def test_day_first_dates_are_read_so_that_none_falls_after_the_export() -> None:
    from datetime import date

    text = "First Name,Last Name,Connected On\nA,B,01/02/2026\nC,D,08/02/2026\nE,F,03/04/2026\n"
    problems: list[Problem] = []
    raw = text.encode()
    rows = list(read_rows([raw], SPECS_BY_KEY["connections"], "c.csv", problems, latest=date(2026, 2, 11)))
    assert [row.when.date().isoformat() for row in rows] == ["2026-02-01", "2026-02-08", "2026-04-03"]
    assert problems == []
    # no export date: nothing decides, so the reading that makes the account newest (a tie of the busiest 7 days), said
    undecided = list(read_rows([raw], SPECS_BY_KEY["connections"], "c.csv", problems))
    assert [row.when.date().isoformat() for row in undecided] == ["2026-02-01", "2026-02-08", "2026-04-03"]
    assert [(problem.code, problem.position.line, problem.file) for problem in problems] == [("EXP010", 2, "c.csv")]
    assert "every `Connected On` date of c.csv reads both day first and month first (`01/02/2026`)" in problems[0].message


def test_apple_double_files_are_not_export_files() -> None:
    assert file_key("._Connections.csv") is None and file_key("x/._Invitations.csv") is None
    assert file_key("Connections.csv") == "connections"
