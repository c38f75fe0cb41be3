"""The scenario-space figures as Vega-Lite specs, and their SVG/PNG files rendered by vl-convert.

The page draws the same spec the downloads render, so a downloaded figure matches the chart; every spec carries
the disclaimer as its subtitle, so it is in the figure and in the file.
"""

from __future__ import annotations

import textwrap
from typing import Any

from ..disclaimer import DISCLAIMER

SHIFT_COLOURS = ("#b35806", "#f7f7f7", "#2166ac")  # lowers the chance, no change, raises it
AXIS = {"labelOverlap": False, "labelColor": "#1b1b1b", "titleColor": "#1b1b1b"}
PNG_SCALE = 2  # twice the chart's pixels: sharp on a projector and in print


def heatmap_spec(records: list[dict[str, Any]], *, title: str | list[str], description: str, x: dict[str, Any],
                 y: dict[str, Any], color: dict[str, Any], tooltip: list[dict[str, Any]], step: int = 20,
                 wrap: int = 90) -> dict[str, Any]:
    """A rect heatmap over inline records, titled, with the disclaimer as its subtitle (lines of `wrap` characters:
    narrower for a chart in a column, so no line is cut); `description` (what a screen reader announces for the
    chart) is followed by the disclaimer."""
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": f"{description} {DISCLAIMER}",
        "title": {"text": title, "subtitle": textwrap.wrap(DISCLAIMER, wrap), "anchor": "start",
                  "subtitleColor": "#3d4a57"},
        "data": {"values": records},
        "mark": {"type": "rect", "stroke": "#c4ccd4"},
        "width": {"step": 40},
        "height": {"step": step},
        "encoding": {"x": x, "y": y, "color": color, "tooltip": tooltip},
        "padding": {"left": 6, "top": 6, "right": 6, "bottom": 6},  # an object: Streamlit sets padding.bottom
        "config": {"background": "#ffffff"},
    }


def figure_svg(spec: dict[str, Any]) -> str:
    import vl_convert  # imported on first download: its engine takes about a second to start

    return vl_convert.vegalite_to_svg(spec)


def figure_png(spec: dict[str, Any]) -> bytes:
    import vl_convert

    return vl_convert.vegalite_to_png(spec, scale=PNG_SCALE)
