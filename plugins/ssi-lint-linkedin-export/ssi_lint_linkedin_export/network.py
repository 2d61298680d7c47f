"""Who is a connection: matched by profile URL when both sides have one, else by name.

Names and URLs are used only to match rows of Invitations.csv with rows of
Connections.csv; they never leave this module.
"""

from __future__ import annotations

import unicodedata
from array import array
from collections import Counter
from datetime import date

from ssi_lint_linkedin_export.csvread import Row
from ssi_lint_linkedin_export.daylog import DayLog


def person_name(text: str) -> str:
    """A name reduced for matching: Unicode-normalised, case-folded, single spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return " ".join(text.casefold().split())


def profile_url(text: str) -> str:
    """A profile URL reduced for matching: no scheme, no `www.`, no trailing slash or query."""
    url = text.strip().casefold()
    query = url.find("?")
    url = (url[:query] if query >= 0 else url).rstrip("/")
    if url.startswith("https://"):
        url = url[8:]
    elif url.startswith("http://"):
        url = url[7:]
    return url[4:] if url.startswith("www.") else url


SEEN_ROW_BYTES = 48
"""The most memory `SeenRows` takes per row: a table of 8-byte slots at most half full, while it doubles."""
LATEST_DAY_BYTES = 72
"""The most memory `LatestDays` takes per person invited: 12-byte slots (hash and day) at most half full, while it doubles."""
_FIRST_SLOTS = 1024
_WORD = (1 << 64) - 1
"""A hash as an unsigned 64-bit slot value."""


class SeenRows:
    """The rows counted so far, so that an exact duplicate (a row repeated in a file, or in two overlapping
    numbered parts) is counted once.

    Each row is kept as the 64-bit hash of its key in an open-addressing table of machine words, at most half
    full: 16 to 32 bytes a row (up to 48 while the table doubles), where a Python set of the hashes takes
    about 70. This is the one cost of reading that grows with the rows rather than the days."""

    def __init__(self) -> None:
        self.slots = array("Q", [0]) * _FIRST_SLOTS
        self.used = 0
        self.duplicates = 0

    def first(self, *key: object) -> bool:
        """Whether a row of this key is seen for the first time (else it is counted in `duplicates`)."""
        digest, index, found = self._find(key)
        if found:
            self.duplicates += 1
            return False
        self._insert(digest, index)
        return True

    def _find(self, key: tuple[object, ...]) -> tuple[int, int, bool]:
        """The key's hash, its slot, and whether it is already there."""
        digest = hash(key) & _WORD or 1  # 0 marks an empty slot
        slots = self.slots
        mask = len(slots) - 1
        index = digest & mask
        while found := slots[index]:
            if found == digest:
                return digest, index, True
            index = (index + 1) & mask
        return digest, index, False

    def _insert(self, digest: int, index: int) -> None:
        """Put a new hash in its free slot, doubling the table when it is half full."""
        self.slots[index] = digest
        self.used += 1
        if self.used * 2 > len(self.slots):
            self._grow()

    def _grow(self) -> None:
        """Double the table and put every hash back (they are distinct: each goes to the first free slot)."""
        old = self.slots
        slots = self.slots = array("Q", [0]) * (2 * len(old))
        mask = len(slots) - 1
        for position, digest in enumerate(old):
            if digest:
                index = digest & mask
                while slots[index]:
                    index = (index + 1) & mask
                slots[index] = digest
                self._moved(position, index)

    def _moved(self, old: int, new: int) -> None:
        """A hash moved from slot `old` to slot `new` while the table grew (a subclass moves what it keeps beside it)."""


class LatestDays(SeenRows):
    """The latest day seen for each key (a person invited), in the same compact table as `SeenRows` plus one 4-byte
    day number a slot: an invitation sent again to the same person replaces the earlier one, which `newer` returns."""

    def __init__(self) -> None:
        super().__init__()
        self.days = array("I", [0]) * _FIRST_SLOTS
        self._old_days = array("I")

    def newer(self, day: int, *key: object) -> tuple[int, int] | None:
        """Record `day` (an ordinal, 0 for none known) for the key; the day it replaces (or `day` itself when an
        earlier-seen later day wins) and the day that replaces it are returned; None the first time the key is seen."""
        digest, index, found = self._find(key)
        if not found:
            self.days[index] = day  # before `_insert`, which may move every slot
            self._insert(digest, index)
            return None
        known = self.days[index]
        self.days[index] = max(known, day)
        return min(known, day), max(known, day)

    def _grow(self) -> None:
        """Double the table, moving each key's day with it."""
        self._old_days, self.days = self.days, array("I", [0]) * (2 * len(self.days))
        super()._grow()
        self._old_days = array("I")

    def _moved(self, old: int, new: int) -> None:
        self.days[new] = self._old_days[old]


UNDATED = date.min
"""A connection whose day the export does not give: connected, whenever the invitation was sent."""


_WITHOUT_URL = ("firstname", "lastname", "emailaddress", "company", "position")
"""The columns that tell connections apart in an export without profile URLs (before mid-2023)."""


class Network:
    """The connections, indexed by (hashed) URL and by (hashed) name, each with the day it was made.

    Rows are added as they stream past (`add`); the network as of a day is asked for afterwards
    (`size`, `connected`), so the day need not be known while reading.
    """

    def __init__(self) -> None:
        self.seen = SeenRows()
        self.by_url: dict[int, date] = {}
        self.by_name: dict[int, list[date]] = {}
        self.log = DayLog()
        self.undated = 0
        self.undated_line = 0

    def add(self, row: Row) -> None:
        """Index one row of Connections.csv, unless it repeats one already indexed (the same person, by
        profile URL or else by name, e-mail, company and position, connected on the same day)."""
        who = row.get("url") or "\t".join(row.get(column) for column in _WITHOUT_URL)
        if not self.seen.first(who, row.when):
            return
        day = row.when.date() if row.when else UNDATED
        if row.when is None:
            self.undated += 1
            self.undated_line = self.undated_line or row.line
        else:
            self.log.add(row.when, row.line)
        url = profile_url(row.get("url"))
        if url:
            self.by_url[hash(url)] = day
        name = person_name(f"{row.get('firstname')} {row.get('lastname')}")
        if name:
            self.by_name.setdefault(hash(name), []).append(day)

    @property
    def day_logs(self) -> tuple[DayLog, ...]:
        return (self.log,)

    def size(self, as_of: date | None) -> int:
        """Connections made on or before a day (all of them when the day is None), undated ones included."""
        return self.undated + (self.log.until(as_of) if as_of else sum(self.log.counts.values()))

    def first_line(self, as_of: date | None) -> int:
        """The line of the earliest connection (an undated one first), 1 when there is none."""
        if self.undated_line:
            return self.undated_line
        return self.log.first_line(day for day in self.log.counts if as_of is None or day <= as_of)

    def accepted_on(self, url: str, name: str, sent: date) -> date | None:
        """The earliest day on or after `sent` that the person (URL, else name) became a connection;
        UNDATED when the connection has no day; None when they never did."""
        key = profile_url(url)
        if key and hash(key) in self.by_url:
            day = self.by_url[hash(key)]
            return day if day == UNDATED or day >= sent else None
        days = [day for day in self.by_name.get(hash(person_name(name)), ()) if day == UNDATED or day >= sent]
        return min(days) if days else None


def connected(accepted: date | None, as_of: date) -> bool:
    """Whether an `accepted_on` result means a connection by `as_of`."""
    return accepted is not None and accepted <= as_of


def account_owner(profile: Row | None, participants: Counter[str]) -> str:
    """The archive owner's name (matching key): Profile.csv's when it takes part in the messages (or no
    messages were seen), else whoever takes part (as FROM or TO) in most conversations, since the owner
    is in every one: a sender of many one-way messages to the owner is not the owner."""
    if profile is not None:
        name = person_name(f"{profile.get('firstname')} {profile.get('lastname')}")
        if name and (not participants or name in participants):
            return name
    ranked = sorted(participants.items(), key=lambda item: (-item[1], item[0]))
    return ranked[0][0] if ranked else ""


def first_name(row: Row, column: str) -> str:
    """The first word of a name cell, for masking it out of invitation notes."""
    parts = person_name(row.get(column)).split()
    return parts[0] if parts else ""
