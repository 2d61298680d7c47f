"""Whole-process benchmarks of ssi-lint against a baseline measured in the same run.

    python benchmarks/run.py                 # 1 and 1,000 plans, 7 runs each
    python benchmarks/run.py --sizes 1,1000,10000 --runs 5
    python benchmarks/run.py --instructions --sizes 1,100   # instructions executed, under valgrind

For each size it generates realistic plans (~150 lines each), then times whole
processes, interleaved run by run so that machine noise hits every command
alike: `python -c pass` (interpreter start-up), the floor (a Python process that
only `yaml.load`s every file with CSafeLoader), ssi-lint (and, for more than one
plan, `ssi-lint -j 1`, a single process, and the floor's loads shared among
one forked process per core, whose speed-up over the floor is what the machine
gives parallel work), and yamllint and check-jsonschema with
the plan schema when they are installed (`pip install -e '.[bench]'`). It prints
medians, min-max, CPU seconds (user + system, workers included), peak memory
(RSS), ratios, the machine's load average, and whether the targets are met:
by the ratio of the medians and by the paired ratio (the median of each
round's own ratio) alike.
ssi-lint's rule cache lives in the run's own folder, warmed by the first run,
so that other processes cannot evict it. Every command runs in that folder,
as in a project of plans: run from this repository, ssi-lint would also read
the repository's pyproject.toml, which names it.

On a shared machine wall times swing with what else runs. `--instructions`
counts the instructions each command executes instead (valgrind's callgrind,
every process of the command included): the same for the same code and
inputs however busy the machine is, about 50 times slower to measure, and
blind to what parallel workers save in wall time (for more than one plan only
the single-process runs are counted: valgrind counts a forked worker's
instructions from its parent's start).
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
_LOADS = (
    "for name in names:\n"
    "    with open(name, 'rb') as handle:\n"
    "        yaml.load(handle, Loader=yaml.CSafeLoader)\n"
)
"""The floor's work: `yaml.load` every file in `names`."""
FLOOR = "import sys, yaml\nnames = sys.argv[1:]\n" + _LOADS
FLOOR_PARALLEL = (
    "import os, sys, yaml\n"
    "cores, names = int(sys.argv[1]), sys.argv[2:]\n"
    "for core in range(cores):\n"
    "    if os.fork() == 0:\n"
    "        names = names[core::cores]\n"
    "        break\n"
    "else:\n"
    "    for _ in range(cores):\n"
    "        os.wait()\n"
    "    sys.exit()\n"
) + _LOADS
"""The floor's loads shared among forked processes, one per core: what the machine gives the floor's work in parallel."""
FLOOR_NAME = "floor (yaml.load, CSafeLoader)"
PARALLEL_FLOOR_NAME = "floor, one process per core"


def plan_text(seed: int) -> str:
    """A realistic plan of about 150 lines, varied by seed."""
    rng = random.Random(seed)
    campaigns = "".join(
        f"""    - name: Campaign {index} for segment {rng.randint(1, 99)}
      objective: {rng.choice(["lead_generation", "website_visits", "brand_awareness", "engagement"])}
      format: {rng.choice(["single_image", "carousel", "video", "text"])}
      bidding:
        strategy: manual
        charge: {rng.choice(["cpc", "cpm"])}
        bid: {rng.choice([1.5, 2.5, 3.75, 6.0])}
        currency: USD
      daily_budget: {rng.choice([8, 25, 50, 120])}
      audience_size: {rng.choice([250, 30000, 80000, 250000])}
      offer:
        kind: {rng.choice(["digital", "service"])}
        category: saas
      targeting:
        job_titles: [Head of Marketing, Growth Lead, CMO]
        seniorities: [director, vp]
        industries: [software, internet]
        skills: [B2B marketing, demand generation]
"""
        for index in range(3)
    )
    searches = "".join(f"    - keywords: [{', '.join(rng.sample(['marketing', 'sales', 'growth', 'saas', 'b2b', 'seo', 'crm'], 3))}]\n" for _ in range(4))
    schedule = "".join(f"    - {{week: {week}, invitations: {rng.randint(30, 140)}}}\n" for week in range(1, 7))
    per_day = rng.randint(5, 45)
    return f"""# Outreach plan {seed}
version: 1
account:
  name: Account {seed}, B2B SaaS
  tier: {rng.choice(["free", "premium", "sales_navigator"])}
  age_days: {rng.randint(5, 2000)}
  connections: {rng.randint(100, 29000)}
  active_days_per_week: {rng.randint(1, 7)}
  ssi:
    brand: {rng.randint(5, 25)}
    people: {rng.randint(5, 25)}
    insights: {rng.randint(5, 25)}
    relationships: {rng.randint(5, 25)}
profile:
  photo: {rng.choice(["true", "false"])}
  banner: {rng.choice(["true", "false"])}
  headline: "Growth marketer | SaaS | demand generation | account {seed}"
  about: "I help B2B software companies build pipeline with content and outbound."
  experience: {rng.randint(0, 8)}
  skills: [demand generation, copywriting, hubspot, seo, analytics, positioning]
  volunteering: {rng.randint(0, 2)}
  recommendations: {rng.randint(0, 6)}
  certifications: {rng.randint(0, 4)}
  featured: {rng.randint(0, 5)}
  endorsements: {rng.randint(0, 80)}
prospecting:
  searches:
{searches}  searches_per_week: {rng.randint(0, 60)}
  companies_followed: {rng.randint(0, 40)}
  experts_list: {rng.randint(0, 30)}
outreach:
  invitations:
    per_day: {per_day}
    per_week: {per_day * rng.choice([5, 7])}
    note: {rng.choice(["personalized", "template", "none"])}
    note_template: "Hi {{first_name}}, I enjoyed your post on pipeline reviews and would like to connect."
  pending:
    sent: {rng.randint(0, 900)}
    withdraw_after_days: {rng.choice([14, 21, 30, 60])}
    received: {rng.randint(0, 40)}
  messages:
    per_day: {rng.randint(5, 120)}
    unread: {rng.randint(0, 30)}
  profile_views:
    per_day: {rng.randint(5, 200)}
  acceptance_rate: {rng.choice([0.12, 0.25, 0.34, 0.45])}
  follow_instead_of_connect: {rng.choice(["true", "false"])}
  schedule:
{schedule}content:
  per_week:
    posts: {rng.randint(0, 5)}
    reposts: {rng.randint(0, 8)}
    comments: {rng.randint(0, 20)}
    reactions: {rng.randint(0, 50)}
    photos: {rng.randint(0, 3)}
  per_month:
    articles: {rng.randint(0, 3)}
    polls: {rng.randint(0, 2)}
  groups: {rng.randint(0, 6)}
ads:
  campaigns:
{campaigns}"""


def generate(folder: Path, count: int) -> list[Path]:
    """Write `count` plans into folder and return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"plan{index:05d}.plan.yaml"
        path.write_text(plan_text(index), encoding="utf-8")
        paths.append(path)
    return paths


TARGETS = (
    (1, "ssi-lint", "yamllint", 1.0),
    (1000, "ssi-lint", FLOOR_NAME, 1.3),
    (1000, "ssi-lint -j 1", FLOOR_NAME, 2.3),
)
"""(plans, command, baseline, most): the command may take at most `most` times the baseline's time.

Met when both readings are: the ratio of the medians, and the paired ratio
(the median of each round's ratio, the two commands having run one after the
other in that round, so a slow phase of the machine slows both).
"""

Row = tuple[str, float, float, float, float, float, tuple[float, ...]]
"""command, median s, min s, max s, median CPU s, peak MiB, the seconds of each round"""


def measure(command: Sequence[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system, reaped children included) and peak RSS (MiB) of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{command[0]} exited with {process.returncode}: {' '.join(command[:6])} ...")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def instructions(command: Sequence[str]) -> int:
    """Instructions executed by a whole process and its children, as valgrind's callgrind counts them."""
    counted = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", "--trace-children=yes", *command],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False,
    )
    found = re.findall(r"Collected : (\d+)", counted.stderr)
    if counted.returncode not in (0, 1) or not found:
        raise SystemExit(f"valgrind could not count {' '.join(command[:6])} ...: {counted.stderr.strip()[-300:]}")
    return sum(int(number) for number in found)


def count(size: int, work: Path, without: set[str], before: Path | None = None) -> list[tuple[str, int]]:
    """Instructions per command over the same files (after one ordinary warm-up run each)."""
    folder = work / f"plans-{size}"
    files = generate(folder, size)
    table = commands(folder, files, ROOT / "ssi_lint" / "schema" / "plan.schema.json", before)
    parallel = {"ssi-lint", "ssi-lint (before)"} if size > 1 else set()  # a forked worker's count includes its parent's start-up
    table = {name: command for name, command in table.items() if name not in without | parallel}
    for command in table.values():
        measure(command)
    return [(name, instructions(command)) for name, command in table.items()]


def report_instructions(size: int, rows: list[tuple[str, int]]) -> str:
    """A Markdown table of instruction counts with ratios against ssi-lint."""
    ours = next(number for name, number in rows if name in ("ssi-lint", "ssi-lint -j 1"))
    lines = [f"### {size} plan{'s' if size != 1 else ''}: instructions", "", f"| command | instructions | ssi-lint{'' if size == 1 else ' -j 1'} / this |", "|---|---|---|"]
    lines += [f"| {name} | {number / 1e6:,.0f} M | {ours / number:.2f}x |" for name, number in rows]
    return "\n".join(lines)


def commands(folder: Path, files: list[Path], schema: Path, before: Path | None = None) -> dict[str, list[str]]:
    """The commands to compare, each over the same files; missing tools are left out.

    `before` is another ssi-lint executable (say, of an older version) timed alongside.
    """
    names = [str(path) for path in files]
    found = {
        "python -c pass": [sys.executable, "-c", "pass"],
        FLOOR_NAME: [sys.executable, "-c", FLOOR, *names],
    }
    if len(files) > 1 and (os.cpu_count() or 1) > 1:
        found[PARALLEL_FLOOR_NAME] = [sys.executable, "-c", FLOOR_PARALLEL, str(os.cpu_count()), *names]
    for label, executable in (("", BIN / "ssi-lint"), (" (before)", before)):
        if executable is not None:
            found[f"ssi-lint{label}"] = [str(executable), "--fail-on", "never", str(folder)]
            if len(files) > 1:
                found[f"ssi-lint -j 1{label}"] = [str(executable), "--fail-on", "never", "--jobs", "1", str(folder)]
    if (BIN / "yamllint").exists():
        found["yamllint"] = [str(BIN / "yamllint"), "-d", "relaxed", *names]
    if (BIN / "check-jsonschema").exists():
        found["check-jsonschema"] = [str(BIN / "check-jsonschema"), "--schemafile", str(schema), *names]
    return found


def bench(size: int, runs: int, work: Path, without: set[str], before: Path | None = None) -> list[Row]:
    """Median, min, max seconds, median CPU seconds and peak MiB per command, runs interleaved."""
    folder = work / f"plans-{size}"
    files = generate(folder, size)
    table = commands(folder, files, ROOT / "ssi_lint" / "schema" / "plan.schema.json", before)
    table = {name: command for name, command in table.items() if name not in without}
    times: dict[str, list[float]] = {name: [] for name in table}
    cpu: dict[str, list[float]] = {name: [] for name in table}
    memory: dict[str, float] = dict.fromkeys(table, 0.0)
    for name, command in table.items():  # one warm-up each
        measure(command)
    for _ in range(runs):
        for name, command in table.items():
            elapsed, used, peak = measure(command)
            times[name].append(elapsed)
            cpu[name].append(used)
            memory[name] = max(memory[name], peak)
    return [(name, statistics.median(t), min(t), max(t), statistics.median(cpu[name]), memory[name], tuple(t)) for name, t in times.items()]


def report(size: int, rows: list[Row]) -> str:
    """A Markdown table with ratios against ssi-lint."""
    ours = next(row[1] for row in rows if row[0] == "ssi-lint")
    lines = [
        f"### {size} plan{'s' if size != 1 else ''}",
        "",
        "| command | median s | min-max s | CPU s | peak MiB | ssi-lint / this |",
        "|---|---|---|---|---|---|",
    ]
    for name, median, low, high, used, peak, _ in rows:
        lines.append(f"| {name} | {median:.3f} | {low:.3f}-{high:.3f} | {used:.3f} | {peak:.0f} | {ours / median:.2f}x |")
    return "\n".join(lines)


def verdicts(results: dict[int, list[Row]]) -> str:
    """The targets table: each target's ratio of medians and paired ratio, and whether both meet it."""
    lines = ["| target | ratio of medians | paired ratio: median (min-max) | met? |", "|---|---|---|---|"]
    for size, name, baseline, most in TARGETS:
        rows = {row[0]: row for row in results.get(size, [])}
        if name in rows and baseline in rows:
            ratio = rows[name][1] / rows[baseline][1]
            paired = [ours / theirs for ours, theirs in zip(rows[name][6], rows[baseline][6], strict=True)]
            middle = statistics.median(paired)
            plans = f"{size:,} plan{'s' if size != 1 else ''}"
            lines.append(
                f"| {plans}: {name} <= {most}x {baseline} | {ratio:.2f}x ({rows[name][1]:.3f} s vs {rows[baseline][1]:.3f} s) "
                f"| {middle:.2f}x ({min(paired):.2f}-{max(paired):.2f}) | {'yes' if max(ratio, middle) <= most else 'no'} |"
            )
    return "\n".join(lines)


def scaling(results: dict[int, list[Row]]) -> str:
    """How much faster each size ran on every core than in one process: the floor's loads against ssi-lint's checks.

    The floor's shared loads need no coordination, so their speed-up is what
    the machine itself gives to parallel work (two busy cores may each run
    slower than one busy core does).
    """
    lines = []
    for size, rows in results.items():
        median = {row[0]: row[1] for row in rows}
        pairs = ((PARALLEL_FLOOR_NAME, FLOOR_NAME, "the floor"), ("ssi-lint", "ssi-lint -j 1", "ssi-lint"))
        found = [f"{label} {median[single] / median[shared]:.2f}x" for shared, single, label in pairs if shared in median and single in median]
        if found:
            lines.append(f"- {size:,} plans on {os.cpu_count()} cores, speed-up over one process: {', '.join(found)}")
    return "\n".join(lines)


def load_average() -> str:
    """The 1-minute load average, or `?` where the platform has none."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "?"


def main() -> None:
    """Parse options, run every size, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1,1000", help="comma-separated plan counts")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command")
    parser.add_argument("--without", default="", help="comma-separated commands to leave out (yamllint, check-jsonschema)")
    parser.add_argument("--before", type=Path, help="another ssi-lint executable to time alongside, as `ssi-lint (before)`")
    parser.add_argument("--instructions", action="store_true", help="count instructions under valgrind instead of timing")
    options = parser.parse_args()
    compileall.compile_dir(ROOT / "ssi_lint", quiet=1)  # as a wheel install would (PYTHONDONTWRITEBYTECODE may be set)
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)  # every command's warm-up run writes its bytecode, as an install does
    without = set(filter(None, options.without.split(",")))
    if options.before is not None:
        options.before = options.before.resolve()  # the commands run in another folder
    work = Path(tempfile.mkdtemp(prefix="ssi-lint-bench-"))
    os.environ["SSI_LINT_CACHE_DIR"] = str(work / "cache")
    results: dict[int, list[Row]] = {}
    started_in = Path.cwd()
    os.chdir(work)  # every command runs where the plans are, as in a project of plans, not in this repository (whose pyproject names ssi-lint)
    try:
        if options.instructions:
            for size in (int(part) for part in options.sizes.split(",")):
                print(report_instructions(size, count(size, work, without, options.before)), end="\n\n", flush=True)
            return
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {options.runs} runs each, load average {load_average()}\n")
        for size in (int(part) for part in options.sizes.split(",")):
            results[size] = bench(size, options.runs, work, without, options.before)
            print(report(size, results[size]), end="\n\n", flush=True)
        print(f"### Targets (load average {load_average()})\n\n{verdicts(results)}")
        speed_ups = scaling(results)
        if speed_ups:
            print(f"\n{speed_ups}")
    finally:
        os.chdir(started_in)
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
