"""One collector per known file: it takes the file's rows as they stream past and keeps a small summary.

Connections.csv and Profile.csv are read first: the invitations are matched
against the connections as they are read, and the messages need the owner's
name. Every collector has `add(row)`; the dated activity files also have
`day_logs`, their rows by day (`daylog.DayLog`), from which the first and
last day of activity are found.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Protocol

from ssi_lint.model import Problem
from ssi_lint_linkedin_export.activity import ActivityLog, FollowLog, ShareLog
from ssi_lint_linkedin_export.csvread import Row
from ssi_lint_linkedin_export.network import Network
from ssi_lint_linkedin_export.observation import Settings
from ssi_lint_linkedin_export.outreach import InvitationLog, MessageLog
from ssi_lint_linkedin_export.profile import COUNTED, CountLog, FirstRow, MediaLog, SkillLog

READ_FIRST = ("connections", "profile")
"""Files read before the others, whose summaries the others' collectors use."""


class Collector(Protocol):
    """Takes one file's rows, one at a time."""

    def add(self, row: Row) -> None: ...


def new_collector(key: str, done: Mapping[str, object], settings: Settings, problems: list[Problem],
                  made_on: date | None = None) -> Collector:
    """A collector for the file `key`, given the collectors of the files already read and the day the export
    was made (the date in its name, None when unknown)."""
    if key == "connections":
        return Network()
    if key == "invitations":
        network = done.get("connections")
        return InvitationLog(network if isinstance(network, Network) else Network(), settings, problems, made_on=made_on)
    if key == "messages":
        return MessageLog()
    if key == "shares":
        return ShareLog()
    if key in ("comments", "reactions", "searchqueries"):
        return ActivityLog()
    if key == "companyfollows":
        return FollowLog()
    if key == "profile":
        return FirstRow()
    if key == "skills":
        return SkillLog()
    if key == "richmedia":
        return MediaLog()
    if key in COUNTED:
        return CountLog(COUNTED[key][1])
    raise KeyError(key)
