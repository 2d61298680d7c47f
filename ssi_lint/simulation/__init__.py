"""Outreach projection: the plan week by week (`ssi-lint simulate`, `facts.simulation`).

    from ssi_lint.simulation import simulate
    projection = simulate(plan, weeks=12)
    for week in projection.rows():
        print(week["week"], week["pending"])

The model and its parameters are described in docs/simulation.md; the
parameters, each with its source and confidence, live in `model.yaml`.
"""

from __future__ import annotations

from ssi_lint.simulation.core import Projection, Start, simulate
from ssi_lint.simulation.inputs import active_days_per_week, judged_conservatively, weekly_invitation_limit
from ssi_lint.simulation.projection import COLUMNS, Week

__all__ = [
    "COLUMNS",
    "Projection",
    "Start",
    "Week",
    "active_days_per_week",
    "judged_conservatively",
    "simulate",
    "weekly_invitation_limit",
]
