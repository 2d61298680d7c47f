"""Fixtures of the plugin's tests: linters with and without the plugin, loaded by module name.

The plugin's source folder and this folder go on sys.path, so the tests run
whether or not the distribution is installed and whichever pytest
configuration collects them. Every test sets SSI_LINT_DISABLE_PLUGIN_AUTOLOAD=1,
so an installed copy of the plugin never changes a result; the slow tests
install it for real into a separate virtual environment.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

_HERE = Path(__file__).resolve().parent
for _path in (str(_HERE.parent), str(_HERE)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from snav_helpers import PLUGIN, options  # noqa: E402

from ssi_lint.api import Linter  # noqa: E402
from ssi_lint.plugins import AUTOLOAD_ENV  # noqa: E402


@pytest.fixture(autouse=True)
def _no_autoload(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(AUTOLOAD_ENV, "1")


@pytest.fixture(scope="session")
def snav() -> Linter:
    """ssi-lint with the built-ins and this plugin, running the plugin's rules and the loader and schema checks."""
    return Linter(options(PLUGIN, select=("SNV", "SCHEMA", "LOAD")))


@pytest.fixture(scope="session")
def core() -> Linter:
    """ssi-lint with the built-ins only, running the loader and schema checks."""
    return Linter(options(select=("SCHEMA", "LOAD")))
