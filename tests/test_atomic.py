"""Atomic replacement keeps the replaced file's owner and group, or (when required) refuses before writing."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from ssi_lint import atomic
from ssi_lint.atomic import write_text
from ssi_lint.errors import InputError

NOBODY = 65534
"""A uid and gid other than root's, to give a file another owner."""
as_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file another owner")


def _refuse_chown(handle: int, uid: int, gid: int) -> None:
    raise PermissionError(1, "Operation not permitted")


@pytest.fixture
def owned(tmp_path: Path) -> Path:
    """A file of another owner and group, readable only by them."""
    path = tmp_path / "a.plan.yaml"
    path.write_text("old\n")
    os.chown(path, NOBODY, NOBODY)
    path.chmod(0o600)
    return path


@as_root
@pytest.mark.parametrize("same_owner", [False, True])
def test_the_replacement_keeps_owner_group_and_mode(owned: Path, same_owner: bool) -> None:
    write_text(owned, "new\n", same_owner=same_owner)
    status = owned.stat()
    assert (status.st_uid, status.st_gid, stat.S_IMODE(status.st_mode)) == (NOBODY, NOBODY, 0o600)
    assert owned.read_text() == "new\n"


@as_root
def test_an_owner_that_cannot_be_kept_is_refused_before_writing(owned: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "fchown", _refuse_chown)
    with pytest.raises(InputError) as raised:
        write_text(owned, "new\n", "the fixed plan", same_owner=True)
    assert str(raised.value) == (f"{owned.as_posix()}: cannot write the fixed plan: the replacement cannot keep its owner and group "
                                 f"(uid {NOBODY}, gid {NOBODY}): operation not permitted; the file is left as it was")
    assert (owned.read_text(), owned.stat().st_uid) == ("old\n", NOBODY)
    assert sorted(path.name for path in owned.parent.iterdir()) == ["a.plan.yaml"]  # no temporary file left


@as_root
def test_without_same_owner_a_report_is_still_written(owned: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "fchown", _refuse_chown)
    write_text(owned, "new\n", "the report")
    assert (owned.read_text(), owned.stat().st_uid) == ("new\n", os.geteuid())


def test_keep_owner_refuses_an_owner_the_system_will_not_give(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Any user: a stat of another owner, and a chown the system refuses (root's refused here too)."""
    monkeypatch.setattr(os, "fchown", _refuse_chown)
    with (tmp_path / "t").open("w") as handle:
        mine = os.fstat(handle.fileno())
        other = os.stat_result((mine.st_mode, 0, 0, 1, mine.st_uid + 1, mine.st_gid, 0, 0, 0, 0))
        atomic._keep_owner(handle.fileno(), mine, same_owner=True)  # the same owner: nothing to do
        atomic._keep_owner(handle.fileno(), other, same_owner=False)  # best effort: kept as created
        with pytest.raises(atomic._OwnerLost, match=rf"\(uid {mine.st_uid + 1}, gid {mine.st_gid}\): operation not permitted"):
            atomic._keep_owner(handle.fileno(), other, same_owner=True)


def test_a_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    path = tmp_path / "new.txt"
    write_text(path, "x", same_owner=True)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~atomic._umask()
