"""Every date format of the LinkedIn archive, parsed explicitly: never guessed from the locale.

| looks like | where |
|---|---|
| `08 Feb 2026`, `08-Feb-26` | Connections.csv (Excel re-saves) |
| `1/29/26, 2:37 PM`, `01/29/26, 02:37 PM`, `29/01/2026 14:37` | Invitations, Recommendations (Excel re-saves) |
| `2025-06-01 14:03:22 UTC`, `2026-02-09 01:21:47`, `2026-02-09T01:21:47Z` | messages, Shares, Comments, Reactions |
| `2024/02/01 15:02:55 UTC` | Endorsements, SearchQueries |
| `Tue Feb 13 09:15:02 UTC 2024` | Company Follows |
| `Jan 2024`, `2024` | Positions, Certifications, Volunteering |
| `March 1, 2023 at 1:00 PM`, `Feb 8, 2026` | Rich_Media sentences |

Month names are English and looked up in a table of our own (strptime's `%b`
follows the locale). Numeric `a/b/yy` dates are month first, as LinkedIn
writes them, unless more of the column's values read only day first (a
first number over 12) than only month first, or, when they tie, reading month
first puts most of them after the day the export was made: see `day_first`.
The date in the archive's name bounds its rows (`last_day`): a date that
reads both ways and would fall after it is read the other way. A column whose
every date reads both ways, with nothing to decide (`day_order`), is read the
way that makes the account busiest, then newest (`busier_reading`), and
reported (EXP010). Zones are
dropped: every metric works on calendar days. A date outside the years
1900-2100 is refused with `DateOutOfRange`: no LinkedIn export holds one,
so the file it is in has been damaged or altered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import lru_cache

MIN_YEAR = 1900
MAX_YEAR = 2100
"""The years a date of an export may fall in; LinkedIn started in 2003."""

MONTHS = {
    name: number
    for number, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")),
        start=1,
    )
    for name in names
}
_ZONE = r"(?:\s*(?:UTC|GMT|Z|[+-]\d{2}:?\d{2}))?"
_CLOCK = r"(?:(?:,\s*|\s+|T)(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([AaPp]\.?[Mm]\.?)?)?"
_ISO = re.compile(rf"(\d{{4}})[-/](\d{{1,2}})[-/](\d{{1,2}}){_CLOCK}{_ZONE}")
_NUMERIC = re.compile(rf"(\d{{1,2}})[/.-](\d{{1,2}})[/.-](\d{{4}}|\d{{2}}){_CLOCK}{_ZONE}")
_DAY_MONTH = re.compile(rf"(\d{{1,2}})[ -]([A-Za-z]{{3,9}})\.?[ -](\d{{4}}|\d{{2}}){_CLOCK}{_ZONE}")
_MONTH_DAY = re.compile(rf"([A-Za-z]{{3,9}})\.?\s+(\d{{1,2}}),?\s+(\d{{4}}){_CLOCK}{_ZONE}")
_JAVA = re.compile(r"[A-Za-z]{3}\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(?:[A-Za-z]{1,5}|[+-]\d{4})\s+(\d{4})")
_MONTH_YEAR = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{4})")
_YEAR = re.compile(r"(\d{4})")
_SENTENCE = re.compile(rf"\bon\s+([A-Za-z]{{3,9}}\.?\s+\d{{1,2}},?\s+\d{{4}}{_CLOCK})")
_FIRST_NUMBERS = re.compile(r"\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\b")
_LINKEDIN_CLOCK = re.compile(r"\s*\d{1,2}/\d{1,2}/\d{2},\s*\d{1,2}:\d{2}\s*[AP]M\s*")
"""LinkedIn's own `Sent At` shape (`1/29/26, 2:37 PM`, DOMAIN.md): month first, as its US form is written."""

CLOCK_SLACK = timedelta(days=1)
"""How far a row's day may fall after the date in the archive's name: that date is the day LinkedIn made the
export where it was made, the rows' times are UTC, up to a day later."""

PARSED_DATES = 8192
"""Distinct cells the date parser remembers (exports repeat their dates; the cache stays bounded)."""


class DateOutOfRange(ValueError):
    """A well-formed date outside MIN_YEAR-MAX_YEAR (year 1, year 9999)."""

    def __init__(self, year: int) -> None:
        super().__init__(f"a date in the year {year}, outside {MIN_YEAR}-{MAX_YEAR}")
        self.year = year


def in_range(day: date) -> bool:
    """Whether a day falls in the years an export's dates may have."""
    return MIN_YEAR <= day.year <= MAX_YEAR


def parse_date(text: str, day_first: bool = False) -> datetime | None:
    """The date and time a cell holds, or None when it is empty or in no known format.

    Raises DateOutOfRange for a real date outside MIN_YEAR-MAX_YEAR.
    """
    parsed = _parse_cell(text, day_first)
    if parsed is not None and not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise DateOutOfRange(parsed.year)
    return parsed


@lru_cache(maxsize=PARSED_DATES)
def _parse_cell(text: str, day_first: bool) -> datetime | None:
    """parse_date without the range check (cached: exports repeat their dates)."""
    value = text.strip().strip('"').strip()
    return _parse(value, day_first) if value else None


def _parse(value: str, day_first: bool) -> datetime | None:
    """The date of a stripped, non-empty cell."""
    if match := _ISO.fullmatch(value):
        year, month, day = (int(part) for part in match.group(1, 2, 3))
        return _build(year, month, day, match, 4)
    if match := _NUMERIC.fullmatch(value):
        first, second = int(match.group(1)), int(match.group(2))
        month, day = (second, first) if day_first else (first, second)
        return _build(_year(match.group(3)), month, day, match, 4)
    if match := _DAY_MONTH.fullmatch(value):
        return _build(_year(match.group(3)), MONTHS.get(match.group(2).lower(), 0), int(match.group(1)), match, 4)
    if match := _MONTH_DAY.fullmatch(value):
        return _build(int(match.group(3)), MONTHS.get(match.group(1).lower(), 0), int(match.group(2)), match, 4)
    if match := _JAVA.fullmatch(value):
        hour, minute, second = (int(part) for part in match.group(3, 4, 5))
        return _safe(int(match.group(6)), MONTHS.get(match.group(1).lower(), 0), int(match.group(2)), hour, minute, second)
    if match := _MONTH_YEAR.fullmatch(value):
        return _safe(int(match.group(2)), MONTHS.get(match.group(1).lower(), 0), 1)
    if match := _YEAR.fullmatch(value):
        return _safe(int(match.group(1)), 1, 1)
    return None


def last_day(made_on: date | None) -> date | None:
    """The last day an export made on `made_on` (the date in its name) can show; None when that date is unknown."""
    return made_on + CLOCK_SLACK if made_on is not None else None


def sentence_date(text: str) -> datetime | None:
    """The date inside a Rich_Media sentence (`... on March 1, 2023 at 1:00 PM`), or None."""
    match = _SENTENCE.search(text)
    return parse_date(match.group(1)) if match else None


def day_first(values: Iterable[str], latest: date | None = None) -> bool:
    """Whether a column's numeric dates are day first (`29/01/2026`).

    The values that read only one way decide: a first number over 12 is a day-first vote, a second one over
    12 a month-first vote, and the majority wins. LinkedIn itself writes month first (DOMAIN.md: `1/29/26`),
    so a tie (for instance no such value at all) is month first, unless the date in the archive's name truly
    separates the readings: reading month first puts most of the values after `latest` (the last day the
    export can show) and more than reading day first does: `08/02/2026` in an export made on 10 Feb 2026 is
    8 February, not 2 August. A row that is merely in the future (EXP008) never outvotes the rest.
    """
    return day_order(values, latest)[0]


def day_order(values: Iterable[str], latest: date | None = None) -> tuple[bool, bool]:
    """`day_first`, and whether anything decided it: False when every numeric date that reads differently either
    way (`03/11/2026`) reads both ways, none reads only one way, the column is not in LinkedIn's own month-first
    shape (`1/29/26, 2:37 PM`), and the date in the archive's name does not separate the readings (see
    `busier_reading` for how such a column is then read)."""
    numbers = [(value, found) for value in values if (found := _first_numbers(value)) is not None]
    day_votes = sum(first > 12 >= second for _, (first, second) in numbers)
    month_votes = sum(second > 12 >= first for _, (first, second) in numbers)
    if day_votes != month_votes:
        return day_votes > month_votes, True
    texts = [value for value, _ in numbers]
    if texts and all(_LINKEDIN_CLOCK.fullmatch(text) for text in texts):
        return False, True  # as LinkedIn writes it: a column no tool re-saved
    two_way = not day_votes and any(first != second for _, (first, second) in numbers)
    if latest is None or not numbers:
        return False, not two_way
    month_first_after, day_first_after = _after(texts, False, latest), _after(texts, True, latest)
    if 2 * month_first_after > len(texts) and month_first_after > day_first_after:
        return True, True
    return False, not two_way or day_first_after != month_first_after


def busier_reading(values: Iterable[str]) -> tuple[bool, int, int]:
    """For a column whose every date reads both ways: whether to read it day first, as the reading that puts the most
    rows in any 7 days (on a tie, the one whose oldest date is the latest: the newest account; then month first), so
    that the account's pace and age are judged at their most; with the busiest 7 days' rows read each way (day first,
    month first)."""
    texts = list(values)
    day_busiest, day_oldest = _busiest_week(texts, True)
    month_busiest, month_oldest = _busiest_week(texts, False)
    first = (day_busiest, day_oldest) > (month_busiest, month_oldest)
    return first, day_busiest, month_busiest


def _busiest_week(values: list[str], first: bool) -> tuple[int, date]:
    """The most values (read day first or not) dated within any 7 days, and the oldest of their days."""
    days = sorted(when.date() for value in values if (when := _quiet_parse(value, first)) is not None)
    most, start = 0, 0
    for end, day in enumerate(days):
        while (day - days[start]).days >= 7:
            start += 1
        most = max(most, end - start + 1)
    return most, days[0] if days else date.min


def _quiet_parse(value: str, first: bool) -> datetime | None:
    """parse_date, None for a date out of range too (it is reported when the row is read)."""
    try:
        return parse_date(value, first)
    except DateOutOfRange:
        return None


def _first_numbers(value: str) -> tuple[int, int] | None:
    """The first two numbers of an `a/b/yy` date, or None for a value of another form."""
    match = _FIRST_NUMBERS.match(value)
    return (int(match.group(1)), int(match.group(2))) if match else None


def later_than(when: datetime, latest: date | None) -> bool:
    """Whether a date falls after the last day the export can show (never when that day is unknown)."""
    return latest is not None and when.date() > latest


def _after(values: list[str], day_first: bool, latest: date) -> int:
    """How many of the values, read day first or month first, fall after `latest` (unreadable ones do not)."""
    count = 0
    for value in values:
        when = _quiet_parse(value, day_first)
        count += when is not None and later_than(when, latest)
    return count


def _year(text: str) -> int:
    """Four-digit years as written; two-digit ones in 2000-2069 or 1970-1999."""
    year = int(text)
    if len(text) == 2:
        return 2000 + year if year < 70 else 1900 + year
    return year


def _build(year: int, month: int, day: int, match: re.Match[str], clock: int) -> datetime | None:
    """A datetime from date parts plus the optional clock groups starting at group `clock`."""
    hour_text, minute_text, second_text, meridiem = match.group(clock, clock + 1, clock + 2, clock + 3)
    hour = int(hour_text) if hour_text else 0
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem[0] in "Pp" else 0)
    return _safe(year, month, day, hour, int(minute_text or 0), int(second_text or 0))


def _safe(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime | None:
    """A datetime, or None for impossible values (month 13, February 30, hour 25)."""
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
