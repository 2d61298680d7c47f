"""Fuzzed export archives: whatever the bytes, loading and linting end in findings, never an exception.

Each example starts from the standard export and damages it: files dropped,
renamed, truncated, re-encoded, bytes flipped or inserted, dates replaced by
any date from year 1 to 9999, and the ZIP itself flipped; as a ZIP (stored
or deflated) or an extracted folder, under a random `--as-of` and window.
The default run is short; the long run raises the number of examples:

    SSI_LINT_FUZZ_EXAMPLES=100000 python -m pytest plugins/ssi-lint-linkedin-export/tests/test_export_fuzz.py -p no:cacheprovider
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ssi_lint.api import Linter, LintOptions
from ssi_lint.errors import ConfigError
from ssi_lint.plugins import PluginSettings
from ssi_lint_linkedin_export.loader import load_export, settings_from_options

PLUGIN = "ssi_lint_linkedin_export.plugin"
CODES = {"EXP001", "EXP002", "EXP003", "EXP004", "EXP005", "EXP006", "EXP007", "EXP008", "EXP009", "EXP010"}
FUZZ = settings(
    max_examples=int(os.environ.get("SSI_LINT_FUZZ_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
NAME = "Basic_LinkedInDataExport_02-09-2026"
SNIPPETS = [b'"', b"\n", b"\r", b"\r\n", b",", b"\t", b";", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b'""', b"\xe9",
            b"1/29/26, 2:37 PM", b"OUTGOING", b"INCOMING", b"9999-12-31 23:59:59", b"0001-01-01", b"Feb 30, 2026"]


def _files(kit) -> dict[str, bytes]:
    return dict(kit.standard_export().files)


def _damage(data: bytes, draw) -> bytes:
    operation = draw(st.sampled_from(["keep", "truncate", "flip", "insert", "date", "utf16", "repeat"]))
    if operation == "keep" or not data:
        return data
    at = draw(st.integers(0, len(data)))
    if operation == "truncate":
        return data[:at]
    if operation == "flip":
        return data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
    if operation == "insert":
        piece = draw(st.one_of(st.sampled_from(SNIPPETS), st.binary(max_size=40)))
        return data[:at] + piece + data[at:]
    if operation == "date":
        day = draw(st.dates(date(1, 1, 1), date(9999, 12, 31)))
        text = draw(st.sampled_from([f"{day.isoformat()} 10:00:00", f"{day.month}/{day.day}/{day.year}, 9:00 AM",
                                     f"{day.day:02d} Feb {day.year}", f"{day.year:04d}/{day.month:02d}/{day.day:02d} 10:00:00 UTC"]))
        line_start = data.rfind(b"\n", 0, at) + 1
        return data[:line_start] + text.encode() + b"," + data[line_start:]
    if operation == "utf16":
        return data.decode("utf-8", "replace").encode(draw(st.sampled_from(["utf-16", "utf-16-le", "cp1252"])), "replace")
    return data[:at] + data[at:at + 200] * draw(st.integers(1, 50)) + data[at:]


def _rename(name: str, draw) -> str:
    style = draw(st.sampled_from(["same", "same", "upper", "spaces", "numbered", "folder", "weird"]))
    if style == "upper":
        return name.upper()
    if style == "spaces":
        return name.replace("_", " ")
    if style == "numbered":
        return name.replace(".csv", f"_{draw(st.integers(0, 20))}.csv")
    if style == "folder":
        return f"{NAME}/{name}"
    if style == "weird":
        return draw(st.sampled_from(["\u202e", "\x1b[31m", "é", "../", "\x7f"])) + name
    return name


@st.composite
def exports(draw, kit) -> tuple[dict[str, bytes], str, bool, dict[str, str]]:
    files = {}
    for name, data in sorted(_files(kit).items()):
        if draw(st.integers(0, 9)) == 0:
            continue  # dropped
        files[_rename(name, draw)] = _damage(data, draw)
    container = draw(st.sampled_from(["deflated", "deflated", "stored", "folder"]))
    flip_zip = container != "folder" and draw(st.integers(0, 4)) == 0
    options: dict[str, str] = {}
    if draw(st.booleans()):
        options["as_of"] = draw(st.dates(date(1900, 1, 1), date(2100, 12, 31))).isoformat()
    if draw(st.booleans()):
        options["window"] = str(draw(st.integers(1, 3660)))
    return files, container, flip_zip, options


def _write(files: dict[str, bytes], container: str, flip_zip: bool, directory: Path, draw_position: int) -> Path:
    if container == "folder":
        root = directory / NAME
        for name, data in files.items():
            if ".." in name or name.startswith("\x1b"):
                name = name.replace("..", "__").replace("\x1b", "_")
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        root.mkdir(parents=True, exist_ok=True)
        return root
    buffer = io.BytesIO()
    method = zipfile.ZIP_DEFLATED if container == "deflated" else zipfile.ZIP_STORED
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    raw = bytearray(buffer.getvalue())
    if flip_zip and raw:
        raw[draw_position % len(raw)] ^= 0x5A
    path = directory / f"{NAME}.zip"
    path.write_bytes(bytes(raw))
    return path


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter(LintOptions(plugins=PluginSettings((PLUGIN,), autoload=False)))


@pytest.mark.slow  # a property or fuzz run: the full suite (CI) runs it
@FUZZ
@given(data=st.data())
def test_fuzzed_exports_give_findings_never_exceptions(kit, linter: Linter, data: st.DataObject) -> None:
    files, container, flip_zip, options = data.draw(exports(kit))
    position = data.draw(st.integers(0, 1 << 20))
    directory = Path(tempfile.mkdtemp(prefix="ssi-export-fuzz-"))
    try:
        path = _write(files, container, flip_zip, directory, position)
        try:
            settings_ = settings_from_options(options)
            document = load_export(path, "fuzz.zip", settings_)
        except ConfigError:  # a malformed option, or --as-of after the day the export was made
            return
        if document is None:
            return  # no longer recognisable as an export: the YAML loader's business
        for problem in document.problems:
            assert problem.code in CODES and problem.position.line >= 1
            problem.message.encode("utf-8")
            (problem.file or "").encode("utf-8")
        if document.data is not None:
            result = linter.check_document(document)
            for finding in result.findings:
                finding.message.encode("utf-8")
                finding.file.encode("utf-8")
    finally:
        shutil.rmtree(directory, ignore_errors=True)
