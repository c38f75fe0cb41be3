"""Sweep throughput: N random valid scenarios on every core (target: 100,000 in <= 30 s on 2 cores).

Run: .venv/bin/python benchmarks/sweep_speed.py [--samples N] [--workers W] [--serial N]
Prints scenarios/s and wall time for the parallel sweep, and the single-process rate for comparison.
"""

from __future__ import annotations

import argparse
import os
import time

from explorer import DISCLAIMER, default_explorer
from explorer.space.influence import tally
from explorer.space.sweep import run_sweep
from explorer.space.factors import sample_rows

TARGET_SECONDS = 30.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--serial", type=int, default=10_000, help="scenarios for the single-process figure (0: skip)")
    args = parser.parse_args()
    explorer = default_explorer()
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} (other work slows the figures)")
    if args.serial:
        serial = run_sweep(sample_rows(args.serial, 1), explorer, workers=1)
        print(f"single process: {args.serial:,} scenarios in {serial.seconds:.2f} s = {serial.rate:,.0f} scenarios/s")
    started = time.perf_counter()
    sweep = run_sweep(sample_rows(args.samples, 0), explorer, workers=args.workers)
    summary = tally(sweep, pack=explorer.pack)
    wall = time.perf_counter() - started
    print(f"sweep: {args.samples:,} scenarios, {sweep.workers} workers: evaluation {sweep.seconds:.2f} s "
          f"({sweep.rate:,.0f} scenarios/s); with the summary tally {wall:.2f} s wall "
          f"({args.samples / wall:,.0f} scenarios/s)")
    print(f"{len(summary.cells()):,} factor-value x category cells tallied")
    verdict = "meets" if wall <= TARGET_SECONDS * args.samples / 100_000 else "MISSES"
    print(f"target: 100,000 in <= {TARGET_SECONDS:.0f} s -> {verdict} (pro rata for {args.samples:,})")
    print(DISCLAIMER)


if __name__ == "__main__":
    main()
