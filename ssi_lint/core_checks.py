"""The checks built into loading and schema validation, described like any other rule.

They have no CEL condition: the YAML loader and the schema checker raise them.
Describing them as rules (registered through the `ssi_lint_checks` hook, like
the checks a loader plugin raises) lets `--select`, `--ignore`, `rules` and
`explain` treat them like the rest.
"""

from __future__ import annotations

from collections.abc import Mapping

from ssi_lint.errors import SsiLintError
from ssi_lint.model import Finding, Problem, Rule, Severity, declare_check, format_path


def _check(rule_id: str, name: str, title: str, severity: Severity, rationale: str, fix: str) -> Rule:
    return declare_check(rule_id, name, title, severity, rationale, fix, source="ssi-lint plan format (version 1)")


_E, _W = Severity.ERROR, Severity.WARNING
CORE_CHECKS: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        _check("LOAD001", "invalid-yaml", "The file is not valid YAML", _E,
               "A plan that does not parse cannot be checked at all.",
               "Fix the YAML syntax at the reported place (indentation, quotes, brackets)."),
        _check("LOAD002", "duplicate-key", "A key appears twice in the same mapping", _E,
               "YAML keeps only the last of two equal keys, silently dropping the first value.",
               "Keep one of the two keys."),
        _check("LOAD003", "top-level-not-mapping", "The top level is not a mapping of plan sections", _E,
               "A plan is a mapping of sections (account, profile, outreach, ...).",
               "Start the file with `version: 1` and the plan's sections."),
        _check("LOAD004", "empty-file", "The file is empty", _E,
               "An empty plan says nothing to check.",
               "Write the plan, starting with `version: 1`, or remove the file."),
        _check("LOAD005", "multiple-documents", "The file holds more than one YAML document", _E,
               "One file holds one plan; a second document after `---` would be ignored.",
               "Split the documents into separate .plan.yaml files."),
        _check("LOAD006", "undecodable-bytes", "The file is not valid UTF-8 text", _E,
               "Plans are UTF-8 text; other bytes usually mean a wrong encoding or a binary file (a ZIP archive is named as one).",
               "Save the file as UTF-8; give a data export's ZIP to its loader plugin."),
        _check("LOAD007", "too-large", "The file is too large or nested too deeply to check", _E,
               "Limits stop alias bombs and runaway nesting from exhausting memory.",
               "Remove the deep nesting or the repeated aliases."),
        _check("LOAD008", "complex-key", "A mapping key is not plain text", _E,
               "Plan field names are plain text.",
               "Use a plain field name as the key."),
        _check("LOAD009", "not-checked", "The file could not be checked", _E,
               "A file that cannot be read, or that a loader or rule fails on, is reported instead of ending the run.",
               "Fix what the message names (permissions, the plugin or rule); the run's exit status is 2 until then."),
        _check("SCHEMA001", "schema-violation", "A field has a value the plan format does not allow", _E,
               "The plan format (its JSON Schema) says which fields exist and what values they take. The message "
               "names the rule the value breaks, then what the format says the field is (`0.34 means 34 %`). No other "
               "rule judges that field itself; rules that only read it judge the plan from its other fields.",
               "Change the value as the message says; `ssi-lint schema` shows the format."),
        _check("SCHEMA002", "unknown-key", "A key is not part of the plan format", _E,
               "An unknown key is usually a typo, and the value it holds is never checked: `per_dya: 500` would "
               "silently turn the daily-invitation check off. So it is an error by default; a project that keeps "
               "extra keys on purpose can lower it with `severity: {SCHEMA002: warning}`.",
               "Rename the key to the suggested one, or remove it."),
    )
}


FILE_PROBLEMS: frozenset[str] = frozenset(CORE_CHECKS)
"""The problems of the file itself (LOAD*: it could not be read; SCHEMA*: it breaks the plan format).

Like a syntax error in ruff, they are always reported: `select` and `ignore`,
`per-file-ignores`, inline suppressions and a baseline never hide them, since
a file with one was not checked (or not fully). Only their severity can be
changed (`severity: {SCHEMA002: warning}`)."""


def is_file_problem(rule_id: str) -> bool:
    """Whether the id is a problem of the file itself (`FILE_PROBLEMS`), reported whatever the selection says."""
    return rule_id in FILE_PROBLEMS


def _suppression_check(rule_id: str, name: str, title: str, rationale: str, fix: str) -> Rule:
    return declare_check(
        rule_id, name, title, Severity.WARNING, rationale, fix, source="ssi-lint inline suppressions", category="hygiene"
    )


SUPPRESSION_CHECKS: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        _suppression_check("SUP001", "suppression-without-reason", "A suppression gives no reason",
               "A reason tells the next reader why the risk was accepted, and when it may be lifted.",
               "Add the reason after the bracket: `# ssi-lint: ignore[RULE_ID] -- why`, with the rule ids the comment names."),
        _suppression_check("SUP002", "unused-suppression", "A suppression suppresses nothing",
               "A suppression that no longer hides anything would silently hide a future finding.",
               "Remove the rule id from the suppression, or the whole comment."),
        _suppression_check("SUP003", "invalid-suppression", "A suppression is malformed or names an unknown rule",
               "A mistyped suppression hides nothing, so the finding it meant to hide stays.",
               "Write `# ssi-lint: ignore[RULE_ID] -- reason` with a rule id `ssi-lint rules` lists."),
    )
}


def problem_finding(problem: Problem, source: str, checks: Mapping[str, Rule]) -> Finding:
    """A loading or schema problem as a finding of the check its code names."""
    check = checks.get(problem.code)
    if check is None:
        raise SsiLintError(f"{source}: a loader reported problem code {problem.code}, which no plugin declares as a check")
    return Finding(
        rule_id=check.id,
        name=check.name,
        severity=check.severity,
        category=check.category,
        pillar=check.pillar,
        message=problem.message,
        file=problem.file or source,
        line=problem.position.line,
        column=problem.position.column,
        path=format_path(problem.path),
        guidance=check.guidance,
        fix=check.fix,
    )
