"""Who is a connection: matched by profile URL when both sides have one, else by name.

Names and URLs are used only to match rows of Invitations.csv with rows of
Connections.csv; they never leave this module.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from datetime import date

from ssi_lint_linkedin_export.csvread import Row, Table


def person_name(text: str) -> str:
    """A name reduced for matching: Unicode-normalised, case-folded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def profile_url(text: str) -> str:
    """A profile URL reduced for matching: no scheme, no `www.`, no trailing slash or query."""
    url = text.strip().casefold().split("?", 1)[0].rstrip("/")
    for prefix in ("https://", "http://"):
        url = url.removeprefix(prefix)
    return url.removeprefix("www.")


class Network:
    """The connections as of a day, indexed by URL and by name, each with the day it was made."""

    def __init__(self, table: Table | None, as_of: date | None) -> None:
        self.by_url: dict[str, date | None] = {}
        self.by_name: dict[str, list[date | None]] = {}
        self.size = 0
        for row in table.rows if table else ():
            day = row.when.date() if row.when else None
            if as_of is not None and day is not None and day > as_of:
                continue
            self.size += 1
            url = profile_url(row.get("url"))
            if url:
                self.by_url[url] = day
            name = person_name(f"{row.get('firstname')} {row.get('lastname')}")
            if name:
                self.by_name.setdefault(name, []).append(day)

    def connected_since(self, url: str, name: str, sent: date) -> bool:
        """Whether the person (URL, else name) became a connection on or after `sent`, or at an unknown date."""
        key = profile_url(url)
        if key and key in self.by_url:
            return _on_or_after(self.by_url[key], sent)
        days = self.by_name.get(person_name(name), ())
        return any(_on_or_after(day, sent) for day in days)


def account_owner(profile: Table | None, messages: Table | None) -> str:
    """The archive owner's name (matching key): Profile.csv's, else the sender seen in most conversations."""
    if profile and profile.rows:
        row = profile.rows[0]
        name = person_name(f"{row.get('firstname')} {row.get('lastname')}")
        senders = {person_name(message.get("from")) for message in messages.rows} if messages else set()
        if name and (not senders or name in senders):
            return name
    if not messages:
        return ""
    conversations: Counter[str] = Counter()
    seen: set[tuple[str, str]] = set()
    for message in messages.rows:
        pair = (person_name(message.get("from")), message.get("conversationid"))
        if pair[0] and pair not in seen:
            seen.add(pair)
            conversations[pair[0]] += 1
    ranked = sorted(conversations.items(), key=lambda item: (-item[1], item[0]))
    return ranked[0][0] if ranked else ""


def first_name(row: Row, column: str) -> str:
    """The first word of a name cell, for masking it out of invitation notes."""
    parts = person_name(row.get(column)).split()
    return parts[0] if parts else ""


def _on_or_after(day: date | None, sent: date) -> bool:
    return day is None or day >= sent
