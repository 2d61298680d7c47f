"""Guard what ssi-lint writes: never over what it reads, and never past a failing standard output.

An output path that is also an input is refused: a report or baseline must
never overwrite what is read. Paths are compared as files, not as text: the
same path, a relative alias, a symbolic link or a hard link to a plan, rule
pack, configuration file or baseline is refused, as is one output named twice.

Standard output is written through `PipeSafe` (every command, and click's own
`--help` and `--version`, while `guarded_stdout` is in force): a reader that
goes away (`ssi-lint ... | head`) ends the output quietly, and a full disk or a
closed standard output is an OutputError, one line on stderr and exit status 2
(`cannot write the report: no space left on device`), never a traceback.
This module is imported on start-up: it stays light.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from ssi_lint.errors import InputError, OutputError

STDOUT_CLOSED = "cannot write the report: standard output is closed"
"""The failure of a report written to a standard output the process was started without (`>&-`)."""

FileId = tuple[int, int] | str
"""A file's identity: (device, inode) when it exists, else its resolved path."""


def file_id(path: Path) -> FileId:
    """The identity of the file a path names (following links)."""
    try:
        info = os.stat(path)
    except OSError:
        return os.path.realpath(path)
    return (info.st_dev, info.st_ino)


def refuse_inputs_as_outputs(outputs: Mapping[str, Path | None], inputs: Iterable[tuple[str, Path]]) -> None:
    """Raise InputError when an output (`--output-file`, `--write-baseline`) is an input or another output.

    `outputs` maps an option name to its path (None when not given); `inputs`
    are `(what, path)` pairs such as `("the plan", Path("a.plan.yaml"))`.
    """
    given = {option: path for option, path in outputs.items() if path is not None}
    if not given:
        return
    wanted: dict[FileId, str] = {}
    for option, path in given.items():
        identity = file_id(path)
        named = option if option.endswith(f":{path.as_posix()}") else f"{option} {path.as_posix()}"  # `--report json:a.json`
        if identity in wanted:
            raise InputError(f"{named}: the same file as {wanted[identity]}")
        wanted[identity] = named
    for what, path in inputs:
        clash = wanted.get(file_id(path))
        if clash is not None:
            raise InputError(f"{clash}: is {what} {path.as_posix()}, which this run reads; refusing to overwrite it")


def cannot_write(exc: OSError) -> OutputError:
    """The failure of a report the system refuses to write: `cannot write the report: no space left on device`."""
    return OutputError(f"cannot write the report: {(exc.strerror or str(exc)).lower()}")


class PipeSafe:
    """Standard output that goes quiet, instead of failing, when its reader has gone away.

    Any other failure to write or flush (a full disk, a closed descriptor) is an OutputError (`cannot_write`).
    Its `buffer` is guarded the same way, for what writes bytes (`check --diff`).
    """

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self.broken = False

    def write(self, text: Any) -> int:
        """Write, or drop the text once the pipe is closed."""
        if not self.broken:
            try:
                return self._stream.write(text)
            except BrokenPipeError:
                self._silence()
            except OSError as exc:
                raise cannot_write(exc) from None
        return len(text)

    def flush(self) -> None:
        """Flush, unless the pipe or the stream is closed (a language server's transport closes it); any other failure
        (a full disk) is an OutputError."""
        if not self.broken and not getattr(self._stream, "closed", False):
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._silence()
            except OSError as exc:
                raise cannot_write(exc) from None

    def isatty(self) -> bool:
        """Whether the stream is a terminal."""
        return not self.broken and self._stream.isatty()

    @property
    def buffer(self) -> PipeSafe:
        """The binary stream beneath, guarded alike (AttributeError for a stream of text only)."""
        return PipeSafe(self._stream.buffer)

    def __getattr__(self, name: str) -> object:
        """Anything else (`encoding`, `errors`, `fileno`, ...) is the wrapped stream's."""
        return getattr(self._stream, name)

    def _silence(self) -> None:
        """Point the descriptor at the null device, so that the final flush at exit succeeds too."""
        self.broken = True
        silence(self._stream)


class ClosedOutput:
    """Standard output when the process was started without one (`>&-`): writing any text to it is an OutputError."""

    encoding = "utf-8"
    errors = "strict"
    closed = False

    def write(self, text: str) -> int:
        """Refuse the text (nothing is refused when there is no text)."""
        if not isinstance(text, str):  # a stream of text, as click expects of sys.stdout
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if text:
            raise OutputError(STDOUT_CLOSED)
        return 0

    def flush(self) -> None:
        """Nothing was written, so nothing is lost."""

    def isatty(self) -> bool:
        """Not a terminal."""
        return False

    def writable(self) -> bool:
        """Text is accepted, and refused when written."""
        return True

    def fileno(self) -> int:
        """There is no descriptor."""
        raise OSError(STDOUT_CLOSED)


def stdout_closed(stream: object) -> bool:
    """Whether `stream` stands for a standard output the process was started without (None, or `ClosedOutput`)."""
    return stream is None or isinstance(stream, ClosedOutput)


@contextmanager
def guarded_stdout() -> Iterator[TextIO]:
    """Make `sys.stdout` a `PipeSafe` (a `ClosedOutput` when there is none) while the block runs, then put it back."""
    saved = sys.stdout
    guarded: Any = ClosedOutput() if saved is None else saved if isinstance(saved, PipeSafe) else PipeSafe(saved)
    sys.stdout = guarded
    try:
        yield guarded
    finally:
        if sys.stdout is guarded:
            sys.stdout = saved


def silence(stream: Any) -> None:
    """Point a stream's descriptor at the null device, so that nothing more written to it (the final flush) can fail."""
    try:
        descriptor = stream.fileno()
        devnull = os.open(os.devnull, os.O_WRONLY)
        if devnull != descriptor:  # (the descriptor was closed, and the null device took its number)
            os.dup2(devnull, descriptor)
            os.close(devnull)
    except (AttributeError, OSError, ValueError):  # no descriptor (closed, or captured in tests)
        pass
