"""The observed plan under construction: values, the CSV each came from, and the window.

Every value is set with its source (the CSV file's display name and the line
of the row that caused it, or line 1 when many rows did), so that findings on
the observed plan point into the archive and `draft-plan` can say where each
number came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ssi_lint.model import PlanPath, Problem

DEFAULT_WINDOW_DAYS = 28
DEFAULT_WITHDRAW_AFTER_DAYS = 21
"""The plan schema's default for `outreach.pending.withdraw_after_days` (DOMAIN.md: 21 days)."""
TIERS = ("free", "premium", "sales_navigator", "recruiter")
"""The plan format's account tiers (`account.tier`)."""
NOT_IN_EXPORT: tuple[PlanPath, ...] = (
    ("account", "ssi"),
    ("profile", "featured"),
    ("prospecting", "experts_list"),
    ("outreach", "invitations", "note_template"),
    ("outreach", "messages", "unread"),
    ("outreach", "profile_views", "per_day"),
    ("outreach", "follow_instead_of_connect"),
    ("outreach", "schedule"),
    ("content", "per_month"),
    ("content", "per_month", "articles"),
    ("content", "per_month", "polls"),
    ("content", "groups"),
    ("ads", "campaigns"),
)
"""Plan fields an export never shows (DOMAIN.md: the SSI score, group memberships, the Featured section, unread
flags, profile views; and what is intent rather than behaviour): `Document.unknown`, so that rules about their
absence stay quiet. `content.per_month` is listed as a whole too: it holds only articles and polls, and a rule
judging the section (CNT005, "no articles or polls") names the node, not its fields. `account.tier` is not among them: rules read it only to excuse free accounts, and an
unknown tier would silence OUT003's weekly volume warning; `-L tier=TIER` states it."""

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|io|co|me|in)(?:/\S*)?\b", re.IGNORECASE)
_PHONE = re.compile(r"\+?\d[\d ().-]{7,}\d")


@dataclass(frozen=True, slots=True)
class Settings:
    """What the observation covers: `as_of` (None: the day the export was made, see `end`), the window, the
    withdraw horizon and the account tier the user states."""

    as_of: date | None = None
    window_days: int = DEFAULT_WINDOW_DAYS
    withdraw_after_days: int = DEFAULT_WITHDRAW_AFTER_DAYS
    tier: str | None = None
    """The account tier, which the export does not show; when given it is written to `account.tier`."""

    def end(self, made_on: date | None, newest: date | None) -> date | None:
        """The last day observed: `as_of` when asked for; else the day the export was made (the date in its
        name), or the newest activity when that is the next day (row times are UTC); else, when the name gives
        no date, the newest activity. None when nothing dates the export."""
        if self.as_of is not None:
            return self.as_of
        known = [day for day in (made_on, newest) if day is not None]
        return max(known) if known else None


@dataclass(frozen=True, slots=True)
class Window:
    """The `days` calendar days ending with `as_of` (both ends included)."""

    as_of: date
    days: int

    @property
    def start(self) -> date:
        """The first day inside the window."""
        return self.as_of - timedelta(days=self.days - 1)

    def contains(self, day: date) -> bool:
        """Whether a day falls inside the window."""
        return self.start <= day <= self.as_of

    def per_week(self, count: int) -> float:
        """A count over the window as a weekly rate."""
        return count * 7 / self.days


@dataclass(frozen=True, slots=True)
class Source:
    """Where an observed value comes from: a CSV (display name, '' for the archive itself) and a line."""

    file: str
    line: int = 1
    note: str = ""
    given: str = ""
    """The loader option the value was given with, when the user stated it rather than the export showing it."""


@dataclass(slots=True)
class Observation:
    """The observed plan data and, for each path, its source; the problems met deriving it; and the plan
    paths the export cannot show."""

    source: str
    data: dict[str, Any] = field(default_factory=dict)
    sources: dict[PlanPath, Source] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unknown: set[PlanPath] = field(default_factory=lambda: set(NOT_IN_EXPORT))
    named: set[PlanPath] = field(default_factory=set)
    """Parents whose source `section` named."""
    unmeasured: dict[PlanPath, str] = field(default_factory=dict)
    """Unknown paths whose files are there but show too little to measure them, with the reason
    (`outreach.acceptance_rate` with too few invitations old enough to judge)."""

    def set(self, path: PlanPath, value: Any, file: str = "", line: int = 1, note: str = "", given: str = "") -> None:
        """Set a value at a path (parents are created) and record its source.

        A parent takes the file and line of its first child, and the archive itself (file '')
        once a child comes from another file; `section` names a parent's source outright.
        """
        node = self.data
        for depth, key in enumerate(path[:-1]):
            node = node.setdefault(key, {})
            parent = path[: depth + 1]
            known = self.sources.get(parent)
            if known is None:
                self.sources[parent] = Source(file, line)
            elif known.file != file and parent not in self.named:
                self.sources[parent] = Source("")
        node[path[-1]] = value
        self.sources[path] = Source(file, line, note, given)
        self.unknown.discard(path)

    def unmeasure(self, path: PlanPath, why: str) -> None:
        """Mark a path unknown although its files are there: they show too little to measure it, for the reason `why`."""
        self.unknown.add(path)
        self.unmeasured[path] = why

    def section(self, path: PlanPath, file: str, line: int = 1) -> None:
        """Name the file (and row, when one row is the section) a whole section comes from ('': the archive)."""
        self.sources[path] = Source(file, line)
        self.named.add(path)


def round_count(value: float) -> int:
    """A rate as the whole number the plan format wants (halves round up)."""
    return int(value + 0.5)


def scrub(text: str) -> str:
    """The user's own profile text without e-mail addresses, links or phone numbers."""
    text = _EMAIL.sub("[e-mail]", text)
    text = _URL.sub("[link]", text)
    return _PHONE.sub("[phone]", text).strip()
