"""Suggestions for a rule id that does not exist: a typo's closest id, or the rule that took over a retired id.

Rule pairs on one threshold (a warning rule and an error rule) became one
rule with levels; a configuration or suppression still naming the old id is
pointed at the rule that now holds its level. A rule whose guidance another
rule already held was folded into it (`FOLDED`), and is pointed at that rule.
"""

from __future__ import annotations

from collections.abc import Iterable

RETIRED = {
    "OUT002": ("OUT001", "error"),
    "OUT004": ("OUT003", "error"),
    "OUT005": ("OUT003", "error (low SSI)"),
    "OUT009": ("OUT008", "error"),
    "OUT011": ("OUT010", "error"),
    "OUT013": ("OUT012", "error"),
    "OUT015": ("OUT014", "error"),
    "HYG002": ("HYG001", "warning"),
    "HYG003": ("HYG001", "error"),
    "PLN004": ("PLN003", "error"),
    "ADS004": ("ADS003", "warning"),
    "SSI002": ("SSI001", "warning"),
}
"""Retired id -> (the rule that holds its threshold now, as which level)."""
FOLDED = {
    "CNT006": ("CNT003", "CNT006, publications in bulk, is folded into it: the article's \"not in bulk\" (I2) is about reposts"),
}
"""Retired id -> (the rule that holds its guidance now, why)."""


def suggest(rule_id: str, known: Iterable[str], quote: str = "") -> str | None:
    """`OUT001 (OUT002 is now its error level)` for a retired id, the closest known id for a typo, or None.

    `quote` wraps the suggested id (a backtick for messages that quote ids).
    """
    known = list(known)
    successor = RETIRED.get(rule_id.upper())
    if successor is not None and successor[0] in known:
        return f"{quote}{successor[0]}{quote} ({rule_id.upper()} is now its {successor[1]} level)"
    folded = FOLDED.get(rule_id.upper())
    if folded is not None and folded[0] in known:
        return f"{quote}{folded[0]}{quote} ({folded[1]})"
    import difflib

    close = difflib.get_close_matches(rule_id.upper(), known, n=1)
    return f"{quote}{close[0]}{quote}" if close else None
