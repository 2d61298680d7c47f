"""`draft-plan`: write a plan from an export, each number commented with the file it came from.

The plan is what the archive shows, in the plan's own fields only (valid
against the core plan schema, no `export` section): the user edits it into
what they intend and keeps linting it, `--against` new exports.

    ssi-lint-draft-plan Basic_LinkedInDataExport_02-09-2026.zip > my.plan.yaml
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ssi_lint.model import PlanPath
from ssi_lint_linkedin_export.archive import looks_like_export, read_archive
from ssi_lint_linkedin_export.loader import ordered, parse_as_of, parse_window, settings_from_env
from ssi_lint_linkedin_export.metrics import observe
from ssi_lint_linkedin_export.observation import Observation, Settings, Source

NOT_IN_EXPORT = (
    "account.tier: free            # free | premium | sales_navigator | recruiter",
    "account.ssi: {total: 50}      # as read on linkedin.com/sales/ssi",
    "profile.featured: 0           # items in the Featured section",
    "outreach.pending.withdraw_after_days: 21",
    "outreach.messages.unread: 0",
    "outreach.profile_views.per_day: 0",
    "content.groups: 0",
)
"""Fields the export cannot show (DOMAIN.md), offered as comments to fill in."""


class DraftError(Exception):
    """The archive cannot be drafted from (not an export, or unreadable)."""


def draft_plan(archive: Path, settings: Settings | None = None) -> str:
    """Plan YAML (valid against the plan schema) drafted from an export ZIP or folder."""
    archive = Path(archive)
    if not looks_like_export(archive):
        raise DraftError(f"{archive.as_posix()}: not a LinkedIn data export (a Basic_/Complete_ ZIP or its extracted folder)")
    read = read_archive(archive, archive.name)
    if not read.readable:
        raise DraftError(read.problems[0].message)
    observation = observe(read, settings or settings_from_env())
    return render(observation)


def render(observation: Observation) -> str:
    """The observation's plan fields as commented YAML."""
    data = {key: value for key, value in ordered(observation.data).items() if key != "export"}
    export = observation.data.get("export", {})
    lines = [
        "# yaml-language-server: $schema=https://ssi-lint.dev/schema/plan-v1.json",
        f"# Draft plan from {observation.source}: what the export shows"
        + (f" for the {export['window_days']} days {export['window_start']} to {export['as_of']}." if "as_of" in export else "."),
        "# Rates are the busiest day / 7 days of that window or weekly averages; counts are as of its last day.",
        "# Edit the numbers into what you intend, then lint it: ssi-lint THIS_FILE --against THE_EXPORT",
    ]
    if observation.problems:
        lines.append(f"# {len(observation.problems)} problem(s) reading the export; run ssi-lint on the export to see them.")
    lines.extend(_emit(data, (), 0, observation))
    lines.append("# Not in the export; fill in what applies:")
    lines.extend(f"#   {hint}" for hint in NOT_IN_EXPORT)
    return "\n".join(lines) + "\n"


def _emit(node: dict[str, Any], path: PlanPath, depth: int, observation: Observation) -> list[str]:
    lines = []
    indent = "  " * depth
    for key, value in node.items():
        child = (*path, key)
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:")
            lines.extend(_emit(value, child, depth + 1, observation))
            continue
        text = f"{indent}{key}: {_scalar(value)}"
        comment = _comment(observation.sources.get(child), observation.source)
        lines.append(f"{text:<44}  # {comment}" if comment else text)
    return lines


def _scalar(value: Any) -> str:
    """A YAML flow scalar or list: JSON is valid YAML for strings, numbers, booleans and lists."""
    return json.dumps(value, ensure_ascii=False)


def _comment(source: Source | None, archive: str) -> str:
    if source is None or not (source.file or source.note):
        return ""
    if source.missing:
        return f"no {source.missing} in the export: counted as empty"
    file = source.file.removeprefix(f"{archive}/") if source.file else archive
    where = f"{file}:{source.line}" if source.line > 1 else file
    return f"{where}: {source.note}" if source.note else where


def main(argv: Sequence[str] | None = None) -> int:
    """`ssi-lint-draft-plan ARCHIVE [--as-of DATE] [--window DAYS]`: print the drafted plan."""
    parser = argparse.ArgumentParser(prog="ssi-lint-draft-plan", description="Draft an ssi-lint plan from a LinkedIn data export.")
    parser.add_argument("archive", type=Path, help="Basic_/Complete_LinkedInDataExport_MM-DD-YYYY.zip or its extracted folder")
    parser.add_argument("--as-of", default="", metavar="YYYY-MM-DD", help="the last day observed (default: the newest activity)")
    parser.add_argument("--window", default="", metavar="DAYS", help="days the rates are measured over (default: 28)")
    args = parser.parse_args(argv)
    try:
        env = settings_from_env()
        settings = Settings(parse_as_of(args.as_of) or env.as_of, parse_window(args.window) if args.window else env.window_days)
        sys.stdout.write(draft_plan(args.archive, settings))
    except Exception as exc:  # noqa: BLE001 - one line on stderr, never a traceback
        print(f"ssi-lint-draft-plan: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
