"""Write a file so that readers see the old content or the new, never half of it.

Only a regular file (or a path that does not exist yet) is replaced through a
temporary file, which takes the replaced file's mode, owner and group (the
owner and group when the system permits; a caller may require them). A device such as `/dev/null` or `/dev/stdout` is written
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
def atomic_writer(path: Path, what: str = "the file", *, same_owner: bool = False) -> Iterator[TextIO]:
    """A text stream that replaces `path` when the block ends without an error.

    The data goes to a temporary file beside the target, which then replaces
    it; a symbolic link is followed, and an existing file keeps its mode and,
    where the system permits, its owner and group (a new one gets the usual
    mode for the umask). With `same_owner`, an owner or group that cannot be
    kept is an InputError before anything is written, rather than a file
    that changes hands. The temporary file is removed whenever the block ends
    with an exception (SystemExit from a signal included). Failures to write
    raise InputError naming the path and `what` was being written.
    """
    target = Path(os.path.realpath(path))
    try:
        status: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        status = None
    except OSError as exc:
        raise InputError(f"{path.as_posix()}: cannot write {what}: {_reason(exc)}") from None
    mode = status.st_mode if status is not None else None
    if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISBLK(mode)):
        with _direct(path, target, what) as stream:
            yield stream
        return
    if mode is not None and not stat.S_ISREG(mode):
        kind = "a FIFO" if stat.S_ISFIFO(mode) else "a folder" if stat.S_ISDIR(mode) else "not a regular file"
        raise InputError(f"{path.as_posix()}: cannot write {what}: it is {kind}")
    with _replacing(path, target, what, status, same_owner) as stream:
        yield stream


@contextmanager
def _replacing(path: Path, target: Path, what: str, status: os.stat_result | None, same_owner: bool) -> Iterator[TextIO]:
    """Write a temporary file beside `target` (with its mode, owner and group when it exists), then rename it over `target`."""
    import tempfile

    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise InputError(f"{path.as_posix()}: cannot write {what}: {_reason(exc)}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as stream:
            if status is not None:  # before the mode: a change of owner clears the set-user-ID and set-group-ID bits
                _keep_owner(handle, status, same_owner)
            os.fchmod(handle, status.st_mode & 0o7777 if status is not None else 0o666 & ~_umask())
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except _OwnerLost as exc:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"{path.as_posix()}: cannot write {what}: {exc}; the file is left as it was") from None
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"{path.as_posix()}: cannot write {what}: {_reason(exc)}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class _OwnerLost(Exception):
    """The replacement cannot have the replaced file's owner and group."""


def _keep_owner(handle: int, status: os.stat_result, same_owner: bool) -> None:
    """Give the open temporary file the owner and group of the file it replaces, where the system permits.

    With `same_owner`, one that cannot be given raises _OwnerLost; otherwise the replacement keeps what it was created with.
    """
    created = os.fstat(handle)
    if (created.st_uid, created.st_gid) == (status.st_uid, status.st_gid):
        return
    try:
        os.fchown(handle, status.st_uid, status.st_gid)
    except OSError as exc:
        if same_owner:
            raise _OwnerLost(f"the replacement cannot keep its owner and group (uid {status.st_uid}, gid {status.st_gid}): "
                             f"{_reason(exc)}") from None


@contextmanager
def _direct(path: Path, target: Path, what: str) -> Iterator[TextIO]:
    """Write a device in place (no temporary file, no rename)."""
    try:
        with open(target, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as stream:
            yield stream
            stream.flush()
    except OSError as exc:
        raise InputError(f"{path.as_posix()}: cannot write {what}: {_reason(exc)}") from None


def write_text(path: Path, text: str, what: str = "the file", *, same_owner: bool = False) -> None:
    """Replace `path` with `text` atomically (`same_owner`: see `atomic_writer`)."""
    with atomic_writer(path, what, same_owner=same_owner) as stream:
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
