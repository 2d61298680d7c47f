"""A real browser for the HTML report tests: Debian's chromium, driven by Playwright.

Playwright's own browser download is not reachable here, so the session
uses the system's `chromium` (or the binary `SSI_LINT_CHROMIUM` names). When
it is missing and the tests run as root on a Debian-like system, it is
installed with apt-get, so that one test command works on a fresh machine;
otherwise the tests fail with the command to run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

PACKAGES = ("chromium", "fonts-dejavu-core")
"""Debian's browser, and a font so that screenshots show text."""


def find_chromium() -> str | None:
    """The Chromium binary to drive: `SSI_LINT_CHROMIUM`, else `chromium` on PATH."""
    named = os.environ.get("SSI_LINT_CHROMIUM")
    if named:
        return named
    return shutil.which("chromium") or shutil.which("chromium-browser")


def install_chromium() -> str:
    """Install Debian's chromium with apt-get (root only) and return its path; fail the tests otherwise."""
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.fail(
            "the browser tests need Chromium: install Debian's package (`sudo apt-get install -y chromium`) "
            "or set SSI_LINT_CHROMIUM to a Chromium binary",
            pytrace=False,
        )
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    lock = ("-o", "DPkg::Lock::Timeout=600")
    for command in (["apt-get", *lock, "update", "-qq"], ["apt-get", *lock, "install", "-y", "-qq", "--no-install-recommends", *PACKAGES]):
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            pytest.fail(f"`{' '.join(command)}` failed (status {done.returncode}): {' | '.join(tail)}", pytrace=False)
    found = find_chromium()
    if found is None:
        pytest.fail("apt-get installed chromium, but no `chromium` binary is on PATH", pytrace=False)
    return found


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The path of a Chromium binary, installed first when missing (as root)."""
    return find_chromium() or install_chromium()


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Any]:
    """A headless Chromium launched by Playwright through `executable_path`."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path, headless=True)
        try:
            yield launched
        finally:
            launched.close()
