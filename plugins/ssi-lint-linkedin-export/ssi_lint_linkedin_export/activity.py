"""Observed publishing, engagement and prospecting: weekly rates over the window, plus counts.

Shares.csv rows with an empty ShareCommentary and a SharedUrl are reposts,
the others the user's own posts. Rates go into the plan's own fields as whole
numbers (`content.per_week.posts`; a rate above 0 is at least 1, so that one
post a month is not read as none) and, exactly, into `export.per_week`.
A file the archive lacks leaves its fields out (they are unknown, not 0).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from ssi_lint_linkedin_export.csvread import Row
from ssi_lint_linkedin_export.daylog import DayLog
from ssi_lint_linkedin_export.observation import Observation, Window, round_count


@dataclass(slots=True)
class ActivityLog:
    """A dated activity file (Comments, Reactions, SearchQueries), aggregated by day."""

    log: DayLog = field(default_factory=DayLog)

    def add(self, row: Row) -> None:
        assert row.when is not None
        self.log.add(row.when, row.line, row.recovered)

    @property
    def day_logs(self) -> tuple[DayLog, ...]:
        return (self.log,)


@dataclass(slots=True)
class ShareLog:
    """Shares.csv, aggregated by day: own posts and reposts."""

    posts: DayLog = field(default_factory=DayLog)
    reposts: DayLog = field(default_factory=DayLog)

    def add(self, row: Row) -> None:
        assert row.when is not None
        repost = not row.get("sharecommentary") and row.get("sharedurl")
        (self.reposts if repost else self.posts).add(row.when, row.line, row.recovered)

    @property
    def day_logs(self) -> tuple[DayLog, ...]:
        return (self.posts, self.reposts)


@dataclass(slots=True)
class FollowLog:
    """Company Follows.csv: follows by day, and those without a readable day."""

    log: DayLog = field(default_factory=DayLog)
    undated: int = 0
    undated_line: int = 0

    def add(self, row: Row) -> None:
        if row.when is None:
            self.undated += 1
            self.undated_line = self.undated_line or row.line
        else:
            self.log.add(row.when, row.line)

    @property
    def day_logs(self) -> tuple[DayLog, ...]:
        return (self.log,)


def observe_content(out: Observation, logs: Mapping[str, object], files: Mapping[str, str], window: Window) -> list[date]:
    """Posts, reposts, comments and reactions per week (of the files present); returns the days with any of them."""
    days: list[date] = []
    shares = logs.get("shares")
    counted: dict[str, tuple[DayLog, str, str]] = {}
    if isinstance(shares, ShareLog):
        counted["posts"] = (shares.posts, "shares", "rows with a ShareCommentary (your own posts)")
        counted["reposts"] = (shares.reposts, "shares", "rows with a SharedUrl and no ShareCommentary (reposts)")
    for name, key in (("comments", "comments"), ("reactions", "reactions")):
        log = logs.get(key)
        if isinstance(log, ActivityLog):
            counted[name] = (log.log, key, "rows")
    out.section(("content",), "")
    for name, (log, key, note) in counted.items():
        count = log.total(window)
        rate = window.per_week(count)
        in_window = log.in_window(window)
        out.set(("content", "per_week", name), at_least_one(rate), files[key], log.first_line(in_window),
                f"{note} in the window, per week")
        out.set(("export", "per_week", name), round(rate, 2), files[key])
        days.extend(in_window)
    return days


def observe_prospecting(out: Observation, logs: Mapping[str, object], files: Mapping[str, str], window: Window) -> list[date]:
    """Companies followed and searches per week (of the files present); returns the days with a search."""
    out.section(("prospecting",), "")
    follows = logs.get("companyfollows")
    if isinstance(follows, FollowLog):
        dated = [day for day in follows.log.counts if day <= window.as_of]
        line = follows.undated_line or follows.log.first_line(dated)
        out.set(("prospecting", "companies_followed"), follows.undated + follows.log.until(window.as_of),
                files["companyfollows"], line, f"rows followed on or before {window.as_of.isoformat()}")
    searches = logs.get("searchqueries")
    if not isinstance(searches, ActivityLog):
        return []
    in_window = searches.log.in_window(window)
    rate = window.per_week(searches.log.total(window))
    file = files["searchqueries"]
    out.set(("prospecting", "searches_per_week"), at_least_one(rate), file, searches.log.first_line(in_window),
            "rows in the window, per week")
    out.set(("export", "per_week", "searches"), round(rate, 2), file)
    return in_window


def at_least_one(rate: float) -> int:
    """A weekly rate as a whole number, where any activity at all counts as at least 1."""
    return max(1, round_count(rate)) if rate > 0 else 0
