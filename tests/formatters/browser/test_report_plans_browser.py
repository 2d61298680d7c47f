"""What particular plans' HTML reports show in a real browser (Debian's chromium through Playwright).

Each test writes a plan (and a configuration when it needs one), builds its
report with the command line, and reads what chromium renders: the text as a
reader sees it, and where the charts' marks fall.

Marked slow (the browser's start); CI runs them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ssi_lint.cli import main

pytestmark = pytest.mark.slow

Opened = Callable[..., Any]


@pytest.fixture
def report(browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Opened]:
    """`report(plan_text, config=None, *options)`: the plan's HTML report opened in a fresh page."""
    contexts: list[Any] = []
    monkeypatch.chdir(tmp_path)

    def open_report(plan: str, config: str | None = None, *options: str) -> Any:
        (tmp_path / "plan.plan.yaml").write_text(plan, encoding="utf-8")
        if config is not None:
            (tmp_path / ".ssi-lint.yaml").write_text(config, encoding="utf-8")
        out = tmp_path / "report.html"
        CliRunner().invoke(main, ["--format", "html", "-o", str(out), *options, "plan.plan.yaml"], catch_exceptions=False)
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.goto(out.as_uri())
        return page

    yield open_report
    for context in contexts:
        context.close()


def test_a_bidi_override_in_plan_text_is_shown_as_an_escape(report: Opened) -> None:
    page = report('version: 1\nads:\n  campaigns:\n    - name: "Spring \u202e"\n      daily_budget: 5\n      bidding: {currency: USD}\n')
    message = page.locator("p.message").first.inner_text()
    assert message.startswith('Campaign "Spring \\u202e" ') and "\u202e" not in message
    source = page.locator(".source-table").inner_text()
    assert 'name: "Spring \\u202e"' in source and "\u202e" not in source
