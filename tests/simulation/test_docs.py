"""docs/simulation.md: its parameters table is generated from the model file and must be current."""

from __future__ import annotations

import os
from pathlib import Path

from ssi_lint.simulation.docs import END, START, with_table
from ssi_lint.simulation.parameters import load_parameters

PAGE = Path(__file__).parents[2] / "docs" / "simulation.md"


def test_parameters_table_is_current() -> None:
    text = PAGE.read_text(encoding="utf-8")
    fresh = with_table(text)
    if os.environ.get("SSI_LINT_UPDATE_GOLDEN") == "1":
        PAGE.write_text(fresh, encoding="utf-8")
        text = fresh
    assert START in text and END in text
    assert text == fresh, "docs/simulation.md is stale: run the tests with SSI_LINT_UPDATE_GOLDEN=1"


def test_every_parameter_is_in_the_table() -> None:
    table = with_table(f"{START}{END}")
    for name in load_parameters().entries:
        assert f"| `{name}` |" in table
