"""Observed publishing, engagement and prospecting: weekly rates over the window, plus counts.

Shares.csv rows with an empty ShareCommentary and a SharedUrl are reposts,
the others the user's own posts. Rates go into the plan's own fields as whole
numbers (`content.per_week.posts`) and, exactly, into `export.per_week`.
"""

from __future__ import annotations

from datetime import date

from ssi_lint_linkedin_export.archive import Archive
from ssi_lint_linkedin_export.csvread import Row
from ssi_lint_linkedin_export.observation import Observation, Window, round_count


def observe_content(out: Observation, archive: Archive, window: Window) -> list[date]:
    """Posts, reposts, comments and reactions per week; returns the days with any of them."""
    days: list[date] = []
    shares = _in_window(archive, "shares", window)
    reposts = [row for row in shares if not row.get("sharecommentary") and row.get("sharedurl")]
    counts = {
        "posts": (len(shares) - len(reposts), "shares", "rows with a ShareCommentary (your own posts)"),
        "reposts": (len(reposts), "shares", "rows with a SharedUrl and no ShareCommentary (reposts)"),
        "comments": (len(_in_window(archive, "comments", window)), "comments", "rows"),
        "reactions": (len(_in_window(archive, "reactions", window)), "reactions", "rows"),
    }
    out.section(("content",), archive.origin("shares")["file"])
    for field, (count, key, note) in counts.items():
        rate = window.per_week(count)
        origin = archive.origin(key)
        out.set(("content", "per_week", field), round_count(rate), **origin, note=f"{note} in the window, per week")
        out.set(("export", "per_week", field), round(rate, 2), **origin)
    for key in ("shares", "comments", "reactions"):
        days.extend(row.when.date() for row in _in_window(archive, key, window))
    return days


def observe_prospecting(out: Observation, archive: Archive, window: Window) -> list[date]:
    """Companies followed and searches per week; returns the days with a search."""
    follows = archive.table("companyfollows")
    followed = sum(1 for row in follows.rows if row.when is None or row.when.date() <= window.as_of) if follows else 0
    out.section(("prospecting",), archive.origin("companyfollows")["file"])
    out.set(("prospecting", "companies_followed"), followed, **archive.origin("companyfollows"),
            note=f"rows followed on or before {window.as_of.isoformat()}")
    searches = _in_window(archive, "searchqueries", window)
    rate = window.per_week(len(searches))
    origin = archive.origin("searchqueries")
    out.set(("prospecting", "searches_per_week"), round_count(rate), **origin, note="rows in the window, per week")
    out.set(("export", "per_week", "searches"), round(rate, 2), **origin)
    return [row.when.date() for row in searches]


def _in_window(archive: Archive, key: str, window: Window) -> list[Row]:
    table = archive.table(key)
    return [row for row in table.rows if row.when and window.contains(row.when.date())] if table else []
