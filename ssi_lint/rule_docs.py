"""Describe rules for people: `ssi-lint rules` (text, JSON, Markdown) and `ssi-lint explain`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from ssi_lint.core_checks import is_file_problem
from ssi_lint.model import AMONG_ITEM, Rule

GUIDANCE_FILE = Path(__file__).parent / "guidance.yaml"
ALWAYS_REPORTED = (
    "Always reported: a problem of the file itself, so `select`, `ignore`, `per-file-ignores`, inline suppressions "
    "and a baseline never hide it (like a syntax error in ruff); only its `severity` can be changed."
)


@cache
def guidance_items() -> dict[str, str]:
    """The article's guidance items (id -> one-sentence summary)."""
    if not GUIDANCE_FILE.is_file():
        return {}
    import yaml

    with GUIDANCE_FILE.open(encoding="utf-8") as handle:
        return {str(key): str(value) for key, value in (yaml.safe_load(handle) or {}).items()}


READING_GUIDE = (
    "## How to read a rule",
    "",
    "- **Levels.** A threshold with a warning and an error level is one rule with `levels`, for example",
    "  OUT001's `{warning: 20, error: 40}`: the most severe level the measure crosses sets the finding's",
    "  severity, so no value can fall between two rules. Override a level in configuration with",
    "  `params: {OUT001: {levels: {error: 70}}}`; the levels must stay in order. `ssi-lint explain ID` shows",
    "  the levels and params in effect, configuration applied.",
    "- **Where a finding points.** At the field it is about (`About:` below, else the first field the",
    "  condition reads; a rule judged `For each` item of a list is about the first item it fires for, such as",
    "  the first week over a limit); only a finding about an absent field points at its nearest present parent. An",
    "  inline suppression on that field's line covers it.",
    "- **Unknown is neither safe nor empty.** What the plan does not state is judged with the conservative",
    "  assumption, and the message says so (a rule's `unstated` message words a finding about a field the plan",
    "  leaves out apart from one about an empty field): an SSI that is neither declared nor estimable is judged as below",
    "  the floor, SSI001's error level (50 unless configured; `facts.ssi_judged`), a declared total never counts for more",
    "  than its declared pillars allow, and without a total the pillars that are known are its lower bound and, with 25",
    "  for each unknown one, its upper bound (SSI001 fires when that is below its warning level, 55); an input of the",
    "  SSI estimate the plan does not state is unknown, not 0: an estimated",
    "  pillar or total is a range from what the stated inputs earn to what the unstated ones could add at their best,",
    "  a verdict on it (SSI001, SSI003-SSI006, SSI008) holds only over the whole range, and SSI011 names what to state",
    "  when it does not; only what the plan declares (a total, or pillars adding up to 70)",
    "  earns a trusted account's higher weekly limit, never an estimate; daily figures become weekly ones over `outreach.active_days_per_week` (else",
    "  the account's active days, else 5, the working week), and messages show it (`20 a day x 5 days,",
    "  assumed`); a missing tier is",
    "  not a paid one. A section the verdicts depend on that the plan leaves out gets one COV info finding",
    "  naming what could not be checked.",
    "- **No echoes.** Where one rule subsumes another (`Supersedes:`), only the more severe finding (as the packs rate them, whatever the configured severity) is reported.",
    "- **Word lists.** The offer-category rules (ADS011, ADS013-ADS021) fire when the category names one of",
    "  their `words` as a whole word or phrase (every run of characters other than letters and digits read as a",
    "  space: `facts.category_words`), unless a phrase of their `unless` list",
    "  accounts for it: `digital detox` excuses `detox`, `team spirits` excuses `spirits`. A phrase excuses only",
    "  the word it holds and only inside itself, so `team spirits and whisky tasting` and `digital detox retreat with",
    "  detox teas` still fire. A configured list replaces the default one.",
    "- **Ids merged into levels.** OUT002 is now OUT001's error level; OUT004 and OUT005 are OUT003's; OUT009 is",
    "  OUT008's; OUT011 OUT010's; OUT013 OUT012's; OUT015 OUT014's; HYG002 and HYG003 are HYG001's; PLN004 is",
    "  PLN003's; ADS004 is ADS003's; SSI002 is SSI001's. A configuration, `--select` or suppression naming an old",
    "  id is an error that names the rule holding its level now (`did you mean OUT001 (OUT002 is now its error level)?`).",
    "  CNT006 (publications in bulk) is folded into CNT003: the article's \"not in bulk\" (I2) is about reposts, and it",
    "  sets no limit on one's own posts; an old id names CNT003 the same way.",
)
"""The preamble of docs/rules.md: levels, locations and the conservative assumptions."""


def severity_label(rule: Rule) -> str:
    """`warning` for a plain rule; `info/warning/error` (least severe first) for a rule with levels."""
    return "/".join(reversed(list(rule.levels))) if rule.levels else rule.severity.label


def rule_record(rule: Rule) -> dict[str, Any]:
    """A rule as plain data (the JSON listing), with its documentation `url` (or null)."""
    from ssi_lint.rule_urls import rule_url

    return {
        "id": rule.id,
        "name": rule.name,
        "title": rule.title,
        "severity": rule.severity.label,
        "pillar": rule.pillar,
        "category": rule.category,
        "guidance": list(rule.guidance),
        "given": rule.given,
        "when": rule.when,
        "among": rule.among,
        "levels": dict(rule.levels),
        "measure": rule.measure,
        "compare": rule.compare,
        "subject": list(rule.subject),
        "supersedes": list(rule.supersedes),
        "params": dict(rule.params),
        "source": rule.source,
        "message": rule.message,
        "unstated": rule.unstated,
        "fix": rule.fix,
        "file": rule.file,
        "url": rule_url(rule),
    }


def render_json(rules: Sequence[Rule], informational: Mapping[str, str]) -> str:
    """Every rule and the informational guidance as one JSON document."""
    report = {"rules": [rule_record(rule) for rule in rules], "informational": dict(sorted(informational.items()))}
    from ssi_lint.formatters.finite import finite

    return json.dumps(finite(report), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def render_text(rules: Sequence[Rule], informational: Mapping[str, str]) -> str:
    """One line per rule: id, severity, pillar/category, name, guidance, params."""
    lines = []
    for rule in rules:
        guidance = ",".join(rule.guidance) or "-"
        params = " ".join(f"{key}={_value(value)}" for key, value in rule.params.items())
        line = f"{rule.id:<10} {rule.severity.label:<8} {rule.pillar + '/' + rule.category:<28} {rule.name:<36} [{guidance}]"
        lines.append(f"{line} {params}".rstrip())
    return "\n".join(lines) + "\n"


def render_markdown(rules: Sequence[Rule], informational: Mapping[str, str]) -> str:
    """The rule reference (docs/rules.md): a table, then a section per rule."""
    out = [
        "# ssi-lint rules",
        "",
        "Generated by `ssi-lint rules --format markdown`; do not edit by hand.",
        "",
        *READING_GUIDE,
        "",
        "| id | name | severity | pillar | category | guidance |",
        "|---|---|---|---|---|---|",
    ]
    out += [
        f"| [{r.id}](#{r.id.lower()}) | {r.name} | {severity_label(r)} | {r.pillar} | {r.category} | {', '.join(r.guidance)} |"
        for r in rules
    ]
    by_id = {rule.id: rule for rule in rules}
    for rule in rules:
        out += ["", f"## {rule.id}", "", f"**{rule.title}** (`{rule.name}`, {severity_label(rule)}, {rule.pillar}/{rule.category})", ""]
        if rule.rationale:
            out += [rule.rationale.strip(), ""]
        if is_file_problem(rule.id):
            out.append(f"- {ALWAYS_REPORTED}")
        out += [f"- {line}" for line in _judging(rule, code="`")]
        if rule.params:
            out.append("- Defaults: " + _defaults(rule, by_id.get(rule.params_from)))
        if rule.source:
            out.append(f"- Source: {rule.source}")
        if rule.guidance:
            out.append("- Guidance: " + ", ".join(rule.guidance))
        if rule.fix:
            out.append(f"- Fix: {rule.fix}")
    if informational:
        out += ["", "## Guidance no plan can show", "", "| guidance | why it is not checked |", "|---|---|"]
        out += [f"| {key} | {reason} |" for key, reason in sorted(informational.items())]
    return "\n".join(out) + "\n"


def explain(
    rules: Sequence[Rule], rule_id: str, effective: Mapping[str, Mapping[str, Any]] | None = None, borrowed: Sequence[str] = (),
) -> str:
    """Everything about one rule, for `ssi-lint explain`; unknown ids raise SsiLintError.

    `effective` holds the params each rule runs with after configuration (levels included); `borrowed`, the
    other rules whose params the facts the rule reads judge with (`Linter.params_borrowed`).
    """
    from ssi_lint.errors import SsiLintError

    by_id = {rule.id: rule for rule in rules}
    rule = by_id.get(rule_id)
    if rule is None:
        from ssi_lint.rule_ids import suggest

        close = suggest(rule_id, by_id)
        raise SsiLintError(f"unknown rule id '{rule_id}'" + (f"; did you mean {close}?" if close else ""))
    out = [f"{rule.id} {rule.name}: {rule.title}", f"severity: {severity_label(rule)}   pillar: {rule.pillar}   category: {rule.category}", ""]
    if rule.rationale:
        out += ["Why:", f"  {rule.rationale.strip()}", ""]
    if is_file_problem(rule.id):
        out += [ALWAYS_REPORTED.replace("`", ""), ""]
    summaries = guidance_items()
    if rule.guidance:
        out.append("Guidance:")
        out += [f"  {item}: {summaries.get(item, '')}".rstrip() for item in rule.guidance]
        out.append("")
    if rule.source:
        out += [f"Source: {rule.source}", ""]
    configured = (effective or {}).get(rule.id)
    out += _judging(rule, code="", levels=configured.get("levels") if configured is not None else None)
    if rule.params:
        out.append("Defaults: " + ", ".join(f"{key}={_value(value)}" for key, value in rule.params.items()))
    if configured is not None and configured != rule.params:
        out.append("In effect (configuration applied): " + ", ".join(f"{key}={_value(value)}" for key, value in configured.items()))
    if borrowed:
        changed = [rule_id for rule_id in borrowed if rule_id in by_id and (effective or {}).get(rule_id, by_id[rule_id].params) != by_id[rule_id].params]
        out.append(f"Also judges with the params of: {', '.join(borrowed)} (`ssi-lint explain ID` shows each)"
                   + (f"; configured: {', '.join(changed)}" if changed else ""))
    if isinstance(rule.message, str):
        out.append(f"Message: {rule.message}")
    else:
        out += [f"Message ({name}): {text}" for name, text in rule.message.items()]
    if rule.unstated:
        out.append(f"Message when the plan does not state the field: {rule.unstated}")
    if rule.fix:
        out.append(f"Fix: {rule.fix}")
    if rule.autofix:
        out.append(f"Machine fix (--fix): {rule.autofix.get('field') or rule.given or 'the node'} becomes {rule.autofix['value']}")
    for kind, examples in rule.examples.items():
        label = {"fail": "fire", "pass": "pass"}.get(kind, f"fire at {kind}")
        out += ["", f"Examples that {label}:"]
        out += [f"  {json.dumps(example, ensure_ascii=False)}" for example in examples]
    out.append(f"\nDeclared in {rule.location}")
    return "\n".join(out) + "\n"


def _judging(rule: Rule, code: str, levels: Mapping[str, Any] | None = None) -> list[str]:
    """What the rule looks at and when it fires: its condition, or its measure and levels (`levels`: the thresholds
    configured, shown with the default they replace)."""
    if not rule.when and not rule.levels:
        return []
    lines = [f"Looks at: {code}{rule.given or '(the whole plan)'}{code}"]
    if rule.among:
        lines.append(f"For each {AMONG_ITEM} of: {code}{' '.join(rule.among.split())}{code} (the finding is about the first it fires for)")
    if rule.subject:
        lines.append("About: " + ", ".join(f"{code}{entry}{code}" for entry in rule.subject))
    if rule.levels:
        if rule.when:
            lines.append(f"Only where: {code}{' '.join(rule.when.split())}{code}")
        lines.append(f"Measures: {code}{rule.measure or 'self'}{code}")
        lines.append("Levels (the most severe crossed wins): " + "; ".join(
            f"{name} when {rule.comparison(name)} {code}{_threshold(value, (levels or {}).get(name, value))}{code}" for name, value in rule.levels.items()
        ))
    else:
        lines.append(f"Fires when: {code}{' '.join(rule.when.split()) if rule.when else ''}{code}")
    if rule.supersedes:
        lines.append(f"Supersedes: {', '.join(rule.supersedes)} (only the more severe of the two is reported)")
    return lines


def _threshold(default: Any, configured: Any) -> str:
    """A level's threshold as it applies: an expression as written, a number as configured (and the default it replaces)."""
    if isinstance(default, str) or configured == default:
        return " ".join(str(default).split())
    return f"{_value(configured)} (configured; default {_value(default)})"


def _value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value


def _defaults(rule: Rule, source: Rule | None) -> str:
    """A rule's default params; a `params_from` rule's shared ones first, said to be its source's (and configured there)."""
    def listed(names: Iterable[str]) -> str:
        return ", ".join(f"`{key}` = {_value(rule.params[key])}" for key in names)

    if not rule.params_from:
        return listed(rule.params)
    shared = [key for key in rule.params if source is None or key in source.params]
    own = [key for key in rule.params if key not in shared]
    text = f"{rule.params_from}'s params (configured as `params.{rule.params_from}`): {listed(shared)}"
    return text + (f"; its own: {listed(own)}" if own else "")
