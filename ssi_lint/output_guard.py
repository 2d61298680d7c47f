"""Refuse an output path that is also an input: a report or baseline must never overwrite what is read.

Paths are compared as files, not as text: the same path, a relative alias, a
symbolic link or a hard link to a plan, rule pack, configuration file or
baseline is refused, as is one output named twice.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from ssi_lint.errors import InputError

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
