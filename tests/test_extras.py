"""The extras that install first-party plugins beside the core name the plugins' own distributions."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(("extra", "folder"), [
    ("sales-navigator", "ssi-lint-sales-navigator"),
    ("linkedin-export", "ssi-lint-linkedin-export"),
])
def test_extra_names_the_plugin_distribution(extra: str, folder: str) -> None:
    core = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    plugin = tomllib.loads((ROOT / "plugins" / folder / "pyproject.toml").read_text())["project"]
    [requirement] = core["optional-dependencies"][extra]
    assert re.split(r"[<>=!~ \[]", requirement, maxsplit=1)[0] == plugin["name"]
    assert any(dependency.startswith("ssi-lint") for dependency in plugin["dependencies"])


def test_the_readme_install_line_names_every_plugin_folder() -> None:
    readme = (ROOT / "README.md").read_text()
    line = next(line for line in readme.splitlines() if "pip install" in line and "plugins/ssi-lint-sales-navigator" in line)
    assert "plugins/ssi-lint-linkedin-export" in line and re.search(r"pip install [^ ]*'?\.(\[[a-z,-]+\])?'? ", line)
