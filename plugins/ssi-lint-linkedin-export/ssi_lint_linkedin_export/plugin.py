"""The ssi-lint hooks of the LinkedIn export plugin (entry point `linkedin_export`).

Imports are deferred to the hooks that need them: this module is imported on
every ssi-lint run, and a plan that is not an export costs one suffix check.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ssi_lint.hookspecs import hookimpl
from ssi_lint.model import Document, Fact, Rule

_PACKAGE_DIR = Path(__file__).parent


@hookimpl
def ssi_lint_load_document(path: Path, display: str, options: Mapping[str, str]) -> Document | None:
    """An export ZIP (`Basic_...`/`Complete_...`) or extracted folder as an observed plan; None for anything else.

    The window comes from `--as-of`/`--window`, the withdraw horizon and the account tier from
    `-L withdraw_after_days=N` and `-L tier=TIER`; a malformed value is a ConfigError (exit 2).
    """
    if path.suffix.lower() != ".zip" and not path.is_dir():
        return None
    from ssi_lint_linkedin_export.archive import looks_like_export
    from ssi_lint_linkedin_export.loader import load_export, settings_from_options

    if not looks_like_export(path):
        return None
    return load_export(path, display, settings_from_options(options))


@hookimpl
def ssi_lint_claims_path(path: Path) -> bool | None:
    """True for an extracted export folder (or export ZIP), so `ssi-lint FOLDER/` lints it instead of searching it."""
    if path.suffix.lower() != ".zip" and not path.is_dir():
        return None
    from ssi_lint_linkedin_export.archive import claims

    return True if claims(path) else None


@hookimpl
def ssi_lint_commands() -> Mapping[str, Callable[[], Any]]:
    """`ssi-lint draft-plan ARCHIVE [--as-of DATE] [--window DAYS] [-o FILE]`."""
    return {"draft-plan": _draft_plan_command}


def _draft_plan_command() -> Any:
    from ssi_lint_linkedin_export.draft import command

    return command()


@hookimpl
def ssi_lint_checks() -> Sequence[Rule]:
    """The loader's problems: EXP001 unreadable row ... EXP005 guessed encoding."""
    from ssi_lint_linkedin_export.checks import EXPORT_CHECKS

    return EXPORT_CHECKS


@hookimpl
def ssi_lint_plan_schema() -> Mapping[str, Mapping[str, Any]]:
    """The top-level `export` section of observed metrics."""
    from ssi_lint_linkedin_export.schema import EXPORT_SCHEMA

    return {"": {"export": EXPORT_SCHEMA}}


@hookimpl
def ssi_lint_rule_packs() -> Sequence[Path]:
    """The drift rules (EXD*), comparing a plan with `plan.observed`."""
    return sorted((_PACKAGE_DIR / "rules").glob("*.yaml"))


@hookimpl
def ssi_lint_facts() -> Sequence[Fact]:
    """Facts the drift rules read: the export's pending invitations judged by the plan's withdraw horizon (`observed_pending`)."""
    from ssi_lint_linkedin_export.facts import EXPORT_FACTS

    return EXPORT_FACTS
