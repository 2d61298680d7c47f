"""The `ssi-lint` console script: the click command line, started without garbage collection.

Start-up creates many long-lived objects (modules, classes, compiled rules)
and no garbage worth a collection; `ssi_lint.app` freezes them and turns
collection back on before the first file is checked.
"""

from __future__ import annotations

import gc
from typing import Any


def main() -> Any:
    """Run `ssi-lint`."""
    gc.disable()
    try:
        from ssi_lint.cli import main as command

        return command()
    finally:
        gc.enable()
