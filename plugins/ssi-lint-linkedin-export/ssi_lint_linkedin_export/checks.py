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
           "Rates are measured over the days up to the newest activity (or the day asked for); a window without "
           "activity gives rates of 0, which usually means the wrong day was asked for.",
           "Pass --as-of with a day the archive covers, or a longer --window."),
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
)
