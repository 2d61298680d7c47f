"""Outreach projection: the plan week by week (`ssi-lint simulate`, `facts.simulation`).

    from ssi_lint.simulation import simulate
    projection = simulate(plan, weeks=12)
    for week in projection.rows():
        print(week["week"], week["pending"])
    pending_bands()  # {"info": 201, "warning": 500, "error": 700}, to draw the chart's bands

The model and its parameters are described in docs/simulation.md; the
parameters, each with its source and confidence, live in `model.yaml`.
"""

from __future__ import annotations

from ssi_lint.simulation.core import Projection, Start, pending_bands, simulate
from ssi_lint.simulation.inputs import active_days_per_week, judged_conservatively, weekly_invitation_limit
from ssi_lint.simulation.projection import COLUMNS, Week

__all__ = [
    "COLUMNS",
    "Projection",
    "Start",
    "Week",
    "active_days_per_week",
    "judged_conservatively",
    "pending_bands",
    "simulate",
    "weekly_invitation_limit",
]
