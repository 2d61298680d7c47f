"""The `outreach.inmail` plan section this plugin adds to the plan schema.

```yaml
outreach:
  inmail:
    per_month: 40                 # InMails you send per month
    premium_plan: business        # only for tier premium: career (5 credits) or business (15)
    subject: "{first_name}, a question about your Q3 hiring"
    body: "Hi {first_name}, I saw your post on ..."
```

The subject and body are the template texts themselves, not their lengths:
the rules count their characters and look at their `{field}` placeholders.
"""

from __future__ import annotations

from typing import Any

from ssi_lint_sales_navigator.credits import PREMIUM_PLANS

SUBJECT_LIMIT = 200
BODY_LIMIT = 2000
"""LinkedIn's InMail subject / body limits in characters (DOMAIN.md, A)."""

INMAIL: dict[str, Any] = {
    "description": (
        "InMail: paid messages to people you are not connected with, sent with the monthly credits of a "
        "Premium, Sales Navigator or Recruiter subscription (added by the ssi-lint-sales-navigator plugin)."
    ),
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "per_month": {
            "description": (
                "How many InMails you send per month (InMails per month). Each uses one credit: Premium Career "
                "gives 5 a month, Premium Business 15, Sales Navigator 50, Recruiter Lite 30, a free account none."
            ),
            "type": "integer",
            "minimum": 0,
            "maximum": 1000000000,
        },
        "premium_plan": {
            "description": (
                "Which Premium plan a `premium` account has: career (5 InMail credits a month) or business (15). "
                "Only read when account.tier is premium; when it is not given, career is assumed."
            ),
            "enum": list(PREMIUM_PLANS),
            "default": "career",
        },
        "subject": {
            "description": (
                f"The InMail subject line, or the template it starts from, with {{field}} placeholders such as "
                f"{{first_name}} (text). LinkedIn allows at most {SUBJECT_LIMIT} characters."
            ),
            "type": "string",
        },
        "body": {
            "description": (
                f"The InMail message text, or the template it starts from, with {{field}} placeholders such as "
                f"{{first_name}} (text). LinkedIn allows at most {BODY_LIMIT:,} characters."
            ),
            "type": "string",
        },
    },
}
"""The JSON Schema of `outreach.inmail`."""

PLAN_SCHEMA: dict[str, dict[str, Any]] = {"outreach": {"inmail": INMAIL}}
"""The extension returned from the `ssi_lint_plan_schema` hook."""
