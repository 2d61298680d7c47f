"""The parameters table of docs/simulation.md, generated from `model.yaml` (a test keeps the page in step)."""

from __future__ import annotations

from typing import Any

from ssi_lint.simulation.parameters import Parameters, load_parameters

START = "<!-- parameters: generated from ssi_lint/simulation/model.yaml; do not edit by hand -->"
END = "<!-- end of parameters -->"


def parameters_table(params: Parameters | None = None) -> str:
    """A markdown table: parameter, value (and the rule param it reads, if any), unit, confidence, source, basis."""
    params = params or load_parameters()
    lines = ["| parameter | value | unit | confidence | source | basis |", "|---|---|---|---|---|---|"]
    for entry in params.entries.values():
        value = _value(params[entry.name]) + (f" (`params.{entry.rule}`)" if entry.rule else "")  # a rule's param: configured there
        cells = (f"`{entry.name}`", value, entry.unit, entry.confidence, entry.source, entry.basis)
        lines.append("| " + " | ".join(str(cell).replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def _value(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{key} {item}" for key, item in value.items())
    if isinstance(value, list) and value and isinstance(value[0], list):
        return ", ".join(f"{day} d: {share:.0%}" for day, share in value)
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return str(value)


def with_table(page: str, params: Parameters | None = None) -> str:
    """The page with the text between the START and END markers replaced by a fresh table."""
    head, _, rest = page.partition(START)
    _, _, tail = rest.partition(END)
    return f"{head}{START}\n{parameters_table(params)}{END}{tail}"
