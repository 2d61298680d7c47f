"""Documentation URLs of rules: the rule's anchor in docs/rules.md of ssi-lint's repository.

The repository URL comes from the installed package's metadata
(`[project.urls] Repository` in pyproject.toml), so a fork that changes it
links to its own documentation. Only the rules documented there have a URL:
the built-in checks and the rules of the built-in packs; plugin rules and
`--rules` packs have none.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import cache

from ssi_lint.model import Rule

DISTRIBUTION = "ssi-lint"
DOCS_PATH = "blob/main/docs/rules.md"
BUILT_IN = "<built-in>"
_LABELS = ("repository", "source", "source code", "homepage")


@cache
def repository_url() -> str | None:
    """The repository URL of the installed ssi-lint, or None when its metadata has none."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        entries = metadata(DISTRIBUTION).get_all("Project-URL") or []
    except PackageNotFoundError:
        return None
    urls = {}
    for entry in entries:
        label, _, url = entry.partition(",")
        urls[label.strip().lower()] = url.strip().rstrip("/")
    return next((urls[label] for label in _LABELS if urls.get(label)), None)


def rules_page() -> str | None:
    """The URL of docs/rules.md in the repository, or None."""
    base = repository_url()
    return f"{base}/{DOCS_PATH}" if base else None


def is_documented(rule: Rule) -> bool:
    """Whether docs/rules.md documents the rule: a built-in check, or a rule of a built-in pack."""
    if rule.file == BUILT_IN:
        return True
    from ssi_lint.builtin import builtin_rules_dir

    folder = os.path.realpath(builtin_rules_dir())
    return bool(rule.file) and os.path.dirname(os.path.realpath(rule.file)) == folder


def rule_url(rule: Rule) -> str | None:
    """The rule's documentation URL (its anchor in docs/rules.md), or None."""
    page = rules_page()
    return f"{page}#{rule.id.lower()}" if page and is_documented(rule) else None


class RuleUrls:
    """Documentation URLs by rule id, for formatters that see findings rather than rules."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self._urls: dict[str, str | None] = {}
        for rule in rules:
            self._urls.setdefault(rule.id, rule_url(rule))

    def __call__(self, rule_id: str) -> str | None:
        """The URL of a rule of the run, or None."""
        return self._urls.get(rule_id)
