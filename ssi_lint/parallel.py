"""`--jobs N`: check files in worker processes, yielding results in input order.

Each worker builds its Linter once (with `fork`, it inherits the parent's, so
rules are compiled once per process at most) and checks one file at a time.
Workers never outlive the run: they are terminated when it ends early (an
error, a signal, which the parent notices within 0.1 s even while it waits
for a chunk), and each one exits by itself as soon as its parent dies, even
by SIGKILL. A file that cannot be checked (unreadable, a loader or rule
that fails on it) becomes that file's LOAD009 finding, and the batch goes on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from ssi_lint.api import Linter, LintOptions
from ssi_lint.errors import ConfigError, SsiLintError
from ssi_lint.model import Document, FileResult, Finding, Position, Problem

AUTO_THRESHOLD = 64
"""With `--jobs` not given, use every core only from this many files on (below, start-up costs more)."""
MAX_JOBS_PER_CORE = 4
"""`--jobs` is capped at this many worker processes per core."""
FAILED = "failed"
"""The key of `FileResult.extra` that holds why a file could not be checked."""
MAX_CHUNK = 64
"""The most files a worker checks per task: fewer, larger tasks cost less to hand out and hand back."""
MIN_CHUNK = 4
"""The fewest files per task (but for the last): the tasks shrink towards the end of the run."""
_PARENT_POLL_SECONDS = 0.25
_SIGNAL_POLL_SECONDS = 0.1
"""How long the parent waits for a worker's result before it looks for a signal again."""

_worker: tuple[Linter, Document | None] | None = None


def default_jobs(file_count: int) -> int:
    """All cores for a large batch, one process otherwise."""
    return (os.cpu_count() or 1) if file_count >= AUTO_THRESHOLD else 1


def max_jobs() -> int:
    """The most worker processes a run uses: MAX_JOBS_PER_CORE per core."""
    return MAX_JOBS_PER_CORE * (os.cpu_count() or 1)


def check_files(
    linter: Linter,
    files: Sequence[tuple[Path, str]],
    jobs: int,
    observed: Document | None = None,
) -> Iterator[FileResult]:
    """Check every file, in order, using up to `jobs` processes (at most `max_jobs()`)."""
    if len(files) >= linter.ruleset.evaluator.BIND_AFTER:
        linter.ruleset.evaluator.bind()  # enough files to pay for it; before forking, so read once
    jobs = min(jobs, max_jobs(), len(files))
    if jobs <= 1:
        for path, display in files:
            yield check_one(linter, path, display, observed)
        return
    from ssi_lint import signals

    global _worker
    chunks = chunked(files, jobs)
    held = signals.hold()  # a signal while the pool starts would leave its workers waiting: it waits until the pool can be stopped
    pool = None
    finished = False
    try:
        pool = _pool(linter, observed, jobs)
        signals.release(held)  # a signal that came meanwhile ends the run here, and the pool is stopped below
        results = pool.imap(_check_chunk, chunks)  # one chunk per task: its iterator can wait with a timeout
        for _ in chunks:
            for packed in _next_chunk(results):
                yield _unpack(packed)
        finished = True
    finally:
        signals.release(held)
        _worker = None
        if pool is not None:
            if finished:
                pool.close()
            else:  # an error, a signal or an abandoned iteration: stop the workers now
                pool.terminate()
            pool.join()


def chunked(files: Sequence[tuple[Path, str]], jobs: int) -> list[Sequence[tuple[Path, str]]]:
    """The files in tasks for `jobs` workers, in order: each a share of the files left, from MAX_CHUNK down to MIN_CHUNK.

    Shrinking tasks let the workers finish together: with equal ones, one
    worker could still be on a whole task of 64 files while the others wait.
    """
    tasks = []
    start = 0
    while start < len(files):
        size = max(MIN_CHUNK, min(MAX_CHUNK, (len(files) - start) // (jobs * 2)))
        tasks.append(files[start : start + size])
        start += size
    return tasks


def _pool(linter: Linter, observed: Document | None, jobs: int) -> Any:
    """A pool of `jobs` worker processes: forked with the Linter where the platform allows, else each builds its own."""
    import multiprocessing

    global _worker
    if _can_fork(multiprocessing.get_all_start_methods()):
        _worker = (linter, observed)  # inherited by the forked workers
        return multiprocessing.get_context("fork").Pool(jobs, initializer=_start, initargs=(os.getpid(), None, None))
    context = multiprocessing.get_context("spawn")  # pragma: no cover - platforms without fork build the Linter in each worker
    return context.Pool(jobs, initializer=_start, initargs=(os.getpid(), linter.options, observed, linter.reports_ssi, linter.names_items))  # pragma: no cover


def _next_chunk(results: Any) -> list[tuple[Any, ...]]:
    """The next chunk's results from `pool.imap`, waiting in short steps so that a signal is handled within one step.

    The kernel may hand SIGTERM to any thread of the process, here one of the pool's; Python then runs the
    handler in the main thread only when it next runs code, and a plain wait would last until a whole
    chunk of files is checked.
    """
    from multiprocessing import TimeoutError as StillWaiting

    while True:
        try:
            return results.next(timeout=_SIGNAL_POLL_SECONDS)  # type: ignore[no-any-return]
        except StillWaiting:
            continue


def _can_fork(methods: Sequence[str]) -> bool:
    """Whether workers may be forked: only on Linux (macOS offers fork, but system libraries there are not fork-safe)."""
    import sys

    return sys.platform.startswith("linux") and "fork" in methods


def check_one(linter: Linter, path: Path, display: str, observed: Document | None = None) -> FileResult:
    """Load and check one file; a failure on it becomes its LOAD009 finding (a ConfigError still stops the run)."""
    try:
        return linter.check_document(linter.load(path, display), observed)
    except ConfigError:  # a bad option is wrong for every file: the run stops
        raise
    except SsiLintError as exc:
        message = str(exc) if str(exc).startswith(display) else f"{display}: {exc}"
    except Exception as exc:  # noqa: BLE001 - one file must not end the batch
        message = f"{display}: internal error: {type(exc).__name__}: {exc}"
    problem = Problem("LOAD009", f"the file could not be checked: {message}", Position(1, 1))
    from ssi_lint.core_checks import problem_finding

    finding: Finding = problem_finding(problem, display, linter.checks)
    return FileResult(display, (finding,), extra={FAILED: message})


def _start(parent: int, options: LintOptions | None, observed: Document | None, reports_ssi: bool = True, names_items: bool = True) -> None:
    """Set up a worker: default signal handling, death with the parent, and (spawn only) its Linter."""
    import signal

    from ssi_lint import signals

    for number in signals.HELD:  # the parent's handlers would end the run, not the worker
        signal.signal(number, signal.SIG_IGN if number == signal.SIGINT else signal.SIG_DFL)
    signals.unhold()  # forked while the parent held them
    _die_with(parent)
    if options is not None:  # pragma: no cover - spawn only
        global _worker
        linter = Linter(options)
        linter.reports_ssi = reports_ssi  # as the parent's run set it (its reports may read no SSI report)
        linter.names_items = names_items  # nor any identity
        _worker = (linter, observed)


def _die_with(parent: int) -> None:
    """Exit as soon as `parent` is gone: the kernel's parent-death signal on Linux, else a watching thread."""
    import sys
    import threading
    import time

    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover - the watcher still runs
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_POLL_SECONDS)
        os._exit(1)

    if os.getppid() != parent:  # the parent died before the worker got here
        os._exit(1)
    threading.Thread(target=watch, name="ssi-lint-parent-watch", daemon=True).start()


def _check_chunk(items: Sequence[tuple[Path, str]]) -> list[tuple[Any, ...]]:
    """A worker's task: one chunk of files, checked in order."""
    return [_check(item) for item in items]


def _check(item: tuple[Path, str]) -> tuple[Any, ...]:
    assert _worker is not None, "worker not initialised"
    linter, observed = _worker
    path, display = item
    return _pack(check_one(linter, path, display, observed))


def _pack(result: FileResult) -> tuple[Any, ...]:
    """A FileResult as it crosses to the parent, its findings as MessagePack.

    msgspec writes and reads Finding records back exactly, several times faster
    than pickle does; `extra` (plugins may put any value there) stays pickled.
    """
    encode = _codec()[0]
    return result.source, encode(result.findings), result.extra, encode(result.suppressed), result.text, result.stable_paths


def _unpack(packed: tuple[Any, ...]) -> FileResult:
    source, findings, extra, suppressed, text, stable_paths = packed
    decode = _codec()[1]
    return FileResult(source, decode(findings), extra, decode(suppressed), text, stable_paths)


@cache
def _codec() -> tuple[Callable[[Any], bytes], Callable[[bytes], tuple[Finding, ...]]]:
    """MessagePack's encoder and the decoder of a tuple of findings."""
    from msgspec import msgpack

    return msgpack.Encoder().encode, msgpack.Decoder(tuple[Finding, ...]).decode
