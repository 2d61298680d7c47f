"""The JSON Schemas that ship with ssi-lint: the plan format and the rule-pack format."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).parent
PLAN_SCHEMA = SCHEMA_DIR / "plan.schema.json"
RULES_SCHEMA = SCHEMA_DIR / "rules.schema.json"


@cache
def load_schema(path: Path) -> dict[str, Any]:
    """Parse a schema file once per process."""
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)
