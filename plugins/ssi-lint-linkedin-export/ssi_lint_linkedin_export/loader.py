"""Load an export (ZIP or folder) into an ssi-lint `Document` holding the observed plan.

Each plan path is located in the CSV its value came from: `Document.files`
names the file (`Basic_LinkedInDataExport_02-09-2026.zip/Invitations.csv`),
`keys`/`values` the line (the row's line when one row is the cause, else 1).
`Document.unknown` lists the plan fields the export cannot show (the SSI,
groups, the Featured section, ...) and those of files it lacks, so rules
about their absence stay quiet; `Document.observed` makes rule messages say
"The export shows: ..." rather than "The plan ...".

The window and the rest of `Settings` come from the loader options of the
command line (`--as-of DATE`, `--window DAYS`, `-L withdraw_after_days=N`,
`-L tier=TIER`), see `settings_from_options`. A malformed value, a window
under a week, or an `--as-of` after the export was made (`metrics.check_as_of`)
is a ConfigError: one line, exit status 2.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from ssi_lint.errors import ConfigError
from ssi_lint.model import Document, PlanPath, Position
from ssi_lint_linkedin_export.archive import looks_like_export, read_archive
from ssi_lint_linkedin_export.dates import MAX_YEAR, MIN_YEAR, in_range
from ssi_lint_linkedin_export.metrics import observe
from ssi_lint_linkedin_export.observation import DEFAULT_WINDOW_DAYS, DEFAULT_WITHDRAW_AFTER_DAYS, TIERS, Observation, Settings

MIN_WINDOW_DAYS = 7
"""The shortest window: the weekly figures (`per_week`, the busiest 7 days) need a whole week."""
MAX_WINDOW_DAYS = 3660
MAX_WITHDRAW_AFTER_DAYS = 3660
SECTION_ORDER = ("version", "account", "profile", "prospecting", "outreach", "content", "export")
OPTIONS = {
    "as_of": "--as-of",
    "window": "--window",
    "withdraw_after_days": "--loader-option withdraw_after_days",
    "tier": "--loader-option tier",
}
"""The loader options this plugin reads (the key in `options`, and how the user writes it); others are ignored."""
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def settings_from_options(options: Mapping[str, str] | None = None) -> Settings:
    """Settings from ssi-lint's loader options (strings, as the command line gives them); ConfigError when malformed."""
    options = options or {}
    return Settings(
        as_of=parse_as_of(options.get("as_of", "")),
        window_days=parse_days(options.get("window", ""), "window", DEFAULT_WINDOW_DAYS, MAX_WINDOW_DAYS, MIN_WINDOW_DAYS),
        withdraw_after_days=parse_days(
            options.get("withdraw_after_days", ""), "withdraw_after_days", DEFAULT_WITHDRAW_AFTER_DAYS, MAX_WITHDRAW_AFTER_DAYS
        ),
        tier=parse_tier(options.get("tier", "")),
    )


def parse_as_of(text: str) -> date | None:
    """A YYYY-MM-DD day, or None for an empty text; ConfigError otherwise."""
    text = str(text).strip()
    if not text:
        return None
    try:
        if not _ISO_DAY.fullmatch(text):
            raise ValueError
        day = date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"{OPTIONS['as_of']} must be a day written YYYY-MM-DD, not {text!r}") from None
    if not in_range(day):
        raise ConfigError(f"{OPTIONS['as_of']} must be a day in the years {MIN_YEAR} to {MAX_YEAR}, not {text!r}")
    return day


def parse_days(text: str, option: str, default: int, maximum: int, minimum: int = 1) -> int:
    """A number of days (minimum to maximum), the default for an empty text; ConfigError otherwise."""
    text = str(text).strip()
    if not text:
        return default
    if not text.isdigit() or not minimum <= int(text) <= maximum:
        why = " (the weekly figures need a whole week)" if option == "window" else ""
        raise ConfigError(f"{OPTIONS[option]} must be a number of days from {minimum} to {maximum}{why}, not {text!r}")
    return int(text)


def parse_tier(text: str) -> str | None:
    """An account tier of the plan format, or None for an empty text; ConfigError otherwise."""
    text = str(text).strip()
    if not text:
        return None
    if text.lower() not in TIERS:
        raise ConfigError(f"{OPTIONS['tier']} must be one of {', '.join(TIERS)}, not {text!r}")
    return text.lower()


def load_export(path: Path, display: str | None = None, settings: Settings | None = None) -> Document | None:
    """The observed plan of an export, or None when the path is not an export."""
    if not looks_like_export(path):
        return None
    display = display or path.as_posix()
    settings = settings or Settings()
    archive = read_archive(path, display, settings)
    if not archive.readable:
        return Document(display, None, problems=tuple(archive.problems))
    observation = observe(archive, settings)
    return to_document(observation)


def to_document(observation: Observation) -> Document:
    """A Document whose paths point at the CSV file and row they came from."""
    keys: dict[PlanPath, Position] = {(): Position(1, 1)}
    files: dict[PlanPath, str] = {}
    for path, source in observation.sources.items():
        keys[path] = Position(source.line, 1)
        if source.file:
            files[path] = source.file
    return Document(
        observation.source,
        ordered(observation.data),
        keys,
        dict(keys),
        tuple(observation.problems),
        files,
        unknown=frozenset(observation.unknown),
        observed="the export",
    )


def ordered(data: dict[str, object]) -> dict[str, object]:
    """The plan's sections in the order the plan format lists them, `export` last."""
    rank = {name: index for index, name in enumerate(SECTION_ORDER)}
    return dict(sorted(data.items(), key=lambda item: rank.get(item[0], len(rank))))
