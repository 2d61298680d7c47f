"""The server's exit status, as the LSP's `exit` notification says: 0 after `shutdown`, else 1."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow  # a real `ssi-lint server` process per module, driven over stdio


def _message(payload: dict[str, object]) -> bytes:
    body = json.dumps(payload).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _session(*methods: str) -> subprocess.CompletedProcess[bytes]:
    """Run `ssi-lint server` through initialize, initialized, then `methods` (requests get ids)."""
    messages = [{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None, "capabilities": {}}},
                {"jsonrpc": "2.0", "method": "initialized", "params": {}}]
    for number, method in enumerate(methods, start=2):
        messages.append({"jsonrpc": "2.0", "id": number, "method": method} if method == "shutdown" else {"jsonrpc": "2.0", "method": method})
    return subprocess.run([sys.executable, "-m", "ssi_lint", "server"], input=b"".join(map(_message, messages)),
                          capture_output=True, timeout=60, check=False)


@pytest.mark.parametrize(("methods", "status"), [(("shutdown", "exit"), 0), (("exit",), 1), ((), 1)])
def test_the_exit_status_says_whether_shutdown_came_first(methods: tuple[str, ...], status: int) -> None:
    outcome = _session(*methods)
    assert outcome.returncode == status, outcome.stderr
    assert b"Traceback" not in outcome.stderr
    if "shutdown" in methods:
        assert b'"result": null' in outcome.stdout  # the shutdown was answered
