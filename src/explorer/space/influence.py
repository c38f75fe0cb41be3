"""Influence: how each factor value shifts the chance of each option category across a sweep.

For a factor value (e.g. cord_compression = yes) and a category, the shift is the category's rate
among the swept scenarios with that value minus its rate over all swept scenarios, in
percentage points; the lift is the ratio of the two rates.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Sequence

from ..api import Explorer
from ..categories import CATEGORIES, CORE_CATEGORIES
from ..disclaimer import DISCLAIMER
from ..rulepack import RulePack
from .sweep import Sweep, run_sweep
from .figures import AXIS, SHIFT_COLOURS, heatmap_spec
from .factors import FIELDS, Factor, factors, sample_rows


@dataclass(frozen=True)
class Cell:
    """One factor value x one category."""

    factor: str
    factor_label: str
    level: Any
    level_label: str
    category: str
    n: int  # scenarios with this factor value
    count: int  # ... of which list the category
    overall: float  # the category's rate over all scenarios

    @property
    def rate(self) -> float:
        return self.count / self.n if self.n else 0.0

    @property
    def shift_pp(self) -> float:
        """Difference from the overall rate, in percentage points."""
        return 100.0 * (self.rate - self.overall)

    @property
    def lift(self) -> float | None:
        return self.rate / self.overall if self.overall else None

    @property
    def row(self) -> str:
        return f"{self.factor_label}: {self.level_label}"


@dataclass(frozen=True)
class Tally:
    """Category counts overall and per factor value, and how often each rule fired."""

    total: int
    category_counts: dict[str, int]
    rule_counts: dict[str, int]
    factors: tuple[Factor, ...]
    levels: dict[tuple[str, Any], Counter]  # (factor, level) -> category -> count; key None = n
    specific_counts: dict[str, int] = field(default_factory=dict)  # discussed on the scenario's own findings

    def rate(self, category: str) -> float:
        return self.category_counts.get(category, 0) / self.total if self.total else 0.0

    def cells(self) -> list[Cell]:
        """Every factor value (levels in domain order, only those seen) x every category."""
        out = []
        for factor in self.factors:
            for level in factor.levels:
                counts = self.levels.get((factor.name, level))
                if not counts:
                    continue
                for cat in CATEGORIES:
                    out.append(Cell(factor.name, factor.label, level, factor.level_label(level), cat,
                                    counts[None], counts[cat], self.rate(cat)))
        return out

    def largest_shifts(self, top: int = 15, min_n: int = 1) -> list[Cell]:
        """The cells whose rate differs most from the overall rate (ties: factor order)."""
        cells = [c for c in self.cells() if c.n >= min_n and abs(c.shift_pp) > 1e-9]
        return sorted(cells, key=lambda c: -abs(c.shift_pp))[:top]


def tally(sweep: Sweep, chosen: Sequence[Factor] | None = None, pack: RulePack | None = None) -> Tally:
    """Count a sweep; `chosen` defaults to every factor (age bands from `pack`'s rules)."""
    chosen = tuple(chosen if chosen is not None else factors(pack.rules if pack else ()).values())
    cmap = sweep.categories
    by_mask = Counter(sweep.masks)
    category_counts = Counter()
    for mask, n in by_mask.items():
        for cat in cmap.names(mask):
            category_counts[cat] += n
    rule_counts = Counter(i for fired in sweep.fired for i in set(fired))
    specific_counts = Counter()
    for mask, n in Counter(cmap.specific_mask(fired) for fired in sweep.fired).items():
        for cat in cmap.names(mask):
            specific_counts[cat] += n
    at = {name: i for i, name in enumerate(FIELDS)}
    levels: dict[tuple[str, Any], Counter] = {}
    for factor in chosen:
        column = [factor.level(row[at[factor.attribute]]) for row in sweep.rows]
        for (level, mask), n in Counter(zip(column, sweep.masks)).items():
            counts = levels.setdefault((factor.name, level), Counter())
            counts[None] += n
            for cat in cmap.names(mask):
                counts[cat] += n
    return Tally(
        total=len(sweep), category_counts={c: category_counts.get(c, 0) for c in CATEGORIES},
        rule_counts={rid: rule_counts.get(i, 0) for i, rid in enumerate(cmap.rule_ids)},
        factors=chosen, levels=levels, specific_counts={c: specific_counts.get(c, 0) for c in CATEGORIES},
    )


def never_fired(result: Tally) -> list[str]:
    """Rules (pack order) that fired in no swept scenario."""
    return [rid for rid, n in result.rule_counts.items() if n == 0]


def never_shown(result: Tally, pack: RulePack) -> list[str]:
    """Catalogue statements (catalogue order) that no fired rule cites: never shown to a reader."""
    index = pack.rule_index
    shown = {s for rid, n in result.rule_counts.items() if n for s in index[rid].spec.cites}
    return [sid for sid in pack.statements if sid not in shown]


def sample_tally(explorer: Explorer, n: int, seed: int = 0) -> Tally:
    """Evaluate n random scenarios in this process (no worker pool) and count them (UI-sized sweeps)."""
    return tally(run_sweep(sample_rows(n, seed), explorer, workers=1), pack=explorer.pack)


def select_cells(cells: Sequence[Cell], factors: Sequence[str], core_only: bool) -> list[Cell]:
    """The cells of the chosen factors (by name), only the core categories when `core_only`."""
    chosen = set(factors)
    return [c for c in cells if c.factor in chosen and (not core_only or c.category in CORE_CATEGORIES)]


def strongest(cells: Sequence[Cell]) -> Cell:
    """The cell with the largest shift either way (the first such cell on a tie): where a reader starts."""
    return max(cells, key=lambda c: abs(c.shift_pp))


def shift_table(cells: Sequence[Cell]) -> list[dict[str, str]]:
    """Factor value x category as rows of text, the shift in points signed (+ more often, − less often): the
    heatmap as a table, for a screen too narrow for the chart."""
    rows: dict[str, dict[str, str]] = {}
    for c in cells:
        rows.setdefault(c.row, {"Factor value": c.row})[CATEGORIES[c.category]] = f"{c.shift_pp:+.1f}".replace("-", "−")
    return list(rows.values())


CELL_COLUMNS = ("factor", "factor_label", "level", "category", "category_label", "n", "count", "rate", "overall",
                "shift_pp", "lift")


def cell_records(cells: Sequence[Cell]) -> list[dict[str, Any]]:
    """Plain rows for tables and CSV (level as its label)."""
    return [
        {"factor": c.factor, "factor_label": c.factor_label, "level": c.level_label, "category": c.category,
         "category_label": CATEGORIES[c.category], "n": c.n, "count": c.count, "rate": round(c.rate, 6),
         "overall": round(c.overall, 6), "shift_pp": round(c.shift_pp, 4),
         "lift": None if c.lift is None else round(c.lift, 6)}
        for c in cells
    ]


def cells_csv(cells: Sequence[Cell]) -> str:
    """The heatmap's data as CSV, the disclaimer first as a '#' comment line."""
    out = io.StringIO()
    out.write(f"# {DISCLAIMER}\n")
    writer = csv.DictWriter(out, fieldnames=CELL_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(cell_records(cells))
    return out.getvalue()


def influence_spec(cells: Sequence[Cell],
                   title: str = "How much more (or less) often each category is discussed with each value (% points)",
                   ) -> dict[str, Any]:
    """The heatmap as Vega-Lite: factor values x categories, coloured by the shift in points (orange lowers, blue
    raises); the page draws it and the SVG/PNG downloads render it."""
    records = [{**r, "row": c.row} for r, c in zip(cell_records(cells), cells)]
    limit = max((abs(c.shift_pp) for c in cells), default=0.0) or 1.0
    return heatmap_spec(
        records, title=title, description="Heatmap of factor values against option categories; the CSV download "
                                          "has the same numbers.",
        x={"field": "category_label", "type": "nominal", "sort": list(CATEGORIES.values()), "title": None,
           "axis": {**AXIS, "labelAngle": -40, "labelLimit": 220}},
        y={"field": "row", "type": "nominal", "sort": list(dict.fromkeys(c.row for c in cells)), "title": None,
           "axis": {**AXIS, "labelLimit": 360}},
        color={"field": "shift_pp", "type": "quantitative", "title": "Shift (points)",
               "scale": {"domain": [-limit, 0, limit], "range": list(SHIFT_COLOURS)}},
        tooltip=[{"field": "row", "type": "nominal", "title": "Factor value"},
                 {"field": "category_label", "type": "nominal", "title": "Category"},
                 {"field": "rate", "type": "quantitative", "title": "Rate with this value", "format": ".1%"},
                 {"field": "overall", "type": "quantitative", "title": "Overall rate", "format": ".1%"},
                 {"field": "shift_pp", "type": "quantitative", "title": "Shift (points)", "format": "+.1f"},
                 {"field": "n", "type": "quantitative", "title": "Scenarios with this value", "format": ","}],
    )
