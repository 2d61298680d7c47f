"""The outputs of `ssi-lint simulate`: a golden text chart, and the JSON and CSV shapes."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from ssi_lint.simulation import COLUMNS, simulate
from ssi_lint.simulation.render import chart, render_csv, render_json, render_text

ROOT = Path(__file__).parents[2]
RISKY = yaml.load((ROOT / "examples" / "risky.plan.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
BANDS = {"info": 201, "warning": 500, "error": 700}


def test_text_chart_of_the_risky_example(golden: Callable[[str, str], None]) -> None:
    golden("risky.simulate.txt", render_text(simulate(RISKY), "examples/risky.plan.yaml", []))


def test_chart_marks_the_bands_and_labels_each_row() -> None:
    projection = simulate({"outreach": {"invitations": {"per_week": 150}, "acceptance_rate": 0.2, "pending": {"sent": 0}}}, weeks=6)
    lines = chart(projection, BANDS)
    assert "more than 200 info, 500+ warning, 700+ error" in lines[0]
    assert lines[1].split()[:4] == ["0", "200", "500", "700"]
    rows = lines[2:]
    assert rows[0].split()[0] == "start" and rows[-1].split()[:2] == ["week", "6"]
    assert rows[-1].endswith("error") and rows[1].endswith(str(projection.weeks[0].pending))
    assert "\033[" not in "".join(lines)


def test_colour_only_when_asked() -> None:
    projection = simulate({"outreach": {"invitations": {"per_week": 150}, "acceptance_rate": 0.2}}, weeks=6)
    coloured = "\n".join(chart(projection, BANDS, color=True))
    assert "\033[31m" in coloured and "\033[0m" in coloured


def test_json_shape() -> None:
    document = json.loads(render_json(simulate(RISKY), "examples/risky.plan.yaml", []))
    assert list(document) == ["plan", "start", "assumptions", "weeks", "findings"]
    assert document["start"] == {"pending": 750, "connections": 140}
    assert [week["week"] for week in document["weeks"]] == list(range(1, 13))
    for week in document["weeks"]:
        assert list(week) == list(COLUMNS)
        assert all(isinstance(value, int) for value in week.values())
    assert all(isinstance(text, str) and text for text in document["assumptions"].values())


def test_json_unknown_values_are_null_not_zero() -> None:
    document = json.loads(render_json(simulate({"outreach": {"invitations": {"per_week": 50}}}), "p", []))
    assert {week["connections"] for week in document["weeks"]} == {None}
    assert {week["notes_used_30d"] for week in document["weeks"]} == {None}


@pytest.mark.parametrize("weeks", [1, 12, 30])
def test_csv_has_one_row_a_week_with_the_same_columns(weeks: int) -> None:
    rows = list(csv.reader(io.StringIO(render_csv(simulate(RISKY, weeks=weeks)))))
    assert rows[0] == list(COLUMNS)
    assert [int(row[0]) for row in rows[1:]] == list(range(1, weeks + 1))
    assert all(cell.isdigit() for row in rows[1:] for cell in row)


def test_csv_leaves_unknown_cells_empty() -> None:
    rows = list(csv.DictReader(io.StringIO(render_csv(simulate({"outreach": {"invitations": {"per_week": 50}}}, weeks=2)))))
    assert rows[0]["connections"] == "" and rows[0]["notes_used_30d"] == ""


def test_the_readme_shows_the_current_chart_of_the_risky_example() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = chart(simulate(RISKY), BANDS)
    assert "\n".join(lines) in readme, "README.md's simulate chart is stale: paste `ssi-lint simulate examples/risky.plan.yaml`"
