"""How command-line values become a check run: formats, colour, standard streams and contradictions."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from ssi_lint.errors import InputError, OutputError
from ssi_lint.invocation import check_run, loader_options, split

DEFAULTS: dict[str, Any] = {
    "output_file": None, "fix": False, "diff": False, "stdin_filename": None, "select": (), "ignore": (), "fail_on": None,
    "rule_packs": (), "statistics": False, "reports": (), "show_ssi": None, "output_format": None, "exit_zero": False,
    "against": None, "baseline": None, "write_baseline": None, "disabled_plugins": (), "plugins": (), "color": "auto",
    "jobs": None,
}


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _in_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)


def run_for(stdout: Any = None, environ: dict[str, str] | None = None, **options: Any) -> Any:
    stdout = io.StringIO() if stdout is None else stdout
    return check_run((Path("plans"),), None, {**DEFAULTS, **options}, None, stdout, io.StringIO(), environ or {})[0]


def test_github_actions_defaults_to_annotations_unless_statistics_are_asked_for() -> None:
    assert run_for(environ={"GITHUB_ACTIONS": "true"}).output_format == "github"
    assert run_for(environ={"GITHUB_ACTIONS": "true"}, statistics=True).output_format == "text"
    assert run_for().output_format == "text"


def test_the_ssi_chart_shows_on_a_terminal_or_when_asked() -> None:
    assert run_for(stdout=Terminal()).show_ssi is True
    assert run_for().show_ssi is False
    assert run_for(show_ssi=True).show_ssi is True


def test_contradictions_and_a_closed_stdout_are_errors() -> None:
    with pytest.raises(InputError, match="--fix and --diff"):
        run_for(fix=True, diff=True)
    with pytest.raises(OutputError, match="standard output is closed"):
        check_run((Path("plans"),), None, DEFAULTS, None, None, io.StringIO(), {})


def test_option_values() -> None:
    assert split(("OUT,PRF", " SSI ")) == ("OUT", "PRF", "SSI")
    assert loader_options({"as_of": "2026-11-30", "extra_loader_options": ("window = 14",)}) == {"as_of": "2026-11-30", "window": "14"}
    with pytest.raises(InputError, match="KEY=VALUE"):
        loader_options({"extra_loader_options": ("nothing",)})
