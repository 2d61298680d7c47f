"""One `ssi-lint simulate` run: load the plan (and `--against` export), check it, project it, render it.

The command line builds a `SimulationRun` and calls `run_simulation`. The plan
is a file, or a folder a loader plugin claims as one document (an extracted
data export, as `ssi-lint check` reads it); a plan that does not load or
validate, or states no invitation volume, is one clear error (exit status 2),
never a projection of guesses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from msgspec import Struct, field
from msgspec.structs import replace

from ssi_lint.api import OBSERVED
from ssi_lint.app import _observed as load_observed  # the same `--against` loading as `ssi-lint check`
from ssi_lint.app import checked_linter
from ssi_lint.builtin import SIMULATION_RULES
from ssi_lint.config import Config
from ssi_lint.discovery import require_plan
from ssi_lint.errors import InputError
from ssi_lint.model import Finding, Rule, Severity
from ssi_lint.simulation.core import Projection, pending_bands, simulate
from ssi_lint.simulation.parameters import Parameters, load_parameters

FORMATS = ("text", "json", "csv")


class SimulationRun(Struct, frozen=True):
    """What one `ssi-lint simulate` is asked to do, besides the configuration."""

    plan: Path
    weeks: int | None = None
    """None: the model's horizon (12 weeks)."""
    output_format: str = "text"
    against: Path | None = None
    color: bool = False
    disabled_plugins: tuple[str, ...] = ()
    plugins: tuple[str, ...] = ()
    """Plugin modules to import by name (`--plugin`)."""
    loader_options: Mapping[str, str] = field(default_factory=dict)


def run_simulation(run: SimulationRun, config: Config, stdout: TextIO) -> int:
    """Write the projection of `run.plan` in the chosen format; return the exit status (0)."""
    from ssi_lint.simulation import render

    if run.output_format not in FORMATS:
        raise InputError(f"--format: unknown format '{run.output_format}' (choose from {', '.join(FORMATS)})")
    projection, findings, params = project_file(run, config)
    display = run.plan.as_posix()
    if run.output_format == "json":
        stdout.write(render.render_json(projection, display, findings))
    elif run.output_format == "csv":
        stdout.write(render.render_csv(projection))
    else:
        stdout.write(render.render_text(projection, display, findings, run.color, pending_bands(params)))
    return 0


def project_file(run: SimulationRun, config: Config) -> tuple[Projection, list[Finding], Parameters]:
    """The projection of the run's plan, the findings of the rules that read it, and the parameters it was made with.

    The findings are those of the rules that read the projection, and of the rules whose thresholds it judges with
    (HYG001's pending bands, OUT010's levels, OUT003's weekly limit ...) or that borrow them (`params_from`): a band
    the chart shows reached at the start is theirs to report. With them, the rules that supersede any of these or
    that any of these supersedes (`_with_rivals`), since either may be the one that reports it, as `check` does.
    """
    linter = checked_linter(config, run.disabled_plugins, run.loader_options, run.plugins, file_ignore=config.ignored_rules(run.plan))  # as `check` does
    require_plan(run.plan, linter.claims, "simulate projects")
    document = linter.load(run.plan, run.plan.as_posix())
    observed = load_observed(linter, run.against) if run.against is not None else None
    result = linter.check_document(document, observed)
    loading = {problem.code for problem in document.problems}  # a loader plugin's own, such as a damaged archive
    broken = [f for f in result.findings if (f.rule_id.startswith(("LOAD", "SCHEMA")) or f.rule_id in loading) and f.severity is Severity.ERROR]
    if document.data is None or broken:
        first = broken[0] if broken else None
        where = f"{first.file}:{first.line}:{first.column}: {first.message}" if first else f"{run.plan.as_posix()}: not a plan"
        raise InputError(f"{where} (fix the plan first: `ssi-lint {run.plan.as_posix()}`)")
    data = {**document.data, OBSERVED: observed.data} if observed is not None and observed.data is not None else document.data
    params = load_parameters().applying(linter.applied_params())  # the limits the rules judge with
    projection = simulate(data, run.weeks, params)
    if projection is None:
        raise InputError(
            f"{run.plan.as_posix()}: the plan states no invitation volume "
            "(outreach.invitations.per_week, per_day or outreach.schedule), so there is nothing to project"
        )
    reading = {rule.id for rule in linter.rules if _reads_simulation(rule)}
    drawn = set(SIMULATION_RULES) - {"SSI001"}  # the thresholds the chart draws (not the SSI floor): a band reached at the start is theirs to report
    reading |= {rule.id for rule in linter.rules if rule.id in drawn or rule.params_from in drawn}
    reading = _with_rivals(reading, linter.rules)
    horizon = load_parameters()["weeks"]
    if len(projection.weeks) != horizon and reading:
        notes = {**projection.assumptions, "findings": f"the findings judge the first {horizon} weeks, the horizon of the rules"}
        projection = replace(projection, assumptions=notes)
    return projection, [finding for finding in result.findings if finding.rule_id in reading], params


def _with_rivals(ids: set[str], rules: Sequence[Rule]) -> set[str]:
    """`ids` with every rule that supersedes one of them (it speaks for it) or that one of them supersedes (it speaks
    instead when more severe: HYG004's warning outranks HYG001's info on the same backlog), until none is added."""
    found = set(ids)
    while True:
        more = {rule.id for rule in rules if found & set(rule.supersedes)}
        more |= {other for rule in rules if rule.id in found for other in rule.supersedes}
        if more <= found:
            return found
        found |= more


def _reads_simulation(rule: Rule) -> bool:
    """Whether a rule's condition, measure, levels or subject read `facts.simulation`."""
    texts = (rule.when, rule.measure, *rule.subject, *(str(value) for value in rule.levels.values()))
    return any(text and "facts.simulation" in text for text in texts)
