"""`--format html`: one self-contained report page for people (a sales lead, an agency owner).

The page holds an overview table of every plan (sortable with a little
inline script, readable without it), and per plan the four-pillar chart and
band gauge as SVG, the findings grouped by severity and pillar with their
rationale and source, and the plan's source with the findings' lines marked.
CSS, SVG and script are inline: the page makes no network request, and its
Content-Security-Policy admits only its own script and style (by hash), so
even markup that escaped escaping could not run. Everything taken from a plan
goes through Jinja2 with autoescape on, and every value the templates write
passes `text_safety.printable` first (`shown`), so that a bidirectional
override or a control character is shown as an escape (`\\u202e`), as in the
text formats, not applied. Jinja2 is imported only here, when the format is used.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from importlib import resources
from typing import TYPE_CHECKING, Any, TextIO

from msgspec import Struct

from ssi_lint.formatters.base import FormatOptions, FormatterBase
from ssi_lint.formatters.charts import Gauge, PendingChart, PillarBar, gauge, pending_chart, pillar_bars, pillar_chart_width
from ssi_lint.formatters.overview import SEVERITIES, PlanRow, number, plan_row
from ssi_lint.loading import YAML_LINE_BREAK
from ssi_lint.model import PILLARS, FileResult, Finding, Rule, Summary
from ssi_lint.ssi import band_detail, unknown_reason
from ssi_lint.text_safety import printable

if TYPE_CHECKING:
    import jinja2

TEMPLATES = "templates"
"""The package folder (`ssi_lint/formatters/templates`) holding the page, its CSS and its script."""


class FindingView(Struct, frozen=True):
    """A finding with its rule's description and the anchor of its line in the shown source."""

    finding: Finding
    rule: Rule | None
    line_anchor: str | None


class SourceLine(Struct, frozen=True):
    """One line of the plan's source and the findings that point at it."""

    number: int
    text: str
    anchor: str
    findings: tuple[Finding, ...]


class PlanView(Struct, frozen=True):
    """Everything the page shows about one plan."""

    anchor: str
    row: PlanRow
    ssi: Mapping[str, Any] | None
    pillars: tuple[PillarBar, ...]
    gauge: Gauge | None
    band: str
    """The band, or the bands the total can be in (`laggard or below-floor`), or `unknown`: the overview row's `band_text`."""
    band_detail: str
    """Where the band comes from, as the text chart says it after the band (ssi.band_detail); empty without an SSI report."""
    groups: tuple[tuple[str, int, tuple[tuple[str, tuple[FindingView, ...]], ...]], ...]
    """(severity, count, ((pillar, findings), ...)), most serious first, pillars in their usual order."""
    suppressed: tuple[Finding, ...]
    source: tuple[SourceLine, ...]
    simulation: PendingChart | None
    ssi_unknown: str | None = None
    """Why there is no SSI to chart (the plan declares none and states no input of the estimate), else None."""
    pillars_width: float = 0.0
    """The pillar chart's width (`charts.pillar_chart_width`): the figures beside the bars fit whole."""


def simulation_data(extra: Mapping[str, Any]) -> tuple[dict[int, float], dict[str, float], float | None] | None:
    """The pending-invitations projection a simulation attached to a file result, or None.

    The seam for `ssi_lint.simulation`: a result whose `extra["simulation"]`
    is `{"start": 100, "pending_by_week": {1: 320, 2: 410, ...}, "thresholds":
    {"info": 201, "warning": 500, "error": 700}}` (week keys may be strings, as
    JSON has them; `start`, the backlog at the start, and `thresholds`, each
    band's least pending count, are optional) gets a chart of pending
    invitations by week: `(pending_by_week, thresholds, start)`. Anything else
    is ignored: the report never depends on a simulation.
    """
    simulation = extra.get("simulation")
    if not isinstance(simulation, Mapping) or not isinstance(simulation.get("pending_by_week"), Mapping):
        return None
    try:
        pending = {int(week): float(value) for week, value in simulation["pending_by_week"].items()}
        limits = simulation.get("thresholds") or {}
        thresholds = {str(name): float(value) for name, value in limits.items()} if isinstance(limits, Mapping) else {}
        start = None if simulation.get("start") is None else float(simulation["start"])
    except (TypeError, ValueError):
        return None
    return (pending, thresholds, start) if pending else None


def plan_view(index: int, result: FileResult, rules: Mapping[str, Rule]) -> PlanView:
    """The page's view of one checked file (`index` makes its anchors unique)."""
    from ssi_lint.simulation.core import projected_chart

    anchor = f"plan-{index}"
    lines = source_lines(result.text)
    marked: dict[int, list[Finding]] = {}
    for finding in result.findings:
        if _shown(finding, result.source, len(lines)):
            marked.setdefault(finding.line, []).append(finding)
    source = tuple(SourceLine(number, text, f"{anchor}-L{number}", tuple(marked.get(number, ()))) for number, text in enumerate(lines, 1))
    groups = []
    for severity in SEVERITIES:
        of_severity = [finding for finding in result.findings if finding.severity == severity]
        by_pillar = []
        for pillar in sorted({finding.pillar for finding in of_severity}, key=_pillar_order):
            views = tuple(
                FindingView(finding, rules.get(finding.rule_id), f"{anchor}-L{finding.line}" if _shown(finding, result.source, len(lines)) else None)
                for finding in of_severity
                if finding.pillar == pillar
            )
            by_pillar.append((pillar, views))
        if of_severity:
            groups.append((severity.label, len(of_severity), tuple(by_pillar)))
    entry = result.extra.get("ssi")
    unknown = unknown_reason(entry) if entry else None
    if unknown is not None:
        entry = None  # as the text chart: one line, no empty charts
    # a run projected it (None: the plan has none); a result no run projected is projected here with the default params
    projection = simulation_data(result.extra if "simulation" in result.extra else {"simulation": projected_chart(result.text)})
    row = plan_row(result)
    pillars = pillar_bars(entry) if entry else ()
    return PlanView(
        anchor=anchor,
        row=row,
        ssi=entry,
        pillars=pillars,
        gauge=gauge(entry) if entry else None,
        band=row.band_text,
        band_detail=band_detail(entry) if entry else "",
        groups=tuple(groups),
        suppressed=result.suppressed,
        source=source,
        simulation=pending_chart(*projection) if projection else None,
        ssi_unknown=unknown,
        pillars_width=pillar_chart_width(pillars),
    )


def source_lines(text: str) -> list[str]:
    """The lines of a plan's text as YAML numbers them (no final empty line after a last line break)."""
    lines = YAML_LINE_BREAK.split(text)
    return lines[:-1] if lines and lines[-1] == "" else lines


def _shown(finding: Finding, source: str, line_count: int) -> bool:
    """Whether the finding points at a line of the shown source."""
    return finding.file == source and 1 <= finding.line <= line_count


def _pillar_order(pillar: str) -> tuple[int, str]:
    return (PILLARS.index(pillar) if pillar in PILLARS else len(PILLARS), pillar)


def csp_hash(text: str) -> str:
    """The Content-Security-Policy source that admits exactly this inline script or style."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def shown(value: object) -> str:
    """A value as the page writes it (the environment's `finalize`): control characters, bidirectional overrides and lone
    surrogates become escapes (`text_safety.printable`), line breaks stay (the page shows them as spaces). Markup the
    templates build is escaped the same way and stays markup; autoescape then escapes what is not markup."""
    import markupsafe

    if isinstance(value, markupsafe.Markup):
        return markupsafe.Markup(printable(str(value), line_breaks=True))
    return printable(str(value), line_breaks=True)


def environment() -> jinja2.Environment:
    """The Jinja2 environment of the report: package templates, autoescape always on, strict undefined, and every
    written value made printable (`shown`)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ssi_lint.formatters", TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=shown,
    )
    env.filters["number"] = number
    return env


class HtmlFormatter(FormatterBase):
    """Builds a view per file as files are checked, then renders the page once."""

    reads_identities = False
    wants_projection = True

    def __init__(self, stream: TextIO, options: FormatOptions) -> None:
        super().__init__(stream, options)
        self._rules: dict[str, Rule] = {}
        for rule in options.rules:
            self._rules.setdefault(rule.id, rule)
        self._plans: list[PlanView] = []

    def file(self, result: FileResult) -> None:
        """Record the file's view (the source text is kept only as lines to show)."""
        self._plans.append(plan_view(len(self._plans) + 1, result, self._rules))

    def finish(self, summary: Summary) -> None:
        """Render and write the page."""
        folder = resources.files("ssi_lint.formatters").joinpath(TEMPLATES)
        style = folder.joinpath("report.css").read_text(encoding="utf-8")
        script = folder.joinpath("report.js").read_text(encoding="utf-8")
        policy = (
            f"default-src 'none'; style-src {csp_hash(style)}; script-src {csp_hash(script)}; "
            "img-src data:; base-uri 'none'; form-action 'none'"
        )
        page = environment().get_template("report.html.j2").render(
            plans=self._plans,
            summary=summary,
            version=self.options.tool_version,
            fail_on=self.options.fail_on or "error",
            exit_zero=self.options.exit_zero,
            style=style,
            script=script,
            policy=policy,
        )
        self.stream.write(page)
