"""The `ssi-lint` console script: the click command line, started without garbage collection, ended without teardown.

Start-up creates many long-lived objects (modules, classes, compiled rules)
and no garbage worth a collection; `ssi_lint.app` freezes them and turns
collection back on before the first file is checked.

When the command is done, the interpreter would tear all of that down again,
object by object, before the process ends: about 3 % of a one-plan run. The
script instead flushes the standard streams, runs the `atexit` functions (a
plugin's among them) and ends the process at once, as `sys.exit` would have
ended it, unless a thread the interpreter would wait for is still running or a
profiler or coverage tool waits for the program to return.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
import threading
from typing import NoReturn


def main() -> NoReturn:
    """Run `ssi-lint` and end the process with its exit status."""
    gc.disable()
    try:
        from ssi_lint.cli import main as command

        status = command()
    except SystemExit as exc:
        status = exc.code
    finally:
        gc.enable()
    leave(status)


def leave(status: object) -> NoReturn:
    """End the process with `status` read as `sys.exit` reads it, skipping the interpreter's teardown.

    The interpreter's own exit is kept while another thread runs (it waits for the thread) and under a
    profiler or a coverage tool (`python -m cProfile`), which writes its results when the program returns.
    """
    if threading.active_count() > 1 or sys.gettrace() is not None or sys.getprofile() is not None:
        sys.exit(status)
    code = exit_code(status)
    atexit._run_exitfuncs()
    code = _flush(sys.stdout, code, report=True)
    code = _flush(sys.stderr, code)
    os._exit(code)


def _flush(stream: object, code: int, *, report: bool = False) -> int:
    """Flush a standard stream as the interpreter's exit would, and return the exit status that leaves.

    A stream the process has none of (`>&-`), or one that is closed (a language server's transport closes
    standard output), is skipped, as the interpreter skips it. A reader that went away (`| head`) is no failure:
    the status stays. Standard output (`report`) that cannot be written (a full disk) is one line on stderr and
    exit status 2, as a command's own report is (`ssi_lint.output_guard`); anything else is the interpreter's 120.
    """
    try:
        if stream is None or stream.closed:  # type: ignore[attr-defined]
            return code
        stream.flush()  # type: ignore[attr-defined]
    except BrokenPipeError:
        return code
    except OSError as exc:
        if not report:
            return code or 120
        from ssi_lint.output_guard import cannot_write

        try:
            print(f"ssi-lint: error: {cannot_write(exc)}", file=sys.stderr, flush=True)
        except (OSError, ValueError):
            pass
        return max(code, 2)
    except (AttributeError, ValueError):
        return code or 120
    return code


def exit_code(status: object) -> int:
    """The exit status `sys.exit(status)` gives: None is 0, an integer itself, anything else is printed and 1."""
    if status is None:
        return 0
    if isinstance(status, int):
        return status & 0xFF
    try:
        print(status, file=sys.stderr)
    except (OSError, ValueError):
        pass
    return 1
