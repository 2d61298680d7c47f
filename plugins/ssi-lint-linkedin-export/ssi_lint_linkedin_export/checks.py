"""The problems the export loader raises (EXP*), declared as checks like the core's LOAD* ones."""

from __future__ import annotations

from ssi_lint.model import Rule, Severity, declare_check

SOURCE = "LinkedIn \"Download your data\" archive formats (DOMAIN.md, B: checked on real exports)"


def _check(rule_id: str, name: str, title: str, severity: Severity, rationale: str, fix: str) -> Rule:
    return declare_check(rule_id, name, title, severity, rationale, fix, source=SOURCE, origin="<ssi-lint-linkedin-export>")


EXPORT_CHECKS: tuple[Rule, ...] = (
    _check("EXP001", "export-row-unreadable", "A row of an export CSV cannot be read and is left out", Severity.INFO,
           "Exports re-saved by spreadsheets, very old exports and irregularly quoted text can leave rows that no "
           "tolerant reading recovers; the rest of the file is still used, so the counts may be slightly low.",
           "Check the named line of the CSV; download a fresh export if many rows are affected."),
    _check("EXP002", "export-file-unreadable", "An export CSV cannot be used", Severity.WARNING,
           "A file without its header (the columns are found by name), with required columns missing, damaged "
           "(corrupt compressed data, a name that is not UTF-8) or beyond what a real export holds (a line over "
           "128 KiB, more than 2,000,000 rows or 256 MiB, a date outside 1900-2100) is left out as a whole; what it "
           "would show is unknown, so the rules about it stay silent.",
           "Download a fresh export, or restore the file as LinkedIn wrote it (the finding names the line where "
           "reading stopped)."),
    _check("EXP003", "export-archive-unreadable", "The export archive cannot be opened", Severity.ERROR,
           "A damaged or partly downloaded ZIP cannot be read at all, so nothing can be checked.",
           "Download the export again from LinkedIn (Settings, Data privacy, Get a copy of your data)."),
    _check("EXP004", "export-without-activity", "The export shows no activity in the observed window", Severity.INFO,
           "Rates are measured over the days up to the day the export was made (the date in its name; without it, "
           "the newest activity), or the day asked for; a window without activity gives rates of 0: the account "
           "was idle before the export, or the day asked for is outside what the archive covers.",
           "To see an earlier pace, pass --as-of with a day the archive covers, or a longer --window."),
    _check("EXP005", "export-encoding-guessed", "An export CSV is not UTF-8 or UTF-16 text", Severity.INFO,
           "LinkedIn writes UTF-8 (UTF-16 in 2018); other encodings come from spreadsheet re-saves, and the file was "
           "read as Windows-1252, so unusual characters may be wrong (counts are not affected).",
           "Use the CSV as LinkedIn sent it, or save it again as UTF-8."),
    _check("EXP006", "export-section-not-checked", "Part of the plan could not be checked: the export lacks its files",
           Severity.INFO,
           "Real exports are often partial (the files a user kept, an older format, a Basic export). What a missing "
           "or unusable file would show is unknown, not 0, so the rules about it stay silent rather than claim "
           "there is no headline or no posts; this finding names what was therefore not checked.",
           "Lint the complete export (Settings, Data privacy, Get a copy of your data), or state those fields in a "
           "plan and lint it `--against` the export."),
    _check("EXP007", "export-without-files", "The archive holds no file of a LinkedIn export", Severity.ERROR,
           "A ZIP or folder named like an export (or given as one) in which no export CSV can be found or used, at any "
           "depth, shows nothing: judging it as an account without activity would report rates of 0 that no file "
           "showed. macOS metadata files (`._Connections.csv`, `__MACOSX/`) are not export files.",
           "Name the export's ZIP as LinkedIn sent it, or the folder it was extracted to."),
    _check("EXP008", "export-rows-after-its-date", "Rows of an export CSV are dated after the export was made",
           Severity.INFO,
           "The date in the archive's name is the day LinkedIn made it (rows' times are UTC, so one day later is "
           "allowed): no real row is dated after it. Such rows come from altered files or dates misread; they never "
           "end the window, so they are not counted (a date that reads both ways is read the way that falls before "
           "that day).",
           "Check the named line; restore the CSV as LinkedIn wrote it, or download a fresh export."),
    _check("EXP009", "export-acceptance-not-measured", "The export holds too few invitations old enough to measure "
           "acceptance", Severity.INFO,
           "Acceptance is measured on the invitations sent 30 days or more before the last day observed (most "
           "acceptances arrive within 30 days), and on at least 10 of them. With fewer the rate is unknown: the "
           "low-acceptance check (OUT008) is silent, and the projection and the new-connection estimate assume the "
           "typical rate, which this finding names (COV014 says the same of a plan, and stays silent on an export).",
           "Lint a later export, once 30 days have passed since the invitations were sent; or state "
           "`outreach.acceptance_rate` in a plan and lint it `--against` the export."),
    _check("EXP010", "export-dates-ambiguous", "Every date of an export CSV column reads both day first and month first",
           Severity.WARNING,
           "A spreadsheet re-save can write dates day first (`03/11/2026`); when every date of a column reads both "
           "ways (no first or second number over 12) and the date in the archive's name does not tell the readings "
           "apart, the order is unknown, and reading it the way LinkedIn writes may spread nine days over nine months. "
           "The column is read the way that puts the most rows in any 7 days (then the newest), so that the pace and "
           "the account's age are judged at their most, and this finding names the file, the column and the reading.",
           "Lint the CSV as LinkedIn wrote it (`1/29/26, 2:37 PM`), or download a fresh export."),
    _check("EXP011", "export-invitations-undated", "Sent invitations of an export have no date", Severity.WARNING,
           "A row of Invitations.csv with a blank `Sent At` is still an invitation sent: it counts toward the pending "
           "invitations (when the invitee is not a connection), which need no date. When it went out is unknown, so the "
           "invitation volume is at least what the dated rows show (a lower bound, as the draft's comments say), and "
           "unknown, not 0, when no dated invitation falls in the window; this finding names how many rows have no date.",
           "Download a fresh export; or state the volume you really send in a plan and lint it `--against` the export."),
)
