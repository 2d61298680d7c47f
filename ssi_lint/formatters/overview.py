"""One summary row per plan, shared by the reports people read (`html`, `markdown`).

A row holds the plan's SSI estimate and declared SSI, its band, its finding
counts per severity and its worst risk: the most severe finding, a spam-risk
one first among equals, the earliest in the file among those.
"""

from __future__ import annotations

from collections.abc import Iterable

from msgspec import Struct

from ssi_lint.model import FileResult, Finding, Severity

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
"""Severities, most serious first (the order reports group findings in)."""
BAND_ORDER = ("laggard", "below-floor", "below-optimal", "optimal", "leader")
"""LinkedIn's and the article's bands, lowest first (as `ssi_lint.ssi.band` names them)."""


class PlanRow(Struct, frozen=True):
    """What a report's overview says about one plan."""

    source: str
    estimate: float | None
    """The estimated total SSI (its least, when the plan leaves inputs unstated), or None when the plan states too little to estimate it."""
    declared: float | None
    """The total SSI the plan declares in `account.ssi`, if any."""
    band: str | None
    """The one band the total is in, or None when more than one is possible (`band_text` then names them)."""
    counts: dict[str, int]
    """Findings per severity label: error, warning, info."""
    worst: Finding | None
    estimate_most: float | None = None
    """The most the estimated total can be, the inputs the plan does not state at their best; None when it equals `estimate`."""
    band_text: str = "unknown"
    """The band as the text chart names it (`ssi.band_label`: `laggard or below-floor`, else `unknown`)."""

    @property
    def estimate_text(self) -> str:
        """The estimate as people write it: `44.1`, or `39.6-85` for a range; empty when there is none."""
        if self.estimate_most is None:
            return number(self.estimate)
        return f"{number(self.estimate)}-{number(self.estimate_most)}"

    @property
    def band_rank(self) -> int | None:
        """The band's position from lowest (0) to highest, for sorting."""
        return None if self.band is None else BAND_ORDER.index(self.band)


def plan_row(result: FileResult) -> PlanRow:
    """The overview row of a checked file."""
    entry = result.extra.get("ssi") or {}
    estimate = (entry.get("estimate") or {}).get("total")
    most = (entry.get("estimate_at_most") or {}).get("total")
    declared = (entry.get("declared") or {}).get("total")
    counts = {severity.label: 0 for severity in SEVERITIES}
    for finding in result.findings:
        counts[finding.severity.label] += 1
    ranged = most if estimate is not None and most is not None and most > estimate else None
    from ssi_lint.ssi import band_label

    return PlanRow(
        result.source, estimate, declared, entry.get("band"), counts, worst_risk(result.findings), ranged,
        band_label(entry) if entry else "unknown",
    )


def worst_risk(findings: Iterable[Finding]) -> Finding | None:
    """The most severe finding (a spam-risk one first among equals, then the earliest), or None."""
    ranked = sorted(findings, key=lambda finding: (-finding.severity, finding.category != "spam-risk", finding.sort_key()))
    return ranked[0] if ranked else None


def at_or_above(findings: Iterable[Finding], fail_on: str) -> list[Finding]:
    """The findings that reach the failure threshold (none for `never`)."""
    if fail_on == "never":
        return []
    threshold = Severity.parse(fail_on)
    return [finding for finding in findings if finding.severity >= threshold]


def number(value: float | None) -> str:
    """A score as people write it: `31`, `22.8`; empty for None."""
    if value is None:
        return ""
    return f"{value:g}" if float(value).is_integer() else f"{value:.1f}"
