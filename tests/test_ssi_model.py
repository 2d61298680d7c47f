"""The SSI model file: its invariants, its loader's errors, its sources, and the generated docs/ssi-model.md."""

from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from ssi_lint.rule_docs import guidance_items
from ssi_lint.ssi_docs import render_markdown
from ssi_lint.ssi_model import MODEL_FILE, PILLAR_POINTS, PILLARS, SsiModelError, load_model, parse_model

ROOT = Path(__file__).parents[1]
DOC = ROOT / "docs" / "ssi-model.md"
SHARED_DOMAIN = ROOT.parent / "shared" / "DOMAIN.md"
PLAN_SCHEMA = json.loads((ROOT / "ssi_lint" / "schema" / "plan.schema.json").read_text(encoding="utf-8"))
UPDATE = os.environ.get("SSI_LINT_UPDATE_GOLDEN") == "1"
RAW: dict[str, Any] = yaml.load(MODEL_FILE.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


def schema_node(path: str) -> dict[str, Any] | None:
    """The plan schema's node for a dotted path (following local $refs), or None."""
    node: dict[str, Any] = PLAN_SCHEMA
    for key in path.split("."):
        node = _resolve(node).get("properties", {}).get(key)
        if node is None:
            return None
    return _resolve(node)


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = PLAN_SCHEMA
        for part in node["$ref"][2:].split("/"):
            target = target[part]
        node = {**target, **{key: value for key, value in node.items() if key != "$ref"}}
    return node


def broken(change: Any) -> dict[str, Any]:
    """A deep copy of the model data with `change(data)` applied."""
    data = copy.deepcopy(RAW)
    change(data)
    return data


# the shipped model


def test_every_pillar_adds_up_to_25() -> None:
    model = load_model()
    for pillar in PILLARS:
        assert sum(component.points for component in model.pillars[pillar]) == pytest.approx(PILLAR_POINTS), pillar


def test_component_ids_are_unique_and_each_plan_path_is_read_once() -> None:
    components = load_model().components
    assert len({component.id for component in components}) == len(components)
    paths = [path for component in components for path in component.dotted_paths]
    assert len(paths) == len(set(paths))


@pytest.mark.parametrize("component", load_model().components, ids=lambda component: component.id)
def test_component_reads_plan_fields_of_a_fitting_type(component: Any) -> None:
    for path in component.dotted_paths:
        node = schema_node(path)
        assert node is not None, f"{path} is not a field of the plan schema"
        kind = "enum" if "enum" in node else node.get("type")
        expected = {
            "present": {"boolean", "string"},
            "linear": {"integer", "number", "array"},
            "band": {"integer", "number"},
            "choice": {"enum"},
        }[component.earn]
        assert kind in expected, f"{path} is {kind}, not usable by `{component.earn}`"
        if component.earn == "choice":
            assert set(component.weights) <= set(node["enum"]), path


@pytest.mark.parametrize("component", load_model().components, ids=lambda component: component.id)
def test_component_cites_a_source_and_gives_advice(component: Any) -> None:
    assert component.guidance or component.linkedin
    unknown = [item for item in component.guidance if item not in guidance_items()]
    assert not unknown, f"unknown guidance ids {unknown}"
    assert component.description.endswith(".") and component.basis.endswith(".")
    assert component.advice and "{" not in component.advice
    for item in re.findall(r"\b([A-Z][0-9]+)\b", component.advice):
        assert item in guidance_items(), item


@pytest.mark.skipif(not SHARED_DOMAIN.is_file(), reason="DOMAIN.md (../shared) is not available")
def test_every_linkedin_input_comes_from_domain_md() -> None:
    row = next(line for line in SHARED_DOMAIN.read_text(encoding="utf-8").splitlines() if line.startswith("| SSI inputs"))
    inputs = row.split("|")[2]
    for component in load_model().components:
        assert component.linkedin in inputs, (component.id, component.linkedin)


def test_the_model_is_loaded_once() -> None:
    assert load_model() is load_model()


# the loader's checks


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda data: data["pillars"]["brand"]["components"][0].update(points=4), "pillar brand: components add up to 26 points, not 25"),
        (lambda data: data["pillars"]["people"]["components"][1].update(id="searches_per_week"), "people.searches_per_week: duplicate component id"),
        (lambda data: data["pillars"]["brand"]["components"][0].pop("advice"), "pillars/brand/components/0: \"advice\" is a required property"),
        (lambda data: data["pillars"]["brand"]["components"][0].update(earn="sometimes"), "pillars/brand/components/0/earn"),
        (lambda data: data["pillars"]["brand"]["components"][4].pop("target"), "pillars/brand/components/4"),
        (lambda data: data["pillars"].pop("insights"), "\"insights\" is a required property"),
        (lambda data: data["pillars"]["insights"]["components"][3].update(low=5, high=2), "insights.reposts: band low 5 is above high 2"),
        (lambda data: data["pillars"]["brand"]["components"][1].update(paths=["profile.photo"]), "brand.banner: profile.photo is already read by photo"),
        (lambda data: data["pillars"]["brand"]["components"][0].update(advice="add {nothing}"), "brand.photo: advice template"),
    ],
    ids=["sum", "duplicate-id", "missing-field", "unknown-earn", "linear-without-target", "missing-pillar", "band", "path-twice", "advice-placeholder"],
)
def test_invalid_models_are_rejected_with_a_clear_message(change: Any, message: str) -> None:
    with pytest.raises(SsiModelError) as caught:
        parse_model(broken(change), "model.yaml")
    assert str(caught.value).startswith("model.yaml: ")
    assert message in str(caught.value)


def test_an_unreadable_model_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "model.yaml"
    path.write_text("pillars: [\n", encoding="utf-8")
    with pytest.raises(SsiModelError, match=r"model\.yaml: cannot read the SSI model"):
        load_model.__wrapped__(path)


# docs/ssi-model.md


def test_model_doc_is_up_to_date() -> None:
    text = render_markdown()
    if UPDATE:
        DOC.write_text(text, encoding="utf-8")
    assert DOC.is_file() and text == DOC.read_text(encoding="utf-8"), (
        "docs/ssi-model.md is stale: run SSI_LINT_UPDATE_GOLDEN=1 python -m pytest tests/test_ssi_model.py"
    )


def test_model_doc_says_it_is_an_estimate_and_covers_every_component() -> None:
    text = render_markdown()
    assert "LinkedIn does not publish" in text and "estimate" in text
    for component in load_model().components:
        assert f"| {component.id} |" in text and f"**{component.id}**" in text
