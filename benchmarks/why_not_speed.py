"""Benchmark: why not, as the smallest change, for every core category not discussed in one scenario.

Times `with_smallest_changes` (the search plus the engine confirming every change it reports) on the case library,
on the empty scenario and on N generated scenarios (default 500). Prints median, p95 and worst milliseconds per
scenario. Target on the 2-core machine: <= 50 ms for all five categories of one scenario.
Run: .venv/bin/python benchmarks/why_not_speed.py [N] [SEED]
"""

from __future__ import annotations

import statistics
import sys
import time

from explorer import DISCLAIMER, Explorer, Scenario
from explorer.cases import load_cases
from explorer.sampling import random_scenarios
from explorer.smallest_change import why_not_search

TARGET_MS = 50.0


def measure(explorer: Explorer, scenarios: list[Scenario]) -> list[float]:
    search = why_not_search(explorer)
    times = []
    for scenario in scenarios:
        result = explorer.evaluate(scenario)  # evaluation is not part of the why-not budget
        start = time.perf_counter()
        search.attach(result)
        times.append((time.perf_counter() - start) * 1e3)
    return times


def line(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return f"{name:<22} {len(times):>5} {statistics.median(ordered):>9.1f} {p95:>8.1f} {ordered[-1]:>8.1f}"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 2026
    explorer = Explorer.load()
    cases = [c.scenario for c in load_cases()]
    measure(explorer, cases)  # warm-up: pack-level lookups and the engine
    rows = {
        "case library": measure(explorer, cases),
        "empty scenario": measure(explorer, [Scenario()] * 20),
        f"random (seed {seed})": measure(explorer, list(random_scenarios(n, seed))),
    }
    print("why not, as the smallest change: ms per scenario (all core categories not discussed)")
    print(f"{'scenarios':<22} {'n':>5} {'median':>9} {'p95':>8} {'worst':>8}")
    for name, times in rows.items():
        print(line(name, times))
    worst = max(max(t) for t in rows.values())
    print(f"target: <= {TARGET_MS:.0f} ms per scenario; worst seen {worst:.1f} ms: {'met' if worst <= TARGET_MS else 'NOT met'}")
    print(DISCLAIMER)


if __name__ == "__main__":
    main()
