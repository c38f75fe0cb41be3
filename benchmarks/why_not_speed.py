"""Benchmark: why not, as the smallest change, for every core category not discussed in one scenario.

Times `with_smallest_changes` (the search plus the engine confirming every change it reports) on the case library,
on the empty scenario and on N generated scenarios (default 500). Prints median, p95 and worst milliseconds per
scenario, as CPU time of this process (the work; on the shared 2-core machine wall time also counts the time other
processes hold the CPU) and as wall time. Target: <= 50 ms for all five categories of one scenario.
Run: .venv/bin/python benchmarks/why_not_speed.py [N] [SEED]
"""

from __future__ import annotations

import gc
import statistics
import sys
import time

from explorer import DISCLAIMER, Explorer, Scenario
from explorer.cases import load_cases
from explorer.space.sampling import random_scenarios
from explorer.smallest_change import why_not_search

TARGET_MS = 50.0


def timed(explorer: Explorer, scenario: Scenario) -> tuple[float, float]:
    """(CPU ms, wall ms) for the why-not of one scenario."""
    result = explorer.evaluate(scenario)  # evaluation is not part of the why-not budget
    cpu, wall = time.process_time(), time.perf_counter()
    why_not_search(explorer).attach(result)
    return (time.process_time() - cpu) * 1e3, (time.perf_counter() - wall) * 1e3


def measure(explorer: Explorer, scenarios: list[Scenario]) -> tuple[list[float], list[float]]:
    pairs = [timed(explorer, scenario) for scenario in scenarios]
    return [c for c, _ in pairs], [w for _, w in pairs]


def figures(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return f"{statistics.median(ordered):>8.1f} {p95:>7.1f} {ordered[-1]:>7.1f}"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 2026
    explorer = Explorer.load()
    cases = [c.scenario for c in load_cases()]
    measure(explorer, cases)  # warm-up: pack-level lookups and the engine
    gc.freeze()  # as ui/serve.py does once the app is up: collections then skip the long-lived heap
    randoms = list(random_scenarios(n, seed))
    sets = {"case library": cases, "empty scenario": [Scenario()] * 20, f"random (seed {seed})": randoms}
    rows = {name: measure(explorer, scenarios) for name, scenarios in sets.items()}
    print("why not, as the smallest change: ms per scenario (all core categories not discussed)")
    print(f"{'scenarios':<22} {'n':>5} {'CPU median':>10} {'p95':>7} {'worst':>7} | {'wall median':>11} {'p95':>7} {'worst':>7}")
    for name, (cpu, wall) in rows.items():
        print(f"{name:<22} {len(cpu):>5} {figures(cpu):>26} | {figures(wall):>27}")
    worst = max(max(cpu) for cpu, _ in rows.values())
    print(f"target: <= {TARGET_MS:.0f} ms CPU per scenario; worst {worst:.1f} ms: {'met' if worst <= TARGET_MS else 'NOT met'}")
    print(DISCLAIMER)


if __name__ == "__main__":
    main()
