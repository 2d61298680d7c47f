"""Properties every CI format shares: registered, deterministic, fine with an empty run."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ssi_lint.builtin import ssi_lint_formats

CI_FORMATS = ("concise", "json-lines", "sarif", "junit", "github", "gitlab")


def test_every_format_is_registered() -> None:
    assert set(CI_FORMATS) | {"text", "json"} <= set(ssi_lint_formats())


def test_formats_are_imported_only_when_used() -> None:
    code = "import sys, ssi_lint.builtin as b; b.ssi_lint_formats(); print(sorted(m for m in sys.modules if m.startswith('ssi_lint.formatters.')))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    for module in ("concise", "jsonlines", "sarif", "junit", "github", "gitlab", "ci"):
        assert f"ssi_lint.formatters.{module}'" not in loaded


@pytest.mark.parametrize("name", CI_FORMATS)
def test_same_input_gives_the_same_bytes(render, name: str) -> None:
    assert render(name).encode() == render(name).encode()


@pytest.mark.parametrize("name", CI_FORMATS)
def test_an_empty_run_is_well_formed(render, name: str) -> None:
    out = render(name, [])
    assert out.endswith("\n") or out == ""


@pytest.mark.parametrize("name", ("json-lines", "sarif", "junit", "github", "gitlab"))
def test_machine_formats_ignore_color(render, name: str) -> None:
    assert render(name, color=True) == render(name, color=False)
    assert "\033[" not in render(name, color=True)
