"""`ssi-lint check --fix` and `--diff`: apply the rules' machine fixes to plan files.

A plan is fixed in memory, pass after pass (a fix may let another rule
fire), until no reported finding has a fix left; then it is written back
atomically, only if the file still holds the bytes that were read, with its
owner and group, and only if it has no other hard link (a replacement would
cut it off, still holding the old plan) and is not read-only (a replacement
would override its write protection). Only
UTF-8 YAML plans that load without problems and pass the schema are fixed:
a broken file is for its author to mend first (its first problem is named).
Only reported findings are fixed (`reported` drops what per-file-ignores and
the baseline set aside), and a fix that would bring in a finding no machine
fix can mend (lowering `per_day` below a seventh of `per_week`) is refused
and said, alone or together with the other fixes of its pass (`_together`).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from msgspec import Struct
from msgspec.structs import replace

from ssi_lint.core_checks import is_file_problem
from ssi_lint.engine.autofix import Edit
from ssi_lint.loading import load_text
from ssi_lint.model import Document, FileResult, format_path, says_only_unstated
from ssi_lint.rewrite import RewriteError, rewrite

if TYPE_CHECKING:
    from ssi_lint.api import Linter

MAX_PASSES = 10
"""Passes before giving up on a plan whose fixes keep asking for more."""
BOM = "\ufeff"
Reported = Callable[[FileResult], FileResult]
"""The findings a file's result reports (per-file-ignores and the baseline applied): only those are fixed."""


def _as_is(result: FileResult) -> FileResult:
    return result


class Fixed(Struct, frozen=True):
    """A plan before and after its machine fixes, and its findings after them (before per-file-ignores and the baseline)."""

    source: str
    original: str
    text: str
    applied: tuple[Edit, ...]
    result: FileResult
    skipped: tuple[str, ...] = ()
    """Why fixes were not applied (a value written as an alias, a file with problems, ...)."""
    bom: bool = False
    """Whether the file starts with a byte-order mark, which `original` and `text` leave out and a fix keeps."""

    @property
    def changed(self) -> bool:
        """Whether the fixes change the text."""
        return self.text != self.original

    @property
    def read(self) -> str:
        """The file's text as it was read, its byte-order mark included."""
        return (BOM if self.bom else "") + self.original

    @property
    def written(self) -> str:
        """The file's text as `--fix` writes it (and `--diff` shows it), its byte-order mark included."""
        return (BOM if self.bom else "") + self.text


def fix_document(linter: Linter, document: Document, against: Document | None = None, reported: Reported = _as_is) -> Fixed:
    """Apply every machine fix the document's reported findings offer, re-linting after each pass."""
    raw = linter.check_document(document, against)
    original = document.text
    broken = _broken(raw)
    if broken:
        return Fixed(document.source, original, original, (), raw, (broken,))
    if not original or document.files or document.unknown or load_text(original, document.source).data != document.data:
        return Fixed(document.source, original, original, (), raw)  # not a YAML plan the loader read as written
    result = reported(raw)
    applied: list[Edit] = []
    skipped: list[str] = []
    refused: set[tuple[str, ...]] = set()
    for _ in range(MAX_PASSES):
        done = {edit.path for edit in applied} | refused
        writable = []
        for edit in (edit for edit in linter.fixes(document, result) if edit.path not in done):
            try:
                text = rewrite(document, [(edit.path, edit.new)])
            except RewriteError as exc:
                refused.add(edit.path)  # said once: the next pass would find it the same
                skipped.append(f"{edit.rule_id} at {edit.at}: {exc}")
                continue
            after = load_text(text, document.source)
            worse = _brought_in(linter, result, after, reported(linter.check_document(after, against)))
            if worse:
                refused.add(edit.path)
                skipped.append(f"not fixed: {edit.rule_id} at {edit.at} ({_show(edit.old)} -> {_show(edit.new)}) would bring in {worse}")
                continue
            writable.append(edit)
        if not writable:
            break
        document, raw, kept = _together(linter, document, result, writable, against, reported, refused, skipped)
        result = reported(raw)
        applied.extend(kept)
    return Fixed(document.source, original, document.text or original, tuple(applied), raw, tuple(skipped))


def _broken(result: FileResult) -> str:
    """Why a plan is not fixed because of its YAML or schema problems (the first one named), or empty.

    The problems that stop a fix are those `Linter.fixes` refuses: the file's own (LOAD*) and a value the format does not
    allow (SCHEMA001); an unknown key (SCHEMA002) does not stop one.
    """
    first = next((f for f in result.findings if is_file_problem(f.rule_id) and f.rule_id != "SCHEMA002"), None)
    if first is None:
        return ""
    return (f"not fixed: mend its {first.rule_id} at line {first.line}, column {first.column} first "
            "(a plan with YAML or schema problems is not fixed)")


def _together(
    linter: Linter, document: Document, before: FileResult, edits: list[Edit], against: Document | None, reported: Reported,
    refused: set[tuple[str, ...]], skipped: list[str],
) -> tuple[Document, FileResult, list[Edit]]:
    """The document with a pass's edits made, its findings (before `reported`) and the edits made.

    Each edit was checked alone, but together they may bring in what none does alone (a lower `per_day` and a shorter
    withdraw horizon: more weeks of pending invitations than the horizon, HYG004). The usual case costs one check, which
    the next pass needs anyway; otherwise the edits are added one at a time, in order, each kept only if the plan with
    the edits kept so far and it brings nothing in, and each one refused is said and not offered again.
    """
    after = load_text(rewrite(document, [(edit.path, edit.new) for edit in edits]), document.source)
    raw = linter.check_document(after, against)
    if len(edits) == 1 or not _brought_in(linter, before, after, reported(raw)):
        return after, raw, edits
    kept = edits[:1]  # the first edit alone was checked
    made: tuple[Document, FileResult] | None = None
    for edit in edits[1:]:
        trial = load_text(rewrite(document, [(each.path, each.new) for each in (*kept, edit)]), document.source)
        trial_raw = linter.check_document(trial, against)
        worse = _brought_in(linter, before, trial, reported(trial_raw))
        if worse:
            refused.add(edit.path)
            others = ", ".join(f"{each.rule_id} at {each.at} ({_show(each.old)} -> {_show(each.new)})" for each in kept)
            skipped.append(f"not fixed: {edit.rule_id} at {edit.at} ({_show(edit.old)} -> {_show(edit.new)}) would bring in "
                           f"{worse} together with the fix of {others}")
            continue
        kept.append(edit)
        made = trial, trial_raw
    if made is None:  # only the first edit is made
        after = load_text(rewrite(document, [(kept[0].path, kept[0].new)]), document.source)
        made = after, linter.check_document(after, against)
    return made[0], made[1], kept


def _brought_in(linter: Linter, before: FileResult, after: Document, result: FileResult) -> str:
    """The findings a fixed document reports (`result`, reported) that `before` did not and no machine fix mends, named;
    empty when none.

    A coverage finding (`says_only_unstated`: the plan does not state the days a week, say) is no risk a fix brings in.
    """
    known = {(finding.rule_id, finding.path) for finding in before.findings}
    mended = {(edit.rule_id, edit.at) for edit in linter.fixes(after, result)}
    new = [f"{finding.rule_id} at {finding.path}" for finding in result.findings
           if (finding.rule_id, finding.path) not in known and (finding.rule_id, finding.path) not in mended
           and not says_only_unstated(finding.rule_id)]
    return ", ".join(new)


def fix_file(linter: Linter, path: Path, display: str, against: Document | None, write: bool, reported: Reported = _as_is) -> Fixed:
    """Fix one file; with `write`, replace it atomically unless it changed since it was read.

    A file with another hard link, or that is read-only (its mode, or to the user), is not fixed, with or without `write`,
    so that `--diff` shows what `--fix` writes. A folder a loader plugin reads (a data export) is only checked, and a file that cannot be read or loaded is its
    LOAD009, as without `--fix` (`parallel.check_one`). Raises InputError when the file cannot be written.
    """
    from ssi_lint.parallel import check_one

    raw = _bytes_of(path)
    if raw is None:  # nothing to rewrite
        return Fixed(display, "", "", (), check_one(linter, path, display, against))
    document = linter.load(path, display)
    bom = raw.startswith(BOM.encode())
    if not _utf8(raw, bom, document.text):  # or not read at all: a file with load problems keeps no text
        result = linter.check_document(document, against)
        reason = _broken(result) or ("not fixed: only UTF-8 plans are fixed in place" if document.text else "")
        return Fixed(display, document.text, document.text, (), result, (reason,) if reason else ())
    fixed = replace(fix_document(linter, document, against, reported), bom=bom)
    links = _links(path)
    if fixed.changed and links > 1:
        return _unfixed(linter, document, against, fixed, f"not fixed: the file has {links} hard links, and replacing it would "
                        "leave the other names with the old plan (fix it through a single link)")
    protected = _write_protected(path)
    if fixed.changed and protected:
        return _unfixed(linter, document, against, fixed, f"not fixed: {protected}, and replacing it would override its "
                        "write protection (make it writable to fix it)")
    if write and fixed.changed:
        from ssi_lint.atomic import write_text

        if path.read_bytes() != raw:
            return _unfixed(linter, document, against, fixed, "not fixed: the file changed since it was read")
        write_text(path, fixed.written, "the fixed plan", same_owner=True)
    return fixed


def _unfixed(linter: Linter, document: Document, against: Document | None, fixed: Fixed, reason: str) -> Fixed:
    """The file as it was read, its findings and why its fixes are not written."""
    return Fixed(fixed.source, fixed.original, fixed.original, (), linter.check_document(document, against), (reason,), fixed.bom)


def _links(path: Path) -> int:
    """How many hard links the file (a symbolic link's target) has; 1 when that cannot be told."""
    try:
        return path.stat().st_nlink
    except OSError:
        return 1


def _write_protected(path: Path) -> str:
    """Why the file (a symbolic link's target) is not for the user to write, or empty: its mode gives its owner no write
    permission, or the user may not write it.

    The mode bits decide even for root, whom `os.access` lets write anything: a plan made read-only stays so.
    """
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return ""
    if not mode & stat.S_IWUSR:
        return f"the file is read-only (mode {mode:04o})"
    if not os.access(path, os.W_OK):
        return f"the file is not writable by you (mode {mode:04o})"
    return ""


def _bytes_of(path: Path) -> bytes | None:
    """The bytes of a regular file; None for a folder (a data export) or a name that cannot be read."""
    if not path.is_file():
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def unified_diff(fixed: Fixed) -> str:
    """The fixes as a unified diff of the file (empty when nothing changes), from what was read to what `--fix` writes.

    Lines are what patch tools take them to be: text up to each `\\n`. A CR, NEL, LS or PS (line breaks to YAML) stays
    inside its line, so a CR-only file is one line, as GNU diff shows it.
    """
    import difflib

    lines = difflib.unified_diff(_patch_lines(fixed.read), _patch_lines(fixed.written), f"a/{fixed.source}", f"b/{fixed.source}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def _patch_lines(text: str) -> list[str]:
    """The text's lines as patch tools read them: each up to and with its `\\n`, the last without one if the text lacks it."""
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def describe(fixed: Fixed) -> list[str]:
    """One line per applied or skipped fix, for the user."""
    lines = [f"{fixed.source}: fixed {edit.rule_id} {format_path(edit.path)}: {_show(edit.old)} -> {_show(edit.new)}" for edit in fixed.applied]
    return lines + [f"{fixed.source}: {reason}" for reason in fixed.skipped]


def fix_files(
    linter: Linter, files: Sequence[tuple[Path, str]], against: Document | None, notes: TextIO | None,
    reported: Callable[[Path], Reported] = lambda path: _as_is,
) -> Iterator[FileResult]:
    """Fix and write each file in turn, yielding its findings after the fixes; say what was fixed on `notes`."""
    for path, display in files:
        fixed = fix_file(linter, path, display, against, write=True, reported=reported(path))
        _note(notes, describe(fixed))
        yield fixed.result


def print_diffs(
    linter: Linter,
    files: Sequence[tuple[Linter, Path, str]],
    piped: Document | None,
    against: Document | None,
    stdout: TextIO,
    notes: TextIO | None,
    reported: Callable[[Path | None], Reported] = lambda path: _as_is,
) -> Diffs:
    """Print the fixes of the piped plan (`linter`'s; `None` to `reported`) and of every file (each with the Linter of its
    configuration) as unified diffs.

    Returns whether any would change, why each file that could not be checked (its LOAD009) was not, and the findings
    (those `reported`) left after the fixes in each plan whose fixes were not all made (`Fixed.skipped`).
    """
    from ssi_lint.parallel import FAILED

    found = [(fix_document(linter, piped, against, reported(None)), reported(None))] if piped is not None else []
    found += ((fix_file(checker, path, display, against, write=False, reported=reported(path)), reported(path)) for checker, path, display in files)
    diffs = Diffs()
    for fixed, shown in found:
        _note(notes, [f"{fixed.source}: {reason}" for reason in fixed.skipped])
        _write_patch(stdout, unified_diff(fixed))
        diffs.changed = diffs.changed or fixed.changed
        if FAILED in fixed.result.extra:
            diffs.failures.append(fixed.result.extra[FAILED])
        if fixed.skipped:
            diffs.unfixed.append(shown(fixed.result))
    return diffs


class Diffs(Struct):
    """What `print_diffs` found over a run's plans."""

    changed: bool = False
    """Whether any plan's fixes change it."""
    failures: list[str] = []
    """Why each file that could not be checked (its LOAD009) was not."""
    unfixed: list[FileResult] = []
    """The reported findings, after the fixes that were made, of each plan whose fixes were not all made: they decide
    the exit status, as `--fix` leaves them."""


def _write_patch(stdout: TextIO, patch: str) -> None:
    """Write a diff as UTF-8 (a file name's undecodable bytes as they were), whatever the stream's encoding.

    The terminal's encoding may lack a character of the plan (LS, NEL), which would become an escape the file does not hold.
    """
    buffer = getattr(stdout, "buffer", None)
    if buffer is None:  # a stream of text only (a StringIO)
        stdout.write(patch)
        return
    stdout.flush()
    buffer.write(patch.encode("utf-8", "surrogateescape"))
    buffer.flush()


def _note(notes: TextIO | None, lines: Sequence[str]) -> None:
    if notes is not None:
        for line in lines:
            notes.write(f"ssi-lint: {line}\n")


def _utf8(raw: bytes, bom: bool, text: str) -> bool:
    """Whether the bytes are the UTF-8 form of the text the loader read."""
    try:
        return raw[3 if bom else 0 :].decode("utf-8") == text
    except UnicodeDecodeError:
        return False


def _show(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)

