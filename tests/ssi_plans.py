"""Plans whose SSI the tests of the estimate and of its charts share."""

from __future__ import annotations

from typing import Any

THREE_DECLARED_ONE_ESTIMATED: dict[str, Any] = {
    "account": {"tier": "premium", "age_days": 800, "connections": 5000, "ssi": {"brand": 10, "people": 10, "insights": 10}},
    "outreach": {
        "invitations": {"per_day": 4, "per_week": 20, "note": "personalized"},
        "acceptance_rate": 0.25,
        "pending": {"sent": 100, "withdraw_after_days": 21, "received": 0},
        "messages": {"per_day": 20, "unread": 0},
        "follow_instead_of_connect": True,
    },
}
"""Brand, people and insights declared without a total; relationships described well enough to estimate."""
