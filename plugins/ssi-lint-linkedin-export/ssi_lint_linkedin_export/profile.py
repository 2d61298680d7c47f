"""Observed profile completeness from Profile, Positions, Skills, Recommendations,
Certifications, Volunteering, Endorsements and Rich_Media.

Only the user's own headline and skills are copied as text (scrubbed of
e-mail addresses, links and phone numbers), because the profile rules match
them against each other; the About text is summarised by its length. Photo
and banner come from Rich_Media.csv's sentences ("You uploaded a background
photo on ..."), as of the day the export was made whatever the window; without
that file they stay unknown. Every file is read
as a stream into a small summary (its first row, a count, the first row
counted), and a file the archive lacks leaves its fields unknown.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from ssi_lint_linkedin_export.csvread import FileUnusable, Row
from ssi_lint_linkedin_export.dates import DateOutOfRange, sentence_date
from ssi_lint_linkedin_export.observation import Observation, scrub

_PHOTO = re.compile(r"\bprofile\s+(?:photo|picture|image)\b", re.IGNORECASE)
_BANNER = re.compile(r"\b(?:background|cover|banner)\s*(?:photo|picture|image)?\b", re.IGNORECASE)
_HIDDEN = {"HIDDEN", "PENDING", "REJECTED", "DECLINED", "WITHDRAWN"}
MAX_SKILLS = 1000
"""Skill names kept (LinkedIn allows 100)."""
COUNTED = {
    "positions": ("experience", "", "rows"),
    "endorsementreceivedinfo": ("endorsements", "endorsementstatus", "rows"),
    "recommendationsreceived": ("recommendations", "status", "rows not hidden"),
    "certifications": ("certifications", "", "rows"),
    "volunteering": ("volunteering", "", "rows"),
}
"""File key -> (profile field, status column whose hidden states are left out, what is counted)."""


@dataclass(slots=True)
class FirstRow:
    """Profile.csv: only its first row matters."""

    row: Row | None = None

    def add(self, row: Row) -> None:
        self.row = self.row or row


@dataclass(slots=True)
class CountLog:
    """A file whose rows are counted, leaving out those whose status column shows a hidden state."""

    status: str = ""
    count: int = 0
    line: int = 0

    def add(self, row: Row) -> None:
        if self.status and row.get(self.status).upper() in _HIDDEN:
            return
        self.count += 1
        self.line = self.line or row.line


@dataclass(slots=True)
class SkillLog:
    """Skills.csv: the distinct skill names, scrubbed, in order."""

    names: dict[str, None] = field(default_factory=dict)
    line: int = 0

    def add(self, row: Row) -> None:
        name = scrub(row.get("name"))
        if name and len(self.names) < MAX_SKILLS:
            self.names.setdefault(name)
            self.line = self.line or row.line


@dataclass(slots=True)
class MediaLog:
    """Rich_Media.csv: the earliest profile photo and background photo upload (date, line); undated ones first."""

    photo: tuple[datetime, int] | None = None
    banner: tuple[datetime, int] | None = None

    def add(self, row: Row) -> None:
        sentence = row.get("datetime") + " " + row.get("mediadescription")
        try:
            when = sentence_date(sentence) or datetime.min
        except DateOutOfRange as exc:
            raise FileUnusable(f"has {exc} in row {row.line}", row.line) from None
        if _PHOTO.search(sentence):
            self.photo = min(self.photo or (when, row.line), (when, row.line))
        elif _BANNER.search(sentence):
            self.banner = min(self.banner or (when, row.line), (when, row.line))


def observe_profile(out: Observation, logs: Mapping[str, object], files: Mapping[str, str], latest: date | None) -> None:
    """The `profile` section from the files present: text fields of Profile.csv, counts, photo and banner.

    Photo and banner are the profile's state when the export was made, not activity in the window: an upload
    counts when dated on or before `latest`, the last day the export can show (any upload, when unknown)."""
    profile = logs.get("profile")
    row = profile.row if isinstance(profile, FirstRow) else None
    out.section(("profile",), row.file if row else "", row.line if row else 1)
    if row is not None:
        headline = scrub(row.get("headline"))
        if headline:  # an empty one is left out: Profile.csv shows there is none
            out.set(("profile", "headline"), headline, row.file, row.line, "the Headline column")
        about = row.get("summary")
        if about:
            out.set(("profile", "about"), f"(About section present: {len(about)} characters)", row.file, row.line,
                    "the Summary column (its text is not copied)")
    for key, (name, _, note) in COUNTED.items():
        log = logs.get(key)
        if isinstance(log, CountLog):
            out.set(("profile", name), log.count, files[key], log.line or 1, note)
    skills = logs.get("skills")
    if isinstance(skills, SkillLog):
        out.set(("profile", "skills"), list(skills.names), files["skills"], skills.line or 1, "the Name column")
    media = logs.get("richmedia")
    if isinstance(media, MediaLog):
        last = datetime.combine(latest, datetime.max.time()) if latest else datetime.max
        for name, found, what in (("photo", media.photo, "a profile photo"), ("banner", media.banner, "a background photo")):
            shown = found is not None and found[0] <= last
            out.set(("profile", name), shown, files["richmedia"], found[1] if shown and found else 1,
                    f"a sentence about {what} upload")
