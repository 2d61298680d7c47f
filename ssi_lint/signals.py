"""Let SIGTERM and SIGHUP end a run the way an error does, so that clean-up runs.

By default these signals kill the process at once: worker processes are left
waiting and the atomic writer's temporary file stays behind. Inside
`exit_on_signals()` they raise SystemExit (status 128 + the signal number, as
a shell reports a killed process) in the main thread instead, so `finally`
blocks and context managers terminate workers and remove temporary files.

Python runs a signal handler wherever the main thread happens to be, and an
exception raised while a finalizer runs (`__del__`, a generator closed by the
garbage collector) is printed and dropped. So the signal is also remembered:
`stop_if_signalled()`, called after each file, raises it again, and the block
ends with it whatever else ended the block. `hold()` keeps the signals waiting
while something starts that a signal could not clean up half-way (a worker pool).
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

_received: list[int] = []
"""The signals received inside the current `exit_on_signals()` block."""
SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


class Terminated(SystemExit):
    """The run was ended by a signal; `code` is 128 + the signal number."""


@contextmanager
def exit_on_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into Terminated while the block runs (main thread only; else a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {number: signal.getsignal(number) for number in SIGNALS}

    def handler(number: int, frame: FrameType | None) -> None:
        for each in SIGNALS:  # a second signal during clean-up ends the process at once
            signal.signal(each, signal.SIG_DFL)
        _received.append(number)
        raise Terminated(128 + number)

    _received.clear()
    for number in SIGNALS:
        signal.signal(number, handler)
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)
        first = _received[0] if _received else None
        _received.clear()  # outside the block, stop_if_signalled() has nothing to raise
        if first is not None and not isinstance(sys.exc_info()[1], Terminated):
            raise Terminated(128 + first)  # its own Terminated was dropped by a finalizer


HELD = frozenset((*SIGNALS, signal.SIGINT))
"""The signals `hold()` keeps waiting: those that end a run."""


def hold() -> frozenset[int] | None:
    """Keep SIGTERM, SIGHUP and SIGINT waiting in the main thread until `release()`; the mask to restore, or None.

    Threads and processes started meanwhile inherit the mask (worker processes
    must clear it). Used while something is started that could not be cleaned
    up if a signal ended the run half-way.
    """
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        return None
    return frozenset(signal.pthread_sigmask(signal.SIG_BLOCK, HELD))


def release(previous: frozenset[int] | None) -> None:
    """Restore the mask `hold()` replaced: a signal that came meanwhile is handled now, where this is called."""
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def unhold() -> None:
    """Let the signals `hold()` keeps waiting through again (for a worker process forked while they were held)."""
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD)


def stop_if_signalled() -> None:
    """Raise Terminated if a signal came whose own Terminated was dropped (see the module's docstring)."""
    if _received:
        raise Terminated(128 + _received[0])
