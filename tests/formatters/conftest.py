"""A fixed synthetic run for the output-format tests, and golden-file comparison.

The run has: a file with findings of several severities (one rule twice, one
hostile message with `%`, `:`, `,`, CR and LF), an inline-suppressed finding
with a reason and one without, a file without findings, a file whose name
needs escaping and whose finding's rule the run does not declare, and a file
named by an absolute path outside the current directory.

Golden files live in `golden/`; `SSI_LINT_UPDATE_GOLDEN=1` rewrites them.
Every render happens with the current directory set to a fresh temporary
directory, whose `file:` URI is replaced by `file:///CWD` before comparing.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from types import SimpleNamespace

import pytest

from ssi_lint.builtin import ssi_lint_formats
from ssi_lint.formatters.base import FormatOptions
from ssi_lint.model import FileResult, Finding, Rule, Severity, Summary

GOLDEN = Path(__file__).parent / "golden"
HOSTILE = "100% of 'a:b, c'\r\nsecond line\rthird: x,y %0A"
RISKY = "examples/risky.plan.yaml"
ODD = "plans/q3 team,a:b %2C.plan.yaml"
OUTSIDE = "/srv/shared/ads.plan.yaml"

RULES = (
    Rule(
        "OUT001",
        "daily-invitations-high",
        "Daily invitations above what outreach tools recommend",
        "relationships",
        "spam-risk",
        Severity.WARNING,
        "{self} invitations a day",
        guidance=("S7", "R1"),
        params={"limit": 20},
        source="tool defaults 15-25/day (C)",
        rationale="LinkedIn restricts accounts that send many invitations.",
        fix="Send at most {params.limit} invitations a day.",
    ),
    Rule("PRO001", "no-photo", "The profile has no photo", "brand", "profile", Severity.ERROR, "No photo"),
    Rule("CNT001", "no-own-publications", "The plan publishes nothing", "insights", "weak-pillar", Severity.INFO, "m", guidance=("I1",)),
    Rule("ADS001", "unused-rule", "A rule with no finding in this run", "ads", "ads-policy", Severity.WARNING, "m"),
)


def finding(rule_id: str, severity: Severity, file: str, line: int, column: int, path: str, message: str, **extra: object) -> Finding:
    """A finding with the metadata of its rule (or made-up metadata for an undeclared rule)."""
    rule = next((rule for rule in RULES if rule.id == rule_id), None)
    name, category, pillar = (rule.name, rule.category, rule.pillar) if rule else ("yaml-syntax", "hygiene", "plan")
    guidance = rule.guidance if rule else ()
    return Finding(rule_id, name, severity, category, pillar, message, file, line, column, path, guidance, **extra)  # type: ignore[arg-type]


def sample_results() -> list[FileResult]:
    """The fixed synthetic run, in output order."""
    risky = (
        finding("PRO001", Severity.ERROR, RISKY, 3, 1, "profile", "No profile photo"),
        finding(
            "OUT001",
            Severity.WARNING,
            RISKY,
            12,
            5,
            "outreach.invitations.per_day",
            "30 invitations a day",
            fix="Send at most 20 invitations a day.",
        ),
        finding("OUT001", Severity.WARNING, RISKY, 14, 5, "outreach.invitations.per_day", "30 invitations a day (again)"),
        finding("CNT001", Severity.INFO, RISKY, 20, 3, "content.per_week", HOSTILE),
    )
    suppressed = (
        finding(
            "OUT001",
            Severity.WARNING,
            RISKY,
            30,
            7,
            "outreach.messages.per_day",
            "40 messages a day",
            suppression="agreed with sales: ramp-up week",
        ),
        finding("CNT001", Severity.INFO, RISKY, 31, 7, "content.per_month", "No article", suppression=""),
    )
    return [
        FileResult("examples/healthy.plan.yaml", ()),
        FileResult(RISKY, risky, suppressed=suppressed),
        FileResult(ODD, (finding("LOAD001", Severity.ERROR, ODD, 2, 9, "", "mapping values are not allowed here"),)),
        FileResult(OUTSIDE, (finding("PRO001", Severity.ERROR, OUTSIDE, 1, 1, "profile", "No profile photo"),)),
    ]


def summarize(results: Sequence[FileResult]) -> Summary:
    """Counts per severity, as the linter makes them."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for result in results:
        for item in result.findings:
            counts[item.severity.label] += 1
    return Summary(len(results), counts)


Render = Callable[..., str]


@pytest.fixture
def render(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Render:
    """Run a registered format over results (the sample by default) from a temporary current directory."""
    monkeypatch.chdir(tmp_path)

    def run(name: str, results: Sequence[FileResult] | None = None, **options: object) -> str:
        results = sample_results() if results is None else results
        stream = io.StringIO()
        formatter = ssi_lint_formats()[name](stream, FormatOptions(**{"tool_version": "9.9.9", "rules": RULES, **options}))  # type: ignore[arg-type]
        formatter.start()
        for result in results:
            formatter.file(result)
        formatter.finish(summarize(results))
        return stream.getvalue().replace(tmp_path.as_uri(), "file:///CWD")

    return run


@pytest.fixture
def kit(golden_file: Callable[[Path, str], None]) -> SimpleNamespace:
    """The sample data and helpers, for tests (conftest modules cannot be imported in importlib mode)."""
    return SimpleNamespace(
        results=sample_results,
        finding=finding,
        summarize=summarize,
        golden=lambda name, text: golden_file(GOLDEN / name, text),
        rules=RULES,
        hostile=HOSTILE,
        risky=RISKY,
        odd=ODD,
        outside=OUTSIDE,
    )
