"""How long one glob match takes on a hostile pattern, by file-name length.

    python benchmarks/globs.py

Times `ssi_lint.globs.matches` (pathspec on RE2) for the pattern
`*a*a*a*a*a*a*a*a*a*a*b` against names of `a`s, the worst case of a
backtracking matcher, and, for comparison, the same pattern through Python's
`re` (pathspec's default backend, the engine hand-written glob code used) on
short names only, since longer ones take minutes. Prints the median of 5 runs
in milliseconds.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

PATTERN = "*a*a*a*a*a*a*a*a*a*a*b"
ROOT = Path("/bench")


def _median_ms(function: object, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Print one line per engine and name length."""
    import pathspec

    from ssi_lint.globs import compile_globs, matches

    compile_globs((PATTERN,))
    for length in (20, 40, 255, 5000):
        name = "a" * length
        took = _median_ms(lambda name=name: matches((PATTERN,), ROOT / name, ROOT))
        print(f"ssi-lint (RE2)        {length:>5} chars  {took:10.3f} ms")
    backtracking = pathspec.GitIgnoreSpec.from_lines([PATTERN], backend="simple")
    for length in (20, 25, 30):
        name = "a" * length
        took = _median_ms(lambda name=name: backtracking.match_file(name), runs=1)
        print(f"Python re (backtracks) {length:>4} chars  {took:10.3f} ms")


if __name__ == "__main__":
    main()
