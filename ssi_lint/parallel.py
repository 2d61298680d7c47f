"""`--jobs N`: check files in worker processes, yielding results in input order.

Each worker builds its Linter once (with `fork`, it inherits the parent's, so
rules are compiled once per process at most) and checks one file at a time.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

from ssi_lint.api import Linter, LintOptions
from ssi_lint.model import Document, FileResult, Finding

AUTO_THRESHOLD = 64
"""With `--jobs` not given, use every core only from this many files on (below, start-up costs more)."""

_worker: tuple[Linter, Document | None] | None = None


def default_jobs(file_count: int) -> int:
    """All cores for a large batch, one process otherwise."""
    return (os.cpu_count() or 1) if file_count >= AUTO_THRESHOLD else 1


def check_files(
    linter: Linter,
    files: Sequence[tuple[Path, str]],
    jobs: int,
    observed: Document | None = None,
) -> Iterator[FileResult]:
    """Check every file, in order, using up to `jobs` processes."""
    if len(files) >= AUTO_THRESHOLD:
        linter.ruleset.evaluator.bind()  # enough files to pay for it; before forking, so compiled once
    if jobs <= 1 or len(files) < 2:
        for path, display in files:
            yield linter.check_document(linter.load(path, display), observed)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _worker
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:
        _worker = (linter, observed)  # inherited by the forked workers
        context = multiprocessing.get_context("fork")
        executor = ProcessPoolExecutor(jobs, mp_context=context)
    else:  # pragma: no cover - platforms without fork build the Linter in each worker
        context = multiprocessing.get_context("spawn")
        executor = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start, initargs=(linter.options, observed))
    chunk = max(1, min(64, len(files) // (jobs * 4)))
    try:
        with executor:
            for packed in executor.map(_check, files, chunksize=chunk):
                yield _unpack(packed)
    finally:
        _worker = None


def _start(options: LintOptions, observed: Document | None) -> None:  # pragma: no cover - spawn only
    global _worker
    _worker = (Linter(options), observed)


def _check(item: tuple[Path, str]) -> tuple[Any, ...]:
    assert _worker is not None, "worker not initialised"
    linter, observed = _worker
    path, display = item
    return _pack(linter.check_document(linter.load(path, display), observed))


_FINDING_FIELDS = tuple(field.name for field in fields(Finding))
_RESULT_FIELDS = tuple(field.name for field in fields(FileResult))


class _Rows(tuple):  # type: ignore[type-arg]
    """Findings as rows of field values: they cross from a worker to the parent faster than dataclasses."""

    __slots__ = ()


def _pack(result: FileResult) -> tuple[Any, ...]:
    """A FileResult's fields, each tuple of findings as `_Rows`."""
    values = (getattr(result, name) for name in _RESULT_FIELDS)
    return tuple(_rows(value) if _holds_findings(value) else value for value in values)


def _unpack(packed: tuple[Any, ...]) -> FileResult:
    values = (tuple(Finding(*row) for row in value) if isinstance(value, _Rows) else value for value in packed)
    return FileResult(*values)


def _holds_findings(value: Any) -> bool:
    return isinstance(value, tuple) and bool(value) and all(isinstance(item, Finding) for item in value)


def _rows(findings: tuple[Finding, ...]) -> _Rows:
    return _Rows(tuple(getattr(finding, name) for name in _FINDING_FIELDS) for finding in findings)
