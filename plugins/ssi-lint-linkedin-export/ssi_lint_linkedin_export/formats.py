"""The CSV files of LinkedIn's "Download your data" archive, as DOMAIN.md documents them.

A file is recognised by its name: case-insensitively, spaces, hyphens and
underscores alike, and with an optional numeric suffix (`Shares_12345.csv`).
Columns are matched by header name the same way, so header drift between
years (case, spacing, new or dropped columns) does not matter as long as the
required columns are there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SUFFIX = re.compile(r"[ _-]?\d+$")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


APPLE_DOUBLE = "._"
"""The prefix of the metadata files macOS writes beside copied files (`._Shares.csv`): never an export file."""
APPLE_FOLDER = "__MACOSX"
"""The folder macOS Finder's "Compress" puts those metadata files in, inside a ZIP: nothing in it is an export file."""


def normalize(name: str) -> str:
    """A file or column name reduced for matching: `Sent At`, `sent_at`, `SENT AT` -> `sentat`."""
    return _NOT_ALNUM.sub("", name.casefold())


def file_key(file_name: str) -> str | None:
    """The normalised key of a CSV file name (`Shares_123.csv` -> `shares`), or None for other files.

    A name starting with `._` is None too: macOS writes such an AppleDouble file (`._Connections.csv`,
    its Finder metadata, binary) beside each file it copies to a disk or a ZIP; it holds no rows."""
    base = file_name.rsplit("/", 1)[-1]
    if not base.lower().endswith(".csv") or base.startswith(APPLE_DOUBLE):
        return None
    return normalize(_SUFFIX.sub("", base[:-4]))


@dataclass(frozen=True, slots=True)
class FileSpec:
    """One documented CSV file: its columns and how tolerant reading must be.

    `date` is the column holding the row's date (`required_date`: a row
    without a readable date is unusable). `free_text` is a column whose text
    may hold delimiters, newlines and stray quotes. `anchored` files start
    every record with a date, which lets records be found even when the free
    text is irregularly quoted; a date line inside a quoted field is still
    text (see `csvread._RecordReader._anchored`).
    """

    name: str
    columns: tuple[str, ...]
    required: tuple[str, ...] = ()
    date: str | None = None
    required_date: bool = False
    free_text: str | None = None
    anchored: bool = False

    @property
    def key(self) -> str:
        """The normalised file key (`Company Follows.csv` -> `companyfollows`)."""
        return normalize(self.name[:-4])

    @property
    def column_keys(self) -> tuple[str, ...]:
        """The normalised column names, in documented order."""
        return tuple(normalize(column) for column in self.columns)


SPECS: tuple[FileSpec, ...] = (
    FileSpec("Connections.csv", ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"),
             required=("First Name", "Last Name"), date="Connected On"),
    FileSpec("Invitations.csv", ("From", "To", "Sent At", "Message", "Direction", "inviterProfileUrl", "inviteeProfileUrl"),
             required=("Sent At", "Direction"), date="Sent At", free_text="Message"),
    FileSpec("messages.csv", ("CONVERSATION ID", "CONVERSATION TITLE", "FROM", "SENDER PROFILE URL", "TO",
                              "RECIPIENT PROFILE URLS", "DATE", "SUBJECT", "CONTENT", "FOLDER", "ATTACHMENTS",
                              "IS MESSAGE DRAFT", "IS CONVERSATION DRAFT"),
             required=("FROM", "DATE"), date="DATE", required_date=True, free_text="CONTENT"),
    FileSpec("Shares.csv", ("Date", "ShareLink", "ShareCommentary", "SharedUrl", "MediaUrl", "Visibility"),
             required=("Date",), date="Date", required_date=True, free_text="ShareCommentary", anchored=True),
    FileSpec("Comments.csv", ("Date", "Link", "Message"),
             required=("Date",), date="Date", required_date=True, free_text="Message", anchored=True),
    FileSpec("Reactions.csv", ("Date", "Type", "Link"), required=("Date",), date="Date", required_date=True, anchored=True),
    FileSpec("Profile.csv", ("First Name", "Last Name", "Maiden Name", "Address", "Birth Date", "Headline", "Summary",
                             "Industry", "Zip Code", "Geo Location", "Twitter Handles", "Websites", "Instant Messengers"),
             required=("Headline",), free_text="Summary"),
    FileSpec("Positions.csv", ("Company Name", "Title", "Description", "Location", "Started On", "Finished On"),
             required=("Title",), free_text="Description"),
    FileSpec("Skills.csv", ("Name",), required=("Name",)),
    FileSpec("Recommendations_Received.csv", ("First Name", "Last Name", "Company", "Job Title", "Text", "Creation Date", "Status"),
             required=("Text",), date="Creation Date", free_text="Text"),
    FileSpec("Certifications.csv", ("Name", "Url", "Authority", "Started On", "Finished On", "License Number"),
             required=("Name",)),
    FileSpec("Volunteering.csv", ("Company Name", "Role", "Cause", "Started On", "Finished On", "Description"),
             required=("Role",), free_text="Description"),
    FileSpec("Company Follows.csv", ("Organization", "Followed On"), required=("Organization",), date="Followed On"),
    FileSpec("Endorsement_Received_Info.csv", ("Endorsement Date", "Skill Name", "Endorser First Name", "Endorser Last Name",
                                               "Endorser Public Url", "Endorsement Status"),
             required=("Skill Name",), date="Endorsement Date"),
    FileSpec("SearchQueries.csv", ("Time", "Search Query"), required=("Time",), date="Time", required_date=True,
             free_text="Search Query"),
    FileSpec("Rich_Media.csv", ("Date/Time", "Media Description", "Media Link"), required=("Date/Time",),
             free_text="Media Description"),
)
"""Every file ssi-lint reads; other files of the archive are ignored."""

SPECS_BY_KEY: dict[str, FileSpec] = {spec.key: spec for spec in SPECS}

ACTIVITY_FILES = ("invitations", "messages", "shares", "comments", "reactions", "connections", "searchqueries", "companyfollows")
"""Files whose dates count as activity when finding the newest activity of the archive."""
