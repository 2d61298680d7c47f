"""Every date format DOMAIN.md lists is parsed explicitly, whatever the locale."""

from __future__ import annotations

import locale
from datetime import date, datetime

import pytest

from ssi_lint_linkedin_export.dates import busier_reading, day_first, day_order, parse_date, sentence_date


@pytest.mark.parametrize(("text", "expected"), [
    ("08 Feb 2026", datetime(2026, 2, 8)),                          # Connections.csv
    ("08-Feb-26", datetime(2026, 2, 8)),                            # Connections.csv after an Excel re-save
    ("1/29/26, 2:37 PM", datetime(2026, 1, 29, 14, 37)),            # Invitations.csv
    ("1/29/26, 12:05 AM", datetime(2026, 1, 29, 0, 5)),
    ("01/29/26, 02:37 PM", datetime(2026, 1, 29, 14, 37)),          # Recommendations_Received.csv
    ("2025-06-01 14:03:22 UTC", datetime(2025, 6, 1, 14, 3, 22)),   # messages.csv
    ("2026-02-09 01:21:47", datetime(2026, 2, 9, 1, 21, 47)),       # Shares, Comments, Reactions
    ("2026-02-09T01:21:47Z", datetime(2026, 2, 9, 1, 21, 47)),
    ("2024/02/01 15:02:55 UTC", datetime(2024, 2, 1, 15, 2, 55)),   # Endorsements, SearchQueries
    ("Tue Feb 13 09:15:02 UTC 2024", datetime(2024, 2, 13, 9, 15, 2)),  # Company Follows.csv
    ("Jan 2024", datetime(2024, 1, 1)),                             # Positions, Certifications, Volunteering
    ("2019", datetime(2019, 1, 1)),
    ("Feb 8, 2026", datetime(2026, 2, 8)),
    ("March 1, 2023 at 1:00 PM", datetime(2023, 3, 1, 13, 0)),      # Rich_Media sentences
    ("2/9/2026 1:21", datetime(2026, 2, 9, 1, 21)),                 # Excel re-save
    (' "2026-02-09 01:21:47" ', datetime(2026, 2, 9, 1, 21, 47)),
])
def test_every_documented_format(text: str, expected: datetime) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "  ", "yesterday", "2/30/26", "13/13/2026", "2026-02-30 10:00:00", "Foo 8, 2026", "1/29/26, 13:37 PM"])
def test_unknown_or_impossible_dates_are_none(text: str) -> None:
    assert parse_date(text) is None


def test_day_first_columns_are_detected_from_the_values() -> None:
    assert day_first(["1/2/2026", "29/01/2026 14:37"]) is True
    assert day_first(["1/2/2026", "12/31/2026"]) is False
    assert parse_date("02/01/2026", day_first=True) == datetime(2026, 1, 2)
    assert parse_date("02/01/2026") == datetime(2026, 2, 1)


def test_values_that_read_one_way_decide_by_majority_and_a_tie_is_month_first() -> None:
    assert day_first(["29/01/2026", "13/02/2026", "1/20/2026"]) is True
    assert day_first(["29/01/2026", "1/20/2026", "1/21/2026"]) is False
    assert day_first(["29/01/2026", "1/20/2026"]) is False  # a tie: the order LinkedIn writes (DOMAIN.md: `1/29/26`)


def test_a_row_dated_after_the_export_does_not_re_date_the_rest_of_the_column() -> None:
    december = [f"12/{day}/25, 2:37 PM" for day in range(1, 13) for _ in range(3)]
    made = date(2026, 1, 1)  # the last day an export made on 31 Dec 2025 can show
    assert day_first([*december, "1/20/26, 9:00 AM"], made) is False  # reads only month first: a vote for it
    assert day_first([*december, "2/1/26, 9:00 AM"], made) is False  # reads both ways, after the export either way
    assert day_first([*december, "12/20/26, 9:00 AM", "12/21/26, 9:00 AM"], made) is False  # in the future, month first


def test_the_archive_date_decides_only_when_it_separates_most_values() -> None:
    made = date(2026, 2, 11)
    assert day_first(["01/02/2026", "08/02/2026", "03/04/2026"], made) is True  # month first: 2 of 3 after the export
    assert day_first(["01/02/2026", "02/02/2026", "08/02/2026"], made) is False  # month first: only 1 of 3 after it


def test_a_column_whose_every_date_reads_both_ways_is_undecided_unless_the_archive_date_separates_them() -> None:
    nine_days = [f"{day:02d}/11/2026 09:00" for day in range(3, 12)]  # 3-11 November day first, March-November month first
    assert day_order(nine_days, date(2026, 12, 2)) == (False, False)
    assert day_order(nine_days) == (False, False)
    assert day_order(["05/05/2026", "1/20/2026"]) == (False, True)  # reads one way (or the same both ways)
    assert day_order(["01/02/2026", "02/02/2026", "08/02/2026"], date(2026, 2, 11)) == (False, True)  # August is after it


def test_linkedins_own_sent_at_shape_is_month_first_even_when_every_date_reads_both_ways() -> None:
    """`1/29/26, 2:37 PM` is how LinkedIn writes `Sent At` (DOMAIN.md): 3-11 November in that shape decides itself."""
    as_written = [f"11/{day}/26, 9:05 AM" for day in range(3, 12)]
    assert day_order(as_written) == (False, True)
    assert day_order([*as_written, "03/11/2026 09:00"]) == (False, False)  # one re-saved row: the column is no longer LinkedIn's


def test_an_undecided_column_is_read_the_way_that_makes_the_account_busiest_then_newest() -> None:
    nine_days = [f"{day:02d}/11/2026 09:00" for day in range(3, 12) for _ in range(15)]
    assert busier_reading(nine_days) == (True, 105, 15)
    spread = [f"{month:02d}/01/2026" for month in range(2, 13)]  # 1 Feb-1 Dec month first, 2-12 January day first
    assert busier_reading(spread) == (True, 7, 1)
    assert busier_reading(["01/02/2026", "02/01/2026"]) == (False, 1, 1)  # a tie of both: LinkedIn's order


def test_month_names_do_not_depend_on_the_locale() -> None:
    saved = locale.setlocale(locale.LC_TIME)
    try:
        for name in ("de_DE.UTF-8", "fr_FR.UTF-8", "C"):
            try:
                locale.setlocale(locale.LC_TIME, name)
            except locale.Error:
                continue
            assert parse_date("08 Feb 2026") == datetime(2026, 2, 8)
            assert parse_date("Tue Feb 13 09:15:02 UTC 2024") == datetime(2024, 2, 13, 9, 15, 2)
    finally:
        locale.setlocale(locale.LC_TIME, saved)


def test_sentence_date_reads_rich_media_sentences() -> None:
    assert sentence_date("You uploaded a background photo on March 1, 2023 at 1:00 PM") == datetime(2023, 3, 1, 13, 0)
    assert sentence_date("You uploaded a profile photo") is None
