"""Data loss: nothing the run reads is ever overwritten, and nothing it loads can run code."""

from __future__ import annotations

import json
import marshal
import os
import stat
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ssi_lint import snapshot
from ssi_lint.atomic import atomic_writer
from ssi_lint.errors import InputError
from ssi_lint.model import Rule
from tests.hardening.helpers import ANSWER_SECONDS, HEALTHY, RISKY, one_line_error, run, ssi_lint, timed

pytestmark = pytest.mark.slow  # whole ssi-lint processes against planted and tampered files

PACK = (Path(__file__).parents[2] / "rules" / "content.yaml").read_text(encoding="utf-8")


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "a.plan.yaml").write_text(RISKY)
    (tmp_path / "pack.yaml").write_text(PACK.replace("id: CNT", "id: XCN"))
    (tmp_path / ".ssi-lint.yaml").write_text("fail-on: never\n")
    return tmp_path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
@pytest.mark.parametrize(
    ("target", "what"),
    [
        ("plans/a.plan.yaml", "the plan"),
        ("./plans/../plans/a.plan.yaml", "the plan"),
        ("link.yaml", "the plan"),
        ("hard.yaml", "the plan"),
        ("pack.yaml", "the rule pack"),
        (".ssi-lint.yaml", "the configuration"),
        ("base.json", "the baseline"),
    ],
    ids=["same-path", "relative-alias", "symlink", "hard-link", "rule-pack", "config", "baseline"],
)
def test_an_output_over_an_input_is_refused(project: Path, option: str, target: str, what: str) -> None:
    (project / "link.yaml").symlink_to(project / "plans" / "a.plan.yaml")
    os.link(project / "plans" / "a.plan.yaml", project / "hard.yaml")
    assert run("plans", "--write-baseline", "base.json", cwd=project).returncode == 0
    before = _snapshot(project)
    result = run("plans", "--rules", "pack.yaml", "--baseline", "base.json", option, target, cwd=project)
    one_line_error(result, what, "refusing to overwrite")
    assert _snapshot(project) == before


def test_the_report_and_the_baseline_cannot_share_a_file(project: Path) -> None:
    result = run("plans", "-o", "out.json", "--write-baseline", "./out.json", cwd=project)
    one_line_error(result, "the same file")
    assert not (project / "out.json").exists()


def test_a_new_output_path_is_written(project: Path) -> None:
    result = run("plans", "--format", "json", "-o", "out.json", "--write-baseline", "b.json", cwd=project)
    assert result.returncode == 0, result.stderr
    assert json.loads((project / "out.json").read_text())["summary"]["files"] == 1
    assert json.loads((project / "b.json").read_text())["entries"]


def test_config_cannot_import_a_module_by_name(project: Path) -> None:
    marker = project / "imported"
    (project / "evil_module.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    (project / ".ssi-lint.yaml").write_text("plugins: [evil_module]\n")
    env = {"PYTHONPATH": str(project)}
    result = ssi_lint("plans", cwd=project, env=env)
    one_line_error(result, "enables plugin 'evil_module'", "--plugin")
    assert not marker.exists()
    assert ssi_lint("plans", "--plugin", "evil_module", "--fail-on", "never", cwd=project, env=env).returncode == 0
    assert marker.exists()  # the command line may import it


def test_config_can_disable_an_entry_point_plugin_but_not_a_built_in(project: Path) -> None:
    (project / ".ssi-lint.yaml").write_text("plugins: ['!ssi_lint.builtin']\n")
    one_line_error(run("plans", cwd=project), "built in")
    (project / ".ssi-lint.yaml").write_text("plugins: ['!not_installed']\nfail-on: never\n")
    assert run("plans", cwd=project).returncode == 0


def test_an_unreadable_folder_is_an_error(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ssi_lint.config import Config
    from ssi_lint.discovery import discover

    (project / "plans" / "locked").mkdir()
    real = os.scandir

    def scandir(path: object = ".") -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(InputError, match=r"plans/locked: cannot read the folder: permission denied"):
        discover([project / "plans"])
    excluded = Config(exclude=("locked/",), root=project / "plans")
    assert [display for _, display in discover([project / "plans"], excluded)] == [(project / "plans" / "a.plan.yaml").as_posix()]


def test_an_unreadable_plan_is_exit_2_naming_it_and_the_rest_is_checked(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "plans" / "locked.plan.yaml").write_text(RISKY)
    real = os.open

    def guarded_open(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if str(path).endswith("locked.plan.yaml"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", guarded_open)
    result = run("plans", "--format", "json", cwd=project)
    one_line_error(result, "plans/locked.plan.yaml: cannot read: permission denied")
    report = json.loads(result.stdout)
    assert [entry["path"] for entry in report["files"]] == ["plans/a.plan.yaml", "plans/locked.plan.yaml"]
    assert report["files"][1]["failed"].startswith("plans/locked.plan.yaml: cannot read")
    (project / ".ssi-lint.yaml").write_text("fail-on: never\nexclude: [locked.plan.yaml]\n")
    assert run("plans", cwd=project).returncode == 0  # unless it is excluded


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any folder")
def test_a_chmod_000_folder_is_exit_2(project: Path) -> None:
    locked = project / "plans" / "locked"
    locked.mkdir()
    (locked / "b.plan.yaml").write_text(RISKY)
    locked.chmod(0)
    try:
        one_line_error(ssi_lint("plans", cwd=project), "plans/locked", "cannot read the folder")
    finally:
        locked.chmod(0o755)


def _device(tmp_path: Path) -> Path:
    """A null device this test may write: a fresh node as root, else /dev/null (which only root could replace)."""
    if os.geteuid() != 0:
        return Path("/dev/null")
    node = tmp_path / "null"
    os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    return node


def test_a_device_is_written_in_place(project: Path, tmp_path: Path) -> None:
    device = _device(tmp_path)
    result = ssi_lint("plans", "-o", device, cwd=project)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.stat(device).st_mode)
    with atomic_writer(device, "the report") as stream:
        stream.write("x")
    assert stat.S_ISCHR(os.stat(device).st_mode)
    assert not [path for path in device.parent.glob(f".{device.name}.*")]


@pytest.mark.parametrize("option", ["-o", "--write-baseline"])
def test_a_fifo_output_is_refused_at_once(project: Path, option: str) -> None:
    os.mkfifo(project / "fifo")
    result, seconds = timed(lambda: ssi_lint("plans", option, "fifo", cwd=project, timeout=ANSWER_SECONDS * 4))
    one_line_error(result, "fifo", "it is a FIFO")
    assert seconds < ANSWER_SECONDS
    assert stat.S_ISFIFO(os.stat(project / "fifo").st_mode)


def test_a_folder_output_is_refused(project: Path) -> None:
    one_line_error(run("plans", "-o", "plans", cwd=project), "plans", "directory")
    with pytest.raises(InputError, match="it is a folder"), atomic_writer(project / "plans"):
        pass


def _cache_files(cache: Path) -> list[Path]:
    return sorted(cache.glob("rules-*.marshal"))


def test_the_rule_snapshot_is_plain_data_and_private(project: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {"SSI_LINT_CACHE_DIR": str(cache)}
    assert ssi_lint("plans", cwd=project, env=env).returncode == 0
    [entry] = _cache_files(cache)
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    assert entry.read_bytes().startswith(snapshot.MAGIC)
    assert not list(cache.glob("*.pickle")) and not list(cache.glob("*.json"))


def _rewrite(entry: Path, change: Callable[[dict[str, Any]], None], checksum: bool) -> None:
    """Change the snapshot's value; with `checksum` its CRC is made to match again."""
    raw = entry.read_bytes()
    key, value = marshal.loads(raw[len(snapshot.MAGIC) + 4 :])
    change(value)
    body = marshal.dumps((key, value))
    crc = zlib.crc32(body) if checksum else int.from_bytes(raw[len(snapshot.MAGIC) : len(snapshot.MAGIC) + 4], "big")
    entry.write_bytes(snapshot.MAGIC + crc.to_bytes(4, "big") + body)


def _plant_message(value: dict[str, Any]) -> None:
    """Every rule's message (and its parsed template) says PLANTED."""
    index = Rule.__struct_fields__.index("message")
    for _, _, rules in value["packs"]:
        rules[:] = [(*rule[:index], "PLANTED", *rule[index + 1 :]) for rule in rules]
    value["rules"] = {rule_id: (program, ("PLANTED",), *rest) for rule_id, (program, _, *rest) in value["rules"].items()}


@pytest.mark.parametrize("tamper", ["pickle", "group-writable", "checksum", "other-key"])
def test_a_planted_or_tampered_snapshot_is_not_used(project: Path, tmp_path: Path, tamper: str) -> None:
    cache = tmp_path / "cache"
    env = {"SSI_LINT_CACHE_DIR": str(cache)}
    expected = ssi_lint("plans", cwd=project, env=env)
    [entry] = _cache_files(cache)
    marker = tmp_path / "ran"
    if tamper == "pickle":  # what an attacker could plant for an old pickle cache
        import pickle

        class Payload:
            def __reduce__(self) -> tuple[object, tuple[str]]:
                return (os.system, (f"touch {marker}",))

        entry.with_suffix(".pickle").write_bytes(pickle.dumps(Payload()))
        entry.unlink()
    elif tamper == "other-key":  # a valid snapshot moved to the name of another key
        raw = entry.read_bytes()
        key, value = marshal.loads(raw[len(snapshot.MAGIC) + 4 :])
        _plant_message(value)
        body = marshal.dumps((key + "|elsewhere", value))
        entry.write_bytes(snapshot.MAGIC + zlib.crc32(body).to_bytes(4, "big") + body)
    else:
        _rewrite(entry, _plant_message, checksum=tamper == "group-writable")
        entry.chmod(0o664 if tamper == "group-writable" else 0o600)
    result = ssi_lint("plans", cwd=project, env=env)
    assert result.stdout == expected.stdout and b"PLANTED" not in result.stdout
    assert not marker.exists()


def test_the_tamper_tests_would_see_a_planted_message(project: Path, tmp_path: Path) -> None:
    """The control: a snapshot rewritten as ssi-lint writes them is used, so the tests above can fail."""
    cache = tmp_path / "cache"
    env = {"SSI_LINT_CACHE_DIR": str(cache)}
    ssi_lint("plans", cwd=project, env=env)
    [entry] = _cache_files(cache)
    _rewrite(entry, _plant_message, checksum=True)
    assert b"PLANTED" in ssi_lint("plans", cwd=project, env=env).stdout


def test_a_fresh_cache_gives_the_same_report_as_none(project: Path, tmp_path: Path) -> None:
    env = {"SSI_LINT_CACHE_DIR": str(tmp_path / "cache")}
    first = ssi_lint("plans", "--format", "json", cwd=project, env=env)
    cached = ssi_lint("plans", "--format", "json", cwd=project, env=env)
    uncached = ssi_lint("plans", "--format", "json", cwd=project, env={"SSI_LINT_NO_CACHE": "1"})
    assert first.stdout == cached.stdout == uncached.stdout


def test_inputs_are_not_modified_by_a_run(project: Path) -> None:
    (project / "plans" / "b.plan.yaml").write_text(HEALTHY)
    before = _snapshot(project)
    run("plans", "--rules", "pack.yaml", "-o", "report.txt", "--write-baseline", "b.json", cwd=project)
    after = _snapshot(project)
    assert {key: value for key, value in after.items() if key in before} == before
    assert set(after) - set(before) == {"report.txt", "b.json"}


PLAN_30_A_DAY = "version: 1\naccount: {age_days: 400}\noutreach:\n  invitations: {per_day: 30, per_week: 100}\n"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can fix another user's plan")
def test_fix_keeps_the_owner_of_a_plan_and_leaves_a_hard_linked_one_whole(tmp_path: Path) -> None:
    """As root, another user's plan stays theirs (mode 600: they can still read it); a hard-linked plan is not replaced."""
    plan = tmp_path / "o.plan.yaml"
    plan.write_text(PLAN_30_A_DAY)
    os.chown(plan, 65534, 65534)
    plan.chmod(0o600)
    os.link(plan, tmp_path / "o-link.yaml")
    before = plan.stat()
    linked = ssi_lint("check", "--fix", "o.plan.yaml", cwd=tmp_path)
    assert linked.returncode == 1 and b"not fixed: the file has 2 hard links" in linked.stderr
    assert (plan.read_text(), plan.stat().st_ino) == (PLAN_30_A_DAY, before.st_ino)
    (tmp_path / "o-link.yaml").unlink()
    assert ssi_lint("check", "--fix", "o.plan.yaml", cwd=tmp_path).returncode == 1
    after = plan.stat()
    assert plan.read_text() == PLAN_30_A_DAY.replace("per_day: 30", "per_day: 20")
    assert (after.st_uid, after.st_gid, stat.S_IMODE(after.st_mode)) == (65534, 65534, 0o600)
