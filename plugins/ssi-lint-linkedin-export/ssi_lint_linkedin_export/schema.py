"""The `export` section this plugin adds to the plan schema: observed metrics plan fields cannot express."""

from __future__ import annotations

from typing import Any

_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_COUNT = {"type": "integer", "minimum": 0}
_RATE = {"type": "number", "minimum": 0}


def _field(base: dict[str, Any], description: str) -> dict[str, Any]:
    return {**base, "description": description}


def _object(description: str, properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "description": description, "additionalProperties": False, "properties": properties}
    if required:
        schema["required"] = list(required)
    return schema


EXPORT_SCHEMA: dict[str, Any] = _object(
    "What LinkedIn's data export (\"Download your data\") shows, beyond the plan's own fields; written by the "
    "ssi-lint-linkedin-export plugin. Dates are YYYY-MM-DD; rates are over the window of `window_days` days ending `as_of`.",
    {
        "archive": _field({"enum": ["basic", "complete", "unknown"]}, "The kind of export, from the archive's name (Basic_... or Complete_...)."),
        "archive_date": _field(_DATE, "The date in the archive's name (the day LinkedIn made it)."),
        "as_of": _field(_DATE, "The last day observed: the day asked for; else the date in the archive's name (the next day when a row is dated then); without it, the newest activity in the archive."),
        "window_days": _field({"type": "integer", "minimum": 1}, "How many days the rates are measured over, ending on `as_of` (28 unless asked otherwise)."),
        "window_start": _field(_DATE, "The first day of the window."),
        "newest_activity": _field(_DATE, "The day of the newest dated activity in the archive (at most the day after the date in its name)."),
        "oldest_activity": _field(_DATE, "The day of the oldest dated activity in the archive."),
        "resumed_on": _field(_DATE, "The day activity resumed after more days without any than a new account's window (OUT006's "
                             "new_account_days): `account.age_days` counts from it. Absent when the account was active throughout."),
        "idle_days_before": _field(_COUNT, "The days without any activity before `resumed_on`."),
        "active_days": _field(_COUNT, "Days in the window on which you sent an invitation or message, posted, commented, reacted or searched."),
        "invitations_sent": _field(_COUNT, "Invitations you sent in the window (OUTGOING rows of Invitations.csv)."),
        "undated_invitations": _field(_COUNT, "Invitations you sent whose `Sent At` is blank (EXP011): sent, on a day the export does "
                                      "not show, so the volume is at least what the dated ones show."),
        "invitations_per_day_average": _field(_RATE, "Invitations you sent per day in the window, on average."),
        "busiest_day": _object("The day of the window with the most invitations sent.", {
            "date": _field(_DATE, "The day."),
            "invitations": _field(_COUNT, "Invitations sent that day."),
        }),
        "busiest_7_days": _object("The 7 consecutive days of the window with the most invitations sent.", {
            "start": _field(_DATE, "The first of the 7 days."),
            "end": _field(_DATE, "The last of the 7 days."),
            "invitations": _field(_COUNT, "Invitations sent in those 7 days."),
        }),
        "notes_last_30_days": _field(_COUNT, "Invitations with a personal note sent in the 30 days up to `as_of` (free accounts may send 5)."),
        "acceptance_sample": _field(_COUNT, "Invitations old enough (sent 30 days or more before `as_of`) to judge the acceptance rate by."),
        "withdraw_horizon_days": _field({"type": "integer", "minimum": 1}, "The age in days after which a pending invitation counts as stale here."),
        "stale_pending": _field(_COUNT, "Invitations you sent that are not connections and are older than `withdraw_horizon_days`."),
        "oldest_pending_days": _field(_COUNT, "The age in days of the oldest invitation you sent that is not a connection."),
        "undated_pending": _field(_COUNT, "Invitations you sent with a blank `Sent At` that are not connections: pending, of an age "
                                  "the export does not show (in `outreach.pending.sent`, not in `pending_ages`)."),
        "pending_ages": _field({"type": "array", "items": _object("Invitations of one age.", {
            "days": _field(_COUNT, "The age in days."),
            "invitations": _field(_COUNT, "Invitations you sent that old that are not connections."),
        }, ("days", "invitations"))}, "Invitations you sent that are not connections, by age in days, oldest first."),
        "sent_ages": _field({"type": "array", "items": _object("Invitations of one age.", {
            "days": _field(_COUNT, "The age in days."),
            "invitations": _field(_COUNT, "Invitations you sent that old."),
        }, ("days", "invitations"))}, "Invitations you sent, by age in days, oldest first; written when the archive has no usable "
           "Connections.csv, so which are pending is unknown (at most these are)."),
        "messages_sent": _field(_COUNT, "Messages you sent in the window (messages.csv rows from you, drafts left out)."),
        "per_week": _object("Exact weekly rates over the window (the plan's own fields hold them rounded).", {
            "posts": _field(_RATE, "Your own posts per week."),
            "reposts": _field(_RATE, "Reposts (shares without a comment of your own) per week."),
            "comments": _field(_RATE, "Comments per week."),
            "reactions": _field(_RATE, "Reactions per week."),
            "searches": _field(_RATE, "Searches per week."),
        }),
        "files_missing": _field({"type": "array", "items": {"type": "string"}},
                                "Documented files the archive does not hold, or holds unusable (what they would show is unknown)."),
        "unreadable_rows": _field(_COUNT, "Rows that could not be read and were left out (each one is an EXP001 finding)."),
        "duplicate_rows": _field(_COUNT, "Rows of Invitations.csv and Connections.csv that repeat an earlier row (in the same file or an "
                                 "overlapping numbered part) and were counted once."),
    },
)
"""The JSON Schema of `export`, added at the top level of the plan."""
