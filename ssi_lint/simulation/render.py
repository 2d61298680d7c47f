"""`ssi-lint simulate` output: a text table and chart, JSON, or CSV, from one `Projection`.

Every format carries the same weeks and columns (`COLUMNS`); text and JSON
also carry the assumptions and the findings of the simulation rules. Colour
(text only) is the caller's choice: off unless stdout is a terminal.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from ssi_lint.model import Finding
from ssi_lint.simulation.core import Projection, pending_bands
from ssi_lint.simulation.projection import COLUMNS, Week

CHART_WIDTH = 50
"""Columns of the pending chart's bars."""
_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "": "\033[32m"}
_RESET = "\033[0m"
_HEADINGS = {"notes_used_30d": "notes_30d", "weekly_limit": "limit"}


def render_json(projection: Projection, plan: str, findings: Sequence[Finding]) -> str:
    """`{plan, start, assumptions, weeks: [{week, sent, ...}], findings: [...]}`, two-space indented."""
    document = {
        "plan": plan,
        "start": projection.start.as_dict(),
        "assumptions": dict(projection.assumptions),
        "weeks": projection.rows(),
        "findings": [finding.as_dict() for finding in findings],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def render_csv(projection: Projection) -> str:
    """One header row (`COLUMNS`), then one row a week; unknown values are empty cells."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in projection.rows():
        writer.writerow(["" if row[column] is None else row[column] for column in COLUMNS])
    return buffer.getvalue()


def render_text(
    projection: Projection, plan: str, findings: Sequence[Finding], color: bool = False, bands: Mapping[str, int] | None = None
) -> str:
    """The table of weeks, the chart of pending invitations against the bands (`pending_bands()` unless given), assumptions and findings."""
    bands = bands if bands is not None else pending_bands()
    lines = [f"{plan}: {len(projection.weeks)} weeks projected (the model: docs/simulation.md)", ""]
    lines += table(projection.weeks)
    lines += ["", *chart(projection, bands, color), "", "Assumptions:"]
    lines += [f"  - {topic}: {text}" for topic, text in projection.assumptions.items()]
    lines += ["", "Findings:" if findings else "Findings: none"]
    lines += [f"  {f.file}:{f.line}:{f.column}: {f.rule_id} {f.severity.label} {f.message}" for f in findings]
    return "\n".join(lines) + "\n"


def table(weeks: Sequence[Week]) -> list[str]:
    """The weeks as right-aligned columns; `-` for an unknown value, `over` past the weekly limit."""
    headings = [_HEADINGS.get(column, column) for column in COLUMNS]
    rows = [[_cell(row[column]) for column in COLUMNS] for row in (week.as_dict() for week in weeks)]
    widths = [max(len(text) for text in column) for column in zip(headings, *rows, strict=True)]
    out = ["  ".join(text.rjust(width) for text, width in zip(headings, widths, strict=True)).rstrip()]
    for week, row in zip(weeks, rows, strict=True):
        line = "  ".join(text.rjust(width) for text, width in zip(row, widths, strict=True))
        out.append(line + ("  over the limit" if week.sent > week.weekly_limit else ""))
    return out


def _cell(value: Any) -> str:
    return "-" if value is None else str(value)


def level(pending: int, bands: Mapping[str, int]) -> str:
    """The highest band a pending count reaches ('' below them all)."""
    reached = [name for name in ("info", "warning", "error") if pending >= bands[name]]
    return reached[-1] if reached else ""


def chart(projection: Projection, bands: Mapping[str, int], color: bool = False) -> list[str]:
    """Pending invitations at the start and at each week's end, as bars against the band marks."""
    values = [("start", projection.start.pending), *((f"week {week.week}", week.pending) for week in projection.weeks)]
    scale = max(max(value for _, value in values), round(bands["error"] * 1.2))
    marks = {_column(bands[name], scale): name for name in ("info", "warning", "error")}
    info_label = bands["info"] - 1  # the info band is "more than 200": show the 200 it is named by
    labels = {_column(bands["info"], scale): str(info_label), _column(bands["warning"], scale): str(bands["warning"]),
              _column(bands["error"], scale): str(bands["error"])}
    lines = [
        f"Pending invitations at the end of each week (bands: more than {info_label} info, "
        f"{bands['warning']}+ warning, {bands['error']}+ error)",
        " " * 10 + _ruler(labels, scale),
    ]
    for label, value in values:
        filled = min(CHART_WIDTH, round(value / scale * CHART_WIDTH))
        bar = "".join("#" if column < filled else ("|" if column in marks else ".") for column in range(CHART_WIDTH))
        band = level(value, bands)
        if color:
            bar = f"{_COLOURS[band]}{bar[:filled]}{_RESET}{bar[filled:]}"
        lines.append(f"  {label:>7} {bar} {value:>6}  {band}".rstrip())
    return lines


def _column(value: int, scale: int) -> int:
    return min(CHART_WIDTH - 1, round(value / scale * CHART_WIDTH))


def _ruler(labels: Mapping[int, str], scale: int) -> str:
    """Band values above their marks, and the scale's maximum at the right end; labels never overlap."""
    end = str(scale)
    ruler = [" "] * CHART_WIDTH
    ruler[0] = "0"
    ruler[CHART_WIDTH - len(end) :] = end
    taken = 1
    for column in sorted(labels):
        text = labels[column]
        start = max(column - len(text) + 1, taken + 1)
        if start + len(text) < CHART_WIDTH - len(end):
            ruler[start : start + len(text)] = text
            taken = start + len(text)
    return "".join(ruler).rstrip()
