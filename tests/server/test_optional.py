"""pygls is optional: the command line never imports it, and `ssi-lint server` says how to get it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # whole processes, with and without pygls

EXAMPLES = Path(__file__).parents[2] / "examples"


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)


def test_the_command_line_does_not_import_the_language_server() -> None:
    code = (
        "import sys\n"
        "import ssi_lint.cli\n"
        "from click.testing import CliRunner\n"
        f"CliRunner().invoke(ssi_lint.cli.main, ['check', {str(EXAMPLES / 'risky.plan.yaml')!r}, '--diff'])\n"
        "loaded = sorted(name for name in sys.modules if name.split('.')[0] in ('pygls', 'lsprotocol') or name.startswith('ssi_lint.server'))\n"
        "print(loaded)\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_server_without_pygls_is_one_error_line() -> None:
    code = "import sys\nsys.modules['pygls'] = None\nfrom ssi_lint.cli import main\nmain(['server'])\n"
    result = run_python(code)
    assert result.returncode == 2
    assert result.stderr.startswith("ssi-lint: error: the language server needs pygls")
    assert "pip install 'ssi-lint[lsp]'" in result.stderr
    assert "Traceback" not in result.stderr
