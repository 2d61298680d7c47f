"""Turn a read archive into an observed plan: the plan's own fields where they exist, `export` for the rest.

The window is the `window_days` calendar days ending with `as_of`; `as_of`
defaults to the day of the newest activity in the archive (else the date in
the archive's name). State metrics (connections, pending, profile) are taken
as of that day; rates (invitations, messages, content, searches) over the
window.
"""

from __future__ import annotations

from datetime import date

from ssi_lint.model import Position, Problem
from ssi_lint_linkedin_export.activity import observe_content, observe_prospecting
from ssi_lint_linkedin_export.archive import Archive
from ssi_lint_linkedin_export.csvread import UNREADABLE_ROW
from ssi_lint_linkedin_export.formats import ACTIVITY_FILES
from ssi_lint_linkedin_export.network import Network
from ssi_lint_linkedin_export.observation import Observation, Settings, Window, round_count
from ssi_lint_linkedin_export.outreach import observe_invitations, observe_messages
from ssi_lint_linkedin_export.profile import observe_profile

NO_ACTIVITY = "EXP004"


def observe(archive: Archive, settings: Settings) -> Observation:
    """The observed plan of an archive under the given settings."""
    out = Observation(archive.source, problems=list(archive.problems))
    out.set(("version",), 1)
    newest, oldest = activity_range(archive)
    as_of = settings.as_of or newest or archive.made_on
    connections = archive.table("connections")
    network = Network(connections, as_of)
    out.section(("account",), archive.origin("connections")["file"])
    if settings.tier is not None:
        out.set(("account", "tier"), settings.tier, "", given="tier")
    out.set(("account", "connections"), network.size, **archive.origin("connections"),
            note="rows" + (f" connected on or before {as_of.isoformat()}" if as_of else ""))
    observe_profile(out, archive, as_of)
    if as_of is None:
        message = f"{archive.source} holds no dated activity; only the network and the profile are observed"
        out.problems.append(Problem(NO_ACTIVITY, message, Position(1, 1)))
        return out
    window = Window(as_of, settings.window_days)
    if oldest is not None and oldest <= as_of:
        out.set(("account", "age_days"), (as_of - oldest).days, "", note=f"days since the oldest dated row ({oldest.isoformat()})")
    active: set[date] = set()
    active.update(observe_invitations(out, archive, network, window, settings))
    active.update(observe_messages(out, archive, window))
    active.update(observe_content(out, archive, window))
    active.update(observe_prospecting(out, archive, window))
    out.set(("account", "active_days_per_week"), min(7, round_count(window.per_week(len(active)))), "",
            note="days with an invitation, message, post, comment, reaction or search sent, per week")
    _summary(out, archive, window, newest, oldest, len(active))
    if newest is None or newest < window.start:
        message = f"no activity in {archive.source} falls in the {window.days} days up to {as_of.isoformat()}; rates are 0"
        out.problems.append(Problem(NO_ACTIVITY, message, Position(1, 1)))
    return out


def activity_range(archive: Archive) -> tuple[date | None, date | None]:
    """The newest and oldest day of any dated activity row in the archive."""
    days = [
        row.when.date()
        for key in ACTIVITY_FILES
        if (table := archive.table(key)) is not None
        for row in table.rows
        if row.when is not None
    ]
    return (max(days), min(days)) if days else (None, None)


def _summary(out: Observation, archive: Archive, window: Window, newest: date | None, oldest: date | None, active: int) -> None:
    """The `export` fields describing the observation itself."""
    out.set(("export", "archive"), archive.kind)
    if archive.made_on is not None:
        out.set(("export", "archive_date"), archive.made_on.isoformat())
    out.set(("export", "as_of"), window.as_of.isoformat())
    out.set(("export", "window_days"), window.days)
    out.set(("export", "window_start"), window.start.isoformat())
    if newest is not None and oldest is not None:
        out.set(("export", "newest_activity"), newest.isoformat())
        out.set(("export", "oldest_activity"), oldest.isoformat())
    out.set(("export", "active_days"), active)
    out.set(("export", "files_missing"), archive.missing)
    out.set(("export", "unreadable_rows"), sum(1 for problem in out.problems if problem.code == UNREADABLE_ROW))
