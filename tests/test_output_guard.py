"""output_guard: outputs are compared with inputs as files, whatever the spelling; standard output fails in one line."""

from __future__ import annotations

import errno
import io
import os
import sys
from pathlib import Path

import pytest

from ssi_lint.errors import InputError, OutputError
from ssi_lint.output_guard import STDOUT_CLOSED, ClosedOutput, PipeSafe, guarded_stdout, refuse_inputs_as_outputs, stdout_closed


def test_the_same_file_under_other_names_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = tmp_path / "a.plan.yaml"
    plan.write_text("version: 1\n")
    (tmp_path / "link").symlink_to(plan)
    os.link(plan, tmp_path / "hard")
    monkeypatch.chdir(tmp_path)
    for name in ("a.plan.yaml", "./a.plan.yaml", str(plan), "link", "hard", f"../{tmp_path.name}/a.plan.yaml"):
        with pytest.raises(InputError, match=r"is the plan .*refusing to overwrite it"):
            refuse_inputs_as_outputs({"-o": Path(name)}, [("the plan", plan)])


def test_new_and_other_files_pass(tmp_path: Path) -> None:
    plan = tmp_path / "a.plan.yaml"
    plan.write_text("version: 1\n")
    (tmp_path / "other").write_text("")
    refuse_inputs_as_outputs({"-o": tmp_path / "other", "--write-baseline": tmp_path / "new.json"}, [("the plan", plan)])
    refuse_inputs_as_outputs({"-o": None}, [("the plan", plan)])


def test_two_outputs_naming_one_new_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="the same file"):
        refuse_inputs_as_outputs({"-o": tmp_path / "x", "--write-baseline": tmp_path / "sub" / ".." / "x"}, [])


# --- through `check`: every configuration file the run reads is an input ---------------------------------------------

RISKY = Path(__file__).resolve().parents[1] / "examples" / "risky.plan.yaml"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with a folder configured by `.ssi-lint.yaml`, one by `pyproject.toml`, and a shared file both extend."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "base.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    (tmp_path / "shared" / "mid.yaml").write_text("extend: base.toml\n", encoding="utf-8")
    (tmp_path / "pack.yaml").write_text((Path(__file__).parent / "test_cli.py").read_text().split('PACK = """\\\n')[1].split('"""')[0])
    for folder, name, text in (
        ("client", ".ssi-lint.yaml", "select: [OUT001]\nextend: ../shared/mid.yaml\n"),
        ("c2", "pyproject.toml", '[tool.ssi-lint]\nselect = ["OUT001"]\nrules = ["../pack.yaml"]\n'),
    ):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_text(text, encoding="utf-8")
        (tmp_path / folder / "a.plan.yaml").write_bytes(RISKY.read_bytes())
    return tmp_path


@pytest.mark.parametrize(("args", "option", "what"), [
    (("--format", "concise", "-o", "client/.ssi-lint.yaml", "client"), "--output-file client/.ssi-lint.yaml", "the configuration"),
    (("--write-baseline", "client/.ssi-lint.yaml", "client"), "--write-baseline client/.ssi-lint.yaml", "the configuration"),
    (("--report", "json:c2/pyproject.toml", "c2"), "--report json:c2/pyproject.toml", "the configuration"),
    (("-o", "shared/mid.yaml", "client"), "--output-file shared/mid.yaml", "the configuration"),
    (("--report", "sarif:shared/base.toml", "client", "c2"), "--report sarif:shared/base.toml", "the configuration"),
    (("--write-baseline", "pack.yaml", "c2"), "--write-baseline pack.yaml", "the rule pack"),
    (("-o", "c2/a.plan.yaml", "c2"), "--output-file c2/a.plan.yaml", "the plan"),
], ids=["output-over-a-folder-config", "baseline-over-a-folder-config", "report-over-a-pyproject", "over-an-extended-file",
        "over-a-file-extended-twice", "over-a-folder-config-pack", "over-a-plan"])
def test_check_refuses_to_overwrite_what_it_reads(tree: Path, args: tuple[str, ...], option: str, what: str) -> None:
    from click.testing import CliRunner

    from ssi_lint.cli import main

    before = {path: path.read_bytes() for path in tree.rglob("*") if path.is_file()}
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"ssi-lint: error: {option}: is {what} ") and line.endswith("which this run reads; refusing to overwrite it")
    assert {path: path.read_bytes() for path in tree.rglob("*") if path.is_file()} == before
    assert CliRunner().invoke(main, ["client", "c2"]).exit_code == 1  # every configuration still reads


def test_a_folder_whose_files_its_configuration_excludes_keeps_its_configuration(tree: Path) -> None:
    """Discovery read that folder's configuration (to leave its files out): a report must not replace it either."""
    from click.testing import CliRunner

    from ssi_lint.cli import main

    (tree / "quiet").mkdir()
    (tree / "quiet" / ".ssi-lint.yaml").write_text('extend-exclude: ["*.plan.yaml"]\n', encoding="utf-8")
    (tree / "quiet" / "b.plan.yaml").write_bytes(RISKY.read_bytes())
    before = (tree / "quiet" / ".ssi-lint.yaml").read_bytes()
    result = CliRunner().invoke(main, ["-o", "quiet/.ssi-lint.yaml", "."], catch_exceptions=False)
    assert result.exit_code == 2 and "is the configuration" in result.stderr
    assert (tree / "quiet" / ".ssi-lint.yaml").read_bytes() == before


class Full(io.RawIOBase):
    """A device that takes nothing: /dev/full."""

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_is_an_output_error_on_write_and_on_flush() -> None:
    stream = PipeSafe(io.TextIOWrapper(io.BufferedWriter(Full(), buffer_size=8), encoding="utf-8"))
    with pytest.raises(OutputError, match="^cannot write the report: no space left on device$"):
        stream.write("x" * 100)
        stream.flush()
    with pytest.raises(OutputError, match="no space left on device"):
        stream.buffer.write(b"x" * 100)


def test_a_closed_stream_has_nothing_to_flush() -> None:
    inner = io.StringIO()
    inner.close()
    PipeSafe(inner).flush()


def test_a_missing_standard_output_refuses_text_only() -> None:
    closed = ClosedOutput()
    assert closed.write("") == 0 and not closed.isatty() and stdout_closed(closed) and stdout_closed(None)
    with pytest.raises(OutputError, match=f"^{STDOUT_CLOSED}$"):
        closed.write("text")
    with pytest.raises(TypeError):  # a stream of text, as click expects
        closed.write(b"")  # type: ignore[arg-type]


def test_standard_output_is_guarded_while_the_block_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    original = io.StringIO()
    monkeypatch.setattr(sys, "stdout", original)
    with guarded_stdout() as guarded:
        assert sys.stdout is guarded and isinstance(guarded, PipeSafe)
        print("kept")
    assert sys.stdout is original and original.getvalue() == "kept\n"
    monkeypatch.setattr(sys, "stdout", None)
    with guarded_stdout() as guarded:
        assert isinstance(sys.stdout, ClosedOutput)
    assert sys.stdout is None
