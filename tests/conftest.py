"""Shared test setup: the core suite runs with only the built-in plugin.

Entry-point autoloading is turned off for the whole session, so plugins
installed in the developer's environment cannot change the results; plugin
tests opt back in.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="session")
def _no_plugin_autoload() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SSI_LINT_DISABLE_PLUGIN_AUTOLOAD", "1")
        yield
