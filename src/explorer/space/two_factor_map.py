"""The category map over two factors' grid, other fields held at a base scenario."""

from __future__ import annotations

import csv
import io
import itertools
import json
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from pydantic import ValidationError

from ..api import Explorer
from ..categories import CATEGORIES
from ..disclaimer import DISCLAIMER
from ..errors import InputError
from ..scenario import Scenario
from .sweep import run_sweep
from .figures import AXIS, heatmap_spec
from .factors import Factor, row_of


@dataclass(frozen=True)
class PairCell:
    """One combination; `categories` is None when it is not a valid scenario."""

    a_level: Any
    a_label: str
    b_level: Any
    b_label: str
    categories: tuple[str, ...] | None
    rules: tuple[str, ...] = ()


@dataclass(frozen=True)
class PairMap:
    a: Factor
    b: Factor
    base: Scenario
    cells: tuple[PairCell, ...]


def pair_map(explorer: Explorer, base: Scenario, a: Factor, b: Factor) -> PairMap:
    """Evaluate every combination of a's and b's probe values over `base` (in this process)."""
    if a.name == b.name:
        raise InputError(f"pick two different factors (both are '{a.name}')")
    start = base.model_dump()
    combos: list[tuple[Any, Any, Scenario | None]] = []
    for pa, pb in itertools.product(a.probes, b.probes):
        data = dict(start)
        a.apply(data, pa)
        b.apply(data, pb)
        try:
            combos.append((pa, pb, Scenario.model_validate(data)))
        except ValidationError:
            combos.append((pa, pb, None))
    sweep = run_sweep([row_of(s) for _, _, s in combos if s is not None], explorer, workers=1)
    outcomes = iter(sweep)
    cells = []
    for pa, pb, scenario in combos:
        la, lb = a.probe_level(pa), b.probe_level(pb)
        outcome = next(outcomes) if scenario is not None else None
        cells.append(PairCell(la, a.level_label(la), lb, b.level_label(lb),
                              outcome.categories if outcome else None, outcome.rules if outcome else ()))
    return PairMap(a, b, base, tuple(cells))


NOT_VALID = "not a valid scenario"
PAIR_COLOURS = {"discussed": "#2166ac", "not discussed": "#f7f7f7", NOT_VALID: "#bdbdbd"}
# Written in each cell, so that a state never rests on colour alone ("not discussed" and "not valid" differ in word
# and mark, not just in shade).
PAIR_MARKS = {"discussed": "✓ yes", "not discussed": "✗ no", NOT_VALID: "invalid"}


def cell_state(cell: PairCell, category: str) -> str:
    """'discussed', 'not discussed' or NOT_VALID for one category in one cell."""
    if cell.categories is None:
        return NOT_VALID
    return "discussed" if category in cell.categories else "not discussed"


def pair_records(pair: PairMap) -> list[dict[str, Any]]:
    """One row per combination, one yes/no column per category (blank when not a valid scenario)."""
    out = []
    for cell in pair.cells:
        row: dict[str, Any] = {pair.a.name: cell.a_label, pair.b.name: cell.b_label,
                               "valid": cell.categories is not None}
        for cat in CATEGORIES:
            row[cat] = "" if cell.categories is None else ("yes" if cat in cell.categories else "no")
        out.append(row)
    return out


def pair_csv(pair: PairMap) -> str:
    records = pair_records(pair)
    out = io.StringIO()
    out.write(f"# {DISCLAIMER}\n")
    out.write(f"# other fields held at: {json.dumps(pair.base.public_dict(), ensure_ascii=False)}\n")
    writer = csv.DictWriter(out, fieldnames=list(records[0]) if records else [], lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


def pair_spec(pair: PairMap, category: str) -> dict[str, Any]:
    """The map for one category as Vega-Lite (rows: factor a, columns: factor b); the page draws it and the
    SVG/PNG downloads render it. Each cell also says its state in words (PAIR_MARKS), never colour alone."""
    records = [{"a": c.a_label, "b": c.b_label, "state": cell_state(c, category),
                "mark": PAIR_MARKS[cell_state(c, category)],
                "listed": ", ".join(c.categories) if c.categories is not None else "-"} for c in pair.cells]
    legend = {"orient": "bottom", "direction": "vertical", "labelColor": "#1b1b1b",
              "labelExpr": f"datum.label + ': ' + {json.dumps(PAIR_MARKS, ensure_ascii=False)}[datum.label]"}
    spec = heatmap_spec(
        records, title=[CATEGORIES[category], f"{pair.a.label} (rows) x {pair.b.label} (columns)"], step=34, wrap=45,
        description=f"{CATEGORIES[category]} over {pair.a.label} and {pair.b.label}.",
        x={"field": "b", "type": "nominal", "sort": list(dict.fromkeys(c.b_label for c in pair.cells)),
           "title": pair.b.label, "axis": {**AXIS, "labelAngle": -30, "labelLimit": 200}},
        y={"field": "a", "type": "nominal", "sort": list(dict.fromkeys(c.a_label for c in pair.cells)),
           "title": pair.a.label, "axis": {**AXIS, "labelLimit": 200}},
        color={"field": "state", "type": "nominal", "title": None, "legend": legend,
               "scale": {"domain": list(PAIR_COLOURS), "range": list(PAIR_COLOURS.values())}},
        tooltip=[{"field": "a", "type": "nominal", "title": pair.a.label},
                 {"field": "b", "type": "nominal", "title": pair.b.label},
                 {"field": "state", "type": "nominal", "title": CATEGORIES[category]},
                 {"field": "listed", "type": "nominal", "title": "Categories discussed"}],
    )
    cells = {"mark": spec.pop("mark"), "encoding": spec.pop("encoding")}
    spec["encoding"] = {"x": cells["encoding"].pop("x"), "y": cells["encoding"].pop("y")}  # shared by both layers
    words = {"mark": {"type": "text", "fontSize": 12, "fontWeight": "bold"},
             "encoding": {"text": {"field": "mark", "type": "nominal"},
                          "color": {"condition": {"test": "datum.state === 'discussed'", "value": "#ffffff"},
                                    "value": "#1b1b1b"}}}
    spec["layer"] = [cells, words]
    return spec


def illustrative_index(maps: Iterable[PairMap], categories: Sequence[str]) -> int:
    """The position of the first map over which every one of `categories` changes (else 0): a base scenario that
    shows something. `maps` may be lazy; it is read only as far as the first such map."""
    for i, pair in enumerate(maps):
        if all(varies(pair, cat) for cat in categories):
            return i
    return 0


def pair_table(pair: PairMap, category: str) -> list[dict[str, str]]:
    """The map for one category as rows of text (rows: factor a's values; columns: factor b's), each cell its mark."""
    rows: dict[str, dict[str, str]] = {}
    for c in pair.cells:
        rows.setdefault(c.a_label, {pair.a.label: c.a_label})[c.b_label] = PAIR_MARKS[cell_state(c, category)]
    return list(rows.values())


def varies(pair: PairMap, category: str) -> bool:
    """Whether the category is discussed in some valid combinations and not in others."""
    return len({cell_state(c, category) for c in pair.cells} - {NOT_VALID}) > 1
