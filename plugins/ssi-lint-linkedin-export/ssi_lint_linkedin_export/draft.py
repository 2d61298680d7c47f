"""`ssi-lint draft-plan`: write a plan from an export, each number commented with the file it came from.

The plan is what the archive shows, in the plan's own fields only (valid
against the core plan schema, no `export` section): the user edits it into
what they intend and keeps linting it, `--against` new exports.

    ssi-lint draft-plan Basic_LinkedInDataExport_02-09-2026.zip -o my.plan.yaml

The subcommand reaches `ssi-lint` through the plugin's entry point; where
entry points are not loaded (`SSI_LINT_DISABLE_PLUGIN_AUTOLOAD=1`),
`python -m ssi_lint_linkedin_export.draft` runs the same command.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ssi_lint.errors import InputError
from ssi_lint.model import PlanPath, format_path
from ssi_lint_linkedin_export.archive import looks_like_export, read_archive
from ssi_lint_linkedin_export.loader import ordered, settings_from_options
from ssi_lint_linkedin_export.metrics import observe
from ssi_lint_linkedin_export.observation import NOT_IN_EXPORT, Observation, Settings, Source

if TYPE_CHECKING:
    import click

HINTS: dict[PlanPath, str] = {
    ("account", "tier"): "account.tier: free            # free | premium | sales_navigator | recruiter (or draft with -L tier=...)",
    ("account", "ssi"): "account.ssi: {total: 50}      # as read on linkedin.com/sales/ssi",
    ("profile", "photo"): "profile.photo: true           # no Rich_Media.csv in the export",
    ("profile", "banner"): "profile.banner: true          # no Rich_Media.csv in the export",
    ("profile", "featured"): "profile.featured: 0           # items in the Featured section",
    ("prospecting", "experts_list"): "prospecting.experts_list: 0   # experts at your target companies, on a list",
    ("outreach", "pending", "withdraw_after_days"): "outreach.pending.withdraw_after_days: {horizon}",
    ("outreach", "messages", "unread"): "outreach.messages.unread: 0",
    ("outreach", "profile_views", "per_day"): "outreach.profile_views.per_day: 0",
    ("outreach", "follow_instead_of_connect"): "outreach.follow_instead_of_connect: true",
    ("content", "per_month", "articles"): "content.per_month.articles: 0",
    ("content", "per_month", "polls"): "content.per_month.polls: 0",
    ("content", "groups"): "content.groups: 0",
}
"""Fields the export cannot show (DOMAIN.md), offered as comments to fill in when the draft lacks them."""


class DraftError(InputError):
    """The archive cannot be drafted from (not an export, or unreadable)."""


def draft_plan(archive: Path, settings: Settings | None = None) -> str:
    """Plan YAML (valid against the plan schema) drafted from an export ZIP or folder."""
    archive = Path(archive)
    if not archive.exists():
        raise DraftError(f"{archive.as_posix()}: no such file or directory")
    if not looks_like_export(archive):
        raise DraftError(f"{archive.as_posix()}: not a LinkedIn data export (a Basic_/Complete_ ZIP or its extracted folder)")
    settings = settings or Settings()
    read = read_archive(archive, archive.name, settings)
    if not read.readable:
        raise DraftError(read.problems[-1].message)  # the archive's own problem (EXP003, EXP007) comes last
    observation = observe(read, settings)
    return render(observation)


def render(observation: Observation) -> str:
    """The observation's plan fields as commented YAML."""
    data = {key: value for key, value in ordered(observation.data).items() if key != "export"}
    export = observation.data.get("export", {})
    lines = [
        "# yaml-language-server: $schema=./plan.schema.json   (write it with: ssi-lint schema > plan.schema.json)",
        f"# Draft plan from {observation.source}: what the export shows"
        + (f" for the {export['window_days']} days {export['window_start']} to {export['as_of']}." if "as_of" in export else "."),
        "# Rates are the busiest day / 7 days of that window or weekly averages, in whole numbers (any activity is at least 1);",
        "# counts are as of its last day.",
        "# Edit the numbers into what you intend, then lint it: ssi-lint THIS_FILE --against THE_EXPORT",
    ]
    if observation.problems:
        lines.append(f"# {len(observation.problems)} problem(s) reading the export; run ssi-lint on the export to see them.")
    lines.extend(_emit(data, (), 0, observation))
    lines.append("# Not in the export; fill in what applies:")
    horizon = export.get("withdraw_horizon_days", Settings().withdraw_after_days)
    lines.extend(f"#   {hint.replace('{horizon}', str(horizon))}" for path, hint in HINTS.items() if path not in observation.sources)
    if observation.unmeasured:
        lines.append("# Too little in the export to measure; fill in what you know:")
        lines.extend(f"#   {format_path(path)}: not measured, {why}" for path, why in sorted(observation.unmeasured.items()))
    lacking = sorted(format_path(path) for path in observation.unknown - set(NOT_IN_EXPORT) - set(observation.unmeasured)
                     if path not in HINTS and not _has_unknown_child(path, observation))
    if lacking:
        lines.append(f"# Unknown because files are missing or unusable in the export ({', '.join(export.get('files_missing', []))}):")
        lines.extend(f"#   {path}" for path in lacking)
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
    if source is not None and source.given:
        return f"not in the export: given with --loader-option {source.given}"
    if source is None or not (source.file or source.note):
        return ""
    file = source.file.removeprefix(f"{archive}/") if source.file else archive
    where = f"{file}:{source.line}" if source.line > 1 else file
    return f"{where}: {source.note}" if source.note else where


def _has_unknown_child(path: PlanPath, observation: Observation) -> bool:
    return any(len(other) > len(path) and other[: len(path)] == path for other in observation.unknown)


def write_atomically(path: Path, text: str) -> None:
    """Write the plan atomically, so that a failure never leaves half a plan."""
    from ssi_lint.atomic import write_text

    write_text(path, text, "the plan")


def loader_option_pairs(items: Sequence[str]) -> dict[str, str]:
    """`-L KEY=VALUE` options as a mapping; a malformed one is a usage error."""
    import click

    found = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"expected KEY=VALUE, got {item!r}", param_hint="--loader-option")
        found[key.strip()] = value.strip()
    return found


def command() -> click.Command:
    """The `ssi-lint draft-plan` subcommand (the factory `ssi_lint_commands` returns; imports click)."""
    import click
    from ssi_lint.cli import handle_errors, loader_options

    @click.command("draft-plan", context_settings={"help_option_names": ["-h", "--help"]})
    @click.argument("archive", type=click.Path(path_type=Path))
    @click.option("--output-file", "-o", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
                  help="Write the plan to FILE (atomically) instead of standard output.")
    @click.option("--force", is_flag=True, help="Overwrite FILE when it exists.")
    @loader_options
    @click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")
    @handle_errors
    def draft_plan_command(archive: Path, output_file: Path | None, force: bool, **options: Any) -> None:
        """Draft a plan from a LinkedIn data export (a Basic_/Complete_ ZIP or its extracted folder).

        Each number is commented with the CSV it came from; fields the export cannot show are listed
        at the end to fill in. Lint the edited plan against later exports with `--against`.
        """
        given: dict[str, Any] = {key: options[key] for key in ("as_of", "window") if options.get(key)}
        settings = settings_from_options({**given, **loader_option_pairs(options.get("extra_loader_options", ()))})
        if output_file is not None and output_file.exists() and not force:
            raise InputError(f"{output_file.as_posix()}: already exists; pass --force to overwrite it")
        text = draft_plan(archive, settings)
        if output_file is None:
            click.echo(text, nl=False)
        else:
            write_atomically(output_file, text)

    return draft_plan_command


if __name__ == "__main__":  # pragma: no cover
    command()(prog_name="python -m ssi_lint_linkedin_export.draft")
