"""Read an input file safely: regular files only, never more than a size limit.

Opening a FIFO for reading would wait for a writer, and a device such as
`/dev/zero` never ends; both are refused before anything is read. Rule packs,
configuration files and baselines get the same size limit as plans.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

MAX_INPUT_BYTES = 5 * 1024 * 1024
"""The largest rule pack, configuration file or baseline read (the plans' limit, 5 MB)."""


class UnreadableInput(Exception):
    """The file cannot be read; the message says why, in a few words (no path)."""


def read_bytes(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The whole content of a regular file of at most `limit` bytes.

    Raises UnreadableInput when it is not a regular file (a folder, a FIFO, a
    device), is larger than `limit`, or cannot be opened or read.
    """
    data = read_prefix(path, limit)
    if len(data) > limit:
        raise UnreadableInput(f"larger than {describe_size(limit)}, the size limit")
    return data


_GROWN_STEP = 1 << 16
"""How much `read_prefix` reads at a time past the size a file had when opened."""


def read_prefix(path: Path, limit: int) -> bytes:
    """At most `limit + 1` bytes of a regular file (one more than allowed shows it is too large)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise UnreadableInput(why_unreadable(path, exc)) from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise UnreadableInput(f"not a regular file ({_kind(status.st_mode)})")
        chunks: list[bytes] = []
        remaining = limit + 1
        step = status.st_size + 1  # the whole file in one read, which comes back short: its end
        while remaining > 0:
            wanted = min(remaining, step)
            chunk = os.read(descriptor, wanted)
            chunks.append(chunk)
            remaining -= len(chunk)
            if len(chunk) < wanted:
                break
            step = _GROWN_STEP  # the file grew since fstat
        return b"".join(chunks)
    except OSError as exc:
        raise UnreadableInput(why_unreadable(path, exc)) from None
    finally:
        os.close(descriptor)


def describe_size(size: int) -> str:
    """`5 MB`, or `300 bytes` below a megabyte."""
    return f"{size / (1024 * 1024):g} MB" if size >= 1024 * 1024 else f"{size} bytes"


def why_unreadable(path: Path, exc: OSError) -> str:
    """Why opening or reading the path failed, in a few words: a symbolic link loop, a broken link, or the system's reason."""
    if exc.errno == errno.ELOOP:
        return "a symbolic link loop (too many levels of symbolic links)"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR) and os.path.islink(path):
        try:
            return f"a broken symbolic link (to {os.readlink(path)}, which does not exist)"
        except OSError:  # the link was removed meanwhile
            pass
    return (exc.strerror or str(exc)).lower()


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a socket" if stat.S_ISSOCK(mode) else "not a file"
