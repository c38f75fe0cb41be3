"""`explorer sweep --samples N [--seed S] | --grid F,F [--base FILE]`: decision factors across scenarios."""

from __future__ import annotations

import argparse
import os
import textwrap

from ..api import Explorer
from ..disclaimer import DISCLAIMER
from ..errors import InputError, preview
from ..space.influence import Tally, never_fired, never_shown, tally
from ..documents import read_document
from ..progress import ProgressLine
from ..scenario import Scenario, parse_scenario
from ..space.sweep import Sweep, run_sweep
from ..space.outcome_files import check_writable, write_outcomes
from ..space.factors import factors, grid_rows, resolve_factors, sample_rows
from .shared import explorer_for

MAX_SAMPLES = 1_000_000  # every outcome is kept in memory for the summary and --out


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "sweep", help="evaluate many scenarios and summarise which factors shift which option categories",
        description="Evaluate N random valid scenarios (--samples) or every combination of some factors' values "
                    "(--grid) and summarise how often the sources discuss each option category, and how each "
                    "factor value shifts that frequency. Grid values: every value of a field (stage: 1-4 and not "
                    "given); each symptom present/absent ('symptoms' = all seven); age: not given and the lowest "
                    "age of each band (0-17, 18-39, 40-64, 65-120, split further at any age a rule tests).",
        epilog=DISCLAIMER,
    )
    p.add_argument("--samples", metavar="N", help="number of random valid scenarios")
    p.add_argument("--seed", metavar="S", default="0", help="random seed for --samples (default 0)")
    p.add_argument("--grid", metavar="FACTOR,...", help="factors to enumerate, e.g. overall_health,extent")
    p.add_argument("--base", metavar="FILE", help="scenario file holding the other fields for --grid (default: empty)")
    p.add_argument("--out", metavar="FILE", help="write per-scenario outcomes to FILE (.csv or .jsonl)")
    p.add_argument("--workers", metavar="N", help=f"worker processes (default: every core, here {os.cpu_count()})")
    p.add_argument("--top", metavar="K", default="15", help="how many of the largest shifts to show (default 15)")
    p.add_argument("--min-n", metavar="N", help="ignore factor values seen fewer than N times "
                                                  "(default 20 for --samples, 1 for --grid)")
    p.add_argument("--rules", metavar="DIR", help="rules directory (default: the shipped rules/)")
    p.add_argument("--progress", action="store_true", help="show progress even when stderr is not a terminal")
    p.set_defaults(run=run)


def whole_number(option: str, text: str | None, *, minimum: int, default: int | None = None) -> int:
    """Parse an option's value as a whole number >= minimum, or raise InputError naming the option."""
    if text is None:
        if default is None:
            raise InputError(f"{option}: a value is required")
        return default
    try:
        value = int(text)
    except ValueError:
        raise InputError(f"{option}: expected a whole number, got {preview(text)}") from None
    if value < minimum:
        raise InputError(f"{option}: must be at least {minimum}, got {value}")
    return value


def load_base(path: str | None) -> Scenario:
    if path is None:
        return Scenario()
    try:
        data = read_document(path)
    except InputError as exc:
        raise InputError(f"--base {exc}") from None
    if isinstance(data, dict) and isinstance(data.get("scenario"), dict):
        data = data["scenario"]  # a case file
    return parse_scenario(data, f"--base {path}")


def run(args: argparse.Namespace) -> int:
    if (args.samples is None) == (args.grid is None):
        raise InputError("sweep: give exactly one of --samples N or --grid FACTOR,FACTOR,...")
    if args.samples is not None and args.base is not None:
        raise InputError("--base applies to --grid only (random samples draw every field)")
    workers = whole_number("--workers", args.workers, minimum=1, default=os.cpu_count() or 1)
    top = whole_number("--top", args.top, minimum=0)
    if args.out:
        check_writable(args.out)
    explorer = explorer_for(args.rules)
    table = factors(explorer.pack.rules)
    if args.samples is not None:
        n = whole_number("--samples", args.samples, minimum=1)
        if n > MAX_SAMPLES:
            raise InputError(f"--samples: at most {MAX_SAMPLES:,} per run (got {n:,}); run several seeds for more")
        seed = whole_number("--seed", args.seed, minimum=0)
        rows, what, skipped = sample_rows(n, seed), f"{n:,} random scenarios (seed {seed})", ""
        total, min_n = n, whole_number("--min-n", args.min_n, minimum=1, default=20)
    else:
        chosen = resolve_factors(args.grid.split(","), table)
        grid = grid_rows(chosen, load_base(args.base))
        if not grid.rows:
            raise InputError(f"--grid: none of the {grid.size:,} combinations is a valid scenario ({grid.invalid_example})")
        rows, total = grid.rows, len(grid.rows)
        what = f"a grid of {total:,} combinations of {', '.join(f.name for f in chosen)}"
        if args.base:
            what += f" over {args.base}"
        skipped = f"{grid.invalid:,} invalid combinations skipped, e.g. {grid.invalid_example}" if grid.invalid else ""
        min_n = whole_number("--min-n", args.min_n, minimum=1, default=1)
    progress = ProgressLine(total, enabled=True if args.progress else None)
    try:
        sweep = run_sweep(rows, explorer, workers=workers, progress=progress.update)
    finally:
        progress.close()
    count = write_outcomes(args.out, sweep) if args.out else 0
    result = tally(sweep, list(table.values()))
    print_summary(sweep, result, explorer, what, skipped, top, min_n)
    if args.out:
        print(f"\nWrote {count:,} outcomes to {args.out}")
    print(f"\n{DISCLAIMER}")
    return 0


def print_summary(sweep: Sweep, result: Tally, explorer: Explorer, what: str, skipped: str, top: int, min_n: int) -> None:
    print(f"Swept {what} in {sweep.seconds:.1f} s ({sweep.rate:,.0f} scenarios/s, "
          f"{sweep.workers} worker{'s' if sweep.workers != 1 else ''}).")
    if skipped:
        print(f"({skipped})")
    print("\nHow often the sources discuss each option category (all bases; on the scenario's own findings):")
    for cat, count in result.category_counts.items():
        label = explorer.pack.category_label(cat)
        specific = result.specific_counts.get(cat, 0)
        share, overall = (100 * specific / result.total, 100 * count / result.total) if result.total else (0.0, 0.0)
        print(f"  {label:<34} {overall:6.1f}%  ({count:,})   {share:6.1f}%  ({specific:,})")
    shifts = result.largest_shifts(top, min_n)
    seen = f"; factor values seen at least {min_n} times" if min_n > 1 else ""
    print(f"\nLargest shifts against the overall rate (top {top}{seen}):")
    if not shifts:
        print("  none: no factor value changes any category's rate")
    for c in shifts:
        level = c.level_label if c.level is None or isinstance(c.level, bool) else str(c.level)
        lift = f"x{c.lift:.2f}" if c.lift is not None else "  -"
        print(f"  {(c.factor + ' = ' + level)[:40]:<40} {c.category:<22} {100 * c.rate:5.1f}% vs {100 * c.overall:5.1f}%  "
              f"{c.shift_pp:+6.1f} pp  lift {lift}  (n={c.n:,})")
    unfired = never_fired(result)
    print(f"\nRules that never fired ({len(unfired)} of {len(result.rule_counts)}):")
    for rid in unfired:
        print(f"  {rid}: {explorer.pack.rule_index[rid].title}")
    if not unfired:
        print("  none")
    unshown = never_shown(result, explorer.pack)
    print(f"\nStatements never shown (cited by no fired rule; {len(unshown)} of {len(explorer.pack.statements)}):")
    print(textwrap.fill(", ".join(unshown) or "none", width=100, initial_indent="  ", subsequent_indent="  ",
                        break_on_hyphens=False))
