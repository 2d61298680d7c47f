"""Immutable records shared by every part of ssi-lint: findings, documents, rules, facts."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from enum import IntEnum
from functools import lru_cache
from typing import Any, NamedTuple, TypeVar

from msgspec import Struct, field

PlanPath = tuple[str | int, ...]
"""A location inside a plan: mapping keys and list indexes, outermost first."""


class Severity(IntEnum):
    """How serious a finding is; ordered so that `error > warning > info`."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        """The lower-case name used in output and configuration."""
        return _LABELS[self._value_]

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Read `error`, `warning` or `info` (any case)."""
        found = _BY_LABEL.get(text) if type(text) is str else None  # a label as written: without the enum machinery
        return found if found is not None else cls[text.upper()]


_LABELS = {severity.value: severity.name.lower() for severity in Severity}
"""Severity.label without the enum machinery (it is read once per finding per output)."""
_BY_LABEL = {severity.name.lower(): severity for severity in Severity}
"""Each severity by its label (a rule's level names, read once per match)."""

PILLARS = ("brand", "people", "insights", "relationships", "ads", "plan")
CATEGORIES = ("spam-risk", "weak-pillar", "profile", "hygiene", "ads-policy", "plan")


COVERAGE_RULES = "COV"
"""The id prefix of the rules that only say what a plan does not state (rules/coverage.yaml)."""


def says_only_unstated(rule_id: str) -> bool:
    """Whether a rule only says what a plan does not state (a COVERAGE_RULES id): no risk that a change stating a
    value brings in, so `--fix` and `advise` do not count its new findings against the change."""
    return rule_id.startswith(COVERAGE_RULES)


_PLAIN_TYPES = frozenset((type(None), bool, int, float, str, list, tuple))
"""Types most values of a plan and of its facts have, none of them a Mapping."""
_MAPPING_TYPES = {dict}
"""The Mapping types `is_mapping` knows: dict, and those marked with `mapping_type`."""

MappingClass = TypeVar("MappingClass", bound=type)


def mapping_type(cls: MappingClass) -> MappingClass:
    """Mark a Mapping class (not its subclasses) as one `is_mapping` knows: a class whose instances it meets plan after plan."""
    if not issubclass(cls, Mapping):
        raise TypeError(f"{cls.__name__} is not a Mapping")
    _MAPPING_TYPES.add(cls)
    return cls


def is_mapping(value: Any) -> bool:
    """`isinstance(value, Mapping)`, answered without the abstract-class check (several times dearer) for a dict,
    a plain value or an instance of a class marked with `mapping_type`."""
    kind = type(value)
    return kind in _MAPPING_TYPES or (kind not in _PLAIN_TYPES and isinstance(value, Mapping))


_INFINITIES = (math.inf, -math.inf)


def tidy(value: float) -> int | float:
    """Whole floats as ints, others rounded to 4 decimals (a sum of scores at their own precision: 49.96 stays below 50)."""
    if type(value) is int:
        return value  # what round() would give back (it runs for some forty figures a plan, most of them ints)
    if value != value or value in _INFINITIES:
        return value  # not a number a plan can state (a schema finding says so); never an OverflowError
    rounded = round(value, 4)
    return int(rounded) if rounded == int(rounded) else rounded


def lookup(node: Any, keys: Sequence[str | int], default: Any = None) -> Any:
    """The value at a path of mapping keys (and list indexes), or `default` when a step is missing."""
    for key in keys:
        if type(node) is dict:  # the common case, without the abstract-class check (nor isinstance() for a plain str key)
            if (type(key) is str or isinstance(key, str)) and key in node:
                node = node[key]
                continue
            return default
        if is_mapping(node) and isinstance(key, str) and key in node:
            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and -len(node) <= key < len(node):
            node = node[key]
        else:
            return default
    return node


def format_path(path: PlanPath) -> str:
    """Render a plan path the way users write it: `ads.campaigns[0].bidding.bid`."""
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        else:
            out.append(f".{part}" if out else part)
    return "".join(out)


@lru_cache(maxsize=4096)
def parse_path(text: str) -> PlanPath:
    """The plan path a dotted text names (`ads.campaigns[0].bid` -> ("ads", "campaigns", 0, "bid")), remembered: the facts
    findings point through name the same few paths plan after plan."""
    return tuple(int(part[1:-1]) if part.startswith("[") else part for part in re.findall(r"\[\d+\]|[^.\[\]]+", text))


class Position(NamedTuple):
    """A 1-based line and column in a file (a tuple: cheap to make by the thousand)."""

    line: int
    column: int


# gc=False: made by the thousand, and it holds nothing that could refer back to it, so the collector need not track it.
# array_like=True: a worker hands its findings back as MessagePack (ssi_lint.parallel), and as arrays, without the
# field names, they read back in two thirds of the time.
class Finding(Struct, frozen=True, gc=False, array_like=True):
    """One problem found in one file; the unit of every output format."""

    rule_id: str
    name: str
    severity: Severity
    category: str
    pillar: str
    message: str
    file: str
    line: int
    column: int
    path: str
    guidance: tuple[str, ...] = ()
    fix: str | None = None
    suppression: str | None = None
    """For a suppressed finding: the reason the suppression gives (may be empty)."""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Order findings by file, line, column, rule id (then message for ties)."""
        return (self.file, self.line, self.column, self.rule_id, self.message)

    def as_dict(self) -> dict[str, Any]:
        """The finding as the JSON contract describes it."""
        return {
            "rule_id": self.rule_id,
            "name": self.name,
            "severity": self.severity.label,
            "category": self.category,
            "pillar": self.pillar,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "guidance": list(self.guidance),
            "fix": self.fix,
        }


# gc=False: made by the thousand, and it holds nothing that could refer back to it, so the collector need not track it.
class Problem(Struct, frozen=True, gc=False):
    """A problem of the file itself (syntax, duplicate key, ...) found while loading."""

    code: str
    message: str
    position: Position
    path: PlanPath = ()
    file: str | None = None
    """The file the problem is in, when not the document's own source."""


class Document(Struct, frozen=True):
    """A loaded plan: its data, where each node sits, and what went wrong loading it.

    `keys` maps a plan path to the position of the key (or list item) that names it;
    `values` maps it to the position of the value itself. `data` is None when the
    file could not be read as a plan at all. A document built from several files
    (a loader plugin's archive, say) names the file of a path in `files`;
    paths not listed there belong to `source`.
    """

    source: str
    data: Mapping[str, Any] | None
    keys: Mapping[PlanPath, Position] = field(default_factory=dict)
    values: Mapping[PlanPath, Position] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    files: Mapping[PlanPath, str] = field(default_factory=dict)
    text: str = ""
    """The source text, for inline suppressions (empty when the loader has none)."""
    unknown: frozenset[PlanPath] = frozenset()
    """Paths the source cannot show (an export has no Featured section): rules
    that would judge their absence stay quiet. In an observed document, a path
    neither present nor unknown is empty (the export shows none), so rules word
    it with their message, not their `unstated` one."""
    observed: str = ""
    """What the document shows when it records behaviour rather than a plan
    (`"the export"`); rule messages are then said of it (see `phrase`)."""

    def phrase(self, message: str) -> str:
        """A rule message as said of this document: unchanged for a plan; for an observed
        document, `The export shows: the account sends ...` for `The plan sends ...` (and `..., and the account sends`)."""
        if not self.observed or not message:
            return message
        message = message.replace(", and the plan sends ", ", and the account sends ").replace("what the plan states", f"what {self.observed} shows")
        if message.startswith("The plan "):
            message = "the account " + message.removeprefix("The plan ")
        elif message[1:2].islower():
            message = message[0].lower() + message[1:]
        return f"{self.observed[0].upper()}{self.observed[1:]} shows: {message}"

    def position(self, path: PlanPath) -> Position:
        """Where a path is, or where its nearest present ancestor is."""
        return self.locate(path)[1]

    def locate(self, path: PlanPath) -> tuple[str, Position]:
        """The file and position of a path, or of its nearest present ancestor."""
        while path:
            found = self.keys.get(path)
            if found is not None:
                return self.files.get(path, self.source), found
            path = path[:-1]
        return self.files.get((), self.source), self.keys.get((), Position(1, 1))


class Fact(Struct, frozen=True):
    """A derived metric that rules read as `facts.<name>`.

    `compute` takes the plan data and returns the value, or None when the plan
    does not say enough to compute it (the fact is then absent, and rules that
    read it do not fire). A mapping value may work its entries out when read
    (messages read one or two); conditions get it whole, as a dict.
    """

    name: str
    description: str
    compute: Callable[..., Any]
    params_from: tuple[str, ...] = ()
    """Rules whose params (their defaults, configuration applied) the fact applies: then `compute(plan, params)`
    gets them as `{rule id: params}`, so that a threshold set for the rule holds in the fact too."""
    check_params: Callable[[Mapping[str, Mapping[str, Any]]], str | None] | None = None
    """What is wrong, in one line, with the `params_from` params (configuration applied) together, such as a range
    no value is in; None when they are fine. It gets those of the rules that run (not left out by `ignore` or
    `select`). A configuration that sets them so is refused."""


AMONG_ITEM = "item"
"""In a rule with `among`, the name its condition, templates and subject give an item of the list."""


class Rule(Struct, frozen=True):
    """A rule as its pack declares it (metadata and condition, not yet compiled).

    Checks built into the loader and the schema validator (`LOAD*`, `SCHEMA*`)
    are rules too, with `when` set to None.
    """

    id: str
    name: str
    title: str
    pillar: str
    category: str
    severity: Severity
    message: str | Mapping[str, str]
    """One message, or (in a rule with levels) one per level name."""
    when: str | None = None
    given: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)
    guidance: tuple[str, ...] = ()
    source: str = ""
    rationale: str = ""
    fix: str | None = None
    examples: Mapping[str, tuple[Mapping[str, Any], ...]] = field(default_factory=dict)
    file: str = ""
    autofix: Mapping[str, str] | None = None
    """A machine fix, `{field, value}` (see `ssi_lint.engine.autofix`), or None."""
    position: Position = Position(1, 1)
    levels: Mapping[str, float | str] = field(default_factory=dict)
    """Severity -> threshold (a number, or a CEL expression) for a rule with levels; empty otherwise."""
    measure: str | None = None
    """CEL for the number the levels judge (`self` when None); only for rules with levels."""
    compare: str | Mapping[str, str] = ">"
    """How the measure crosses a level: `>`, `>=`, `<` or `<=`, for every level or per level name."""
    subject: tuple[str, ...] = ()
    """Fields the finding is about, relative to the `given` node (`plan.` for absolute): the first present one wins."""
    supersedes: tuple[str, ...] = ()
    """Rule ids whose findings this rule's findings make redundant on the same plan."""
    unstated: str | None = None
    """The message when the plan does not state the field the finding is about, or None (the message is used)."""
    among: str | None = None
    """CEL for a list the condition is judged over, an item (AMONG_ITEM) at a time: the rule fires when it holds for one,
    and its finding is about the first such item. None: no list."""
    params_from: str = ""
    """The id of a rule whose params this rule judges with (its defaults and configuration): one threshold, written
    and configured in one place. `params` holds them (read_packs puts them there) besides any of the rule's own, which
    have other names and are configured under the rule's id. Empty: the rule's own `params` only."""
    risk: str = ""
    """The risk the rule reports, named alike by the rules that report the same one at another time or place
    (`pending-backlog`: HYG001 the backlog now, SIM001 the backlog projected): `ssi-lint advise` counts a finding as no
    new risk where the plan already has one of the same risk at the same or a higher level. Empty: the rule's own."""

    def comparison(self, level: str) -> str:
        """The comparison for one level name (`>` unless the rule says otherwise)."""
        return self.compare if isinstance(self.compare, str) else self.compare.get(level, ">")

    @property
    def location(self) -> str:
        """`file:line:col` of the rule's declaration."""
        return f"{self.file}:{self.position.line}:{self.position.column}"


class CelOverload(Struct, frozen=True):
    """One signature of a CEL function a plugin provides.

    Types are CEL type names: `int`, `uint`, `double`, `bool`, `string`,
    `bytes`, `list`, `map`, `null`. `impl` receives and returns plain Python values.
    """

    id: str
    params: tuple[str, ...]
    result: str
    impl: Callable[..., Any]
    member: bool = False


class CelFunction(Struct, frozen=True):
    """A named CEL function, usable in every rule's `when`."""

    name: str
    overloads: tuple[CelOverload, ...]
    description: str = ""


class FileResult(Struct, frozen=True):
    """Everything ssi-lint has to say about one file."""

    source: str
    findings: tuple[Finding, ...]
    extra: Mapping[str, Any] = field(default_factory=dict)
    """Per-file data for reports (for example the SSI estimate)."""
    suppressed: tuple[Finding, ...] = ()
    """Findings hidden by an inline suppression, each with its `suppression` reason."""
    text: str = ""
    """The source text, for reports that show the plan (empty when the loader has none)."""
    stable_paths: Mapping[str, str] = field(default_factory=dict)
    """Finding paths through a list item that has a key of its own, each with that key for its index
    (`ads.campaigns[0].bid` -> `ads.campaigns[name="Q1"].bid`): what `ssi_lint.identity` knows a finding by."""


class Summary(Struct, frozen=True):
    """Totals over a run."""

    files: int
    counts: Mapping[str, int]
    stale_baseline: int = 0
    """Baseline entries that matched no finding in this run."""

    @property
    def total(self) -> int:
        """Number of findings of any severity."""
        return sum(self.counts.values())


WORDS_READ_AS = ("facts.category_words", "facts.category_listed")
"""The facts that read a text as words (`as_words`): a rule that reads one compares words and phrases written the same way."""
_WORD = re.compile(r"[^\W_]+")


def words_param(rule: Rule, default: Any) -> bool:
    """Whether a rule's param is a list of words and phrases, compared with text `as_words` reads: the rule reads a words
    fact (`WORDS_READ_AS`) and the param's default is a list of texts written as `as_words` writes them (`unless: []` too),
    not of names a condition looks up as they are (ADS010's `finance_fields: [job_titles]`)."""
    return (
        isinstance(default, list)
        and all(isinstance(item, str) and as_words(item) == item for item in default)
        and any(name in (rule.when or "") for name in WORDS_READ_AS)
    )


def as_words(text: str) -> str:
    """A text as the word-list rules read it: lower case, every run of characters other than letters and digits one space.

    `E-Cigarettes` reads `e cigarettes`, so a configured word or phrase matches a category written either way.
    """
    return " ".join(_WORD.findall(text.casefold()))


CEL_INT_MIN, CEL_INT_MAX = -(2**63), 2**63 - 1
"""The whole numbers a rule's condition can hold (CEL's 64-bit integers)."""


def _clipped(value: int) -> str:
    """A huge whole number as its first digits and its length, for a one-line error."""
    digits = str(abs(value))
    return str(value) if len(digits) <= 24 else f"{'-' if value < 0 else ''}{digits[:12]}... ({len(digits)} digits)"


def param_range_error(default: Any, value: Any) -> str | None:
    """Why a configured number cannot stand for its rule's default, or None: the range a param's default implies.

    Every numeric param and level of the built-in rules is a count, a limit, a
    number of days or a share, none below 0; a default between 0 and 1 that is
    not whole is a share (an acceptance rate of 0.3), so 30 for it is a slip for 0.3. A whole number
    beyond 64 bits is none the conditions can compare (CEL's integers are 64-bit).
    """
    if isinstance(value, int) and not isinstance(value, bool) and not CEL_INT_MIN <= value <= CEL_INT_MAX:
        return f"is too large a number to judge by (at most {CEL_INT_MAX:,}), not {_clipped(value)}"
    if isinstance(default, bool) or not isinstance(default, int | float) or isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if default >= 0 and value < 0:
        return f"must be 0 or more (default {default!r}), not {value!r}"
    if isinstance(default, float) and 0 < default < 1 and value > 1:
        return f"is a share from 0 to 1 (default {default!r}), not {value!r}"
    return None


def declare_check(
    rule_id: str,
    name: str,
    title: str,
    severity: Severity,
    rationale: str,
    fix: str,
    *,
    source: str,
    origin: str = "<built-in>",
    category: str = "plan",
) -> Rule:
    """A check raised from code (a loader's or validator's Problem code), described like a rule."""
    return Rule(
        id=rule_id, name=name, title=title, pillar="plan", category=category, severity=severity,
        message=title, rationale=rationale, fix=fix, source=source, file=origin,
    )
