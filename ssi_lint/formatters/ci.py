"""Helpers shared by the CI formats: repository-relative paths and stable fingerprints.

CI services (GitHub code scanning, GitLab Code Quality) match a problem
across runs by an identity that must not change when unrelated lines move.
ssi-lint's identity is the one the baseline uses (`ssi_lint.identity`): rule
id, file and the finding's identity (its plan path with list items named by
their key, or for a finding without a plan path its message and the comment
it points at); findings sharing all three are told apart by their order of occurrence.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections import Counter
from pathlib import Path, PurePath

from ssi_lint.identity import identity
from ssi_lint.model import FileResult, Finding, Severity

SEVERITY_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
"""SARIF's `level` (and GitHub's annotation kind, with `notice` for `note`) per severity."""


def relative_path(file: str, root: Path) -> str | None:
    """`file` as a forward-slash path relative to `root`, or None when it lies outside it.

    A relative name is taken as relative to `root` already (it is normalised,
    and may start with `../`); an absolute one is made relative when it is under `root`.
    """
    path = PurePath(file)
    if not path.is_absolute():
        return posixpath.normpath(path.as_posix())
    for base, target in ((root, Path(file)), (root.resolve(), Path(file).resolve())):
        try:
            return target.relative_to(base).as_posix()
        except ValueError:
            continue
    return None


def report_path(file: str, root: Path) -> str:
    """The path to show a CI service: relative to `root` when possible, else as given."""
    relative = relative_path(file, root)
    return relative if relative is not None else PurePath(file).as_posix()


class Fingerprints:
    """Hands out stable identities: a hash of rule id, report path and `identity`, and an occurrence number.

    Call it on the findings of a run in output order; the n-th finding with
    the same rule, file and identity gets occurrence n (counted from 1).
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._seen: Counter[str] = Counter()

    def __call__(self, finding: Finding, result: FileResult) -> tuple[str, int]:
        """`(hash, occurrence)` for the next finding, one of `result`'s."""
        path, about = identity(finding, result)
        parts = (finding.rule_id, report_path(finding.file, self.root), path, *((about,) if about else ()))
        key = hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]
        self._seen[key] += 1
        return key, self._seen[key]
