"""A self-contained SVG heatmap (no plotting library needed) that carries the disclaimer.

Used for the figure downloads: vl-convert (Altair's SVG/PNG export) is not a dependency.
"""

from __future__ import annotations

import textwrap
from typing import Mapping, Sequence
from xml.sax.saxutils import escape

from ..disclaimer import DISCLAIMER

SHIFT_COLOURS = ("#b35806", "#f7f7f7", "#2166ac")  # lowers the chance, no change, raises it
CELL_W, CELL_H, FONT = 34, 18, 11


def _mix(a: str, b: str, t: float) -> str:
    pa = [int(a[i:i + 2], 16) for i in (1, 3, 5)]
    pb = [int(b[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(pa, pb))


def shift_colour(value: float, limit: float) -> str:
    """Diverging colour for a shift in [-limit, limit] (orange lowers, blue raises)."""
    if limit <= 0:
        return SHIFT_COLOURS[1]
    t = max(-1.0, min(1.0, value / limit))
    return _mix(SHIFT_COLOURS[1], SHIFT_COLOURS[2] if t > 0 else SHIFT_COLOURS[0], abs(t))


def heatmap_svg(
    rows: Sequence[str], cols: Sequence[str], cells: Mapping[tuple[str, str], tuple[str, str]], *,
    title: str, legend: Sequence[tuple[str, str]] = (),
) -> str:
    """rows x cols rectangles; cells[(row, col)] = (fill colour, tooltip). Missing cells are left blank."""
    left = 12 + int(FONT * 0.6 * max((len(r) for r in rows), default=0))
    top = 40 + int(FONT * 0.45 * max((len(c) for c in cols), default=0))
    width = max(left + CELL_W * len(cols) + 20, 560)
    body_bottom = top + CELL_H * len(rows)
    legend_y = body_bottom + 24
    notes = textwrap.wrap(DISCLAIMER, width=max(int((width - 20) / (FONT * 0.55)), 40))
    height = legend_y + 22 * bool(legend) + 16 * len(notes) + 16
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="{FONT}">',
        f"<title>{escape(title)}</title>",
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="10" y="20" font-size="{FONT + 3}" font-weight="bold">{escape(title)}</text>',
    ]
    for j, col in enumerate(cols):
        x = left + CELL_W * j + CELL_W / 2
        out.append(f'<text x="{x:.1f}" y="{top - 6}" transform="rotate(-45 {x:.1f} {top - 6})">{escape(col)}</text>')
    for i, row in enumerate(rows):
        y = top + CELL_H * i
        out.append(f'<text x="{left - 6}" y="{y + CELL_H - 5}" text-anchor="end">{escape(row)}</text>')
        for j, col in enumerate(cols):
            cell = cells.get((row, col))
            if cell is None:
                continue
            fill, tip = cell
            out.append(f'<rect x="{left + CELL_W * j}" y="{y}" width="{CELL_W}" height="{CELL_H}" fill="{fill}" '
                       f'stroke="#c4ccd4"><title>{escape(tip)}</title></rect>')
    x = 10
    for fill, text in legend:
        out.append(f'<rect x="{x}" y="{legend_y - 11}" width="14" height="14" fill="{fill}" stroke="#888888"/>')
        out.append(f'<text x="{x + 20}" y="{legend_y}">{escape(text)}</text>')
        x += 34 + int(FONT * 0.6 * len(text))
    y = legend_y + 22 * bool(legend)
    for line in notes:
        out.append(f'<text x="10" y="{y}" fill="#444444">{escape(line)}</text>')
        y += 16
    out.append("</svg>")
    return "\n".join(out) + "\n"
