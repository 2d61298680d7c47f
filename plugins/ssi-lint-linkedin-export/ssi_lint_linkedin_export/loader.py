"""Load an export (ZIP or folder) into an ssi-lint `Document` holding the observed plan.

Each plan path is located in the CSV its value came from: `Document.files`
names the file (`Basic_LinkedInDataExport_02-09-2026.zip/Invitations.csv`),
`keys`/`values` the line (the row's line when one row is the cause, else 1).

The window is set by `Settings`; from the command line, until ssi-lint has
options for it, by the environment variables `SSI_LINT_EXPORT_AS_OF`
(YYYY-MM-DD) and `SSI_LINT_EXPORT_WINDOW` (days).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from ssi_lint.errors import ConfigError
from ssi_lint.model import Document, PlanPath, Position
from ssi_lint_linkedin_export.archive import looks_like_export, read_archive
from ssi_lint_linkedin_export.metrics import observe
from ssi_lint_linkedin_export.observation import DEFAULT_WINDOW_DAYS, Observation, Settings

AS_OF_ENV = "SSI_LINT_EXPORT_AS_OF"
WINDOW_ENV = "SSI_LINT_EXPORT_WINDOW"
MAX_WINDOW_DAYS = 3660
SECTION_ORDER = ("version", "account", "profile", "prospecting", "outreach", "content", "export")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def settings_from_env(environ: Mapping[str, str] | None = None) -> Settings:
    """Settings from SSI_LINT_EXPORT_AS_OF and SSI_LINT_EXPORT_WINDOW; ConfigError when malformed."""
    environ = os.environ if environ is None else environ
    return Settings(as_of=parse_as_of(environ.get(AS_OF_ENV, "")), window_days=parse_window(environ.get(WINDOW_ENV, "")))


def parse_as_of(text: str) -> date | None:
    """A YYYY-MM-DD day, or None for an empty text; ConfigError otherwise."""
    text = text.strip()
    if not text:
        return None
    try:
        if not _ISO_DAY.fullmatch(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigError(f"{AS_OF_ENV} must be a day written YYYY-MM-DD, not {text!r}") from None


def parse_window(text: str) -> int:
    """A window length in days (1-3660), the default for an empty text; ConfigError otherwise."""
    text = text.strip()
    if not text:
        return DEFAULT_WINDOW_DAYS
    if not text.isdigit() or not 1 <= int(text) <= MAX_WINDOW_DAYS:
        raise ConfigError(f"{WINDOW_ENV} must be a number of days from 1 to {MAX_WINDOW_DAYS}, not {text!r}")
    return int(text)


def load_export(path: Path, display: str | None = None, settings: Settings | None = None) -> Document | None:
    """The observed plan of an export, or None when the path is not an export."""
    if not looks_like_export(path):
        return None
    display = display or path.as_posix()
    archive = read_archive(path, display)
    if not archive.readable:
        return Document(display, None, problems=tuple(archive.problems))
    observation = observe(archive, settings or settings_from_env())
    return to_document(observation)


def to_document(observation: Observation) -> Document:
    """A Document whose paths point at the CSV file and row they came from."""
    keys: dict[PlanPath, Position] = {(): Position(1, 1)}
    files: dict[PlanPath, str] = {}
    for path, source in observation.sources.items():
        keys[path] = Position(source.line, 1)
        if source.file:
            files[path] = source.file
    return Document(observation.source, ordered(observation.data), keys, dict(keys), tuple(observation.problems), files)


def ordered(data: dict[str, object]) -> dict[str, object]:
    """The plan's sections in the order the plan format lists them, `export` last."""
    rank = {name: index for index, name in enumerate(SECTION_ORDER)}
    return dict(sorted(data.items(), key=lambda item: rank.get(item[0], len(rank))))
