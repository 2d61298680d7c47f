"""The plugin's facts: InMail credits, credits left, and the length of the InMail texts.

Like ssi-lint's own facts, each one takes the plan data and returns a plain
value, or None when the plan does not say enough (rules reading it then do
not fire). A value of the wrong type counts as absent, so a plan with schema
violations cannot make a fact fail.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ssi_lint.model import Fact, lookup

from ssi_lint_sales_navigator.credits import monthly_credits, subscription

Plan = Mapping[str, Any]


def _get(plan: Plan, *keys: str) -> Any:
    """The value at a path of mapping keys, or None when any step is missing."""
    return lookup(plan, keys)


def _tier(plan: Plan) -> tuple[Any, Any]:
    return _get(plan, "account", "tier"), _get(plan, "outreach", "inmail", "premium_plan")


def inmail_credits(plan: Plan) -> int | None:
    """InMail credits per month that the account's tier gives (0 on a free account)."""
    return monthly_credits(*_tier(plan))


def inmail_subscription(plan: Plan) -> str | None:
    """The LinkedIn product whose InMail credits apply, e.g. `Sales Navigator` or `Premium Career`.

    A Premium tier without `premium_plan` is judged as Premium Career, the smaller
    plan, and the name says it was assumed.
    """
    tier, premium_plan = _tier(plan)
    found = subscription(tier, premium_plan)
    if found is None:
        return None
    return f"{found.name} (assumed: no premium_plan is set)" if tier == "premium" and premium_plan is None else found.name


def inmail_per_month(plan: Plan) -> int | None:
    """InMails the plan sends per month (`outreach.inmail.per_month`)."""
    value = _get(plan, "outreach", "inmail", "per_month")
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        return None
    return value


def inmail_credits_left(plan: Plan) -> int | None:
    """InMail credits a month left after the plan's InMails: credits minus per_month (negative: a shortfall)."""
    credits, planned = inmail_credits(plan), inmail_per_month(plan)
    if credits is None or planned is None:
        return None
    return credits - planned


def _length(plan: Plan, field: str) -> int | None:
    text = _get(plan, "outreach", "inmail", field)
    return len(text) if isinstance(text, str) else None


def inmail_subject_length(plan: Plan) -> int | None:
    """Characters in the InMail subject template (`outreach.inmail.subject`)."""
    return _length(plan, "subject")


def inmail_body_length(plan: Plan) -> int | None:
    """Characters in the InMail body template (`outreach.inmail.body`)."""
    return _length(plan, "body")


FACTS: tuple[Fact, ...] = tuple(
    Fact(function.__name__, (function.__doc__ or "").strip().splitlines()[0], function)
    for function in (
        inmail_credits,
        inmail_subscription,
        inmail_credits_left,
        inmail_subject_length,
        inmail_body_length,
    )
)
"""Every fact of the plugin, named after its function; the description is the docstring's first line."""
