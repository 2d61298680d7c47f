"""`--jobs N`: check files in worker processes, yielding results in input order.

Each worker builds its Linter once (with `fork`, it inherits the parent's, so
rules are compiled once per process at most) and checks one file at a time.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from ssi_lint.api import Linter, LintOptions
from ssi_lint.model import Document, FileResult

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
    if jobs <= 1 or len(files) < 2:
        for path, display in files:
            yield linter.check_document(linter.load(path, display), observed)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _worker
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:
        linter.ruleset.evaluator.bind()  # compiled once here rather than in every worker
        _worker = (linter, observed)  # inherited by the forked workers
        context = multiprocessing.get_context("fork")
        executor = ProcessPoolExecutor(jobs, mp_context=context)
    else:  # pragma: no cover - platforms without fork build the Linter in each worker
        context = multiprocessing.get_context("spawn")
        executor = ProcessPoolExecutor(jobs, mp_context=context, initializer=_start, initargs=(linter.options, observed))
    chunk = max(1, min(64, len(files) // (jobs * 4)))
    try:
        with executor:
            yield from executor.map(_check, files, chunksize=chunk)
    finally:
        _worker = None


def _start(options: LintOptions, observed: Document | None) -> None:  # pragma: no cover - spawn only
    global _worker
    _worker = (Linter(options), observed)


def _check(item: tuple[Path, str]) -> FileResult:
    assert _worker is not None, "worker not initialised"
    linter, observed = _worker
    path, display = item
    return linter.check_document(linter.load(path, display), observed)
