"""`ssi-lint server`: the language server on standard input and output."""

from __future__ import annotations

import sys

import click

from ssi_lint.commands.options import fail, handle_errors
from ssi_lint.output_guard import stdout_closed


@click.command("server")
@click.option("--debug", is_flag=True, help="Show a traceback on internal errors.")
@handle_errors
def command(debug: bool) -> None:
    """Run the language server on standard input and output (needs `pip install 'ssi-lint[lsp]'`)."""
    try:
        from ssi_lint.server.protocol import serve
    except ImportError as exc:
        fail(f"the language server needs pygls ({exc}); install it with `pip install 'ssi-lint[lsp]'`")
    if stdout_closed(sys.stdout):
        fail("the language server answers on standard output, which is closed")
    sys.exit(serve())
