"""Let SIGTERM and SIGHUP end a run the way an error does, so that clean-up runs.

By default these signals kill the process at once: worker processes are left
waiting and the atomic writer's temporary file stays behind. Inside
`exit_on_signals()` they raise SystemExit (status 128 + the signal number, as
a shell reports a killed process) in the main thread instead, so `finally`
blocks and context managers terminate workers and remove temporary files.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

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
        raise Terminated(128 + number)

    for number in SIGNALS:
        signal.signal(number, handler)
    try:
        yield
    finally:
        for number, old in previous.items():
            signal.signal(number, old)
