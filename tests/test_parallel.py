"""Results cross from worker processes unchanged, in input order."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from ssi_lint.api import Linter
from ssi_lint.model import FileResult, Finding, Severity
from ssi_lint import parallel
from ssi_lint.parallel import _can_fork, _pack, _unpack, check_files

CORPUS = Path(__file__).parent / "corpus"


def finding(rule_id: str, suppression: str | None = None) -> Finding:
    return Finding(rule_id, "name", Severity.WARNING, "plan", "plan", "message", "f", 1, 2, "a.b", ("S1",), None, suppression)


def test_packed_result_round_trips() -> None:
    result = FileResult("f", (finding("A"), finding("B")), {"ssi": {"total": 50}, "plugin": (1, {2})}, (finding("C", "reason"),), "plan: text", {"a[0]": 'a[name="x"]'})
    assert all(getattr(result, name) not in (default, {}) for name, default in zip(FileResult.__struct_fields__[2:], FileResult.__struct_defaults__, strict=True))
    crossed = _unpack(pickle.loads(pickle.dumps(_pack(result))))
    assert crossed == result
    assert type(crossed.findings[0].severity) is Severity
    assert crossed.extra["plugin"] == (1, {2})  # a plugin's values keep their types
    empty = FileResult("g", ())
    assert _unpack(pickle.loads(pickle.dumps(_pack(empty)))) == empty


@pytest.mark.slow  # worker processes
def test_workers_give_the_single_process_results_in_order() -> None:
    linter = Linter()
    files = [(path, path.as_posix()) for path in sorted(CORPUS.glob("*.plan.yaml"))]
    assert list(check_files(linter, files, jobs=2)) == list(check_files(linter, files, jobs=1))


def test_a_large_run_binds_the_rules_before_checking(monkeypatch: pytest.MonkeyPatch) -> None:
    import ssi_lint.parallel

    linter = Linter()
    files = [(path, path.as_posix()) for path in sorted(CORPUS.glob("*.plan.yaml"))]
    monkeypatch.setattr(ssi_lint.parallel, "AUTO_THRESHOLD", len(files) + 1)
    list(check_files(linter, files, jobs=1))
    assert linter.ruleset.evaluator._bound is None  # a small run keeps each rule's own program
    monkeypatch.setattr(ssi_lint.parallel, "AUTO_THRESHOLD", len(files))
    list(check_files(linter, files, jobs=1))
    assert linter.ruleset.evaluator._bound is not None


@pytest.mark.parametrize(
    ("platform", "methods", "fork"),
    [("linux", ["fork", "spawn", "forkserver"], True), ("darwin", ["spawn", "fork", "forkserver"], False), ("linux", ["spawn"], False), ("win32", ["spawn"], False)],
)
def test_workers_fork_only_on_linux(monkeypatch: pytest.MonkeyPatch, platform: str, methods: list[str], fork: bool) -> None:
    monkeypatch.setattr("sys.platform", platform)
    assert _can_fork(methods) is fork


@pytest.mark.slow  # worker processes
@pytest.mark.skipif(not _can_fork(["fork"]), reason="forked workers inherit the slowed check (Linux)")
def test_a_signal_another_thread_receives_ends_the_wait_for_a_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    import signal
    import threading
    import time

    from ssi_lint import parallel
    from ssi_lint.signals import Terminated, exit_on_signals

    check_one = parallel.check_one

    def slow(*args: object) -> FileResult:
        time.sleep(0.25)
        return check_one(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "check_one", slow)  # the forked workers inherit it
    path = sorted(CORPUS.glob("*.plan.yaml"))[0]
    files = [(path, path.as_posix())] * 512  # chunks of 64 plans: 16 s before the first result

    def signal_this_thread() -> None:
        time.sleep(0.5)
        signal.pthread_kill(threading.get_ident(), signal.SIGTERM)  # not the main thread, as the kernel may choose

    started = time.monotonic()
    with pytest.raises(Terminated), exit_on_signals():
        threading.Thread(target=signal_this_thread, daemon=True).start()
        for _ in check_files(Linter(), files, jobs=2):
            pass
    assert time.monotonic() - started < 8  # well before the first chunk is done


def test_a_signal_while_the_pool_starts_still_stops_its_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    import signal

    from ssi_lint import parallel
    from ssi_lint.signals import Terminated, exit_on_signals

    started: list[object] = []
    start = parallel._pool

    def signalled_while_starting(*args: object) -> object:
        pool = start(*args)  # type: ignore[arg-type]
        started.append(pool)
        signal.raise_signal(signal.SIGTERM)  # held until the pool can be stopped
        return pool

    monkeypatch.setattr(parallel, "_pool", signalled_while_starting)
    path = sorted(CORPUS.glob("*.plan.yaml"))[0]
    with pytest.raises(Terminated), exit_on_signals():
        for _ in check_files(Linter(), [(path, path.as_posix())] * 8, jobs=2):
            pass
    [pool] = started
    assert [worker.exitcode is not None for worker in pool._pool] == [True, True]  # type: ignore[attr-defined]
    assert not signal.pthread_sigmask(signal.SIG_BLOCK, set()) & {signal.SIGTERM, signal.SIGHUP, signal.SIGINT}


@pytest.mark.parametrize("count", [1, 5, 63, 64, 100, 1000, 4099])
@pytest.mark.parametrize("jobs", [2, 3, 8])
def test_tasks_hold_every_file_in_order_and_shrink_towards_the_end(count: int, jobs: int) -> None:
    files = [(Path(f"plan{index}.plan.yaml"), f"plan{index}.plan.yaml") for index in range(count)]
    tasks = parallel.chunked(files, jobs)
    assert [item for task in tasks for item in task] == files
    sizes = [len(task) for task in tasks]
    assert max(sizes) <= parallel.MAX_CHUNK
    assert sizes == sorted(sizes, reverse=True)
    assert all(size >= parallel.MIN_CHUNK for size in sizes[:-1])
    if count > 64 * jobs * 2:
        assert sizes[0] == parallel.MAX_CHUNK
    assert sizes[-1] <= parallel.MIN_CHUNK or len(sizes) == 1
