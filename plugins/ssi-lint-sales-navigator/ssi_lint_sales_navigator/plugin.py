"""The ssi-lint plugin module: the hooks that add InMail checks for paid LinkedIn tiers.

Registered under the entry-point group `ssi_lint` as `sales_navigator`; load it
by hand with `ssi-lint --plugin ssi_lint_sales_navigator.plugin`. Each hook
imports what it returns only when called, so loading the plugin costs little.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ssi_lint.hookspecs import hookimpl
from ssi_lint.model import CelFunction, Fact

RULE_PACK = Path(__file__).parent / "rules" / "inmail.yaml"
"""The plugin's rule pack (SNV001-SNV009), shipped inside the package."""


@hookimpl
def ssi_lint_rule_packs() -> Sequence[Path]:
    """The InMail rule pack."""
    return [RULE_PACK]


@hookimpl
def ssi_lint_facts() -> Sequence[Fact]:
    """InMail credits, credits left, subscription name and template lengths."""
    from ssi_lint_sales_navigator.facts import FACTS

    return FACTS


@hookimpl
def ssi_lint_cel_functions() -> Sequence[CelFunction]:
    """`snav.placeholders` and `snav.filled_length`."""
    from ssi_lint_sales_navigator.functions import FUNCTIONS

    return FUNCTIONS


@hookimpl
def ssi_lint_plan_schema() -> Mapping[str, Mapping[str, Any]]:
    """The `outreach.inmail` section."""
    from ssi_lint_sales_navigator.schema import PLAN_SCHEMA

    return PLAN_SCHEMA
