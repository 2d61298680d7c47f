"""Every output format writes a file name that is not UTF-8 (and one with control characters) without failing.

On POSIX such a name reaches Python with lone surrogates (`\\udcff`), which no
UTF-8 stream can encode as they are: each format escapes them (`\\udcff`, or
percent-encoded bytes in a SARIF URI), to standard output, to `-o` and to a
`--report` alike.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from ssi_lint.builtin import ssi_lint_formats
from ssi_lint.cli import main

RISKY = Path(__file__).resolve().parents[2] / "examples" / "risky.plan.yaml"
FORMATS = sorted(ssi_lint_formats())
FOLDER = os.fsdecode(b"\xff\xfe")
"""A folder name that is not UTF-8: `\\udcff\\udcfe` once decoded."""

pytestmark = pytest.mark.skipif(sys.platform == "win32" or sys.getfilesystemencoding() != "utf-8", reason="POSIX byte names")


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    try:
        (tmp_path / FOLDER).mkdir()
    except (OSError, UnicodeEncodeError):  # pragma: no cover - a file system that refuses such names
        pytest.skip("the file system refuses names that are not UTF-8")
    (tmp_path / FOLDER / "d.plan.yaml").write_bytes(RISKY.read_bytes())
    (tmp_path / FOLDER / "\x1b[31mred\u202e.plan.yaml").write_bytes(RISKY.read_bytes())
    (tmp_path / "out").mkdir()
    return tmp_path


def _escaped(text: str) -> None:
    """No raw surrogate, escape sequence or bidi override got through, and the name is still recognisable."""
    assert not any(0xD800 <= ord(char) <= 0xDFFF for char in text)
    assert "udcff" in text or "%FF%FE" in text


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_to_a_file(tree: Path, name: str) -> None:
    result = invoke("check", "--format", name, "-o", "out/report", "--select", "OUT001", "--", ".")
    assert result.exit_code == 1, result.stderr
    _escaped((tree / "out" / "report").read_bytes().decode("utf-8"))


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_to_standard_output(tree: Path, name: str) -> None:
    result = invoke("check", "--format", name, "--select", "OUT001", "--", ".")
    assert result.exit_code == 1, result.stderr
    _escaped(result.stdout_bytes.decode("utf-8"))


def test_every_format_as_reports_of_one_run(tree: Path) -> None:
    """The reviewer's run: GitHub annotations on standard output, and a SARIF and a Markdown report."""
    reports = [arg for name in FORMATS if name != "github" for arg in ("--report", f"{name}:out/{name}")]
    result = invoke("check", "--format", "github", *reports, "--select", "OUT001", "--", ".")
    assert result.exit_code == 1, result.stderr
    assert result.stderr == ""
    for name in FORMATS:
        if name != "github":
            _escaped((tree / "out" / name).read_bytes().decode("utf-8"))


@pytest.mark.parametrize("name", ["text", "concise", "markdown"])
def test_human_formats_escape_control_characters_in_a_name(tree: Path, name: str) -> None:
    out = invoke("check", "--format", name, "--select", "OUT001", "--", ".").stdout
    assert "\x1b" not in out and "\u202e" not in out
    assert "x1b" in out and "u202e" in out


def test_markdown_escapes_a_name_as_text_does(tree: Path) -> None:
    out = invoke("check", "--format", "markdown", "--select", "OUT001", "--", ".").stdout
    assert "#### \\\\udcff\\\\udcfe/d.plan.yaml" in out  # `\udcff` shown, its backslash escaped for Markdown
