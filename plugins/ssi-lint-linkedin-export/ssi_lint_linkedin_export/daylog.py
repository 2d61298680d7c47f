"""Rows aggregated by day as they stream past: counts, and the earliest row of each day.

A `DayLog` keeps one entry per calendar day, never one per row, so a file of
a million rows costs what its few thousand days cost. The earliest row of
each day (its time and line) lets a finding point at the row that shows a
fact, such as the first invitation of the busiest week.

Rows recovered from irregular quoting (`csvread.Row.recovered`) are counted
like the others, but their days never bound the activity (`range`): a line of
a post that merely starts with a date must not move the window.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ssi_lint_linkedin_export.observation import Window


@dataclass(slots=True)
class DayLog:
    """Rows per calendar day and the earliest row of each day."""

    counts: Counter[date] = field(default_factory=Counter)
    earliest: dict[date, tuple[datetime, int]] = field(default_factory=dict)
    recovered: Counter[date] = field(default_factory=Counter)
    """Rows per day whose record was recovered from irregular quoting (counted in `counts` too)."""

    def add(self, when: datetime, line: int, recovered: bool = False) -> None:
        """Count a row dated `when` at `line` of its file (`recovered`: see `csvread.Row.recovered`)."""
        day = when.date()
        self.counts[day] += 1
        if recovered:
            self.recovered[day] += 1
        known = self.earliest.get(day)
        if known is None or (when, line) < known:
            self.earliest[day] = (when, line)

    @property
    def days(self) -> list[date]:
        """The days with rows, in order."""
        return sorted(self.counts)

    def total(self, window: Window) -> int:
        """Rows dated inside the window."""
        return sum(count for day, count in self.counts.items() if window.contains(day))

    def until(self, last: date) -> int:
        """Rows dated on or before a day."""
        return sum(count for day, count in self.counts.items() if day <= last)

    def in_window(self, window: Window) -> list[date]:
        """The days of the window with rows, in order."""
        return sorted(day for day in self.counts if window.contains(day))

    def first_line(self, days: Iterable[date]) -> int:
        """The line of the earliest row on any of the days, 1 when there is none."""
        rows = [self.earliest[day] for day in days if day in self.earliest]
        return min(rows)[1] if rows else 1

    def range(self, latest: date | None = None) -> tuple[date | None, date | None]:
        """The first and last day with rows, on or before `latest` (when given); days whose only rows
        were recovered from irregular quoting do not count."""
        days = self.dated(latest)
        return (min(days), max(days)) if days else (None, None)

    def dated(self, latest: date | None = None) -> list[date]:
        """The days with rows, on or before `latest` (when given), that bound the activity: days whose
        only rows were recovered from irregular quoting do not count."""
        return [day for day, count in self.counts.items() if (latest is None or day <= latest) and count > self.recovered.get(day, 0)]

    def after(self, latest: date) -> tuple[int, int]:
        """Rows dated after `latest`, and the line of the earliest of them (0 when there is none)."""
        days = [day for day in self.counts if day > latest]
        return sum(self.counts[day] for day in days), (self.first_line(days) if days else 0)

    def busiest_day(self, window: Window) -> date | None:
        """The day of the window with the most rows (the earliest on ties)."""
        days = self.in_window(window)
        return max(days, key=lambda day: self.counts[day], default=None)

    def busiest_span(self, window: Window, length: int = 7) -> tuple[date, date, int]:
        """The `length` consecutive days inside the window with the most rows (the earliest on ties).

        A window shorter than `length` (the command line refuses one, see `loader.MIN_WINDOW_DAYS`) gives
        the `length` days ending with it: a week's figure always covers a whole week."""
        if window.days <= length:
            start = window.as_of - timedelta(days=length - 1)
            return start, window.as_of, sum(count for day, count in self.counts.items() if start <= day <= window.as_of)
        best = (window.start, window.start + timedelta(days=length - 1), -1)
        total = sum(self.counts.get(window.start + timedelta(days=offset), 0) for offset in range(length))
        day = window.start + timedelta(days=length - 1)
        while True:
            if total > best[2]:
                best = (day - timedelta(days=length - 1), day, total)
            if day >= window.as_of:
                return best
            day += timedelta(days=1)
            total += self.counts.get(day, 0) - self.counts.get(day - timedelta(days=length), 0)
