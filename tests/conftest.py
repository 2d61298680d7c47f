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


@pytest.fixture(autouse=True, scope="session")
def _private_rule_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Compiled rule packs are cached in a folder of this session, never the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SSI_LINT_CACHE_DIR", str(tmp_path_factory.mktemp("rule-cache")))
        yield
