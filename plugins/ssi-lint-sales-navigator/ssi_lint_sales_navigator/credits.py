"""LinkedIn's monthly InMail credits, and which subscription a plan's `account.tier` stands for.

The numbers are DOMAIN.md's row "InMail credits per month" (confidence A,
LinkedIn's own help pages): Premium Career 5, Premium Business 15, Sales
Navigator 50, Recruiter Lite 30. A free account gets no InMail credits.

The plan's tier is coarser than LinkedIn's products:

- `free`: 0 credits (no InMail without a paid subscription);
- `premium`: Premium Career (5), the smaller of the two Premium plans, unless
  `outreach.inmail.premium_plan: business` says Premium Business (15);
- `sales_navigator`: Sales Navigator (50);
- `recruiter`: Recruiter Lite (30).

Credits LinkedIn may give back or sell on top of the monthly allowance are
not modelled.
"""

from __future__ import annotations

from typing import NamedTuple


class Subscription(NamedTuple):
    """A LinkedIn product and the InMail credits it gives per month."""

    name: str
    credits: int


FREE = Subscription("a free account", 0)
PREMIUM_CAREER = Subscription("Premium Career", 5)
PREMIUM_BUSINESS = Subscription("Premium Business", 15)
SALES_NAVIGATOR = Subscription("Sales Navigator", 50)
RECRUITER_LITE = Subscription("Recruiter Lite", 30)

_BY_TIER = {
    "free": FREE,
    "premium": PREMIUM_CAREER,
    "sales_navigator": SALES_NAVIGATOR,
    "recruiter": RECRUITER_LITE,
}
_PREMIUM_PLANS = {"career": PREMIUM_CAREER, "business": PREMIUM_BUSINESS}

TIERS = tuple(_BY_TIER)
"""The `account.tier` values of the plan format."""
PREMIUM_PLANS = tuple(_PREMIUM_PLANS)
"""The values of `outreach.inmail.premium_plan`."""


def subscription(tier: object, premium_plan: object = None) -> Subscription | None:
    """The subscription a tier stands for, or None for a missing or unknown tier.

    `premium_plan` (`career` or `business`) only matters for the `premium`
    tier; anything else there means Premium Career.
    """
    if not isinstance(tier, str) or tier not in _BY_TIER:
        return None
    if tier == "premium" and isinstance(premium_plan, str):
        return _PREMIUM_PLANS.get(premium_plan, PREMIUM_CAREER)
    return _BY_TIER[tier]


def monthly_credits(tier: object, premium_plan: object = None) -> int | None:
    """InMail credits per month for a tier (see `subscription`); None when the tier is unknown."""
    found = subscription(tier, premium_plan)
    return None if found is None else found.credits
