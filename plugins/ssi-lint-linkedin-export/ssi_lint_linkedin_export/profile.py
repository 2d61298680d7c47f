"""Observed profile completeness from Profile, Positions, Skills, Recommendations,
Certifications, Volunteering, Endorsements and Rich_Media.

Only the user's own headline and skills are copied as text (scrubbed of
e-mail addresses, links and phone numbers), because the profile rules match
them against each other; the About text is summarised by its length. Photo
and banner come from Rich_Media.csv's sentences ("You uploaded a background
photo on ..."); without that file they stay unknown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date

from ssi_lint_linkedin_export.archive import Archive
from ssi_lint_linkedin_export.csvread import Table
from ssi_lint_linkedin_export.dates import sentence_date
from ssi_lint_linkedin_export.observation import Observation, scrub

_PHOTO = re.compile(r"\bprofile\s+(?:photo|picture|image)\b", re.IGNORECASE)
_BANNER = re.compile(r"\b(?:background|cover|banner)\s*(?:photo|picture|image)?\b", re.IGNORECASE)
_HIDDEN = {"HIDDEN", "PENDING", "REJECTED", "DECLINED", "WITHDRAWN"}


def observe_profile(out: Observation, archive: Archive, as_of: date | None) -> None:
    """The `profile` section: text fields of Profile.csv, counts of the other files, photo and banner."""
    profile = archive.table("profile")
    row = profile.rows[0] if profile and profile.rows else None
    out.section(("profile",), profile.file if profile else "", row.line if row else 1)
    if row is not None:
        headline = scrub(row.get("headline"))
        if headline:
            out.set(("profile", "headline"), headline, row.file, row.line, "the Headline column")
        about = row.get("summary")
        if about:
            out.set(("profile", "about"), f"(About section present: {len(about)} characters)", row.file, row.line,
                    "the Summary column (its text is not copied)")
    _count(out, archive, "positions", "experience", _any, "rows")
    skills = archive.table("skills")
    names = [scrub(row.get("name")) for row in skills.rows] if skills else []
    unique = list(dict.fromkeys(name for name in names if name))
    out.set(("profile", "skills"), unique, **archive.origin("skills"), note="the Name column")
    _count(out, archive, "endorsementreceivedinfo", "endorsements", _shown("endorsementstatus"), "rows")
    _count(out, archive, "recommendationsreceived", "recommendations", _shown("status"), "rows not hidden")
    _count(out, archive, "certifications", "certifications", _any, "rows")
    _count(out, archive, "volunteering", "volunteering", _any, "rows")
    _media(out, archive.table("richmedia"), as_of)


def _count(out: Observation, archive: Archive, key: str, field: str, keep: Callable[[Mapping[str, str]], bool], note: str) -> None:
    table = archive.table(key)
    count = sum(1 for row in table.rows if keep(row.cells)) if table else 0
    out.set(("profile", field), count, **archive.origin(key), note=note)


def _any(cells: Mapping[str, str]) -> bool:
    """Every row counts."""
    return True


def _shown(column: str) -> Callable[[Mapping[str, str]], bool]:
    """A filter keeping rows whose status column is empty or not a hidden/pending state."""
    return lambda cells: cells.get(column, "").strip().upper() not in _HIDDEN


def _media(out: Observation, table: Table | None, as_of: date | None) -> None:
    """photo and banner: whether Rich_Media.csv tells of an upload, on or before as_of (unknown without the file)."""
    if table is None:
        out.unknown.update({("profile", "photo"), ("profile", "banner")})
        return
    photo = banner = None
    for row in table.rows:
        sentence = row.get("datetime") + " " + row.get("mediadescription")
        when = sentence_date(sentence)
        if as_of is not None and when is not None and when.date() > as_of:
            continue
        if _PHOTO.search(sentence):
            photo = photo or row
        elif _BANNER.search(sentence):
            banner = banner or row
    out.set(("profile", "photo"), photo is not None, table.file, photo.line if photo else 1,
            "a sentence about a profile photo upload")
    out.set(("profile", "banner"), banner is not None, table.file, banner.line if banner else 1,
            "a sentence about a background photo upload")
