"""Whole-process benchmark: `ssi-lint` on an export whose Invitations.csv has a million rows, and on a ZIP bomb.

    python plugins/ssi-lint-linkedin-export/benchmarks/million_invitations.py              # 1,000,000 rows, 3 runs
    python plugins/ssi-lint-linkedin-export/benchmarks/million_invitations.py --rows 200000 --runs 1

It writes `Basic_LinkedInDataExport_02-09-2026.zip` (made-up people, invitations
spread over three years, a fifth with a templated note, 5,000 connections)
and a "bomb" export (a few MB of ZIP holding 500 MB of invitation rows), then
runs `ssi-lint ARCHIVE --plugin ssi_lint_linkedin_export.plugin --format json`
on each in a fresh process and reports the wall time, the CPU time (user +
system, which other load on the machine affects less) and the peak resident
memory of the process (from `wait4`'s rusage, as `/usr/bin/time -v` does).
The archives are written by a separate process, so that the measured
processes do not inherit its memory.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

HEADER = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
CONNECTIONS = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
PLUGIN = "ssi_lint_linkedin_export.plugin"
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def us_time(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"\"{moment.month}/{moment.day}/{moment.year % 100}, {hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}\""


def invitation_rows(count: int, seed: int = 7) -> io.StringIO:
    """`count` invitation rows over the three years before 2026-02-09, newest first, as LinkedIn sorts them."""
    rng = random.Random(seed)
    end = datetime(2026, 2, 9, 18)
    span = 3 * 365 * 24 * 60
    minutes = sorted((rng.randrange(span) for _ in range(count)), reverse=False)
    out = io.StringIO()
    out.write(HEADER)
    for index, offset in enumerate(minutes):
        moment = end - timedelta(minutes=offset)
        outgoing = index % 4 != 0
        note = f"Hi Person{index}, let's connect about pricing." if index % 5 == 0 else ""
        me, other = "Jane Ownerton", f"Person{index} Example{index % 977}"
        url = f"https://www.linkedin.com/in/person-{index}"
        if outgoing:
            out.write(f"{me},{other},{us_time(moment)},{note},OUTGOING,https://www.linkedin.com/in/jane,{url}\n")
        else:
            out.write(f"{other},{me},{us_time(moment)},,INCOMING,{url},https://www.linkedin.com/in/jane\n")
    return out


def connection_rows(count: int) -> str:
    lines = [CONNECTIONS]
    for index in range(count):
        day = datetime(2023, 3, 1) + timedelta(days=index % 1000)
        lines.append(f"Person{index * 7},Example{index % 977},https://www.linkedin.com/in/person-{index * 7},,Acme,CEO,"
                     f"{day.day:02d} {MONTHS[day.month - 1]} {day.year}\n")
    return "".join(lines)


def write_export(folder: Path, rows: int) -> Path:
    path = folder / "Basic_LinkedInDataExport_02-09-2026.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Invitations.csv", invitation_rows(rows).getvalue())
        archive.writestr("Connections.csv", connection_rows(5000))
    return path


def write_bomb(folder: Path, megabytes: int = 500) -> Path:
    """A ZIP of a few MB whose Invitations.csv inflates to `megabytes` MB of identical rows."""
    path = folder / "bomb" / "Basic_LinkedInDataExport_02-09-2026.zip"
    path.parent.mkdir()
    row = b"Jane Ownerton,Some One,\"1/29/26, 2:37 PM\",,OUTGOING,https://www.linkedin.com/in/jane,https://www.linkedin.com/in/x\n"
    block = row * (1024 * 1024 // len(row))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("Invitations.csv", "w", force_zip64=True) as member:
            member.write(HEADER.encode())
            for _ in range(megabytes):
                member.write(block)
    return path


def measure(archive: Path) -> tuple[float, float, int, int]:
    """Wall seconds, CPU seconds, peak RSS in MiB and exit status of one `ssi-lint` process on the archive."""
    command = [sys.executable, "-m", "ssi_lint", str(archive), "--plugin", PLUGIN, "--format", "json", "--fail-on", "never"]
    env = {**os.environ, "SSI_LINT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, process.returncode


def report(name: str, archive: Path, runs: int) -> None:
    results = [measure(archive) for _ in range(runs)]
    times = [wall for wall, _, _, _ in results]
    cpu = [seconds for _, seconds, _, _ in results]
    peaks = [peak for _, _, peak, _ in results]
    print(f"{name}: {archive.stat().st_size / 1e6:.1f} MB ZIP; wall median {statistics.median(times):.2f} s "
          f"(min {min(times):.2f}, max {max(times):.2f}); CPU median {statistics.median(cpu):.2f} s; "
          f"peak RSS {max(peaks)} MiB; exit {results[-1][3]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--bomb-mb", type=int, default=500)
    parser.add_argument("--write", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write:
        write_export(args.write, args.rows)
        write_bomb(args.write, args.bomb_mb)
        return
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        started = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--write", str(folder), "--rows", str(args.rows), "--bomb-mb", str(args.bomb_mb)],
                       check=True)
        export = folder / "Basic_LinkedInDataExport_02-09-2026.zip"
        bomb = folder / "bomb" / "Basic_LinkedInDataExport_02-09-2026.zip"
        print(f"generated in {time.perf_counter() - started:.1f} s; {sys.version.split()[0]} on {os.cpu_count()} cores; "
              f"load average {os.getloadavg()[0]:.1f}")
        report(f"{args.rows:,} invitations", export, args.runs)
        report(f"{args.bomb_mb} MB bomb", bomb, args.runs)


if __name__ == "__main__":
    main()
