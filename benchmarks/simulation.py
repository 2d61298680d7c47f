"""The cost of the outreach projection per plan: the `simulation` fact alone, and a whole lint of the same plan.

    python benchmarks/simulation.py              # 200 generated plans, 5 rounds
    python benchmarks/simulation.py --plans 500 --rounds 7

The plans are the ones `benchmarks/run.py` generates (~150 lines each, varied
volumes, backlogs and schedules). It prints the median time per plan of the
fact (`ssi_lint.simulation.fact.simulation`) and of `Linter.check_data` (all
rules and facts, the projection included), and the fact's share of it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import plan_text  # noqa: E402  (the benchmark suite's plan generator)

from ssi_lint.api import Linter  # noqa: E402
from ssi_lint.simulation.fact import simulation  # noqa: E402


def per_plan(function: object, plans: list[dict], rounds: int) -> float:
    """The median over rounds of the mean seconds per plan."""
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        for plan in plans:
            function(plan)  # type: ignore[operator]
        timings.append((time.perf_counter() - start) / len(plans))
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    plans = [yaml.safe_load(plan_text(seed)) for seed in range(args.plans)]
    linter = Linter()
    simulation(plans[0])  # load the model once, as a real run does
    fact = per_plan(simulation, plans, args.rounds)
    lint = per_plan(linter.check_data, plans, args.rounds)
    print(f"{args.plans} plans, median of {args.rounds} rounds")
    print(f"  simulation fact : {fact * 1e6:8.0f} us per plan")
    print(f"  whole rule run  : {lint * 1e6:8.0f} us per plan (the projection included)")
    print(f"  projection share: {fact / lint:8.0%}")


if __name__ == "__main__":
    main()
