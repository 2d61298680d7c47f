"""ssi-lint plugin that reads LinkedIn's "Download your data" archive as an observed plan.

`ssi-lint Basic_LinkedInDataExport_02-09-2026.zip` (or the extracted folder)
runs the built-in rules on what the account really did; `ssi-lint PLAN
--against ARCHIVE` adds the drift rules (EXD*) that compare the plan with it;
`ssi-lint draft-plan ARCHIVE` (`draft_plan(archive)`) writes a plan from it. Only counts and dates leave the archive: never other people's names,
e-mail addresses or profile URLs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"
__all__ = ["__version__", "draft_plan", "load_export"]

if TYPE_CHECKING:
    from ssi_lint_linkedin_export.draft import draft_plan
    from ssi_lint_linkedin_export.loader import load_export


def __getattr__(name: str) -> Any:
    """Import the public functions on first use, keeping `import` of the plugin cheap."""
    if name == "draft_plan":
        from ssi_lint_linkedin_export.draft import draft_plan

        return draft_plan
    if name == "load_export":
        from ssi_lint_linkedin_export.loader import load_export

        return load_export
    raise AttributeError(name)
