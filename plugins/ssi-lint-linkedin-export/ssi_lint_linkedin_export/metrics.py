"""Turn a read archive into an observed plan: the plan's own fields where they exist, `export` for the rest.

The window is the `window_days` calendar days ending with `as_of`; `as_of`
defaults to the day the export was made, the date in the archive's name (or
the newest activity, when a row is dated the day after: row times are UTC),
so that an account idle before the export is judged idle; without that date,
to the day of the newest activity (`Settings.end`). The date bounds both: no row
dated after the last day the export can show (`dates.last_day`) ends the
window (each file holding such rows gets one EXP008 problem), and an
`--as-of` after it is a ConfigError. Rows recovered from irregular quoting
never end or start the activity either (`daylog.DayLog.range`). State
metrics (connections, pending) are taken as of that day (photo and banner
as of the day the export was made, whatever the window); rates
(invitations, messages, content, searches) over the window.

Unknown is not empty: what a file the archive lacks (or holds unusable)
would show goes into `Observation.unknown`, never a 0, and each plan section
missing such a file gets one EXP006 problem naming what could not be checked.
"""

from __future__ import annotations

from datetime import date

from ssi_lint.errors import ConfigError
from ssi_lint.model import PlanPath, Position, Problem, format_path
from ssi_lint_linkedin_export.activity import at_least_one, observe_content, observe_prospecting
from ssi_lint_linkedin_export.archive import Archive
from ssi_lint_linkedin_export.csvread import UNREADABLE_ROW
from ssi_lint_linkedin_export.daylog import DayLog
from ssi_lint_linkedin_export.formats import ACTIVITY_FILES, SPECS_BY_KEY
from ssi_lint_linkedin_export.network import Network
from ssi_lint_linkedin_export.observation import Observation, Settings, Window
from ssi_lint_linkedin_export.outreach import InvitationLog, MessageLog, observe_invitations, observe_messages
from ssi_lint_linkedin_export.profile import FirstRow, observe_profile

NO_ACTIVITY = "EXP004"
NOT_CHECKED = "EXP006"
ROWS_AFTER_EXPORT = "EXP008"
_PENDING = (("outreach", "pending"), ("outreach", "pending", "sent"), ("outreach", "pending", "received"))
SHOWS: dict[str, tuple[PlanPath, ...]] = {
    "connections": (("account", "connections"), ("outreach", "acceptance_rate"), *_PENDING),
    "invitations": (("outreach", "invitations"), ("outreach", "invitations", "per_day"), ("outreach", "invitations", "per_week"),
                    ("outreach", "invitations", "note"), ("outreach", "acceptance_rate"), *_PENDING),
    "messages": (("outreach", "messages"), ("outreach", "messages", "per_day")),
    "shares": (("content", "per_week", "posts"), ("content", "per_week", "reposts")),
    "comments": (("content", "per_week", "comments"),),
    "reactions": (("content", "per_week", "reactions"),),
    "companyfollows": (("prospecting", "companies_followed"),),
    "searchqueries": (("prospecting", "searches_per_week"), ("prospecting", "searches")),
    "profile": (("profile", "headline"), ("profile", "about")),
    "positions": (("profile", "experience"),),
    "skills": (("profile", "skills"),),
    "endorsementreceivedinfo": (("profile", "endorsements"),),
    "recommendationsreceived": (("profile", "recommendations"),),
    "certifications": (("profile", "certifications"),),
    "volunteering": (("profile", "volunteering"),),
    "richmedia": (("profile", "photo"), ("profile", "banner")),
}
"""The plan paths each file shows: unknown when the file is absent or unusable."""
SECTIONS: dict[str, tuple[str, ...]] = {
    "account": ("connections",),
    "outreach": ("invitations", "messages"),
    "content": ("shares", "comments", "reactions"),
    "prospecting": ("searchqueries", "companyfollows"),
    "profile": ("profile", "positions", "skills", "endorsementreceivedinfo", "recommendationsreceived", "certifications",
                "volunteering", "richmedia"),
}
"""The files each plan section's verdicts depend on."""
RATES: tuple[PlanPath, ...] = (
    ("account", "active_days_per_week"), ("account", "age_days"), *SHOWS["invitations"], *SHOWS["messages"],
    ("content", "per_week"), *SHOWS["shares"], *SHOWS["comments"], *SHOWS["reactions"], *SHOWS["searchqueries"],
)
"""What needs a window: unknown when the archive holds no dated activity."""


def observe(archive: Archive, settings: Settings) -> Observation:
    """The observed plan of an archive under the given settings.

    Raises ConfigError when `settings.as_of` is after the last day the export can show."""
    check_as_of(archive, settings.as_of)
    out = Observation(archive.source, problems=list(archive.problems))
    out.set(("version",), 1)
    newest, oldest = activity_range(archive)
    out.problems.extend(_rows_after(archive))
    as_of = settings.end(archive.made_on, newest)
    files = archive.first_files
    network = archive.log("connections")
    out.section(("account",), files.get("connections", ""))
    if settings.tier is not None:
        out.set(("account", "tier"), settings.tier, "", given="tier")
    if isinstance(network, Network):
        out.set(("account", "connections"), network.size(as_of), files["connections"], network.first_line(as_of),
                "rows" + (f" connected on or before {as_of.isoformat()}" if as_of else ""))
    profile = archive.log("profile")
    observe_profile(out, archive.logs, files, archive.latest)
    for key, paths in SHOWS.items():
        if archive.log(key) is None:
            out.unknown.update(paths)
    if as_of is None:
        message = f"{archive.source} holds no dated activity; only the network and the profile are observed"
        out.problems.append(Problem(NO_ACTIVITY, message, Position(1, 1)))
        out.unknown.update(RATES)
        _not_checked(out, archive)
        return out
    window = Window(as_of, settings.window_days)
    if oldest is not None and oldest <= as_of:
        _observe_age(out, archive, as_of, oldest)
    active: set[date] = set()
    invitations = archive.log("invitations")
    active.update(observe_invitations(out, invitations if isinstance(invitations, InvitationLog) else None,
                                      files.get("invitations", ""), window, settings, isinstance(network, Network)))
    messages = archive.log("messages")
    active.update(observe_messages(out, messages if isinstance(messages, MessageLog) else None,
                                   profile.row if isinstance(profile, FirstRow) else None, files.get("messages", ""), window))
    active.update(observe_content(out, archive.logs, files, window))
    active.update(observe_prospecting(out, archive.logs, files, window))
    undated = out.data.get("export", {}).get("undated_invitations", 0)
    if not active and undated:  # invitations went out, on days the export does not show: not an idle account
        out.unmeasure(("account", "active_days_per_week"), f"{undated:,} invitations have no Sent At and nothing is dated in"
                                                            " the window: on which days they went out is unknown, not none")
    elif any(archive.log(key) is not None for key in ("invitations", "messages", "shares", "comments", "reactions", "searchqueries")):
        out.set(("account", "active_days_per_week"), min(7, at_least_one(window.per_week(len(active)))), "",
                note="days with an invitation, message, post, comment, reaction or search sent, per week (any at all is at least 1)")
    else:
        out.unknown.add(("account", "active_days_per_week"))
    _summary(out, archive, window, newest, oldest, len(active))
    if not active:
        out.problems.append(Problem(NO_ACTIVITY, _no_activity(archive.source, window, undated), Position(1, 1)))
    _not_checked(out, archive)
    return out


def _no_activity(source: str, window: Window, undated: int) -> str:
    """The EXP004 message: rates of 0, but for the invitations the export shows sent without a day (EXP011)."""
    if not undated:
        return (f"no activity in {source} falls in the {window.days} days up to {window.as_of.isoformat()}: the files it reads"
                " show none (their rates are 0); what no file shows stays unknown (EXP006)")
    return (f"no dated activity in {source} falls in the {window.days} days up to {window.as_of.isoformat()}, but {undated:,}"
            " invitations have no `Sent At` (EXP011): the invitation volume and the days of activity are unknown, not 0;"
            " the other files it reads show none (their rates are 0); what no file shows stays unknown (EXP006)")


def check_as_of(archive: Archive, as_of: date | None) -> None:
    """ConfigError when the day asked for is after the last day the export can show: its window would
    report rates of 0 that no file shows."""
    latest = archive.latest
    if as_of is not None and latest is not None and archive.made_on is not None and as_of > latest:
        raise ConfigError(f"--as-of {as_of.isoformat()} is after {archive.source} was made ({archive.made_on.isoformat()},"
                          " the date in its name): the export cannot show that day")


def _observe_age(out: Observation, archive: Archive, as_of: date, oldest: date) -> None:
    """`account.age_days`, the account's days of activity as OUT006 reads them: the days since the oldest dated row,
    or, when the account was dormant and resumed (`resumption`), the days since it resumed (`export.resumed_on`)."""
    resumed = resumption(archive, as_of)
    if resumed is None:
        out.set(("account", "age_days"), (as_of - oldest).days, "", note=f"days since the oldest dated row ({oldest.isoformat()})")
        return
    day, idle = resumed
    out.set(("account", "age_days"), (as_of - day).days, "",
            note=f"days since activity resumed on {day.isoformat()} after {idle:,} days without any: a dormant account counts its"
                 f" days of activity from then, not from the oldest dated row ({oldest.isoformat()})")
    out.set(("export", "resumed_on"), day.isoformat())
    out.set(("export", "idle_days_before"), idle)


def resumption(archive: Archive, as_of: date) -> tuple[date, int] | None:
    """The day activity last resumed after a dormancy, and the days without any activity before it; None when the
    account was active throughout.

    Dormant is more days without activity of any kind (any dated row of what the account did, as `activity_range`
    counts them: not the invitations and messages others sent it) than a new account's window, OUT006's
    `new_account_days`: such an account has no recent history to spend, whatever its age.
    """
    from ssi_lint.simulation.parameters import load_parameters

    quiet = load_parameters()["new_account_days"]
    days = sorted({day for log in _activity_logs(archive) for day in log.dated(as_of)})
    gaps = [(later, (later - earlier).days - 1) for earlier, later in zip(days, days[1:]) if (later - earlier).days - 1 > quiet]
    return gaps[-1] if gaps else None


def activity_range(archive: Archive) -> tuple[date | None, date | None]:
    """The newest and oldest day of any dated activity row in the archive (`_activity_logs`), on or before the last
    day it can show (`Archive.latest`); rows recovered from irregular quoting do not count (`DayLog.range`)."""
    days = [day for log in _activity_logs(archive) for day in log.range(archive.latest) if day is not None]
    return (max(days), min(days)) if days else (None, None)


def _day_logs(archive: Archive, keys: tuple[str, ...] = ACTIVITY_FILES) -> list[DayLog]:
    """The rows by day of the given files' collectors (those present)."""
    return [day_log for key in keys for day_log in getattr(archive.log(key), "day_logs", ())]


def _activity_logs(archive: Archive) -> list[DayLog]:
    """The rows by day of what the account itself did: the invitations it sent (not those it received), the messages
    its owner sent (not those received; none when the owner cannot be told, `MessageLog.owner_sent`), and the other
    activity files' rows. What others send an account does not make it active: a dormant account stays dormant."""
    logs: list[DayLog] = []
    for key in ACTIVITY_FILES:
        log = archive.log(key)
        if isinstance(log, InvitationLog):
            logs.append(log.sent)
        elif isinstance(log, MessageLog):
            profile = archive.log("profile")
            logs.append(log.owner_sent(profile.row if isinstance(profile, FirstRow) else None))
        else:
            logs.extend(getattr(log, "day_logs", ()))
    return logs


def _rows_after(archive: Archive) -> list[Problem]:
    """One EXP008 problem per file with rows dated after the last day the export can show."""
    latest = archive.latest
    if latest is None or archive.made_on is None:
        return []
    problems = []
    for key in ACTIVITY_FILES:
        found = [log.after(latest) for log in _day_logs(archive, (key,))]
        count = sum(rows for rows, _ in found)
        if not count:
            continue
        line = min(line for rows, line in found if rows)
        file = archive.file(key)
        message = (f"{file} has {count} row{'' if count == 1 else 's'} dated after {archive.source} was made"
                   f" ({archive.made_on.isoformat()}, the date in its name), the first at line {line}: no export shows"
                   " such a day, so they do not end the window and are not counted")
        problems.append(Problem(ROWS_AFTER_EXPORT, message, Position(line, 1), (), file))
    return problems


def _not_checked(out: Observation, archive: Archive) -> None:
    """One EXP006 problem per plan section whose files are absent or unusable, naming what could not be checked.

    A section that none of its files shows is unknown as a whole: the export does not say the account has no
    profile, only that it holds none of the profile's files, so rules about the section's absence stay silent too.
    """
    for section, keys in SECTIONS.items():
        lacking = [key for key in keys if archive.log(key) is None]
        if not lacking:
            continue
        if len(lacking) == len(keys) and section not in out.data:
            out.unknown.add((section,))
        names = ", ".join(SPECS_BY_KEY[key].name for key in lacking)
        paths = sorted({format_path(path) for key in lacking for path in SHOWS[key] if _is_leaf(path)})
        message = (f"{archive.source} has no usable {names}: {', '.join(paths)} could not be checked "
                   "(unknown, not 0; rules about them stay silent)")
        out.problems.append(Problem(NOT_CHECKED, message, Position(1, 1), (section,)))


def _is_leaf(path: PlanPath) -> bool:
    return not any(other[: len(path)] == path and other != path for paths in SHOWS.values() for other in paths)


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
    out.set(("export", "duplicate_rows"), sum(log.seen.duplicates for key in ("invitations", "connections")
                                              if isinstance(log := archive.log(key), (InvitationLog, Network))))
