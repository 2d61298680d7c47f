"""Write a file so that readers see the old content or the new, never half of it."""

from __future__ import annotations

import os
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
    new one gets the usual mode for the umask). Failures to write raise
    InputError naming the path and `what` was being written.
    """
    import tempfile

    target = Path(os.path.realpath(path))
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.chmod(temporary, target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask())
    except OSError as exc:
        raise InputError(f"{path.as_posix()}: cannot write {what}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"{path.as_posix()}: cannot write {what}: {exc.strerror or exc}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str, what: str = "the file") -> None:
    """Replace `path` with `text` atomically."""
    with atomic_writer(path, what) as stream:
        stream.write(text)


def _umask() -> int:
    """The process's file-creation mask (read by setting it and back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
