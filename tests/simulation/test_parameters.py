"""The projection's model file: every parameter sourced and graded, and bad model files named."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from ssi_lint.simulation.parameters import MODEL_FILE, SimulationModelError, load_parameters, parse_parameters

DATA = yaml.load(MODEL_FILE.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def test_every_parameter_has_a_source_a_grade_and_a_basis() -> None:
    for parameter in load_parameters().entries.values():
        assert parameter.source.strip() and parameter.basis.strip() and parameter.unit.strip(), parameter.name
        assert parameter.confidence in ("A", "B", "C", "D", "art"), parameter.name


def test_the_shipped_values_follow_domain() -> None:
    params = load_parameters()
    assert params["pending_bands"] == {"info": 201, "warning": 500, "error": 700}
    assert (params["connection_cap"], params["free_note_quota"], params["note_window_days"]) == (30000, 5, 30)
    assert (params["weekly_limit"], params["trusted_weekly_limit"], params["trusted_ssi"], params["aged_days"]) == (100, 150, 70, 365)
    assert dict(params.delay_points())[30] == 0.99


def broken(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(DATA)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("parameters", "weeks", "source"), "", "weeks/source"),
        (("parameters", "weekly_limit", "confidence"), "E", "weekly_limit/confidence"),
        (("parameters", "acceptance_delay", "value"), [[7, 0.9], [3, 1.0]], "acceptance_delay"),
        (("parameters", "acceptance_delay", "value"), [[7, 0.9]], "rise to 1.0"),
        (("parameters", "pending_bands", "rule"), "levels", "pending_bands/rule"),
        (("parameters", "free_note_quota", "value"), 5, "free_note_quota"),
        (("version",), 2, "version"),
    ],
)
def test_a_broken_model_names_the_problem(path: tuple[str, ...], value: Any, message: str) -> None:
    with pytest.raises(SimulationModelError, match=message):
        parse_parameters(broken(path, value), "model.yaml")


def test_builtin_rule_defaults_are_the_packs_and_are_kept_as_a_snapshot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The projection reads rule defaults from a snapshot: parsing the packs again (about 0.1 s) is for a changed pack only."""
    from ssi_lint.simulation import parameters

    monkeypatch.setenv("SSI_LINT_CACHE_DIR", str(tmp_path))
    parameters.builtin_rule_defaults.cache_clear()
    parsed = parameters.builtin_rule_defaults()
    assert parsed["OUT003"][0]["limit"] == 100 and parsed["OUT003"][1] == ">"
    assert any(path.name.startswith(parameters.SNAPSHOT_KIND) for path in tmp_path.iterdir())

    def refuse(*_: Any) -> Any:
        raise AssertionError("the packs were parsed again")

    monkeypatch.setattr(parameters, "_parse_defaults", refuse)
    parameters.builtin_rule_defaults.cache_clear()
    assert parameters.builtin_rule_defaults() == parsed
    parameters.builtin_rule_defaults.cache_clear()
