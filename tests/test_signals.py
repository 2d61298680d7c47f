"""SIGTERM and SIGHUP end a run through Terminated, even when a finalizer drops the first one."""

from __future__ import annotations

import signal
import sys

import pytest

from ssi_lint import signals
from ssi_lint.signals import Terminated, exit_on_signals, stop_if_signalled

pytestmark = [
    pytest.mark.skipif(not hasattr(signal, "SIGTERM") or sys.platform == "win32", reason="POSIX signals"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),  # the dropped Terminated, on purpose
]


class SignalledWhileFinalized:
    """Raises SIGTERM in this thread from `__del__`, where the handler's exception is printed and dropped.

    `signal.raise_signal` runs the handler before it returns; `os.kill` could leave it to whichever thread
    the kernel picks, and so to a later line of the test.
    """

    def __del__(self) -> None:
        signal.raise_signal(signal.SIGTERM)


def test_a_signal_raises_terminated_with_the_shell_status() -> None:
    with pytest.raises(Terminated) as caught, exit_on_signals():
        signal.raise_signal(signal.SIGTERM)
    assert caught.value.code == 128 + signal.SIGTERM


def test_a_dropped_signal_is_raised_again_at_the_next_file() -> None:
    went_on = False
    with pytest.raises(Terminated) as caught, exit_on_signals():
        SignalledWhileFinalized()  # freed at once: its Terminated is dropped
        went_on = True
        with pytest.raises(Terminated):
            stop_if_signalled()
        raise SystemExit(0)  # the run finished anyway: the block still ends as terminated
    assert went_on
    assert caught.value.code == 128 + signal.SIGTERM


def test_a_dropped_signal_ends_the_block_as_terminated() -> None:
    with pytest.raises(Terminated) as caught, exit_on_signals():
        SignalledWhileFinalized()
    assert caught.value.code == 128 + signal.SIGTERM


def test_no_signal_no_stop_and_the_handlers_come_back() -> None:
    before = signal.getsignal(signal.SIGTERM)
    with exit_on_signals():
        stop_if_signalled()
    stop_if_signalled()
    assert signal.getsignal(signal.SIGTERM) == before


def test_a_signal_is_forgotten_when_its_block_ends() -> None:
    with pytest.raises(Terminated), exit_on_signals():
        signal.raise_signal(signal.SIGTERM)
    stop_if_signalled()  # a library caller's later run, outside any block
    with exit_on_signals():
        stop_if_signalled()


def test_a_held_signal_waits_for_release_and_is_raised_there() -> None:
    with pytest.raises(Terminated), exit_on_signals():
        held = signals.hold()
        try:
            signal.raise_signal(signal.SIGTERM)
            reached = True  # still running: the signal waits
        finally:
            assert reached
            signals.release(held)  # raised here
        pytest.fail("release did not raise")
    assert not signal.pthread_sigmask(signal.SIG_BLOCK, set()) & signals.HELD
