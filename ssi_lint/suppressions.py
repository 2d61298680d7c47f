"""Inline suppressions in plan files, and the findings about the suppressions themselves.

    per_week: 140  # ssi-lint: ignore[OUT001] -- agreed with the account owner
    # ssi-lint: file-ignore[PRO001,PRO002] -- a test account, no profile

`ignore[...]` hides the named rules' findings on the comment's line;
`file-ignore[...]` hides them anywhere in the file. Every directive needs a
reason after ` -- ` (SUP001 otherwise, though it still suppresses); a rule
id that hid nothing is SUP002; an unknown rule id or a malformed directive is
SUP003. Rule ids may be written in any case (`out001` is OUT001). Findings
about suppressions cannot themselves be suppressed inline, nor can the
problems of the file itself (LOAD*, SCHEMA*: `core_checks.FILE_PROBLEMS`),
which are always reported: naming one is SUP003.

Directives are recognised only in YAML comments: the text is tokenised with
the YAML scanner and a `#` inside a scalar (quoted, or a block scalar's
content) is ignored. Past a YAML syntax error the scanner stops, and the rest
of the file falls back to YAML's comment rule (a `#` at the start of a line or
after a space), which may mistake a `#` inside a quoted string for a comment.
A comment may chain directives (`# ssi-lint: ignore[A] -- a # ssi-lint:
ignore[B] -- b`): each `# ssi-lint:` after a space starts one of its own.
"""

from __future__ import annotations

import bisect
import difflib
import re
import sys
from collections.abc import Callable, Collection, Iterable, Sequence
from functools import lru_cache

import yaml
from msgspec import Struct
from msgspec.structs import replace

from ssi_lint.core_checks import SUPPRESSION_CHECKS, is_file_problem
from ssi_lint.model import FileResult, Finding

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

_DIRECTIVE = re.compile(r"#\s*ssi-lint:\s*(?P<body>.*)$")
_NEXT_DIRECTIVE = re.compile(r"(?<=\s)#\s*ssi-lint:")
"""A further directive in the same comment: `# ssi-lint:` after a space."""
_BODY = re.compile(r"(?P<kind>[\w-]+)\s*\[(?P<ids>[^\]]*)\]\s*(?P<rest>.*)$")
_KINDS = ("ignore", "file-ignore")
_FORM = "expected `# ssi-lint: ignore[RULE_ID] -- reason` or `# ssi-lint: file-ignore[RULE_ID] -- reason`"


class Directive(Struct, frozen=True):
    """One `# ssi-lint:` comment: where its `#` is (1-based), what it hides, and why."""

    line: int
    column: int
    file_wide: bool
    rule_ids: tuple[str, ...]
    reason: str | None
    """The text after ` -- `, or None when there is none."""


class Suppressed(Struct, frozen=True):
    """The outcome of applying a file's suppressions to its findings."""

    kept: tuple[Finding, ...]
    suppressed: tuple[Finding, ...]
    """Hidden findings, each with `suppression` set to the reason ('' when none was given)."""
    new: tuple[Finding, ...]
    """SUP001 / SUP002 / SUP003 findings, located at the directive's `#`."""


def apply_suppressions(
    lines: Sequence[str],
    findings: Iterable[Finding],
    source: str,
    known_ids: Collection[str] | None = None,
    active: Callable[[str], bool] | None = None,
) -> Suppressed:
    """Apply the suppressions written in a file's lines to the findings of that file.

    `source` is the file's display name: only findings whose `file` equals it can
    be suppressed. `known_ids` (every declared rule id) enables SUP003 for unknown
    ids. `active(rule_id)` says whether a rule ran: an unused suppression of a rule
    that did not run is not SUP002, and SUP findings of inactive ids are dropped.
    """
    is_active = active or (lambda rule_id: True)
    directives, new = find_directives("\n".join(line.rstrip("\r\n") for line in lines), source)
    hints: dict[str, str] = {}
    directives = [_known_only(directive, known_ids, source, new, hints) for directive in directives]
    new.extend(_finding("SUP001", _no_reason(d), source, d.line, d.column) for d in directives if not d.reason)
    kept: list[Finding] = []
    suppressed: list[Finding] = []
    used: set[tuple[int, str]] = set()
    by_line: dict[int, list[int]] = {}
    for index, directive in enumerate(directives):
        if not directive.file_wide:
            by_line.setdefault(directive.line, []).append(index)
    file_wide = [index for index, directive in enumerate(directives) if directive.file_wide]
    for finding in findings:
        index = _covering(finding, source, directives, by_line, file_wide)
        if index is None:
            kept.append(finding)
            continue
        used.add((index, finding.rule_id))
        suppressed.append(replace(finding, suppression=directives[index].reason or ""))
    for index, directive in enumerate(directives):
        for rule_id in directive.rule_ids:
            if (index, rule_id) not in used and is_active(rule_id):
                where = "in this file" if directive.file_wide else "on this line"
                message = f"suppression of {rule_id} suppressed nothing: no {rule_id} finding {where}"
                new.append(_finding("SUP002", message, source, directive.line, directive.column))
    new = [finding for finding in new if is_active(finding.rule_id)]
    return Suppressed(tuple(kept), tuple(suppressed), tuple(sorted(new, key=Finding.sort_key)))


def suppress(
    result: FileResult,
    lines: Sequence[str],
    known_ids: Collection[str] | None = None,
    active: Callable[[str], bool] | None = None,
) -> FileResult:
    """The result with suppressed findings moved to `suppressed` and SUP findings added."""
    outcome = apply_suppressions(lines, result.findings, result.source, known_ids, active)
    findings = sorted((*outcome.kept, *outcome.new), key=Finding.sort_key)
    return replace(result, findings=tuple(findings), suppressed=(*result.suppressed, *outcome.suppressed))


def find_directives(text: str, source: str) -> tuple[list[Directive], list[Finding]]:
    """Every directive in the text's comments, and SUP003 findings for malformed ones."""
    directives: list[Directive] = []
    problems: list[Finding] = []
    if "ssi-lint:" not in text:
        return directives, problems
    scalars = _scalar_spans(text)
    for number, line in enumerate(text.split("\n")):
        if "ssi-lint:" not in line:
            continue
        start = _comment_start(line, number, scalars)
        match = _DIRECTIVE.search(line, start) if start is not None else None
        if match is None:
            continue
        for column, body in _chained(line, match):
            parsed = _parse(body, number + 1, column)
            if isinstance(parsed, str):
                problems.append(_finding("SUP003", parsed, source, number + 1, column))
            else:
                directives.append(parsed)
    return directives, problems


def _chained(line: str, match: re.Match[str]) -> list[tuple[int, str]]:
    """Each directive of a comment: the 1-based column of its `#` and its body (up to the next one)."""
    body = match.group("body")
    if "ssi-lint:" not in body:  # the usual comment: one directive
        return [(match.start() + 1, body.strip())]
    starts = [match.start(), *(found.start() for found in _NEXT_DIRECTIVE.finditer(line, match.start("body")))]
    ends = [*starts[1:], len(line)]
    found = []
    for start, end in zip(starts, ends, strict=True):
        head = _DIRECTIVE.match(line, start, end)
        if head is not None:
            found.append((start + 1, head.group("body").strip()))
    return found


@lru_cache(maxsize=64)
def _unknown_kind(kind: str) -> str:
    """The SUP003 message for a directive of an unknown kind, with the closest known one (worked out once per spelling)."""
    close = difflib.get_close_matches(kind, _KINDS, n=1)
    return f"unknown suppression `{kind}`" + (f": did you mean `{close[0]}`?" if close else f"; {_FORM}")


def _parse(body: str, line: int, column: int) -> Directive | str:
    """A directive, or the message of a SUP003 finding."""
    match = _BODY.match(body)
    if match is None:
        return f"malformed suppression: {_FORM}"
    kind = match.group("kind")
    if kind not in _KINDS:
        return _unknown_kind(kind)
    ids = tuple(part.strip().upper() for part in match.group("ids").split(",") if part.strip())
    if not ids:
        return f"the suppression names no rule: {_FORM}"
    rest = match.group("rest").strip()
    reason = rest[2:].strip() if rest.startswith("--") else None
    return Directive(line, column, kind == "file-ignore", ids, reason or None)


def _known_only(
    directive: Directive, known: Collection[str] | None, source: str, new: list[Finding], hints: dict[str, str]
) -> Directive:
    """The directive without unknown rule ids nor problems of the file itself, each reported as SUP003 (`hints` caches the suggestions)."""
    always = [rule_id for rule_id in directive.rule_ids if is_file_problem(rule_id)]
    for rule_id in always:
        message = (f"`{rule_id}` cannot be suppressed: a problem of the file itself (it could not be read or breaks the plan "
                   "format) is always reported")
        new.append(_finding("SUP003", message, source, directive.line, directive.column))
    if always:
        directive = replace(directive, rule_ids=tuple(rule_id for rule_id in directive.rule_ids if not is_file_problem(rule_id)))
    if known is None:
        return directive
    unknown = [rule_id for rule_id in directive.rule_ids if rule_id not in known]
    for rule_id in unknown:
        if rule_id not in hints:
            from ssi_lint.rule_ids import suggest

            close = suggest(rule_id, known, "`")
            hints[rule_id] = f": did you mean {close}?" if close else ""
        hint = hints[rule_id]
        new.append(_finding("SUP003", f"unknown rule id `{rule_id}` in suppression{hint}", source, directive.line, directive.column))
    if not unknown:
        return directive
    return replace(directive, rule_ids=tuple(rule_id for rule_id in directive.rule_ids if rule_id in known))


def _covering(
    finding: Finding, source: str, directives: list[Directive], by_line: dict[int, list[int]], file_wide: list[int]
) -> int | None:
    """The index of the directive that hides the finding: the first on its line that names it, else a file-wide one."""
    if finding.file != source or finding.rule_id in SUPPRESSION_CHECKS or is_file_problem(finding.rule_id):
        return None
    index = next((i for i in by_line.get(finding.line, ()) if finding.rule_id in directives[i].rule_ids), None)
    if index is not None:
        return index
    return next((i for i in file_wide if finding.rule_id in directives[i].rule_ids), None)


def _no_reason(directive: Directive) -> str:
    ids = ",".join(directive.rule_ids) or "a rule"
    return f"suppression of {ids} gives no reason: add ` -- why` after the `]`"


Span = tuple[tuple[int, int], tuple[int, int]]


def _scalar_spans(text: str) -> list[Span]:
    """0-based (line, column) spans of every scalar the scanner reads before any syntax error."""
    spans: list[Span] = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.ScalarToken):
                start, end = token.start_mark, token.end_mark
                spans.append(((start.line, start.column), (end.line, end.column)))
    except yaml.YAMLError:
        pass  # past the error, only YAML's comment rule applies (see the module docstring)
    return spans


def _comment_start(line: str, number: int, scalars: list[Span]) -> int | None:
    """The column (0-based) of the `#` that starts the line's comment, or None.

    `scalars` are in file order and do not overlap, so one bisection finds the
    only span that can hold a position.
    """
    column = line.find("#")
    while column != -1:
        at = (number, column)
        index = bisect.bisect_right(scalars, (at, (sys.maxsize, sys.maxsize))) - 1
        inside = index >= 0 and scalars[index][0] <= at < scalars[index][1]
        if (column == 0 or line[column - 1] in " \t") and not inside:
            return column
        column = line.find("#", column + 1)
    return None


def _finding(rule_id: str, message: str, source: str, line: int, column: int) -> Finding:
    rule = SUPPRESSION_CHECKS[rule_id]
    return Finding(
        rule_id=rule.id, name=rule.name, severity=rule.severity, category=rule.category,
        pillar=rule.pillar, message=message, file=source, line=line, column=column,
        path="", guidance=rule.guidance, fix=rule.fix,
    )
