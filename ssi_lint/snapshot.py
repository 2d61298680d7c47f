"""Snapshots: what ssi-lint derived once, kept between runs so that start-up skips deriving it again.

The compiled rule packs, the installed plugins' entry points and the checked
model files each live in one file of the cache folder: `$SSI_LINT_CACHE_DIR`,
else `$XDG_CACHE_HOME/ssi-lint`, else `~/.cache/ssi-lint`.
`SSI_LINT_NO_CACHE=1` turns snapshots off. A snapshot that cannot be read or
written is ignored; ssi-lint then works as without one.

A snapshot is plain values (dicts, lists, tuples, strings, bytes, numbers)
written with `marshal`: reading one builds those values and runs nothing. It
records the key it was made for (a text naming everything the value depends
on) and a CRC-32 of its bytes. It is used only when it is owned by the
current user, not writable by group or others, intact, and made for the
same key; anything else is treated as no snapshot.
"""

from __future__ import annotations

import marshal
import os
import re
import stat
import zlib
from pathlib import Path
from typing import Any

CACHE_DIR_ENV = "SSI_LINT_CACHE_DIR"
NO_CACHE_ENV = "SSI_LINT_NO_CACHE"
SUFFIX = ".marshal"
MAGIC = b"ssi-lint snapshot 1\n"
MAX_BYTES = 64 * 1024 * 1024
_EARLIER_FORMAT = r"[0-9a-f]{64}\.(?:json|pickle)|entry-points\.json"
"""Cache files of earlier ssi-lint versions, removed when a snapshot is written."""
_KEEP = 16
"""Snapshots of one kind kept (the most recently written), for runs that alternate between configurations."""


def cache_dir() -> Path | None:
    """Where snapshots live, or None when they are off."""
    if os.environ.get(NO_CACHE_ENV, "") not in ("", "0"):
        return None
    explicit = os.environ.get(CACHE_DIR_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ssi-lint"


def file_name(kind: str, key: str) -> str:
    """The snapshot file of one kind for one key (the key itself is checked inside)."""
    data = key.encode("utf-8", "surrogatepass")
    return f"{kind}-{checksum(data).partition(':')[2]}{SUFFIX}"


def read(kind: str, key: str) -> Any | None:
    """The value stored for `key`, or None (no snapshot, snapshots off, not ours, damaged, or made for another key)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        raw = _read_private(folder / file_name(kind, key))
    except OSError:
        return None
    if raw is None or not raw.startswith(MAGIC) or len(raw) < len(MAGIC) + 4:
        return None
    body = memoryview(raw)[len(MAGIC) + 4 :]
    if zlib.crc32(body) != int.from_bytes(raw[len(MAGIC) : len(MAGIC) + 4], "big"):
        return None
    try:
        stored_key, value = marshal.loads(body)
    except (EOFError, ValueError, TypeError):
        return None
    return value if stored_key == key else None


def write(kind: str, key: str, value: Any) -> None:
    """Store `value` for `key`, atomically and readable only by the current user; failures are ignored."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        body = marshal.dumps((key, value))
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = folder / f".{file_name(kind, key)}.{os.getpid()}.tmp"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(MAGIC + zlib.crc32(body).to_bytes(4, "big") + body)
        os.replace(temporary, folder / file_name(kind, key))
        _prune(folder, kind)
    except (OSError, ValueError):
        return


def checksum(data: bytes) -> str:
    """A checksum of bytes for a snapshot key (64 bits: CRC-32 and Adler-32)."""
    return f"{len(data)}:{zlib.crc32(data):08x}{zlib.adler32(data):08x}"


def _read_private(path: Path) -> bytes | None:
    """The file's bytes, when it is a regular file of the current user that group and others cannot write."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return None
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return None
        raw = handle.read(min(info.st_size, MAX_BYTES) + 1)  # its size (one more byte past the limit), not a buffer of the limit
    return raw if len(raw) <= MAX_BYTES else None


def _prune(folder: Path, kind: str) -> None:
    """Keep the most recently written snapshots of a kind; remove the older ones and the files of earlier cache formats."""
    for old in folder.iterdir():
        if re.fullmatch(_EARLIER_FORMAT, old.name):
            old.unlink(missing_ok=True)
    files = sorted(folder.glob(f"{kind}-*{SUFFIX}"), key=lambda path: path.stat().st_mtime_ns, reverse=True)
    for stale in files[_KEEP:]:
        stale.unlink(missing_ok=True)
