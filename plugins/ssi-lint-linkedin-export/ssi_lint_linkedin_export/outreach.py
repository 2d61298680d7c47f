"""Observed outreach: invitations sent (busiest day and 7 days), notes, acceptance, pending, messages.

Everything follows DOMAIN.md's "what can be derived": OUTGOING rows of
Invitations.csv by `Sent At`; acceptance counts outgoing invitees later found
among the connections, leaving out the last 30 days (too recent to judge);
a sent invitation not (yet) connected is pending while younger than the
withdraw horizon and stale after it; an incoming invitation whose sender is
not a connection is left unanswered.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta

from ssi_lint.model import Position, Problem
from ssi_lint_linkedin_export.archive import Archive
from ssi_lint_linkedin_export.csvread import UNREADABLE_ROW, Row, Table
from ssi_lint_linkedin_export.network import Network, account_owner, first_name, person_name
from ssi_lint_linkedin_export.observation import Observation, Settings, Window

ACCEPTANCE_LAG_DAYS = 30
"""Invitations younger than this are left out of the acceptance estimate (99 % of acceptances arrive within 30 days)."""
MIN_ACCEPTANCE_SAMPLE = 10
"""Below this many judged invitations no acceptance rate is reported."""
NOTE_DAYS = 30
"""LinkedIn counts a free account's personal notes per 30 days."""
_TRUE = {"yes", "true", "1"}


def observe_invitations(out: Observation, archive: Archive, network: Network, window: Window, settings: Settings) -> list[date]:
    """Invitation volume, notes, acceptance and pending; returns the days invitations went out in the window."""
    table = archive.table("invitations")
    origin = archive.origin("invitations")
    outgoing, incoming = _split_directions(table, window.as_of, out.problems)
    out.section(("outreach",), origin["file"])
    recent = [row for row in outgoing if window.contains(row.when.date())]
    per_day = Counter(row.when.date() for row in recent)
    busiest_day = max(sorted(per_day), key=lambda day: per_day[day], default=None)
    start, end, busiest_week = _busiest_span(per_day, window)
    out.set(("outreach", "invitations", "per_day"), per_day[busiest_day] if busiest_day else 0, **origin,
            note="OUTGOING rows, the busiest calendar day of the window")
    out.set(("outreach", "invitations", "per_week"), busiest_week, **origin, note="OUTGOING rows, the busiest 7 days of the window")
    style = _note_style(recent)
    if style is not None:
        out.set(("outreach", "invitations", "note"), style, **origin, note="the Message column of OUTGOING rows in the window")
    _observe_acceptance(out, outgoing, network, window, origin)
    _observe_pending(out, outgoing, incoming, network, window, settings, origin)
    out.set(("export", "invitations_sent"), len(recent), **origin)
    out.set(("export", "invitations_per_day_average"), round(len(recent) / window.days, 2), **origin)
    if busiest_day is not None:
        out.set(("export", "busiest_day"), {"date": busiest_day.isoformat(), "invitations": per_day[busiest_day]}, **origin)
        out.set(("export", "busiest_7_days"), {"start": start.isoformat(), "end": end.isoformat(), "invitations": busiest_week}, **origin)
    since = window.as_of - timedelta(days=NOTE_DAYS - 1)
    notes = sum(1 for row in outgoing if row.when.date() >= since and row.get("message"))
    out.set(("export", "notes_last_30_days"), notes, **origin, note="OUTGOING rows with a Message in the 30 days up to as_of")
    return sorted(per_day)


def observe_messages(out: Observation, archive: Archive, window: Window) -> list[date]:
    """Messages the owner sent: the busiest day of the window; returns the days they were sent."""
    table = archive.table("messages")
    origin = archive.origin("messages")
    owner = account_owner(archive.table("profile"), table)
    sent = [
        row for row in (table.rows if table else ())
        if owner and person_name(row.get("from")) == owner and row.get("ismessagedraft").casefold() not in _TRUE
        and window.contains(row.when.date())
    ]
    per_day = Counter(row.when.date() for row in sent)
    out.set(("outreach", "messages", "per_day"), max(per_day.values(), default=0), **origin,
            note="messages you sent (FROM is you), the busiest day of the window")
    out.set(("export", "messages_sent"), len(sent), **origin)
    return sorted(per_day)


def _split_directions(table: Table | None, as_of: date, problems: list[Problem]) -> tuple[list[Row], list[Row]]:
    """OUTGOING and INCOMING rows sent on or before as_of; rows of another direction are reported."""
    outgoing, incoming = [], []
    for row in table.rows if table else ():
        direction = row.get("direction").upper()
        if direction not in ("OUTGOING", "INCOMING"):
            message = f"row at line {row.line} of {row.file} has a `Direction` that is neither INCOMING nor OUTGOING; the row is skipped"
            problems.append(Problem(UNREADABLE_ROW, message, Position(row.line, 1), (), row.file))
        elif row.when.date() <= as_of:
            (outgoing if direction == "OUTGOING" else incoming).append(row)
    return outgoing, incoming


def _busiest_span(per_day: Counter[date], window: Window) -> tuple[date, date, int]:
    """The 7 consecutive days inside the window with the most invitations (the earliest on ties)."""
    if window.days <= 7:
        return window.start, window.as_of, sum(per_day.values())
    best = (window.start, window.start + timedelta(days=6), -1)
    day = window.start + timedelta(days=6)
    while day <= window.as_of:
        total = sum(per_day.get(day - timedelta(days=back), 0) for back in range(7))
        if total > best[2]:
            best = (day - timedelta(days=6), day, total)
        day += timedelta(days=1)
    return best


def _note_style(recent: list[Row]) -> str | None:
    """`none` when most invitations carry no note; else `template` when the notes, with the
    invitee's name masked, mostly repeat; else `personalized`. None without invitations."""
    if not recent:
        return None
    notes = [_masked_note(row) for row in recent if row.get("message")]
    if len(notes) * 2 < len(recent):
        return "none"
    repeated = len(notes) >= 3 and len(set(notes)) * 2 <= len(notes)
    return "template" if repeated else "personalized"


def _masked_note(row: Row) -> str:
    """The note with the invitee's name replaced, so that a template reads the same for everyone."""
    text = person_name(row.get("message"))
    full = person_name(row.get("to"))
    for name in filter(None, (full, first_name(row, "to"))):
        text = re.sub(rf"\b{re.escape(name)}\b", "{name}", text)
    return text


def _observe_acceptance(out: Observation, outgoing: list[Row], network: Network, window: Window, origin: dict[str, str]) -> None:
    cutoff = window.as_of - timedelta(days=ACCEPTANCE_LAG_DAYS)
    judged = [row for row in outgoing if row.when.date() <= cutoff]
    accepted = sum(1 for row in judged if _connected(network, row, "inviteeprofileurl", "to"))
    out.set(("export", "acceptance_sample"), len(judged), **origin,
            note=f"OUTGOING rows sent on or before {cutoff.isoformat()}")
    if len(judged) >= MIN_ACCEPTANCE_SAMPLE:
        out.set(("outreach", "acceptance_rate"), round(accepted / len(judged), 3), **origin,
                note=f"{accepted} of {len(judged)} invitations sent on or before {cutoff.isoformat()} became connections")


def _observe_pending(out: Observation, outgoing: list[Row], incoming: list[Row], network: Network,
                     window: Window, settings: Settings, origin: dict[str, str]) -> None:
    horizon = settings.withdraw_after_days
    ages = sorted(
        ((window.as_of - row.when.date()).days for row in outgoing if not _connected(network, row, "inviteeprofileurl", "to")),
        reverse=True,
    )
    fresh = sum(1 for age in ages if age <= horizon)
    out.set(("outreach", "pending", "sent"), fresh, **origin,
            note=f"OUTGOING rows not among the connections, at most {horizon} days old")
    received = sum(1 for row in incoming if not _connected(network, row, "inviterprofileurl", "from"))
    out.set(("outreach", "pending", "received"), received, **origin, note="INCOMING rows whose sender is not a connection")
    out.set(("export", "withdraw_horizon_days"), horizon, **origin)
    out.set(("export", "stale_pending"), len(ages) - fresh, **origin,
            note=f"OUTGOING rows not among the connections, older than {horizon} days")
    out.set(("export", "oldest_pending_days"), ages[0] if ages else 0, **origin)
    out.set(("export", "pending_age_days"), ages, **origin)


def _connected(network: Network, row: Row, url_column: str, name_column: str) -> bool:
    return network.connected_since(row.get(url_column), row.get(name_column), row.when.date())
