"""Shared test setup: the core suite runs with only the built-in plugin.

Entry-point autoloading is turned off for the whole session, so plugins
installed in the developer's environment cannot change the results; plugin
tests opt back in.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Keep compiled bytecode even where PYTHONDONTWRITEBYTECODE is set: pytest then caches its assertion
# rewrites of the test modules (re-doing them took about 6 s of every run), and the package's modules,
# compiled once here, serve the many `python -m ssi_lint` processes the tests start.
sys.dont_write_bytecode = False

# Property tests check results, not time: a busy machine (parallel workers, CI) must not fail an example for
# taking longer than Hypothesis's default 200 ms. Speed is measured by benchmarks/run.py.
settings.register_profile("ssi-lint", deadline=None)
settings.load_profile("ssi-lint")


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


def assert_golden(path: Path, actual: str) -> None:
    """Compare `actual` with a golden file, or rewrite the file when SSI_LINT_UPDATE_GOLDEN=1."""
    if os.environ.get("SSI_LINT_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
    assert path.is_file(), f"missing golden file {path}; run with SSI_LINT_UPDATE_GOLDEN=1"
    assert actual == path.read_bytes().decode("utf-8"), f"{path.name} differs from its golden file; run with SSI_LINT_UPDATE_GOLDEN=1 to update"


@pytest.fixture
def golden_file() -> Callable[[Path, str], None]:
    """`golden_file(path, actual)`: assert_golden for conftest files of subfolders."""
    return assert_golden


@pytest.fixture
def golden() -> Callable[[str, str], None]:
    """`golden(name, actual)`: compare with tests/golden/<name> (conftest cannot be imported in importlib mode)."""
    folder = Path(__file__).parent / "golden"
    return lambda name, actual: assert_golden(folder / name, actual)
