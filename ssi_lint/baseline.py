"""Baselines: record today's findings so that only new ones are reported.

An entry is keyed on (rule id, file, identity) with a count, never on line
numbers, so editing elsewhere in a plan does not invalidate it. The identity
(`ssi_lint.identity`) is the plan path with each list item named by its key
where it has one (`ads.campaigns[name="Q1"].daily_budget`), so an entry never
hides a finding about another item that took its place; a finding without a
plan path adds `about` (its message, numbers as `#`, and the comment it points
at). Files are stored relative to the baseline file's directory with forward
slashes, so a baseline works from any working directory. The file is sorted, stable JSON:

    {"entries": [{"count": 1, "file": "plans/a.plan.yaml", "path": "outreach.invitations.per_week",
                  "rule_id": "OUT001"}], "tool": "ssi-lint", "version": 2}

A version 1 file (written before identities, keyed by the plan path with list
indexes) is still read, and its entries match as they did: by the finding's
own plan path; `--write-baseline` rewrites it as version 2.

A `Baseline` counts what it hid during a run, so `unmatched` can report
entries that match nothing any more; use one `Baseline` per run. Only
entries the run could have matched count: those of files it checked, for
rules it ran on them (`--select`, `--ignore` and `per-file-ignores` leave
the others alone).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from msgspec import Struct, field
from msgspec.structs import replace

from ssi_lint.core_checks import is_file_problem
from ssi_lint.errors import ConfigError, InputError
from ssi_lint.identity import identity
from ssi_lint.model import FileResult, Finding

VERSION = 2
READS = (1, 2)
"""The baseline versions this ssi-lint reads: 1 keyed by plan paths as they are, 2 by identities."""
MAX_COUNT = 2**31 - 1
"""The largest count an entry may record."""
_KEYS = {"tool", "version", "entries"}
_ENTRY_KEYS = {"rule_id", "file", "path", "count"}
_ABOUT = "about"
"""The optional key of a version 2 entry of a finding without a plan path."""
Key = tuple[str, str, str, str]
"""(rule id, file relative to the baseline's directory, stable plan path, about): see `ssi_lint.identity`."""


class BaselineEntry(Struct, frozen=True):
    """One recorded (rule id, file, plan path, about), how many findings it covers, and how many it hid."""

    rule_id: str
    file: str
    path: str
    count: int
    matched: int = 0
    about: str = ""


class Baseline(Struct):
    """Recorded counts, plus what this run has hidden so far (mutable, one per run)."""

    base: Path
    """The directory that recorded file names are relative to."""
    counts: dict[Key, int]
    version: int = VERSION
    """The version of the file read: entries of version 1 match a finding's own plan path (list indexes and all)."""
    matched: Counter[Key] = field(default_factory=Counter)
    files: set[str] = field(default_factory=set)
    """Files (as keys) this run has checked: only their entries can be unmatched."""
    runs: dict[str, Callable[[str], bool]] = field(default_factory=dict)
    """Per checked file (as a key), which rule ids the run ran on it; a file not here ran every rule."""

    def key(self, finding: Finding, result: FileResult) -> Key:
        """The key a finding of `result` is recorded under (in a version 1 baseline, its own plan path)."""
        file = file_key(finding.file, self.base)
        if self.version == 1:
            return (finding.rule_id, file, finding.path, "")
        return (finding.rule_id, file, *identity(finding, result))

    @property
    def keys_by_position(self) -> bool:
        """Whether an entry matches list items by position (a version 1 file naming one): rewriting the baseline is wiser."""
        return self.version == 1 and any("[" in path for _, _, path, _ in self.counts)


def file_key(file: str, base: Path) -> str:
    """A finding's file relative to `base`, with forward slashes (pseudo-files like `<data>` as is)."""
    if file.startswith("<"):
        return file
    absolute = os.path.abspath(file)
    try:
        relative = os.path.relpath(absolute, os.path.abspath(base))
    except ValueError:  # another drive on Windows
        relative = absolute
    return Path(relative).as_posix()


def write_baseline(path: Path, results: Iterable[FileResult]) -> int:
    """Record every reported finding of the results; returns the number of findings recorded.

    Suppressed findings are not recorded, nor a problem of the file itself (`core_checks.FILE_PROBLEMS`: a baseline
    never hides one). The file is replaced atomically.
    """
    recorder = Baseline(path.parent, {})
    counts: Counter[Key] = Counter()
    for result in results:
        for finding in result.findings:
            if not is_file_problem(finding.rule_id):
                counts[recorder.key(finding, result)] += 1
    entries = [
        {"rule_id": rule_id, "file": file, "path": plan_path, **({_ABOUT: about} if about else {}), "count": count}
        for (rule_id, file, plan_path, about), count in sorted(counts.items(), key=lambda item: _order(*item[0]))
    ]
    payload = {"tool": "ssi-lint", "version": VERSION, "entries": entries}
    _write_baseline_text(path, json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    return sum(counts.values())


def load_baseline(path: Path) -> Baseline:
    """Read a baseline; raise ConfigError (one line, naming the file) when it is not one."""
    display = path.as_posix()
    from ssi_lint.reading import UnreadableInput, read_bytes

    try:
        text = read_bytes(path).decode("utf-8")
    except UnreadableInput as exc:
        raise ConfigError(f"{display}: cannot read baseline: {exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{display}: invalid baseline: not UTF-8 text") from None
    try:
        data = json.loads(text, parse_constant=_no_constant, parse_int=_small_int)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{display}:{exc.lineno}:{exc.colno}: invalid baseline: {exc.msg}") from None
    except ValueError as exc:
        raise ConfigError(f"{display}: invalid baseline: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{display}: invalid baseline: nested too deeply") from None
    return Baseline(path.parent, _counts(data, display), data["version"])


def _no_constant(name: str) -> Any:
    raise ValueError(f"`{name}` is not a number JSON allows")


def _small_int(text: str) -> int:
    if len(text.lstrip("-")) > len(str(MAX_COUNT)):
        raise ValueError(f"the number {text[:20]}… is too large")
    return int(text)


def apply_baseline(baseline: Baseline, result: FileResult, runs: Callable[[str], bool] | None = None) -> tuple[FileResult, int]:
    """Hide the result's findings that the baseline records, up to each recorded count.

    Returns the result without them and how many were hidden. When more findings
    share a key than were recorded, the first ones (in report order) are hidden.
    `runs` says which rule ids the run ran on the file (its `--select`,
    `--ignore` and `per-file-ignores`); entries of other rules are never
    unmatched. None: every rule ran. A problem of the file itself is never hidden (an older baseline may hold one).
    """
    _checked(baseline, file_key(result.source, baseline.base), runs)
    kept: list[Finding] = []
    hidden = 0
    for finding in result.findings:
        if is_file_problem(finding.rule_id):
            kept.append(finding)
            continue
        key = baseline.key(finding, result)
        _checked(baseline, key[1], runs)
        if baseline.matched[key] < baseline.counts.get(key, 0):
            baseline.matched[key] += 1
            hidden += 1
        else:
            kept.append(finding)
    return replace(result, findings=tuple(kept)), hidden


def _checked(baseline: Baseline, file: str, runs: Callable[[str], bool] | None) -> None:
    """Record that the run checked a file, with the rules it ran on it."""
    baseline.files.add(file)
    if runs is not None:
        baseline.runs.setdefault(file, runs)


def unmatched(baseline: Baseline) -> list[BaselineEntry]:
    """Entries of checked files that hid fewer findings than recorded, sorted by file, rule, path, about.

    `count - matched` findings of each are gone; `matched == 0` means the entry
    matched nothing at all. Entries of files this run did not check, and of
    rules it did not run on them (not selected, ignored), are left out: they
    could not match, so they are not stale. An entry of a rule that no longer
    exists is stale wherever every rule runs.
    """
    stale = [
        BaselineEntry(key[0], key[1], key[2], count, baseline.matched[key], key[3])
        for key, count in baseline.counts.items()
        if key[1] in baseline.files and _ran(baseline, key[1], key[0]) and baseline.matched[key] < count
    ]
    return sorted(stale, key=lambda entry: _order(entry.rule_id, entry.file, entry.path, entry.about))


def _order(rule_id: str, file: str, plan_path: str, about: str) -> tuple[str, str, str, str]:
    """How entries are sorted: by file, rule id, plan path, about."""
    return (file, rule_id, plan_path, about)


def _ran(baseline: Baseline, file: str, rule_id: str) -> bool:
    """Whether the run ran the rule on the file (every rule, unless `apply_baseline` was told otherwise)."""
    runs = baseline.runs.get(file)
    return runs is None or runs(rule_id)


def _counts(data: Any, display: str) -> dict[Key, int]:
    """The recorded counts, validating the document's shape."""
    if not isinstance(data, dict) or "version" not in data:
        raise ConfigError(f"{display}: invalid baseline: not an ssi-lint baseline (no `version`)")
    if type(data["version"]) is not int or data["version"] not in READS:
        raise ConfigError(f"{display}: unsupported baseline version {data['version']!r} (this ssi-lint reads versions 1 and 2)")
    unknown = sorted(set(data) - _KEYS)
    if unknown or data.get("tool", "ssi-lint") != "ssi-lint":
        what = f"unknown key `{unknown[0]}`" if unknown else "`tool` must be \"ssi-lint\""
        raise ConfigError(f"{display}: invalid baseline: {what}")
    entries = data.get("entries")
    if not isinstance(entries, list):
        raise ConfigError(f"{display}: invalid baseline: `entries` must be a list")
    counts: dict[Key, int] = {}
    for index, entry in enumerate(entries):
        if not _valid_entry(entry, data["version"]):
            also = " (and, for version 2, a text `about`)" if data["version"] >= 2 else ""
            raise ConfigError(
                f"{display}: invalid baseline: entries[{index}] must have text `rule_id`, `file`, `path` and a positive `count`{also}, and nothing else"
            )
        key = (entry["rule_id"], entry["file"], entry["path"], entry.get(_ABOUT, ""))
        counts[key] = counts.get(key, 0) + entry["count"]
    return counts


def _valid_entry(entry: Any, version: int) -> bool:
    """Whether an entry has exactly the keys its version allows, each of its type."""
    allowed = (_ENTRY_KEYS, _ENTRY_KEYS | {_ABOUT}) if version >= 2 else (_ENTRY_KEYS,)
    if not isinstance(entry, dict) or set(entry) not in allowed:
        return False
    texts = all(isinstance(entry.get(name), str) for name in ("rule_id", "file", "path", *((_ABOUT,) if _ABOUT in entry else ())))
    count = entry.get("count")
    return texts and type(count) is int and 0 < count <= MAX_COUNT


def _write_baseline_text(path: Path, text: str) -> None:
    """Write the baseline atomically; a failure is a ConfigError (exit 2)."""
    from ssi_lint.atomic import write_text

    try:
        write_text(path, text, "baseline")
    except InputError as exc:
        raise ConfigError(str(exc)) from None
