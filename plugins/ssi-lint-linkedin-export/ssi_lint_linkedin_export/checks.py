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
           "Without its header (the columns are found by name) or with required columns missing, a file cannot be "
           "read; its section counts as empty, which can make other findings wrong.",
           "Download a fresh export, or restore the file's header row as LinkedIn wrote it."),
    _check("EXP003", "export-archive-unreadable", "The export archive cannot be opened", Severity.ERROR,
           "A damaged or partly downloaded ZIP cannot be read at all, so nothing can be checked.",
           "Download the export again from LinkedIn (Settings, Data privacy, Get a copy of your data)."),
    _check("EXP004", "export-without-activity", "The export shows no activity in the observed window", Severity.INFO,
           "Rates are measured over the days up to the newest activity (or the day asked for); a window without "
           "activity gives rates of 0, which usually means the wrong day was asked for.",
           "Pass --as-of with a day the archive covers, or a longer --window."),
    _check("EXP005", "export-encoding-guessed", "An export CSV is not UTF-8 or UTF-16 text", Severity.INFO,
           "LinkedIn writes UTF-8 (UTF-16 in 2018); other encodings come from spreadsheet re-saves, and the file was "
           "read as Windows-1252, so unusual characters may be wrong (counts are not affected).",
           "Use the CSV as LinkedIn sent it, or save it again as UTF-8."),
)
