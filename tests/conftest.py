"""Shared test setup: the core suite runs with only the built-in plugin.

Entry-point autoloading is turned off so that plugins installed in the
developer's environment cannot change the results; plugin tests opt in.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_plugin_autoload(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSI_LINT_DISABLE_PLUGIN_AUTOLOAD", "1")
