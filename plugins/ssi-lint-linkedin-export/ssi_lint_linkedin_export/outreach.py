"""Observed outreach: invitations sent (busiest day and 7 days), notes, acceptance, pending, messages.

Everything follows DOMAIN.md's "what can be derived": OUTGOING rows of
Invitations.csv by `Sent At`; acceptance counts outgoing invitees later found
among the connections, leaving out the last 30 days (too recent to judge);
a sent invitation not (yet) connected is pending, whatever its age (the
export does not show withdrawals), and stale once older than the withdraw
horizon; an incoming invitation whose sender is
not a connection is left unanswered.

Rows are aggregated as they stream past (`InvitationLog`, `MessageLog`): by
day, and by the day the invitee became a connection, so memory follows the
number of days, not of rows, but for one hash a row that counts an exact
duplicate once (`network.SeenRows`: the same sender, invitee and `Sent At`).
Invitation notes are kept (as hashes of the note with the name masked) only
for the days that can still fall in the window.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from ssi_lint.engine.templates import counted
from ssi_lint.model import Position, Problem
from ssi_lint_linkedin_export.csvread import UNREADABLE_ROW, Row
from ssi_lint_linkedin_export.dates import last_day
from ssi_lint_linkedin_export.daylog import DayLog
from ssi_lint_linkedin_export.network import (UNDATED, LatestDays, Network, SeenRows, account_owner, connected, first_name, person_name,
                                              profile_url)
from ssi_lint_linkedin_export.observation import Observation, Settings, Window

ACCEPTANCE_NOT_MEASURED = "EXP009"
UNDATED_INVITATIONS = "EXP011"
ACCEPTANCE_LAG_DAYS = 30
"""Invitations younger than this are left out of the acceptance estimate (99 % of acceptances arrive within 30 days)."""
MIN_ACCEPTANCE_SAMPLE = 10
"""Below this many judged invitations no acceptance rate is reported."""
NOTE_DAYS = 30
"""LinkedIn counts a free account's personal notes per 30 days."""
MAX_NOTE_KEYS = 200_000
"""Distinct invitation notes remembered for telling a template from personal notes; more count as distinct."""
_TRUE = {"yes", "true", "1"}


@dataclass(slots=True)
class InvitationLog:
    """Invitations.csv, aggregated: sent per day, notes per day, and what became of each day's invitations."""

    network: Network
    settings: Settings
    problems: list[Problem]
    sent: DayLog = field(default_factory=DayLog)
    noted: Counter[date] = field(default_factory=Counter)
    outcomes: dict[tuple[date, date | None], list[int]] = field(default_factory=dict)
    """(day sent, day accepted or None) of OUTGOING rows -> [count, line of the first such row]."""
    received: dict[tuple[date, date | None], list[int]] = field(default_factory=dict)
    """(day sent, day the sender became a connection or None) of INCOMING rows -> [count, line of the first]."""
    undated: dict[tuple[str, date | None], list[int]] = field(default_factory=dict)
    """(direction, day the other person became a connection or None) of rows with a blank `Sent At` -> [count, line of
    the first]: sent (or received) invitations whose day is unknown, still pending unless connected."""
    incoming: DayLog = field(default_factory=DayLog)
    invitees: LatestDays = field(default_factory=LatestDays)
    """The day of the latest invitation to each person invited (0: none known), so one sent again replaces the earlier."""
    replaced: Counter[tuple[date, date | None]] = field(default_factory=Counter)
    """`outcomes` keys (UNDATED for a day not known) of OUTGOING invitations a later one to the same person replaced:
    a person has at most one pending invitation."""
    superseded: Counter[tuple[date, date | None]] = field(default_factory=Counter)
    """Those of `replaced` not accepted before the invitation that replaced them was sent: the person's connection, if
    any, answers the later one, so the earlier is a sent invitation that was not accepted."""
    notes: dict[date, Counter[int]] = field(default_factory=dict)
    note_keys: int = 0
    notes_overflow: int = 0
    seen: SeenRows = field(default_factory=SeenRows)
    newest: date | None = None
    """The newest day sent (on or before `latest`), which with `made_on` bounds the days whose notes are kept."""
    made_on: date | None = None
    """The day the export was made (the date in its name), None when it is not known."""

    @property
    def latest(self) -> date | None:
        """The last day the export can show (`dates.last_day`), None when its date is not known."""
        return last_day(self.made_on)

    def add(self, row: Row) -> None:
        """Aggregate one row; a row with a blank `Sent At` is an invitation whose day is unknown (`undated`)."""
        direction = row.get("direction").upper()
        if direction not in ("OUTGOING", "INCOMING"):
            message = f"row at line {row.line} of {row.file} has a `Direction` that is neither INCOMING nor OUTGOING; the row is skipped"
            self.problems.append(Problem(UNREADABLE_ROW, message, Position(row.line, 1), (), row.file))
            return
        sender = row.get("inviterprofileurl") or row.get("from")
        invitee = row.get("inviteeprofileurl") or row.get("to")
        if not self.seen.first(sender, invitee, row.when):
            return  # LinkedIn allows one pending invitation per person: the same row again is the same invitation
        if direction == "OUTGOING":
            self._replace(row)
        if row.when is None:
            self._add_undated(direction, row)
            return
        day = row.when.date()
        if self.latest is None or day <= self.latest:
            self.newest = max(self.newest or day, day)
        if direction == "INCOMING":
            self.incoming.add(row.when, row.line)
            key = (day, self.network.accepted_on(row.get("inviterprofileurl"), row.get("from"), day))
            self.received.setdefault(key, [0, row.line])[0] += 1
            return
        self.sent.add(row.when, row.line)
        key = (day, self.network.accepted_on(row.get("inviteeprofileurl"), row.get("to"), day))
        self.outcomes.setdefault(key, [0, row.line])[0] += 1
        if row.get("message"):
            self.noted[day] += 1
            self._remember_note(day, row)

    def _replace(self, row: Row) -> None:
        """Keep only the latest invitation to each person as a candidate for pending (an undated one counts as the
        earliest); the one it replaces goes into `replaced`."""
        url, name = row.get("inviteeprofileurl"), row.get("to")
        person = profile_url(url) or person_name(name)
        if not person:  # no URL and no name: nothing tells two such invitations to one person apart, each counts
            return
        day = row.when.date().toordinal() if row.when else 0
        found = self.invitees.newer(day, person)
        if found is not None:
            earlier, later = found
            sent = date.fromordinal(earlier) if earlier else UNDATED
            key = (sent, self.network.accepted_on(url, name, sent))
            self.replaced[key] += 1
            accepted = key[1]
            if accepted is None or accepted == UNDATED or accepted.toordinal() >= later:
                self.superseded[key] += 1

    def _add_undated(self, direction: str, row: Row) -> None:
        """Count an invitation without a day: sent (or received), and connected or not, whenever that was."""
        other = "invitee" if direction == "OUTGOING" else "inviter"
        accepted = self.network.accepted_on(row.get(f"{other}profileurl"), row.get("to" if other == "invitee" else "from"), UNDATED)
        self.undated.setdefault((direction, accepted), [0, row.line])[0] += 1

    def undated_count(self, direction: str, connected_by: date | None = None) -> tuple[int, int]:
        """Invitations of a direction without a day (only those not connected by `connected_by`, when given), and the
        line of the first of them (0 when there is none)."""
        rows = [(count - (self.replaced[(UNDATED, accepted)] if way == "OUTGOING" and connected_by else 0), line)
                for (way, accepted), (count, line) in self.undated.items()
                if way == direction and (connected_by is None or not connected(accepted, connected_by))]
        rows = [(count, line) for count, line in rows if count > 0]
        return sum(count for count, _ in rows), min((line for _, line in rows), default=0)

    def _remember_note(self, day: date, row: Row) -> None:
        """Keep the masked note's hash while its day can still fall in the window."""
        horizon = self.settings.end(self.made_on, self.newest)
        if horizon is None or day > horizon or (horizon - day).days >= self.settings.window_days:
            return
        if self.note_keys >= MAX_NOTE_KEYS:
            self.notes_overflow += 1
            return
        counter = self.notes.setdefault(day, Counter())
        key = hash(_masked_note(row))
        self.note_keys += key not in counter
        counter[key] += 1
        if self.settings.as_of is None and len(self.notes) > self.settings.window_days:
            for old in [known for known in self.notes if (horizon - known).days >= self.settings.window_days]:
                self.note_keys -= len(self.notes.pop(old))

    @property
    def day_logs(self) -> tuple[DayLog, ...]:
        return (self.sent, self.incoming)


@dataclass(slots=True)
class MessageLog:
    """messages.csv, aggregated: per sender, the messages sent per day (drafts left out); per participant, conversations."""

    participants: Counter[str] = field(default_factory=Counter)
    """Name (matching key) -> conversations they wrote or received in (FROM or TO): the owner is in every one."""
    seen: set[int] = field(default_factory=set)
    sent: dict[str, DayLog] = field(default_factory=dict)
    log: DayLog = field(default_factory=DayLog)

    def add(self, row: Row) -> None:
        assert row.when is not None
        self.log.add(row.when, row.line)
        sender = person_name(row.get("from"))
        conversation = row.get("conversationid")
        for name in (sender, *(person_name(part) for part in row.get("to").split(","))):
            pair = hash((name, conversation))
            if name and pair not in self.seen:
                self.seen.add(pair)
                self.participants[name] += 1
        if sender and row.get("ismessagedraft").casefold() not in _TRUE:
            self.sent.setdefault(sender, DayLog()).add(row.when, row.line)

    @property
    def day_logs(self) -> tuple[DayLog, ...]:
        return (self.log,)

    def owner_sent(self, profile: Row | None) -> DayLog:
        """The messages the account's owner sent (`network.account_owner`), by day: received ones are not its
        activity. Empty when the owner cannot be told apart (no name at all, or, without Profile.csv's name among
        them, two people in as many conversations), so that no one else's message is taken for the owner's own."""
        owner = account_owner(profile, self.participants)
        named = profile is not None and person_name(f"{profile.get('firstname')} {profile.get('lastname')}") == owner
        most = sorted(self.participants.values(), reverse=True)[:2]
        if not owner or (not named and len(most) == 2 and most[0] == most[1]):
            return DayLog()
        return self.sent.get(owner) or DayLog()


def observe_invitations(out: Observation, log: InvitationLog | None, file: str, window: Window,
                        settings: Settings, network_known: bool) -> list[date]:
    """Invitation volume, notes, acceptance and pending (these only when the connections are known);
    returns the days invitations went out in the window."""
    if log is None:
        return []
    out.section(("outreach",), file)
    sent = log.sent
    days = sent.in_window(window)
    busiest_day = sent.busiest_day(window)
    start, end, busiest_week = sent.busiest_span(window)
    week_days = [start + timedelta(days=offset) for offset in range((end - start).days + 1)]
    undated, undated_line = log.undated_count("OUTGOING")
    at_least = f"; a lower bound: {undated:,} more OUTGOING rows have no Sent At" if undated else ""
    if busiest_week or not undated:
        out.set(("outreach", "invitations", "per_day"), sent.counts[busiest_day] if busiest_day else 0, file,
                sent.first_line([busiest_day] if busiest_day else []), "OUTGOING rows, the busiest calendar day of the window" + at_least)
        out.set(("outreach", "invitations", "per_week"), busiest_week, file, sent.first_line(week_days),
                "OUTGOING rows, the busiest 7 days of the window" + at_least)
    else:
        _volume_unmeasured(out, undated, window)
    if undated:
        out.set(("export", "undated_invitations"), undated, file, undated_line,
                "OUTGOING rows with a blank Sent At: sent, on a day the export does not show")
        out.problems.append(_undated_problem(file, undated, undated_line, sent.counts[busiest_day] if busiest_day else 0, busiest_week))
    if busiest_week:  # the days those 7 held invitations on: the week's pace is per_week over them, never above per_day
        sending = sum(1 for day in week_days if sent.counts.get(day))
        out.set(("outreach", "active_days_per_week"), max(1, sending), file, sent.first_line(week_days),
                "days with OUTGOING rows in the busiest 7 days of the window")
    recent = sent.total(window)
    style = _note_style(log, window, recent)
    if style is not None:
        out.set(("outreach", "invitations", "note"), style, file, sent.first_line(days),
                "the Message column of OUTGOING rows in the window")
    if network_known:
        _observe_acceptance(out, log, window, file, recent)
        _observe_pending(out, log, window, settings, file)
    else:
        _observe_sent_ages(out, log, window, file)
    out.set(("export", "invitations_sent"), recent, file)
    out.set(("export", "invitations_per_day_average"), round(recent / window.days, 2), file)
    if busiest_day is not None:
        out.set(("export", "busiest_day"), {"date": busiest_day.isoformat(), "invitations": sent.counts[busiest_day]}, file)
        out.set(("export", "busiest_7_days"), {"start": start.isoformat(), "end": end.isoformat(), "invitations": busiest_week}, file)
    since = window.as_of - timedelta(days=NOTE_DAYS - 1)
    notes = sum(count for day, count in log.noted.items() if since <= day <= window.as_of)
    out.set(("export", "notes_last_30_days"), notes, file, note="OUTGOING rows with a Message in the 30 days up to as_of")
    return days


def _volume_unmeasured(out: Observation, undated: int, window: Window) -> None:
    """No dated invitation in the window, but some without a day: the volume is unknown, not 0."""
    why = (f"{undated:,} OUTGOING rows have no Sent At and none dated in the {window.days} days up to {window.as_of.isoformat()}:"
           " when they went out is unknown, so the volume is unknown, not 0")
    for name in ("per_day", "per_week"):
        out.unmeasure(("outreach", "invitations", name), why)


def _undated_problem(file: str, undated: int, line: int, per_day: int, per_week: int) -> Problem:
    """The EXP011 problem: invitations without a day count as sent and pending, but their volume is a lower bound."""
    volume = (f"the invitation volume is at least what the dated rows show ({per_day} on the busiest day, {per_week} in the"
              " busiest 7 days) and may be higher" if per_week else
              "the invitation volume is unknown (not 0): no dated invitation falls in the window")
    message = (f"{file} has {counted(undated, 'OUTGOING invitation')} with no `Sent At`, the first at line"
               f" {line}: each is a sent invitation, pending unless the invitee is a connection, but when it went out is"
               f" unknown, so {volume}")
    return Problem(UNDATED_INVITATIONS, message, Position(line, 1), ("outreach", "invitations"), file)


def observe_messages(out: Observation, log: MessageLog | None, profile: Row | None, file: str, window: Window) -> list[date]:
    """Messages the owner sent: the busiest day of the window; returns the days they were sent.

    When the owner cannot be told (no Profile.csv and no sender at all), what they sent is unknown."""
    if log is None:
        return []
    owner = account_owner(profile, log.participants)
    if not owner:
        out.unknown.update({("outreach", "messages"), ("outreach", "messages", "per_day")})
        return []
    sent = log.sent.get(owner) or DayLog()
    busiest = sent.busiest_day(window)
    out.set(("outreach", "messages", "per_day"), sent.counts[busiest] if busiest else 0, file,
            sent.first_line([busiest] if busiest else []), "messages you sent (FROM is you), the busiest day of the window")
    out.set(("export", "messages_sent"), sent.total(window), file)
    return sent.in_window(window)


def _note_style(log: InvitationLog, window: Window, recent: int) -> str | None:
    """`none` when most invitations carry no note; else `template` when the notes, with the
    invitee's name masked, mostly repeat; else `personalized`. None without invitations."""
    if not recent:
        return None
    notes = sum(count for day, count in log.noted.items() if window.contains(day))
    if notes * 2 < recent:
        return "none"
    distinct: set[int] = set()
    for day, counter in log.notes.items():
        if window.contains(day):
            distinct.update(counter)
    repeated = notes >= 3 and (len(distinct) + log.notes_overflow) * 2 <= notes
    return "template" if repeated else "personalized"


def _masked_note(row: Row) -> str:
    """The note with the invitee's name replaced, so that a template reads the same for everyone."""
    text = person_name(row.get("message"))
    full = person_name(row.get("to"))
    for name in filter(None, (full, first_name(row, "to"))):
        text = re.sub(rf"\b{re.escape(name)}\b", "{name}", text)
    return text


def _observe_acceptance(out: Observation, log: InvitationLog, window: Window, file: str, recent: int) -> None:
    """The acceptance rate; unknown (with one EXP009 problem when invitations go out in the window) when
    too few invitations are old enough to judge: absent is not "no rate", and the typical rate is assumed."""
    cutoff = window.as_of - timedelta(days=ACCEPTANCE_LAG_DAYS)
    judged = accepted = 0
    line = 0
    for (sent, accepted_on), (count, first) in log.outcomes.items():
        if sent <= cutoff:
            judged += count
            # an invitation sent again replaced the earlier one: the connection answers the later, not both
            accepted += count - log.superseded[(sent, accepted_on)] if connected(accepted_on, window.as_of) else 0
            line = min(line or first, first)
    out.set(("export", "acceptance_sample"), judged, file, note=f"OUTGOING rows sent on or before {cutoff.isoformat()}")
    if judged >= MIN_ACCEPTANCE_SAMPLE:
        out.set(("outreach", "acceptance_rate"), round(accepted / judged, 3), file, line or 1,
                f"{accepted} of {judged} invitations sent on or before {cutoff.isoformat()} became connections")
        return
    why = (f"{judged} invitation{'' if judged == 1 else 's'} sent on or before {cutoff.isoformat()} ({ACCEPTANCE_LAG_DAYS} days"
           f" or more before {window.as_of.isoformat()}), fewer than the {MIN_ACCEPTANCE_SAMPLE} needed to measure how many are accepted")
    out.unmeasure(("outreach", "acceptance_rate"), why)
    if recent:
        from ssi_lint.facts import typical_acceptance_rate

        message = (f"{file} has {why}: the acceptance rate is unknown, so the low-acceptance check (OUT008) is silent, and"
                   f" unless a plan states one the projection and the new-connection estimate assume the typical"
                   f" {typical_acceptance_rate():.0%} are accepted")
        out.problems.append(Problem(ACCEPTANCE_NOT_MEASURED, message, Position(line or 1, 1), ("outreach",), file))


def _observe_sent_ages(out: Observation, log: InvitationLog, window: Window, file: str) -> None:
    """Without the connections, which sent invitations are pending is unknown, but never more than were sent:
    `export.sent_ages` counts them by age, so that an assumed backlog stays within what the export shows."""
    ages: Counter[int] = Counter()
    for (sent, _), (count, _) in log.outcomes.items():
        if sent <= window.as_of:
            ages[(window.as_of - sent).days] += count
    out.set(("export", "sent_ages"), [{"days": age, "invitations": ages[age]} for age in sorted(ages, reverse=True)], file,
            note="OUTGOING rows by age, of which those not accepted are pending (unknown without the connections)")


def _observe_pending(out: Observation, log: InvitationLog, window: Window, settings: Settings, file: str) -> None:
    """Sent invitations not (yet) connections are pending, whatever their age: the export does not show
    withdrawals, and unknown is not withdrawn; a person invited again has one, the latest (`replaced`).
    `export.stale_pending` counts those older than the horizon."""
    horizon = settings.withdraw_after_days
    ages: Counter[int] = Counter()
    oldest: tuple[int, int] | None = None
    for (sent, accepted_on), (count, line) in log.outcomes.items():
        count -= log.replaced[(sent, accepted_on)]  # one pending invitation a person: the latest
        if count > 0 and sent <= window.as_of and not connected(accepted_on, window.as_of):
            age = (window.as_of - sent).days
            ages[age] += count
            if oldest is None or (-age, line) < oldest:
                oldest = (-age, line)
    undated, undated_line = log.undated_count("OUTGOING", window.as_of)
    total = sum(ages.values()) + undated
    stale = sum(count for age, count in ages.items() if age > horizon)
    out.set(("outreach", "pending", "sent"), total, file, oldest[1] if oldest else undated_line or 1,
            "OUTGOING rows not among the connections, of any age (the export does not show withdrawals)"
            + (f", {undated:,} of them with no Sent At" if undated else ""))
    unanswered = [(count, line) for (sent, accepted_on), (count, line) in log.received.items()
                  if sent <= window.as_of and not connected(accepted_on, window.as_of)]
    unanswered.append(log.undated_count("INCOMING", window.as_of))
    out.set(("outreach", "pending", "received"), sum(count for count, _ in unanswered), file,
            min((line for count, line in unanswered if count), default=1), "INCOMING rows whose sender is not a connection")
    if undated:
        out.set(("export", "undated_pending"), undated, file, undated_line,
                "OUTGOING rows with no Sent At, not among the connections: pending, of an age the export does not show")
    out.set(("export", "withdraw_horizon_days"), horizon, file)
    out.set(("export", "stale_pending"), stale, file, note=f"OUTGOING rows not among the connections, older than {horizon} days")
    out.set(("export", "oldest_pending_days"), max(ages, default=0), file)
    out.set(("export", "pending_ages"), [{"days": age, "invitations": ages[age]} for age in sorted(ages, reverse=True)], file)
