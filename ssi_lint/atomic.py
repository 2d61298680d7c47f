"""Write a file so that readers see the old content or the new, never half of it.

Only a regular file (or a path that does not exist yet) is replaced through a
temporary file. A device such as `/dev/null` or `/dev/stdout` is written
directly (replacing it would turn the device node into a file), and a FIFO,
a folder or a socket is refused before anything is written.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from ssi_lint.errors import InputError


@contextmanager
def atomic_writer(path: Path, what: str = "the file") -> Iterator[TextIO]:
    """A text stream that replaces `path` when the block ends without an error.

    The data goes to a temporary file beside the target, which then replaces
    it; a symbolic link is followed, and an existing file keeps its mode (a
    new one gets the usual mode for the umask). The temporary file is removed
    whenever the block ends with an exception (SystemExit from a signal
    included). Failures to write raise InputError naming the path and `what`
    was being written.
    """
    target = Path(os.path.realpath(path))
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise InputError(f"{path.as_posix()}: cannot write {what}: {_reason(exc)}") from None
    if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISBLK(mode)):
        with _direct(path, target, what) as stream:
            yield stream
        return
    if mode is not None and not stat.S_ISREG(mode):
        kind = "a FIFO" if stat.S_ISFIFO(mode) else "a folder" if stat.S_ISDIR(mode) else "not a regular file"
        raise InputError(f"{path.as_posix()}: cannot write {what}: it is {kind}")
    with _replacing(path, target, what, mode) as stream:
        yield stream


@contextmanager
def _replacing(path: Path, target: Path, what: str, mode: int | None) -> Iterator[TextIO]:
    """Write a temporary file beside `target`, then rename it over `target`."""
    import tempfile

    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise InputError(f"{path.as_posix()}: cannot write {what}: {_reason(exc)}") from None
    try:
        os.chmod(temporary, mode & 0o7777 if mode is not None else 0o666 & ~_umask())
        with os.fdopen(handle, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"{path.as_posix()}: cannot write {what}: {_reason(exc)}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@contextmanager
def _direct(path: Path, target: Path, what: str) -> Iterator[TextIO]:
    """Write a device in place (no temporary file, no rename)."""
    try:
        with open(target, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as stream:
            yield stream
            stream.flush()
    except OSError as exc:
        raise InputError(f"{path.as_posix()}: cannot write {what}: {_reason(exc)}") from None


def write_text(path: Path, text: str, what: str = "the file") -> None:
    """Replace `path` with `text` atomically."""
    with atomic_writer(path, what) as stream:
        stream.write(text)


def _reason(exc: OSError) -> str:
    """`no space left on device`: the system's reason, in lower case."""
    text = exc.strerror or str(exc)
    return text[:1].lower() + text[1:]


def _umask() -> int:
    """The process's file-creation mask (read by setting it and back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
